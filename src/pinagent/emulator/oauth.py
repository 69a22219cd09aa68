"""OAuth 2.0: the consent page (``/oauth/``) and ``POST /v5/oauth/token`` (FACTS.md §9).

Authorization codes live 10 minutes and are single-use; access tokens 30 days; refresh tokens
60 days with rotation (every refresh returns a new refresh token and invalidates the old one).
Errors of the token endpoint: bad client auth → 401 code 2; bad, expired, reused or mismatched code
or refresh token → 401 code 283 "The authorization grant is invalid"; missing or malformed
parameters → 400 code 1.
"""

from __future__ import annotations

import re
import secrets
from functools import partial
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from pinagent.emulator import auth
from pinagent.emulator.dispatch import Operation, Reply, RequestContext
from pinagent.emulator.errors import ApiError, authentication_failed, invalid_grant, invalid_parameter
from pinagent.emulator.state import Doc, Store, Tx

CODE_TTL = 600
ACCESS_TTL = 2_592_000
REFRESH_TTL = 5_184_000
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
SCOPE_DESCRIPTIONS = {
    "ads:read": "See your ad accounts, campaigns, ads and their performance",
    "ads:write": "Create and change campaigns, ad groups and ads",
    "boards:read": "See your public boards",
    "boards:read_secret": "See your secret boards",
    "boards:write": "Create, update or delete your public boards",
    "boards:write_secret": "Create, update or delete your secret boards",
    "pins:read": "See your public Pins",
    "pins:read_secret": "See your secret Pins",
    "pins:write": "Create, update or delete your public Pins",
    "pins:write_secret": "Create, update or delete your secret Pins",
    "user_accounts:read": "See your user account and followers",
}
_templates = jinja2.Environment(
    loader=jinja2.PackageLoader("pinagent.emulator", "templates"), autoescape=True, undefined=jinja2.StrictUndefined
)


def parse_scopes(raw: str) -> list[str]:
    """Scopes from Pinterest's comma-separated form (spaces tolerated), without duplicates."""
    return list(dict.fromkeys(s for s in re.split(r"[,\s]+", raw) if s))


def redirect_allowed(app: Doc, uri: str) -> bool:
    """A registered redirect URI, or any loopback ``http`` URI for apps that allow it."""
    if uri in app.get("redirect_uris", []):
        return True
    if not app.get("allow_loopback"):
        return False
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return False
    return parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS and not parts.fragment


def mint_tokens(tx: Tx, app_id: str, user_id: str, scopes: list[str], response_type: str) -> dict[str, Any]:
    """Store a new access/refresh token pair and return the token response."""
    now = tx.now()
    access, refresh = "pina_" + secrets.token_urlsafe(32), "pinr_" + secrets.token_urlsafe(32)
    scope = ",".join(scopes)
    for token, kind, ttl in ((access, "access", ACCESS_TTL), (refresh, "refresh", REFRESH_TTL)):
        tx.execute(
            "INSERT INTO tokens (token_hash, kind, user_id, app_id, scopes, issued_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (auth.token_hash(token), kind, user_id, app_id, scope, now, now + ttl),
        )
    return {
        "access_token": access,
        "token_type": "bearer",
        "expires_in": ACCESS_TTL,
        "scope": scope,
        "refresh_token": refresh,
        "refresh_token_expires_in": REFRESH_TTL,
        "refresh_token_expires_at": int(now + REFRESH_TTL),
        "response_type": response_type,
    }


# -- consent page -------------------------------------------------------------------------------


class ConsentError(Exception):
    """The authorize request cannot be shown or honoured (400 page, no redirect)."""


def _check_authorize(tx: Tx, client_id: str, redirect_uri: str, response_type: str, scope: str) -> Doc:
    app = tx.get("app", client_id) if client_id else None
    if app is None:
        raise ConsentError(f"Unknown app (client_id '{client_id}').")
    if not redirect_uri or not redirect_allowed(app, redirect_uri):
        raise ConsentError(f"The redirect URI '{redirect_uri}' is not registered for this app.")
    if response_type != "code":
        raise ConsentError("response_type must be 'code'.")
    scopes = parse_scopes(scope)
    unknown = [s for s in scopes if s not in auth.ALL_SCOPES]
    if not scopes or unknown:
        raise ConsentError(f"Invalid scope: '{scope}'. Use comma-separated Pinterest scopes.")
    return app


def _error_page(message: str) -> HTMLResponse:
    return HTMLResponse(_templates.get_template("error.html").render(message=message), status_code=400)


def _consent_view(tx: Tx, query: dict[str, str]) -> dict[str, Any]:
    client_id = query.get("client_id") or query.get("consumer_id") or ""
    redirect_uri, scope = query.get("redirect_uri", ""), query.get("scope", "")
    app = _check_authorize(tx, client_id, redirect_uri, query.get("response_type", ""), scope)
    default = tx.meta_get("default_username")
    users = sorted(tx.list("user"), key=lambda u: (u["username"] != default, u["username"]))
    return {
        "app": app,
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "state": query.get("state"),
        "users": users,
        "default_username": default or users[0]["username"],
        "scopes": [(s, SCOPE_DESCRIPTIONS.get(s, s)) for s in parse_scopes(scope)],
        "requested_scope": scope,
    }


def _decide(tx: Tx, form: dict[str, list[str]]) -> str:
    def one(name: str) -> str:
        return (form.get(name) or [""])[0]

    app = _check_authorize(tx, one("client_id"), one("redirect_uri"), "code", one("requested_scope"))
    redirect_uri, state = one("redirect_uri"), form.get("state")
    extra = {} if not state else {"state": state[0]}
    requested = parse_scopes(one("requested_scope"))
    granted = [s for s in requested if s in form.get("scope", [])]
    users = [u for u in tx.list("user") if u["username"] == one("username")]
    if one("decision") != "allow" or not granted:
        params = {"error": "access_denied", **extra}
    elif not users:
        raise ConsentError(f"Unknown user '{one('username')}'.")
    else:
        code = secrets.token_urlsafe(24)
        tx.execute(
            "INSERT INTO auth_codes (code_hash, app_id, user_id, redirect_uri, scopes, expires_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (auth.token_hash(code), app["id"], users[0]["id"], redirect_uri, ",".join(granted), tx.now() + CODE_TTL),
        )
        params = {"code": code, **extra}
    return redirect_uri + ("&" if "?" in redirect_uri else "?") + urlencode(params)


def consent_routes(store: Store) -> list[Route]:
    """``GET /oauth/`` (the consent page) and ``POST /oauth/`` (the person's decision)."""

    async def show(request: Request) -> Response:
        query = dict(request.query_params)
        try:
            view = await store.run(partial(_consent_view, query=query))
        except ConsentError as err:
            return _error_page(str(err))
        return HTMLResponse(_templates.get_template("consent.html").render(**view))

    async def decide(request: Request) -> Response:
        form: dict[str, list[str]] = {}
        for key, value in parse_qsl((await request.body()).decode("utf-8", "replace"), keep_blank_values=True):
            form.setdefault(key, []).append(value)
        try:
            location = await store.run(partial(_decide, form=form))
        except ConsentError as err:
            return _error_page(str(err))
        return RedirectResponse(location, status_code=302)

    return [Route("/oauth/", show, methods=["GET"]), Route("/oauth/", decide, methods=["POST"])]


# -- token endpoint -----------------------------------------------------------------------------


def _client(tx: Tx, ctx: RequestContext) -> Doc:
    creds = auth.client_credentials(ctx.headers.get("authorization"))
    app = None if creds is None else tx.get("app", creds[0])
    if app is None or creds is None or not secrets.compare_digest(str(app["secret"]), creds[1]):
        raise authentication_failed()
    return app


def _exchange_code(tx: Tx, app: Doc, form: dict[str, str]) -> dict[str, Any]:
    code, redirect_uri = form.get("code"), form.get("redirect_uri")
    if not code or not redirect_uri:
        raise invalid_parameter("'code' and 'redirect_uri' are required for grant_type=authorization_code.")
    row = tx.execute(
        "SELECT app_id, user_id, redirect_uri, scopes, expires_at, used FROM auth_codes WHERE code_hash=?",
        (auth.token_hash(code),),
    ).fetchone()
    if row is None or row[0] != app["id"] or row[2] != redirect_uri or row[4] <= tx.now() or row[5]:
        raise invalid_grant()
    tx.execute("UPDATE auth_codes SET used=1 WHERE code_hash=?", (auth.token_hash(code),))
    return mint_tokens(tx, app["id"], str(row[1]), [s for s in str(row[3]).split(",") if s], "authorization_code")


def _refresh(tx: Tx, app: Doc, form: dict[str, str]) -> dict[str, Any]:
    token = form.get("refresh_token")
    if not token:
        raise invalid_parameter("'refresh_token' is required for grant_type=refresh_token.")
    row = tx.execute(
        "SELECT app_id, user_id, scopes FROM tokens WHERE token_hash=? AND kind='refresh' AND revoked=0 "
        "AND expires_at > ?",
        (auth.token_hash(token), tx.now()),
    ).fetchone()
    if row is None or row[0] != app["id"]:
        raise invalid_grant()
    granted = [s for s in str(row[2]).split(",") if s]
    scopes = granted
    if form.get("scope"):
        scopes = parse_scopes(form["scope"])
        extra = [s for s in scopes if s not in granted]
        if extra:
            raise invalid_parameter(f"'scope' may only narrow the granted scopes; not granted: {', '.join(extra)}.")
    tx.execute("UPDATE tokens SET revoked=1 WHERE token_hash=?", (auth.token_hash(token),))
    return mint_tokens(tx, app["id"], str(row[1]), scopes, "refresh_token")


def token(ctx: RequestContext, tx: Tx) -> Reply:
    """``POST /v5/oauth/token`` (form-encoded, HTTP Basic client authentication)."""
    app = _client(tx, ctx)
    if "application/x-www-form-urlencoded" not in ctx.headers.get("content-type", ""):
        # The spec accepts only a form body here; a JSON body would hide a client bug.
        raise invalid_parameter("the token request must be application/x-www-form-urlencoded.")
    form = ctx.body if isinstance(ctx.body, dict) else {}
    grant_type = form.get("grant_type")
    if grant_type == "authorization_code":
        return Reply(_exchange_code(tx, app, form))
    if grant_type == "refresh_token":
        return Reply(_refresh(tx, app, form))
    if grant_type == "client_credentials":
        raise ApiError(400, 1, "Invalid parameter: grant_type 'client_credentials' is not supported by the emulator.")
    raise invalid_parameter("'grant_type' must be authorization_code or refresh_token (form-encoded body).")


TOKEN_OPERATION = Operation("oauth/token", "POST", "/v5/oauth/token", "org_read", (), token, auth="basic")

"""Bearer tokens, scopes and HTTP Basic client authentication."""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from pinagent.emulator.errors import authentication_failed, missing_scope
from pinagent.emulator.state import Doc, Tx

ALL_SCOPES = (
    "ads:read",
    "ads:write",
    "billing:read",
    "billing:write",
    "biz_access:read",
    "biz_access:write",
    "boards:read",
    "boards:read_secret",
    "boards:write",
    "boards:write_secret",
    "catalogs:read",
    "catalogs:write",
    "msot:write",
    "pins:read",
    "pins:read_secret",
    "pins:write",
    "pins:write_secret",
    "user_accounts:read",
    "user_accounts:write",
)


@dataclass(frozen=True)
class Principal:
    """The user and scopes behind a valid access token."""

    user: Doc
    scopes: frozenset[str]
    app_id: str


def token_hash(token: str) -> str:
    """Tokens and codes are stored hashed."""
    return hashlib.sha256(token.encode()).hexdigest()


def authenticate(tx: Tx, authorization: str | None) -> Principal:
    """Resolve ``Authorization: Bearer <token>``.

    Raises:
        ApiError: 401 code 2 if the header is missing or the token unknown, expired or revoked.
    """
    if not authorization:
        raise authentication_failed()
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise authentication_failed()
    row = tx.execute(
        "SELECT user_id, app_id, scopes FROM tokens WHERE token_hash=? AND kind='access' AND revoked=0 "
        "AND expires_at > ?",
        (token_hash(token.strip()), tx.now()),
    ).fetchone()
    if row is None:
        raise authentication_failed()
    user = tx.get("user", str(row[0]))
    if user is None:
        raise authentication_failed()
    return Principal(user, frozenset(s for s in str(row[2]).split(",") if s), str(row[1]))


def require_scopes(granted: frozenset[str], required: tuple[str, ...]) -> None:
    """Every scope in ``required`` must have been granted.

    Raises:
        ApiError: 401 code 3 naming the first missing scope.
    """
    for scope in required:
        if scope not in granted:
            raise missing_scope(scope)


def client_credentials(authorization: str | None) -> tuple[str, str] | None:
    """``(client_id, client_secret)`` from an HTTP Basic header, or ``None``."""
    if not authorization:
        return None
    scheme, _, encoded = authorization.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, sep, secret = decoded.partition(":")
    return (client_id, secret) if sep else None

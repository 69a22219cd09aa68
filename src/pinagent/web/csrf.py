"""Double-submit CSRF protection for the console's forms."""

from __future__ import annotations

import secrets

from starlette.requests import Request
from starlette.responses import Response

COOKIE = "pinagent_csrf"
FIELD = "csrf_token"


def csrf_token(request: Request) -> str:
    """The token for this browser (reused from its cookie, or new)."""
    token = request.cookies.get(COOKIE)
    if not token:
        token = request.state.__dict__.setdefault("new_csrf", secrets.token_urlsafe(24))
    return token


def remember(request: Request, response: Response) -> Response:
    if new := request.state.__dict__.get("new_csrf"):
        response.set_cookie(COOKIE, new, httponly=True, samesite="strict")
    return response


async def verify(request: Request) -> bool:
    form = await request.form()
    sent = form.get(FIELD)
    cookie = request.cookies.get(COOKIE)
    return bool(cookie) and isinstance(sent, str) and secrets.compare_digest(sent, cookie or "")

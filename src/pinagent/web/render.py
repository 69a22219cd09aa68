"""Template rendering with the console's shared context."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.templating import Jinja2Templates

from pinagent.changes.workspace_admin import pending_approval_count
from pinagent.web.csrf import csrf_token, remember

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


async def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render ``name`` with what every page shows: the Pinterest label, the approvals badge, the CSRF token."""
    services = request.app.state.services
    context.setdefault("pinterest_label", services.app.label)
    context.setdefault("emulated", services.app.emulated)
    context.setdefault(
        "pending_approvals", await pending_approval_count(services.db, await services.default_workspace_id())
    )
    context["csrf_token"] = csrf_token(request)
    response = templates.TemplateResponse(request, name, context, status_code=status_code)
    remember(request, response)
    return response

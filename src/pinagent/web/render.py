"""Template rendering with the console's shared context."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.templating import Jinja2Templates

from pinagent.web.csrf import csrf_token, remember

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    services = request.app.state.services
    context.setdefault("pinterest_label", services.app.label)
    context.setdefault("emulated", services.app.emulated)
    context["csrf_token"] = csrf_token(request)
    response = templates.TemplateResponse(request, name, context, status_code=status_code)
    remember(request, response)
    return response

"""Traffic recording for contract tests: one JSON line per ``/v5`` request.

Enabled when ``PINAGENT_EMULATOR_RECORD`` names a file. Tokens never reach the file: the
``Authorization`` header is dropped and token-like body fields are replaced by ``"***"``.
"""

from __future__ import annotations

import json
import os
import threading
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

ENV_VAR = "PINAGENT_EMULATOR_RECORD"
SECRET_FIELDS = frozenset({"access_token", "refresh_token", "code", "client_secret"})
DROPPED_HEADERS = frozenset({"authorization", "cookie", "set-cookie"})
_lock = threading.Lock()


def redact(value: Any) -> Any:
    """Copy of a JSON value with secret string fields replaced by ``"***"`` (error ``code`` ints stay)."""
    if isinstance(value, dict):
        return {k: "***" if k in SECRET_FIELDS and isinstance(v, str) else redact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


def record(request: Request, parsed_body: Any, response: Response, reply_body: Any, operation_id: str) -> None:
    """Append the exchange to the recording file, if recording is on."""
    target = os.environ.get(ENV_VAR)
    if not target:
        return
    line = {
        "method": request.method,
        "path": request.url.path,
        "query": request.url.query,
        "request_headers": {k: v for k, v in request.headers.items() if k.lower() not in DROPPED_HEADERS},
        "request_body": redact(parsed_body),
        "status": response.status_code,
        "response_headers": {k: v for k, v in response.headers.items() if k.lower() not in DROPPED_HEADERS},
        "response_body": redact(reply_body),
        "operation_id": operation_id,
    }
    text = json.dumps(line, separators=(",", ":"), ensure_ascii=False) + "\n"
    with _lock, open(target, "a", encoding="utf-8") as fh:
        fh.write(text)

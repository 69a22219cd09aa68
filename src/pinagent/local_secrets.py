"""Secrets generated once into the data dir (owner-only), shared by every process on it."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def read_or_create(path: Path, nbytes: int = 32) -> tuple[str, bool]:
    """The secret in ``path``, created with mode 0600 if missing; also says whether it was just created.

    O_EXCL makes two processes starting together agree on one secret instead of each writing its own.
    """
    if path.exists():
        return path.read_text().strip(), False
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(nbytes)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip(), False
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    return value, True

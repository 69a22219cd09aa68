"""An emulated Pinterest API v5 for tests and offline use (see docs/emulator.md).

Usable in-process (:func:`create_app`, :func:`emulated_pinterest`, the ``pinterest_emulator``
pytest fixture) or as a server (:func:`run_server`). It shares no code with ``pinagent.pinterest``.
"""

from pinagent.emulator.app import create_app
from pinagent.emulator.config import EmulatorConfig
from pinagent.emulator.generator import DEFAULT_APP_ID, DEFAULT_APP_SECRET, DEFAULT_USERNAME
from pinagent.emulator.inprocess import emulated_pinterest
from pinagent.emulator.server import run_server

__all__ = [
    "DEFAULT_APP_ID",
    "DEFAULT_APP_SECRET",
    "DEFAULT_USERNAME",
    "EmulatorConfig",
    "create_app",
    "emulated_pinterest",
    "run_server",
]

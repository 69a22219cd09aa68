"""Who the MCP server says it is. Kept free of heavy imports: the fast start answers from it."""

from __future__ import annotations

from pinagent import __version__

NAME = "pinagent"
TITLE = "pinagent — Pinterest for agents"
VERSION = __version__
INSTRUCTIONS = (
    "pinagent reads and changes a Pinterest Business account for the person you are helping. "
    "Money is in the ad account's currency units. Create/update tools never write: they return a "
    "change plan; show it to the person and call apply_change only when they agree. Create things "
    "PAUSED unless the person explicitly asks for ACTIVE. "
    "If unsure whether Pinterest is connected, call get_connection_status."
)

"""The agent's tool catalog: every tool with its toolset and annotations, and the server filters."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from mcp_types import ToolAnnotations

TOOLSETS = ("account", "ads", "audiences", "organic", "analytics", "changes", "insights")


@dataclass(frozen=True)
class ToolSpec:
    """One tool. ``read_only`` tools never change Pinterest or pinagent's change state."""

    fn: Callable[..., Awaitable[Any]]
    toolset: str
    title: str
    read_only: bool
    destructive: bool = False
    idempotent: bool = False

    @property
    def name(self) -> str:
        return self.fn.__name__

    @property
    def annotations(self) -> ToolAnnotations:
        # The MCP spec defines destructive/idempotent hints for non-read-only tools only, and
        # openWorldHint defaults to true; leaving out what carries no information saves context.
        if self.read_only:
            return ToolAnnotations(read_only_hint=True)
        return ToolAnnotations(read_only_hint=False, destructive_hint=self.destructive, idempotent_hint=self.idempotent)


def catalog() -> list[ToolSpec]:
    """Every tool pinagent offers, in a stable order."""
    from pinagent.tools import (
        account,
        ad_accounts,
        ad_groups,
        ads,
        analytics,
        audiences,
        campaigns,
        changes,
        insights,
        organic,
    )

    return [
        *account.TOOLS,
        *ad_accounts.TOOLS,
        *campaigns.TOOLS,
        *ad_groups.TOOLS,
        *ads.TOOLS,
        *audiences.TOOLS,
        *organic.TOOLS,
        *analytics.TOOLS,
        *changes.TOOLS,
        *insights.TOOLS,
    ]


class UnknownToolError(ValueError):
    pass


def select_tools(
    tools: Iterable[ToolSpec],
    *,
    read_only: bool = False,
    toolsets: Iterable[str] | None = None,
    include: Iterable[str] | None = None,
    exclude: Iterable[str] | None = None,
) -> list[ToolSpec]:
    """Narrow the catalog as ``--read-only``, ``--toolsets``, ``--tools`` and ``--exclude-tools`` ask.

    Raises:
        UnknownToolError: a toolset or tool name does not exist (the message lists the valid ones).
    """
    available = list(tools)
    names = {spec.name for spec in available}
    wanted_sets = set(toolsets) if toolsets else None
    wanted = set(include) if include else None
    unwanted = set(exclude or ())
    if wanted_sets and (bad := wanted_sets - set(TOOLSETS)):
        raise UnknownToolError(f"Unknown toolset(s) {sorted(bad)}; choose from {list(TOOLSETS)}.")
    for group in (wanted or set(), unwanted):
        if bad := group - names:
            raise UnknownToolError(f"Unknown tool(s) {sorted(bad)}; see `pinagent mcp --list-tools`.")
    return [
        spec
        for spec in available
        if (not read_only or spec.read_only)
        and (wanted_sets is None or spec.toolset in wanted_sets)
        and (wanted is None or spec.name in wanted)
        and spec.name not in unwanted
    ]

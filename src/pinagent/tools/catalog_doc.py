"""The README's tool table, generated from the registry (`python -m pinagent.tools.catalog_doc --write`)."""

from __future__ import annotations

import sys
from pathlib import Path

from pinagent.tools.registry import catalog

START = "<!-- tools-table:start -->"
END = "<!-- tools-table:end -->"


def render_table() -> str:
    lines = ["| Tool | Toolset | Kind | What it does |", "|---|---|---|---|"]
    for spec in catalog():
        kind = "read" if spec.read_only else ("apply" if spec.destructive else "plan")
        summary = (spec.fn.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ").replace("|", "\\|")
        lines.append(f"| `{spec.name}` | {spec.toolset} | {kind} | {summary} |")
    return "\n".join(lines)


def splice(readme: str) -> str:
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{render_table()}\n{END}{tail}"


def main() -> int:
    path = Path(sys.argv[2] if len(sys.argv) > 2 else "README.md")
    text = path.read_text()
    updated = splice(text)
    if "--write" in sys.argv:
        path.write_text(updated)
        return 0
    if updated != text:
        sys.stderr.write("README tool table is stale: run python -m pinagent.tools.catalog_doc --write\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

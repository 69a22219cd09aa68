"""The tool catalog: unique names, a toolset and annotations on every tool, docs in sync."""

from __future__ import annotations

from pathlib import Path

import pytest

from pinagent.tools.catalog_doc import splice
from pinagent.tools.registry import TOOLSETS, UnknownToolError, catalog, select_tools

README = Path(__file__).parents[1] / "README.md"


def test_every_tool_has_a_unique_name_toolset_and_summary() -> None:
    specs = catalog()
    names = [spec.name for spec in specs]
    assert len(names) == len(set(names))
    for spec in specs:
        assert spec.toolset in TOOLSETS
        assert spec.fn.__doc__, spec.name
        assert spec.title
        if spec.read_only:
            assert not spec.destructive


def test_filters_narrow_the_catalog_and_reject_unknown_names() -> None:
    specs = catalog()
    assert all(s.read_only for s in select_tools(specs, read_only=True))
    assert {s.toolset for s in select_tools(specs, toolsets=["analytics"])} == {"analytics"}
    assert [s.name for s in select_tools(specs, include=["get_campaign"])] == ["get_campaign"]
    assert "get_campaign" not in {s.name for s in select_tools(specs, exclude=["get_campaign"])}
    with pytest.raises(UnknownToolError, match="choose from"):
        select_tools(specs, toolsets=["nope"])
    with pytest.raises(UnknownToolError, match="no_such"):
        select_tools(specs, exclude=["no_such"])


def test_readme_tool_table_is_generated_from_the_registry() -> None:
    text = README.read_text()
    assert splice(text) == text, "run: python -m pinagent.tools.catalog_doc --write"

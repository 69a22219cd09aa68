"""Slim JSON schemas: an agent pays for every byte of tools/list in every conversation.

pydantic's schemas carry a ``title`` on every property and spell optional values as
``anyOf: [X, {"type": "null"}]`` with ``default: null``. Dropping the titles and folding the null
branch keeps the meaning (inputs still accept null; outputs never send it) at a fraction of the tokens.
"""

from __future__ import annotations

from typing import Any


def slim_schema(schema: dict[str, Any], *, output: bool) -> dict[str, Any]:
    """Rewrite ``schema`` in place (and return it)."""
    _inline_single_use_defs(schema)
    _slim(schema, output)
    return schema


def _inline_single_use_defs(schema: dict[str, Any]) -> None:
    """A definition used once costs more as ``$defs`` + ``$ref`` than written in place."""
    defs = schema.get("$defs")
    if not isinstance(defs, dict):
        return
    counts: dict[str, int] = {}

    def count(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                counts[ref[8:]] = counts.get(ref[8:], 0) + 1
            for value in node.values():
                count(value)
        elif isinstance(node, list):
            for item in node:
                count(item)

    count(schema)
    single = {name for name, n in counts.items() if n == 1 and name in defs}

    def inline(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref[8:] in single:
                del node["$ref"]
                node.update(defs[ref[8:]])
            for key, value in node.items():
                if key != "$defs":
                    inline(value)
        elif isinstance(node, list):
            for item in node:
                inline(item)

    inline(schema)
    for name in single:
        del defs[name]
    if not defs:
        del schema["$defs"]


def _slim(node: Any, output: bool) -> None:
    if isinstance(node, list):
        for item in node:
            _slim(item, output)
        return
    if not isinstance(node, dict):
        return
    node.pop("title", None)
    if output:
        # Field names and types tell an agent what comes back; the required list mostly repeats them.
        node.pop("required", None)
    if "default" in node and node["default"] is None:
        del node["default"]
    options = node.get("anyOf")
    numeric = ({"type": "number"}, {"type": "integer"}, {"type": "null"})
    if output and isinstance(options, list) and {"type": "number"} in options and all(o in numeric for o in options):
        del node["anyOf"]
        node["type"] = "number"
        options = None
    if isinstance(options, list) and {"type": "null"} in options and len(options) == 2:
        (other,) = [o for o in options if o != {"type": "null"}]
        if output:
            # Outputs leave out absent values instead of sending null.
            del node["anyOf"]
            node.update({k: v for k, v in other.items() if k not in node})
        elif isinstance(other.get("type"), str) and "$ref" not in other:
            del node["anyOf"]
            merged = {k: v for k, v in other.items() if k not in node}
            merged["type"] = [other["type"], "null"]
            node.update(merged)
    items = node.get("items")
    if output and node.get("type") == "array" and isinstance(items, dict) and ("properties" in items):
        # Element shapes of nested lists are documented by example in the first result an agent sees;
        # spelling them out in every tool's schema costs more than it tells.
        node["items"] = {"type": "object"}
    for key, value in list(node.items()):
        if key == "properties" and isinstance(value, dict):
            for prop in value.values():
                _slim(prop, output)
        elif isinstance(value, dict | list):
            _slim(value, output)

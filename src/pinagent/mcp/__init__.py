"""pinagent.mcp."""

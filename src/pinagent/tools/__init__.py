"""pinagent.tools."""

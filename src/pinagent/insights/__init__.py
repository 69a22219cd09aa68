"""pinagent.insights."""

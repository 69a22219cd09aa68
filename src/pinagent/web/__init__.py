"""pinagent.web."""

"""pinagent.changes."""

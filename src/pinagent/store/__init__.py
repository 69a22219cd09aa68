"""pinagent.store."""

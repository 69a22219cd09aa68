"""pinagent.connect."""

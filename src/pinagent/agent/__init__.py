"""pinagent.agent."""

"""pinagent: connect AI agents to Pinterest Business accounts."""

__version__ = "0.1.0"

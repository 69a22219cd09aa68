"""pinagent.emulator."""

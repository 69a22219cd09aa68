"""Failures of the connect flow, each phrased for the person who must act on it."""

from __future__ import annotations


class ConnectError(Exception):
    """The consent round trip or account choice could not be completed; the message says why."""


class NeedsReconnectError(Exception):
    """Pinterest no longer accepts this workspace's tokens (revoked, expired, or refresh failed)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NotConnectedError(Exception):
    """The workspace has no working Pinterest connection (never connected, or disconnected)."""

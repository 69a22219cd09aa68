"""Token vault: encrypts Pinterest tokens at rest with a key only the service holds."""

from __future__ import annotations

import base64
import hashlib
import logging
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from pinagent.local_secrets import read_or_create

logger = logging.getLogger(__name__)

KEY_FILE_NAME = "secret.key"


class VaultError(Exception):
    """A stored token cannot be decrypted (the secret key changed or the data is damaged)."""


class TokenVault:
    """Fernet (AES-128-CBC + HMAC-SHA256) over each token; the key derives from PINAGENT_SECRET_KEY."""

    def __init__(self, secret: str) -> None:
        digest = hashlib.sha256(secret.encode()).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(digest))

    def encrypt(self, token: str) -> str:
        return self._fernet.encrypt(token.encode()).decode()

    def decrypt(self, ciphertext: str) -> str:
        """Raises:
        VaultError: when the ciphertext was made with another key or was altered.
        """
        try:
            return self._fernet.decrypt(ciphertext.encode()).decode()
        except InvalidToken as exc:
            raise VaultError(
                "Stored Pinterest tokens cannot be decrypted with the current PINAGENT_SECRET_KEY; "
                "restore the previous key or reconnect Pinterest."
            ) from exc

    @classmethod
    def from_settings(cls, secret_key: str | None, data_dir: Path) -> TokenVault:
        """Use PINAGENT_SECRET_KEY, or a key generated once into the data dir (mode 0600)."""
        if secret_key:
            return cls(secret_key)
        return cls(_local_key(data_dir))


def _local_key(data_dir: Path) -> str:
    path = data_dir / KEY_FILE_NAME
    key, created = read_or_create(path)
    if not created:
        return key
    logger.warning(
        "PINAGENT_SECRET_KEY is not set: generated a local token-encryption key at %s (mode 0600). "
        "Set PINAGENT_SECRET_KEY when you run more than one machine.",
        path,
    )
    return key

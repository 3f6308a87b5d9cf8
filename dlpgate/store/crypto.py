"""Quarantined messages encrypted at rest: AES-256-GCM with a key from a file.

storage.encryption_key_file names a file holding 32 random bytes as 64 hex
digits (`dlpgate keygen PATH` writes one, mode 0600). The file must not be
readable by group or others. Each held message is stored as

    b"DLPGENC1" | key id (8 bytes) | nonce (12 bytes) | ciphertext + tag

The key id is the start of SHA-256(key), so a message sealed with another key
is reported as such instead of failing as "corrupt". The quarantine ID is the
associated data: a sealed message moved to another row does not open.
Rows written before encryption was switched on stay readable as they are.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"DLPGENC1"
KEY_ID_LEN = 8
NONCE_LEN = 12


class KeyFileError(ValueError):
    """The key file is missing, malformed or too open; one line for the operator."""


class SealedError(ValueError):
    """A sealed message cannot be opened (no key, another key, or tampered)."""


def key_id(key: bytes) -> bytes:
    return hashlib.sha256(key).digest()[:KEY_ID_LEN]


def load_key(path: str | Path) -> bytes:
    path = Path(path)
    try:
        st = path.stat()
        text = path.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"storage.encryption_key_file: cannot read {path}: {exc.strerror}") from None
    if st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyFileError(f"storage.encryption_key_file: {path} must not be readable by group or others (chmod 600)")
    try:
        key = bytes.fromhex(text.decode("ascii").strip())
    except (UnicodeDecodeError, ValueError):
        raise KeyFileError(f"storage.encryption_key_file: {path} must hold 64 hex digits (dlpgate keygen)") from None
    if len(key) != 32:
        raise KeyFileError(f"storage.encryption_key_file: {path} must hold a 32-byte key (64 hex digits)")
    return key


def write_key(path: str | Path) -> str:
    """A new random key in a new file (mode 0600); returns its key id in hex."""
    key = os.urandom(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key.hex() + "\n")
    return key_id(key).hex()


def is_sealed(blob: bytes | None) -> bool:
    return blob is not None and bytes(blob[: len(MAGIC)]) == MAGIC


class Cipher:
    def __init__(self, key: bytes):
        self._aead = AESGCM(key)
        self.key_id = key_id(key)

    @classmethod
    def from_file(cls, path: str | Path) -> Cipher:
        return cls(load_key(path))

    def seal(self, qid: str, raw: bytes) -> bytes:
        nonce = os.urandom(NONCE_LEN)
        head = MAGIC + self.key_id
        return head + nonce + self._aead.encrypt(nonce, raw, head + qid.encode())

    def open(self, qid: str, blob: bytes) -> bytes:
        blob = bytes(blob)
        head = blob[: len(MAGIC) + KEY_ID_LEN]
        if head[len(MAGIC):] != self.key_id:
            raise SealedError(f"held message {qid} was sealed with another key (id {head[len(MAGIC):].hex()})")
        nonce = blob[len(head) : len(head) + NONCE_LEN]
        try:
            return self._aead.decrypt(nonce, blob[len(head) + NONCE_LEN :], head + qid.encode())
        except InvalidTag:
            raise SealedError(f"held message {qid} failed its integrity check") from None


def open_blob(cipher: Cipher | None, qid: str, blob: bytes | None) -> bytes | None:
    """The plain bytes of a stored message, whether sealed or not."""
    if blob is None or not is_sealed(blob):
        return blob
    if cipher is None:
        raise SealedError(f"held message {qid} is encrypted and storage.encryption_key_file is not set")
    return cipher.open(qid, blob)

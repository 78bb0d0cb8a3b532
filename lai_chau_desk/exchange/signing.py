"""Ed25519 keys, signatures and fingerprints (``cryptography`` is imported lazily)."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class KeyPair:
    """Raw 32-byte Ed25519 private and public keys."""

    private: bytes
    public: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public)


def generate_key_pair() -> KeyPair:
    """A new random key pair for an installation."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    return KeyPair(key.private_bytes_raw(), key.public_key().public_bytes_raw())


def key_pair_from_seed(seed: bytes) -> KeyPair:
    """A deterministic key pair from 32 bytes (simulations and tests)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(seed).digest())
    return KeyPair(key.private_bytes_raw(), key.public_key().public_bytes_raw())


def sign(private: bytes, message: bytes) -> bytes:
    """The 64-byte Ed25519 signature of ``message``."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(private).sign(message)


@lru_cache(maxsize=4096)
def _public_key(public: bytes) -> Any:
    """The key object of raw public key bytes (cached: a batch meets each pinned key often)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    return Ed25519PublicKey.from_public_bytes(public)


def verify(public: bytes, signature: bytes, message: bytes) -> bool:
    """True when ``signature`` is a valid signature of ``message`` by ``public``."""
    from cryptography.exceptions import InvalidSignature

    try:
        _public_key(bytes(public)).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def fingerprint(public: bytes) -> str:
    """What the printed report shows: the first 16 bytes of SHA-256 of the raw public key in
    upper-case hex, groups of four (``3F2A 9C01 …``)."""
    digest = hashlib.sha256(public).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)

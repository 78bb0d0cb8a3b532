"""This installation's signing key: made on first use, kept in the database."""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING

from ..exchange.signing import KeyPair, fingerprint, generate_key_pair
from ..storage import exchange_repo
from .exchange_base import Clock, local_now

if TYPE_CHECKING:
    from ..storage.engine import Database


class SigningKeys:
    """The Ed25519 key pair every package this unit writes is signed with."""

    def __init__(self, db: Database, clock: Clock = local_now) -> None:
        self.db = db
        self.clock = clock

    def own_key(self) -> KeyPair:
        """This installation's Ed25519 key pair, made on first use."""
        with self.db.reading() as s:
            row = exchange_repo.key_pair(s)
            if row is not None:
                return KeyPair(row.private_key, row.public_key)
        with self.db.transaction() as s:
            row = exchange_repo.key_pair(s)  # another writer may have made it meanwhile
            if row is not None:
                return KeyPair(row.private_key, row.public_key)
            pair = generate_key_pair()
            moment = self.clock()
            moment = moment if moment.tzinfo else moment.astimezone()
            exchange_repo.add_key_pair(
                s, pair.private, pair.public, moment.astimezone(UTC).replace(tzinfo=None)
            )
            return KeyPair(pair.private, pair.public)

    def fingerprint(self) -> str:
        """The fingerprint printed on the report under the signature block."""
        return fingerprint(self.own_key().public)

"""Alembic environment: runs on the engine handed over in ``config.attributes``.

Foreign keys are switched off while migrations run: SQLite's batch mode rebuilds a table by
copying it and dropping the old one, and with foreign keys on that DROP would cascade and
delete every dependent row (attendance, directives of sessions…). After the migrations the
keys are checked and switched back on.
"""

from __future__ import annotations

from alembic import context

from lai_chau_desk.storage.models import Base

config = context.config
engine = config.attributes["engine"]

with engine.connect() as connection:
    raw = connection.connection.driver_connection  # outside any transaction: PRAGMA applies
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
            transaction_per_migration=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"migration left {len(broken)} rows with broken foreign keys")
    finally:
        raw.execute("PRAGMA foreign_keys=ON")

"""The writes of an import batch, through the SQLite driver (the import's hot path).

Each statement goes straight to ``sqlite3`` on the session's own connection, inside the
session's transaction, with values in exactly the form SQLAlchemy's column types store them
(``Uuid`` as 32 hex digits, ``DateTime`` as ``YYYY-MM-DD HH:MM:SS.ffffff``, ``Boolean`` as
0/1), so ORM reads see no difference. Skipping SQLAlchemy's per-statement compilation, type
processing and ORM savepoint bookkeeping takes the database share of importing a report from
about 2 ms to about 0.2 ms. A driver error is re-raised as SQLAlchemy's (a full disk is still
recognised by ``Database.transaction``).
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

FIGURE_COLUMNS = ("sessions", "participants", "union_members", "female", "ethnic_minority",
                  "materials", "supervisions", "recommendations")
RECEIVED_COLUMNS = ("id", "package_id", "kind", "unit_code", "unit_name", "parent_code",
                    "period_code", "revision", "payload_sha256", "package_sha256", "fingerprint",
                    "created_at", "created_at_text", "imported_at", "via_id", "status", "review",
                    "review_comment", "reviewed_at", "data")
_INSERT_RECEIVED = (f"INSERT INTO received_package ({', '.join(RECEIVED_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(RECEIVED_COLUMNS))})")
_INSERT_FIGURES = (f"INSERT INTO received_figures (unit_code, period_code, package_row_id, "
                   f"details, {', '.join(FIGURE_COLUMNS)}) "
                   f"VALUES ({', '.join('?' * (4 + len(FIGURE_COLUMNS)))})")
_DELETE_FIGURES = "DELETE FROM received_figures WHERE unit_code = ? AND period_code = ?"
_SUPERSEDE = "UPDATE received_package SET status = 'superseded' WHERE id = ?"
_DELETE_FIGURES_OF = "DELETE FROM received_figures WHERE package_row_id = ?"
_RETIRE_PIN = "UPDATE pinned_key SET retired_at = ? WHERE unit_code = ? AND retired_at IS NULL"
_INSERT_PIN = ("INSERT INTO pinned_key (id, unit_code, public_key, fingerprint, pinned_at, "
               "retired_at, how) VALUES (?, ?, ?, ?, ?, NULL, ?)")
_INSERT_UNIT = ("INSERT INTO unit (id, code, name, short_name, parent_code, level, parent_body, "
                "place_name, valid_from, valid_to, origin, user_edited) "
                "VALUES (?, ?, ?, '', ?, ?, '', ?, NULL, NULL, 'package', 0)")
_SAVEPOINT = "lcd_import_package"


def stored_datetime(moment: datetime | None) -> str | None:
    """The text SQLAlchemy's SQLite ``DateTime`` type stores for a naive datetime."""
    if moment is None:
        return None
    return (f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d} {moment.hour:02d}:"
            f"{moment.minute:02d}:{moment.second:02d}.{moment.microsecond:06d}")


def _hex(value: uuid.UUID | None) -> str | None:
    return None if value is None else value.hex


class ImportWriter:
    """Driver-level writes of received packages, pins, units and figures for one batch."""

    def __init__(self, s: Session) -> None:
        self._con: sqlite3.Connection = s.connection().connection.driver_connection  # type: ignore[assignment]

    def _run(self, sql: str, params: tuple = ()) -> None:
        try:
            self._con.execute(sql, params)
        except sqlite3.Error as exc:
            raise DBAPIError.instance(sql, params, exc, sqlite3.Error) from exc

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """All or nothing: every write inside is undone when the block raises."""
        self._run(f"SAVEPOINT {_SAVEPOINT}")
        try:
            yield
        except BaseException:
            self._run(f"ROLLBACK TO {_SAVEPOINT}")
            self._run(f"RELEASE {_SAVEPOINT}")
            raise
        self._run(f"RELEASE {_SAVEPOINT}")

    def pin(self, unit_code: str, public: bytes, fingerprint: str, how: str, now: datetime,
            retire: bool) -> None:
        """Pin ``public`` as the unit's key (retiring the key in force when ``retire``)."""
        stamp = stored_datetime(now)
        if retire:
            self._run(_RETIRE_PIN, (stamp, unit_code))
        self._run(_INSERT_PIN, (uuid.uuid4().hex, unit_code, public, fingerprint, stamp, how))

    def insert_unit(self, code: str, name: str, parent_code: str | None, level: str,
                    place_name: str) -> None:
        """A unit that arrived with a package (origin ``package``)."""
        self._run(_INSERT_UNIT, (uuid.uuid4().hex, code, name, parent_code, level, place_name))

    def insert_received(self, values: dict[str, Any]) -> None:
        """A received package row; ``values`` holds every column as the model types it."""
        row = []
        for column in RECEIVED_COLUMNS:
            value = values[column]
            if isinstance(value, uuid.UUID):
                value = value.hex
            elif isinstance(value, datetime):
                value = stored_datetime(value)
            row.append(value)
        self._run(_INSERT_RECEIVED, tuple(row))

    def supersede(self, row_id: uuid.UUID) -> None:
        """Mark a held revision as history and drop its figures."""
        self._run(_SUPERSEDE, (row_id.hex,))
        self._run(_DELETE_FIGURES_OF, (row_id.hex,))

    def save_figures(self, row_id: uuid.UUID, unit_code: str, period_code: str, figures: dict,
                     replace: bool) -> None:
        """The figures of the report ``row_id`` for its unit and period."""
        if replace:
            self._run(_DELETE_FIGURES, (unit_code, period_code))
        self._run(_INSERT_FIGURES, (
            unit_code, period_code, _hex(row_id),
            json.dumps(figures, ensure_ascii=False, sort_keys=True),
            *(int(figures.get(c, 0)) for c in FIGURE_COLUMNS)))

"""The writes of an import batch: SQLAlchemy Core statements, executed many rows at a time
inside the session's own (ORM) transaction.

A report's writes are collected once every check has passed (a refused package adds
nothing) and written with the other packages' in one ``executemany`` per table; a driver
error (a full disk) propagates to ``Database.transaction``, which rolls the whole batch back
and words it.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, delete, update
from sqlalchemy.orm import Session

from ..domain.figures import COUNTS
from .exchange_models import PinnedKeyRow, ReceivedFiguresRow, ReceivedPackageRow
from .models import UnitRow

# The count columns of ``received_figures``: the domain's declaration (checked by a test).
FIGURE_COLUMNS = COUNTS

_RECEIVED: Table = ReceivedPackageRow.__table__  # type: ignore[assignment]
_FIGURES: Table = ReceivedFiguresRow.__table__  # type: ignore[assignment]
_PINS: Table = PinnedKeyRow.__table__  # type: ignore[assignment]
_UNITS: Table = UnitRow.__table__  # type: ignore[assignment]


def insert_many(s: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert complete rows (a value for every column of ``table``) with the driver's
    ``executemany``, each value converted by its column type's own bind processor: the rows
    ``s.execute(insert(table), rows)`` writes (a test compares them), without its per-row
    parameter assembly, a third of a grassroots import's write time."""
    conn = s.connection()
    dialect = conn.dialect
    columns = list(table.columns)
    pairs = [(c.key, c.type.dialect_impl(dialect).bind_processor(dialect)) for c in columns]
    values = [tuple([r[n] if f is None else f(r[n]) for n, f in pairs]) for r in rows]
    sql = (
        f"INSERT INTO {table.name} ({', '.join(c.name for c in columns)}) "
        f"VALUES ({', '.join('?' * len(columns))})"
    )
    conn.exec_driver_sql(sql, values)


@dataclass
class ImportWriter:
    """The rows one package adds or changes, written at once by :meth:`flush`."""

    s: Session
    units: list[dict[str, Any]] = field(default_factory=list)
    retire: list[dict[str, Any]] = field(default_factory=list)
    pins: list[dict[str, Any]] = field(default_factory=list)
    superseded: list[dict[str, Any]] = field(default_factory=list)
    received: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    waiting: dict[Any, dict[str, Any]] = field(default_factory=dict)  # received rows by id

    def pin(
        self, unit_code: str, public: bytes, fingerprint: str, how: str, now: datetime, retire: bool
    ) -> None:
        """Pin ``public`` as the unit's key (retiring the key in force when ``retire``)."""
        if retire:
            self.retire.append({"code": unit_code, "at": now})
        self.pins.append(
            {
                "id": uuid.uuid4(),
                "unit_code": unit_code,
                "public_key": public,
                "fingerprint": fingerprint,
                "pinned_at": now,
                "retired_at": None,
                "how": how,
            }
        )

    def insert_unit(
        self, code: str, name: str, parent_code: str | None, level: str, place_name: str
    ) -> None:
        """A unit that arrived with a package (origin ``package``)."""
        self.units.append(
            {
                "id": uuid.uuid4(),
                "code": code,
                "name": name,
                "short_name": "",
                "parent_code": parent_code,
                "level": level,
                "parent_body": "",
                "place_name": place_name,
                "valid_from": None,
                "valid_to": None,
                "origin": "package",
                "user_edited": False,
            }
        )

    def insert_received(self, values: dict[str, Any]) -> None:
        self.received.append(values)

    def supersede(self, row_id: uuid.UUID) -> None:
        """Mark a held revision as history and drop its figures."""
        self.superseded.append({"row": row_id})

    def save_figures(
        self, row_id: uuid.UUID, unit_code: str, period_code: str, figures: dict
    ) -> None:
        """The figures of the report ``row_id`` for its unit and period."""
        self.figures.append(
            {
                "unit_code": unit_code,
                "period_code": period_code,
                "package_row_id": row_id,
                "details": json.dumps(figures, ensure_ascii=False, sort_keys=True),
                **{c: int(figures.get(c, 0)) for c in FIGURE_COLUMNS},
            }
        )

    def size(self) -> int:
        return len(self.received) + len(self.units) + len(self.pins)

    def absorb(self, other: ImportWriter) -> None:
        """Take over the rows ``other`` collected (one package's, once it was accepted). A
        change to a row still waiting here (a revision or a pin of an earlier package of the
        same batch) is applied to it in memory, since the rows are written after the changes."""
        waiting = self.waiting  # kept up to date, never rebuilt (a batch of n: n, not n²)
        for change in other.superseded:
            row = waiting.get(change["row"])
            if row is None:
                self.superseded.append(change)
            else:
                row["status"] = "superseded"
                self.figures[:] = [f for f in self.figures if f["package_row_id"] != row["id"]]
        for change in other.retire:
            for pin in self.pins:
                if pin["unit_code"] == change["code"] and pin["retired_at"] is None:
                    pin["retired_at"] = change["at"]
            self.retire.append(change)
        for mine, theirs in (
            (self.units, other.units),
            (self.pins, other.pins),
            (self.received, other.received),
            (self.figures, other.figures),
        ):
            mine.extend(theirs)
        for row in other.received:
            waiting[row["id"]] = row
        other.clear()

    def flush(self) -> None:
        """Write everything collected (inside the caller's savepoint), then forget it."""
        s = self.s
        if self.units:
            insert_many(s, _UNITS, self.units)
        if self.retire:
            s.execute(
                update(_PINS)
                .where(_PINS.c.unit_code == bindparam("code"), _PINS.c.retired_at.is_(None))
                .values(retired_at=bindparam("at")),
                self.retire,
            )
        if self.pins:
            insert_many(s, _PINS, self.pins)
        if self.superseded:
            s.execute(
                update(_RECEIVED)
                .where(_RECEIVED.c.id == bindparam("row"))
                .values(status="superseded"),
                self.superseded,
            )
            s.execute(
                delete(_FIGURES).where(_FIGURES.c.package_row_id == bindparam("row")),
                self.superseded,
            )
        if self.received:
            insert_many(s, _RECEIVED, self.received)
        if self.figures:
            insert_many(s, _FIGURES, self.figures)
        self.clear()

    def clear(self) -> None:
        for rows in (
            self.units,
            self.retire,
            self.pins,
            self.superseded,
            self.received,
            self.figures,
        ):
            rows.clear()
        self.waiting.clear()

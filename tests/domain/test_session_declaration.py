"""A session's counted fields are declared once (``SESSION_COUNTS`` in ``domain/sessions.py``):
this fails when a table, a schema, a figure or a label list disagrees with it (issue 13)."""

from __future__ import annotations

import dataclasses

from lai_chau_desk.domain.figures import COUNTS, PeriodFigures
from lai_chau_desk.domain.sessions import (
    ATTENDANCE,
    FLAG,
    SESSION_COUNTS,
    SESSION_FIELDS,
    Attendance,
    DisseminationSession,
    count_values,
)
from lai_chau_desk.exchange.schema import schema
from lai_chau_desk.reports.labels import EN, SUMMARY_ROWS, VI
from lai_chau_desk.storage.models import SessionRow


def test_every_counted_field_is_a_record_field_and_sums_into_a_count() -> None:
    attendance = {f.name for f in dataclasses.fields(Attendance)}
    own = {f.name for f in dataclasses.fields(DisseminationSession)}
    for c in SESSION_COUNTS:
        assert c.name in (attendance if c.kind == ATTENDANCE else own), c
        assert c.figure in COUNTS, c
    assert {c.name for c in SESSION_COUNTS if c.kind == ATTENDANCE} == attendance


def test_session_table_columns_and_covering_index_are_the_declaration() -> None:
    columns = SessionRow.__table__.columns
    assert set(SESSION_FIELDS) <= set(columns.keys())
    for c in SESSION_COUNTS:
        assert (columns[c.name].type.python_type is bool) == (c.kind == FLAG), c
    (index,) = [i for i in SessionRow.__table__.indexes if i.name == "ix_session_figures"]
    assert set(SESSION_FIELDS) <= {col.name for col in index.columns}


def test_payload_session_properties_are_the_declaration() -> None:
    session = schema("report")["$defs"]["session"]
    for c in SESSION_COUNTS:
        assert c.name in session["properties"] and c.name in session["required"], c
        kind = session["properties"][c.name]
        assert (kind == {"type": "boolean"}) == (c.kind == FLAG), c
    x = DisseminationSession(
        held_on=None, title="t", interpreted=True, materials=3, attendance=Attendance(5, 4, 3, 2)
    )
    assert count_values(x) == {
        "participants": 5,
        "union_members": 4,
        "female": 3,
        "ethnic_minority": 2,
        "materials": 3,
        "interpreted": True,
    }


def test_every_count_has_a_summary_row_and_labels() -> None:
    assert {name for _key, name in SUMMARY_ROWS} == set(COUNTS)
    for key, name in SUMMARY_ROWS:
        assert key in VI and key in EN, key
        assert hasattr(PeriodFigures("U", "P"), name)

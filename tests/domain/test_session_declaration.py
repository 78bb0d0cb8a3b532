"""A session's counted fields are declared once (``SESSION_COUNTS`` in ``domain/sessions.py``):
this fails when a table, a schema, a figure or a label list disagrees with it (issue 13)."""

from __future__ import annotations

import argparse
import dataclasses
import io

from sqlalchemy import Boolean, Integer

from lai_chau_desk.cli.commands_records import add_count_options, count_args
from lai_chau_desk.domain.figures import COUNTS, FIGURES, MANIFEST_FIGURES, PeriodFigures
from lai_chau_desk.domain.sessions import (
    AMOUNT,
    ATTENDANCE,
    FLAG,
    SESSION_COUNTS,
    SESSION_FIELDS,
    Attendance,
    DisseminationSession,
    count_values,
)
from lai_chau_desk.domain.text import nfc
from lai_chau_desk.exchange.schema import schema
from lai_chau_desk.exchange.schema_fields import DERIVED, declared
from lai_chau_desk.reports.labels import EN, SUMMARY_ROWS, VI, dissemination_rows
from lai_chau_desk.reports.pdf_appendix import session_columns, unit_columns
from lai_chau_desk.reports.xlsx import render_xlsx
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
    counted = {c.name for c in columns if isinstance(c.type, Integer | Boolean)}
    assert counted == set(SESSION_FIELDS)  # exactly: no count column kept by hand
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
    assert [name for _key, name in SUMMARY_ROWS] == list(dict.fromkeys(COUNTS_SHOWN))
    assert {name for _key, name in SUMMARY_ROWS} == set(COUNTS)
    for key, name in SUMMARY_ROWS:
        assert key == f"row_{name}" and key in VI and key in EN, key
        assert hasattr(PeriodFigures("U", "P"), name)


COUNTS_SHOWN = [f for _n, f in dissemination_rows()] + list(COUNTS)


def test_every_declared_count_is_worded_in_both_languages() -> None:
    """The labels a new count needs (reports/labels.py and the declaration's own)."""
    for lang in (VI, EN):
        for name in COUNTS:
            assert f"row_{name}" in lang and f"col_{name}" in lang, name
        for c in SESSION_COUNTS:
            assert f"col_{c.name}" in lang, c
            if c.kind in (FLAG, AMOUNT):
                assert "{n}" in lang[f"sentence_{c.figure}"], c
            if c.kind == FLAG:
                assert lang[f"mark_{c.name}"], c
    for c in SESSION_COUNTS:
        assert c.label and c.label_en and c.label == nfc(c.label), c


def test_dissemination_table_lists_every_session_figure_once() -> None:
    figures = [f for _n, f in dissemination_rows()]
    assert figures[0] == "sessions" and len(figures) == len(set(figures))
    assert set(figures) == {"sessions", *(c.figure for c in SESSION_COUNTS)}
    assert set(session_columns()) <= set(SESSION_COUNTS) and set(unit_columns()) <= set(COUNTS)


def test_schema_session_and_figure_fields_are_the_declaration() -> None:
    assert declared("report", "session") == SESSION_FIELDS
    assert declared("report", "figures") == tuple(f.name for f in FIGURES)
    assert declared("manifest", "figures") == MANIFEST_FIGURES
    assert declared("consolidation", "counts") == COUNTS
    for name, obj in DERIVED:
        node = schema(name)["$defs"][obj]
        assert set(declared(name, obj)) <= set(node["required"]) & set(node["properties"])


def test_cli_options_are_the_declaration() -> None:
    parser = argparse.ArgumentParser()
    add_count_options(parser)
    options = {o for a in parser._actions for o in a.option_strings} - {"-h", "--help"}
    assert options == {c.option for c in SESSION_COUNTS}
    args = parser.parse_args(["--participants", "5", "--members", "2", "--interpreted"])
    values = count_args(args)
    assert list(values) == list(SESSION_FIELDS)
    assert (values["participants"], values["union_members"], values["interpreted"]) == (5, 2, True)


def test_xlsx_session_columns_are_the_declaration() -> None:
    from openpyxl import load_workbook

    from tests.reports.fixtures import consolidated

    data = consolidated(units=2, sessions=5)
    data.sessions[0].counts = {**data.sessions[0].counts, "interpreted": True, "materials": 7}
    wb = load_workbook(io.BytesIO(render_xlsx(data)))
    ws = wb[VI["xlsx_sessions"]]
    header = [c.value for c in ws[4]]
    assert header[-len(SESSION_COUNTS) :] == [VI[f"col_{c.name}"] for c in SESSION_COUNTS]
    last = [c.value for c in ws[ws.max_row]]
    assert last[header.index(VI["col_interpreted"])] == sum(
        bool(s.counts.get("interpreted")) for s in data.sessions
    )

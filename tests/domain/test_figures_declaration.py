"""Every list of figures derives from the one declaration in ``domain/figures.py``: this fails
when a table, a schema or a dictionary disagrees with it (issue 9)."""

from __future__ import annotations

import dataclasses

from lai_chau_desk.domain.figures import (
    BREAKDOWNS,
    COUNT_KEYS,
    COUNTS,
    FIGURES,
    MANIFEST_FIGURES,
    PeriodFigures,
    manifest_figures,
    sum_figures,
)
from lai_chau_desk.exchange.schema import schema
from lai_chau_desk.storage.exchange_models import ReceivedFiguresRow
from lai_chau_desk.storage.exchange_writes import FIGURE_COLUMNS


def test_dataclass_fields_are_the_declaration() -> None:
    names = [f.name for f in dataclasses.fields(PeriodFigures)]
    assert names == ["unit", "period", *(f.name for f in FIGURES)]
    assert list(PeriodFigures("U", "P").to_dict()) == names


def test_received_figures_columns_are_the_counts() -> None:
    columns = {c.name for c in ReceivedFiguresRow.__table__.columns}
    assert columns - {"unit_code", "period_code", "package_row_id", "details"} == set(COUNTS)
    assert tuple(FIGURE_COLUMNS) == COUNTS


def test_manifest_schema_figures_are_the_manifest_figures() -> None:
    figs = schema("manifest")["$defs"]["figures"]
    assert set(figs["properties"]) == set(MANIFEST_FIGURES) == set(figs["required"])
    cons = schema("consolidation")["$defs"]
    assert cons["figures"] == figs
    assert set(cons["counts"]["properties"]) == set(COUNTS)


def test_report_schema_figures_are_every_figure() -> None:
    figs = schema("report")["$defs"]["figures"]
    assert set(figs["properties"]) == {"unit", "period", *(f.name for f in FIGURES)}


def test_totals_keys_are_a_subset_and_materials_is_summed() -> None:
    assert set(COUNT_KEYS) < set(COUNTS) and "materials" in COUNTS
    a = PeriodFigures(
        "A", "P", sessions=2, materials=5, sessions_by_form={"loa": 2}, indicators={"x": 1.5}
    )
    b = PeriodFigures(
        "B",
        "P",
        sessions=1,
        materials=3,
        sessions_by_form={"loa": 1, "pano": 1},
        indicators={"x": 2.0},
    )
    total = sum_figures("T", "P", [a, b])
    assert (total.sessions, total.materials) == (3, 8)
    assert total.sessions_by_form == {"loa": 3, "pano": 1} and total.indicators == {"x": 3.5}
    assert set(manifest_figures(a.to_dict())) == set(MANIFEST_FIGURES)
    assert set(BREAKDOWNS) <= set(MANIFEST_FIGURES)

"""The intake matrix: Vietnamese name order, a search, no "not submitted" before a unit
existed, period names in words, and the table as exported to Excel."""

from __future__ import annotations

from datetime import date

from lai_chau_desk import i18n
from lai_chau_desk.domain.periods import parse_period
from lai_chau_desk.services.exchange_results import CompletenessStatus, UnitStatus
from lai_chau_desk.ui.intake_models import MatrixModel, period_words

S1, S2 = parse_period("2026S1"), parse_period("2026S2")


def _status(period: str, units: list[UnitStatus]) -> CompletenessStatus:
    return CompletenessStatus(
        period=period,
        due="",
        expected=[u.code for u in units],
        on_time=[],
        late=[],
        missing=[],
        units=units,
    )


def test_matrix_order_search_founding_and_export(qtbot, qtmodeltester) -> None:  # noqa: ANN001
    def units(kind: str) -> list[UnitStatus]:
        return [
            UnitStatus("CDCS-B", "Công đoàn cơ sở Đông Pao", kind),
            UnitStatus("CDCS-A", "Công đoàn cơ sở Ảng Tở", kind),
            UnitStatus("CDCS-C", "Công đoàn cơ sở Bản Hon", kind),
        ]

    i18n.install("vi")
    m = MatrixModel(lambda: date(2027, 1, 30))
    m.set_statuses(
        [S1, S2],
        {
            "2026S1": _status("2026S1", units("missing")),
            "2026S2": _status("2026S2", units("on_time")),
        },
        since={"CDCS-C": date(2026, 9, 1)},
    )
    qtmodeltester.check(m, force_py=True)
    assert [n for _c, n in m.units] == [
        "Công đoàn cơ sở Ảng Tở",
        "Công đoàn cơ sở Bản Hon",
        "Công đoàn cơ sở Đông Pao",
    ]
    hon = 1
    assert m.state_at(hon, 1) is None  # founded after 2026S1 ended: nothing was due
    assert m.data(m.index(hon, 1)) == "–"
    assert m.state_at(0, 1) == "missing" and m.state_at(hon, 2) == "on_time"
    m.set_search("dong pao")
    assert [c for c, _n in m.units] == ["CDCS-B"]
    qtmodeltester.check(m, force_py=True)
    rows = m.as_rows()
    assert rows[0][:4] == ["Đơn vị", "Mã", "6 tháng đầu năm 2026", "6 tháng cuối năm 2026"]
    assert rows[1][:2] == ["Công đoàn cơ sở Đông Pao", "CDCS-B"] and len(rows) == 2
    assert period_words("2026S2") == "6 tháng cuối năm 2026"
    assert period_words("not-a-period") == "not-a-period"

"""The leftovers a first-time officer still met after issues 11 and 12 (the polish pass)."""

from __future__ import annotations

from datetime import date

from lai_chau_desk.domain.members import Member
from lai_chau_desk.domain.sessions import Attendance, DisseminationSession
from tests.conftest import TODAY
from tests.ui.helpers import settle


def _reached_roster(suite) -> None:  # noqa: ANN001
    """Two members on the roster, both at a session of 2026S2: 100 % reached."""
    a = Member(full_name="Lò Thị Hương", gender="nu", ethnicity="Thái")
    b = Member(full_name="Giàng A Páo", gender="nam", ethnicity="Mông")
    suite.members.add(a)
    suite.members.add(b)
    suite.sessions.add(
        DisseminationSession(
            held_on=date(2026, 10, 5),
            title="Quán triệt Kết luận 51-KL/TW",
            directive_codes=["51-KL/TW"],
            attendance=Attendance(2, union_members=2, female=1, ethnic_minority=2),
            attendee_ids=[a.id, b.id],
            materials=12,
        )
    )


# --- 1. one percentage formatter --------------------------------------------------------
def test_one_percentage_formatter() -> None:
    from lai_chau_desk.i18n import format_percent
    from lai_chau_desk.reports.sentences import percent

    assert format_percent(1.0) == "100%"
    assert format_percent(0.5) == "50%"
    assert format_percent(0.925) == "92,5%"
    assert format_percent(0.9996) == "100%"  # rounds to a whole number: no ",0"
    assert format_percent(0.12345, 2) == "12,35%"
    for x in (1.0, 0.5, 0.925, 0.333):
        assert percent(x) == format_percent(x)  # the printed report uses the same one


def test_dashboard_and_report_screen_print_100_percent_as_the_report_does(
    qtbot,
    window,  # noqa: ANN001
    unit_suite,
) -> None:
    """The dashboard card said "100,0%" while the printed report said "100%"."""
    _reached_roster(unit_suite)
    dash = window.show_screen("dashboard")
    dash.reload()
    settle(qtbot, window)
    assert dash.cards["reach"].value.text() == "100%"
    report = window.show_screen("report")
    settle(qtbot, window)
    assert "100%" in report.figures.text() and "100,0%" not in report.figures.text()


# --- 2. the intake figures say what the report says -------------------------------------
def test_intake_figures_use_the_report_labels(qtbot, window, unit_suite) -> None:  # noqa: ANN001
    """The report-detail dialog of the intake screen said "Số tài liệu phát ra" and
    "100,0%"; the printed report says "Tài liệu đã cấp phát" and "100%"."""
    from lai_chau_desk.domain.figures import PeriodFigures
    from lai_chau_desk.reports.labels import labels
    from lai_chau_desk.ui.screen_report import figures_html

    _reached_roster(unit_suite)
    f: PeriodFigures = unit_suite.reporting.figures("2026S2")
    html = figures_html(f)
    assert labels("vi")["row_materials"] in html
    assert "phát ra" not in html
    assert "100%" in html and "100,0%" not in html


def test_report_screen_figures_list_every_declared_count(unit_suite) -> None:  # noqa: ANN001
    """The Báo cáo screen's summary is read from the declaration, so a count added there (the
    sessions with interpretation, here) shows with its printed label and value."""
    from dataclasses import replace

    from lai_chau_desk.domain.figures import COUNTS
    from lai_chau_desk.reports.labels import SUMMARY_ROWS, labels
    from lai_chau_desk.ui.screen_report import figures_html

    f = unit_suite.reporting.figures("2026S2")
    f = replace(f, sessions_interpreted=7, materials=123)
    html = figures_html(f)
    words = labels("vi")
    assert {name for _k, name in SUMMARY_ROWS} == set(COUNTS)
    for key, _name in SUMMARY_ROWS:
        assert words[key] in html
    assert f"{words['row_sessions_interpreted']}</td><td align='right'><b>7</b>" in html
    assert f"{words['row_materials']}</td><td align='right'><b>123</b>" in html


# --- 5. the ready check names sessions dated outside the period -------------------------
def _sessions_around_s1(suite) -> None:  # noqa: ANN001
    for day, title in (
        (date(2026, 5, 10), "Buổi trong kỳ"),
        (date(2026, 6, 16), "Buổi ngay sau ngày chốt"),
        (date(2026, 10, 2), "Buổi của kỳ sau"),
    ):
        suite.sessions.add(
            DisseminationSession(
                held_on=day, title=title, directive_codes=["50-KL/TW"], attendance=Attendance(3)
            )
        )


def test_outside_period_names_the_window_and_future_dates() -> None:
    from lai_chau_desk.domain.periods import parse_period
    from lai_chau_desk.services.report_checks import outside_period

    s1 = parse_period("2026S1")  # 15/12/2025 – 14/06/2026, due 19/06/2026

    def at(*days: date) -> list[DisseminationSession]:
        return [DisseminationSession(held_on=d, title="x") for d in days]

    got = outside_period(at(date(2026, 6, 15), date(2026, 6, 19), date(2026, 6, 20)), s1, TODAY)
    assert got == [
        "2 buổi ghi ngày sau ngày chốt số liệu 14/06/2026 (15/06/2026, 19/06/2026) không "
        "được tính vào báo cáo này mà tính vào kỳ sau; nếu ghi nhầm ngày, hãy sửa lại."
    ]
    # printed before the due day: only what was held up to today
    assert outside_period(at(date(2026, 6, 18)), s1, date(2026, 6, 16)) == [
        "1 buổi ghi ngày chưa đến (18/06/2026): hãy kiểm tra lại ngày."
    ]
    assert outside_period(at(date(2026, 5, 1)), s1, TODAY) == []


def test_ready_check_warns_about_sessions_outside_the_period(unit_suite) -> None:  # noqa: ANN001
    _sessions_around_s1(unit_suite)
    warnings = unit_suite.reports.report_warnings("2026S1")
    assert [w for w in warnings if "sau ngày chốt số liệu" in w] == [
        "1 buổi ghi ngày sau ngày chốt số liệu 14/06/2026 (16/06/2026) không được tính vào "
        "báo cáo này mà tính vào kỳ sau; nếu ghi nhầm ngày, hãy sửa lại."
    ]
    assert not any(
        "sau ngày chốt số liệu" in w for w in unit_suite.reports.report_warnings("2026S2")
    )


def test_send_screen_and_preview_ready_check_name_sessions_outside_the_period(
    qtbot,
    window,  # noqa: ANN001
    unit_suite,
) -> None:
    from lai_chau_desk.ui.report_preview import ReportPreviewDialog

    _sessions_around_s1(unit_suite)
    screen = window.show_screen("packages")
    settle(qtbot, window)
    screen.period.setCurrentIndex(screen.period.findData("2026S1"))
    screen.check_ready()
    settle(qtbot, window)
    text = screen.readiness.text()
    assert "16/06/2026" in text and "không được tính vào báo cáo này" in text
    assert "02/10/2026" not in text  # after the due day: simply the next period's
    dlg = ReportPreviewDialog(window.ctx, "2026S1", "", window)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.gaps.isVisible(), timeout=20_000)
    assert "16/06/2026" in dlg.gaps.text()
    qtbot.waitUntil(window.ctx.worker.idle, timeout=20_000)
    dlg.close()


def test_report_cli_prints_the_outside_period_warning_in_english(cli, tmp_path) -> None:  # noqa: ANN001
    """``report`` (the CLI's ready check) names a session held after the cut-off day of the
    period before the current one, in English under --lang en (the CLI runs on today's date)."""
    from datetime import timedelta

    from lai_chau_desk.domain.periods import parse_period, period_for

    current = period_for(date.today())
    before = period_for(current.start - timedelta(days=1))
    assert parse_period(before.code).end + timedelta(days=1) == current.start
    db = tmp_path / "u.db"
    cli("init", "--unit-code", "CDCS-TN", "--unit-name", "Công đoàn cơ sở Thử", db=db, check=True)
    cli(
        *("session", "add", "--date", current.start.isoformat(), "--title", "Buổi đầu kỳ"),
        *("--form", "truc-tiep", "--directive", "50-KL/TW", "--participants", "3"),
        db=db,
        check=True,
    )
    out = cli(
        *("--lang", "en", "report", "--period", before.code, "--pdf", str(tmp_path / "r.pdf")),
        db=db,
    )
    assert out.returncode == 0, out.stderr
    end = before.end.strftime("%d/%m/%Y")
    assert (
        f"1 sessions dated after the data cut-off day {end} "
        f"({current.start:%d/%m/%Y}) are not counted in this report"
    ) in out.stdout, out.stdout


# --- 6. "đã gửi" only when something said it arrived -----------------------------------
def test_dashboard_says_file_saved_until_a_receipt_arrives(qtbot, window, unit_suite) -> None:  # noqa: ANN001
    from lai_chau_desk.ui.intake_models import SENT, label

    dash = window.show_screen("dashboard")
    unit_suite.export.export_report("2026S2")
    dash.reload()
    settle(qtbot, window)
    line = next(
        x for x in dash.due.text().split("<br>") if x.startswith("<b>6 tháng cuối năm 2026")
    )
    assert "đã lưu tệp gửi (lần 1), chưa có biên nhận của cấp trên" in line
    assert "đã gửi" not in line and "đã nhận" not in line
    assert label(SENT, "sent") == "Đã lưu tệp gửi, chưa có biên nhận của cấp trên"
    assert label(SENT, "accepted") == "Cấp trên đã nhận: chấp nhận"
    assert label(SENT, "returned") == "Cấp trên đã nhận: trả lại"


# --- 7. Settings says what its member counts are ----------------------------------------
def test_settings_counts_say_they_are_declared_and_which_the_report_uses(
    qtbot,
    window,  # noqa: ANN001
    unit_suite,
) -> None:
    """Cài đặt showed "Số đoàn viên 41" while the roster listed 2 people, with no word on
    which one the report prints."""
    from dataclasses import replace

    from lai_chau_desk.ui.context import MEMBERS

    unit_suite.units.save_profile(replace(unit_suite.units.profile(), members_total=41))
    screen = window.show_screen("settings")
    settle(qtbot, window)
    form = screen.profile_form.layout_
    label = form.labelForField(screen.fields["members_total"].parentWidget())
    assert label is not None and label.text() == "Số đoàn viên (số khai báo)"
    assert screen.counts_hint.text() == (
        "Số khai báo của đơn vị: báo cáo in các số này khi danh sách đoàn viên còn trống."
    )
    _reached_roster(unit_suite)
    window.ctx.changed.emit(MEMBERS)
    window.show_screen("dashboard")
    window.show_screen("settings")
    settle(qtbot, window)
    assert screen.counts_hint.text().startswith(
        "Danh sách đoàn viên có 2 người, trong đó 2 đoàn viên: báo cáo lấy số từ danh sách này"
    )
    assert screen.fields["members_total"].value() == 41  # the declared figure is kept as is

"""Table models of the package screens: import outcomes, the units × periods matrix and the
reports sent upward, with the labels and colours of their states."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from ..domain.errors import DomainError
from ..domain.periods import Period, parse_period
from ..domain.text import collation_key, fold_for_search
from ..i18n import N_, _, current_language, format_date, translator
from ..i18n.refusals import localized_refusal
from .common import vi
from .models import DISPLAY, Column, Index, RowsModel

EXCHANGE = "exchange"  # the change kind announced after packages were imported or reviewed

OUTCOMES = {
    "new": N_("New package"),
    "replaced": N_("Replaced"),
    "unchanged": N_("Unchanged"),
    "refused": N_("Refused"),
}
TIMELINESS = {
    "on_time": N_("On time"),
    "late": N_("Late"),
    "missing": N_("Not submitted"),
    "not_due": N_("Not yet due"),
}
REVIEWS = {"pending": N_("Awaiting review"), "accepted": N_("Accepted"), "returned": N_("Returned")}
# A written file is only "đã lưu tệp gửi": the app knows the file was written, not that it
# reached the level above. "Cấp trên đã nhận" only once the level above's receipt arrived
# (a receipt carries its decision: accepted or returned).
SENT = {
    "sent": N_("Sending file saved; no receipt from the level above yet"),
    "accepted": N_("Received by the level above: accepted"),
    "returned": N_("Received by the level above: returned"),
}
KINDS = {"report": N_("Report"), "receipt": N_("Receipt"), "catalogue": N_("Catalogue")}

GREEN, AMBER, RED, ORANGE, GREY = "#d7f0d8", "#fbe7b5", "#f6d0cd", "#fdd9b5", "#eceff1"
OUTCOME_COLOURS = {"new": GREEN, "replaced": GREEN, "unchanged": GREY, "refused": RED}
TIMELINESS_COLOURS = {"on_time": GREEN, "late": AMBER, "missing": RED, "not_due": GREY}
SENT_COLOURS = {"sent": GREY, "accepted": GREEN, "returned": ORANGE}


def reason_text(outcome: Any) -> str:
    """A refusal's reason in the interface language (the exchange layer writes Vietnamese)."""
    if not outcome.reason:
        return ""
    return localized_refusal(outcome.reason, outcome.code, translator(current_language()))


SPELLED_OUT = 3  # keys of units below a package listed one by one; more are summed up
NAMED_CODES = 8  # unit codes named in that summary


def key_lines(outcome: Any) -> list[str]:
    """What the preview says about keys: the package's own new key in full, to compare with
    its paper report, and the keys it vouches for in its signed consolidation table summed up
    when there are many (a commune's package listed 25 fingerprints, two lines each, that no
    paper at the province shows, and pushed the screen past 600 px)."""
    notes = outcome.key_notes()
    firsts = list(outcome.first_keys)
    own = [n for n, k in zip(notes, firsts, strict=False) if k.unit == outcome.unit]
    below = [k.unit for k in firsts if k.unit != outcome.unit]
    changed = notes[len(firsts) :]
    if len(below) <= SPELLED_OUT:
        return notes
    codes = ", ".join(below[:NAMED_CODES])
    if len(below) > NAMED_CODES:
        codes = _("{codes} and {n} more").format(codes=codes, n=len(below) - NAMED_CODES)
    summary = _(
        "{n} units below {unit} are seen for the first time; their keys are the ones "
        "{unit} lists in its signed consolidation table: {codes}."
    ).format(n=len(below), unit=outcome.unit, codes=codes)
    return [*own, summary, *changed]


def label(table: dict[str, str], code: str | None) -> str:
    return _(table[code]) if code in table else (code or "")


def iso_date(text: str | None) -> str:
    """``2026-11-28T09:15:00+07:00`` -> ``28/11/2026 09:15`` (in the writer's own offset);
    a time without an offset is UTC, as the database keeps it, and is shown in local time."""
    if not text:
        return ""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC).astimezone()
    return f"{format_date(moment.date())} {moment:%H:%M}"


def short_period(p: Period) -> str:
    return p.label_vi if vi() else p.label_en


def period_words(code: str | None) -> str:
    """``2026S1`` -> "6 tháng đầu năm 2026" (the code itself if it is not a period's)."""
    if not code:
        return ""
    try:
        return short_period(parse_period(code))
    except DomainError:
        return code


def period_of(code: str | None, periods: dict[str, Period]) -> str:
    p = periods.get(code or "")
    return short_period(p) if p else (code or "")


class ColouredRowsModel(RowsModel[int]):
    """RowsModel whose rows have a background colour and a tooltip."""

    def __init__(
        self,
        columns: list[Column],
        colour: Callable[[Any], str | None],
        tooltip: Callable[[Any], str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(columns, key=id, parent=parent)
        self.colour = colour
        self.tooltip = tooltip

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if index.isValid() and 0 <= index.row() < len(self.rows):
            if role == Qt.ItemDataRole.BackgroundRole:
                c = self.colour(self.rows[index.row()])
                return QBrush(QColor(c)) if c else None
            if role == Qt.ItemDataRole.ToolTipRole and self.tooltip is not None:
                return self.tooltip(self.rows[index.row()]) or None
        return super().data(index, role)


def outcome_model(parent: QObject | None = None) -> ColouredRowsModel:
    """File, unit, period, revision, outcome, reason: the preview and the import summary."""

    def revision(o: Any) -> str:
        if not o.revision:
            return ""
        if o.previous_revision and o.previous_revision != o.revision:
            return f"{o.previous_revision} → {o.revision}"
        return str(o.revision)

    def unit(o: Any) -> str:
        return f"{o.unit} – {o.unit_name}" if o.unit_name else o.unit

    columns = [
        Column(_("File"), lambda o: o.shown_name),
        Column(_("Unit"), unit),
        Column(_("Kind"), lambda o: label(KINDS, o.kind)),
        Column(_("Period"), lambda o: period_words(o.period)),
        Column(_("Revision"), revision),
        Column(_("Outcome"), lambda o: label(OUTCOMES, o.outcome)),
        # a refusal's reason, or what the preview says about keys seen for the first time
        Column(_("Reason"), lambda o: reason_text(o) or " ".join(key_lines(o))),
    ]
    return ColouredRowsModel(
        columns,
        lambda o: OUTCOME_COLOURS.get(o.outcome),
        lambda o: reason_text(o) or "\n".join(key_lines(o)) or o.shown_file,
        parent=parent,
    )


def sent_model(
    periods: Callable[[], dict[str, Period]], parent: QObject | None = None
) -> ColouredRowsModel:
    """Reports this unit sent and what the level above decided."""
    columns = [
        Column(_("Period"), lambda r: period_of(r.period, periods())),
        Column(_("Revision"), lambda r: r.revision, numeric=True),
        Column(_("Exported at"), lambda r: iso_date(r.created_at)),
        Column(_("Status"), lambda r: label(SENT, r.status)),
        Column(_("Decided on"), lambda r: iso_date(r.decided_at)),
        Column(_("Comment of the level above"), lambda r: r.comment),
    ]
    return ColouredRowsModel(
        columns, lambda r: SENT_COLOURS.get(r.status), lambda r: r.comment, parent=parent
    )


class MatrixModel(QAbstractTableModel):
    """Units (rows) × periods (columns): on time / late / missing / returned, with the due
    date in the column header. Column 0 is the unit."""

    def __init__(
        self, today: Callable[[], date] = date.today, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.today = today
        self.periods: list[Period] = []
        self.units: list[tuple[str, str]] = []  # (code, name) shown, by Vietnamese name
        self._all_units: list[tuple[str, str]] = []
        self._needle = ""
        self.cells: dict[tuple[str, str], Any] = {}  # (unit, period) -> UnitStatus

    def set_statuses(
        self,
        periods: list[Period],
        statuses: dict[str, Any],
        since: dict[str, date | None] | None = None,
    ) -> None:
        """Show ``statuses`` (period code -> completeness); ``since`` gives each unit's
        founding date: no report is expected for a period that ended before it."""
        self.beginResetModel()
        self.periods = list(periods)
        since = since or {}
        names: dict[str, str] = {}
        self.cells = {}
        for p in self.periods:
            st = statuses.get(p.code)
            for u in st.units if st else []:
                names.setdefault(u.code, u.name)
                founded = since.get(u.code)
                if founded is not None and p.end < founded and not u.revision:
                    continue  # the unit did not exist yet: nothing was due
                self.cells[(u.code, p.code)] = u
        self._all_units = sorted(names.items(), key=lambda cn: (collation_key(cn[1]), cn[0]))
        self._filter()
        self.endResetModel()

    def set_search(self, text: str) -> None:
        """Show only units whose name or code holds every word of ``text`` (no accents
        needed)."""
        self.beginResetModel()
        self._needle = fold_for_search(text)
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        words = self._needle.split()
        self.units = [
            (c, n)
            for c, n in self._all_units
            if all(w in fold_for_search(f"{n} {c}") for w in words)
        ]

    def as_rows(self) -> list[list[str]]:
        """The table as shown (header first), for the Excel export."""
        head = [_("Unit"), _("Code")] + [short_period(p) for p in self.periods]
        body = [
            [name, code]
            + [
                self._text(self.cell(r, c), self.state_at(r, c)).replace("\n", " — ")
                for c in range(1, len(self.periods) + 1)
            ]
            for r, (code, name) in enumerate(self.units)
        ]
        return [head, *body]

    def cell(self, row: int, column: int) -> Any:
        """The UnitStatus at a cell, or None (unit column, or unit not expected then)."""
        if not 0 <= row < len(self.units) or not 1 <= column <= len(self.periods):
            return None
        return self.cells.get((self.units[row][0], self.periods[column - 1].code))

    def unit_at(self, row: int) -> str:
        return self.units[row][0]

    def period_at(self, column: int) -> Period | None:
        return self.periods[column - 1] if 1 <= column <= len(self.periods) else None

    def state_at(self, row: int, column: int) -> str | None:
        """on_time, late, missing, not_due (missing before the due date) or returned."""
        u, p = self.cell(row, column), self.period_at(column)
        if u is None or p is None:
            return None
        if u.review == "returned":
            return "returned"
        if u.timeliness == "missing" and self.today() <= p.due:
            return "not_due"
        return u.timeliness

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.units)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 1 + len(self.periods)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:  # noqa: N802
        if role != DISPLAY or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return _("Unit")
        p = self.period_at(section)
        if p is None:
            return None
        return short_period(p) + "\n" + _("due {date}").format(date=format_date(p.due))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if (
            not index.isValid()
            or not 0 <= index.row() < len(self.units)
            or not 0 <= index.column() <= len(self.periods)
        ):
            return None
        if index.column() == 0:
            code, name = self.units[index.row()]
            return (
                f"{name}\n{code}"
                if role == DISPLAY
                else (code if role == Qt.ItemDataRole.ToolTipRole else None)
            )
        u = self.cell(index.row(), index.column())
        state = self.state_at(index.row(), index.column())
        if role == DISPLAY:
            return self._text(u, state)
        if role == Qt.ItemDataRole.BackgroundRole:
            if state is None:
                return None
            return QBrush(QColor(ORANGE if state == "returned" else TIMELINESS_COLOURS[state]))
        if role == Qt.ItemDataRole.ToolTipRole and u is not None:
            return self._tooltip(u, self.periods[index.column() - 1])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _text(u: Any, state: str | None) -> str:
        if u is None:
            return "–"
        text = label(TIMELINESS, "not_due" if state == "not_due" else u.timeliness)
        if u.revision:
            text += " · " + _("rev. {n}").format(n=u.revision)
        if u.review in ("accepted", "returned"):
            text += "\n" + label(REVIEWS, u.review)
        return text

    @staticmethod
    def _tooltip(u: Any, p: Period) -> str:
        lines = [_("Due date: {date}").format(date=format_date(p.due))]
        if u.created_at:
            lines.append(_("Signed at: {date}").format(date=iso_date(u.created_at)))
        if u.imported_at:
            lines.append(_("Imported at: {date}").format(date=iso_date(u.imported_at)))
        if u.review:
            lines.append(label(REVIEWS, u.review))
        if u.revision:
            lines.append(_("Double-click to open the report."))
        return "\n".join(lines)

"""Table models: a small in-memory one, and the lazy sessions model (ids + paged row cache)."""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ..domain.sessions import DisseminationSession
from ..domain.text import fold_for_search
from ..i18n import format_date, format_int
from .common import form_label

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
K = TypeVar("K", bound=Hashable)  # a row's key (what the check marks remember)


@dataclass
class Column:
    title: str
    value: Callable[[Any], Any]
    numeric: bool = False
    editable: bool = False


class RowsModel(QAbstractTableModel, Generic[K]):
    """Rows of plain records shown through columns; optionally checkable in column 0 and
    filterable by a search text (accent-insensitive)."""

    def __init__(
        self,
        columns: list[Column],
        key: Callable[[Any], K],
        checkable: bool = False,
        search_text: Callable[[Any], str] | None = None,
        setter: Callable[[Any, int, Any], bool] | None = None,
        parent: QObject | None = None,
        tooltips: bool = False,
    ) -> None:
        super().__init__(parent)
        self.tooltips = tooltips  # each text cell's whole text as its tooltip
        self.columns = columns
        self.key = key
        self.checkable = checkable
        self.search_text = search_text
        self.setter = setter
        self._all: list[Any] = []
        self.rows: list[Any] = []
        self._folded: list[str] = []
        self._needle = ""
        self.checked: set[K] = set()

    # --- content ---------------------------------------------------------------------
    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self._folded = [
            fold_for_search(self.search_text(r)) if self.search_text else "" for r in self._all
        ]
        self._apply_filter()
        self.endResetModel()

    def set_search(self, text: str) -> None:
        self.beginResetModel()
        self._needle = fold_for_search(text)
        self._apply_filter()
        self.endResetModel()

    def _apply_filter(self) -> None:
        words = self._needle.split()
        self.rows = [
            r for r, f in zip(self._all, self._folded, strict=True) if all(w in f for w in words)
        ]

    def row(self, i: int) -> Any:
        return self.rows[i]

    def row_of_key(self, key: K) -> int:
        for i, r in enumerate(self.rows):
            if self.key(r) == key:
                return i
        return -1

    def set_checked(self, keys: set[K]) -> None:
        self.checked = set(keys)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self.rows) - 1, 0),
                [Qt.ItemDataRole.CheckStateRole],
            )

    def check_where(
        self, pick: Callable[[Any], bool], checked: bool = True, shown_only: bool = False
    ) -> int:
        """Tick (or untick) every row that ``pick`` accepts, among the rows shown by the
        search when ``shown_only``; returns how many rows were picked."""
        rows = [r for r in (self.rows if shown_only else self._all) if pick(r)]
        keys = {self.key(r) for r in rows}
        self.checked = (self.checked | keys) if checked else (self.checked - keys)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self.rows) - 1, 0),
                [Qt.ItemDataRole.CheckStateRole],
            )
        return len(rows)

    def checked_rows(self) -> list[Any]:
        return [r for r in self._all if self.key(r) in self.checked]

    # --- Qt model API ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:  # noqa: N802
        if (
            role == DISPLAY
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].title
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.checkable and index.column() == 0:
            f |= Qt.ItemFlag.ItemIsUserCheckable
        if self.columns[index.column()].editable:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        col = self.columns[index.column()]
        if role in (DISPLAY, Qt.ItemDataRole.EditRole):
            v = col.value(r)
            if (
                role == DISPLAY
                and col.numeric
                and isinstance(v, int | float)
                and not isinstance(v, bool)
            ):
                return format_int(v) if float(v).is_integer() else str(v).replace(".", ",")
            return v
        if role == Qt.ItemDataRole.CheckStateRole and self.checkable and index.column() == 0:
            return Qt.CheckState.Checked if self.key(r) in self.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and col.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and self.tooltips and not col.numeric:
            # a text cut to its column on a small screen reads whole under the mouse
            v = col.value(r)
            return v if isinstance(v, str) and v else None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and self.checkable and index.column() == 0:
            state = Qt.CheckState(value) if not isinstance(value, Qt.CheckState) else value
            if state == Qt.CheckState.Checked:
                self.checked.add(self.key(r))
            else:
                self.checked.discard(self.key(r))
            self.dataChanged.emit(index, index, [role])
            return True
        if (
            role == Qt.ItemDataRole.EditRole
            and self.setter is not None
            and self.columns[index.column()].editable
            and self.setter(r, index.column(), value)
        ):
            self.dataChanged.emit(index, index, [DISPLAY, Qt.ItemDataRole.EditRole])
            return True
        return False


PAGE = 200
MAX_PAGES = 40


class SessionsModel(QAbstractTableModel):
    """Sessions of a search, loaded lazily: the model holds only ids (hex strings, cheap for
    100,000 rows); rows come from the worker a page at a time into a small cache (after
    Anki's browser table)."""

    def __init__(
        self,
        fetch_page: Callable[[list[uuid.UUID], Callable[[list], None]], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetch_page = fetch_page
        self.ids: list[str] = []
        self._cache: OrderedDict[int, dict[str, DisseminationSession]] = OrderedDict()
        self._pending: set[int] = set()
        self._generation = 0
        self.columns = [
            (lambda: _col("Date"), lambda s: format_date(s.held_on)),
            (lambda: _col("Title"), lambda s: s.title),
            (lambda: _col("Form"), lambda s: form_label(s.form)),
            (lambda: _col("Directives"), lambda s: ", ".join(s.directive_codes)),
            (lambda: _col("Attended"), lambda s: format_int(s.attendance.participants)),
            (lambda: _col("Female"), lambda s: format_int(s.attendance.female)),
        ]

    def set_ids(self, ids: list[str], first_page: list[DisseminationSession] | None = None) -> None:
        """Show a new list of ids; ``first_page`` holds the rows of page 0 when already known."""
        self.beginResetModel()
        self._generation += 1
        self.ids = ids
        self._cache.clear()
        self._pending.clear()
        if first_page:
            self._cache[0] = {s.id.hex: s for s in first_page}
        self.endResetModel()

    def complete_ids(self, ids: list[str]) -> None:
        """The full id list after a first partial one (same rows in the same order); rows
        that showed a placeholder are refreshed, nothing else moves."""
        if len(ids) != len(self.ids) or ids[:PAGE] != self.ids[:PAGE]:
            self.set_ids(ids, list(self._cache.get(0, {}).values()))
            return
        self.ids = ids
        if len(ids) > PAGE:
            self.dataChanged.emit(
                self.index(PAGE, 0), self.index(len(ids) - 1, len(self.columns) - 1)
            )

    def session_at(self, row: int) -> DisseminationSession | None:
        if not 0 <= row < len(self.ids):
            return None
        page = self._cache.get(row // PAGE)
        return page.get(self.ids[row]) if page else None

    def row_of(self, sid: uuid.UUID) -> int:
        try:
            return self.ids.index(sid.hex)
        except ValueError:
            return -1

    def loaded(self) -> bool:
        """True when every requested page has arrived."""
        return not self._pending

    def _request(self, page: int) -> None:
        if page in self._pending or not self.ids[min(len(self.ids) - 1, page * PAGE)]:
            return  # already asked, or the ids of that page are still on their way
        self._pending.add(page)
        gen = self._generation
        ids = [uuid.UUID(k) for k in self.ids[page * PAGE : (page + 1) * PAGE]]

        def arrived(rows: list[DisseminationSession]) -> None:
            if gen != self._generation:
                return
            self._pending.discard(page)
            self._cache[page] = {s.id.hex: s for s in rows}
            while len(self._cache) > MAX_PAGES:
                self._cache.popitem(last=False)
            first, last = page * PAGE, min(len(self.ids), (page + 1) * PAGE) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))

        self._fetch_page(ids, arrived)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:  # noqa: N802
        if (
            role == DISPLAY
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section][0]()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != DISPLAY:
            return None
        page = index.row() // PAGE
        cached = self._cache.get(page)
        if cached is None:
            self._request(page)
            return "…"
        self._cache.move_to_end(page)
        s = cached.get(self.ids[index.row()])
        return self.columns[index.column()][1](s) if s else ""


def _col(text: str) -> str:
    from ..i18n import _

    return {
        "Date": _("Date"),
        "Title": _("Title"),
        "Form": _("Form"),
        "Directives": _("Directives"),
        "Attended": _("Attended"),
        "Female": _("Female"),
    }[text]

"""Danh mục: the directives to disseminate (with their tasks) and the unit directory."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QTabWidget, QVBoxLayout, QWidget

from ..domain.catalogue import Directive
from ..domain.dates import parse_iso_date
from ..domain.errors import Problems
from ..domain.registration import code_problem, normalise_code, open_on
from ..domain.units import Unit, UnitTree
from ..i18n import N_, _, format_date
from .common import FieldForm, fill_combo, select_data
from .context import CATALOGUE, AppContext
from .models import Column
from .record_screen import DeleteCall, RecordScreen
from .screen_base import Screen
from .unit_fields import recheck_on_edit, uppercase_as_typed


def _date_or_none(text: str, field: str, p: Problems) -> Any:
    text = text.strip()
    if not text:
        return None
    try:
        return parse_iso_date(text)
    except ValueError as e:
        p.add(field, str(e))
        return None


class DirectivesPanel(RecordScreen):
    kind = CATALOGUE
    watches = (CATALOGUE,)
    new_text = N_("New directive")
    count_text = N_("{n} directives")

    def columns(self) -> list[Column]:
        return [
            Column(_("Number and symbol"), lambda d: d.code),
            Column(_("Kind"), lambda d: d.kind),
            Column(_("Title"), lambda d: d.title),
            Column(_("Issued"), lambda d: format_date(d.issued_on)),
            Column(_("Tasks"), lambda d: len(d.tasks), numeric=True),
        ]

    def stretch_column(self) -> int:
        return 2

    def key(self, d: Directive) -> str:
        return d.code

    def search_text(self, d: Directive) -> str:
        return f"{d.code} {d.title} {d.issuer}"

    def describe(self, d: Directive) -> str:
        return d.code

    def build_form(self, form: FieldForm) -> None:
        self.code = form.add("code", _("Number and symbol"), QLineEdit())
        self.code.setPlaceholderText("50-KL/TW")
        self.kind_ = form.add("kind", _("Kind of document"), QLineEdit())
        self.kind_.setPlaceholderText(_("e.g. Kết luận, Kế hoạch, Nghị quyết"))
        self.title = form.add("title", _("Title"), QLineEdit())
        self.issuer = form.add("issuer", _("Issued by"), QLineEdit())
        self.issued = form.add("issued_on", _("Issued on (dd/mm/yyyy)"), QLineEdit())
        self.tasks = form.add("tasks", _("Tasks"), QLabel())
        self.tasks.setWordWrap(True)
        for w in (self.code, self.kind_, self.title, self.issuer, self.issued):
            w.textEdited.connect(self.touched)

    def fill_form(self, d: Directive | None) -> None:
        self.code.setText(d.code if d else "")
        self.code.setReadOnly(d is not None)
        self.kind_.setText(d.kind if d else "")
        self.title.setText(d.title if d else "")
        self.issuer.setText(d.issuer if d else "")
        self.issued.setText(format_date(d.issued_on) if d else "")
        self.tasks.setText(
            "\n".join(f"{t.code}: {t.title}" for t in d.tasks) if d and d.tasks else _("(no tasks)")
        )

    def record_from_form(self) -> Directive:
        p = Problems()
        issued = _date_or_none(self.issued.text(), "issued_on", p)
        p.raise_if_any()
        code = self.code.text().strip()
        number, _sep, symbol = code.partition("-")
        d = Directive(
            code=code,
            number=number,
            symbol=symbol,
            title=self.title.text(),
            kind=self.kind_.text(),
            issued_on=issued,
            issuer=self.issuer.text(),
        )
        if self.current is not None:
            d.id, d.tasks = self.current.id, copy.deepcopy(self.current.tasks)
            d.number, d.symbol, d.sort_order = (
                self.current.number,
                self.current.symbol,
                self.current.sort_order,
            )
        return d

    def load_records(self) -> Callable[[], list]:
        return self.ctx.services.catalogue.directives

    def save_call(self, d: Directive, is_new: bool) -> Callable[[], Any]:
        return lambda: self.ctx.services.catalogue.save_directive(d)

    def delete_call(self, d: Directive) -> DeleteCall:
        cat = self.ctx.services.catalogue
        kept = copy.deepcopy(d)
        return (lambda: cat.delete_directive(d.code), lambda _r: lambda: cat.save_directive(kept))


class UnitsPanel(RecordScreen):
    """The unit directory. An upper level registers the units directly below it with the
    codes it assigns, edits them, and closes them by their last day of activity; its
    catalogue package carries them down."""

    kind = CATALOGUE
    watches = (CATALOGUE,)
    new_text = N_("Register a unit below")
    count_text = N_("{n} units")
    own_code: str | None = None
    all_units: list[Unit] = []

    def toolbar(self) -> QWidget | None:
        hint = QLabel(
            _(
                "Register the units directly below this unit, with the codes this unit "
                "assigns. To close a unit, enter its last day of activity under “Active "
                "until”. Then send them the catalogue package (Send report → Export "
                "catalogue for units below…): each unit starts from that file."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setObjectName("units_hint")
        return hint

    def columns(self) -> list[Column]:
        return [
            Column(_("Code"), lambda u: u.code),
            Column(_("Name"), lambda u: u.name),
            Column(_("Parent"), lambda u: u.parent_code or ""),
            Column(_("Level"), lambda u: u.level),
            Column(_("Until"), lambda u: format_date(u.valid_to)),
        ]

    def stretch_column(self) -> int:
        return 1

    def key(self, u: Unit) -> str:
        return u.code

    def search_text(self, u: Unit) -> str:
        return f"{u.code} {u.name} {u.level}"

    def describe(self, u: Unit) -> str:
        return u.name

    def build_form(self, form: FieldForm) -> None:
        self.code = form.add("code", _("Code"), QLineEdit())
        self.code.setPlaceholderText(_("assigned by this unit, e.g. CDCS-MN-BINHLU"))
        uppercase_as_typed(self.code)
        self.name = form.add("name", _("Name"), QLineEdit())
        self.parent_unit = form.add("parent_code", _("Parent unit"), QComboBox())
        self.level = form.add("level", _("Level"), QLineEdit())
        self.level.setPlaceholderText(_("e.g. Công đoàn cơ sở"))
        self.valid_from = form.add("valid_from", _("Active from (dd/mm/yyyy)"), QLineEdit())
        self.valid_to = form.add("valid_to", _("Active until (dd/mm/yyyy)"), QLineEdit())
        self.valid_to.setPlaceholderText(_("to close the unit: its last day of activity"))
        for w in (self.code, self.name, self.level, self.valid_from, self.valid_to):
            w.textEdited.connect(self.touched)
        self.parent_unit.currentIndexChanged.connect(self.touched)
        recheck_on_edit(
            form,
            {
                "code": self.code,
                "name": self.name,
                "parent_code": self.parent_unit,
                "valid_from": self.valid_from,
                "valid_to": self.valid_to,
            },
            self.record_from_form,
        )

    def _parents_for(self, u: Unit | None) -> list[tuple[str, str | None]]:
        """Open units in this unit's subtree (where units may be registered), plus the
        current parent of the unit shown even when it is closed or elsewhere."""
        today = self.ctx.today()
        tree = UnitTree(self.all_units)
        mine = set(tree.subtree_codes(self.own_code)) if self.own_code else set(tree.by_code)
        items: list[tuple[str, str | None]] = [
            (f"{p.name} ({p.code})", p.code)
            for p in self.all_units
            if (p.code in mine and open_on(p, today)) or (u is not None and p.code == u.parent_code)
        ]
        return [(_("(none)"), None)] + items

    def _loaded(self, rows: list) -> None:
        self.all_units = list(rows)
        was = self._loading
        self._loading = True
        fill_combo(self.parent_unit, self._parents_for(None))
        if self.current is None and not self.dirty:
            # the empty form shown first is a new unit under this one, as after Ctrl+N (it
            # was built before the own unit was known: its parent read "(none)", and a unit
            # registered from it became a root of the directory)
            select_data(self.parent_unit, self.own_code)
        self._loading = was
        super()._loaded(rows)
        self.delete_button.hide()  # units are never deleted: records and packages refer to them

    def fill_form(self, u: Unit | None) -> None:
        was = self._loading
        self._loading = True
        fill_combo(self.parent_unit, self._parents_for(u))
        self._loading = was
        self.code.setText(u.code if u else "")
        self.code.setReadOnly(u is not None)
        self.name.setText(u.name if u else "")
        select_data(self.parent_unit, u.parent_code if u else None)
        if u is None:
            select_data(self.parent_unit, self.own_code)
            if self.parent_unit.currentData() != self.own_code:
                self.parent_unit.setCurrentIndex(0)
        self.level.setText(u.level if u else "")
        self.valid_from.setText(format_date(u.valid_from) if u else "")
        self.valid_to.setText(format_date(u.valid_to) if u else "")

    def record_from_form(self) -> Unit:
        p = Problems()
        start = _date_or_none(self.valid_from.text(), "valid_from", p)
        end = _date_or_none(self.valid_to.text(), "valid_to", p)
        code = normalise_code(self.code.text())
        if self.current is None:
            problem = code_problem(code)
            if problem:
                p.add("code", problem)
        if not self.name.text().strip():
            p.add("name", "Tên đơn vị không được để trống.")
        if start and end and end < start:
            p.add("valid_to", "Ngày kết thúc hoạt động phải sau ngày bắt đầu.")
        p.raise_if_any()
        u = copy.deepcopy(self.current) if self.current is not None else Unit(code="", name="")
        if self.current is None:
            u.code = code
        u.name, u.level = self.name.text(), self.level.text()
        u.parent_code = self.parent_unit.currentData()
        u.valid_from, u.valid_to = start, end
        return u

    def load_records(self) -> Callable[[], list]:
        units = self.ctx.services.units

        def load() -> list[Unit]:
            self.own_code = units.own_unit_code()
            return units.directory()

        return load

    def save_call(self, u: Unit, is_new: bool) -> Callable[[], Any]:
        units = self.ctx.services.units
        if is_new:

            def register() -> Unit:
                unit = units.register_unit(
                    u.code, u.name, u.parent_code or "", level=u.level, valid_from=u.valid_from
                )
                if u.valid_to is not None:
                    unit = units.close_unit(unit.code, u.valid_to)
                return unit

            return register
        return lambda: units.save_unit(u)

    def delete_call(self, u: Unit) -> DeleteCall:
        raise NotImplementedError


class CatalogueScreen(Screen):
    """Two tabs; the shortcuts go to the tab in front."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget(self)
        self.directives = DirectivesPanel(ctx, self.tabs)
        self.units = UnitsPanel(ctx, self.tabs)
        self.tabs.addTab(self.directives, _("Directives and tasks"))
        self.tabs.addTab(self.units, _("Unit directory"))
        self.tabs.currentChanged.connect(lambda _i: self.front().activate())
        lay.addWidget(self.tabs)

    def front(self) -> RecordScreen:
        return self.directives if self.tabs.currentIndex() == 0 else self.units

    def activate(self) -> None:
        self.front().activate()

    def new_record(self) -> None:
        self.front().new_record()

    def focus_search(self) -> None:
        self.front().focus_search()

    def save(self, then: Callable[[], None] | None = None) -> None:
        self.front().save(then)

    def has_unsaved(self) -> bool:
        return self.directives.has_unsaved() or self.units.has_unsaved()

    def discard(self) -> None:
        for p in (self.directives, self.units):
            if p.has_unsaved():
                p.discard()

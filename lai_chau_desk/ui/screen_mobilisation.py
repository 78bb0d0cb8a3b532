"""Vận động: the values of the mobilisation indicators for a period."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.catalogue import IndicatorValue
from ..i18n import _
from .common import fill_combo, period_label, show_error
from .context import CATALOGUE, REPORT, AppContext
from .models import Column, RowsModel
from .paste import on_paste, paste_down
from .screen_base import Screen


class MobilisationScreen(Screen):
    watches = (CATALOGUE, REPORT)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        intro = QLabel(
            _(
                "Results of mobilisation and emulation movements in the period. "
                "Double-click a value to change it."
            ),
            self,
        )
        intro.setWordWrap(True)
        top.addWidget(intro, 1)
        top.addWidget(QLabel(_("Period:"), self))
        self.period = QComboBox(self)
        self.period.currentIndexChanged.connect(self._period_changed)
        top.addWidget(self.period)
        lay.addLayout(top)
        self.model = RowsModel(
            [
                Column(_("Indicator"), lambda r: r["name"]),
                Column(_("Unit of count"), lambda r: r["unit_label"]),
                Column(_("Value"), lambda r: r["value"], numeric=True, editable=True),
                Column(_("Note"), lambda r: r["note"], editable=True),
            ],
            key=lambda r: r["code"],
            setter=self._set,
            parent=self,
        )
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 130)
        self.table.setColumnWidth(2, 90)
        self.table.setColumnWidth(3, 220)
        lay.addWidget(self.table, 1)
        # a column of values copied from Excel goes down from the current cell
        on_paste(self.table, lambda cells: paste_down(self.table, cells))
        row = QHBoxLayout()
        self.state = QLabel(self)
        row.addWidget(self.state, 1)
        self.save_button = QPushButton(_("Save (Ctrl+S)"), self)
        self.save_button.clicked.connect(lambda: self.save())
        row.addWidget(self.save_button)
        lay.addLayout(row)
        self._code = ""

    def _set(self, r: dict, column: int, value: Any) -> bool:
        if column == 2:
            try:
                v = (
                    float(str(value).replace(".", "").replace(",", "."))
                    if isinstance(value, str)
                    else float(value)
                )
            except ValueError:
                self.state.setText(_("“{value}” is not a number.").format(value=value))
                return False
            if v < 0:
                self.state.setText(_("A value cannot be negative."))
                return False
            r["value"] = int(v) if v.is_integer() else v
        else:
            r["note"] = str(value)
        r["changed"] = True
        self.state.setText(_("Changes not saved yet."))
        return True

    def reload(self) -> None:
        if self.period.count() == 0:
            self.period.blockSignals(True)
            fill_combo(self.period, [(period_label(p), p.code) for p in self.ctx.recent_periods()])
            self.period.setCurrentIndex(self.period.findData(self.ctx.current_period().code))
            self.period.blockSignals(False)
        code = self.period.currentData()
        self._code = code
        svc = self.ctx.services

        def load() -> list[dict]:
            values = svc.reporting.indicator_values(code)
            return [
                {
                    "code": i.code,
                    "name": i.name,
                    "unit_label": i.unit_label,
                    "value": values.get(i.code, (0, ""))[0],
                    "note": values.get(i.code, (0, ""))[1],
                    "changed": False,
                }
                for i in svc.catalogue.indicators()
            ]

        self.ctx.run(load, on_done=self._loaded, parent=self)

    def _loaded(self, rows: list[dict]) -> None:
        for r in rows:
            v = r["value"]
            r["value"] = int(v) if float(v).is_integer() else v
        self.model.set_rows(rows)
        self.state.setText("" if rows else _("The catalogue has no indicators yet."))

    def _period_changed(self, _i: int) -> None:
        if self.has_unsaved():
            from .common import ask_unsaved

            choice = ask_unsaved(self)
            if choice == "save":
                self.save(then=self.reload, code=self._code)
                return
            if choice == "cancel":
                self.period.blockSignals(True)
                self.period.setCurrentIndex(self.period.findData(self._code))
                self.period.blockSignals(False)
                return
        self.reload()

    def has_unsaved(self) -> bool:
        return any(r["changed"] for r in self.model.rows)

    def discard(self) -> None:
        for r in self.model.rows:  # dropped now (the officer chose so); stored values reload
            r["changed"] = False
        self.state.setText("")
        self.reload()

    def save(self, then: Callable[[], None] | None = None, code: str | None = None) -> None:
        code = code or self.period.currentData()
        changed = [r for r in self.model.rows if r["changed"]]
        svc = self.ctx.services.reporting

        def write() -> None:
            for r in changed:
                svc.save_indicator_value(
                    IndicatorValue(r["code"], code, float(r["value"]), r["note"])
                )

        def done(_r: object) -> None:
            for r in changed:
                r["changed"] = False
            self.state.setText(_("Saved."))
            self.ctx.changed.emit(REPORT)
            if then:
                then()

        self.ctx.run(write, on_done=done, on_error=lambda e: show_error(self, e), parent=self)

"""Giám sát: supervision activities with their recommendations and follow-up status."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.supervision import (
    FIELDS,
    ROLES,
    STATUSES,
    Recommendation,
    SupervisionActivity,
    validate_supervision,
)
from ..i18n import N_, _, format_date
from .common import (
    FieldForm,
    date_edit,
    field_label,
    role_label,
    select_data,
    status_label,
    text_area,
    typed_date,
)
from .context import SUPERVISION
from .models import Column
from .record_screen import DeleteCall, RecordScreen
from .unit_fields import recheck_on_edit


class RecommendationsTable(QWidget):
    """Editable list of recommendations: text and follow-up status."""

    def __init__(self, on_change: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_change = on_change
        self._ids: list[Any] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([_("Recommendation"), _("Follow-up")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 150)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(130)
        self.table.setWordWrap(True)  # long recommendations wrap instead of "…"
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(lambda _i: self.on_change())
        lay.addWidget(self.table)
        row = QHBoxLayout()
        add = QPushButton(_("Add recommendation"), self)
        remove = QPushButton(_("Remove selected"), self)
        add.clicked.connect(self._add_new)
        remove.clicked.connect(self.remove_selected)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch()
        lay.addLayout(row)

    def _add_new(self) -> None:
        """An empty recommendation at the end, its text open for typing."""
        self.add(Recommendation(text=""))
        self.on_change()
        item = self.table.item(self.table.rowCount() - 1, 0)
        if item is not None:
            self.table.editItem(item)

    def add(self, r: Recommendation) -> None:
        i = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(i)
        item = QTableWidgetItem(r.text)
        item.setToolTip(r.text)
        self.table.setItem(i, 0, item)
        combo = QComboBox(self.table)
        for code in STATUSES:
            combo.addItem(status_label(code), code)
        select_data(combo, r.status)
        combo.currentIndexChanged.connect(lambda _i: self.on_change())
        self.table.setCellWidget(i, 1, combo)
        self.table.blockSignals(False)
        self._ids.append((r.id, r.status, r.status_on))

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for r in rows:
            self.table.removeRow(r)
            del self._ids[r]
        if rows:
            self.on_change()

    def set(self, recs: list[Recommendation]) -> None:
        self.table.setRowCount(0)
        self._ids = []
        for r in recs:
            self.add(r)

    def recommendations(self, today: date) -> list[Recommendation]:
        out = []
        for i in range(self.table.rowCount()):
            item = self.table.item(i, 0)
            combo = self.table.cellWidget(i, 1)
            assert isinstance(combo, QComboBox)  # set by add()
            status = combo.currentData()
            rid, old_status, old_on = self._ids[i]
            on = old_on if status == old_status else today
            out.append(
                Recommendation(
                    text=item.text() if item else "", status=status, status_on=on, id=rid
                )
            )
        return out


class SupervisionScreen(RecordScreen):
    kind = SUPERVISION
    watches = (SUPERVISION,)
    new_text = N_("New supervision")
    count_text = N_("{n} supervisions")
    empty_text = N_(
        "No supervision recorded yet: press Ctrl+N (New supervision), fill in the "
        "form on the right and save with Ctrl+S."
    )

    def columns(self) -> list[Column]:
        return [
            Column(_("Date"), lambda a: format_date(a.held_on)),
            Column(_("Supervised body"), lambda a: a.target),
            Column(_("Field"), lambda a: field_label(a.field)),
            Column(_("Role"), lambda a: role_label(a.role)),
            Column(_("Recommendations"), lambda a: len(a.recommendations), numeric=True),
            Column(
                _("Resolved"),
                lambda a: sum(r.status == "da" for r in a.recommendations),
                numeric=True,
            ),
        ]

    def stretch_column(self) -> int:
        return 1

    def search_text(self, a: SupervisionActivity) -> str:
        return f"{a.target} {a.partners} {a.content}"

    def describe(self, a: SupervisionActivity) -> str:
        return a.target

    def build_form(self, form: FieldForm) -> None:
        self.held_on = form.add("held_on", _("Date"), date_edit())
        self.field = form.add("field", _("Field"), QComboBox())
        for code in FIELDS:
            self.field.addItem(field_label(code), code)
        self.role = form.add("role", _("Our role"), QComboBox())
        for code in ROLES:
            self.role.addItem(role_label(code), code)
        self.target = form.add("target", _("Supervised body"), QLineEdit())
        self.partners = form.add("partners", _("Together with"), QLineEdit())
        self.partners.setPlaceholderText(_("e.g. Mặt trận Tổ quốc xã, Hội Cựu giáo chức"))
        self.content = form.add("content", _("Content"), text_area(80))
        self.findings = form.add("findings", _("Findings"), text_area(80))
        for w in (self.content, self.findings):
            w.textChanged.connect(self.touched)
        self.recs = form.add(
            "recommendations", _("Recommendations"), RecommendationsTable(self.touched)
        )
        for line in (self.target, self.partners):
            line.textEdited.connect(self.touched)
        self.held_on.edited.connect(self.touched)
        self.field.currentIndexChanged.connect(self.touched)
        self.role.currentIndexChanged.connect(self.touched)
        # "Cần ghi rõ cơ quan, đơn vị được giám sát." stayed red under the name once typed
        recheck_on_edit(
            form,
            {"target": self.target},
            lambda: validate_supervision(self.record_from_form(), self.ctx.today()),
        )

    def fill_form(self, a: SupervisionActivity | None) -> None:
        self.held_on.set_value(a.held_on if a else self.ctx.today())
        select_data(self.field, a.field if a else "giao-duc")
        select_data(self.role, a.role if a else "phoi-hop")
        self.target.setText(a.target if a else "")
        self.partners.setText(a.partners if a else "")
        self.content.setPlainText(a.content if a else "")
        self.findings.setPlainText(a.findings if a else "")
        self.recs.set(copy.deepcopy(a.recommendations) if a else [])

    def record_from_form(self) -> SupervisionActivity:
        a = SupervisionActivity(
            held_on=typed_date(self.held_on, "held_on"),
            field=self.field.currentData(),
            target=self.target.text(),
            role=self.role.currentData(),
            partners=self.partners.text(),
            content=self.content.toPlainText(),
            findings=self.findings.toPlainText(),
            recommendations=self.recs.recommendations(self.ctx.today()),
        )
        if self.current is not None:
            a.id, a.unit_code = self.current.id, self.current.unit_code
        return a

    def load_records(self) -> Callable[[], list]:
        return self.ctx.services.supervision.list

    def save_call(self, a: SupervisionActivity, is_new: bool) -> Callable[[], Any]:
        return lambda: self.ctx.services.supervision.save(a)

    def delete_call(self, a: SupervisionActivity) -> DeleteCall:
        svc = self.ctx.services.supervision
        return (lambda: svc.delete(a.id), lambda result: lambda: svc.restore(result))

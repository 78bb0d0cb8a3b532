"""Đoàn viên: the roster, with Excel import and export when that part is installed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ..domain.errors import ValidationError
from ..domain.members import GENDERS, Member, validate_member
from ..i18n import N_, _
from .common import FieldForm, confirm, info, select_data
from .context import MEMBERS, AppContext
from .models import Column
from .paste import clipboard_cells, on_paste
from .record_screen import RecordScreen

if TYPE_CHECKING:  # the paste service (with the Excel part's parsing) loads on first paste
    from ..services.roster_paste import PastePreview, PasteResult


def roster_io_available() -> bool:
    """True when the Excel import/export part is installed (so its buttons are never dead)."""
    try:
        from ..services import roster_io  # noqa: F401
        from . import roster_import_dialog  # noqa: F401
    except ImportError:
        return False
    return True


class MembersScreen(RecordScreen):
    kind = MEMBERS
    watches = (MEMBERS,)
    new_text = N_("New member")
    count_text = N_("{n} people on the roster")
    empty_text = N_(
        "Nobody on the roster yet: import the list with “Import from Excel…” or add "
        "a member with Ctrl+N."
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        self.last_paste: PasteResult | None = None
        super().__init__(ctx, parent)
        # Ctrl+V in the list: rows copied from Excel join the roster (checked, confirmed,
        # undoable with "Undo paste")
        on_paste(self.table, self.paste_rows)

    def toolbar(self) -> QWidget | None:
        bar = QWidget(self)
        lay = QHBoxLayout(bar)
        lay.setContentsMargins(8, 8, 8, 0)
        if roster_io_available():
            self.import_button = QPushButton(_("Import from Excel…"), bar)
            self.export_button = QPushButton(_("Export to Excel…"), bar)
            self.import_button.clicked.connect(self.import_xlsx)
            self.export_button.clicked.connect(self.export_xlsx)
            lay.addWidget(self.import_button)
            lay.addWidget(self.export_button)
        self.paste_button = QPushButton(_("Paste rows from Excel (Ctrl+V)"), bar)
        self.paste_button.setToolTip(
            _(
                "Copy the rows in Excel (with their header row, or in the order of this list: "
                "name, gender, year of birth, ethnicity, union member, position, department), "
                "then paste them here."
            )
        )
        self.paste_button.clicked.connect(lambda: self.paste_rows(clipboard_cells()))
        lay.addWidget(self.paste_button)
        self.undo_paste_button = QPushButton(_("Undo paste"), bar)
        self.undo_paste_button.clicked.connect(self.undo_paste)
        self.undo_paste_button.hide()
        lay.addWidget(self.undo_paste_button)
        lay.addStretch()
        return bar

    def columns(self) -> list[Column]:
        return [
            Column(_("Full name"), lambda m: m.full_name),
            Column(_("Gender"), lambda m: _("Female") if m.gender == "nu" else _("Male")),
            Column(_("Born"), lambda m: m.birth_year or ""),
            Column(_("Ethnicity"), lambda m: m.ethnicity),
            Column(_("Union member"), lambda m: _("Yes") if m.is_union_member else _("No")),
            Column(_("Position"), lambda m: m.position),
            Column(_("Department"), lambda m: m.department),
        ]

    def search_text(self, m: Member) -> str:
        return f"{m.full_name} {m.department} {m.position} {m.ethnicity}"

    def describe(self, m: Member) -> str:
        return m.full_name

    def build_form(self, form: FieldForm) -> None:
        self.full_name = form.add("full_name", _("Full name"), QLineEdit())
        self.gender = form.add("gender", _("Gender"), QComboBox())
        self.gender.addItem(_("Female"), "nu")
        self.gender.addItem(_("Male"), "nam")
        self.birth_year = form.add("birth_year", _("Year of birth"), QSpinBox())
        self.birth_year.setRange(0, 2100)
        self.birth_year.setSpecialValueText(_("unknown"))
        self.ethnicity = form.add("ethnicity", _("Ethnicity"), QLineEdit())
        self.is_member = form.add("is_union_member", _("Union member"), QCheckBox(_("Yes")))
        self.position = form.add("position", _("Position"), QLineEdit())
        self.department = form.add("department", _("Department"), QLineEdit())
        for w in (self.full_name, self.ethnicity, self.position, self.department):
            w.textEdited.connect(self.touched)
        self.gender.currentIndexChanged.connect(self.touched)
        self.birth_year.valueChanged.connect(self.touched)
        self.is_member.toggled.connect(self.touched)
        assert set(GENDERS) == {"nam", "nu"}

    def fill_form(self, m: Member | None) -> None:
        self.full_name.setText(m.full_name if m else "")
        select_data(self.gender, m.gender if m else "nu")
        self.birth_year.setValue((m.birth_year or 0) if m else 0)
        self.ethnicity.setText(m.ethnicity if m else "Kinh")
        self.is_member.setChecked(m.is_union_member if m else True)
        self.position.setText(m.position if m else "")
        self.department.setText(m.department if m else "")

    def record_from_form(self) -> Member:
        m = Member(
            full_name=self.full_name.text(),
            gender=self.gender.currentData(),
            birth_year=self.birth_year.value() or None,
            ethnicity=self.ethnicity.text(),
            is_union_member=self.is_member.isChecked(),
            position=self.position.text(),
            department=self.department.text(),
        )
        if self.current is not None:
            m.id, m.unit_code = self.current.id, self.current.unit_code
            m.active_from, m.active_to = self.current.active_from, self.current.active_to
        try:
            validate_member(m, self.ctx.today())
        except ValidationError:
            raise
        return m

    def load_records(self) -> Callable[[], list]:
        return self.ctx.services.members.list

    def save_call(self, m: Member, is_new: bool) -> Callable[[], Any]:
        svc = self.ctx.services.members
        return (lambda: svc.add(m)) if is_new else (lambda: svc.update(m))

    def delete_call(self, m: Member):  # noqa: ANN201
        svc = self.ctx.services.members
        return (lambda: svc.delete(m.id), lambda result: lambda: svc.restore(result[0], result[1]))

    # --- paste from Excel -----------------------------------------------------------------
    def paste_rows(self, cells: list[list[str]]) -> None:
        """Rows pasted from Excel: preview them as the XLSX import checks them, say what will
        change and ask; then add and update in one step that "Undo paste" reverts."""
        if not cells:
            info(self, _("The clipboard holds no rows to paste. Copy the rows in Excel first."))
            return
        svc = self.ctx.services
        self.ctx.run(
            lambda: svc.roster_paste.preview_paste(cells), on_done=self._confirm_paste, parent=self
        )

    @staticmethod
    def paste_summary(preview: PastePreview) -> str:
        from ..services.roster_paste import ADD, ERROR, REPEAT, SAME, UPDATE

        text = _(
            "{add} to add, {update} to update; left out: {same} already on the roster as "
            "pasted, {repeat} pasted twice, {errors} with a problem."
        ).format(
            add=preview.count(ADD),
            update=preview.count(UPDATE),
            same=preview.count(SAME),
            repeat=preview.count(REPEAT),
            errors=preview.count(ERROR),
        )
        problems = preview.problems()
        if problems:
            text += "\n\n" + "\n".join(problems[:8]) + ("\n…" if len(problems) > 8 else "")
        return text

    def _confirm_paste(self, preview: PastePreview) -> None:
        if "full_name" not in preview.mapping:
            info(
                self,
                _(
                    "No column of full names in the pasted rows: paste them with their header "
                    "row (“Họ và tên”, …), or with the names in the first column."
                ),
            )
            return
        summary = self.paste_summary(preview)
        if preview.changes == 0:
            info(self, _("Nothing to change on the roster.") + "\n\n" + summary)
            return
        question = _("Paste into the roster: {summary}").format(summary=summary)
        question += "\n\n" + _("You can undo it with “Undo paste”.")
        if not confirm(self, question, _("Paste into the roster")):
            return
        svc = self.ctx.services

        def done(result: PasteResult) -> None:
            self.last_paste = result
            self.undo_paste_button.show()
            self.ctx.status.emit(
                _("Pasted into the roster: {n} people added or updated.").format(n=result.count)
            )
            self.ctx.changed.emit(MEMBERS)

        self.ctx.run(lambda: svc.roster_paste.apply_paste(preview), on_done=done, parent=self)

    def undo_paste(self) -> None:
        """Put the roster back as it was before the last paste."""
        result, svc = self.last_paste, self.ctx.services
        if result is None:
            return
        self.last_paste = None
        self.undo_paste_button.hide()

        def done(_r: object) -> None:
            self.ctx.status.emit(_("The paste was undone: the roster is as before."))
            self.ctx.changed.emit(MEMBERS)

        self.ctx.run(lambda: svc.roster_paste.undo_paste(result), on_done=done, parent=self)

    # --- Excel (another part of the app; present only when installed) --------------------
    def import_xlsx(self) -> None:
        from .roster_import_dialog import RosterImportDialog

        dialog = RosterImportDialog(self.ctx.services, self)
        dialog.exec()
        # Accepted, Đóng, Esc or the title bar's ×: whatever closed it, rows imported are on
        # the roster now, and every screen showing it must say so.
        if dialog.import_result is not None and dialog.import_result.added:
            self.ctx.changed.emit(MEMBERS)
        dialog.deleteLater()

    def export_xlsx(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export the roster"), "danh-sach-doan-vien.xlsx", _("Excel workbooks (*.xlsx)")
        )
        if not path:
            return
        svc = self.ctx.services
        self.ctx.run(
            lambda: svc.roster_io.export_xlsx(path),
            on_done=lambda _r: info(self, _("Roster exported to {path}.").format(path=path)),
            parent=self,
        )

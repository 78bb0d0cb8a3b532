"""Cài đặt: the unit's report profile, period settings, language, text size, backups."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import ValidationError
from ..domain.periods import PeriodSettings
from ..domain.units import UnitProfile
from ..i18n import _
from ..services.base import LANGUAGE
from ..services.settings import TEXT_SCALE
from .common import FieldForm, confirm, info, select_data, show_error, spin
from .context import MEMBERS, SETTINGS, AppContext
from .progress import run_long
from .screen_base import Screen

PROFILE_TEXT = (
    "parent_body",
    "issuing_body",
    "place_name",
    "signature_on_behalf",
    "signature_title",
    "signer_name",
    "doc_prefix",
)
PROFILE_COUNTS = (
    "members_total",
    "members_female",
    "members_ethnic_minority",
    "workers_total",
    "workers_female",
    "workers_ethnic_minority",
)
SCALES = (("1.0", "100%"), ("1.15", "115%"), ("1.3", "130%"), ("1.5", "150%"))


def counts_hint(roster: list) -> str:
    """One line under "Unit profile" saying what the declared counts are against the roster
    the Members screen counts, and which of them the report prints."""
    if not roster:
        return _("Declared counts: the report prints them while the member roster is empty.")
    return _(
        "The member roster lists {people} people, {members} of them union members: the report "
        "counts from the roster; the declared counts below are used only when it is empty."
    ).format(people=len(roster), members=sum(1 for m in roster if m.is_union_member))


class SettingsScreen(Screen):
    watches = (SETTINGS, MEMBERS)  # the counts hint names the roster

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.profile: UnitProfile | None = None
        self.dirty = False
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        lay = QVBoxLayout(body)
        lay.addWidget(self._profile_box(body))
        lay.addWidget(self._period_box(body))
        lay.addWidget(self._display_box(body))
        lay.addWidget(self._backup_box(body))
        row = QHBoxLayout()
        self.state = QLabel(body)
        row.addWidget(self.state, 1)
        self.save_button = QPushButton(_("Save settings (Ctrl+S)"), body)
        self.save_button.clicked.connect(lambda: self.save())
        row.addWidget(self.save_button)
        lay.addLayout(row)
        lay.addStretch()

    # --- boxes -----------------------------------------------------------------------
    def _profile_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(_("Unit profile (report header and signature)"), parent)
        lay = QVBoxLayout(box)
        self.profile_form = f = FieldForm(box)
        f.add_general()
        labels = {
            "parent_body": _("Parent body (header line 1)"),
            "issuing_body": _("Issuing unit (header line 2)"),
            "place_name": _("Place name for the date line"),
            "signature_on_behalf": _("Signing on behalf of"),
            "signature_title": _("Signer's title"),
            "signer_name": _("Signer's name"),
            "doc_prefix": _("Document number suffix"),
            "members_total": _("Union members (declared)"),
            "members_female": _("of whom female"),
            "members_ethnic_minority": _("of whom ethnic minority"),
            "workers_total": _("Workers, union members or not (declared)"),
            "workers_female": _("of whom female"),
            "workers_ethnic_minority": _("of whom ethnic minority"),
        }
        self.fields: dict[str, QLineEdit | QSpinBox] = {}
        self.text_fields: dict[str, QLineEdit] = {}  # the same fields, by kind
        self.count_fields: dict[str, QSpinBox] = {}
        for name in PROFILE_TEXT:
            w = self.text_fields[name] = f.add(name, labels[name], QLineEdit())
            w.textEdited.connect(self._touched)
            self.fields[name] = w
        # The declared counts differ from the roster's without saying why: say which the
        # report uses (the roster's when there is one, else these).
        self.counts_hint = QLabel(box)
        self.counts_hint.setObjectName("counts-hint")
        self.counts_hint.setWordWrap(True)
        self.counts_hint.setStyleSheet("color: #555555;")
        f.layout_.addRow(self.counts_hint)
        for name in PROFILE_COUNTS:
            count = self.count_fields[name] = f.add(name, labels[name], spin())
            count.valueChanged.connect(self._touched)
            self.fields[name] = count
        lay.addWidget(f)
        return box

    def _period_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(_("Reporting periods"), parent)
        lay = QVBoxLayout(box)
        self.period_form = f = FieldForm(box)
        f.add_general()
        self.scheme = f.add("scheme", _("Data cut-off"), QComboBox())
        self.scheme.addItem(
            _("Decree 09/2019/NĐ-CP: data up to a cut-off day (e.g. 15/12 – 14/6)"), "decree09"
        )
        self.scheme.addItem(_("Calendar months (1/1 – 30/6, 1/1 – 31/12)"), "calendar")
        self.cutoff = f.add("cutoff_day", _("Last day of data in the closing month"), spin(28))
        self.due_days = f.add("due_days", _("Report due (days after the cut-off)"), spin(60))
        self.scheme.currentIndexChanged.connect(self._touched)
        self.cutoff.valueChanged.connect(self._touched)
        self.due_days.valueChanged.connect(self._touched)
        lay.addWidget(f)
        return box

    def _display_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(_("Language and text size"), parent)
        lay = QVBoxLayout(box)
        f = FieldForm(box)
        self.language = f.add("language", _("Language"), QComboBox())
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.scale = f.add("scale", _("Text size"), QComboBox())
        for value, label in SCALES:
            self.scale.addItem(label, value)
        self.language.currentIndexChanged.connect(self._touched)
        self.scale.currentIndexChanged.connect(self._touched)
        lay.addWidget(f)
        note = QLabel(_("A new language or text size applies the next time the app starts."), box)
        note.setWordWrap(True)
        lay.addWidget(note)
        return box

    def _backup_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(_("Backup and restore"), parent)
        lay = QVBoxLayout(box)
        self.backup_info = QLabel(box)
        self.backup_info.setWordWrap(True)
        lay.addWidget(self.backup_info)
        row = QHBoxLayout()
        backup = QPushButton(_("Back up now"), box)
        restore = QPushButton(_("Restore from a backup…"), box)
        backup.clicked.connect(self.backup_now)
        restore.clicked.connect(self.restore)
        row.addWidget(backup)
        row.addWidget(restore)
        row.addStretch()
        lay.addLayout(row)
        return box

    # --- data ------------------------------------------------------------------------
    def _touched(self, *_a: object) -> None:
        if not self._loading:
            self.dirty = True
            self.state.setText(_("Changes not saved yet."))

    def reload(self) -> None:
        svc = self.ctx.services

        def load() -> tuple:
            return (
                svc.units.profile(),
                svc.settings.period_settings(),
                svc.settings.language(),
                svc.settings.get(TEXT_SCALE, "1.0"),
                str(svc.backup.backup_dir()),
                svc.members.list(),
            )

        self.ctx.run(load, on_done=self._loaded, parent=self)

    def _loaded(self, data: tuple) -> None:
        profile, ps, lang, scale, folder, roster = data
        self.counts_hint.setText(counts_hint(roster))
        self._loading = True
        self.profile = profile
        for name in PROFILE_TEXT:
            self.text_fields[name].setText(getattr(profile, name))
        for name in PROFILE_COUNTS:
            self.count_fields[name].setValue(getattr(profile, name))
        select_data(self.scheme, ps.scheme)
        self.cutoff.setValue(ps.cutoff_day)
        self.due_days.setValue(ps.due_days)
        select_data(self.language, lang)
        select_data(self.scale, scale if scale in dict(SCALES) else "1.0")
        self.backup_info.setText(_("Backups are kept in {folder}").format(folder=folder))
        self._loading = False
        self.dirty = False
        self.state.clear()

    def has_unsaved(self) -> bool:
        return self.dirty

    def discard(self) -> None:
        self.dirty = False  # the officer chose to drop the edits: the stored values come back
        self.state.setText("")
        self.reload()

    def save(self, then: Callable[[], None] | None = None) -> None:
        if self.profile is None:
            return
        # the profile's fields by name: texts and counts (Any: mypy cannot match names)
        texts: dict[str, Any] = {n: self.text_fields[n].text() for n in PROFILE_TEXT}
        counts: dict[str, Any] = {n: self.count_fields[n].value() for n in PROFILE_COUNTS}
        profile = UnitProfile(
            unit_code=self.profile.unit_code,
            counts_as_of=self.ctx.today(),
            **texts,
            **counts,
        )
        self.period_form.clear_errors()
        try:
            ps = PeriodSettings(
                self.scheme.currentData(), self.cutoff.value(), self.due_days.value()
            )
        except Exception as e:  # noqa: BLE001 - PeriodError carries the message
            self.period_form.general.setText(str(e))
            self.period_form.general.show()
            return
        lang, scale = self.language.currentData(), self.scale.currentData()
        svc = self.ctx.services

        def write() -> None:
            svc.units.save_profile(profile)
            svc.settings.save_period_settings(ps)
            svc.settings.set(LANGUAGE, lang)
            svc.settings.set(TEXT_SCALE, scale)

        def done(_r: object) -> None:
            self.profile_form.clear_errors()
            self.dirty = False
            self.ctx.period_settings = ps
            self.state.setText(_("Settings saved."))
            self.ctx.changed.emit(SETTINGS)
            if then:
                then()

        def failed(e: BaseException) -> None:
            if isinstance(e, ValidationError):
                self.profile_form.show_errors(e)
            else:
                show_error(self, e)

        self.ctx.run(write, on_done=done, on_error=failed, parent=self)

    # --- backups ---------------------------------------------------------------------
    def backup_now(self) -> None:
        svc = self.ctx.services.backup
        run_long(
            self.ctx,
            self,
            _("Backing up the database…"),
            lambda _p, _c: svc.backup(),
            lambda path: info(self, _("Backup written to {path}.").format(path=path)),
            cancellable=False,
        )

    def restore(self) -> None:
        folder = self.ctx.worker.call(self.ctx.services.backup.backup_dir)
        path, _f = QFileDialog.getOpenFileName(
            self, _("Choose a backup"), str(folder), _("Databases (*.db)")
        )
        if not path:
            return
        if not confirm(
            self,
            _(
                "Replace all current data with the backup “{name}”? A backup of "
                "the current data is made first. The app closes afterwards; "
                "start it again."
            ).format(name=Path(path).name),
            _("Restore"),
        ):
            return
        svc = self.ctx.services.backup

        def done(safety: Path) -> None:
            info(
                self,
                _(
                    "Restored. The previous data were saved in {path}. The app will now "
                    "close; start it again."
                ).format(path=safety),
            )
            self.window().close()

        run_long(
            self.ctx,
            self,
            _("Restoring…"),
            lambda _p, _c: svc.restore(Path(path)),
            done,
            cancellable=False,
        )

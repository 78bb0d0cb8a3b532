"""Gửi báo cáo: the unit's own signed report package for the level above, its key fingerprint,
the reports sent with the decision of the level above, and the catalogue for units below.

A package is built in the background first (its revision is known only then), and the officer
then chooses where to save it; the default name is ``UNITCODE_PERIOD_rN.lcdx``. Receipts from
the level above are imported on the *Report intake* screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.narrative import SECTIONS
from ..i18n import _, current_language, translator
from ..i18n.refusals import localized
from ..services.exchange_base import write_file
from ..services.report_checks import outside_period, outside_period_filter
from .common import (
    fill_combo,
    hint_label,
    info,
    packages_folder,
    period_label,
    remember_packages_folder,
    section_label,
)
from .context import REPORT, SESSIONS, SETTINGS, AppContext
from .intake_models import EXCHANGE, sent_model
from .progress import run_long
from .screen_base import Screen


def report_gaps(services, code: str) -> list[str]:  # noqa: ANN001 - the service suite
    """What the report of period ``code`` still lacks: empty narrative sections, no signer,
    no session recorded (run on the worker)."""
    gaps: list[str] = []
    narrative = services.reporting.narrative(code)
    empty = [section_label(s) for s in SECTIONS if not (narrative.get(s) or "").strip()]
    if empty:
        gaps.append(_("Sections still empty: {what}").format(what=", ".join(empty)))
    if not services.units.profile().signer_name.strip():
        gaps.append(_("The signer's name is missing (Settings)."))
    if services.reporting.figures(code).sessions == 0:
        gaps.append(_("No session is recorded in this period."))
    # sessions the report leaves out although they may be meant for it (services' wording)
    reporting = services.reporting
    period = reporting.period(code)
    unit = reporting.require_own_unit()
    later = services.sessions.list(outside_period_filter(unit, period))
    tr = translator(current_language())
    gaps += [localized(w, tr) for w in outside_period(later, period, reporting.today())]
    return gaps


SHOWN_CODES = 8  # unit codes named in one line of the plan; the rest are counted


def _codes(codes: list[str]) -> str:
    """``codes`` joined, the first :data:`SHOWN_CODES` named and the rest counted."""
    shown = ", ".join(codes[:SHOWN_CODES])
    rest = len(codes) - SHOWN_CODES
    return shown if rest <= 0 else _("{codes} and {n} more").format(codes=shown, n=rest)


def _left_out_lines(left_out: list[tuple[str, str, str]]) -> list[str]:
    """The reports left out, one line per reason (not one per unit: a commune that had not yet
    accepted its 25 reports read 24 lines each naming the CLI's --include-pending)."""
    from ..services.exchange_export import REASONS

    words = {
        REASONS["pending"]: _(
            "Not carried, not yet accepted ({n}): {codes}. Accept them on the “Report "
            "intake” screen, or tick “Also carry reports not yet accepted”."
        ),
        REASONS["returned"]: _(
            "Not carried, returned and waiting for the corrected report ({n}): {codes}."
        ),
        REASONS["old-format"]: _(
            "Not carried, packages of the old format (version 1) that the unit must export "
            "again with the new version ({n}): {codes}."
        ),
        REASONS["missing"]: _("Not carried, no report received ({n}): {codes}."),
    }
    by_reason: dict[str, list[str]] = {}
    for code, _name, reason in left_out:
        by_reason.setdefault(reason, []).append(code)
    lines = []
    for reason, codes in by_reason.items():
        if reason in words:
            lines.append("• " + words[reason].format(n=len(codes), codes=_codes(codes)))
        else:
            lines.append(
                "• "
                + _("Not carried ({n}): {codes}: {reason}.").format(
                    n=len(codes), codes=_codes(codes), reason=reason
                )
            )
    return lines


def plan_text(plan) -> str:  # noqa: ANN001 - services.exchange_export.ExportPlan
    """What a consolidated export will carry and leave out, in the officer's words."""
    if not plan.consolidated:
        return ""
    lines = []
    if plan.included:
        # not ``_()`` inside an f-string: Babel does not extract it, and "revision" stayed
        # English in the Vietnamese sentence
        names = _codes(
            [_("{code} (revision {n})").format(code=code, n=rev) for code, _n, rev in plan.included]
        )
        lines.append(
            _(
                "The package carries {n} reports of the units directly below: {names}; "
                "{below} reports of all levels in all."
            ).format(n=len(plan.included), names=names, below=plan.below)
        )
    else:
        lines.append(
            _(
                "No report of the units below will be carried: none has been accepted "
                "yet. Accept them on the “Report intake” screen, or tick “Also carry "
                "reports not yet accepted”."
            )
        )
    return "\n".join(lines + _left_out_lines(plan.left_out))


def plan_details(plan) -> str:  # noqa: ANN001 - services.exchange_export.ExportPlan
    """Every report left out, one line each with the unit's name (the plan's tooltip)."""
    from ..services.exchange_export import REASONS

    short = {
        REASONS["pending"]: _("not yet accepted"),
        REASONS["returned"]: _("returned, waiting for the corrected report"),
        REASONS["old-format"]: _("old package format (version 1)"),
        REASONS["missing"]: _("no report received"),
    }
    return "\n".join(
        _("Not carried: {code} ({name}): {reason}.").format(
            code=code, name=name, reason=short.get(reason, reason)
        )
        for code, name, reason in plan.left_out
    )


def units_below(units, code: str) -> bool:  # noqa: ANN001 - the units service
    """True when the directory has units under ``code`` (it receives their reports)."""
    return len(units.tree().subtree_codes(code)) > 1


class PackagesScreen(Screen):
    watches = (EXCHANGE, REPORT, SESSIONS, SETTINGS)  # what the readiness check reads

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.unit_code = ""
        self.last_path: Path | None = None
        # the boxes scroll together on a 600-px-high screen: the plan, the path written and
        # the catalogue box had pushed the window taller than the screen
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(area)
        lay = QVBoxLayout(body)
        lay.addWidget(self._send_box())
        lay.addWidget(self._sent_box(), 1)
        self.catalogue_box = self._catalogue_box()
        lay.addWidget(self.catalogue_box)
        area.setWidget(body)
        outer.addWidget(area)

    def _send_box(self) -> QGroupBox:
        box = QGroupBox(_("Send the report of this unit to the level above"), self)
        lay = QVBoxLayout(box)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Period:"), box))
        self.period = QComboBox(box)
        row.addWidget(self.period)
        self.export_button = QPushButton(_("Export the signed package…"), box)
        self.export_button.clicked.connect(self.export_report)
        row.addWidget(self.export_button)
        row.addStretch()
        lay.addLayout(row)
        self.readiness = QLabel(box)
        self.readiness.setWordWrap(True)
        lay.addWidget(self.readiness)
        # an upper level: what the consolidated package will carry, said before it is written
        self.include_pending = QCheckBox(_("Also carry reports not yet accepted"), box)
        self.include_pending.setVisible(False)
        self.include_pending.toggled.connect(lambda _on: self.check_ready())
        lay.addWidget(self.include_pending)
        self.plan_label = QLabel(box)
        self.plan_label.setWordWrap(True)
        self.plan_label.setVisible(False)
        lay.addWidget(self.plan_label)
        self.period.currentIndexChanged.connect(lambda _i: self.check_ready())
        self.key_label = QLabel(box)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setWordWrap(True)
        lay.addWidget(self.key_label)
        self.result = QLabel(box)
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.result)
        # the file just written: its whole path to select and copy (a long path on a USB
        # stick does not wrap in a label), and its folder opened in the file manager, where
        # the officer attaches it to an e-mail or copies it to the stick
        written = QHBoxLayout()
        self.written_path = QLineEdit(box)
        self.written_path.setReadOnly(True)
        self.written_path.setToolTip(_("The file written last; select it to copy its path."))
        self.open_folder_button = QPushButton(_("Open the folder"), box)
        self.open_folder_button.setToolTip(_("Open the folder that holds the file written last."))
        self.open_folder_button.clicked.connect(self.open_folder)
        written.addWidget(self.written_path, 1)
        written.addWidget(self.open_folder_button)
        lay.addLayout(written)
        for w in (self.written_path, self.open_folder_button):
            w.setVisible(False)
        return box

    def _sent_box(self) -> QGroupBox:
        box = QGroupBox(_("Reports sent and the decision of the level above"), self)
        lay = QVBoxLayout(box)
        periods = self.ctx.recent_periods()
        self.model = sent_model(lambda: {p.code: p for p in periods}, self)
        self.table = QTableView(box)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)
        self.table.setMinimumHeight(120)
        lay.addWidget(self.table, 1)
        # a grassroots unit has no "Report intake" screen in its sidebar (no units below),
        # so the way in for a receipt (or a new catalogue) from above is here
        row = QHBoxLayout()
        hint = hint_label(
            _(
                "When the level above accepts or returns a report it sends back a "
                "receipt file (.lcdx): import it with “Import a file from the level "
                "above…” and the status appears here."
            ),
            box,
        )
        row.addWidget(hint, 1)
        self.import_from_above = QPushButton(_("Import a file from the level above…"), box)
        self.import_from_above.clicked.connect(self.open_import)
        row.addWidget(self.import_from_above)
        lay.addLayout(row)
        return box

    def open_import(self) -> None:
        """Open the import (the intake screen, hidden from a grassroots unit's sidebar) and
        its file chooser: receipts and catalogues from above come in there."""
        window = self.window()
        if hasattr(window, "show_screen"):
            window.show_screen("intake").choose_files()

    def _catalogue_box(self) -> QGroupBox:
        box = QGroupBox(_("For the units below"), self)
        row = QHBoxLayout(box)
        text = QLabel(
            _(
                "The directive catalogue, the unit directory and the period settings, "
                "for the units below to import."
            ),
            box,
        )
        text.setWordWrap(True)
        row.addWidget(text, 1)
        self.catalogue_button = QPushButton(_("Export catalogue for units below…"), box)
        self.catalogue_button.clicked.connect(self.export_catalogue)
        row.addWidget(self.catalogue_button)
        return box

    # --- data --------------------------------------------------------------------------
    def reload(self) -> None:
        if self.period.count() == 0:
            fill_combo(self.period, [(period_label(p), p.code) for p in self.ctx.recent_periods()])
            self.period.setCurrentIndex(self.period.findData(self.ctx.current_period().code))
        keys, receipts = self.ctx.services.keys, self.ctx.services.receipts

        units = self.ctx.services.units

        def load() -> tuple[str, str, list, bool]:
            own = units.own_unit().code
            return own, keys.fingerprint(), receipts.sent_reports(), units_below(units, own)

        self.ctx.run(load, on_done=self._loaded, parent=self)
        self.check_ready()

    def _loaded(self, data: tuple[str, str, list, bool]) -> None:
        self.unit_code, fingerprint, sent, has_units_below = data
        # a grassroots unit has nobody to send a catalogue to
        self.catalogue_box.setVisible(has_units_below)
        self.include_pending.setVisible(has_units_below)
        self.plan_label.setVisible(has_units_below)
        self.key_label.setText(
            _(
                "Key fingerprint of this installation: {fp}\nThe level above "
                "may ask you to read it out by phone to confirm your packages."
            ).format(fp=fingerprint)
        )
        newest_first = sorted(sent, key=lambda r: (r.period, r.revision), reverse=True)
        self.model.set_rows(newest_first)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()

    def check_ready(self) -> None:
        """Before sending: say what the report still lacks (nothing is refused)."""
        code = self.period.currentData()
        if not code:
            return
        services = self.ctx.services
        self.ctx.run(lambda: report_gaps(services, code), on_done=self._show_gaps, parent=self)
        pending = self.include_pending.isChecked()
        self.ctx.run(
            lambda: services.export.plan_export(code, pending),
            on_done=self._show_plan,
            parent=self,
        )

    def _show_plan(self, plan) -> None:  # noqa: ANN001 - services.exchange_export.ExportPlan
        self.plan_label.setText(plan_text(plan))
        self.plan_label.setToolTip(plan_details(plan))

    def _show_gaps(self, gaps: list[str]) -> None:
        if gaps:
            self.readiness.setStyleSheet("color: #8a4b00;")
            self.readiness.setText(_("Before sending, check:") + "\n• " + "\n• ".join(gaps))
        else:
            self.readiness.setStyleSheet("color: #1e6b2f;")
            self.readiness.setText(
                _("Ready to send: every section is written and the signer is named.")
            )

    # --- export ------------------------------------------------------------------------
    def default_folder(self) -> Path:
        return packages_folder(self.ctx.store)

    def ask_save_path(self, title: str, default_name: str) -> str:
        name, _filter = QFileDialog.getSaveFileName(
            self, title, str(self.default_folder() / default_name), _("Report packages (*.lcdx)")
        )
        return name

    def open_folder(self) -> None:
        """Open the folder of the package written last in the system's file manager."""
        if self.last_path is None:
            return
        folder = self.last_path.parent
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            info(
                self,
                _("No file manager could open {path}. The file is there: {file}").format(
                    path=folder, file=self.last_path
                ),
            )

    def export_report(self) -> None:
        code = self.period.currentData()
        ex = self.ctx.services.export
        pending = not self.include_pending.isHidden() and self.include_pending.isChecked()
        run_long(
            self.ctx,
            self,
            _("Preparing the signed report package…"),
            lambda progress, cancel: ex.export_report(
                code, include_pending=pending, progress=progress, cancel=cancel
            ),
            lambda r: self._save(
                r, _("Save the report package"), f"{r.unit}_{r.period}_r{r.revision}.lcdx"
            ),
        )

    def export_catalogue(self) -> None:
        ex = self.ctx.services.catalogue_export
        run_long(
            self.ctx,
            self,
            _("Preparing the catalogue package…"),
            lambda _progress, _cancel: ex.export_catalogue(),
            lambda r: self._save(
                r, _("Save the catalogue package"), f"{r.unit}_catalogue_r{r.revision}.lcdx"
            ),
            cancellable=False,
        )

    def _save(self, result: Any, title: str, default_name: str) -> None:
        path = self.ask_save_path(title, default_name)
        if not path:
            self.result.setText(_("Not saved."))
            # nothing left this computer: the built package must not be listed as sent
            self.ctx.run(
                self.ctx.services.export.forget_unsaved,
                result.package_id,
                on_done=lambda _gone: self.ctx.changed.emit(EXCHANGE),
                parent=self,
            )
            return
        if not path.lower().endswith(".lcdx"):
            path += ".lcdx"

        def done(written: Path) -> None:
            self.last_path = written
            remember_packages_folder(self.ctx.store, written)
            self.written_path.setText(str(written))
            self.written_path.setCursorPosition(0)
            for w in (self.written_path, self.open_folder_button):
                w.setVisible(True)
            if result.kind == "report":
                text = _("Revision {n} saved to {path}. Send this file to the level above.")
            else:
                text = _("Catalogue revision {n} saved to {path}. Send it to the units below.")
            self.result.setText(text.format(n=result.revision, path=written))
            self.ctx.status.emit(self.result.text())
            self.ctx.changed.emit(EXCHANGE)

        self.ctx.run(write_file, Path(path), result.data, on_done=done, parent=self)

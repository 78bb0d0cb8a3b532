"""The first-run wizard's catalogue start: the catalogue package of the level above is
verified, its issuer and key fingerprint shown for the officer to compare with the paper, and
the unit registered there picked (issue 10)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
    QWizardPage,
)

from ..domain.errors import DomainError
from ..domain.units import Unit
from ..i18n import _
from ..services.rollout import CataloguePreview
from ..services.suite import ServiceSuite
from .unit_fields import page_layout
from .worker import Worker


class CataloguePage(QWizardPage):
    """Choose the catalogue file, check who issued it, then pick the own unit; complete once
    a registered unit is picked. ``on_picked`` runs when the officer goes on from here."""

    def __init__(
        self,
        services: ServiceSuite,
        worker: Worker,
        next_id: int,
        on_picked: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker
        self._next_id = next_id
        self._on_picked = on_picked
        self.preview: CataloguePreview | None = None
        self.catalogue_data: bytes | None = None
        self.setTitle(_("Start from the catalogue package of the level above"))
        self.setSubTitle(_("Choose the file, check who issued it, then pick your unit."))
        lay = page_layout(self)
        self.choose_file = QPushButton(_("Choose the catalogue file…"), self)
        self.choose_file.clicked.connect(self._choose_catalogue)
        lay.addWidget(self.choose_file, 0, Qt.AlignmentFlag.AlignLeft)
        self.catalogue_file = QLabel(self)
        self.catalogue_file.setWordWrap(True)
        lay.addWidget(self.catalogue_file)
        self.catalogue_error = QLabel(self)
        self.catalogue_error.setStyleSheet("color: #b3261e;")
        self.catalogue_error.setWordWrap(True)
        self.catalogue_error.hide()
        lay.addWidget(self.catalogue_error)
        self.issuer = QLabel(self)
        self.issuer.setWordWrap(True)
        lay.addWidget(self.issuer)
        self.issuer_fingerprint = QLabel(self)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10) * 1.8)
        font.setWeight(QFont.Weight.Bold)
        self.issuer_fingerprint.setFont(font)
        self.issuer_fingerprint.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        lay.addWidget(self.issuer_fingerprint)
        self.compare_note = QLabel(self)
        self.compare_note.setWordWrap(True)
        lay.addWidget(self.compare_note)
        self.registered_label = QLabel(self)
        self.registered_label.setWordWrap(True)
        lay.addWidget(self.registered_label)
        self.registered = QListWidget(self)
        self.registered.setMinimumHeight(90)
        self.registered.currentItemChanged.connect(lambda *_a: self.completeChanged.emit())
        lay.addWidget(self.registered, 1)
        self._show_preview()

    # --- QWizardPage -----------------------------------------------------------------
    def isComplete(self) -> bool:  # noqa: N802
        return self.catalogue_unit() is not None

    def nextId(self) -> int:  # noqa: N802
        return self._next_id

    def validatePage(self) -> bool:  # noqa: N802
        if self.catalogue_unit() is None:
            return False
        self._on_picked()
        return True

    # --- the file --------------------------------------------------------------------
    def _choose_catalogue(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Catalogue package of the level above"),
            "",
            _("Lai Châu Desk packages (*.lcdx);;All files (*)"),
        )
        if path:
            self.load_catalogue(Path(path))

    def load_catalogue(self, path: Path) -> bool:
        """Verify the file and show its issuer, fingerprint and the units registered there."""
        self.preview, self.catalogue_data = None, None
        self.catalogue_file.setText(_("File: {path}").format(path=str(path)))
        try:
            data = path.read_bytes()
            self.preview = self.worker.call(self.services.units.preview_catalogue, data)
            self.catalogue_data = data
            self.catalogue_error.hide()
        except OSError as e:
            self.catalogue_error.setText(
                _("Cannot read the file: {error}").format(error=e.strerror or str(e))
            )
            self.catalogue_error.show()
        except DomainError as e:
            self.catalogue_error.setText(str(e))
            self.catalogue_error.show()
        self._show_preview()
        return self.preview is not None

    def _show_preview(self) -> None:
        pv = self.preview
        self.registered.clear()
        for w in (
            self.issuer,
            self.issuer_fingerprint,
            self.compare_note,
            self.registered_label,
            self.registered,
        ):
            w.setVisible(pv is not None)
        if pv is None:
            self.completeChanged.emit()
            return
        self.issuer.setText(
            _("Issued by: {name} ({code}). Key fingerprint:").format(
                name=pv.issuer_name, code=pv.issuer_code
            )
        )
        self.issuer_fingerprint.setText(pv.fingerprint)
        self.compare_note.setText(
            _(
                "Compare this fingerprint with the one printed on the paper documents of {name}, "
                "or ask them to read it out by phone. If it is not the same, do not use this file."
            ).format(name=pv.issuer_name)
        )
        if pv.registered:
            self.registered_label.setText(_("Units registered in this package — pick yours:"))
        else:
            self.registered_label.setText(
                _(
                    "{name} has not registered any unit in this package. Ask them to register your "
                    "unit and send the catalogue package again."
                ).format(name=pv.issuer_name)
            )
        for u in pv.registered:
            item = QListWidgetItem(f"{u.name} ({u.code})" + (f" — {u.level}" if u.level else ""))
            item.setData(Qt.ItemDataRole.UserRole, u.code)
            self.registered.addItem(item)
        if len(pv.registered) == 1:
            self.registered.setCurrentRow(0)
        self.completeChanged.emit()

    # --- the choice ------------------------------------------------------------------
    def pick_registered(self, code: str) -> bool:
        for i in range(self.registered.count()):
            if self.registered.item(i).data(Qt.ItemDataRole.UserRole) == code:
                self.registered.setCurrentRow(i)
                return True
        return False

    def catalogue_unit(self) -> Unit | None:
        item = self.registered.currentItem()
        if self.preview is None or item is None:
            return None
        code = item.data(Qt.ItemDataRole.UserRole)
        return next((u for u in self.preview.registered if u.code == code), None)

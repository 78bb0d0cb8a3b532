"""First run: the unit of this installation, its report profile, and the language."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..domain.errors import DomainError, ValidationError
from ..domain.text import collation_key
from ..domain.units import Unit, UnitProfile, validate_profile
from ..i18n import _
from ..services.base import LANGUAGE
from ..services.suite import ServiceSuite
from .common import FieldForm, spin
from .worker import Worker


class FirstRunWizard(QWizard):
    """Three pages: language; own unit (from the directory or new); report profile."""

    def __init__(self, services: ServiceSuite, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker
        self.chosen_language: str | None = None
        self.setWindowTitle(_("Lai Châu Desk — first start"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setButtonText(QWizard.WizardButton.NextButton, _("Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))
        self.units = worker.call(services.units.list_units)
        self.addPage(self._language_page())
        self.addPage(self._unit_page())
        self.addPage(self._profile_page())
        self.resize(720, 560)

    # --- pages -----------------------------------------------------------------------
    def _language_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(_("Welcome to Lai Châu Desk"))
        lay = QVBoxLayout(page)
        text = QLabel(_("This app keeps the records of your trade-union unit on this computer: "
                        "dissemination sessions, attendance, mobilisation results and "
                        "supervision, and prints the period report. It works without internet.\n\n"
                        "First, tell it which unit you are. It takes two minutes."), page)
        text.setWordWrap(True)
        lay.addWidget(text)
        form = FieldForm(page)
        self.language = form.add("language", _("Language"), QComboBox())
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        lay.addWidget(form)
        note = QLabel(_("The language applies fully after the wizard closes."), page)
        note.setWordWrap(True)
        lay.addWidget(note)
        lay.addStretch()
        return page

    def _unit_page(self) -> QWizardPage:
        page = _UnitPage(self)
        page.setTitle(_("Your unit"))
        page.setSubTitle(_("Pick your unit from the directory, or create it under its parent unit."))
        lay = QVBoxLayout(page)
        self.pick = QRadioButton(_("My unit is in the directory"), page)
        self.create = QRadioButton(_("Create my unit"), page)
        group = QButtonGroup(page)
        group.addButton(self.pick)
        group.addButton(self.create)
        self.create.setChecked(True)
        lay.addWidget(self.pick)
        self.existing = QComboBox(page)
        for u in sorted(self.units, key=lambda u: collation_key(u.name)):
            self.existing.addItem(f"{u.name} ({u.code})", u.code)
        lay.addWidget(self.existing)
        lay.addWidget(self.create)
        self.unit_form = FieldForm(page)
        f = self.unit_form
        f.add_general()
        self.code = f.add("code", _("Unit code"), QLineEdit())
        self.code.setPlaceholderText(_("e.g. CDCS-THCS-BANBO (letters without accents, digits, -)"))
        self.name = f.add("name", _("Unit name"), QLineEdit())
        self.name.setPlaceholderText(_("e.g. Công đoàn cơ sở Trường THCS Bản Bo"))
        self.parent_unit = f.add("parent_code", _("Parent unit"), QComboBox())
        self.parent_unit.addItem(_("(none)"), None)
        for u in sorted(self.units, key=lambda u: collation_key(u.name)):
            self.parent_unit.addItem(f"{u.name} ({u.code})", u.code)
        lay.addWidget(f)
        lay.addStretch()
        self.pick.toggled.connect(lambda on: (self.existing.setEnabled(on), f.setEnabled(not on)))
        self.existing.setEnabled(False)
        return page

    def _profile_page(self) -> QWizardPage:
        page = _ProfilePage(self)
        page.setTitle(_("Report header and signature"))
        page.setSubTitle(_("Printed on every report. You can change them later in Settings."))
        lay = QVBoxLayout(page)
        self.profile_form = f = FieldForm(page)
        f.add_general()
        self.parent_body = f.add("parent_body", _("Parent body (header line 1)"), QLineEdit())
        self.issuing_body = f.add("issuing_body", _("Issuing unit (header line 2)"), QLineEdit())
        self.place_name = f.add("place_name", _("Place name for the date line"), QLineEdit("Lai Châu"))
        self.on_behalf = f.add("signature_on_behalf", _("Signing on behalf of"),
                               QLineEdit("TM. BAN CHẤP HÀNH"))
        self.sign_title = f.add("signature_title", _("Signer's title"), QLineEdit("CHỦ TỊCH"))
        self.signer = f.add("signer_name", _("Signer's name"), QLineEdit())
        self.prefix = f.add("doc_prefix", _("Document number suffix"), QLineEdit("BC-CĐCS"))
        self.members_total = f.add("members_total", _("Union members"), spin())
        self.members_female = f.add("members_female", _("of whom female"), spin())
        self.members_ethnic = f.add("members_ethnic_minority", _("of whom ethnic minority"), spin())
        self.workers_total = f.add("workers_total", _("Workers (union members or not)"), spin())
        self.workers_female = f.add("workers_female", _("of whom female"), spin())
        self.workers_ethnic = f.add("workers_ethnic_minority", _("of whom ethnic minority"), spin())
        lay.addWidget(f)
        return page

    # --- results ---------------------------------------------------------------------
    def chosen_unit(self) -> tuple[str, str, str | None]:
        if self.pick.isChecked():
            code = self.existing.currentData()
            unit = next(u for u in self.units if u.code == code)
            return unit.code, unit.name, unit.parent_code
        return self.code.text().strip(), self.name.text().strip(), self.parent_unit.currentData()

    def profile(self, unit_code: str) -> UnitProfile:
        return UnitProfile(
            unit_code=unit_code, parent_body=self.parent_body.text(),
            issuing_body=self.issuing_body.text(), place_name=self.place_name.text(),
            signature_on_behalf=self.on_behalf.text(), signature_title=self.sign_title.text(),
            signer_name=self.signer.text(), doc_prefix=self.prefix.text(),
            members_total=self.members_total.value(), members_female=self.members_female.value(),
            members_ethnic_minority=self.members_ethnic.value(),
            workers_total=self.workers_total.value(), workers_female=self.workers_female.value(),
            workers_ethnic_minority=self.workers_ethnic.value())

    def prefill_profile(self) -> None:
        code, name, parent = self.chosen_unit()
        parent_name = next((u.name for u in self.units if u.code == parent), "")
        if not self.parent_body.text():
            self.parent_body.setText(parent_name.upper())
        if not self.issuing_body.text():
            self.issuing_body.setText(name.upper())

    def finish(self) -> bool:
        """Save the unit, its profile and the language; False (with messages) on a problem."""
        code, name, parent = self.chosen_unit()
        profile = self.profile(code)
        try:
            validate_profile(profile)
        except ValidationError as e:
            self.profile_form.show_errors(e)
            return False
        lang = self.language.currentData()
        svc = self.services

        def save() -> None:
            svc.units.init_own_unit(code, name, parent or None)
            svc.units.save_profile(profile)
            svc.settings.set(LANGUAGE, lang)

        try:
            self.worker.call(save)
        except DomainError as e:
            self.profile_form.general.setText(str(e))
            self.profile_form.general.show()
            return False
        self.chosen_language = lang
        return True


class _UnitPage(QWizardPage):
    def validatePage(self) -> bool:  # noqa: N802
        w: FirstRunWizard = self.wizard()  # type: ignore[assignment]
        if w.pick.isChecked():
            w.prefill_profile()
            return True
        code, name, parent = w.chosen_unit()
        try:
            from ..domain.units import validate_unit

            validate_unit(Unit(code=code, name=name, parent_code=parent))
        except ValidationError as e:
            w.unit_form.show_errors(e)
            return False
        w.unit_form.clear_errors()
        w.prefill_profile()
        return True


class _ProfilePage(QWizardPage):
    def validatePage(self) -> bool:  # noqa: N802
        w: FirstRunWizard = self.wizard()  # type: ignore[assignment]
        return w.finish()

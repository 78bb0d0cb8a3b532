"""First run: the unit of this installation, its report profile, and the language."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..domain.errors import DomainError, Problems, ValidationError
from ..domain.registration import code_problem, normalise_code
from ..domain.units import (
    GRASSROOTS,
    Unit,
    UnitProfile,
    level_wording,
    validate_profile,
    validate_unit,
)
from ..i18n import _
from ..services.base import LANGUAGE
from ..services.suite import ServiceSuite
from .common import FieldForm, spin
from .unit_fields import page_layout, recheck_on_edit, uppercase_as_typed
from .wizard_catalogue import CataloguePage
from .worker import Worker

LANGUAGE_PAGE, UNIT_PAGE, PROFILE_PAGE, CATALOGUE_PAGE = 0, 1, 2, 3
OTHER_PARENT = "__other__"


class FirstRunWizard(QWizard):
    """Language and how to start; then the catalogue package of the level above (pick the unit
    registered there) or the unit typed by hand; then the report profile."""

    def __init__(
        self, services: ServiceSuite, worker: Worker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker
        self.chosen_language: str | None = None
        self._closed_by_program = False
        self.setWindowTitle(_("Lai Châu Desk — first start"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setButtonText(QWizard.WizardButton.NextButton, _("Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))
        self.units = worker.call(services.units.list_units)
        self.parents = worker.call(services.units.parent_choices)  # closed units left out
        self.setPage(LANGUAGE_PAGE, self._language_page())
        self.setPage(UNIT_PAGE, self._unit_page())
        self.setPage(PROFILE_PAGE, self._profile_page())
        self.catalogue = CataloguePage(services, worker, PROFILE_PAGE, self.prefill_profile, self)
        self.setPage(CATALOGUE_PAGE, self.catalogue)
        self.setMinimumSize(560, 420)
        self._fit_screen()

    def _fit_screen(self) -> None:
        """720×560 where there is room; never taller or wider than the available screen, so
        the buttons stay visible down to 1024×600."""
        width, height = 720, 560
        screen = self.screen()
        if screen is not None:
            avail = screen.availableGeometry()
            width = min(width, avail.width() - 20)
            height = min(height, avail.height() - 50)  # room for the title bar
        self.resize(max(width, 560), max(height, 420))

    def reject(self) -> None:
        """Hủy, Escape or the window's close: past the first page the officer has typed the
        unit (and perhaps the profile), which a cancelled start does not keep: ask first.
        A close from the program (not the officer's) does not ask."""
        asks = not self._closed_by_program and self.currentId() not in (LANGUAGE_PAGE, -1)
        if asks and not self.ask_quit():
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._closed_by_program = not event.spontaneous()
        try:
            super().closeEvent(event)
        finally:
            self._closed_by_program = False

    def ask_quit(self) -> bool:
        """True when the officer chose to leave the set-up (replaced in tests)."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Leave the set-up?"),
            _(
                "The unit is not set up yet: what you typed here is not saved and the app "
                "closes. Next time the set-up starts again."
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        leave = box.addButton(_("Leave the set-up"), QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(_("Go on with the set-up"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.exec()
        return box.clickedButton() is leave

    # --- pages -----------------------------------------------------------------------
    def _language_page(self) -> QWizardPage:
        page = _LanguagePage(self)
        page.setTitle(_("Welcome to Lai Châu Desk"))
        lay = page_layout(page)
        text = QLabel(
            _(
                "This app keeps the records of your trade-union unit on this computer: "
                "dissemination sessions, attendance, mobilisation results and "
                "supervision, and prints the period report. It works without internet.\n\n"
                "First, tell it which unit you are. It takes two minutes."
            ),
            page,
        )
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
        how = QLabel(_("How do you want to start?"), page)
        lay.addWidget(how)
        self.start_catalogue = QRadioButton(
            _("Start from the catalogue package of the level above"), page
        )
        self.start_manual = QRadioButton(_("Enter my unit by hand"), page)
        starts = QButtonGroup(page)
        starts.addButton(self.start_catalogue)
        starts.addButton(self.start_manual)
        self.start_catalogue.setChecked(True)
        lay.addWidget(self.start_catalogue)
        hint = QLabel(
            _(
                "The level above registers your unit and sends you its catalogue "
                "package (a .lcdx file) by USB stick, e-mail or chat app. Without it you "
                "can still enter your unit and its parent by hand."
            ),
            page,
        )
        hint.setWordWrap(True)
        hint.setIndent(24)
        lay.addWidget(hint)
        lay.addWidget(self.start_manual)
        lay.addStretch()
        return page

    def _unit_page(self) -> QWizardPage:
        page = _UnitPage(self)
        page.setTitle(_("Your unit"))
        page.setSubTitle(
            _("Pick your unit from the directory, or create it under its parent unit.")
        )
        lay = page_layout(page)
        self.pick = QRadioButton(_("My unit is in the directory"), page)
        # not ``self.create``: that would shadow QWidget.create()
        self.create_new = QRadioButton(_("Create my unit"), page)
        group = QButtonGroup(page)
        group.addButton(self.pick)
        group.addButton(self.create_new)
        self.create_new.setChecked(True)
        lay.addWidget(self.pick)
        self.existing = QComboBox(page)
        for u in self.parents:
            self.existing.addItem(f"{u.name} ({u.code})", u.code)
        lay.addWidget(self.existing)
        lay.addWidget(self.create_new)
        self.unit_form = FieldForm(page)
        f = self.unit_form
        f.add_general()
        self.code = f.add("code", _("Unit code"), QLineEdit())
        self.code.setPlaceholderText(_("e.g. CDCS-THCS-BANBO (letters without accents, digits, -)"))
        uppercase_as_typed(self.code)
        self.name = f.add("name", _("Unit name"), QLineEdit())
        self.name.setPlaceholderText(_("e.g. Công đoàn cơ sở Trường THCS Bản Bo"))
        self.parent_unit = f.add("parent_code", _("Parent unit"), QComboBox())
        self.parent_unit.addItem(_("(none)"), None)
        for u in self.parents:  # units closed before today are not offered
            self.parent_unit.addItem(f"{u.name} ({u.code})", u.code)
        self.parent_unit.addItem(_("Another unit, not in this list…"), OTHER_PARENT)
        self.new_parent_code = f.add("new_parent_code", _("Parent unit's code"), QLineEdit())
        self.new_parent_code.setPlaceholderText(_("the code the level above uses, e.g. CDX-BINHLU"))
        uppercase_as_typed(self.new_parent_code)
        self.new_parent_name = f.add("new_parent_name", _("Parent unit's name"), QLineEdit())
        self.new_parent_name.setPlaceholderText(_("e.g. Công đoàn xã Bình Lư"))
        self.parent_unit.currentIndexChanged.connect(lambda _i: self._other_parent_shown())
        self._other_parent_shown()
        lay.addWidget(f)
        lay.addStretch()

        def picked(on: bool) -> None:
            self.existing.setEnabled(on)
            f.setEnabled(not on)

        self.pick.toggled.connect(picked)
        self.existing.setEnabled(False)
        recheck_on_edit(
            f,
            {
                "code": self.code,
                "name": self.name,
                "parent_code": self.parent_unit,
                "new_parent_code": self.new_parent_code,
                "new_parent_name": self.new_parent_name,
            },
            self.check_unit,
        )
        return page

    def _other_parent_shown(self) -> None:
        other = self.parent_unit.currentData() == OTHER_PARENT
        for w in (self.new_parent_code, self.new_parent_name):
            w.setEnabled(other)

    def check_unit(self) -> None:
        """Raise the problems of the unit page (nothing is saved before Finish)."""
        code, name, parent = self.chosen_unit()
        p = Problems()
        problem = code_problem(code)
        if problem:
            p.add("code", problem)
        if not name:
            p.add("name", "Tên đơn vị không được để trống.")
        if self.parent_unit.currentData() == OTHER_PARENT:
            parent_problem = code_problem(parent or "")
            if parent_problem:
                p.add("new_parent_code", parent_problem)
            elif parent == code:
                p.add("new_parent_code", "Đơn vị không thể là cấp trên của chính nó.")
            if not self.new_parent_name.text().strip():
                p.add("new_parent_name", "Cần nhập tên đơn vị cấp trên (chưa có trong danh mục).")
        p.raise_if_any()
        validate_unit(Unit(code=code, name=name, parent_code=parent))

    def _profile_page(self) -> QWizardPage:
        page = _ProfilePage(self)
        page.setTitle(_("Report header and signature"))
        page.setSubTitle(_("Printed on every report. You can change them later in Settings."))
        lay = page_layout(page)
        self.profile_form = f = FieldForm(page)
        f.add_general()
        self.parent_body = f.add("parent_body", _("Parent body (header line 1)"), QLineEdit())
        self.issuing_body = f.add("issuing_body", _("Issuing unit (header line 2)"), QLineEdit())
        self.place_name = f.add(
            "place_name", _("Place name for the date line"), QLineEdit("Lai Châu")
        )
        self.on_behalf = f.add(
            "signature_on_behalf", _("Signing on behalf of"), QLineEdit(GRASSROOTS.on_behalf)
        )
        self.sign_title = f.add("signature_title", _("Signer's title"), QLineEdit("CHỦ TỊCH"))
        self.signer = f.add("signer_name", _("Signer's name"), QLineEdit())
        self.prefix = f.add(
            "doc_prefix", _("Document number suffix"), QLineEdit(GRASSROOTS.doc_prefix)
        )
        # what the wizard last proposed for the level-worded fields: one still holding it was
        # not typed by the officer and follows the unit chosen (Back, another unit, Next)
        self._proposed = {self.prefix: GRASSROOTS.doc_prefix, self.on_behalf: GRASSROOTS.on_behalf}
        self.members_total = f.add("members_total", _("Union members"), spin())
        self.members_female = f.add("members_female", _("of whom female"), spin())
        self.members_ethnic = f.add("members_ethnic_minority", _("of whom ethnic minority"), spin())
        self.workers_total = f.add("workers_total", _("Workers (union members or not)"), spin())
        self.workers_female = f.add("workers_female", _("of whom female"), spin())
        self.workers_ethnic = f.add("workers_ethnic_minority", _("of whom ethnic minority"), spin())
        lay.addWidget(f)
        recheck_on_edit(
            f,
            {
                "place_name": self.place_name,
                "members_total": self.members_total,
                "members_female": self.members_female,
                "members_ethnic_minority": self.members_ethnic,
                "workers_total": self.workers_total,
                "workers_female": self.workers_female,
                "workers_ethnic_minority": self.workers_ethnic,
            },
            lambda: validate_profile(self.profile("")) and None,
        )
        return page

    # --- results ---------------------------------------------------------------------
    def from_catalogue(self) -> bool:
        return self.start_catalogue.isChecked()

    def chosen_unit(self) -> tuple[str, str, str | None]:
        if self.from_catalogue():
            unit = self.catalogue.catalogue_unit()
            preview = self.catalogue.preview
            issuer = preview.issuer_code if preview else None
            return (unit.code, unit.name, issuer) if unit else ("", "", issuer)
        if self.pick.isChecked():
            code = self.existing.currentData()
            unit = next(u for u in self.units if u.code == code)
            return unit.code, unit.name, unit.parent_code
        parent = self.parent_unit.currentData()
        if parent == OTHER_PARENT:
            parent = normalise_code(self.new_parent_code.text()) or None
        return normalise_code(self.code.text()), self.name.text().strip(), parent

    def parent_name(self) -> str:
        """The parent's name: from the catalogue, the directory, or typed by hand."""
        if self.from_catalogue():
            preview = self.catalogue.preview
            return preview.issuer_name if preview else ""
        if not self.pick.isChecked() and self.parent_unit.currentData() == OTHER_PARENT:
            return self.new_parent_name.text().strip()
        _code, _name, parent = self.chosen_unit()
        return next((u.name for u in self.units if u.code == parent), "")

    def profile(self, unit_code: str) -> UnitProfile:
        return UnitProfile(
            unit_code=unit_code,
            parent_body=self.parent_body.text(),
            issuing_body=self.issuing_body.text(),
            place_name=self.place_name.text(),
            signature_on_behalf=self.on_behalf.text(),
            signature_title=self.sign_title.text(),
            signer_name=self.signer.text(),
            doc_prefix=self.prefix.text(),
            members_total=self.members_total.value(),
            members_female=self.members_female.value(),
            members_ethnic_minority=self.members_ethnic.value(),
            workers_total=self.workers_total.value(),
            workers_female=self.workers_female.value(),
            workers_ethnic_minority=self.workers_ethnic.value(),
        )

    def chosen_level(self) -> tuple[str, bool]:
        """The chosen unit's level (free text, from the directory or the catalogue; empty for
        a unit typed by hand) and whether the directory has units under it."""
        code, _name, _parent = self.chosen_unit()
        if self.from_catalogue():
            unit = self.catalogue.catalogue_unit()
            return (unit.level if unit else ""), False
        if self.pick.isChecked():
            unit = next((u for u in self.units if u.code == code), None)
            below = any(u.parent_code == code for u in self.units)
            return (unit.level if unit else ""), below
        return "", False

    def prefill_profile(self) -> None:
        _code, name, _parent = self.chosen_unit()
        parent_name = self.parent_name()
        if not self.parent_body.text():
            self.parent_body.setText(parent_name.upper())
        if not self.issuing_body.text():
            self.issuing_body.setText(name.upper())
        # the document symbol and the signing line follow the unit's level (DESIGN §6): a
        # commune union reports "BC-CĐ" for its Standing Committee, not a grassroots "BC-CĐCS"
        level, below = self.chosen_level()
        wording = level_wording(name, level, below)
        for box, value in ((self.prefix, wording.doc_prefix), (self.on_behalf, wording.on_behalf)):
            if box.text().strip() in ("", self._proposed[box]):
                box.setText(value)
                self._proposed[box] = value

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

        data = self.catalogue.catalogue_data
        other = not self.pick.isChecked() and self.parent_unit.currentData() == OTHER_PARENT
        parent_name = self.parent_name() if other else None

        def save() -> None:
            if self.from_catalogue() and data is not None:
                svc.units.init_from_catalogue(data, code)
            else:
                svc.units.init_own_unit(code, name, parent or None, parent_name=parent_name)
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


class _Page(QWizardPage):
    """A page of :class:`FirstRunWizard` (the catalogue page is :class:`CataloguePage`)."""

    def owner(self) -> FirstRunWizard:
        w = self.wizard()
        assert isinstance(w, FirstRunWizard), "a first-run page outside the first-run wizard"
        return w


class _LanguagePage(_Page):
    def nextId(self) -> int:  # noqa: N802
        return CATALOGUE_PAGE if self.owner().from_catalogue() else UNIT_PAGE


class _UnitPage(_Page):
    def nextId(self) -> int:  # noqa: N802
        return PROFILE_PAGE

    def validatePage(self) -> bool:  # noqa: N802
        w = self.owner()
        if w.pick.isChecked():
            w.prefill_profile()
            return True
        try:
            w.check_unit()
        except ValidationError as e:
            w.unit_form.show_errors(e)
            return False
        w.unit_form.clear_errors()
        w.prefill_profile()
        return True


class _ProfilePage(_Page):
    def nextId(self) -> int:  # noqa: N802
        return -1

    def validatePage(self) -> bool:  # noqa: N802
        return self.owner().finish()

"""The first-run wizard rolls a hierarchy out (issue 10) and has no traps (issue 11): start
from the catalogue package of the level above, or by hand under a parent not yet known;
codes upper-cased as typed, closed units not offered, errors gone once the field is fixed,
buttons visible on a small screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QScrollArea, QWizard

from lai_chau_desk import i18n
from lai_chau_desk.app import open_database
from lai_chau_desk.services.suite import ServiceSuite
from lai_chau_desk.ui.wizard import CATALOGUE_PAGE, OTHER_PARENT, PROFILE_PAGE, UNIT_PAGE
from tests.conftest import TODAY
from tests.ui.helpers import type_text

PERIOD = "2026S2"


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    i18n.install("vi")
    yield
    i18n.install("vi")


def _wizard(qtbot, suite: ServiceSuite, worker):  # noqa: ANN001, ANN202
    from lai_chau_desk.ui.wizard import FirstRunWizard

    wiz = FirstRunWizard(suite, worker)
    qtbot.addWidget(wiz)
    wiz.show()
    return wiz


def _province_catalogue(tmp_path: Path) -> tuple[Path, str]:
    prov = open_database(tmp_path / "prov.db", today=lambda: TODAY)
    prov.units.init_own_unit("LDLD-LC", "Liên đoàn Lao động tỉnh Lai Châu")
    prov.units.register_unit("CDX-BINHLU", "Công đoàn xã Bình Lư", "LDLD-LC", level="Công đoàn xã")
    out = tmp_path / "danh-muc-tinh.lcdx"
    prov.catalogue_export.export_catalogue(out)
    fp = prov.keys.fingerprint()
    prov.close()
    return out, fp


def _start_from(qtbot, wiz, path: Path, code: str) -> None:  # noqa: ANN001
    assert wiz.start_catalogue.isChecked()
    wiz.next()
    assert wiz.currentId() == CATALOGUE_PAGE
    assert not wiz.button(QWizard.WizardButton.NextButton).isEnabled()  # no file yet
    assert wiz.catalogue.load_catalogue(path)
    assert wiz.catalogue.pick_registered(code)
    assert wiz.button(QWizard.WizardButton.NextButton).isEnabled()
    wiz.next()
    assert wiz.currentId() == PROFILE_PAGE
    type_text(wiz.signer, "Lò Thị Hương")
    wiz.button(QWizard.WizardButton.FinishButton).click()
    assert not wiz.isVisible(), wiz.profile_form.general.text()


def test_wizard_starts_from_the_catalogue_and_pins_the_parent_key(
    qtbot,
    suite,
    worker,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    cat, prov_fp = _province_catalogue(tmp_path)
    wiz = _wizard(qtbot, suite, worker)
    wiz.next()
    bad = tmp_path / "not.lcdx"
    bad.write_bytes(b"PK not really")
    page = wiz.catalogue  # the catalogue start page (ui/wizard_catalogue.py)
    assert not page.load_catalogue(bad)
    assert page.catalogue_error.isVisible() and page.catalogue_error.text()
    assert page.load_catalogue(cat)
    assert not page.catalogue_error.isVisible()
    assert page.issuer_fingerprint.text() == prov_fp
    assert page.issuer_fingerprint.font().pointSizeF() > page.issuer.font().pointSizeF()
    assert "Liên đoàn Lao động tỉnh Lai Châu" in page.issuer.text()
    assert "đối chiếu" in page.compare_note.text()
    shown = [page.registered.item(i).text() for i in range(page.registered.count())]
    assert any("CDX-BINHLU" in s for s in shown) and any("CDVC-LC" in s for s in shown)
    wiz.back()
    _start_from(qtbot, wiz, cat, "CDX-BINHLU")
    unit = suite.units.own_unit()
    assert (unit.code, unit.name, unit.parent_code, unit.level) == (
        "CDX-BINHLU",
        "Công đoàn xã Bình Lư",
        "LDLD-LC",
        "Công đoàn xã",
    )
    assert suite.units.parent_fingerprint() == prov_fp
    profile = suite.units.profile()
    assert profile.parent_body == "LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU"
    assert profile.signer_name == "Lò Thị Hương"


def test_three_levels_set_up_by_the_wizard(qtbot, worker, tmp_path: Path) -> None:  # noqa: ANN001
    """Province -> commune -> grassroots, both lower levels set up in the wizard; a report
    goes up and its receipt comes back under the key pinned from the catalogue."""
    cat, prov_fp = _province_catalogue(tmp_path)
    commune = open_database(tmp_path / "commune.db", today=lambda: TODAY)
    _start_from(qtbot, _wizard(qtbot, commune, worker), cat, "CDX-BINHLU")
    assert commune.units.parent_fingerprint() == prov_fp
    commune.units.register_unit(
        "CDCS-MN-BL",
        "Công đoàn cơ sở Trường Mầm non Bình Lư",
        "CDX-BINHLU",
        level="Công đoàn cơ sở",
    )
    commune_cat = tmp_path / "danh-muc-xa.lcdx"
    commune.catalogue_export.export_catalogue(commune_cat)

    base = open_database(tmp_path / "cdcs.db", today=lambda: TODAY)
    _start_from(qtbot, _wizard(qtbot, base, worker), commune_cat, "CDCS-MN-BL")
    assert base.units.own_unit().parent_code == "CDX-BINHLU"
    assert base.units.parent_fingerprint() == commune.keys.fingerprint()
    base.demo.fill(seed=3)
    base.export.export_report(PERIOD, out=tmp_path / "r.lcdx")
    assert [o.outcome for o in commune.imports.import_files([tmp_path / "r.lcdx"])] == ["new"]
    receipt = tmp_path / "receipt.lcdx"
    commune.receipts.review("CDCS-MN-BL", PERIOD, "accepted", out=receipt)
    [taken] = base.imports.import_files([receipt])
    assert taken.outcome == "new", taken.reason
    assert [(r.period, r.status) for r in base.receipts.sent_reports()] == [(PERIOD, "accepted")]
    assert base.units.parent_fingerprint() == commune.keys.fingerprint()  # not re-pinned
    for s in (commune, base):
        s.close()


def test_unit_page_uppercases_hides_fixed_errors_and_leaves_out_closed_units(
    qtbot, suite, worker
) -> None:  # noqa: ANN001
    wiz = _wizard(qtbot, suite, worker)
    wiz.start_manual.setChecked(True)
    wiz.next()
    assert wiz.currentId() == UNIT_PAGE
    parents = [wiz.parent_unit.itemData(i) for i in range(wiz.parent_unit.count())]
    assert "CDVC-LC" in parents and "LDLD-LC" in parents
    assert "LDLD-TAM-DUONG" not in parents  # closed on 30/06/2025
    existing = [wiz.existing.itemData(i) for i in range(wiz.existing.count())]
    assert "LDLD-SIN-HO" not in existing
    type_text(wiz.code, "cdcs-bb")
    assert wiz.code.text() == "CDCS-BB"
    wiz.next()  # no name: refused, the message next to the field
    assert wiz.currentId() == UNIT_PAGE
    assert "không được để trống" in wiz.unit_form.error_text("name")
    type_text(wiz.name, "C")
    assert wiz.unit_form.error_text("name") == ""  # gone as soon as the field is fixed
    wiz.code.clear()
    type_text(wiz.code, "AB_1")
    wiz.next()
    assert "không hợp lệ" in wiz.unit_form.error_text("code")
    wiz.code.end(False)
    wiz.code.backspace()
    assert "không hợp lệ" in wiz.unit_form.error_text("code")  # "AB_" still wrong
    wiz.code.backspace()
    assert wiz.code.text() == "AB" and wiz.unit_form.error_text("code") == ""


def test_manual_start_with_a_new_parent_then_its_catalogue_imports(
    qtbot,
    suite,
    worker,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    wiz = _wizard(qtbot, suite, worker)
    wiz.start_manual.setChecked(True)
    wiz.next()
    type_text(wiz.code, "cdcs-mn-bl")
    type_text(wiz.name, "Công đoàn cơ sở Trường Mầm non Bình Lư")
    wiz.parent_unit.setCurrentIndex(wiz.parent_unit.findData(OTHER_PARENT))
    type_text(wiz.new_parent_code, "cdx-binhlu")
    wiz.next()
    assert wiz.currentId() == UNIT_PAGE
    assert "tên đơn vị cấp trên" in wiz.unit_form.error_text("new_parent_name")
    type_text(wiz.new_parent_name, "Công đoàn xã Bình Lư")
    assert wiz.unit_form.error_text("new_parent_name") == ""
    wiz.next()
    assert wiz.currentId() == PROFILE_PAGE
    assert wiz.parent_body.text() == "CÔNG ĐOÀN XÃ BÌNH LƯ"
    wiz.button(QWizard.WizardButton.FinishButton).click()
    assert not wiz.isVisible()
    assert suite.units.own_unit().parent_code == "CDX-BINHLU"
    assert suite.units.get("CDX-BINHLU").name == "Công đoàn xã Bình Lư"

    commune = open_database(tmp_path / "commune.db", today=lambda: TODAY)
    commune.units.init_own_unit("CDX-BINHLU", "Công đoàn xã Bình Lư", "LDLD-LC")
    commune.units.register_unit(
        "CDCS-MN-BL", "Công đoàn cơ sở Trường Mầm non Bình Lư", "CDX-BINHLU"
    )
    cat = tmp_path / "xa.lcdx"
    commune.catalogue_export.export_catalogue(cat)
    commune_fp = commune.keys.fingerprint()
    commune.close()
    # the parent was typed by hand: its key is taken only once the officer confirms it
    [outcome] = suite.imports.import_files([cat])
    assert outcome.outcome == "refused" and "--accept-parent-key" in outcome.reason
    fp = commune_fp
    assert fp in outcome.reason
    [outcome] = suite.imports.import_files([cat], accept_parent_key=fp)
    assert outcome.outcome == "new", outcome.reason
    assert suite.units.get("CDX-BINHLU").parent_code == "LDLD-LC"  # refreshed from above


def test_wizard_fits_a_small_screen(qtbot, suite, worker) -> None:  # noqa: ANN001
    wiz = _wizard(qtbot, suite, worker)
    assert wiz.height() <= 560 and wiz.width() <= 720
    wiz.resize(600, 430)  # what is left of a 1024×600 screen with a task bar, and less
    wiz.start_manual.setChecked(True)
    wiz.next()
    type_text(wiz.code, "CDCS-X")
    type_text(wiz.name, "Công đoàn cơ sở X")
    wiz.next()
    assert wiz.currentId() == PROFILE_PAGE
    qtbot.wait(10)
    page = wiz.currentPage()
    assert page.findChild(QScrollArea) is not None
    finish = wiz.button(QWizard.WizardButton.FinishButton)
    assert finish.isVisible()
    top_left = finish.mapTo(wiz, finish.rect().topLeft())
    assert top_left.y() >= 0 and top_left.y() + finish.height() <= wiz.height()
    assert top_left.x() + finish.width() <= wiz.width()

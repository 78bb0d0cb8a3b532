"""Danh mục → Danh mục đơn vị: an upper level registers the units below it with the codes it
assigns, closes them by their last day; messages sit next to the fields and go away when the
field is fixed (issues 10 and 11)."""

from __future__ import annotations

from datetime import date

from lai_chau_desk.ui.screen_catalogue import CatalogueScreen
from tests.ui.helpers import settle, type_text


def _units_panel(qtbot, window):  # noqa: ANN001, ANN202
    screen = window.show_screen("catalogue")
    assert isinstance(screen, CatalogueScreen)
    screen.tabs.setCurrentIndex(1)
    settle(qtbot, window)
    return screen.units


def _select(panel, code: str) -> None:  # noqa: ANN001
    row = panel.model.row_of_key(code)
    assert row >= 0, code
    panel.table.selectRow(row)
    assert panel.current is not None and panel.current.code == code


def test_register_and_close_a_unit_below(qtbot, window) -> None:  # noqa: ANN001
    services = window.ctx.services
    panel = _units_panel(qtbot, window)
    parents = [panel.parent_unit.itemData(i) for i in range(panel.parent_unit.count())]
    assert "LDLD-TAM-DUONG" not in parents  # closed district federations are not offered
    assert "CDVC-LC" not in parents  # not below this unit: nothing can be registered there
    panel.new_record()
    assert panel.parent_unit.currentData() == "CDCS-THCS-TN"  # this unit, by default
    type_text(panel.code, "to-1.cdcs")
    assert panel.code.text() == "TO-1.CDCS"
    panel.save()
    settle(qtbot, window)
    assert "không được để trống" in panel.form.error_text("name")
    type_text(panel.name, "Tổ công đoàn Tổ 1")
    assert panel.form.error_text("name") == ""  # gone as soon as the field is fixed
    type_text(panel.level, "Tổ công đoàn")
    panel.save()
    settle(qtbot, window)
    assert panel.form.error_text("code") == "" and not panel.form.general.isVisible()
    unit = services.units.get("TO-1.CDCS")
    assert (unit.name, unit.parent_code, unit.level) == (
        "Tổ công đoàn Tổ 1",
        "CDCS-THCS-TN",
        "Tổ công đoàn",
    )

    panel.new_record()  # the same code in lower case clashes
    type_text(panel.code, "to-1.cdcs")
    type_text(panel.name, "Trùng mã")
    panel.save()
    settle(qtbot, window)
    assert "đã có trong danh mục" in panel.form.error_text("code")
    panel.discard()

    _select(panel, "CDCS-THCS-TN")  # the installation's own unit cannot be closed
    type_text(panel.valid_to, "30/11/2026")
    panel.save()
    settle(qtbot, window)
    assert "chính máy này" in panel.form.error_text("valid_to")
    panel.discard()
    settle(qtbot, window)

    _select(panel, "TO-1.CDCS")
    type_text(panel.valid_to, "30/11/2026")
    panel.save()
    settle(qtbot, window)
    assert panel.form.error_text("valid_to") == ""
    assert services.units.get("TO-1.CDCS").valid_to == date(2026, 11, 30)

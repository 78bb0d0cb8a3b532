"""The session editor's count fields are the domain's declaration (``SESSION_COUNTS``): a
headcount on the attendance tab, an amount as a number and a yes/no as a tick on the details
tab, labelled as declared; what is typed reaches the record and a loaded record is shown."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QSpinBox

from lai_chau_desk import i18n
from lai_chau_desk.domain.sessions import ATTENDANCE, FLAG, SESSION_COUNTS, SESSION_FIELDS
from lai_chau_desk.ui.session_editor import SessionEditor


def test_editor_fields_are_the_declared_counts(qapp, qtbot) -> None:  # noqa: ANN001
    i18n.install("vi")
    ed = SessionEditor()
    qtbot.addWidget(ed)
    assert [*ed.attendance.count_boxes, *ed.own_counts] == list(SESSION_FIELDS)
    for c in SESSION_COUNTS:
        if c.kind == ATTENDANCE:
            assert isinstance(ed.attendance.count_boxes[c.name], QSpinBox), c
        elif c.kind == FLAG:
            box = ed.own_counts[c.name]
            assert isinstance(box, QCheckBox) and box.text() == c.label, c
        else:
            assert isinstance(ed.own_counts[c.name], QSpinBox), c

    ed.title.setText("Quán triệt bằng tiếng Mông")
    ed.own_counts["interpreted"].setChecked(True)
    ed.own_counts["materials"].setValue(12)
    assert ed.dirty
    s = ed.session()
    assert (s.interpreted, s.materials) == (True, 12)
    ed.load(None)
    assert not ed.own_counts["interpreted"].isChecked()
    assert ed.own_counts["materials"].value() == 0
    ed.load(s)
    assert ed.own_counts["interpreted"].isChecked()
    assert ed.own_counts["materials"].value() == 12 and not ed.dirty


def test_editor_labels_follow_the_interface_language(qapp, qtbot) -> None:  # noqa: ANN001
    i18n.install("en")
    try:
        ed = SessionEditor()
        qtbot.addWidget(ed)
        flag = next(c for c in SESSION_COUNTS if c.kind == FLAG)
        assert ed.own_counts[flag.name].text() == flag.label_en
    finally:
        i18n.install("vi")

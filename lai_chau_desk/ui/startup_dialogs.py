"""The start-up fault dialogs: what went wrong opening the database, and its actions
(restore the named backup, open the data folder, quit)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import DomainError
from ..i18n import N_, Translator, _

if TYPE_CHECKING:
    from ..services.startup import StartupFault


def refusal_text(db_path: Path) -> str:
    return _(
        "Lai Châu Desk is already open on this database:\n{path}\n\nSwitch to the window "
        "that is already open. The same database is never opened twice, so no record "
        "can be overwritten."
    ).format(path=db_path)


def open_folder(folder: Path) -> None:
    """Show ``folder`` in the system's file manager."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def fault_text(fault: StartupFault, tr: Translator) -> str:
    if fault.kind == "locked":
        return refusal_text(fault.db_path)
    return fault.describe(tr)


def ask_about_fault(fault: StartupFault, tr: Translator) -> str:
    """The fault's dialog: its message and its actions. Returns the action chosen:
    ``restore`` or ``quit`` (``open-folder`` opens it and asks again)."""
    from PySide6.QtWidgets import QMessageBox

    text = fault_text(fault, tr)
    backup = getattr(fault, "backup", None)
    if backup is not None:  # whose data and from when, before the user restores it
        from ..services.backup import identify_backup

        text += "\n\n" + identify_backup(backup).describe(tr)
    while True:
        box = QMessageBox(QMessageBox.Icon.Critical, tr(N_("Lai Châu Desk")), text)
        box.setObjectName(f"startup-fault-{fault.kind}")
        chosen: dict[object, str] = {}
        if "restore" in fault.actions and backup is not None:
            button = box.addButton(
                tr(N_("Restore the backup {name}")).format(name=backup.name),
                QMessageBox.ButtonRole.AcceptRole,
            )
            chosen[button] = "restore"
            box.setDefaultButton(button)
        if "open-folder" in fault.actions:
            chosen[box.addButton(tr(N_("Open the folder")), QMessageBox.ButtonRole.ActionRole)] = (
                "open-folder"
            )
        quit_button = box.addButton(tr(N_("Quit")), QMessageBox.ButtonRole.RejectRole)
        chosen[quit_button] = "quit"
        box.setEscapeButton(quit_button)
        if not chosen.get(box.defaultButton()):
            box.setDefaultButton(quit_button)
        box.exec()
        action = chosen.get(box.clickedButton(), "quit")
        if action != "open-folder":
            return action
        open_folder(fault.folder)


def restore_backup(fault: StartupFault, tr: Translator) -> bool:
    """Put the fault's backup back (the damaged file is kept aside) and say so; False when
    the restore was refused (said in a message box)."""
    from ..services.startup import claim_database, restore_database
    from .common import info, show_error

    backup: Path | None = getattr(fault, "backup", None)
    if backup is None:  # only a fault that names a backup offers the restore
        return False
    try:
        claim_database(fault.db_path)
        safety = restore_database(fault.db_path, backup)
    except DomainError as exc:
        show_error(None, exc)
        return False
    text = tr(N_("Restored from the backup {name}.")).format(name=backup.name)
    if safety is not None:
        text += " " + tr(N_("The damaged file was kept as {path}.")).format(path=safety)
    print(f"lai-chau-desk: {text}", file=sys.stderr)
    info(None, text)
    return True

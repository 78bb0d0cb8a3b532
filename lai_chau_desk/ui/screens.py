"""The sidebar's screens, registered in one list so later parts (report preview, package
intake) add a line here instead of editing the main window."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..i18n import N_

if TYPE_CHECKING:
    from .screen_base import Screen


@dataclass(frozen=True)
class ScreenSpec:
    """One sidebar screen. ``early``: its frame can be built before the database is open
    (its constructor reads no data), so the first window painted shows it; every other
    screen is a "loading" page until the services arrive, then built on first visit."""

    key: str
    title: str  # English source string, translated when shown
    module: str  # imported on first use, so start-up stays fast
    cls: str
    early: bool = False

    def factory(self) -> Callable[..., Screen]:
        screen_class: type[Screen] = getattr(
            importlib.import_module(self.module, __package__), self.cls
        )
        return screen_class


SCREENS: list[ScreenSpec] = [
    ScreenSpec("dashboard", N_("Overview"), ".screen_dashboard", "DashboardScreen", early=True),
    ScreenSpec("sessions", N_("Dissemination"), ".screen_sessions", "SessionsScreen"),
    ScreenSpec("mobilisation", N_("Mobilisation"), ".screen_mobilisation", "MobilisationScreen"),
    ScreenSpec("supervision", N_("Supervision"), ".screen_supervision", "SupervisionScreen"),
    ScreenSpec("members", N_("Members"), ".screen_members", "MembersScreen"),
    ScreenSpec("report", N_("Report"), ".screen_report", "ReportScreen"),
    ScreenSpec("packages", N_("Send report"), ".screen_packages", "PackagesScreen"),
    ScreenSpec("intake", N_("Report intake"), ".screen_intake", "IntakeScreen"),
    ScreenSpec("catalogue", N_("Catalogue"), ".screen_catalogue", "CatalogueScreen"),
    ScreenSpec("settings", N_("Settings"), ".screen_settings", "SettingsScreen"),
]

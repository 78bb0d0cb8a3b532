"""The sidebar's screens, registered in one list so later parts (report preview, package
intake) add a line here instead of editing the main window."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from ..i18n import N_


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    title: str  # English source string, translated when shown
    module: str  # imported on first use, so start-up stays fast
    cls: str

    def factory(self) -> Callable:
        return getattr(importlib.import_module(self.module, __package__), self.cls)


SCREENS: list[ScreenSpec] = [
    ScreenSpec("dashboard", N_("Overview"), ".screen_dashboard", "DashboardScreen"),
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

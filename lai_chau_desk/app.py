"""Composition root: paths, settings, database, services, then the main window."""

from __future__ import annotations

import argparse


def run_gui(args: argparse.Namespace) -> int:
    """Open the desktop app on the chosen database."""
    from .ui.application import run

    return run(args)

"""A real database, the real main window, the one worker; no mocks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lai_chau_desk import i18n
from lai_chau_desk.services.suite import ServiceSuite
from tests.conftest import TODAY


@pytest.fixture
def worker(qapp) -> Iterator:  # noqa: ANN001
    from lai_chau_desk.ui.worker import Worker

    w = Worker()
    yield w
    w.shutdown()


@pytest.fixture
def window(qapp, qtbot, unit_suite: ServiceSuite, worker) -> Iterator:  # noqa: ANN001
    """The main window on a fresh database whose own unit is declared; Vietnamese UI."""
    from lai_chau_desk.ui.application import start_ui

    w = start_ui(qapp, unit_suite, worker, unit_suite.db.path, lang="vi", today=lambda: TODAY)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    yield w
    qtbot.waitUntil(worker.idle, timeout=10_000)
    for screen in w.screens.values():  # closing would (rightly) ask about unsaved edits
        if screen.has_unsaved():
            screen.discard()
    w.close()
    w.deleteLater()
    i18n.install("vi")

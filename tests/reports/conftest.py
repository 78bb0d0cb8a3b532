"""Fixtures of the report tests: the demo unit's database and its report."""

from __future__ import annotations

import pytest

from lai_chau_desk.services.suite import ServiceSuite


@pytest.fixture
def demo_suite(unit_suite: ServiceSuite) -> ServiceSuite:
    """The own unit filled with the demo data (periods 2026S1 and 2026S2; today 2026-11-28)."""
    unit_suite.demo.fill(seed=2026)
    return unit_suite


@pytest.fixture
def demo_pdf(demo_suite: ServiceSuite) -> bytes:
    return demo_suite.reports.pdf_bytes("2026S2", key_fingerprint="SHA256:ab12 cd34 ef56 7890")

"""ReportService: data from the database, document numbers, safe file writes."""

from __future__ import annotations

import errno
import os

import pytest

from lai_chau_desk.domain.errors import DomainError, ValidationError
from lai_chau_desk.services import report_service


def test_build_data_fills_everything_from_the_own_unit(demo_suite):
    data = demo_suite.reports.build_data("2026S2")
    f = demo_suite.reporting.figures("2026S2")
    assert data.unit_code == "CDCS-THCS-TN"
    assert data.figures.counts() == f.counts()
    assert len(data.sessions) == f.sessions
    assert [s.held_on for s in data.sessions] == sorted(s.held_on for s in data.sessions)
    assert sum(s.count("participants") for s in data.sessions) == f.participants
    assert sum(s.count("interpreted") for s in data.sessions) == f.sessions_interpreted
    assert len(data.supervisions) == f.supervisions
    assert data.directives["50-KL/TW"] == "Kết luận số 50-KL/TW"
    assert data.period_label == "6 tháng cuối năm 2026"
    assert data.narrative["ton-tai"]
    assert data.profile.signer_name == "Lò Thị Hương"
    assert data.recipients[0] == "Công đoàn Viên chức tỉnh Lai Châu (b/c);"
    assert "Kết luận số 50-KL/TW, Kết luận số 51-KL/TW của Ban Bí thư" in data.subject
    assert "356/LĐLĐ" not in data.subject
    assert len(data.indicators) == 10


def test_document_number_counts_up_per_year_and_sticks_to_the_period(unit_suite, tmp_path):
    r = unit_suite.reports
    assert r.build_data("2026S2").doc_number == "01/BC-CĐCS"
    assert r.build_data("2026S2").doc_number == "01/BC-CĐCS"  # a preview stores nothing
    assert r.write_pdf("2026S2", tmp_path / "a.pdf").doc_number == "01/BC-CĐCS"
    assert r.build_data("2026S2").doc_number == "01/BC-CĐCS"  # same period, same number
    assert r.build_data("2026S1").doc_number == "02/BC-CĐCS"  # the next report of the year
    assert r.write_pdf("2026S1", tmp_path / "b.pdf", number="7").doc_number == "07/BC-CĐCS"
    assert r.build_data("2026").doc_number == "08/BC-CĐCS"
    assert r.build_data("2026", number="15/BC-LĐLĐ").doc_number == "15/BC-LĐLĐ"
    with pytest.raises(ValidationError):
        r.build_data("2026", number="năm")


@pytest.fixture
def demo_suite(unit_suite):  # noqa: ANN001, ANN201
    unit_suite.demo.fill(seed=2026)
    return unit_suite


def test_a_full_disk_never_leaves_half_a_file(unit_suite, tmp_path, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "bao-cao.pdf"
    target.write_bytes(b"old report")

    def no_space(fd):  # noqa: ANN001
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(report_service.os, "fsync", no_space)
    with pytest.raises(OSError):
        unit_suite.reports.write_pdf("2026S2", target)
    assert target.read_bytes() == b"old report"
    assert os.listdir(folder) == ["bao-cao.pdf"]  # the temp file was removed
    # and the failed save did not use up a document number
    assert unit_suite.reports.build_data("2026S2").doc_number == "01/BC-CĐCS"


def test_write_pdf_replaces_the_file_with_a_complete_pdf(demo_suite, tmp_path):
    target = tmp_path / "sub" / "bao-cao.pdf"
    demo_suite.reports.write_pdf("2026S2", target)
    assert target.read_bytes().startswith(b"%PDF") and target.read_bytes().rstrip().endswith(
        b"%%EOF"
    )


def test_without_own_unit_refused(suite, tmp_path):
    with pytest.raises(DomainError):
        suite.reports.write_pdf("2026S2", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()

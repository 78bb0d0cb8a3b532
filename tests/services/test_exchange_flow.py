"""Two installations exchanging files only: report, receipt, catalogue; export revisions;
completeness; personal data never leaves."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from lai_chau_desk.app import open_database
from lai_chau_desk.domain.catalogue import Directive
from lai_chau_desk.domain.sessions import Attendance, DisseminationSession
from lai_chau_desk.domain.units import Unit
from lai_chau_desk.exchange.package import read_package
from lai_chau_desk.services.suite import ServiceSuite
from tests.exchange.lcdx_helpers import ICT, key, members, report_bytes

TODAY = date(2026, 11, 28)


@pytest.fixture
def pair(tmp_path: Path):  # noqa: ANN201
    """A grassroots union (with demo records) and the union above it, in two folders."""
    (tmp_path / "low").mkdir()
    (tmp_path / "up").mkdir()
    low = open_database(tmp_path / "low" / "unit.db", today=lambda: TODAY)
    low.units.init_own_unit("CDCS-THCS-TN", "Công đoàn cơ sở Trường THCS Thử Nghiệm", "CDVC-LC")
    low.demo.fill(seed=11)
    up = open_database(tmp_path / "up" / "unit.db", today=lambda: TODAY)
    up.units.init_own_unit("CDVC-LC", "Công đoàn Viên chức tỉnh Lai Châu", "LDLD-LC")
    yield low, up
    low.close()
    up.close()


def _add_session(suite: ServiceSuite) -> None:
    suite.sessions.add(
        DisseminationSession(
            held_on=date(2026, 11, 20),
            title="Hội nghị bổ sung",
            form="truc-tiep",
            directive_codes=["50-KL/TW"],
            attendance=Attendance(30, 25, 12, 9),
        )
    )


def test_export_revision_rises_only_when_content_changes(pair, tmp_path: Path) -> None:  # noqa: ANN001
    low, _ = pair
    a = low.export.export_report("2026S2", out=tmp_path / "a.lcdx")
    b = low.export.export_report("2026S2", out=tmp_path / "b.lcdx")
    assert (a.revision, b.revision, b.new_revision) == (1, 1, False)
    assert members(a.data)["payload.json"] == members(b.data)["payload.json"]
    _add_session(low)
    c = low.export.export_report("2026S2")
    assert (c.revision, c.new_revision) == (2, True)
    assert (
        read_package(c.data).counts()["sessions"] == read_package(a.data).counts()["sessions"] + 1
    )


def test_pdf_renderer_is_called_and_embedded(pair) -> None:  # noqa: ANN001
    low, _ = pair
    calls = []

    def render(unit: str, period: str, paper) -> bytes:  # noqa: ANN001
        calls.append((unit, period, paper))
        return b"%PDF-1.7 fake"

    r = low.export.export_report("2026S2", render_pdf=render)
    [(unit, period, paper)] = calls
    assert (unit, period) == ("CDCS-THCS-TN", "2026S2")
    pkg = read_package(r.data)
    assert pkg.pdf == b"%PDF-1.7 fake"
    # the renderer is told which package it prints for: the paper code matches the file
    from lai_chau_desk.reports.paper_code import make_code, matches

    assert (paper.revision, paper.payload_sha256) == (pkg.revision, pkg.payload_sha256)
    assert matches(make_code(paper), pkg)


def test_personal_data_never_leaves(pair) -> None:  # noqa: ANN001
    low, _ = pair
    from sqlalchemy import select

    from lai_chau_desk.storage.models import MemberRow

    with low.db.reading() as s:
        roster = [(r.full_name, str(r.id)) for r in s.scalars(select(MemberRow))]
    assert len(roster) >= 40
    data = b"".join(low.export.export_report(p).data for p in ("2026S1", "2026S2"))
    blobs = [data]
    pdf_text = []
    for pkg in (low.export.export_report(p).data for p in ("2026S1", "2026S2")):
        zf = zipfile.ZipFile(io.BytesIO(pkg))
        blobs += [zf.read(n) for n in zf.namelist()]
        assert "report.pdf" in zf.namelist()  # the printed report travels too: check its text
        from pypdf import PdfReader

        pdf_text += [pg.extract_text() for pg in PdfReader(io.BytesIO(zf.read("report.pdf"))).pages]
    text = "\n".join(b.decode("utf-8", "replace") for b in blobs) + "\n".join(pdf_text)
    assert "BÁO CÁO" in text  # the PDF's text really was extracted
    signer = low.units.profile().signer_name  # printed under the signature: public by design
    for name, member_id in roster:
        if name == signer:
            continue
        assert name.encode() not in data and name not in text
        assert member_id not in text
    for field in ("full_name", "birth_year", "ethnicity", "attendee", "gender"):
        assert field not in text


def test_report_receipt_and_catalogue_through_files_only(pair, tmp_path: Path) -> None:  # noqa: ANN001
    low, up = pair
    outbox, inbox = tmp_path / "low" / "report.lcdx", tmp_path / "up" / "report.lcdx"
    low.export.export_report("2026S2", out=outbox)
    inbox.write_bytes(outbox.read_bytes())  # the USB stick
    assert up.imports.import_files([inbox])[0].outcome == "new"
    assert up.status.completeness("2026S2").on_time == ["CDCS-THCS-TN"]

    receipt = tmp_path / "up" / "receipt.lcdx"
    up.receipts.review(
        "CDCS-THCS-TN", "2026S2", "returned", "Bổ sung số liệu giám sát.", out=receipt
    )
    # rule 1: the first receipt from above pins the parent's key only once the officer has
    # confirmed its fingerprint (nothing changes before)
    first = low.imports.import_files([receipt])[0]
    assert first.outcome == "refused" and first.code == "parent-key-unconfirmed"
    assert up.keys.fingerprint() in first.reason and "--accept-parent-key" in first.reason
    out = low.imports.import_files([receipt], accept_parent_key=up.keys.fingerprint())[0]
    assert (out.outcome, out.key_status) == ("new", "parent-confirmed")
    assert low.imports.import_files([receipt])[0].outcome == "unchanged"
    [sent] = low.receipts.sent_reports()
    assert (sent.status, sent.comment) == ("returned", "Bổ sung số liệu giám sát.")

    _add_session(low)
    low.export.export_report("2026S2", out=outbox)
    inbox.write_bytes(outbox.read_bytes())
    assert up.imports.import_files([inbox])[0].outcome == "replaced"
    up.receipts.review("CDCS-THCS-TN", "2026S2", "accepted", out=receipt)
    assert low.imports.import_files([receipt])[0].outcome == "new"
    statuses = {s.revision: s.status for s in low.receipts.sent_reports()}
    assert statuses == {1: "returned", 2: "accepted"}

    up.catalogue.save_directive(
        Directive(
            code="12-CT/TU",
            number="12",
            symbol="CT/TU",
            title="Chỉ thị về chuyển đổi số",
            kind="Chỉ thị",
        )
    )
    sessions_before = low.sessions.count()
    cat = tmp_path / "up" / "catalogue.lcdx"
    up.catalogue_export.export_catalogue(out=cat)
    assert low.imports.import_files([cat])[0].outcome == "new"
    assert "12-CT/TU" in low.catalogue.directive_codes()
    assert low.sessions.count() == sessions_before
    assert low.units.own_unit().name == "Công đoàn cơ sở Trường THCS Thử Nghiệm"
    assert low.imports.import_files([cat])[0].outcome == "unchanged"


def test_receipt_from_a_stranger_refused(pair, tmp_path: Path) -> None:  # noqa: ANN001
    low, up = pair
    low.export.export_report("2026S2", out=tmp_path / "r.lcdx")
    up.imports.import_files([tmp_path / "r.lcdx"])
    up.receipts.review("CDCS-THCS-TN", "2026S2", "accepted", out=tmp_path / "rc.lcdx")
    other = open_database(tmp_path / "other.db", today=lambda: TODAY)
    other.units.init_own_unit("CDCS-KHAC", "Công đoàn cơ sở khác", "LDLD-SIN-HO")
    out = other.imports.import_files([tmp_path / "rc.lcdx"])[0]
    assert out.outcome == "refused" and "cấp trên" in out.reason
    other.close()


def test_return_needs_a_comment(pair, tmp_path: Path) -> None:  # noqa: ANN001
    from lai_chau_desk.domain.errors import ValidationError

    low, up = pair
    low.export.export_report("2026S2", out=tmp_path / "r.lcdx")
    up.imports.import_files([tmp_path / "r.lcdx"])
    with pytest.raises(ValidationError, match="lý do"):
        up.receipts.review("CDCS-THCS-TN", "2026S2", "returned", "  ")


def test_completeness_on_time_late_missing(tmp_path: Path) -> None:
    up = open_database(tmp_path / "up.db", today=lambda: date(2027, 1, 10))
    up.units.init_own_unit("CDVC-LC", "Công đoàn Viên chức tỉnh Lai Châu", "LDLD-LC")
    for code in ("CS-A", "CS-B", "CS-C"):
        up.units.save_unit(Unit(code=code, name=f"Công đoàn {code}", parent_code="CDVC-LC"))
    up.units.save_unit(
        Unit(code="CS-OLD", name="Đã giải thể", parent_code="CDVC-LC", valid_to=date(2025, 6, 30))
    )
    due = up.status.completeness("2026S2").due
    assert due == "2026-12-19"
    files = []
    for code, created in (
        ("CS-A", datetime(2026, 12, 19, 23, 0, tzinfo=ICT)),
        ("CS-B", datetime(2026, 12, 20, 8, 0, tzinfo=ICT)),
    ):
        path = tmp_path / f"{code}.lcdx"
        path.write_bytes(report_bytes(code, signer=key(code), created_at=created))
        files.append(path)
    assert [o.outcome for o in up.imports.import_files(files)] == ["new", "new"]
    st = up.status.completeness("2026S2")
    assert st.to_json() == {
        "period": "2026S2",
        "due": "2026-12-19",
        "expected": ["CS-A", "CS-B", "CS-C"],
        "on_time": ["CS-A"],
        "late": ["CS-B"],
        "missing": ["CS-C"],
    }
    assert {u.code: u.review for u in st.units} == {
        "CS-A": "pending",
        "CS-B": "pending",
        "CS-C": None,
    }
    up.close()


def test_consolidated_export_embeds_accepted_children_only(pair, tmp_path: Path) -> None:  # noqa: ANN001
    low, up = pair
    low.export.export_report("2026S2", out=tmp_path / "r.lcdx")
    other = tmp_path / "o.lcdx"
    other.write_bytes(report_bytes("CDCS-B", signer=key("CDCS-B")))
    up.imports.import_files([tmp_path / "r.lcdx", other])
    assert up.export.export_report("2026S2").children == []
    up.receipts.review("CDCS-THCS-TN", "2026S2", "accepted")
    r = up.export.export_report("2026S2")
    assert r.children == ["CDCS-THCS-TN"]
    assert r.plan.left_out[0][0] == "CDCS-B" and "--include-pending" in r.plan.left_out[0][2]
    pkg = read_package(r.data)
    sent = read_package((tmp_path / "r.lcdx").read_bytes())
    carried = pkg.units["CDCS-THCS-TN"]
    assert carried.manifest_bytes == sent.manifest_bytes
    assert carried.payload_bytes == sent.payload_bytes
    assert "units/CDCS-THCS-TN/report.pdf" not in members(r.data)
    cons = pkg.consolidation
    assert cons is not None and cons["missing"] == [] and cons["on_time"] == ["CDCS-THCS-TN"]
    assert up.export.export_report("2026S2", include_pending=True).children == [
        "CDCS-B",
        "CDCS-THCS-TN",
    ]


def test_fingerprint_made_once(pair) -> None:  # noqa: ANN001
    low, _ = pair
    assert low.keys.fingerprint() == low.keys.fingerprint()
    assert len(low.keys.fingerprint()) == 39


def test_personal_data_never_leaves_a_consolidated_package(pair, tmp_path: Path) -> None:  # noqa: ANN001
    from sqlalchemy import select

    from lai_chau_desk.storage.models import MemberRow

    low, up = pair
    up.demo.fill(seed=12)
    low.export.export_report("2026S2", out=tmp_path / "r.lcdx")
    up.imports.import_files([tmp_path / "r.lcdx"])
    up.receipts.review("CDCS-THCS-TN", "2026S2", "accepted")
    data = up.export.export_report("2026S2").data
    names = []
    for suite in (low, up):
        with suite.db.reading() as s:
            names += [
                (r.full_name, str(r.id), str(r.birth_year)) for r in s.scalars(select(MemberRow))
            ]
    texts = []

    def walk(blob: bytes) -> None:
        zf = zipfile.ZipFile(io.BytesIO(blob))
        for n in zf.namelist():
            member = zf.read(n)
            texts.append(member.decode("utf-8", "replace"))

    walk(data)
    assert len(texts) >= 6  # two manifests, signatures, payloads
    everything = "\n".join(texts)
    for full_name, member_id, _ in names:
        assert full_name not in everything and member_id not in everything
    for field in ("full_name", "birth_year", "ethnicity", "attendee"):
        assert field not in everything


def test_pinned_keys_and_matrix_for_the_gui(pair, tmp_path: Path) -> None:  # noqa: ANN001
    low, up = pair
    low.export.export_report("2026S2", out=tmp_path / "r.lcdx")
    up.imports.import_files([tmp_path / "r.lcdx"])
    [pin] = up.status.pinned_keys()
    assert pin.unit == "CDCS-THCS-TN" and pin.fingerprint == low.keys.fingerprint()
    matrix = up.status.completeness_matrix(["2026S1", "2026S2"])
    assert matrix["2026S1"].missing == ["CDCS-THCS-TN"]
    assert matrix["2026S2"].on_time == ["CDCS-THCS-TN"]
    detail = up.status.report_detail("CDCS-THCS-TN", "2026S2")
    # the package carries the printed report by default, readable without the app
    assert detail.unit == "CDCS-THCS-TN" and detail.has_pdf is True
    assert (up.status.report_pdf("CDCS-THCS-TN", "2026S2") or b"").startswith(b"%PDF-")
    assert detail.stored_figures is not None
    assert detail.stored_figures.sessions == detail.figures.sessions == len(detail.sessions)


def test_report_detail_of_a_held_file_the_reader_now_refuses_says_so(pair, tmp_path: Path) -> None:  # noqa: ANN001
    """A report held from a build whose format rules differed (payload.json was once
    deflated) no longer reads under today's rules: the drill-down says to ask for it again
    instead of failing with the reader's exception."""
    from sqlalchemy import text

    from lai_chau_desk.domain.errors import NotFoundError

    low, up = pair
    low.export.export_report("2026S2", out=tmp_path / "r.lcdx")
    up.imports.import_files([tmp_path / "r.lcdx"])
    with up.db.transaction() as s:
        held = s.execute(text("SELECT id, data FROM received_package")).one()
        data = bytearray(held.data)
        data[len(data) // 2] ^= 0xFF  # inside report.pdf: its hash no longer matches
        s.execute(
            text("UPDATE received_package SET data = :d WHERE id = :i"),
            {"d": bytes(data), "i": held.id},
        )
    with pytest.raises(NotFoundError, match="hãy đề nghị đơn vị gửi lại"):
        up.status.report_detail("CDCS-THCS-TN", "2026S2")

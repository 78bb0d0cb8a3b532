"""The trust rules of DESIGN §5 (issue 9): each attack is built through the public services
(or the CLI) and refused with one clear Vietnamese line, and the whole database is byte for
byte what it was (a full ``iterdump``), not only the outcome."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lai_chau_desk.app import open_database
from lai_chau_desk.domain.units import Unit
from lai_chau_desk.exchange.canonical import canonical_json
from lai_chau_desk.exchange.errors import PackageError
from lai_chau_desk.exchange.package import read_package
from lai_chau_desk.services.suite import ServiceSuite
from tests.exchange.lcdx_helpers import (
    ICT,
    consolidated_bytes,
    forge,
    key,
    manifest_of,
    members,
    report_bytes,
    resign,
)

TODAY = date(2026, 11, 28)
P = "2026S2"


def dump(path: Path) -> str:
    """Every schema object and row of the database, in SQL: equal dumps, equal databases."""
    con = sqlite3.connect(path)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def put(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


def refused_unchanged(suite: ServiceSuite, path: Path, word: str, **kw) -> str:  # noqa: ANN003
    before = dump(suite.db.path)
    out = suite.imports.import_files([path], **kw)[0]
    assert out.outcome == "refused", out
    assert word in out.reason, out.reason
    assert "\n" not in out.reason and "\x1b" not in out.reason
    assert dump(suite.db.path) == before
    return out.reason


@pytest.fixture
def province(tmp_path: Path) -> ServiceSuite:
    """LDLD-LC with two communes in its directory, each with one registered unit."""
    s = open_database(tmp_path / "province.db", today=lambda: TODAY)
    s.units.init_own_unit("LDLD-LC", "Liên đoàn Lao động tỉnh Lai Châu")
    for code in ("XA-1", "XA-2"):
        s.units.save_unit(Unit(code=code, name=f"Công đoàn xã {code}", parent_code="LDLD-LC"))
    s.units.save_unit(Unit(code="CS-11", name="Công đoàn cơ sở CS-11", parent_code="XA-1"))
    s.units.save_unit(Unit(code="CS-21", name="Công đoàn cơ sở CS-21", parent_code="XA-2"))
    yield s
    s.close()


def commune(code: str, kids: list[bytes], **kw) -> bytes:  # noqa: ANN003
    return consolidated_bytes(code, "LDLD-LC", kids, signer=key(code), **kw)


def leaf(code: str, parent: str, seed: int = 1, signer: str | None = None, **kw) -> bytes:  # noqa: ANN003
    return report_bytes(code, parent=parent, seed=seed, signer=key(signer or code), **kw)


# --- rule 3: nobody speaks for another's unit --------------------------------------------


def test_commune_cannot_carry_another_communes_unit(province: ServiceSuite, tmp_path: Path) -> None:
    forged = commune("XA-1", [leaf("CS-21", "XA-1", signer="impostor")])
    reason = refused_unchanged(province, put(tmp_path, "f.lcdx", forged), "CS-21")
    assert "XA-2" in reason and "không được báo cáo thay" in reason


def test_honest_commune_relaying_an_impostor_is_refused_by_the_level_that_knows(
    province: ServiceSuite, tmp_path: Path
) -> None:
    """XA-2 does not know CS-11 and takes an impostor's report as a new child; the province,
    whose directory puts CS-11 under XA-1, refuses XA-2's honest consolidated package."""
    xa2 = open_database(tmp_path / "xa2.db", today=lambda: TODAY)
    xa2.units.init_own_unit("XA-2", "Công đoàn xã XA-2", "LDLD-LC")
    imp = put(tmp_path, "imp.lcdx", leaf("CS-11", "XA-2", signer="impostor"))
    assert xa2.imports.import_files([imp])[0].outcome == "new"
    xa2.receipts.review("CS-11", P, "accepted")
    out = put(tmp_path, "xa2.lcdx", xa2.export.export_report(P).data)
    xa2.close()
    refused_unchanged(province, out, "CS-11")


def test_carried_report_of_a_known_unit_must_be_signed_by_its_pinned_key(
    province: ServiceSuite, tmp_path: Path
) -> None:
    first = commune("XA-1", [leaf("CS-11", "XA-1", period="2026S1")], period="2026S1")
    assert province.imports.import_files([put(tmp_path, "a.lcdx", first)])[0].outcome == "new"
    forged = commune("XA-1", [leaf("CS-11", "XA-1", signer="fresh")])
    reason = refused_unchanged(province, put(tmp_path, "b.lcdx", forged), "đã thay đổi")
    pins = {p.unit: p.fingerprint for p in province.status.pinned_keys()}
    assert pins["CS-11"] in reason and read_package(forged).units["CS-11"].fingerprint in reason


def test_new_unit_carried_must_be_signed_by_the_key_its_table_lists(
    province: ServiceSuite, tmp_path: Path
) -> None:
    from lai_chau_desk.exchange.signing import b64

    forged = commune(
        "XA-1",
        [leaf("CS-NEW", "XA-1")],
        edit=lambda t, u: t["units"][0].update(public_key=b64(key("x").public)),
    )
    refused_unchanged(province, put(tmp_path, "f.lcdx", forged), "khóa khác")


def test_grandchild_cannot_report_directly(province: ServiceSuite, tmp_path: Path) -> None:
    refused_unchanged(province, put(tmp_path, "g.lcdx", leaf("CS-11", "LDLD-LC")), "XA-1")


def test_unit_new_to_the_importer_is_added_under_the_embedding_child(
    province: ServiceSuite, tmp_path: Path
) -> None:
    data = commune("XA-1", [leaf("CS-NEW", "XA-1")])
    out = province.imports.preview_files([put(tmp_path, "n.lcdx", data)])[0]
    assert out.outcome == "new"
    assert {k.unit for k in out.first_keys} == {"XA-1", "CS-NEW"}
    assert any("lần đầu" in n and "CS-NEW" in n for n in out.key_notes())
    province.imports.import_files([tmp_path / "n.lcdx"])
    assert province.units.get("CS-NEW").parent_code == "XA-1"
    assert {p.unit: p.how for p in province.status.pinned_keys()}["CS-NEW"] == "embedded"


# --- rule 4 for carried copies -----------------------------------------------------------


def test_carried_copies_obey_the_stale_rule(province: ServiceSuite, tmp_path: Path) -> None:
    v2 = resign(leaf("CS-11", "XA-1", seed=5), key("CS-11"), edit=lambda m: m.update(revision=2))
    assert (
        province.imports.import_files([put(tmp_path, "a.lcdx", commune("XA-1", [v2]))])[0].outcome
        == "new"
    )
    older = commune("XA-1", [leaf("CS-11", "XA-1", seed=6)], revision=2, seed=10)
    refused_unchanged(province, put(tmp_path, "b.lcdx", older), "cũ hơn")
    same_rev = resign(
        leaf("CS-11", "XA-1", seed=7), key("CS-11"), edit=lambda m: m.update(revision=2)
    )
    refused_unchanged(
        province,
        put(tmp_path, "c.lcdx", commune("XA-1", [same_rev], revision=3, seed=11)),
        "cũ hơn",
    )


# --- rule 2: keys of children --------------------------------------------------------------


def test_reinstalled_unit_accepted_replaces_whatever_its_revision(
    province: ServiceSuite, tmp_path: Path
) -> None:
    old = resign(leaf("XA-1", "LDLD-LC"), key("XA-1"), edit=lambda m: m.update(revision=3))
    assert province.imports.import_files([put(tmp_path, "o.lcdx", old)])[0].outcome == "new"
    new = leaf("XA-1", "LDLD-LC", seed=2, signer="XA-1-reinstalled")
    path = put(tmp_path, "n.lcdx", new)
    reason = refused_unchanged(province, path, "đã thay đổi")
    assert "--accept-new-key XA-1" in reason
    out = province.imports.import_files([path], accept_new_key=["XA-1"])[0]
    assert (out.outcome, out.key_status, out.previous_revision) == ("replaced", "accepted", 3)
    assert out.changed_keys and out.changed_keys[0].new == read_package(new).fingerprint
    assert province.imports.import_files([path])[0].outcome == "unchanged"


def test_first_report_of_a_bundled_unit_shows_its_fingerprint(cli, tmp_path: Path) -> None:  # noqa: ANN001
    db = tmp_path / "p.db"
    cli(
        "init",
        "--unit-code",
        "LDLD-LC",
        "--unit-name",
        "Liên đoàn Lao động tỉnh",
        db=db,
        check=True,
    )
    data = leaf("CDVC-LC", "LDLD-LC")  # in the shipped directory, never reported
    path = put(tmp_path, "v.lcdx", data)
    out = cli("import", "--dry-run", str(path), db=db, check=True).stdout
    assert "lần đầu" in out and read_package(data).fingerprint in out


# --- rule 1: receipts and catalogues from above ---------------------------------------------


@pytest.fixture
def low_up(tmp_path: Path):  # noqa: ANN201
    low = open_database(tmp_path / "low.db", today=lambda: TODAY)
    low.units.init_own_unit("CDCS-T", "Công đoàn cơ sở T", "CDVC-LC")
    up = open_database(tmp_path / "up.db", today=lambda: TODAY)
    up.units.init_own_unit("CDVC-LC", "Công đoàn Viên chức tỉnh Lai Châu", "LDLD-LC")
    sent = low.export.export_report(P, out=tmp_path / "r.lcdx")
    up.imports.import_files([tmp_path / "r.lcdx"])
    yield low, up, sent
    low.close()
    up.close()


def test_first_receipt_needs_the_confirmed_parent_fingerprint(low_up, tmp_path: Path) -> None:  # noqa: ANN001
    low, up, _sent = low_up
    rc = up.receipts.review("CDCS-T", P, "accepted", out=tmp_path / "rc.lcdx")
    fp = rc.receipt.fingerprint
    reason = refused_unchanged(low, tmp_path / "rc.lcdx", fp)
    assert "--accept-parent-key" in reason
    refused_unchanged(
        low,
        tmp_path / "rc.lcdx",
        "Chưa xác nhận",
        accept_parent_key="0000 0000 0000 0000 0000 0000 0000 0000",
    )
    out = low.imports.import_files([tmp_path / "rc.lcdx"], accept_parent_key=fp.lower())[0]
    assert out.outcome == "new" and out.key_status == "parent-confirmed"
    pins = [p for p in low.status.pinned_keys() if p.unit == "CDVC-LC"]
    assert [(p.how, p.retired_at) for p in pins] == [("parent-confirmed", None)]


def test_forged_receipt_under_another_key_is_refused(low_up, tmp_path: Path) -> None:  # noqa: ANN001
    low, up, sent = low_up
    rc = up.receipts.review("CDCS-T", P, "accepted", out=tmp_path / "rc.lcdx")
    low.imports.import_files([tmp_path / "rc.lcdx"], accept_parent_key=rc.receipt.fingerprint)
    forged = resign(
        rc.receipt.data,
        key("forger"),
        edit=lambda m: m.update(package_id="11111111-2222-4333-8444-555555555555"),
    )
    refused_unchanged(low, put(tmp_path, "f.lcdx", forged), "khác với khóa đã ghi nhận")


def test_receipt_for_a_package_never_sent_is_refused(low_up, tmp_path: Path) -> None:  # noqa: ANN001
    low, up, sent = low_up
    rc = up.receipts.review("CDCS-T", P, "accepted", out=tmp_path / "rc.lcdx")
    fp = rc.receipt.fingerprint
    payload = json.loads(members(rc.receipt.data)["payload.json"])
    payload["subject"]["package_id"] = "11111111-2222-4333-8444-555555555555"
    upkey = up.keys.own_key()
    forged = resign(rc.receipt.data, upkey, payload=canonical_json(payload))
    refused_unchanged(low, put(tmp_path, "f.lcdx", forged), "chưa từng gửi", accept_parent_key=fp)


def test_grandparents_catalogue_is_refused_unless_relayed_by_the_parent(
    low_up, tmp_path: Path
) -> None:  # noqa: ANN001
    low, _up, _sent = low_up
    gp = open_database(tmp_path / "gp.db", today=lambda: TODAY)
    gp.units.init_own_unit("LDLD-LC", "Liên đoàn Lao động tỉnh Lai Châu")
    cat = gp.catalogue_export.export_catalogue(out=tmp_path / "cat.lcdx")
    gp.close()
    refused_unchanged(
        low,
        tmp_path / "cat.lcdx",
        "không phải đơn vị cấp trên trực tiếp",
        accept_parent_key=cat.fingerprint,
    )


def test_parents_catalogue_under_the_pinned_key_is_taken(low_up, tmp_path: Path) -> None:  # noqa: ANN001
    low, up, _sent = low_up
    cat = up.catalogue_export.export_catalogue(out=tmp_path / "cat.lcdx")
    refused_unchanged(low, tmp_path / "cat.lcdx", "Chưa xác nhận")
    out = low.imports.import_files([tmp_path / "cat.lcdx"], accept_parent_key=cat.fingerprint)[0]
    assert out.outcome == "new"
    again = up.catalogue_export.export_catalogue()
    forged = resign(again.data, key("forger"), edit=lambda m: m.update(revision=9))
    refused_unchanged(low, put(tmp_path, "f.lcdx", forged), "khác với khóa đã ghi nhận")


# --- rule 5: a period code means the importer's period ------------------------------------


def test_period_with_other_dates_is_refused(province: ServiceSuite, tmp_path: Path) -> None:
    data = leaf("XA-1", "LDLD-LC", period="2026")  # valid "2026" package of the whole year

    def as_s1(m):  # noqa: ANN001, ANN202
        m["period"]["code"] = "2026S1"

    payload = json.loads(members(data)["payload.json"])
    payload["period"]["code"] = payload["figures"]["period"] = "2026S1"
    forged = resign(data, key("XA-1"), edit=as_s1, payload=canonical_json(payload))
    reason = refused_unchanged(province, put(tmp_path, "p.lcdx", forged), "khác với kỳ 2026S1")
    assert "2025-12-15" in reason


# --- rule 6: codes, text, JSON bytes, dates -------------------------------------------------


def test_lower_case_code_is_refused(province: ServiceSuite, tmp_path: Path) -> None:
    data = resign(
        leaf("XA-1", "LDLD-LC"), key("XA-1"), edit=lambda m: m["unit"].update(code="xa-1")
    )
    refused_unchanged(province, put(tmp_path, "c.lcdx", data), "chữ in hoa")


def _payload_edit(data: bytes, signer: str, fn) -> bytes:  # noqa: ANN001
    payload = json.loads(members(data)["payload.json"])
    fn(payload)
    return resign(data, key(signer), payload=canonical_json(payload))


@pytest.mark.parametrize(
    "text,word",
    [
        ("Hội nghị \x1b[31mđỏ\x1b[0m", "ký tự điều khiển"),
        ("Dòng một\nDòng hai", "ký tự điều khiển"),  # a title is one line
        ("Hoi nghi \u202egnol", "ký tự điều khiển"),
        ("Hội nghị".encode().decode().replace("ộ", "o\u0323\u0302"), "NFC"),
    ],
)
def test_control_characters_and_nfd_text_refused(
    province: ServiceSuite, tmp_path: Path, text: str, word: str, cli
) -> None:  # noqa: ANN001
    data = _payload_edit(
        leaf("XA-1", "LDLD-LC"), "XA-1", lambda p: p["sessions"][0].update(title=text)
    )
    path = put(tmp_path, "t.lcdx", data)
    refused_unchanged(province, path, word)
    res = cli("verify", str(path), db=tmp_path / "v.db")
    assert res.returncode == 1 and "\x1b" not in res.stdout and "\u202e" not in res.stdout


def test_newline_and_tab_allowed_in_a_note(province: ServiceSuite, tmp_path: Path) -> None:
    data = _payload_edit(
        leaf("XA-1", "LDLD-LC"),
        "XA-1",
        lambda p: p["sessions"][0].update(note="Dòng một\n\tDòng hai"),
    )
    assert province.imports.import_files([put(tmp_path, "n.lcdx", data)])[0].outcome == "new"


def test_duplicate_keys_and_non_canonical_json_refused(
    province: ServiceSuite, tmp_path: Path
) -> None:
    data = leaf("XA-1", "LDLD-LC")
    raw = members(data)["payload.json"]
    dup = raw[:-1] + b',"unit":' + json.dumps(json.loads(raw)["unit"]).encode() + b"}"
    refused_unchanged(
        province, put(tmp_path, "d.lcdx", resign(data, key("XA-1"), payload=dup)), "lặp lại"
    )
    spaced = json.dumps(json.loads(raw), ensure_ascii=False, sort_keys=True).encode()
    refused_unchanged(
        province, put(tmp_path, "s.lcdx", resign(data, key("XA-1"), payload=spaced)), "chuẩn tắc"
    )
    escaped = json.dumps(json.loads(raw), sort_keys=True, separators=(",", ":")).encode()
    refused_unchanged(
        province, put(tmp_path, "e.lcdx", resign(data, key("XA-1"), payload=escaped)), "chuẩn tắc"
    )
    m = manifest_of(data)
    bad_manifest = forge(members(data), m, key("XA-1"))
    assert read_package(bad_manifest)  # the helper itself signs canonical bytes


YEARS = st.sampled_from(["0001", "0999", "1999", "2201", "9999"])


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(year=YEARS, where=st.sampled_from(["held_on", "status_on", "due", "created_at"]))
def test_any_date_outside_2000_2200_refuses_that_file_only(
    province: ServiceSuite, tmp_path: Path, year: str, where: str
) -> None:
    good = leaf("XA-2", "LDLD-LC", seed=3)
    data = leaf("XA-1", "LDLD-LC")

    def edit(p: dict) -> None:
        if where == "held_on":
            p["sessions"][0]["held_on"] = f"{year}-06-01"
        elif where == "status_on":
            for s in p["supervisions"]:
                for r in s["recommendations"]:
                    r["status_on"] = f"{year}-01-31"
        else:
            p["period"]["due"] = f"{year}-12-19"

    if where == "created_at":
        bad = resign(
            data, key("XA-1"), edit=lambda m: m.update(created_at=f"{year}-12-31T23:59:59-12:00")
        )
    else:
        bad = _payload_edit(data, "XA-1", edit)
    a, b = put(tmp_path, "bad.lcdx", bad), put(tmp_path, "good.lcdx", good)
    outs = province.imports.preview_files([a, b])
    if where == "status_on" and not any(
        s["recommendations"] for s in json.loads(members(data)["payload.json"])["supervisions"]
    ):
        return
    assert outs[0].outcome == "refused" and "Overflow" not in outs[0].reason
    assert outs[1].outcome == "new"


@pytest.mark.parametrize(
    "when", ["0001-01-01T00:30:00+07:00", "9999-12-31T23:00:00-07:00", "2201-01-01T00:00:00+00:00"]
)
def test_receipt_dated_outside_the_range_never_aborts_the_batch(
    low_up, tmp_path: Path, when: str
) -> None:  # noqa: ANN001
    low, up, _sent = low_up
    rc = up.receipts.review("CDCS-T", P, "accepted", out=tmp_path / "rc.lcdx")
    payload = json.loads(members(rc.receipt.data)["payload.json"])
    payload["decided_at"] = when
    bad = resign(rc.receipt.data, up.keys.own_key(), payload=canonical_json(payload))
    outs = low.imports.import_files(
        [put(tmp_path, "b.lcdx", bad), tmp_path / "rc.lcdx"],
        accept_parent_key=rc.receipt.fingerprint,
    )
    assert outs[0].outcome == "refused" and "2000" in outs[0].reason
    assert outs[1].outcome == "new"


def test_verify_reports_created_at_out_of_range_without_crash() -> None:
    data = resign(
        leaf("XA-1", "LDLD-LC"),
        key("XA-1"),
        edit=lambda m: m.update(created_at="0001-01-01T00:00:00+14:00"),
    )
    with pytest.raises(PackageError) as e:
        read_package(data)
    assert e.value.code == "date-out-of-range"


# --- a full disk ---------------------------------------------------------------------------


def test_disk_full_during_import_is_worded_and_writes_nothing(
    province: ServiceSuite, tmp_path: Path
) -> None:
    from lai_chau_desk.storage.engine import StorageFull
    from tests.storage.test_disk_full import FullDisk

    files = [
        put(tmp_path, f"{i}.lcdx", leaf(f"CS-{i:02d}", "LDLD-LC", seed=i, sessions=40))
        for i in range(30)
    ]
    province.backup.backup(reason="before-import")  # so the backup folder exists
    before = dump(province.db.path)
    full = FullDisk(province, spare=2)
    with pytest.raises(StorageFull) as e:
        province.imports.import_files(files)
    full.lift()
    assert "Ổ đĩa đã đầy" in str(e.value)
    assert dump(province.db.path) == before


def test_timestamps_of_helpers_are_aware() -> None:
    assert datetime(2026, 1, 1, tzinfo=ICT).utcoffset() is not None


# --- what a consolidated export says, and what the level above can open --------------------


def test_export_says_what_it_includes_and_leaves_out(cli, tmp_path: Path) -> None:  # noqa: ANN001
    up = tmp_path / "up.db"
    cli(
        "init",
        "--unit-code",
        "XA-9",
        "--unit-name",
        "Công đoàn xã 9",
        "--parent-code",
        "LDLD-LC",
        db=up,
        check=True,
    )
    empty = cli("export", "--period", P, "--out", str(tmp_path / "e.lcdx"), db=up, check=True)
    assert "Không kèm báo cáo nào" not in empty.stdout  # no units below: nothing to say
    a, b = (
        put(tmp_path, "a.lcdx", leaf("CS-A", "XA-9")),
        put(tmp_path, "b.lcdx", leaf("CS-B", "XA-9")),
    )
    cli("import", str(a), str(b), db=up, check=True)
    none = cli("export", "--period", P, "--out", str(tmp_path / "n.lcdx"), db=up, check=True)
    assert "Không kèm báo cáo nào" in none.stdout and "--include-pending" in none.stdout
    assert "CS-A" in none.stdout and "chưa tiếp nhận" in none.stdout
    cli("review", "--unit", "CS-A", "--period", P, "--accept", db=up, check=True)
    one = cli("export", "--period", P, "--out", str(tmp_path / "o.lcdx"), db=up, check=True)
    assert "Kèm 1 báo cáo đơn vị trực thuộc: CS-A (lần 1)" in one.stdout
    assert "Không kèm CS-B" in one.stdout
    assert read_package((tmp_path / "o.lcdx").read_bytes()).embedded_codes() == ["CS-A"]
    both = cli(
        "export",
        "--period",
        P,
        "--out",
        str(tmp_path / "p.lcdx"),
        "--include-pending",
        db=up,
        check=True,
    )
    assert "Kèm 2 báo cáo" in both.stdout


def test_plan_export_before_writing_and_detail_of_a_carried_report(
    province: ServiceSuite, tmp_path: Path
) -> None:
    xa = open_database(tmp_path / "xa.db", today=lambda: TODAY)
    xa.units.init_own_unit("XA-1", "Công đoàn xã XA-1", "LDLD-LC")
    xa.imports.import_files([put(tmp_path, "l.lcdx", leaf("CS-11", "XA-1", with_pdf=True))])
    plan = xa.export.plan_export(P)
    assert plan.included == [] and plan.left_out[0][:2] == ("CS-11", "Công đoàn cơ sở CS-11")
    assert [c for c, _n, _r in xa.export.plan_export(P, include_pending=True).included] == ["CS-11"]
    data = xa.export.export_report(P, include_pending=True).data
    xa.close()
    assert "units/CS-11/report.pdf" not in members(data)
    province.imports.import_files([put(tmp_path, "x.lcdx", data)])
    detail = province.status.report_detail("CS-11", P)
    assert detail.unit == "CS-11" and detail.has_pdf is False
    assert detail.fingerprint == read_package(data).units["CS-11"].fingerprint
    totals = province.status.subtree_totals(P)
    assert totals.units_reported == 2


def test_code_differing_only_in_case_is_the_same_unit(
    province: ServiceSuite, tmp_path: Path
) -> None:
    """A directory entry typed in lower case (older data) and a package of the same code in
    upper case: refused, never a second unit. (The services now store every code upper case,
    so the older entry is planted below them, as an older version wrote it.)"""
    from lai_chau_desk.storage import units_repo

    with province.db.transaction() as s:
        units_repo.save_unit(s, Unit(code="xa-low", name="Công đoàn xã cũ", parent_code="LDLD-LC"))
    data = leaf("XA-LOW", "LDLD-LC")
    reason = refused_unchanged(province, put(tmp_path, "c.lcdx", data), "chữ hoa/thường")
    assert "xa-low" in reason
    carried = commune("XA-1", [leaf("XA-LOW", "XA-1")])
    refused_unchanged(province, put(tmp_path, "d.lcdx", carried), "chữ hoa/thường")


def test_one_batch_with_two_revisions_and_a_key_change_of_the_same_unit(
    province: ServiceSuite, tmp_path: Path
) -> None:
    """Rows of a batch are written together: later packages of the batch still supersede and
    retire what earlier ones added."""
    r1 = put(tmp_path, "1.lcdx", leaf("XA-1", "LDLD-LC", seed=1))
    r2 = put(
        tmp_path,
        "2.lcdx",
        resign(leaf("XA-1", "LDLD-LC", seed=2), key("XA-1"), edit=lambda m: m.update(revision=2)),
    )
    r3 = put(tmp_path, "3.lcdx", leaf("XA-1", "LDLD-LC", seed=3, signer="XA-1-new"))
    outs = province.imports.import_files([r1, r2, r1, r3], accept_new_key=["XA-1"])
    assert [o.outcome for o in outs] == ["new", "replaced", "refused", "replaced"]
    rows = [r for r in province.status.received(P) if r.unit == "XA-1"]
    assert sorted((r.revision, r.status) for r in rows) == [
        (1, "current"),
        (1, "superseded"),
        (2, "superseded"),
    ]
    pins = [p for p in province.status.pinned_keys() if p.unit == "XA-1"]
    assert sum(p.retired_at is None for p in pins) == 1 and len(pins) == 2
    assert province.status.subtree_totals(P).units_reported == 1

"""Red-team attacks on the trust rules of DESIGN §5 that need an importing database: each is
built as an attacker with a copy of the app would build it, refused with one clear
Vietnamese line (with a refusal code), and the whole database is byte for byte unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lai_chau_desk.app import open_database
from lai_chau_desk.exchange.canonical import canonical_json
from lai_chau_desk.services.suite import ServiceSuite
from tests.exchange.lcdx_helpers import consolidated_bytes, key, manifest_of, members, resign
from tests.services import test_exchange_trust as trust
from tests.services.test_exchange_trust import (
    TODAY,
    P,
    commune,
    dump,
    leaf,
    put,
    refused_unchanged,
)

province = trust.province  # the fixtures of the trust tests, shared
low_up = trust.low_up


def refused(suite: ServiceSuite, tmp: Path, name: str, data: bytes, word: str, **kw) -> str:  # noqa: ANN003
    reason = refused_unchanged(suite, put(tmp, name, data), word, **kw)
    assert "không mong đợi" not in reason
    return reason


def outcome_code(suite: ServiceSuite, path: Path) -> str:
    return suite.imports.import_files([path])[0].code


# --- rule 3: nobody speaks for another unit ---------------------------------------------


def test_table_lists_one_key_carried_manifest_signed_by_another(
    province: ServiceSuite, tmp_path: Path
) -> None:
    real, fake = leaf("NEW-1", "XA-1"), leaf("NEW-1", "XA-1", signer="impostor")
    from lai_chau_desk.exchange.package import read_package

    fake_pkg = read_package(fake)

    def swap(table: dict, units: dict) -> None:
        units["NEW-1"] = {
            "manifest.json": fake_pkg.manifest_bytes,
            "manifest.sig": fake_pkg.signature,
            "payload.json": fake_pkg.payload_bytes,
        }

    refused(province, tmp_path, "a.lcdx", commune("XA-1", [real], edit=swap), "kèm trong gói")


def test_table_row_without_carried_report_and_carried_report_without_row(
    province: ServiceSuite, tmp_path: Path
) -> None:
    kid = leaf("NEW-1", "XA-1")

    def drop_files(table: dict, units: dict) -> None:
        units.clear()

    def drop_row(table: dict, units: dict) -> None:
        table["units"] = []

    refused(province, tmp_path, "a.lcdx", commune("XA-1", [kid], edit=drop_files), "không khớp")
    refused(province, tmp_path, "b.lcdx", commune("XA-1", [kid], edit=drop_row), "không khớp")


def test_unit_moving_between_communes_is_refused(province: ServiceSuite, tmp_path: Path) -> None:
    moved = leaf("CS-11", "XA-2")  # CS-11 is XA-1's in the province's directory
    refused(province, tmp_path, "a.lcdx", commune("XA-2", [moved]), "thuộc «XA-1»")


def test_importers_own_code_carried_as_a_unit_below_is_refused(
    province: ServiceSuite, tmp_path: Path
) -> None:
    me = leaf("LDLD-LC", "XA-1")
    refused(province, tmp_path, "a.lcdx", commune("XA-1", [me]), "LDLD-LC")


def test_importers_parent_carried_or_reporting_as_a_child_is_refused(tmp_path: Path) -> None:
    xa = open_database(tmp_path / "xa.db", today=lambda: TODAY)
    xa.units.init_own_unit(
        "XA-1", "Công đoàn xã 1", "LDLD-LC", parent_name="Liên đoàn Lao động tỉnh Lai Châu"
    )
    try:
        # the parent claiming to be a child, directly and inside a grassroots "consolidation"
        refused(xa, tmp_path, "a.lcdx", leaf("LDLD-LC", "XA-1"), "LDLD-LC")
        inner = leaf("LDLD-LC", "CS-9")
        cs = consolidated_bytes("CS-9", "XA-1", [inner], signer=key("CS-9"))
        refused(xa, tmp_path, "b.lcdx", cs, "LDLD-LC")
    finally:
        xa.close()


def test_same_unit_carried_under_two_communes_in_one_batch(
    province: ServiceSuite, tmp_path: Path
) -> None:
    a = put(tmp_path, "a.lcdx", commune("XA-1", [leaf("NEW-9", "XA-1")]))
    b = put(tmp_path, "b.lcdx", commune("XA-2", [leaf("NEW-9", "XA-2", signer="other")]))
    outs = province.imports.import_files([a, b])
    assert outs[0].outcome == "new" and outs[1].outcome == "refused", outs
    assert outs[1].code and "\n" not in outs[1].reason
    before = dump(province.db.path)
    assert province.imports.import_files([b])[0].outcome == "refused"
    assert dump(province.db.path) == before


def test_older_revision_replayed_inside_a_newer_consolidated_package(
    province: ServiceSuite, tmp_path: Path
) -> None:
    from lai_chau_desk.exchange.package import read_package

    old = leaf("CS-11", "XA-1", seed=1)
    new = resign(leaf("CS-11", "XA-1", seed=2), key("CS-11"), edit=lambda m: m.update(revision=2))
    assert read_package(new).revision == 2
    first = commune("XA-1", [new], revision=1)
    assert province.imports.import_files([put(tmp_path, "a.lcdx", first)])[0].outcome == "new"
    replay = commune("XA-1", [old], revision=2, seed=10)
    refused(province, tmp_path, "b.lcdx", replay, "cũ hơn")


def test_cycle_in_the_table_parents_is_refused(province: ServiceSuite, tmp_path: Path) -> None:
    kid = leaf("NEW-1", "XA-1")

    def cycle(table: dict, units: dict) -> None:
        table["units"][0]["parent_code"] = "NEW-1"

    refused(province, tmp_path, "a.lcdx", commune("XA-1", [kid], edit=cycle), "NEW-1")


# --- rule 1: receipts and catalogues ---------------------------------------------------


def _receipt_with(low_up, tmp_path: Path, change) -> tuple:  # noqa: ANN001
    low, up, sent = low_up
    rc = up.receipts.review("CDCS-T", P, "accepted", out=tmp_path / "rc.lcdx")
    payload = json.loads(members(rc.receipt.data)["payload.json"])
    change(payload)
    forged = resign(rc.receipt.data, up.keys.own_key(), payload=canonical_json(payload))
    return low, forged, rc.receipt.fingerprint


def test_receipt_for_a_sent_package_id_with_another_payload_hash(low_up, tmp_path: Path) -> None:  # noqa: ANN001
    low, forged, fp = _receipt_with(
        low_up, tmp_path, lambda p: p["subject"].update(payload_sha256="0" * 64)
    )
    refused(low, tmp_path, "f.lcdx", forged, "chưa từng gửi", accept_parent_key=fp)


def test_receipt_for_another_revision_of_a_sent_package(low_up, tmp_path: Path) -> None:  # noqa: ANN001
    low, forged, fp = _receipt_with(low_up, tmp_path, lambda p: p["subject"].update(revision=2))
    refused(low, tmp_path, "f.lcdx", forged, "chưa từng gửi", accept_parent_key=fp)


def _catalogue_with(low_up, tmp_path: Path, change) -> tuple:  # noqa: ANN001
    low, up, _sent = low_up
    cat = up.catalogue_export.export_catalogue(out=tmp_path / "cat.lcdx")
    payload = json.loads(members(cat.data)["payload.json"])
    change(payload)
    forged = resign(cat.data, up.keys.own_key(), payload=canonical_json(payload))
    return low, forged, cat.fingerprint


def _unit(payload: dict, code: str) -> dict:
    return next(u for u in payload["units"] if u["code"] == code)


def test_catalogue_that_reparents_the_importers_own_unit_is_refused(low_up, tmp_path: Path) -> None:  # noqa: ANN001
    low, forged, fp = _catalogue_with(
        low_up, tmp_path, lambda p: _unit(p, "CDCS-T").update(parent_code="LDLD-LC")
    )
    refused(low, tmp_path, "c.lcdx", forged, "CDCS-T", accept_parent_key=fp)


def test_catalogue_that_puts_an_ancestor_below_the_importer_is_refused(
    low_up, tmp_path: Path
) -> None:  # noqa: ANN001
    def change(p: dict) -> None:
        _unit(p, "LDLD-LC").update(parent_code="CDCS-T")

    low, forged, fp = _catalogue_with(low_up, tmp_path, change)
    refused(low, tmp_path, "c.lcdx", forged, "LDLD-LC", accept_parent_key=fp)


def test_catalogue_with_a_cycle_among_other_units_is_refused(low_up, tmp_path: Path) -> None:  # noqa: ANN001
    def change(p: dict) -> None:
        base = dict(_unit(p, "CDCS-T"))
        p["units"] += [
            dict(base, code="ZZ-1", name="Vòng 1", parent_code="ZZ-2"),
            dict(base, code="ZZ-2", name="Vòng 2", parent_code="ZZ-1"),
        ]
        p["units"].sort(key=lambda u: u["code"])

    low, forged, fp = _catalogue_with(low_up, tmp_path, change)
    refused(low, tmp_path, "c.lcdx", forged, "ZZ-", accept_parent_key=fp)


def test_catalogue_with_confusable_unit_code_is_refused(low_up, tmp_path: Path) -> None:  # noqa: ANN001
    def change(p: dict) -> None:
        base = dict(_unit(p, "CDCS-T"))
        p["units"].append(dict(base, code="CDCS-\u0422", name="Cyrillic T"))  # Т, not T

    low, forged, fp = _catalogue_with(low_up, tmp_path, change)
    refused(low, tmp_path, "c.lcdx", forged, "", accept_parent_key=fp)


def _repeat_unit(p: dict) -> None:  # the same code again, another parent: last-wins before
    p["units"].append(dict(_unit(p, "CDCS-T"), name="Bản sao", parent_code="LDLD-LC"))


def _repeat_directive(p: dict) -> None:
    p["directives"].append(dict(p["directives"][0], title="Văn bản giả"))


def _repeat_task(p: dict) -> None:
    d = next(d for d in p["directives"] if d["tasks"])
    d["tasks"].append(dict(d["tasks"][0], title="Nhiệm vụ giả"))


def _repeat_indicator(p: dict) -> None:
    p["indicators"].append(dict(p["indicators"][0], name="Chỉ tiêu giả"))


@pytest.mark.parametrize(
    "change",
    [_repeat_unit, _repeat_directive, _repeat_task, _repeat_indicator],
)
def test_catalogue_with_a_code_twice_is_refused(low_up, tmp_path: Path, change) -> None:  # noqa: ANN001
    low, forged, fp = _catalogue_with(low_up, tmp_path, change)
    reason = refused(low, tmp_path, "c.lcdx", forged, "lặp lại", accept_parent_key=fp)
    assert "Mã " in reason


# --- rule 5 and 6: periods and dates -------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "2026S3",
        "2026Q5",
        "2026Q0",
        "02026",
        "2026s1",
        "2026S",
        "２０２６S1",
        "2026S1 ",
        "1999S1",
        "2201",
    ],
)
def test_malformed_period_codes_refused(province: ServiceSuite, tmp_path: Path, code: str) -> None:
    data = resign(
        leaf("XA-1", "LDLD-LC"), key("XA-1"), edit=lambda m: m["period"].update(code=code)
    )
    refused(province, tmp_path, "a.lcdx", data, "")


def test_period_not_started_and_far_future_refused(province: ServiceSuite, tmp_path: Path) -> None:
    for code in ("2027S1", "2200S2"):
        from lai_chau_desk.domain.periods import parse_period

        p = parse_period(code)

        def edit(m: dict, p=p) -> None:  # noqa: ANN001
            m["period"] = {"code": p.code, "start": p.start.isoformat(), "end": p.end.isoformat()}

        data = resign(leaf("XA-1", "LDLD-LC"), key("XA-1"), edit=edit)
        refused(province, tmp_path, f"{code}.lcdx", data, "")


@pytest.mark.parametrize(
    "created",
    [
        "2201-01-01T00:00:00+07:00",
        "1999-12-31T23:59:59+00:00",
        "2026-02-30T10:00:00+07:00",
        "2200-12-31T23:00:00-05:00",
        "2026-11-20T09:30:00+99:00",
    ],
)
def test_created_at_out_of_range_or_impossible(
    province: ServiceSuite, tmp_path: Path, created: str
) -> None:
    data = resign(leaf("XA-1", "LDLD-LC"), key("XA-1"), edit=lambda m: m.update(created_at=created))
    refused(province, tmp_path, "a.lcdx", data, "")


def test_impossible_session_date_refused(province: ServiceSuite, tmp_path: Path) -> None:
    from tests.services.test_exchange_trust import _payload_edit

    data = _payload_edit(
        leaf("XA-1", "LDLD-LC"), "XA-1", lambda p: p["sessions"][0].update(held_on="2026-02-30")
    )
    refused(province, tmp_path, "a.lcdx", data, "")


# --- figures and types ---------------------------------------------------------------------


def _both(data: bytes, signer: str, fn) -> bytes:  # noqa: ANN001
    """``fn`` applied to the payload's figures and to the manifest's, re-signed: the
    attacker keeps them equal to each other."""
    p = json.loads(members(data)["payload.json"])
    fn(p["figures"])

    def edit(m: dict) -> None:
        fn(m["figures"])

    return resign(data, key(signer), edit=edit, payload=canonical_json(p))


@pytest.mark.parametrize(
    "change",
    [
        lambda f: f.update(sessions=f["sessions"] + 1),
        lambda f: f.update(participants=-1),
        lambda f: f.update(materials=float(f["materials"])),
        lambda f: f.update(
            supervisions=True if f["supervisions"] == 1 else f["supervisions"] + 0.0
        ),
        lambda f: "roster_members" in f and f.update(roster_reached=f["roster_members"] + 1),
        lambda f: f.update(female=10**12),
    ],
    ids=["count+1", "negative", "float", "bool-or-float", "reached>members", "huge"],
)
def test_figures_not_those_of_the_records_refused(
    province: ServiceSuite, tmp_path: Path, change
) -> None:  # noqa: ANN001
    refused(province, tmp_path, "a.lcdx", _both(leaf("XA-1", "LDLD-LC"), "XA-1", change), "")


def test_float_count_in_a_session_refused(province: ServiceSuite, tmp_path: Path) -> None:
    from tests.services.test_exchange_trust import _payload_edit

    def edit(p: dict) -> None:
        p["sessions"][0]["materials"] = float(p["sessions"][0]["materials"])

    data = _payload_edit(leaf("XA-1", "LDLD-LC"), "XA-1", edit)
    assert b".0" in members(data)["payload.json"]
    refused(province, tmp_path, "a.lcdx", data, "integer")


def test_float_revision_refused(province: ServiceSuite, tmp_path: Path) -> None:
    data = resign(leaf("XA-1", "LDLD-LC"), key("XA-1"), edit=lambda m: m.update(revision=2.0))
    refused(province, tmp_path, "a.lcdx", data, "revision")


def test_report_manifest_with_receipt_payload_refused(
    low_up,
    province: ServiceSuite,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    _low, up, _sent = low_up
    rc = up.receipts.review("CDCS-T", P, "accepted", out=tmp_path / "rc.lcdx")
    receipt_payload = members(rc.receipt.data)["payload.json"]
    data = resign(leaf("XA-1", "LDLD-LC"), key("XA-1"), payload=receipt_payload)
    refused(province, tmp_path, "a.lcdx", data, "payload.json")


# --- the fuzz: real packages, mutated, through the import service ---------------------------

_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-2, 10**20)
    | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3),
    max_leaves=6,
)


def _paths(value: object, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value[:3]):
            out += _paths(v, (*prefix, i))
    return out


def _set(doc: object, path: tuple, value: object) -> object:
    if not path:
        return value
    cur = doc
    for p in path[:-1]:
        cur = cur[p]  # type: ignore[index]
    cur[path[-1]] = value  # type: ignore[index]
    return doc


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory: pytest.TempPathFactory) -> ServiceSuite:
    tmp = tmp_path_factory.mktemp("fuzz")
    s = open_database(tmp / "province.db", today=lambda: TODAY)
    from lai_chau_desk.domain.units import Unit

    s.units.init_own_unit("LDLD-LC", "Liên đoàn Lao động tỉnh Lai Châu")
    s.units.save_unit(Unit(code="XA-1", name="Công đoàn xã XA-1", parent_code="LDLD-LC"))
    yield s
    s.close()


_BASE: dict[str, bytes] = {}


def _base() -> bytes:
    if "c" not in _BASE:
        _BASE["c"] = commune("XA-1", [leaf("CS-11", "XA-1"), leaf("CS-12", "XA-1", seed=2)])
    return _BASE["c"]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_fuzz_mutated_real_packages_refused_or_database_unchanged(
    fuzz_db: ServiceSuite, tmp_path_factory, data
) -> None:  # noqa: ANN001
    """Structure-aware mutations of a real consolidated package (one JSON value of one
    member replaced, then re-signed as the sender would), and raw byte mutations: each is
    refused with a code and one line, never 'unusable', never a crash; the database is
    unchanged by every refusal."""
    base = _base()
    ms = members(base)
    names = sorted(n for n in ms if n.endswith(".json"))
    mode = data.draw(st.sampled_from(["json", "bytes"]))
    if mode == "json":
        name = data.draw(st.sampled_from(names))
        doc = json.loads(ms[name])
        path = data.draw(st.sampled_from(_paths(doc)))
        value = data.draw(_JSON_VALUES)
        doc = _set(doc, path, value)
        raw = json.dumps(
            doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=True
        ).encode("utf-8", "surrogatepass")
        if name == "manifest.json":
            from lai_chau_desk.exchange.signing import sign
            from lai_chau_desk.exchange.ziplayout import build_zip

            signer = key("XA-1")
            body = {n: b for n, b in ms.items() if n not in ("manifest.json", "manifest.sig")}
            mutated = build_zip(
                {**body, "manifest.json": raw, "manifest.sig": sign(signer.private, raw)}
            )
        elif name == "payload.json":
            mutated = resign(base, key("XA-1"), payload=raw)
        else:
            from lai_chau_desk.exchange.package import sha256

            ms2 = dict(ms)
            ms2[name] = raw
            m = manifest_of(base)
            if name in m["members"]:
                m["members"][name] = {"sha256": sha256(raw), "size": len(raw)}
            from lai_chau_desk.exchange.signing import sign
            from lai_chau_desk.exchange.ziplayout import build_zip

            mb = canonical_json(m)
            ms2["manifest.json"], ms2["manifest.sig"] = mb, sign(key("XA-1").private, mb)
            mutated = build_zip(ms2)
    else:
        b = bytearray(base)
        for _ in range(data.draw(st.integers(1, 4))):
            i = data.draw(st.integers(0, len(b) - 1))
            b[i] = data.draw(st.integers(0, 255))
        cut = data.draw(st.integers(0, 3))
        mutated = bytes(b[: len(b) - cut * 7])
    if mutated == base:
        return
    tmp = tmp_path_factory.mktemp("m")
    path = put(tmp, "m.lcdx", mutated)
    before = dump(fuzz_db.db.path)
    out = fuzz_db.imports.import_files([path])[0]
    assert out.outcome == "refused" or out.outcome in ("new", "replaced", "unchanged"), out
    if out.outcome == "refused":
        assert out.code and out.code != "unusable", (out.code, out.reason)
        assert out.reason and "\n" not in out.reason and "không mong đợi" not in out.reason
        assert dump(fuzz_db.db.path) == before
    # otherwise the mutation is still a valid package (a harmless value): it was taken


def test_commune_signing_an_invented_unit_with_its_own_key_is_refused(
    province: ServiceSuite, tmp_path: Path
) -> None:
    invented = leaf("NEW-1", "XA-1", signer="XA-1")  # the commune's key, the commune's table
    reason = refused(province, tmp_path, "a.lcdx", commune("XA-1", [invented]), "khóa của đơn vị")
    assert "«XA-1»" in reason and "«NEW-1»" in reason


def test_key_pinned_for_one_unit_cannot_sign_for_another(
    province: ServiceSuite, tmp_path: Path
) -> None:
    assert (
        province.imports.import_files([put(tmp_path, "x.lcdx", leaf("XA-1", "LDLD-LC"))])[0].outcome
        == "new"
    )
    refused(
        province, tmp_path, "n.lcdx", leaf("NEW-2", "LDLD-LC", signer="XA-1"), "khóa của đơn vị"
    )
    # the importer's parent-side pins too: a key accepted for XA-1 is XA-1's alone
    refused(
        province,
        tmp_path,
        "m.lcdx",
        commune("XA-2", [leaf("NEW-3", "XA-2", signer="XA-1")]),
        "khóa của đơn vị «XA-1»",
    )


def test_key_of_another_unit_taken_only_when_the_officer_accepts_it(
    province: ServiceSuite, tmp_path: Path
) -> None:
    assert (
        province.imports.import_files([put(tmp_path, "x.lcdx", leaf("XA-1", "LDLD-LC"))])[0].outcome
        == "new"
    )
    renamed = put(tmp_path, "r.lcdx", leaf("XA-7", "LDLD-LC", signer="XA-1"))
    refused_unchanged(province, renamed, "khóa của đơn vị «XA-1»")
    out = province.imports.import_files([renamed], accept_new_key=["XA-7"])[0]
    assert out.outcome == "new", out

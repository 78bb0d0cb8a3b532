"""Builders of valid and deliberately broken packages for the exchange tests."""

from __future__ import annotations

import io
import random
import sqlite3
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from lai_chau_desk.domain.periods import parse_period
from lai_chau_desk.domain.units import Unit
from lai_chau_desk.exchange.canonical import canonical_json
from lai_chau_desk.exchange.limits import Limits
from lai_chau_desk.exchange.package import sha256
from lai_chau_desk.exchange.signing import KeyPair, b64, key_pair_from_seed, sign
from lai_chau_desk.exchange.ziplayout import build_zip, read_zip
from lai_chau_desk.services.exchange_simulate import simulated_package

ICT = timezone(timedelta(hours=7))
CREATED = datetime(2026, 11, 20, 9, 30, tzinfo=ICT)
PERIOD = "2026S2"


def key(name: str = "unit") -> KeyPair:
    return key_pair_from_seed(name.encode())


def report_bytes(
    code: str = "CDCS-A",
    parent: str = "CDVC-LC",
    period: str = PERIOD,
    seed: int = 1,
    sessions: int = 5,
    signer: KeyPair | None = None,
    created_at: datetime = CREATED,
    with_pdf: bool = False,
) -> bytes:
    """A valid signed report package of a simulated unit (signed by ``key(f"{seed}:{code}")``
    unless ``signer`` is given)."""
    p = parse_period(period)
    unit = Unit(code=code, name=f"Công đoàn cơ sở {code}", parent_code=parent)
    data = simulated_package(
        random.Random(seed),
        unit,
        p,
        min(p.end, date(2026, 11, 28)),
        ["50-KL/TW", "51-KL/TW"],
        ["sang-kien"],
        sessions,
        seed,
        created_at,
        with_pdf=with_pdf,
    )
    if signer is None:
        return data
    return resign(data, signer)


def table_entry(src, parent: str) -> dict:  # noqa: ANN001 - a Package or an Embedded
    """The consolidation-table row of a verified report."""
    return {
        "code": src.unit_code,
        "name": src.unit_name,
        "parent_code": parent,
        "package_id": src.package_id,
        "revision": src.revision,
        "created_at": src.manifest["created_at"],
        "package_sha256": getattr(src, "package_sha256", None) or src.sha256,
        "manifest_sha256": sha256(src.manifest_bytes),
        "public_key": b64(src.public_key),
        "fingerprint": src.fingerprint,
        "timeliness": "on_time",
        "figures": src.figures,
    }


def consolidated_bytes(
    code: str,
    parent: str,
    children: list[bytes],
    signer: KeyPair | None = None,
    edit=None,
    period: str = PERIOD,
    seed: int = 9,  # noqa: ANN001
    revision: int = 1,
    created_at: datetime = CREATED,
) -> bytes:
    """A format-2 consolidated report of ``code`` carrying ``children`` (verified packages,
    possibly consolidated themselves), built as the app builds it; ``edit(table, units)`` may
    change the table or the carried members before signing."""
    from lai_chau_desk.domain.figures import COUNTS
    from lai_chau_desk.exchange.package import read_package, write_package

    own = read_package(report_bytes(code, parent=parent, sessions=2, seed=seed, period=period))
    entries, units = [], {}
    for data in children:
        kid = read_package(data)
        entries.append(table_entry(kid, kid.parent_code))
        units[kid.unit_code] = {
            "manifest.json": kid.manifest_bytes,
            "manifest.sig": kid.signature,
            "payload.json": kid.payload_bytes,
        }
        for e in kid.units.values():
            entries.append(table_entry(e, e.parent_code))
            units[e.code] = {"manifest.json": e.manifest_bytes, "manifest.sig": e.signature}
    subtree = {k: own.figures[k] + sum(e["figures"][k] for e in entries) for k in COUNTS}
    direct = sorted(e["code"] for e in entries if e["parent_code"] == code)
    table = {
        "units": sorted(entries, key=lambda e: e["code"]),
        "subtree": subtree,
        "expected": direct,
        "on_time": direct,
        "late": [],
        "missing": [],
    }
    if edit:
        edit(table, units)
    return write_package(
        "report",
        own.manifest["unit"],
        own.manifest["period"],
        revision,
        own.payload,
        signer or key(code),
        created_at,
        figures=own.figures,
        consolidation=table,
        units=units,
    )


def members(data: bytes) -> dict[str, bytes]:
    return read_zip(data, Limits())


def manifest_of(data: bytes) -> dict:
    import json

    return json.loads(members(data)["manifest.json"])


def forge(
    members_: dict[str, bytes],
    manifest: dict | None = None,
    signer: KeyPair | None = None,
    edit=None,
) -> bytes:  # noqa: ANN001
    """A canonical package of ``members_`` whose manifest lists their hashes (optionally
    edited by ``edit(manifest)``) and is properly signed by ``signer``."""
    signer = signer or key("forger")
    body = {n: b for n, b in members_.items() if n not in ("manifest.json", "manifest.sig")}
    m = dict(manifest or {})
    m["members"] = {n: {"sha256": sha256(b), "size": len(b)} for n, b in body.items()}
    m["signer"] = {"algorithm": "Ed25519", "public_key": b64(signer.public)}
    if edit:
        edit(m)
    mb = canonical_json(m)
    return build_zip({**body, "manifest.json": mb, "manifest.sig": sign(signer.private, mb)})


def resign(data: bytes, signer: KeyPair, edit=None, payload: bytes | None = None) -> bytes:  # noqa: ANN001
    ms = members(data)
    if payload is not None:
        ms["payload.json"] = payload
    return forge(ms, manifest_of(data), signer, edit)


def python_zip(entries: list[tuple[str, bytes]], method: int = zipfile.ZIP_STORED) -> bytes:
    """A ZIP written by :mod:`zipfile` (not canonical) with arbitrary member names."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=method) as zf:
        for name, data in entries:
            zf.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, compress_type=method)
    return buf.getvalue()


def snapshot(db_path: Path) -> dict[str, list]:
    """Every row of every table, for 'nothing changed' assertions."""
    con = sqlite3.connect(db_path)
    try:
        tables = [
            r[0]
            for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return {t: sorted(map(repr, con.execute(f'SELECT * FROM "{t}"'))) for t in tables}
    finally:
        con.close()

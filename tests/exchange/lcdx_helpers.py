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


def report_bytes(code: str = "CDCS-A", parent: str = "CDVC-LC", period: str = PERIOD,
                 seed: int = 1, sessions: int = 5, signer: KeyPair | None = None,
                 created_at: datetime = CREATED) -> bytes:
    """A valid signed report package of a simulated unit."""
    p = parse_period(period)
    unit = Unit(code=code, name=f"Công đoàn cơ sở {code}", parent_code=parent)
    data = simulated_package(random.Random(seed), unit, p, min(p.end, date(2026, 11, 28)),
                             ["50-KL/TW", "51-KL/TW"], ["sang-kien"], sessions, seed, created_at)
    if signer is None:
        return data
    return resign(data, signer)


def members(data: bytes) -> dict[str, bytes]:
    return read_zip(data, Limits())


def manifest_of(data: bytes) -> dict:
    import json

    return json.loads(members(data)["manifest.json"])


def forge(members_: dict[str, bytes], manifest: dict | None = None, signer: KeyPair | None = None,
          edit=None) -> bytes:  # noqa: ANN001
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
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(map(repr, con.execute(f'SELECT * FROM "{t}"'))) for t in tables}
    finally:
        con.close()

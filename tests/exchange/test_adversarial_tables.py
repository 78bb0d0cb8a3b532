"""Adversarial consolidated packages built from ``docs/lcdx-format.md`` §6 alone: every one
is correctly signed by the commune that sends it (an attacker with a copy of the app), and
every one is refused by the reader (red-team of issue 9).

Before: the lists of direct children (``on_time``, ``late``, ``expected``, ``missing``) were
checked for nothing but ``missing`` being disjoint from the others, so a commune could list
a unit it never carried as having reported on time, one unit both on time and late, or leave
``expected`` empty."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lai_chau_desk.exchange.errors import PackageError
from lai_chau_desk.exchange.package import read_package
from tests.exchange.lcdx_helpers import consolidated_bytes, key, members, report_bytes

Edit = Callable[[dict, dict], None]


def _leaf(code: str, parent: str = "XA-1") -> bytes:
    return report_bytes(code, parent=parent, signer=key(code))


KIDS = [_leaf("CS-1"), _leaf("CS-2")]


def commune(edit: Edit | None = None, kids: list[bytes] = KIDS) -> bytes:
    def lists_apart(table: dict, units: dict) -> None:
        for k in ("expected", "on_time", "late", "missing"):
            table[k] = list(table[k])  # (the helper shares one list among them)
        if edit:
            edit(table, units)

    return consolidated_bytes("XA-1", "LDLD-LC", kids, signer=key("XA-1"), edit=lists_apart)


def test_an_honest_commune_is_read() -> None:
    pkg = read_package(commune())
    assert sorted(pkg.units) == ["CS-1", "CS-2"]
    late = read_package(commune(_late("CS-2")))  # a late child listed as late
    assert late.consolidation is not None and late.consolidation["late"] == ["CS-2"]


def _late(code: str) -> Edit:
    def edit(t: dict, u: dict) -> None:
        next(r for r in t["units"] if r["code"] == code)["timeliness"] = "late"
        t["on_time"].remove(code)
        t["late"].append(code)

    return edit


LISTS: dict[str, tuple[Edit, str]] = {
    "on_time names a unit never carried": (
        lambda t, u: t["on_time"].append("ZZ-9"),
        "«on_time»",
    ),
    "on_time leaves out a carried child": (lambda t, u: t["on_time"].remove("CS-2"), "«on_time»"),
    "a child both on time and late": (lambda t, u: t["late"].append("CS-1"), "«late»"),
    "a late row listed on time": (
        lambda t, u: t["units"][0].update(timeliness="late"),
        "«on_time»",
    ),
    "on_time twice the same code": (lambda t, u: t["on_time"].append("CS-2"), "mỗi mã một lần"),
    "on_time out of order": (lambda t, u: t["on_time"].reverse(), "theo thứ tự mã"),
    "expected empty": (lambda t, u: t.update(expected=[]), "«expected»"),
    "expected without a carried child": (lambda t, u: t["expected"].remove("CS-1"), "«expected»"),
    "missing not expected": (lambda t, u: t.update(missing=["CS-9"]), "«expected»"),
    "late names a grandchild": (lambda t, u: t["late"].append("CS-1.1"), "«late»"),
    "a carried child also missing": (lambda t, u: t["missing"].append("CS-1"), "vừa đã nộp"),
    "rows out of order": (lambda t, u: t["units"].reverse(), "theo thứ tự mã"),
}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_lists_of_direct_children_must_be_those_the_table_carries(name: str) -> None:
    edit, word = LISTS[name]
    with pytest.raises(PackageError) as e:
        read_package(commune(edit))
    assert e.value.code == "payload-inconsistent" and word in e.value.message, e.value.message


def _drop(code: str, member: str) -> Edit:
    return lambda t, u: u[code].pop(member)


def _row(code: str, **change: object) -> Edit:
    return lambda t, u: next(r for r in t["units"] if r["code"] == code).update(change)


def _grandchild_payload(t: dict, u: dict) -> None:
    u["CS-1.1"]["payload.json"] = members(_leaf("CS-1.1", "CS-1"))["payload.json"]


def _extra_dir(t: dict, u: dict) -> None:
    u["CS-7"] = dict(u["CS-1"])


def _sender_carried(t: dict, u: dict) -> None:
    t["units"].append(dict(t["units"][0], code="XA-1"))
    u["XA-1"] = u["CS-1"]


def _outside(t: dict, u: dict) -> None:
    row = next(r for r in t["units"] if r["code"] == "CS-1.1")
    row["parent_code"] = "XA-2"


# Families the reader already refused (kept refused): rows against carried manifests,
# members under units/, the subtree counts.
REFUSED: dict[str, tuple[Edit, str]] = {
    "row figures differ from the carried manifest": (
        _row("CS-1", figures={**read_package(KIDS[0]).figures, "sessions": 99}),
        "payload-inconsistent",
    ),
    "row names another key": (
        _row("CS-1", public_key="A" * 43 + "="),
        "payload-inconsistent",
    ),
    "row revision differs": (_row("CS-1", revision=7), "payload-inconsistent"),
    "row parent differs": (_row("CS-1", parent_code="XA-2"), "payload-inconsistent"),
    "direct child without its payload": (_drop("CS-1", "payload.json"), "payload-inconsistent"),
    "carried report without its signature": (_drop("CS-1", "manifest.sig"), "signature-missing"),
    "grandchild carries its payload": (_grandchild_payload, "payload-inconsistent"),
    "a directory under units/ with no row": (_extra_dir, "payload-inconsistent"),
    "the sender carried as its own child": (_sender_carried, "payload-inconsistent"),
    "a row outside the sender's subtree": (_outside, "payload-inconsistent"),
    "subtree counts do not add up": (
        lambda t, u: t["subtree"].update(participants=t["subtree"]["participants"] + 1),
        "payload-inconsistent",
    ),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_consolidation_tricks_stay_refused(name: str) -> None:
    edit, code = REFUSED[name]
    deep = [_leaf("CS-1"), _leaf("CS-2")]
    kids = [consolidated_bytes("CS-1", "XA-1", [_leaf("CS-1.1", "CS-1")], signer=key("CS-1"))]
    kids.append(deep[1])
    with pytest.raises(PackageError) as e:
        read_package(commune(edit, kids))
    assert e.value.code == code, e.value.message

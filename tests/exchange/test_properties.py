"""Property tests: no mutation of a valid package is ever accepted, and every refusal is a
PackageError with a message (never a crash)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lai_chau_desk.exchange import PackageError, read_package
from tests.exchange.lcdx_helpers import report_bytes

VALID = report_bytes("CDCS-P", sessions=3)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _refused(data: bytes) -> None:
    try:
        read_package(data)
    except PackageError as exc:
        assert exc.message and exc.code
        return
    raise AssertionError("a mutated package was accepted")


@SETTINGS
@given(st.integers(0, len(VALID) - 1), st.integers(1, 255))
def test_any_single_flipped_byte_is_refused(index: int, mask: int) -> None:
    data = bytearray(VALID)
    data[index] ^= mask
    _refused(bytes(data))


@SETTINGS
@given(st.integers(0, len(VALID) - 1))
def test_any_truncation_is_refused(cut: int) -> None:
    _refused(VALID[:cut])


@SETTINGS
@given(st.integers(0, len(VALID)), st.binary(min_size=1, max_size=40))
def test_any_insertion_is_refused(index: int, junk: bytes) -> None:
    _refused(VALID[:index] + junk + VALID[index:])


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_are_refused(data: bytes) -> None:
    _refused(b"PK\x03\x04" + data)


def test_valid_package_still_reads() -> None:
    assert read_package(VALID).unit_code == "CDCS-P"


def _consolidated() -> bytes:
    from tests.exchange.lcdx_helpers import consolidated_bytes

    leaf = report_bytes("CS-1", parent="MID-1", sessions=2)
    mid = consolidated_bytes("MID-1", "TOP", [leaf])
    return consolidated_bytes(
        "TOP", "TLD", [mid, report_bytes("CS-2", parent="TOP", seed=3, sessions=2)]
    )


CONSOLIDATED = _consolidated()


@SETTINGS
@given(st.integers(0, len(CONSOLIDATED) - 1), st.integers(1, 255))
def test_any_flipped_byte_of_a_consolidated_package_is_refused(index: int, mask: int) -> None:
    data = bytearray(CONSOLIDATED)
    data[index] ^= mask
    _refused(bytes(data))


def test_consolidated_package_still_reads() -> None:
    assert sorted(read_package(CONSOLIDATED).units) == ["CS-1", "CS-2", "MID-1"]

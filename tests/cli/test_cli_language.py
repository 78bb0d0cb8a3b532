"""The command line's language and encoding: Vietnamese by default, English with --lang en or
an English LANG; argparse's own words translated; "did you mean" for a typo; UTF-8 output on
any code page; a closed pipe ends quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lai_chau_desk.i18n import language_from_environment, translator
from tests.cli.conftest import NO_LOCALE, run_raw
from tests.conftest import ROOT

_run = run_raw


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lang") / "unit.db"
    r = _run(
        "--db",
        str(path),
        "init",
        "--unit-code",
        "CDCS-NN",
        "--unit-name",
        "Công đoàn cơ sở Trường Tiểu học Nậm Nhùn",
    )
    assert r.returncode == 0, r.stderr
    return path


def test_argparse_speaks_vietnamese_by_default() -> None:
    r = _run("--help")
    assert r.returncode == 0
    assert r.stdout.startswith("cách dùng: lai-chau-desk")
    assert "hiện trợ giúp này rồi thoát" in r.stdout and "tùy chọn" in r.stdout
    assert "usage:" not in r.stdout and "show this help" not in r.stdout
    bad = _run("--lang", "fr")
    assert bad.returncode == 2 and "lựa chọn không hợp lệ: 'fr'" in bad.stderr
    missing = _run("session", "add", "--date", "2026-03-02")
    assert missing.returncode == 2
    assert "thiếu các tham số bắt buộc: --title" in missing.stderr
    assert "the following arguments" not in missing.stderr


def test_lang_en_and_an_english_locale_switch_to_english() -> None:
    for args, env in (
        (("--lang", "en", "--help"), {}),
        (("--help",), {"LANG": "en_US.UTF-8"}),
        (("--help",), {"LC_ALL": "en_GB.UTF-8", "LANG": "vi_VN.UTF-8"}),
        (("--help",), {"LANGUAGE": "en:vi"}),
    ):
        r = _run(*args, env=env)
        assert r.stdout.startswith("usage: lai-chau-desk"), (args, env)
        assert "show this help message and exit" in r.stdout
    assert _run("--help", env={"LANG": "C.UTF-8"}).stdout.startswith("cách dùng:")
    assert _run("--lang", "vi", "--help", env={"LANG": "en_US.UTF-8"}).stdout.startswith(
        "cách dùng:"
    )


def test_environment_language_rules() -> None:
    assert language_from_environment({}) == "vi"
    assert language_from_environment({"LANG": "en_US.UTF-8"}) == "en"
    assert language_from_environment({"LANG": "vi_VN.UTF-8"}) == "vi"
    assert language_from_environment({"LANG": "C"}) == "vi"
    assert language_from_environment({"LC_ALL": "vi_VN", "LANG": "en_US"}) == "vi"
    assert language_from_environment({"LANGUAGE": "C", "LANG": "en_US"}) == "en"
    assert translator("en")("Quit") == "Quit" and translator("vi")("Quit") == "Thoát"
    assert translator(None).lang == "vi" and translator("xx").lang == "vi"


def test_mistyped_command_gets_did_you_mean() -> None:
    r = _run("sesion", "add")
    assert r.returncode == 2
    assert "lựa chọn không hợp lệ: 'sesion'; có phải ý bạn là 'session'?" in r.stderr
    en = _run("--lang", "en", "totls")
    assert "invalid choice: 'totls'; did you mean 'totals'?" in en.stderr
    far = _run("xyzzy")
    assert "có phải ý bạn là" not in far.stderr and "lựa chọn không hợp lệ" in far.stderr


@pytest.mark.parametrize("code_page", ["cp1258", "cp1252"])
def test_output_is_utf8_whatever_the_code_page(db: Path, code_page: str) -> None:
    r = _run("--db", str(db), "totals", "--period", "2026S1", encoding=code_page)
    assert r.returncode == 0, r.stderr
    assert "Công đoàn cơ sở Trường Tiểu học Nậm Nhùn" in r.stdout
    assert "Số buổi: 0" in r.stdout
    j = _run("--db", str(db), "totals", "--period", "2026S1", "--json", encoding=code_page)
    assert j.returncode == 0 and "Nậm Nhùn" in j.stdout
    refused = _run("--db", str(db), "totals", "--period", "2026X9", encoding=code_page)
    assert refused.returncode == 1
    assert refused.stderr.startswith("lai-chau-desk: Mã kỳ báo cáo không hợp lệ")
    assert "UnicodeEncodeError" not in refused.stderr + r.stderr + j.stderr


@pytest.mark.parametrize("unbuffered", ["", "1"])
def test_closed_pipe_ends_quietly(db: Path, unbuffered: str) -> None:
    """Buffered output (as on a machine without PYTHONUNBUFFERED) fails only when flushed."""
    base = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    for args in (("--help",), ("--db", str(db), "totals", "--period", "2026S1", "--json")):
        env = {
            **base,
            "PYTHONPATH": str(ROOT),
            **NO_LOCALE,
            "PYTHONIOENCODING": "utf-8",
            **({"PYTHONUNBUFFERED": unbuffered} if unbuffered else {}),
        }
        proc = subprocess.Popen(
            [sys.executable, "-m", "lai_chau_desk", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=env,
        )
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # the reader is gone before anything was written, as `| head -0`
        err = proc.stderr.read().decode("utf-8")
        assert proc.wait(timeout=120) == 0, err
        assert err == "", err  # no "lỗi tệp: Broken pipe", no "Exception ignored"
    shell = subprocess.run(
        f"{sys.executable} -m lai_chau_desk --help | head -1",
        shell=True,
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert shell.stdout.decode().startswith("cách dùng:") and shell.stderr == b""

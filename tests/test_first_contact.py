"""First contact on a fresh machine: the README's set-up commands and .ci/run share one list
of system packages, and before Qt loads a missing library or display is one clear line that
names the fix (a message box from the windowed Windows executable), never a traceback or a
Qt abort."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lai_chau_desk import app
from lai_chau_desk.i18n import translator
from tests.conftest import ROOT

SCRIPT = ROOT / ".ci" / "system-packages"
VI, EN = translator("vi"), translator("en")


def _gui(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    return subprocess.run(
        [sys.executable, "-m", "lai_chau_desk", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**base, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8", **env},
    )


def test_readme_test_command_is_what_ci_runs_and_both_use_the_one_script() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, flags=re.S)
    app_cmd, test_cmd = blocks[0], blocks[1]
    assert app_cmd.startswith(".ci/system-packages --app && ") and app_cmd.endswith("lai-chau-desk")
    assert test_cmd.startswith(".ci/system-packages --test && ")
    assert test_cmd.endswith("python -m pytest")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert test_cmd in ci.splitlines()
    assert "apt-get" not in ci  # the list lives in .ci/system-packages only
    assert os.access(SCRIPT, os.X_OK)


def test_app_package_list_covers_what_the_xcb_plugin_links() -> None:
    """Every X11 library the xcb platform plugin needs (ldd) is in ``--app``'s list."""
    listed = set(
        subprocess.run(
            [str(SCRIPT), "--list-app"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert (
        set(
            subprocess.run(
                [str(SCRIPT), "--list-test"], capture_output=True, text=True, check=True
            ).stdout.split()
        )
        < listed
    )
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    plugin = qt / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.is_file():
        pytest.skip("no xcb plugin in this PySide6")
    out = subprocess.run(
        ["ldd", str(plugin), str(qt / "lib" / "libQt6XcbQpa.so.6")], capture_output=True, text=True
    ).stdout
    sonames = {
        line.split()[0]
        for line in out.splitlines()
        if re.match(r"\s+lib(xcb|X11|xkbcommon|EGL|GL\b|fontconfig|dbus|glib)", line)
    }
    assert sonames, out
    assert {app.debian_package(s) for s in sonames} <= listed


def test_script_is_a_no_op_when_all_is_present_and_clear_without_apt(tmp_path: Path) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "dpkg-query").write_text("#!/bin/sh\necho not-installed\n")
    (fake / "dpkg-query").chmod(0o755)
    for tool in ("uname", "id", "sh"):
        target = subprocess.run(
            ["sh", "-c", f"command -v {tool}"], capture_output=True, text=True
        ).stdout.strip()
        (fake / tool).symlink_to(target)
    r = subprocess.run(
        ["/bin/sh", str(SCRIPT), "--app"], capture_output=True, text=True, env={"PATH": str(fake)}
    )
    assert r.returncode == 1
    assert r.stderr.startswith("system-packages: apt-get not found; install these packages")
    assert "libxcb-icccm4" in r.stderr
    usage = subprocess.run([str(SCRIPT)], capture_output=True, text=True)
    assert usage.returncode == 2 and "--app | --test" in usage.stderr
    if all(
        subprocess.run(
            ["dpkg-query", "-W", "-f=${db:Status-Status}", p], capture_output=True, text=True
        ).stdout
        == "installed"
        for p in subprocess.run(
            [str(SCRIPT), "--list-test"], capture_output=True, text=True
        ).stdout.split()
    ):
        again = subprocess.run([str(SCRIPT), "--test"], capture_output=True, text=True)
        assert again.returncode == 0 and again.stderr == "" and again.stdout == ""


def test_no_display_is_one_line_naming_what_to_do() -> None:
    r = _gui({})
    assert r.returncode == 1
    assert r.stderr == (
        "lai-chau-desk: Không có màn hình để mở cửa sổ (chưa đặt DISPLAY hay "
        "WAYLAND_DISPLAY). Hãy chạy lai-chau-desk trong phiên làm việc có màn "
        "hình, hoặc dùng dòng lệnh: lai-chau-desk --help\n"
    )
    en = _gui({}, "--lang", "en")
    assert en.returncode == 1 and en.stderr.startswith("lai-chau-desk: No screen to open")
    assert en.stderr.count("\n") == 1


def test_missing_system_library_of_qt_names_the_install_command(tmp_path: Path) -> None:
    """As on a fresh Debian: PySide6 is installed but libglib is not."""
    fake = tmp_path / "site" / "PySide6"
    fake.mkdir(parents=True)
    real = Path(__import__("PySide6").__file__).parent
    (fake / "__init__.py").write_text(f"__path__.append({str(real)!r})\n")
    (fake / "QtWidgets.py").write_text(
        "raise ImportError('libglib-2.0.so.0: cannot open shared object file: "
        "No such file or directory')\n"
    )
    r = _gui(
        {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": f"{tmp_path / 'site'}{os.pathsep}{ROOT}"}
    )
    assert r.returncode == 1
    assert "Traceback" not in r.stderr and r.stderr.count("\n") == 1
    assert "thiếu thư viện hệ thống libglib-2.0.so.0" in r.stderr
    assert f"{SCRIPT} --app" in r.stderr


def test_missing_xcb_libraries_are_named_with_their_packages(monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "ldd").write_text(
        "#!/bin/sh\nprintf '\\tlibxcb-icccm.so.4 => not found\\n"
        "\\tlibxcb-keysyms.so.1 => not found\\n"
        "\\tlibxcb-icccm.so.4 => not found\\n'\n"
    )
    (fake / "ldd").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    assert app.missing_libraries(Path("/nonexistent/libqxcb.so")) == [
        "libxcb-icccm.so.4",
        "libxcb-keysyms.so.1",
    ]
    monkeypatch.setattr(app, "_xcb_plugin_problem", app.missing_libraries)
    text = app.qt_problem(VI, environ={"DISPLAY": ":0"})
    assert text is not None and text.startswith("Không mở được cửa sổ: máy thiếu các thư viện")
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in text and f"{SCRIPT} --app" in text
    monkeypatch.setattr(app, "_source_checkout", lambda: None)  # an installed copy
    text = app.qt_problem(EN, environ={"DISPLAY": ":0"})
    assert text is not None and "Qt needs for X11 are missing" in text
    assert text.endswith("sudo apt-get install -y libxcb-icccm4 libxcb-keysyms1")


def test_unreachable_display_and_other_platforms(monkeypatch) -> None:  # noqa: ANN001
    # The tests' system packages (--test) lack the xcb plugin's libraries, which are checked
    # before the display: take them as present here, as after --app.
    monkeypatch.setattr(app, "_xcb_plugin_problem", lambda plugin: [])
    text = app.qt_problem(VI, environ={"DISPLAY": ":93"})  # no X server there
    assert text is not None and "Không kết nối được với màn hình" in text and ":93" in text
    assert app.qt_problem(VI, environ={"QT_QPA_PLATFORM": "offscreen"}) is None
    assert app.qt_problem(VI, environ={"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert app.qt_problem(VI, environ={}, platform="win32") is None
    assert "QT_QPA_PLATFORM=xcb" in (app.qt_problem(EN, environ={"QT_QPA_PLATFORM": "xcb"}) or "")


def test_windowed_windows_executable_shows_a_message_box(monkeypatch, capsys) -> None:  # noqa: ANN001
    import ctypes

    shown: list[tuple] = []

    class Kernel32:
        @staticmethod
        def GetConsoleWindow() -> int:  # noqa: N802 - the Win32 name
            return 0  # a windowed executable has no console

    class User32:
        @staticmethod
        def MessageBoxW(*args: object) -> int:  # noqa: N802
            shown.append(args)
            return 1

    class WinDLL:
        kernel32, user32 = Kernel32, User32

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", WinDLL, raising=False)
    app.report_fatal("Không mở được cửa sổ: …")
    assert shown == [(None, "Không mở được cửa sổ: …", "Lai Châu Desk", 0x10)]
    assert capsys.readouterr().err == "lai-chau-desk: Không mở được cửa sổ: …\n"


def test_debian_package_names() -> None:
    assert [
        app.debian_package(s)
        for s in (
            "libxcb-icccm.so.4",
            "libxcb-render-util.so.0",
            "libxkbcommon-x11.so.0",
            "libX11.so.6",
            "libGL.so.1",
            "libglib-2.0.so.0",
            "libdbus-1.so.3",
        )
    ] == [
        "libxcb-icccm4",
        "libxcb-render-util0",
        "libxkbcommon-x11-0",
        "libx11-6",
        "libgl1",
        "libglib2.0-0",
        "libdbus-1-3",
    ]

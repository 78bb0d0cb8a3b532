"""``--self-test``: named steps in a temporary folder; exit 0, or 1 naming the failed step."""

from __future__ import annotations

import io

import pytest

from lai_chau_desk import selftest


def test_cli_self_test_passes_every_step(cli) -> None:  # noqa: ANN001
    r = cli("--self-test")
    assert r.returncode == 0, r.stderr
    for name, _ in selftest.STEPS:
        assert f"self-test: {name} ok" in r.stdout
    assert f"all {len(selftest.STEPS)} steps passed" in r.stdout


def test_failed_step_exits_1_with_its_name(monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # noqa: ANN001
    def boom(ctx: selftest.SelfTestContext) -> None:
        selftest.check(ctx.suite.sessions.count() == 99, "expected 99 sessions")

    monkeypatch.setattr(
        selftest, "STEPS", selftest.STEPS[:3] + [("render-pdf", boom)] + selftest.STEPS[3:]
    )
    out = io.StringIO()
    assert selftest.run(out) == 1
    err = capsys.readouterr().err
    assert "FAILED at step render-pdf" in err and "expected 99 sessions" in err
    assert "record-session ok" in out.getvalue()
    assert "compute-figures" not in out.getvalue()  # later steps do not run


def test_crash_in_a_step_is_reported_with_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # noqa: ANN001
    def crash(_ctx: selftest.SelfTestContext) -> None:
        raise KeyError("figures")

    monkeypatch.setattr(selftest, "STEPS", [("import-package", crash)])
    assert selftest.run(io.StringIO()) == 1
    err = capsys.readouterr().err
    assert "FAILED at step import-package: KeyError" in err and "Traceback" in err


def test_add_step_appends_inserts_and_replaces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selftest, "STEPS", list(selftest.STEPS))

    def noop(_ctx: selftest.SelfTestContext) -> None:
        return None

    selftest.add_step("extra-check", noop)
    selftest.add_step("early-check", noop, after="compute-figures")
    names = [n for n, _ in selftest.STEPS]
    assert names[-1] == "extra-check"
    assert names[names.index("compute-figures") + 1] == "early-check"
    selftest.add_step("early-check", selftest.step_qt)
    assert dict(selftest.STEPS)["early-check"] is selftest.step_qt
    assert len(selftest.STEPS) == len(names)

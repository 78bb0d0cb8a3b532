"""The command line: the same services as the GUI. A stable contract (DESIGN §9).

Exit codes: 0 ok, 1 some input refused (nothing changed), 2 usage error.

Language: ``--lang vi|en``, else ``LANGUAGE`` / ``LC_ALL`` / ``LC_MESSAGES`` / ``LANG``
(English only when they name English), else Vietnamese. One :class:`~..i18n.Translator` is
built here and handed down: to argparse's own strings ("usage:", "invalid choice"…), to every
message printed here, and to the commands as ``args.tr`` (``common.tr(args)``).

Output is always UTF-8, whatever the console's code page or the redirected file's default
(Windows gives cp1252/cp1258 to a pipe); a closed pipe (``… | head -1``) ends quietly.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any, NoReturn

from .. import __version__
from ..app import GcPause
from ..domain.errors import DomainError
from ..i18n import N_, Translator, language_from_environment, translator

# The options of the window itself (``lai-chau-desk [--db PATH] [--lang vi|en]``).
_WINDOW_OPTIONS = {"--db": True, "--lang": True, "--smoke": False}


class _Parser(argparse.ArgumentParser):
    tr: Translator = translator("vi")

    def error(self, message: str) -> NoReturn:  # usage errors: exit 2 with one clear line
        self.print_usage(sys.stderr)
        print(
            "lai-chau-desk: " + self.tr(N_("usage error: {message}")).format(message=message),
            file=sys.stderr,
        )
        raise SystemExit(2)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        """A mistyped command or choice: "did you mean …?" with the closest one."""
        choices = action.choices
        if choices is not None and value not in choices:
            import difflib

            names = [str(c) for c in choices]
            close = difflib.get_close_matches(str(value), names, n=1, cutoff=0.6)
            if close:
                raise argparse.ArgumentError(
                    action,
                    self.tr(N_("invalid choice: {value!r}; did you mean {match!r}?")).format(
                        value=value, match=close[0]
                    ),
                )
        super()._check_value(action, value)


@contextmanager
def argparse_language(tr: Translator) -> Iterator[None]:
    """argparse's own strings in the language of ``tr`` while parsing. argparse looks up
    ``argparse._`` / ``argparse.ngettext`` when it formats (no hook exists): swapped here and
    put back after, so nothing outlives the call."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = tr.gettext, tr.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def opens_the_window(argv: Sequence[str]) -> bool:
    """Whether ``argv`` only opens the window (the window's own options, no command, no
    ``--help``/``--version``): then the parser needs no subcommands."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        name = arg.split("=", 1)[0]
        if name not in _WINDOW_OPTIONS:
            return False
        if _WINDOW_OPTIONS[name]:
            if "=" in arg:
                value = arg.split("=", 1)[1]
            elif rest and not rest[0].startswith("-"):
                value = rest.pop(0)
            else:
                return False
            if name == "--lang" and value not in ("vi", "en"):
                return False  # the full parser says which are
    return True


def build_parser(tr: Translator | None = None, commands: bool = True) -> argparse.ArgumentParser:
    """The command line's parser; ``commands=False``: the window's options only (their
    values checked as with the commands)."""
    tr = tr or translator("vi")
    parser_class = type("_Parser", (_Parser,), {"tr": tr})
    with argparse_language(tr):
        p = parser_class(
            prog="lai-chau-desk",
            description=tr(N_("Lai Châu Desk: trade-union records and reports")),
        )
        p.add_argument(
            "--version",
            action="version",
            version=f"lai-chau-desk {__version__}",
            help=tr(N_("show the version and exit")),
        )
        p.add_argument(
            "--db",
            help=tr(
                N_(
                    "path of the database (default: the user data "
                    "folder; environment variable LAI_CHAU_DESK_DB)"
                )
            ),
        )
        p.add_argument(
            "--lang",
            choices=["vi", "en"],
            help=tr(N_("language of messages (default: Vietnamese, or LANG)")),
        )
        p.add_argument("--smoke", action="store_true", help=argparse.SUPPRESS)
        p.add_argument(
            "--self-test",
            action="store_true",
            help=tr(N_("check the whole program in a temporary folder, then exit")),
        )
        if not commands:
            p.set_defaults(command=None)
            return p
        # Each module adds its subcommands; a handler is ``func(args) -> int``. Imported here,
        # when the parser is built with its commands: opening the window does not import them.
        from . import commands_admin, commands_exchange, commands_records, commands_report

        sub = p.add_subparsers(dest="command", parser_class=parser_class, metavar="COMMAND")
        for module in (commands_records, commands_admin, commands_exchange, commands_report):
            module.register(sub)
    return p


def language_of(argv: Sequence[str], environ: dict[str, str] | None = None) -> str:
    """``--lang`` from the command line (before parsing: argparse's own text needs it), else
    the environment's language."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("vi", "en"):
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in ("vi", "en"):
            return arg[7:]
    return language_from_environment(os.environ if environ is None else environ)


def utf8_output() -> None:
    """Write UTF-8 on stdout and stderr whatever encoding Python chose for them (a legacy code
    page on a Windows pipe or file); a character that cannot be written never aborts."""
    for stream in (sys.stdout, sys.stderr):
        if (
            isinstance(stream, io.TextIOWrapper)
            and stream.encoding.lower().replace("-", "").replace("_", "") != "utf8"
        ):
            with suppress(ValueError, io.UnsupportedOperation):  # a detached stream: leave it
                stream.reconfigure(encoding="utf-8", errors="replace")


def _quiet_closed_pipe() -> None:
    """The reader went away (``| head -1``): send the rest of the output nowhere, so neither
    this command nor the interpreter's exit complains."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def _print_refusal(exc: DomainError, tr: Translator | None = None) -> None:
    from .common import refusal_text

    for line in refusal_text(exc, tr or translator("vi")):  # Vietnamese ones: as raised
        print(f"lai-chau-desk: {line}", file=sys.stderr)


def _print_os_error(exc: OSError, tr: Translator) -> None:
    from ..services.messages import FileDiskFull, describe
    from ..storage.engine import is_disk_full

    if is_disk_full(exc):
        print(f"lai-chau-desk: {describe(FileDiskFull(exc.filename or ''), tr)}", file=sys.stderr)
        return
    print(
        "lai-chau-desk: "
        + tr(N_("file error: {error} ({path})")).format(
            error=exc.strerror or exc, path=exc.filename or ""
        ),
        file=sys.stderr,
    )


def main(argv: Sequence[str] | None = None, gc_pause: GcPause | None = None) -> int:
    """The entry point. ``gc_pause``: the collector pause of an entry point that started one
    earlier (``python -m``, the bundle); else, when called bare as the process's entry point
    (the installed ``lai-chau-desk``), one starts here (not when a caller passes ``argv``)."""
    gc_pause = gc_pause or (GcPause().pause() if argv is None else GcPause())
    try:
        utf8_output()
        argv = list(sys.argv[1:] if argv is None else argv)
        tr = translator(language_of(argv))
        try:
            try:
                code = _main(argv, tr, gc_pause)
            except SystemExit:
                # argparse's --help or usage error: what it wrote is still in the buffer of a
                # pipe (unless PYTHONUNBUFFERED); flush it here, or a closed pipe fails at
                # exit (120).
                sys.stdout.flush()
                raise
            sys.stdout.flush()
            return code
        except BrokenPipeError:
            _quiet_closed_pipe()
            return 0
    finally:
        gc_pause.resume()


def _main(argv: list[str], tr: Translator, gc_pause: GcPause) -> int:
    parser = build_parser(tr, commands=not opens_the_window(argv))
    with argparse_language(tr):
        args = parser.parse_args(argv)
    args.tr = tr
    if args.self_test:
        gc_pause.resume()
        from ..selftest import run as run_self_test

        return run_self_test()
    if args.command is None:
        from ..app import run_gui

        return run_gui(args, gc_pause)  # resumes the collector once its first window is up
    gc_pause.resume()
    try:
        return int(args.func(args) or 0)
    except DomainError as exc:
        _print_refusal(exc, tr)
        return 1
    except BrokenPipeError:
        raise
    except OSError as exc:
        _print_os_error(exc, tr)
        return 1
    except KeyboardInterrupt:
        print("lai-chau-desk: " + tr(N_("stopped.")), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - a bug: one clear line, details on request
        if os.environ.get("LAI_CHAU_DESK_DEBUG"):
            raise
        from ..services.startup import as_fault

        fault = as_fault(exc, _db_path(args))
        if fault is not None:
            _print_refusal(fault, tr)
            return 1
        print(
            "lai-chau-desk: "
            + tr(
                N_(
                    "unexpected error ({error}). Nothing changed apart from what was reported as done. "
                    "Run again with LAI_CHAU_DESK_DEBUG=1 to see the details and send them to "
                    "support."
                )
            ).format(error=f"{type(exc).__name__}: {exc}"),
            file=sys.stderr,
        )
        return 1


def _db_path(args: argparse.Namespace):  # noqa: ANN202 - Path
    from .common import db_path

    return db_path(args)

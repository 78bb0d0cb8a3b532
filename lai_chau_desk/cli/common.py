"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from ..domain.dates import parse_iso_date
from ..domain.errors import Problems
from ..i18n import Translator, translator
from ..i18n.refusals import localized as _localized
from ..i18n.refusals import localized_refusal
from ..paths import default_db_path


def tr(args: argparse.Namespace) -> Translator:
    """The translator of this run (``--lang`` / ``LANG``), set by ``cli.main`` on ``args``:
    ``print(tr(args)("Backed up to {path}").format(path=out))``."""
    found = getattr(args, "tr", None)
    return found if isinstance(found, Translator) else translator(getattr(args, "lang", None))


def subcommand_tr(sub: argparse._SubParsersAction) -> Translator:
    """The translator of the parser being built (``cli.build_parser`` gives its parser class a
    ``tr``), for the help text a command module's ``register(sub)`` writes."""
    found = getattr(getattr(sub, "_parser_class", None), "tr", None)
    return found if isinstance(found, Translator) else translator("vi")


def refusal(message: str, code: str | None, t: Translator) -> str:
    """A package's refusal (its Vietnamese message and its code) in the language of ``t``."""
    return localized_refusal(message, code, t)


def localized(message: str, t: Translator) -> str:
    """A Vietnamese text from below the catalogue (a refusal, a package's reason, a service's
    note) in the language of ``t`` when it is a known one (``i18n.refusals``), else as is."""
    return _localized(message, t)


def refusal_text(exc: BaseException, t: Translator) -> list[str]:
    """The lines a refusal prints, in the language of ``t``: each problem of a
    ``ValidationError``, else the refusal's own message (``services.messages.describe``)."""
    from ..domain.errors import ValidationError
    from ..services.messages import describe

    if isinstance(exc, ValidationError):
        return [_localized(problem.message, t) for problem in exc.problems]
    code = getattr(exc, "code", None)  # a package's refusal (PackageError) carries its code
    if isinstance(code, str):  # every refusal code has words in every language
        return [localized_refusal(describe(exc, t), code, t)]
    return [_localized(describe(exc, t), t)]


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else default_db_path()


def lock_database(args: argparse.Namespace) -> Path:
    """Take this process's lock on the database (released at exit; a crash frees it too).
    A database that is read-only, unreadable or held by another process is refused first
    with its own message (``services.startup.StartupFault``) and exit 1."""
    from ..services.startup import claim_database, preflight

    path = db_path(args)
    preflight(path, content=False)  # what the file holds is checked when it is opened
    claim_database(path)
    return path


def open_suite(args: argparse.Namespace, write: bool = True):  # noqa: ANN201 - ServiceSuite
    """Open the services on the chosen database; ``write`` commands first take the lock so a
    second process (CLI or GUI) on the same database is refused. Every start-up fault
    (damaged, locked, read-only, newer version, unreadable) is a ``StartupFault``; a read
    command on a healthy database that cannot be written reads a temporary copy (said on
    stderr)."""
    from ..app import open_database
    from ..services.startup import (
        READ_ONLY_NOTE,
        DatabaseReadOnly,
        open_checked,
        open_read_only_copy,
    )

    if write:
        lock_database(args)
        return open_checked(db_path(args), open_database)
    try:
        return open_checked(db_path(args), open_database)
    except DatabaseReadOnly:  # healthy but not writable: a read command reads a copy
        path = db_path(args)
        suite = open_read_only_copy(path, open_database)
        print("lai-chau-desk: " + tr(args)(READ_ONLY_NOTE).format(path=path), file=sys.stderr)
        return suite


def date_arg(text: str, field: str = "date") -> date:
    try:
        return parse_iso_date(text)
    except ValueError as e:
        p = Problems()
        p.add(field, str(e))
        p.raise_if_any()
        raise  # pragma: no cover


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n")

"""argparse's own user-facing strings, marked so the catalogue keeps their translations.

argparse translates through ``gettext`` with these exact ids (Python 3.11–3.13); the command
line hands them to its translator while it parses (``cli.argparse_language``).
"""

from __future__ import annotations

from . import N_, ngettext

ARGPARSE_STRINGS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("ignored explicit argument %r"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)


def _plural_marks(n: int) -> tuple[str, ...]:  # never called: marks the plural ids
    return (ngettext("expected %s argument", "expected %s arguments", n),)

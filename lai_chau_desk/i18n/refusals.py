"""Refusals written in Vietnamese below the catalogue, said in the user's language.

Most domain and service refusals (``DomainError`` and its ``ValidationError`` problems, a
package's ``PackageError``) carry a finished Vietnamese sentence: those layers do not reach the
catalogue. So that ``--lang en`` still speaks English, each common refusal is listed here by its
English message id; its Vietnamese translation in the catalogue is the exact Vietnamese text the
lower layer writes, with ``{name}`` where a value goes. :func:`localized` matches a message
against those Vietnamese patterns and, on a match, gives the English (or any other language's)
text with the same values. Vietnamese is never touched; a message that matches no pattern is
returned unchanged (it stays Vietnamese), so a refusal reworded below is never lost, only not
translated (``tests/cli/test_cli_language_refusals.py`` checks the listed ones still match the
real refusals).

A value may itself be a known refusal (``{reason}``): it is translated too.
"""

from __future__ import annotations

import re
from functools import cache

from . import N_, Translator, translator

# Keep each id's Vietnamese translation in the .po identical to the lower layer's text.
REFUSALS: tuple[str, ...] = (
    # services/base.py NotInitialised
    N_(
        "This computer's unit has not been declared yet. Run: lai-chau-desk init --unit-code "
        "CODE --unit-name NAME"
    ),
    # domain/periods.py
    N_("Invalid report period code: «{code}». Use the form 2026S1, 2026S2, 2026 or 2026Q1."),
    N_("Invalid report period code: «{code}»."),
    N_("Invalid year of the report period: {year}."),
    # domain/registration.py
    N_("A unit code is needed (assigned by the upper level)."),
    N_(
        "Code «{code}» is not valid. A unit code has only capital letters without accents "
        "(A–Z), digits, dots and hyphens, at most 40 characters (for example: CDCS-THCS-BANBO)."
    ),
    # domain/units.py validate_unit
    N_(
        "A unit code has only letters without accents, digits, dots, hyphens (at most 40 "
        "characters)."
    ),
    N_("The unit name must not be empty."),
    N_("A unit cannot be its own upper level."),
    N_("The end day must be after the start day."),
    # services/units.py, services/rollout.py
    N_("There is no unit with code «{code}» in the directory."),
    N_("There is no upper-level unit with code «{code}»."),
    N_("Code «{code}» is already in the directory (with other capital/small letters)."),
    N_("A unit below cannot be made the upper level."),
    N_(
        "There is no upper-level unit with code «{code}» in the directory. If this code is "
        "right, give the upper level's name too, for example: --parent-code {code} "
        '--parent-name "Công đoàn xã Bình Lư"; or ask the upper level for its catalogue '
        "package (the .lcdx file the upper level exports with export-catalogue), then run: "
        "lai-chau-desk init --catalogue FILE --unit-code UNIT_CODE."
    ),
    N_("Code «{code}» is already in the directory: {name} ({existing}). Assign another code."),
    N_("Choose the upper-level unit of the new unit."),
    N_(
        "Unit «{code}» is not under this unit; only units under «{own}» or under one of its "
        "units can be registered."
    ),
    N_("Unit «{code}» has closed (on {day}); no new unit can be registered under it."),
    N_("This computer's own unit cannot be closed."),
    N_("Unit «{code}» is not under this unit; only its upper level can close it."),
    N_("The closing day must be after the day the unit started ({day})."),
    N_(
        "Unit «{code}» still has {count} active units below it: {names} and {more} other "
        "units. Close those units (or move them to another unit) first."
    ),
    N_(
        "Unit «{code}» still has {count} active units below it: {names}. Close those units "
        "(or move them to another unit) first."
    ),
    N_(
        "This file is not the upper level's catalogue package (package kind: {kind}). Ask the "
        "upper level for the file it exports with export-catalogue."
    ),
    N_(
        "Code «{code}» is not among the units {issuer} registers in this package. The codes "
        "registered: {listed}."
    ),
    N_(
        "The catalogue package of {issuer} registers no unit below it yet. Ask the upper "
        "level to register the unit (unit add) and export the catalogue package again."
    ),
    N_(
        "This computer has recorded another signing key of «{code}» (fingerprint {pinned}; in "
        "the package: {fingerprint}). The key is not replaced before it is checked."
    ),
    # exchange/ PackageError: the common ones (translated here, at the boundary)
    N_("The file is not a .lcdx report package (not a ZIP file)."),
    N_("The file is not a Lai Châu Desk report package (wrong format name)."),
    N_("Component «{name}» is not listed in the manifest."),
    N_("The package lacks component «{name}» listed in the manifest."),
    N_("The package lacks the required component «{name}»."),
    N_("The package lacks the digital signature (manifest.sig); the package is refused."),
    N_("The SHA-256 hash of «{name}» does not match the manifest: the content was changed."),
    N_("The package file is too large (at most {size} MB); the package is refused."),
    N_("The package file is too large; the package is refused."),
    N_("The package file is too large ({size} bytes, at most {limit})."),
    N_("Cannot read the file: {error}."),
    # services/exchange_export.py: what a consolidated export puts in (export prints these)
    N_("With {count} reports of the units below: {names}; {below} reports of all levels in all."),
    N_("With {count} reports of the units below: {names}."),
    N_("No report of a unit below is included: none has been accepted yet."),
    N_(
        "No report of a unit below is included: none has been accepted yet (use "
        "--include-pending to include reports not yet accepted)."
    ),
    N_("  Not included: {code} ({name}): {reason}."),
    N_(
        "not accepted yet; use --include-pending (or «Include reports not yet accepted») to "
        "include it"
    ),
    N_("returned, waiting for the unit to send a corrected one"),
    N_("old-format package (version 1), the unit must export it again with the new version"),
    N_("no report received"),
    # services/report_checks.py: what to check before printing (report prints these)
    N_(
        "Section «{name}» is empty: the report will print text suggested from the figures; "
        "read it and correct it."
    ),
    N_("Section «{name}» is empty."),
    N_("The signer's name has not been entered (Settings › Unit profile)."),
    N_("No number of union members and workers yet (member roster or unit profile)."),
    N_("{count} units below have not sent their report: {names}."),
    N_(
        "The report package of this period has not been exported yet: the printout has no "
        "check code against the file (export the package, then print again)."
    ),
    N_(
        "{count} sessions dated after the data cut-off day {end} ({dates}) are not counted in "
        "this report but in the next period; if a date was mistyped, correct it."
    ),
    N_("{count} sessions are dated in the future ({dates}): check their dates."),
    # services/exchange_results.py key notes (import previews)
    N_(
        "First signing key of «{unit}» ({name}): {fingerprint} — check it against the "
        "fingerprint printed on the paper report."
    ),
    N_("The signing key of «{unit}» ({name}) changed from {old} to {new} (accepted)."),
)

_FIELD = re.compile(r"\{(\w+)\}")


def _pattern(vietnamese: str) -> re.Pattern[str]:
    """``vietnamese`` (with ``{name}`` placeholders) as a regular expression matching it whole;
    a placeholder used twice must hold the same value both times."""
    out: list[str] = []
    seen: set[str] = set()
    pos = 0
    for m in _FIELD.finditer(vietnamese):
        out.append(re.escape(vietnamese[pos : m.start()]))
        name = m.group(1)
        out.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
        pos = m.end()
    out.append(re.escape(vietnamese[pos:]))
    return re.compile("".join(out), re.DOTALL)


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    vi = translator("vi")
    return tuple((msgid, _pattern(vi(msgid))) for msgid in REFUSALS if vi(msgid) != msgid)


def localized(message: str, tr: Translator, depth: int = 0) -> str:
    """``message`` (a Vietnamese refusal from below the catalogue) in the language of ``tr``;
    unchanged in Vietnamese or when it is not a listed refusal."""
    if tr.lang == "vi" or not message:
        return message
    for msgid, pattern in _patterns():
        m = pattern.fullmatch(message)
        if m:
            values = {
                k: (localized(v, tr, depth + 1) if depth < 2 else v)
                for k, v in m.groupdict().items()
            }
            return tr(msgid).format(**values)
    return message

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
        "This file (a package of unit «{code}») is not the upper level's catalogue package. "
        "Ask the upper level for its catalogue file: on the «Send report» screen, the «Export "
        "catalogue for units below…» button (or the command lai-chau-desk export-catalogue)."
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

# Every refusal code of docs/lcdx-format.md §10, in words, for a language the lower layers do
# not speak: a package refusal whose Vietnamese message matches none of :data:`REFUSALS`
# still reads in English under ``--lang en`` (``tests/cli/test_refusal_codes.py`` checks that
# every code of the document is here, and translated).
REFUSAL_CODES: dict[str, str] = {
    "not-zip": N_(
        "The file is not a .lcdx report package (not a ZIP file); the package is refused."
    ),
    "zip-damaged": N_(
        "The package file is damaged and cannot be read; ask the sender to export it again."
    ),
    "zip-not-canonical": N_(
        "The package file was rebuilt or altered after it was signed (not the layout the "
        "app writes); the package is refused."
    ),
    "package-too-large": N_("The package file is too large; the package is refused."),
    "too-many-members": N_("The package holds too many files; the package is refused."),
    "member-too-large": N_("A file inside the package is too large; the package is refused."),
    "zip-bomb": N_(
        "A file inside the package unpacks to far more than its size (a ZIP bomb); the "
        "package is refused."
    ),
    "member-name": N_(
        "The package holds a file with a name that is not allowed; the package is refused."
    ),
    "member-unexpected": N_(
        "The package holds a file that does not belong in a report package; the package is refused."
    ),
    "member-duplicate": N_("The package holds the same file name twice; the package is refused."),
    "member-method": N_(
        "A file inside the package uses a compression method that is not allowed; the "
        "package is refused."
    ),
    "member-encrypted": N_("A file inside the package is encrypted; the package is refused."),
    "member-missing": N_("The package lacks a file it must contain; the package is refused."),
    "member-unlisted": N_(
        "The package holds a file its manifest does not list; the package is refused."
    ),
    "hash-mismatch": N_(
        "A file inside the package was changed after it was signed (its SHA-256 hash does"
        " not match); the package is refused."
    ),
    "signature-missing": N_("The package lacks the digital signature; the package is refused."),
    "signature-bad": N_(
        "The digital signature of the package is not valid: the content was changed or "
        "not signed by this key; the package is refused."
    ),
    "json-invalid": N_(
        "Data inside the package cannot be read (not valid JSON); the package is refused."
    ),
    "json-too-large": N_("Data inside the package is too large; the package is refused."),
    "json-too-deep": N_("Data inside the package is nested too deeply; the package is refused."),
    "json-duplicate-key": N_(
        "Data inside the package gives the same field twice; the package is refused."
    ),
    "json-not-canonical": N_(
        "Data inside the package is not written the one way the format requires (it was "
        "altered); the package is refused."
    ),
    "text-control": N_("Text inside the package holds control characters; the package is refused."),
    "text-not-nfc": N_(
        "Text inside the package is not in the Unicode form the format requires (NFC); "
        "the package is refused."
    ),
    "date-invalid": N_("A date inside the package is not valid; the package is refused."),
    "date-out-of-range": N_(
        "A date inside the package is outside the years 2000–2200; the package is refused."
    ),
    "format": N_(
        "The file is not a Lai Châu Desk report package (wrong format name); the package "
        "is refused."
    ),
    "format-old": N_(
        "The package is in the old format (version 1); the unit must export it again with"
        " the new version of the app."
    ),
    "format-version": N_(
        "The package was made by a newer version of the app (unknown format version); "
        "update the app."
    ),
    "schema": N_(
        "The package's data does not have the required structure; the package is refused."
    ),
    "unit-code": N_(
        "A unit code in the package breaks the code rule (capital letters A–Z, digits, "
        "dots and hyphens); the package is refused."
    ),
    "payload-inconsistent": N_(
        "The package's figures, data or consolidation table disagree with each other; the"
        " package is refused."
    ),
    "units-too-deep": N_(
        "The package carries reports nested too many levels deep; the package is refused."
    ),
    "unreadable": N_("The file cannot be read; the package is refused."),
    "unusable": N_(
        "The package passed every check but holds data this app cannot use; the package is refused."
    ),
    "own-unit": N_(
        "This is this unit's own report, not a report of a unit below; the package is refused."
    ),
    "outside-tree": N_(
        "The package's unit is not under this unit in the directory; the package is "
        "refused. Correct the unit directory if the unit has moved here."
    ),
    "not-direct": N_(
        "The report comes from a unit that is not directly below this unit; it must come "
        "through the unit in between."
    ),
    "unit-code-case": N_(
        "The package's unit code differs from a code in the directory only by "
        "capital/small letters; the package is refused."
    ),
    "key-changed": N_(
        "The signing key differs from the key recorded for this unit; import it only "
        "after checking with the unit (import --accept-new-key CODE, or --accept-parent-"
        "key for the level above)."
    ),
    "key-reused": N_("The same signing key signs for two different units; the package is refused."),
    "parent-key-unconfirmed": N_(
        "The signing key of the level above has not been confirmed yet: compare its "
        'fingerprint with the paper, then import with --accept-parent-key "FINGERPRINT".'
    ),
    "not-parent": N_(
        "The receipt or catalogue was not made by this unit's direct upper level; the "
        "package is refused."
    ),
    "not-ours": N_("The receipt is addressed to another unit; the package is refused."),
    "unknown-report": N_(
        "The receipt names a report this computer never sent; the package is refused."
    ),
    "catalogue-tree": N_(
        "The catalogue would move this unit under another parent or make a loop in the "
        "unit directory; the package is refused."
    ),
    "stale": N_(
        "The package is older than, or as old as but different from, the report already "
        "held; the package is refused."
    ),
    "unknown-period": N_(
        "The package's report period is not known or has not started yet; the package is refused."
    ),
    "period-mismatch": N_(
        "The package's period has other first and last days than this computer's settings"
        " for that period; the package is refused."
    ),
}


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


# what a Vietnamese refusal names that the words of its code do not: units, fingerprints
_QUOTED = re.compile(r"«([^»]{1,80})»")
_FINGERPRINT = re.compile(r"\b(?:[0-9A-F]{4}[ :]){3,}[0-9A-F]{4}\b")


def localized_refusal(message: str, code: str | None, tr: Translator) -> str:
    """A package refusal (``PackageError.message`` with its ``code``) in the language of
    ``tr``: the listed refusal when it matches, else the words of its code with the units and
    key fingerprints the Vietnamese message names, and the code; Vietnamese as written."""
    if tr.lang == "vi" or not message:
        return message
    said = localized(message, tr)
    if said != message or not code or code not in REFUSAL_CODES:
        return said
    named = list(dict.fromkeys(_QUOTED.findall(message) + _FINGERPRINT.findall(message)))
    details = f" ({'; '.join(named)})" if named else ""
    return f"{tr(REFUSAL_CODES[code])}{details} [{code}]"

"""Administrative commands: init (by hand or from the parent's catalogue package), the unit
directory (unit add / close / list), backup and restore."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ..i18n import N_
from .common import date_arg, lock_database, open_suite, print_json, subcommand_tr, tr


def register(sub: argparse._SubParsersAction) -> None:
    t = subcommand_tr(sub)
    p = sub.add_parser(
        "init",
        help=t(
            N_("declare this computer's unit (by hand or from the upper level's catalogue package)")
        ),
    )
    p.add_argument(
        "--unit-code", required=True, help=t(N_("unit code assigned by the upper level"))
    )
    p.add_argument("--unit-name", help=t(N_("unit name (not needed with --catalogue)")))
    p.add_argument("--parent-code", help=t(N_("code of the upper-level unit")))
    p.add_argument(
        "--parent-name",
        help=t(N_("name of the upper-level unit, when it is not in the directory yet")),
    )
    p.add_argument(
        "--catalogue",
        type=Path,
        metavar="FILE",
        help=t(N_("the catalogue package (.lcdx) of the upper level that registered this unit")),
    )
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("unit", help=t(N_("unit directory: register, close, list")))
    usub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = usub.add_parser(
        "add", help=t(N_("register a unit below this one (with a code this unit assigns)"))
    )
    a.add_argument("--code", required=True)
    a.add_argument("--name", required=True)
    a.add_argument("--parent-code", required=True)
    a.add_argument("--level", default="", help=t(N_("level, for example: Công đoàn cơ sở")))
    a.add_argument("--from", dest="valid_from", metavar="DATE", help=t(N_("day the unit starts")))
    a.set_defaults(func=cmd_unit_add)
    a = usub.add_parser("close", help=t(N_("close a unit below this one from day D")))
    a.add_argument("--code", required=True)
    a.add_argument("--on", required=True, metavar="DATE", help=t(N_("last day of the unit")))
    a.set_defaults(func=cmd_unit_close)
    a = usub.add_parser("list", help=t(N_("list the unit directory")))
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_unit_list)

    p = sub.add_parser("backup", help=t(N_("back up the database")))
    p.add_argument("--out", type=Path)
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser(
        "restore", help=t(N_("restore from a backup (the current database is backed up first)"))
    )
    p.add_argument(
        "--other-unit",
        action="store_true",
        help=t(N_("accept a backup of another unit (replaces this computer's data)")),
    )
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_restore)


def _d(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def cmd_init(args: argparse.Namespace) -> int:
    t = tr(args)
    if args.catalogue is None and not args.unit_name:
        print(
            "lai-chau-desk: "
            + t(
                N_(
                    'usage error: --unit-name "Unit name" is needed (or --catalogue FILE, the upper '
                    "level's catalogue package that registered this unit)."
                )
            ),
            file=sys.stderr,
        )
        return 2
    if args.catalogue is not None:
        return _init_from_catalogue(args)
    suite = open_suite(args)
    unit = suite.units.init_own_unit(
        args.unit_code, args.unit_name, args.parent_code, parent_name=args.parent_name
    )
    print(t(N_("Declared the unit: {code} — {name}")).format(code=unit.code, name=unit.name))
    if unit.parent_code:
        parent = suite.units.get(unit.parent_code)
        print(t(N_("Upper level: {code} — {name}")).format(code=parent.code, name=parent.name))
        pinned = suite.units.parent_fingerprint()
        if pinned:
            print(
                t(N_("Upper level's signing key recorded: {fingerprint}")).format(
                    fingerprint=pinned
                )
            )
        else:
            print(
                t(
                    N_(
                        "The upper level's signing key will be recorded when its first "
                        "catalogue package or receipt is imported, after the fingerprint is "
                        "checked."
                    )
                )
            )
    return 0


def _init_from_catalogue(args: argparse.Namespace) -> int:
    t = tr(args)
    suite = open_suite(args)
    data = args.catalogue.read_bytes()
    start = suite.units.init_from_catalogue(data, args.unit_code)
    pv = start.preview
    print(
        t(N_("Catalogue package from: {code} — {name} (revision {revision})")).format(
            code=pv.issuer_code, name=pv.issuer_name, revision=pv.revision
        )
    )
    print(
        t(N_("Upper level's signing key fingerprint: {fingerprint}")).format(
            fingerprint=pv.fingerprint
        )
    )
    print(
        t(
            N_(
                "Check this fingerprint against the one printed on the paper document of "
                "{issuer} (or read it out over the phone); if they differ, do not use this "
                "package."
            )
        ).format(issuer=pv.issuer_name)
    )
    print(
        t(N_("The units {issuer} registers in the package ({count}):")).format(
            issuer=pv.issuer_name, count=len(pv.registered)
        )
    )
    for u in pv.registered:
        mark = t(N_("  ← this unit")) if u.code == start.unit.code else ""
        print(f"  {u.code} — {u.name}{' (' + u.level + ')' if u.level else ''}{mark}")
    already = t(N_(" (recorded before)")) if not start.pinned else ""
    print(
        t(
            N_(
                "Declared the unit: {code} — {name}; upper level: {issuer}. Recorded the upper "
                "level's signing key{already}."
            )
        ).format(code=start.unit.code, name=start.unit.name, issuer=pv.issuer_code, already=already)
    )
    a = start.applied
    print(
        t(
            N_(
                "Catalogue taken: {directives} new documents, {indicators} new indicators, "
                "{units} new units."
            )
        ).format(
            directives=a.get("directives", 0),
            indicators=a.get("indicators", 0),
            units=a.get("units", 0),
        )
    )
    return 0


def cmd_unit_add(args: argparse.Namespace) -> int:
    t = tr(args)
    suite = open_suite(args)
    start = date_arg(args.valid_from, "valid_from") if args.valid_from else None
    unit = suite.units.register_unit(
        args.code, args.name, args.parent_code, level=args.level, valid_from=start
    )
    print(
        t(
            N_(
                "Registered the unit: {code} — {name} (upper level: {parent}). Export the "
                "catalogue package (export-catalogue) to send to the unit."
            )
        ).format(code=unit.code, name=unit.name, parent=unit.parent_code)
    )
    return 0


def cmd_unit_close(args: argparse.Namespace) -> int:
    t = tr(args)
    suite = open_suite(args)
    unit = suite.units.close_unit(args.code, date_arg(args.on, "valid_to"))
    print(
        t(N_("Unit {code} — {name} stops after {day}.")).format(
            code=unit.code, name=unit.name, day=_d(unit.valid_to)
        )
    )
    return 0


def cmd_unit_list(args: argparse.Namespace) -> int:
    t = tr(args)
    suite = open_suite(args, write=False)
    units = suite.units.directory()
    today = suite.today()
    if args.json:
        print_json(
            [
                {
                    "code": u.code,
                    "name": u.name,
                    "level": u.level,
                    "parent_code": u.parent_code,
                    "valid_from": u.valid_from.isoformat() if u.valid_from else None,
                    "valid_to": u.valid_to.isoformat() if u.valid_to else None,
                    "active": u.active_on(today),
                }
                for u in units
            ]
        )
        return 0
    for u in units:
        if u.valid_to:
            validity = t(N_("until {day}")).format(day=_d(u.valid_to)) + (
                t(N_(" (closed)")) if u.valid_to < today else ""
            )
        else:
            validity = t(N_("active"))
        if u.valid_from:
            validity = t(N_("from {day}, {validity}")).format(
                day=_d(u.valid_from), validity=validity
            )
        parent = (
            t(N_("upper level {code}")).format(code=u.parent_code)
            if u.parent_code
            else t(N_("top level"))
        )
        print(f"{u.code}\t{u.name}\t{u.level or '-'}\t{parent}\t{validity}")
    print(t(N_("{count} units.")).format(count=len(units)))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    suite = open_suite(args)
    out = suite.backup.backup(args.out)
    print(tr(args)(N_("Backed up to {path}")).format(path=out))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Restore even when the current database is damaged (it is then set aside, not opened)."""
    from ..app import open_database
    from ..services.backup import identify_backup, verify_source
    from ..services.startup import restore_database

    t = tr(args)
    path = lock_database(args)
    print(identify_backup(verify_source(args.file)).describe(t))
    safety = restore_database(path, args.file, other_unit=args.other_unit)
    open_database(path).close()  # migrate a backup from an older version now, not at next use
    print(t(N_("Restored from {path}.")).format(path=args.file))
    if safety is not None:
        print(t(N_("The copy from before the restore: {path}")).format(path=safety))
    return 0

"""Commands of the package exchange: export, verify, import, status, simulate, review,
export-catalogue, fingerprint (DESIGN §9)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..i18n import N_, Translator
from .common import localized, open_suite, print_json, refusal, subcommand_tr, tr

# Labels of the plain-data values the services return (English ids, said in the run's language)
REVIEW = {"pending": N_("awaiting review"), "accepted": N_("accepted"), "returned": N_("returned")}
KIND = {"report": N_("report"), "receipt": N_("receipt"), "catalogue": N_("catalogue package")}
COUNT = {
    "sessions": N_("Sessions"),
    "participants": N_("Attendances"),
    "union_members": N_("Union member attendances"),
    "female": N_("Female attendances"),
    "ethnic_minority": N_("Ethnic minority attendances"),
    "supervisions": N_("Supervisions"),
    "recommendations": N_("Recommendations"),
}
OUTCOME = {
    "new": N_("new"),
    "replaced": N_("replaced"),
    "unchanged": N_("unchanged"),
    "refused": N_("refused"),
}


def register(sub: argparse._SubParsersAction) -> None:
    t = subcommand_tr(sub)
    p = sub.add_parser("export", help=t(N_("export the unit's signed report package")))
    p.add_argument("--period", required=True)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument(
        "--include-pending",
        action="store_true",
        help=t(
            N_("also put the reports from below not yet accepted into the consolidated package")
        ),
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("verify", help=t(N_("check a package without importing it")))
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--code",
        metavar=t(N_("CODE")),
        help=t(N_("the check code printed on the paper report: whether the file is that package")),
    )
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("import", help=t(N_("import report packages, receipts, catalogues")))
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help=t(N_("preview only, change nothing")))
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--accept-new-key",
        action="append",
        default=[],
        metavar="UNIT_CODE",
        help=t(N_("accept the unit's new signing key (after checking it)")),
    )
    p.add_argument(
        "--accept-parent-key",
        metavar="FINGERPRINT",
        help=t(
            N_("fingerprint of the upper level's signing key, checked against the paper document")
        ),
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("status", help=t(N_("which units below have sent their reports")))
    p.add_argument("--period", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("simulate", help=t(N_("make the report packages of simulated units")))
    p.add_argument(
        "--out", required=True, type=Path, help=t(N_("folder the .lcdx packages are written to"))
    )
    p.add_argument("--units", required=True, type=int, help=t(N_("how many units to simulate")))
    p.add_argument("--period", required=True, help=t(N_("reporting period, e.g. 2026S1")))
    p.add_argument(
        "--parent-code",
        help=t(N_("code of the upper level the simulated units report to (default: this unit)")),
    )
    p.add_argument(
        "--seed", type=int, default=2026, help=t(N_("the same seed makes the same packages"))
    )
    p.add_argument(
        "--sessions",
        type=int,
        nargs=2,
        default=[30, 50],
        metavar=("MIN", "MAX"),
        help=t(N_("dissemination sessions per unit, between MIN and MAX")),
    )
    p.set_defaults(func=cmd_simulate)

    p = sub.add_parser("review", help=t(N_("accept or return a report; export the receipt")))
    p.add_argument("--unit", required=True)
    p.add_argument("--period", required=True)
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--accept", action="store_true")
    group.add_argument("--return", dest="return_comment", metavar="COMMENT")
    p.add_argument("--comment", default="")
    p.add_argument("--out", type=Path)
    p.set_defaults(func=cmd_review)

    p = sub.add_parser(
        "export-catalogue", help=t(N_("export the catalogue package for the units below"))
    )
    p.add_argument("--out", required=True, type=Path)
    p.set_defaults(func=cmd_export_catalogue)

    p = sub.add_parser("sent", help=t(N_("the reports sent and the upper level's decisions")))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sent)

    p = sub.add_parser(
        "fingerprint", help=t(N_("print the fingerprint of this computer's signing key"))
    )
    p.set_defaults(func=cmd_fingerprint)


def cmd_export(args: argparse.Namespace) -> int:
    t = tr(args)
    suite = open_suite(args)
    r = suite.export.export_report(args.period, out=args.out, include_pending=args.include_pending)
    change = t(N_("a new revision")) if r.new_revision else t(N_("content unchanged"))
    print(
        t(
            N_("Exported {out}: unit {unit}, period {period}, revision {revision} ({change}).")
        ).format(out=args.out, unit=r.unit, period=r.period, revision=r.revision, change=change)
    )
    for line in r.plan.lines() if r.plan is not None else []:
        print(localized(line, t))
    print(t(N_("Signing key fingerprint: {fingerprint}")).format(fingerprint=r.fingerprint))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    t = tr(args)
    suite = open_suite(args, write=False)
    report = suite.imports.verify_file(args.file, args.code)
    if args.json:
        print_json(report.to_json())
        return 0 if report.valid and report.code_matches is not False else 1
    elif report.valid:
        period = t(N_(", period {period}")).format(period=report.period) if report.period else ""
        print(
            t(
                N_(
                    "Valid: {kind} of {unit} ({unit_name}){period}, revision {revision}, made "
                    "at {created}."
                )
            ).format(
                kind=_label(KIND, report.kind, t),
                unit=report.unit,
                unit_name=report.unit_name,
                period=period,
                revision=report.revision,
                created=_when(report.created_at),
            )
        )
        print(
            t(N_("Signing key fingerprint: {fingerprint}")).format(fingerprint=report.fingerprint)
        )
        for key, value in report.figures.items():
            print(f"  {_label(COUNT, key, t)}: {value}")
        if report.embedded:
            print(
                t(N_("With {count} reports from below (each signed on its own, checked).")).format(
                    count=len(report.embedded)
                )
            )
    else:
        print(t(N_("Not valid: {reason}")).format(reason=refusal(report.reason, report.code, t)))
    if report.valid and report.code_matches is True:
        print(
            t(
                N_(
                    "Matches the paper report: this file is the package the check code on "
                    "the paper names."
                )
            )
        )
    elif report.valid and report.code_matches is False:
        print(
            t(
                N_(
                    "Does NOT match the paper report: the check code on the paper names "
                    "another package (another unit, period, revision, content or signing key). "
                    "Ask the unit to send the right file again."
                )
            )
        )
    return 0 if report.valid and report.code_matches is not False else 1


def cmd_import(args: argparse.Namespace) -> int:
    t = tr(args)
    suite = open_suite(args)
    outcomes = suite.imports.import_files(
        args.files,
        dry_run=args.dry_run,
        accept_new_key=args.accept_new_key,
        accept_parent_key=args.accept_parent_key,
    )
    if args.json:
        print_json([o.to_json() for o in outcomes])
    else:
        if args.dry_run:
            print(t(N_("Preview (nothing changed yet):")))
        for o in outcomes:
            period = t(N_(" period {period}")).format(period=o.period) if o.period else ""
            what = (
                t(N_(" {kind} of {unit}{period} revision {revision}")).format(
                    kind=_label(KIND, o.kind, t), unit=o.unit, period=period, revision=o.revision
                )
                if o.unit
                else ""
            )
            reason = f": {refusal(o.reason, o.code, t)}" if o.reason else ""
            print(f"{o.shown_file}: {t(OUTCOME[o.outcome])}{what}{reason}")
            if o.outcome != "refused":
                for note in o.key_notes():
                    print(f"  {localized(note, t)}")
    return 1 if any(o.outcome == "refused" for o in outcomes) else 0


def cmd_status(args: argparse.Namespace) -> int:
    t = tr(args)
    suite = open_suite(args, write=False)
    st = suite.status.completeness(args.period)
    if args.json:
        print_json(st.to_json())
        return 0
    labels = {"on_time": t(N_("on time")), "late": t(N_("late")), "missing": t(N_("not sent"))}
    print(
        t(
            N_(
                "Period {period}, due {due}: {expected} units must report, {on_time} on time, "
                "{late} late, {missing} not sent."
            )
        ).format(
            period=st.period,
            due=_when(st.due),
            expected=len(st.expected),
            on_time=len(st.on_time),
            late=len(st.late),
            missing=len(st.missing),
        )
    )
    for u in st.units:
        review = _label(REVIEW, u.review, t) if u.review in REVIEW else ""
        rev = (
            t(N_(" (revision {revision}, {review})")).format(revision=u.revision, review=review)
            if u.revision
            else ""
        )
        print(f"  {u.code:<24} {labels[u.timeliness]:<9} {u.name}{rev}")
    return 0


def _label(labels: dict[str, str], key: str | None, t: Translator) -> str:
    """The label of a plain-data value in the run's language (the value itself if unknown)."""
    return t(labels[key]) if key in labels else str(key)


def _when(iso: str | None) -> str:
    """ISO date or timestamp -> dd/mm/yyyy (HH:MM)."""
    if not iso:
        return ""
    from datetime import datetime

    moment = datetime.fromisoformat(iso)
    return moment.strftime("%d/%m/%Y %H:%M" if "T" in iso else "%d/%m/%Y")


def cmd_simulate(args: argparse.Namespace) -> int:
    t = tr(args)
    suite = open_suite(args)
    r = suite.simulation.simulate(
        args.out,
        args.units,
        args.period,
        parent_code=args.parent_code,
        seed=args.seed,
        sessions=tuple(args.sessions),
    )
    print(
        t(N_("Made {count} packages ({sessions} dissemination sessions) in {out}.")).format(
            count=len(r.files), sessions=r.sessions, out=args.out
        )
    )
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    t = tr(args)
    suite = open_suite(args)
    decision = "accepted" if args.accept else "returned"
    comment = args.return_comment if decision == "returned" else args.comment
    r = suite.receipts.review(args.unit, args.period, decision, comment, out=args.out)
    where = t(N_("; receipt: {out}")).format(out=args.out) if args.out else ""
    if decision == "accepted":
        done = t(N_("Accepted the report of period {period} from {unit}{where}"))
    else:
        done = t(N_("Returned the report of period {period} from {unit}{where}"))
    print(done.format(period=r.period, unit=r.unit, where=where))
    return 0


def cmd_export_catalogue(args: argparse.Namespace) -> int:
    t = tr(args)
    suite = open_suite(args)
    r = suite.catalogue_export.export_catalogue(out=args.out)
    print(
        t(N_("Exported the catalogue package {out} (revision {revision}).")).format(
            out=args.out, revision=r.revision
        )
    )
    return 0


def cmd_sent(args: argparse.Namespace) -> int:
    t = tr(args)
    suite = open_suite(args, write=False)
    rows = suite.receipts.sent_reports()
    if args.json:
        print_json(
            [
                {
                    "period": r.period,
                    "revision": r.revision,
                    "status": r.status,
                    "comment": r.comment,
                    "decided_at": r.decided_at,
                }
                for r in rows
            ]
        )
        return 0
    labels = {
        "sent": t(N_("sent, no decision yet")),
        "accepted": t(N_("accepted by the upper level")),
        "returned": t(N_("returned by the upper level")),
    }
    for r in rows:
        comment = f": {r.comment}" if r.comment else ""
        print(
            t(N_("Period {period} revision {revision} ({created}): {status}{comment}")).format(
                period=r.period,
                revision=r.revision,
                created=_when(r.created_at),
                status=labels[r.status],
                comment=comment,
            )
        )
    if not rows:
        print(t(N_("No report sent yet.")))
    return 0


def cmd_fingerprint(args: argparse.Namespace) -> int:
    suite = open_suite(args)
    print(suite.keys.fingerprint())
    return 0

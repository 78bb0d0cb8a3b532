"""Commands that record: session add, supervision add, demo, totals (init: commands_admin)."""

from __future__ import annotations

import argparse

from ..domain.sessions import FLAG, FORMS, SESSION_COUNTS, with_counts
from ..domain.supervision import FIELDS, ROLES, Recommendation, SupervisionActivity
from .common import date_arg, open_suite, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("session", help="buổi quán triệt, tuyên truyền")
    ssub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = ssub.add_parser("add", help="ghi một buổi; in ra mã của buổi")
    a.add_argument("--date", required=True)
    a.add_argument("--title", required=True)
    a.add_argument("--directive", nargs="+", default=[], metavar="CODE")
    a.add_argument(
        "--task",
        nargs="+",
        default=[],
        metavar="CODE",
        help='nhiệm vụ đã quán triệt, ví dụ "334-KH/TU II.3.a" (kèm luôn văn bản)',
    )
    a.add_argument("--form", required=True, choices=list(FORMS))
    a.add_argument("--place", default="")
    a.add_argument("--presenter", default="")
    add_count_options(a)
    a.add_argument("--note", default="")
    a.set_defaults(func=cmd_session_add)

    p = sub.add_parser("supervision", help="hoạt động giám sát")
    ssub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = ssub.add_parser("add", help="ghi một cuộc giám sát; in ra mã")
    a.add_argument("--date", required=True)
    a.add_argument("--field", required=True, choices=list(FIELDS))
    a.add_argument("--target", required=True)
    a.add_argument("--role", default="phoi-hop", choices=list(ROLES))
    a.add_argument("--partners", default="")
    a.add_argument("--content", default="")
    a.add_argument("--findings", default="")
    a.add_argument("--recommendation", action="append", default=[], metavar="TEXT")
    a.set_defaults(func=cmd_supervision_add)

    p = sub.add_parser("demo", help="điền dữ liệu mẫu cho đơn vị")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--years", type=int, default=1, help="số năm dữ liệu mẫu (mặc định 1)")
    p.add_argument("--members", type=int, default=48, help="số đoàn viên mẫu (mặc định 48)")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("totals", help="số liệu của đơn vị trong kỳ")
    p.add_argument("--period", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_totals)


def add_count_options(a: argparse.ArgumentParser) -> None:
    """One option per counted field of a session (:data:`SESSION_COUNTS`): a number, or a
    switch for a yes/no; the headcount of participants is required."""
    for c in SESSION_COUNTS:
        dest = f"count_{c.name}"
        if c.kind == FLAG:
            a.add_argument(c.option, dest=dest, action="store_true", help=c.label.lower())
        else:
            required = c.name == "participants"
            a.add_argument(
                c.option, dest=dest, type=int, required=required, default=0, help=c.label.lower()
            )


def count_args(args: argparse.Namespace) -> dict:
    """The counted fields given on the command line, by field name."""
    return {c.name: getattr(args, f"count_{c.name}") for c in SESSION_COUNTS}


def cmd_session_add(args: argparse.Namespace) -> int:
    suite = open_suite(args)
    session = with_counts(
        count_args(args),
        held_on=date_arg(args.date, "held_on"),
        title=args.title,
        form=args.form,
        directive_codes=list(args.directive),
        task_codes=list(args.task),
        place=args.place,
        presenter=args.presenter,
        note=args.note,
    )
    print(suite.sessions.add(session))
    return 0


def cmd_supervision_add(args: argparse.Namespace) -> int:
    suite = open_suite(args)
    activity = SupervisionActivity(
        held_on=date_arg(args.date, "held_on"),
        field=args.field,
        target=args.target,
        role=args.role,
        partners=args.partners,
        content=args.content,
        findings=args.findings,
        recommendations=[Recommendation(text=t) for t in args.recommendation],
    )
    print(suite.supervision.save(activity))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    suite = open_suite(args)
    r = suite.demo.fill(seed=args.seed, members=args.members, years=args.years)
    print(
        f"Đã thêm {r.members} đoàn viên, {r.sessions} buổi tuyên truyền, {r.supervisions} cuộc "
        f"giám sát cho các kỳ {', '.join(r.periods)}."
    )
    return 0


def totals_document(suite, period_code: str) -> dict:  # noqa: ANN001
    """The ``totals --json`` document of the own unit (extended by the exchange layer)."""
    unit = suite.units.own_unit()
    figures = suite.reporting.figures(period_code, unit.code)
    period = suite.settings.period(period_code)
    doc = {
        "unit": unit.code,
        "unit_name": unit.name,
        "period": period.code,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        **figures.counts(),
    }
    doc["details"] = figures.to_dict()
    sub = suite.status.subtree_totals(period_code)
    doc["subtree"] = sub.subtree
    doc["units_reported"] = sub.units_reported
    return doc


def cmd_totals(args: argparse.Namespace) -> int:
    suite = open_suite(args, write=False)
    doc = totals_document(suite, args.period)
    if args.json:
        print_json(doc)
    else:
        labels = {
            "sessions": "Số buổi",
            "participants": "Lượt người tham dự",
            "union_members": "Lượt đoàn viên",
            "female": "Lượt nữ",
            "ethnic_minority": "Lượt dân tộc thiểu số",
            "supervisions": "Cuộc giám sát",
            "recommendations": "Kiến nghị",
        }
        print(f"{doc['unit_name']} — kỳ {doc['period']} ({args.period})")
        for key, label in labels.items():
            print(f"  {label}: {doc[key]}")
        if doc["units_reported"]:
            print(f"Toàn khối (đơn vị và {doc['units_reported']} đơn vị cấp dưới đã có báo cáo):")
            for key, label in labels.items():
                print(f"  {label}: {doc['subtree'][key]}")
    return 0

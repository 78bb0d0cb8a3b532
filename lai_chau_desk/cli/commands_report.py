"""The ``report`` command: the official report of the own unit as PDF (and XLSX). At an upper
level it is the consolidated report of the subtree (DESIGN §6)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..i18n import N_
from .common import localized, open_suite, subcommand_tr, tr


def register(sub: argparse._SubParsersAction) -> None:
    t = subcommand_tr(sub)
    p = sub.add_parser("report", help=t(N_("print the official report of the period (PDF, XLSX)")))
    p.add_argument("--period", required=True, help=t(N_("report period: 2026S1, 2026S2, 2026…")))
    p.add_argument(
        "--pdf", type=Path, required=True, metavar="FILE", help=t(N_("the PDF file to write"))
    )
    p.add_argument(
        "--xlsx", type=Path, metavar="FILE", help=t(N_("also write the figures as an Excel sheet"))
    )
    p.add_argument(
        "--lang",
        dest="report_lang",
        choices=["vi", "en"],
        default=None,
        help=t(N_("language of the report (default: Vietnamese)")),
    )
    p.add_argument(
        "--number",
        metavar="N",
        help=t(N_("document number (5 -> 05/BC-…); default: the next number of the year")),
    )
    p.add_argument(
        "--every-unit",
        action="store_true",
        help=t(
            N_(
                "consolidated report: add an appendix with the figures of every "
                "unit of the whole subtree"
            )
        ),
    )
    p.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    t = tr(args)
    suite = open_suite(args)
    lang = args.report_lang or "vi"
    data = suite.reports.write_pdf(
        args.period, args.pdf, lang=lang, number=args.number, every_unit=args.every_unit
    )
    print(
        t(N_("Wrote report number {number} ({period}): {path}")).format(
            number=data.doc_number, period=data.period_label, path=args.pdf
        )
    )
    if args.xlsx:
        suite.reports.write_xlsx(
            args.period, args.xlsx, lang=lang, number=args.number, every_unit=args.every_unit
        )
        print(t(N_("Wrote the figures sheet: {path}")).format(path=args.xlsx))
    if lang != "en":
        for warning in suite.reports.report_warnings(args.period):
            print(t(N_("Note: {warning}")).format(warning=localized(warning, t)))
    return 0

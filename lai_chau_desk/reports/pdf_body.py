"""The first part of the report: header blocks, title, sections, figure tables, chart, the
"Nơi nhận" and signature blocks. Imports ReportLab (import lazily)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from ..domain.figures import PeriodFigures
from ..domain.supervision import FIELDS, FIELDS_EN
from ..i18n import format_date, format_int, format_number
from . import sentences
from .chart import participants_chart
from .fonts import BOLD, REGULAR
from .labels import labels
from .model import ConsolidatedData, ReportData
from .pdf_kit import BODY_W, Rule, cap, data_table, para, paras, rule_under

LEFT_COL = 72 * mm


class _Counter:
    def __init__(self) -> None:
        self.n = 0

    def next(self) -> int:
        self.n += 1
        return self.n


def header(data: ReportData) -> list[Flowable]:
    """Issuing body (left, with a short rule) beside the national title and motto (right), then
    the number line and the italic place-and-date line."""
    L = labels(data.language)
    p = data.profile
    right_w = BODY_W - LEFT_COL
    issuing = (p.issuing_body or data.unit_name).upper()
    left: list[Flowable] = [para(p.parent_body.upper(), "head_regular")] if p.parent_body else []
    left += [para(issuing, "head_bold"), rule_under(issuing, BOLD, 13, LEFT_COL - 4, 0.4)]
    right = [para(L["nation"], "nation"), para(L["motto"], "motto"),
             Rule(stringWidth(L["motto"], BOLD, 13))]
    number = para(L["number"].format(number=data.doc_number), "number")
    dateline = para(sentences.date_line(data.place_name, data.issue_date, data.language), "dateline")
    t = Table([[left, right], [number, dateline]], colWidths=[LEFT_COL, right_w])
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 13),  # else ReportLab selects Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 1), (-1, 1), 6),
    ]))
    return [t]


def title(data: ReportData) -> list[Flowable]:
    L = labels(data.language)
    key = "summary_consolidated" if isinstance(data, ConsolidatedData) else "summary"
    label = data.period_label[:1].upper() + data.period_label[1:]
    period = L["period_line"].format(label=label, start=format_date(data.period_start),
                                     end=format_date(data.period_end))
    return [Spacer(1, 10 * mm), para(L["title"], "title"),
            para(L[key].format(docs=data.subject_text), "summary"), para(period, "summary"),
            Spacer(1, 1.5 * mm), Rule(40 * mm), Spacer(1, 5 * mm)]


def _figures_table(f: PeriodFigures, L: dict[str, str]) -> Flowable:
    rows = [["1", L["row_sessions"], format_int(f.sessions)],
            ["2", L["row_participants"], format_int(f.participants)],
            ["", L["row_members"], format_int(f.union_members)],
            ["", L["row_female"], format_int(f.female)],
            ["", L["row_ethnic"], format_int(f.ethnic_minority)],
            ["3", L["row_materials"], format_int(f.materials)]]
    return data_table([L["col_no"], L["col_item"], L["col_value"]], rows,
                      [12 * mm, BODY_W - 42 * mm, 30 * mm], numeric_from=2)


def _directives_table(data: ReportData, L: dict[str, str]) -> Flowable | None:
    f = data.figures
    codes = [c for c in data.directives if f.sessions_by_directive.get(c)]
    codes += sorted(c for c in f.sessions_by_directive if c not in data.directives)
    if not codes:
        return None
    rows = [[str(i), data.directives.get(c, c), format_int(f.sessions_by_directive.get(c, 0)),
             format_int(f.participants_by_directive.get(c, 0))] for i, c in enumerate(codes, 1)]
    return data_table([L["col_no"], L["col_directive"], L["col_sessions"], L["col_participants"]],
                      rows, [12 * mm, BODY_W - 62 * mm, 24 * mm, 26 * mm], numeric_from=2)


def _caption(n: _Counter, title_key: str, L: dict[str, str]) -> Flowable:
    return para(L["table"].format(n=n.next(), title=L[title_key]), "caption")


def dissemination(data: ReportData, n: _Counter) -> list[Flowable]:
    L = labels(data.language)
    f = data.figures
    subject = ""
    if isinstance(data, ConsolidatedData):
        subject = "các cấp công đoàn" if data.language != "en" else "the unions"
    out: list[Flowable] = [para(L["s2_1"], "subheading"),
                           para(sentences.dissemination_sentence(f, data.directives, data.language,
                                                                 subject))]
    if f.sessions > 0:
        out += [KeepTogether([_caption(n, "t_figures", L), _figures_table(f, L)]), Spacer(1, 4)]
        table = _directives_table(data, L)
        if table is not None:
            out += [KeepTogether([_caption(n, "t_directives", L), table]), Spacer(1, 4)]
        drawing = participants_chart(f.participants_by_directive, list(data.directives),
                                     BODY_W, 62 * mm)
        if drawing is not None:
            out += [KeepTogether([drawing, para(L["chart"], "caption")])]
    return out


def mobilisation(data: ReportData, n: _Counter) -> list[Flowable]:
    L = labels(data.language)
    values = [(i.name, i.value, i.unit_label) for i in data.indicators]
    out: list[Flowable] = [para(L["s2_2"], "subheading"),
                           para(sentences.indicators_sentence(values, data.language))]
    if any(i.value for i in data.indicators):
        rows = [[str(k), i.name, i.unit_label, format_number(i.value)]
                for k, i in enumerate(data.indicators, 1)]
        table = data_table([L["col_no"], L["col_item"], L["col_unit_label"], L["col_value"]], rows,
                           [12 * mm, BODY_W - 66 * mm, 30 * mm, 24 * mm], numeric_from=3)
        # a caption never ends a page alone (the indicator list is short enough to keep whole)
        out += [KeepTogether([_caption(n, "t_indicators", L), table]), Spacer(1, 4)]
    return out


def supervision(data: ReportData, n: _Counter) -> list[Flowable]:
    L = labels(data.language)
    f = data.figures
    out: list[Flowable] = [para(L["s2_3"], "subheading"),
                           para(sentences.supervision_sentence(f, data.language))]
    if f.supervisions > 0:
        names = FIELDS_EN if data.language == "en" else FIELDS
        codes = [c for c in names if f.supervisions_by_field.get(c)]
        codes += sorted(c for c in f.supervisions_by_field if c not in names)
        rows = [[str(i), cap(names.get(c, c)), format_int(f.supervisions_by_field[c])]
                for i, c in enumerate(codes, 1)]
        rows.append(["", L["total"], format_int(f.supervisions)])
        out += [KeepTogether([_caption(n, "t_supervision", L),
                              data_table([L["col_no"], L["col_field"], L["col_supervisions"]], rows,
                                         [12 * mm, BODY_W - 42 * mm, 30 * mm], numeric_from=2,
                                         total_row=True)]),
                Spacer(1, 4)]
    return out


def reporting_status(data: ConsolidatedData) -> list[Flowable]:
    L = labels(data.language)
    names = {s: [u.unit_name for u in data.units_with(s)] for s in ("on_time", "late", "missing")}
    return [para(L["s2_4"], "subheading")] + [
        para(s) for s in sentences.status_sentences(names["on_time"], names["late"],
                                                    names["missing"], data.language)]


def _narrative(data: ReportData, key: str) -> list[Flowable]:
    text = data.narrative.get(key, "").strip()
    return paras(text) if text else [para(labels(data.language)["none_text"])]


def sections(data: ReportData) -> list[Flowable]:
    L = labels(data.language)
    n = _Counter()
    basis = data.basis or L["basis"].format(
        docs=data.subject_text, unit=data.unit_name, label=data.period_label,
        start=format_date(data.period_start), end=format_date(data.period_end))
    out: list[Flowable] = [para(basis), para(L["s1"], "heading")]
    members = sentences.members_sentence(data.profile, data.language)
    out += ([para(members)] if members else []) + (
        paras(data.narrative["dac-diem"]) if data.narrative.get("dac-diem", "").strip() else [])
    out += [para(L["s2"], "heading")]
    if data.narrative.get("ket-qua", "").strip():
        out += paras(data.narrative["ket-qua"])
    out += dissemination(data, n) + mobilisation(data, n) + supervision(data, n)
    if isinstance(data, ConsolidatedData):
        out += reporting_status(data)
    out += [para(L["s3"], "heading"), para(L["s3_1"], "subheading"), *_narrative(data, "ton-tai"),
            para(L["s3_2"], "subheading"), *_narrative(data, "nguyen-nhan"),
            para(L["s4"], "heading"), *_narrative(data, "phuong-huong"),
            para(L["s5"], "heading"), *_narrative(data, "de-xuat")]
    return out


def signature(data: ReportData) -> list[Flowable]:
    """The closing sentence, "Nơi nhận" (left) and the signature block (right), kept together;
    the signing key's fingerprint under the signer's name when there is one."""
    L = labels(data.language)
    p = data.profile
    items = data.recipients or []
    left = [para(L["recipients"], "recipients_head")]
    left += [para(f"- {r}", "recipients") for r in items]
    right = [para(p.signature_on_behalf.upper(), "sign")] if p.signature_on_behalf else []
    right += [para(p.signature_title.upper(), "sign")] if p.signature_title else []
    right += [Spacer(1, 26 * mm)]
    right += [para(p.signer_name, "sign")] if p.signer_name else [Spacer(1, 16)]
    if data.key_fingerprint:
        right += [Spacer(1, 3), para(L["fingerprint"].format(fp=data.key_fingerprint),
                                     "fingerprint")]
    t = Table([[left, right]], colWidths=[BODY_W * 0.5, BODY_W * 0.5])
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 13),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    closing = para(L["closing"].format(label=data.period_label, unit=data.unit_name))
    return [KeepTogether([closing, Spacer(1, 2 * mm), t])]


def body(data: ReportData) -> list[Flowable]:
    """Everything before the appendix."""
    return header(data) + title(data) + sections(data) + signature(data)

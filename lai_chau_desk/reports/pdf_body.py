"""The first part of the report: header blocks, title, sections, figure tables, chart, the
"Nơi nhận" and signature blocks. Imports ReportLab (import lazily)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from ..domain.figures import PeriodFigures
from ..domain.supervision import FIELDS, FIELDS_EN
from ..i18n import format_int, format_number
from . import sentences
from .chart import participants_chart
from .fonts import BOLD, REGULAR
from .header_fit import fit_header, keep_place_names
from .labels import dissemination_rows, labels
from .model import ConsolidatedData, ReportData, appendix_number
from .pdf_kit import BODY_W, STYLES, Rule, cap, data_table, para, para_style, paras, sized

LEFT_COL = 72 * mm


class _Counter:
    def __init__(self) -> None:
        self.n = 0

    def next(self) -> int:
        self.n += 1
        return self.n


def _header_lines(
    text: str, font: str, style: str, prefer_abbreviation: bool
) -> tuple[list[Flowable], list[str], float]:
    """One paragraph per line of a header name broken at chosen points (never inside a place
    name, see :mod:`.header_fit`), at the size that fits."""
    lines, size = fit_header(
        text,
        LEFT_COL - 6,
        lambda t, z: stringWidth(t, font, z),
        prefer_abbreviation=prefer_abbreviation,
    )
    st = sized(style, size)
    return [para_style(line, st) for line in lines], lines, size


def header(data: ReportData) -> list[Flowable]:
    """Issuing body (left, with a short rule) beside the national title and motto (right), then
    the number line and the italic place-and-date line."""
    L = labels(data.language)
    p = data.profile
    right_w = BODY_W - LEFT_COL
    issuing = (p.issuing_body or data.unit_name).upper()
    left: list[Flowable] = []
    if p.parent_body:
        left += _header_lines(p.parent_body.upper(), REGULAR, "head_regular", True)[0]
    flows, lines, size = _header_lines(issuing, BOLD, "head_bold", False)
    widest = max(stringWidth(line, BOLD, size) for line in lines)
    left += flows + [Rule(max(widest * 0.4, 20 * mm))]
    right = [
        para(L["nation"], "nation"),
        para(L["motto"], "motto"),
        Rule(stringWidth(L["motto"], BOLD, 13)),
    ]
    number = para(L["number"].format(number=data.doc_number), "number")
    dateline = para(
        sentences.date_line(data.place_name, data.issue_date, data.language), "dateline"
    )
    t = Table([[left, right], [number, dateline]], colWidths=[LEFT_COL, right_w])
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 13),  # else ReportLab selects Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 6),
            ]
        )
    )
    return [t]


def title(data: ReportData) -> list[Flowable]:
    """ "BÁO CÁO", the summary line (trích yếu) and the period, then a rule 40 % of the widest
    summary line, kept within 1/3–1/2 of it (Decree 30/2020)."""
    L = labels(data.language)
    key = "summary_consolidated" if isinstance(data, ConsolidatedData) else "summary"
    label = data.period_label[:1].upper() + data.period_label[1:]
    period = L["period_line"].format(
        label=label,
        start=sentences.body_date(data.period_start),
        end=sentences.body_date(data.period_end),
    )
    summary = L[key].format(docs=data.subject_text)
    st = STYLES["summary"]
    widest = max(
        stringWidth(line, st.fontName, st.fontSize)
        for line in simpleSplit(summary, st.fontName, st.fontSize, BODY_W) + [period]
    )
    shown = keep_place_names(summary)
    kept = [*data.directives.values(), *data.directive_issuers.values()]
    for label in sorted({k for k in kept if k}, key=len, reverse=True):
        shown = shown.replace(label, label.replace(" ", "\u00a0"))  # "Kế / hoạch" never
    return [
        Spacer(1, 10 * mm),
        para(L["title"], "title"),
        para(shown, "summary"),
        para(period, "summary"),
        Spacer(1, 1.5 * mm),
        Rule(widest * 0.4),
        Spacer(1, 5 * mm),
    ]


def _figures_table(f: PeriodFigures, L: dict[str, str]) -> Flowable:
    rows = [[n, L[f"row_{name}"], format_int(getattr(f, name))] for n, name in dissemination_rows()]
    return data_table(
        [L["col_no"], L["col_item"], L["col_value"]],
        rows,
        [12 * mm, BODY_W - 42 * mm, 30 * mm],
        numeric_from=2,
    )


def _directives_table(data: ReportData, L: dict[str, str]) -> Flowable | None:
    f = data.figures
    codes = [c for c in data.directives if f.sessions_by_directive.get(c)]
    codes += sorted(c for c in f.sessions_by_directive if c not in data.directives)
    if not codes:
        return None
    rows = [
        [
            str(i),
            data.directives.get(c, c),
            format_int(f.sessions_by_directive.get(c, 0)),
            format_int(f.participants_by_directive.get(c, 0)),
        ]
        for i, c in enumerate(codes, 1)
    ]
    return data_table(
        [L["col_no"], L["col_directive"], L["col_sessions"], L["col_participants"]],
        rows,
        [12 * mm, BODY_W - 62 * mm, 24 * mm, 26 * mm],
        numeric_from=2,
    )


def _caption(n: _Counter, title_key: str, L: dict[str, str]) -> Flowable:
    return para(L["table"].format(n=n.next(), title=L[title_key]), "caption")


def dissemination(data: ReportData, n: _Counter) -> list[Flowable]:
    L = labels(data.language)
    f = data.figures
    subject = data.committee
    if isinstance(data, ConsolidatedData):
        subject = data.tree_subject if data.language != "en" else "the unions"
    out: list[Flowable] = [
        para(L["s2_1"], "subheading"),
        para(
            sentences.dissemination_sentence(
                f, data.directives, data.language, subject, data.when, data.directive_issuers
            )
        ),
    ]
    if isinstance(data, ConsolidatedData) and data.own_figures is not None:
        out.append(
            para(
                sentences.own_dissemination_sentence(
                    data.own_figures, data.committee, data.language
                )
            )
        )
    if f.sessions > 0:
        out += [KeepTogether([_caption(n, "t_figures", L), _figures_table(f, L)]), Spacer(1, 4)]
        table = _directives_table(data, L)
        if table is not None:
            out += [KeepTogether([_caption(n, "t_directives", L), table]), Spacer(1, 4)]
        drawing = participants_chart(
            f.participants_by_directive, list(data.directives), BODY_W, 62 * mm
        )
        if drawing is not None:
            out += [KeepTogether([drawing, para(L["chart"], "caption")])]
    return out


def mobilisation(data: ReportData, n: _Counter) -> list[Flowable]:
    L = labels(data.language)
    values = [(i.name, i.value, i.unit_label) for i in data.indicators]
    who = data.tree_subject if isinstance(data, ConsolidatedData) else "đơn vị"
    out: list[Flowable] = [
        para(L["s2_2"], "subheading"),
        para(sentences.indicators_sentence(values, data.language, data.when, who)),
    ]
    if any(i.value for i in data.indicators):
        rows = [
            [
                str(k),
                i.name
                + (
                    L["stock_mark"].format(end=sentences.body_date(data.period_end))
                    if data.annual and i.kind == "stock"
                    else ""
                ),
                i.unit_label,
                format_number(i.value),
            ]
            for k, i in enumerate([i for i in data.indicators if i.value], 1)
        ]
        table = data_table(
            [L["col_no"], L["col_item"], L["col_unit_label"], L["col_value"]],
            rows,
            [12 * mm, BODY_W - 66 * mm, 30 * mm, 24 * mm],
            numeric_from=3,
        )
        # a caption never ends a page alone (the indicator list is short enough to keep whole)
        out += [KeepTogether([_caption(n, "t_indicators", L), table]), Spacer(1, 4)]
    return out


def _recommendation_lines(data: ReportData) -> list[Flowable]:
    """The recommendations' own words, each with its follow-up."""
    from ..domain.supervision import STATUSES, STATUSES_EN

    names = STATUSES_EN if data.language == "en" else STATUSES
    items = [(t, st) for sl in data.supervisions for t, st in sl.recommendation_texts if t.strip()]
    if not items:
        return []
    out: list[Flowable] = [para(labels(data.language)["recommendations_list"])]
    out += [para(f"- {t.strip().rstrip('.;')} ({names.get(st, st)}).", "bullet") for t, st in items]
    return out


def supervision(data: ReportData, n: _Counter) -> list[Flowable]:
    L = labels(data.language)
    f = data.figures
    subject = data.tree_subject if isinstance(data, ConsolidatedData) else data.committee
    out: list[Flowable] = [
        para(L["s2_3"], "subheading"),
        para(sentences.supervision_sentence(f, data.language, subject, data.when)),
    ]
    if (
        isinstance(data, ConsolidatedData)
        and data.own_figures is not None
        and data.own_figures.supervisions
        and data.language != "en"
    ):
        out.append(
            para(
                sentences.supervision_sentence(
                    data.own_figures, data.language, data.committee, "Riêng cấp mình"
                ).replace("Riêng cấp mình, ", "Riêng ")
            )
        )
    out += _recommendation_lines(data)
    if f.supervisions > 0:
        names = FIELDS_EN if data.language == "en" else FIELDS
        codes = [c for c in names if f.supervisions_by_field.get(c)]
        codes += sorted(c for c in f.supervisions_by_field if c not in names)
        rows = [
            [str(i), cap(names.get(c, c)), format_int(f.supervisions_by_field[c])]
            for i, c in enumerate(codes, 1)
        ]
        rows.append(["", L["total"], format_int(f.supervisions)])
        out += [
            KeepTogether(
                [
                    _caption(n, "t_supervision", L),
                    data_table(
                        [L["col_no"], L["col_field"], L["col_supervisions"]],
                        rows,
                        [12 * mm, BODY_W - 42 * mm, 30 * mm],
                        numeric_from=2,
                        total_row=True,
                    ),
                ]
            ),
            Spacer(1, 4),
        ]
    return out


def reporting_status(data: ConsolidatedData) -> list[Flowable]:
    """The opening paragraph of section II at an upper level: who reported, on time or late,
    who did not (listed in an appendix)."""
    if data.language == "en":
        names = {
            s: [u.unit_name for u in data.units_with(s)] for s in ("on_time", "late", "missing")
        }
        return [
            para(s)
            for s in sentences.status_sentences(
                names["on_time"], names["late"], names["missing"], "en"
            )
        ]
    counts = {s: len(data.units_with(s)) for s in ("on_time", "late", "missing")}
    return [
        para(
            sentences.reporting_sentence(
                counts["on_time"],
                counts["late"],
                counts["missing"],
                data.unit_noun,
                data.when,
                appendix_number(data, "app_late"),
                data.reports_below,
            )
        )
    ]


def _narrative(data: ReportData, key: str) -> list[Flowable]:
    text = data.narrative.get(key, "").strip() or data.suggestions.get(key, "").strip()
    return paras(text) if text else [para(labels(data.language)["none_text"])]


def sections(data: ReportData) -> list[Flowable]:
    L = labels(data.language)
    n = _Counter()
    # the federation that issued the reporting letter (356/LĐLĐ) cites the plans it carries out
    basis = data.basis or L["basis_own" if data.issued_the_letter else "basis"].format(
        docs=data.subject_text,
        unit=data.unit_name,
        label=data.period_label,
        start=sentences.body_date(data.period_start),
        end=sentences.body_date(data.period_end),
    )
    out: list[Flowable] = [para(basis), para(L["s1"], "heading")]
    members = data.members_text or sentences.members_sentence(data.profile, data.language)
    out += [para(members)] if members else []
    situation = data.narrative.get("dac-diem", "").strip()
    if situation:
        out += paras(situation)
    elif data.suggestions.get("dac-diem"):
        out += paras(data.suggestions["dac-diem"])
    out += [para(L["s2"], "heading")]
    if isinstance(data, ConsolidatedData):
        out += reporting_status(data)
    if data.narrative.get("ket-qua", "").strip():
        out += paras(data.narrative["ket-qua"])
    out += dissemination(data, n) + mobilisation(data, n) + supervision(data, n)
    out += [
        para(L["s3"], "heading"),
        para(L["s3_1"], "subheading"),
        *_narrative(data, "ton-tai"),
        para(L["s3_2"], "subheading"),
        *_narrative(data, "nguyen-nhan"),
        para(L["s4"], "heading"),
        *_narrative(data, "phuong-huong"),
        para(L["s5"], "heading"),
        *_narrative(data, "de-xuat"),
    ]
    return out


def _one_line(text: str, style: str, width: float) -> Flowable:
    """A line that never wraps: the size shrinks until it fits ``width``."""
    st = STYLES[style]
    size = st.fontSize
    while size > 6 and stringWidth(text, st.fontName, size) > width:
        size -= 0.25
    return para_style(text, sized(style, size))


def _paper_block(code: str, width: float) -> Flowable:
    """The QR code of the paper code with the code typed beside it (reports.paper_code)."""
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    side = 18 * mm
    widget = QrCodeWidget(code, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(side, side, transform=[side / (x1 - x0), 0, 0, side / (y1 - y0), 0, 0])
    drawing.add(widget)
    text = [
        para_style(
            "Mã đối chiếu bản giấy với tệp (gõ hoặc quét khi nhận tệp):", sized("paper_label", 8)
        ),
        _one_line(code, "paper_code", width - side - 8),
    ]
    t = Table([[drawing, text]], colWidths=[side + 4, width - side - 4], hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONT", (0, 0), (-1, -1), REGULAR, 9),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return t


def signature(data: ReportData) -> list[Flowable]:
    """The closing sentence, "Nơi nhận" (left) and the signature block (right), kept together;
    the signing key's fingerprint (one line) under the signer's name, and the paper code with
    its QR code under the block when there is one."""
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
        right += [
            Spacer(1, 3),
            _one_line(
                L["fingerprint"].format(fp=data.key_fingerprint), "fingerprint", BODY_W * 0.5
            ),
        ]
    t = Table([[left, right]], colWidths=[BODY_W * 0.5, BODY_W * 0.5])
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 13),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    key = "closing_consolidated" if isinstance(data, ConsolidatedData) else "closing"
    closing = para(L[key].format(label=data.period_label, unit=data.unit_name))
    block: list[Flowable] = [closing, Spacer(1, 2 * mm), t]
    if data.paper_code:
        block += [Spacer(1, 4 * mm), _paper_block(data.paper_code, BODY_W * 0.62)]
    return [KeepTogether(block)]


def body(data: ReportData) -> list[Flowable]:
    """Everything before the appendix."""
    return header(data) + title(data) + sections(data) + signature(data)

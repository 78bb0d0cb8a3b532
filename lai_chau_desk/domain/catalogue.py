"""The directive catalogue: documents to disseminate, their tasks, and mobilisation indicators."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from .errors import Problems
from .text import clean_text


@dataclass
class DirectiveTask:
    """A task of a directive, e.g. 334-KH/TU II.3.a "Lĩnh vực sản xuất nông nghiệp…"."""

    code: str
    title: str
    parent_code: str | None = None
    sort_order: int = 0
    id: uuid.UUID = field(default_factory=uuid.uuid4)


@dataclass
class Directive:
    """A document to disseminate, known by number and symbol (``50-KL/TW``)."""

    code: str
    number: str
    symbol: str
    title: str
    kind: str = ""
    issued_on: date | None = None
    issuer: str = ""
    sort_order: int = 0
    tasks: list[DirectiveTask] = field(default_factory=list)
    id: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def label(self) -> str:
        """How reports name the document: "Kết luận số 50-KL/TW"."""
        return f"{self.kind} số {self.code}".strip() if self.kind else f"Văn bản số {self.code}"


FLOW = "flow"  # counted per period and summed over a year (initiatives recognised)
STOCK = "stock"  # a level at a moment; a year takes its year-end value (clubs in operation)
INDICATOR_KINDS = (FLOW, STOCK)


@dataclass
class Indicator:
    """A mobilisation figure counted per period (vận động, phong trào). ``kind`` says how a
    longer period adds it up: a flow is summed, a stock takes the value at the period's end."""

    code: str
    name: str
    unit_label: str = ""
    directive_code: str | None = None
    sort_order: int = 0
    kind: str = FLOW
    id: uuid.UUID = field(default_factory=uuid.uuid4)


def indicator_kind(text: str | None) -> str:
    """A stored or received kind read leniently: anything but ``stock`` is a flow (older
    catalogues and packages carry no kind)."""
    return STOCK if (text or "").strip().lower() == STOCK else FLOW


def combine_indicator_values(
    kinds: dict[str, str], parts: list[dict[str, float]]
) -> dict[str, float]:
    """The values of a longer period from those of its parts, oldest part first: flows summed,
    stocks the value of the latest part that has one. Codes without a kind are flows."""
    out: dict[str, float] = {}
    for values in parts:
        for code, value in values.items():
            if kinds.get(code, FLOW) == STOCK:
                out[code] = value
            else:
                out[code] = out.get(code, 0) + value
    return out


@dataclass
class IndicatorValue:
    """The value of one indicator for one unit and period."""

    indicator_code: str
    period_code: str
    value: float
    note: str = ""


def validate_directive(d: Directive) -> Directive:
    d.code = clean_text(d.code)
    d.number = clean_text(d.number)
    d.symbol = clean_text(d.symbol)
    d.title = clean_text(d.title)
    d.kind = clean_text(d.kind)
    d.issuer = clean_text(d.issuer)
    p = Problems()
    if not d.code:
        p.add("code", "Số, ký hiệu văn bản không được để trống.")
    if not d.title:
        p.add("title", "Trích yếu văn bản không được để trống.")
    seen: set[str] = set()
    for t in d.tasks:
        t.code = clean_text(t.code)
        t.title = clean_text(t.title)
        if not t.code or not t.title:
            p.add("tasks", "Mỗi nhiệm vụ cần có mã và nội dung.")
        if t.code in seen:
            p.add("tasks", f"Mã nhiệm vụ «{t.code}» bị trùng.")
        seen.add(t.code)
    p.raise_if_any()
    return d


def validate_indicator_value(v: IndicatorValue) -> IndicatorValue:
    p = Problems()
    if v.value < 0:
        p.add("value", "Giá trị chỉ tiêu không được âm.")
    if v.value > 10_000_000:
        p.add("value", "Giá trị chỉ tiêu quá lớn.")
    v.note = clean_text(v.note)
    p.raise_if_any()
    return v

"""Plain results of the exchange services: what the CLI prints and the GUI shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain.figures import PeriodFigures
from ..exchange.errors import PackageError, printable


class ImportRefused(PackageError):
    """A verified package that this installation will not take (outside the tree, stale,
    changed key…). Nothing is changed."""


@dataclass
class ExportResult:
    """A package written by this installation."""

    data: bytes
    kind: str
    unit: str
    period: str | None
    revision: int
    package_id: str
    payload_sha256: str
    new_revision: bool
    fingerprint: str
    path: Path | None = None
    children: list[str] = field(default_factory=list)
    plan: Any = None  # ExportPlan of a report export: what it included and left out


@dataclass(frozen=True)
class FirstKey:
    """A unit's key seen for the first time (to compare with the paper report)."""

    unit: str
    name: str
    fingerprint: str


@dataclass(frozen=True)
class ChangedKey:
    """A unit's key changed with the officer's acceptance."""

    unit: str
    name: str
    old: str
    new: str


@dataclass
class ImportOutcome:
    """What importing (or previewing) one file does: ``new``, ``replaced``, ``unchanged`` or
    ``refused`` with the reason. The GUI shows these as the dry-run preview."""

    file: str
    outcome: str
    reason: str = ""
    code: str = ""
    kind: str = ""
    unit: str = ""
    unit_name: str = ""
    parent: str | None = None
    period: str | None = None
    revision: int = 0
    previous_revision: int | None = None
    fingerprint: str = ""
    key_status: str = ""  # new | known | accepted | parent-confirmed
    first_keys: list[FirstKey] = field(default_factory=list)
    changed_keys: list[ChangedKey] = field(default_factory=list)
    new_child: bool = False
    embedded: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    created_at: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "outcome": self.outcome, "reason": self.reason}

    @property
    def shown_file(self) -> str:
        """The file's name as it may be echoed to a terminal: a name that holds control
        characters (an ANSI escape) shows them escaped, never raw."""
        return printable(self.file)

    @property
    def shown_name(self) -> str:
        """The file's own name (no folder) as a window shows it: hidden characters (a
        right-to-left override that would draw «gpj.lcdx» as «xdcl.jpg»…) shown escaped."""
        return printable(Path(self.file).name)

    def key_notes(self) -> list[str]:
        """What the preview says about keys, one line each (CLI and intake screen)."""
        out = [
            f"Khóa ký lần đầu của «{k.unit}» ({k.name}): {k.fingerprint} — hãy đối "
            "chiếu với dấu vân tay in trên báo cáo giấy."
            for k in self.first_keys
        ]
        out += [
            f"Khóa ký của «{k.unit}» ({k.name}) đổi từ {k.old} sang {k.new} (đã được chấp nhận)."
            for k in self.changed_keys
        ]
        return out


@dataclass
class VerifyReport:
    """``verify FILE``: the manifest summary and the package's own figures."""

    file: str
    valid: bool
    reason: str = ""
    kind: str | None = None
    unit: str | None = None
    unit_name: str | None = None
    parent: str | None = None
    period: str | None = None
    revision: int | None = None
    created_at: str | None = None
    fingerprint: str | None = None
    figures: dict[str, int] = field(default_factory=dict)
    embedded: list[str] = field(default_factory=list)
    has_pdf: bool = False
    code_matches: bool | None = None  # None: no paper code was given
    code: str = ""  # the refusal code (docs/lcdx-format.md §10) when not valid

    def to_json(self) -> dict[str, Any]:
        out = {
            "file": self.file,
            "unit": self.unit,
            "parent": self.parent,
            "period": self.period,
            "revision": self.revision,
            "kind": self.kind,
            "valid": self.valid,
            "reason": self.reason,
            "unit_name": self.unit_name,
            "created_at": self.created_at,
            "fingerprint": self.fingerprint,
            "embedded": self.embedded,
            "has_pdf": self.has_pdf,
            "figures": self.figures,
        }
        if self.code_matches is not None:
            out["code_matches"] = self.code_matches
        return out


@dataclass
class UnitStatus:
    """One expected unit in the completeness matrix."""

    code: str
    name: str
    timeliness: str  # on_time | late | missing
    revision: int | None = None
    created_at: str | None = None
    imported_at: str | None = None
    review: str | None = None  # pending | accepted | returned
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class CompletenessStatus:
    """Expected units (children active in the period) against the reports held."""

    period: str
    due: str
    expected: list[str]
    on_time: list[str]
    late: list[str]
    missing: list[str]
    units: list[UnitStatus]

    def to_json(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "due": self.due,
            "expected": self.expected,
            "on_time": self.on_time,
            "late": self.late,
            "missing": self.missing,
        }


@dataclass
class SubtreeTotals:
    """The own unit's figures and those of its whole subtree (own + every report held below)."""

    period: str
    own: dict[str, int]
    subtree: dict[str, int]
    units_reported: int
    by_unit: dict[str, dict[str, int]]


@dataclass
class SentReportStatus:
    """A report this unit sent upward and what the level above decided."""

    period: str
    revision: int
    created_at: str
    status: str  # sent | accepted | returned
    comment: str = ""
    decided_at: str | None = None
    package_id: str = ""


@dataclass
class ReviewResult:
    unit: str
    period: str
    decision: str
    comment: str
    receipt: ExportResult


@dataclass
class SimulateResult:
    files: list[Path]
    units: list[str]
    sessions: int


@dataclass(frozen=True)
class PinnedKey:
    """A unit key pinned here (current or retired), for the officer to compare by phone."""

    unit: str
    fingerprint: str
    how: str  # first-import | embedded | accepted | parent-confirmed | …
    pinned_at: str
    retired_at: str | None


@dataclass(frozen=True)
class ReceivedPackage:
    """One package held (current or history)."""

    id: str
    kind: str
    unit: str
    unit_name: str
    period: str | None
    revision: int
    status: str  # current | superseded
    review: str  # pending | accepted | returned
    comment: str
    created_at: str  # as signed, with the sender's UTC offset
    imported_at: str
    fingerprint: str
    embedded: bool  # arrived inside a consolidated package


@dataclass(frozen=True)
class CarriedSession:
    """A session a report carries: headcounts only, no names travel."""

    id: str
    held_on: str | None
    title: str
    form: str
    directives: list[str]
    participants: int
    female: int


@dataclass(frozen=True)
class ReportDetail:
    """The report held for a unit and period, as the drill-down shows it. A report that came
    inside a consolidated package has its narrative and sessions only when it came from a
    direct child of the unit that carried it; otherwise its signed figures."""

    unit: str
    unit_name: str
    period: str
    revision: int
    created_at: str  # the manifest's signed ``created_at``
    fingerprint: str
    has_pdf: bool
    figures: PeriodFigures  # what the report states
    stored_figures: PeriodFigures | None  # what the import stored for the unit and period
    narrative: dict[str, str]
    sessions: list[CarriedSession]

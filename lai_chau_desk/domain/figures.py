"""The figures of one unit for one period: what dashboards, reports and packages print.

Every figure is declared once here, in :data:`FIGURES`: its name, its kind (a count, a map of
counts, a map of indicator values, or a roster figure that is not additive) and whether it
travels in a package's signed manifest and belongs to ``totals --json``. The dataclass, its
``to_dict``, :func:`sum_figures`, the package's manifest figures and the columns of the
``received_figures`` table are all derived from it (``tests/domain/test_figures_declaration.py``
fails when any list disagrees).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

COUNT = "count"  # an additive integer
COUNT_MAP = "count_map"  # an additive mapping code -> integer
VALUE_MAP = "value_map"  # an additive mapping indicator code -> number (stock indicators aside)
ROSTER = "roster"  # an integer that is not additive (the roster share)


@dataclass(frozen=True)
class Figure:
    name: str
    kind: str
    in_totals: bool = False  # a key of ``totals --json`` (DESIGN §9: a stable contract)
    in_manifest: bool = True  # signed in the manifest of a format-2 report package


FIGURES: tuple[Figure, ...] = (
    Figure("sessions", COUNT, in_totals=True),
    Figure("participants", COUNT, in_totals=True),
    Figure("union_members", COUNT, in_totals=True),
    Figure("female", COUNT, in_totals=True),
    Figure("ethnic_minority", COUNT, in_totals=True),
    Figure("materials", COUNT),
    # Sessions held with interpretation into an ethnic-minority language.
    Figure("sessions_interpreted", COUNT, in_totals=True),
    Figure("supervisions", COUNT, in_totals=True),
    Figure("recommendations", COUNT, in_totals=True),
    Figure("sessions_by_form", COUNT_MAP),
    Figure("sessions_by_directive", COUNT_MAP),
    Figure("participants_by_directive", COUNT_MAP),
    Figure("sessions_by_month", COUNT_MAP),  # "2026-03" -> n
    Figure("participants_by_month", COUNT_MAP),
    Figure("supervisions_by_field", COUNT_MAP),
    Figure("supervisions_by_role", COUNT_MAP),
    Figure("recommendations_by_status", COUNT_MAP),
    Figure("indicators", VALUE_MAP),
    Figure("roster_members", ROSTER, in_manifest=False),  # active union members on the roster
    Figure("roster_reached", ROSTER, in_manifest=False),  # of whom attended at least once
)

COUNTS: tuple[str, ...] = tuple(f.name for f in FIGURES if f.kind == COUNT)
COUNT_MAPS: tuple[str, ...] = tuple(f.name for f in FIGURES if f.kind == COUNT_MAP)
VALUE_MAPS: tuple[str, ...] = tuple(f.name for f in FIGURES if f.kind == VALUE_MAP)
BREAKDOWNS: tuple[str, ...] = COUNT_MAPS + VALUE_MAPS
ROSTER_FIGURES: tuple[str, ...] = tuple(f.name for f in FIGURES if f.kind == ROSTER)
MANIFEST_FIGURES: tuple[str, ...] = tuple(f.name for f in FIGURES if f.in_manifest)
# Keys of ``totals --json`` and of a package's ``counts``: a stable contract.
COUNT_KEYS: tuple[str, ...] = tuple(f.name for f in FIGURES if f.in_totals)


@dataclass
class PeriodFigures:
    """Counts over a unit's sessions and supervisions in a period. Plain data, no behaviour
    beyond summing, so it can cross every layer and go into a package unchanged. Its fields
    after ``unit`` and ``period`` are :data:`FIGURES`, in that order (a test checks it)."""

    unit: str
    period: str
    sessions: int = 0
    participants: int = 0
    union_members: int = 0
    female: int = 0
    ethnic_minority: int = 0
    materials: int = 0
    sessions_interpreted: int = 0
    supervisions: int = 0
    recommendations: int = 0
    sessions_by_form: dict[str, int] = field(default_factory=dict)
    sessions_by_directive: dict[str, int] = field(default_factory=dict)
    participants_by_directive: dict[str, int] = field(default_factory=dict)
    sessions_by_month: dict[str, int] = field(default_factory=dict)
    participants_by_month: dict[str, int] = field(default_factory=dict)
    supervisions_by_field: dict[str, int] = field(default_factory=dict)
    supervisions_by_role: dict[str, int] = field(default_factory=dict)
    recommendations_by_status: dict[str, int] = field(default_factory=dict)
    indicators: dict[str, float] = field(default_factory=dict)
    roster_members: int = 0
    roster_reached: int = 0

    @property
    def roster_reach(self) -> float | None:
        """Share of the roster's union members reached at least once, or None without a roster."""
        if self.roster_members <= 0:
            return None
        return self.roster_reached / self.roster_members

    def counts(self) -> dict[str, int]:
        """The ``totals --json`` figures."""
        return {k: getattr(self, k) for k in COUNT_KEYS}

    def all_counts(self) -> dict[str, int]:
        """Every additive count (:data:`COUNTS`, ``materials`` included)."""
        return {k: getattr(self, k) for k in COUNTS}

    def to_dict(self) -> dict:
        """A JSON-ready dictionary with sorted keys in every mapping (deterministic output)."""
        out: dict = {"unit": self.unit, "period": self.period}
        for f in FIGURES:
            value = getattr(self, f.name)
            out[f.name] = dict(sorted(value.items())) if isinstance(value, dict) else value
        return out

    def manifest_figures(self) -> dict:
        """What a format-2 report's signed manifest carries (see :func:`manifest_figures`)."""
        return manifest_figures(self.to_dict())

    @classmethod
    def from_dict(cls, data: dict) -> PeriodFigures:
        known = {"unit", "period", *(f.name for f in FIGURES)}
        return cls(**{k: v for k, v in data.items() if k in known})


def manifest_figures(figures: dict) -> dict:
    """The projection of a payload's ``figures`` that a report's manifest signs: every
    declared figure with ``in_manifest`` (the additive ones), mappings sorted by key."""
    out: dict = {}
    for name in MANIFEST_FIGURES:
        value = figures.get(name, {} if name in BREAKDOWNS else 0)
        out[name] = dict(sorted(value.items())) if isinstance(value, dict) else value
    return out


def add_into(total: dict, part: dict) -> None:
    """Add the additive figures of ``part`` into ``total`` (both plain dictionaries)."""
    for name in COUNTS:
        total[name] = total.get(name, 0) + part.get(name, 0)
    for name in BREAKDOWNS:
        c: Counter = Counter(total.get(name, {}))
        c.update(part.get(name, {}))
        total[name] = dict(c)


def sum_figures(unit: str, period: str, parts: list[PeriodFigures]) -> PeriodFigures:
    """Add several units' figures into one (the roster share is not additive and is dropped)."""
    total: dict = {}
    for f in parts:
        add_into(total, f.to_dict())
    return PeriodFigures.from_dict({"unit": unit, "period": period, **total})

"""The figures of one unit for one period: what dashboards, reports and packages print.

Every figure is declared once here, as a field of :class:`PeriodFigures` made by :func:`count`,
:func:`count_map`, :func:`value_map` or :func:`roster`: its name, its kind (a count, a map of
counts, a map of indicator values, or a roster figure that is not additive) and whether it
travels in a package's signed manifest and belongs to ``totals --json``. :data:`FIGURES` is
read from those fields; ``to_dict``, :func:`sum_figures`, the package's manifest figures, the
package schemas' figure fields and the columns of the ``received_figures`` table are all
derived from it (``tests/domain/test_figures_declaration.py`` fails when any list disagrees).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields

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


def count(*, in_totals: bool = False) -> int:
    """An additive integer figure; ``in_totals``: a key of ``totals --json``."""
    return field(default=0, metadata={"figure": (COUNT, in_totals, True)})


def count_map() -> dict[str, int]:
    """An additive mapping code -> integer."""
    return field(default_factory=dict, metadata={"figure": (COUNT_MAP, False, True)})


def value_map() -> dict[str, float]:
    """An additive mapping indicator code -> number."""
    return field(default_factory=dict, metadata={"figure": (VALUE_MAP, False, True)})


def roster() -> int:
    """A roster figure: not additive, not in the manifest."""
    return field(default=0, metadata={"figure": (ROSTER, False, False)})


@dataclass
class PeriodFigures:
    """Counts over a unit's sessions and supervisions in a period. Plain data, no behaviour
    beyond summing, so it can cross every layer and go into a package unchanged. Its fields
    after ``unit`` and ``period`` are the declaration: :data:`FIGURES` is read from them."""

    unit: str
    period: str
    sessions: int = count(in_totals=True)
    participants: int = count(in_totals=True)
    union_members: int = count(in_totals=True)
    female: int = count(in_totals=True)
    ethnic_minority: int = count(in_totals=True)
    materials: int = count()
    # Sessions held with interpretation into an ethnic-minority language.
    sessions_interpreted: int = count(in_totals=True)
    supervisions: int = count(in_totals=True)
    recommendations: int = count(in_totals=True)
    sessions_by_form: dict[str, int] = count_map()
    sessions_by_directive: dict[str, int] = count_map()
    participants_by_directive: dict[str, int] = count_map()
    sessions_by_month: dict[str, int] = count_map()  # "2026-03" -> n
    participants_by_month: dict[str, int] = count_map()
    supervisions_by_field: dict[str, int] = count_map()
    supervisions_by_role: dict[str, int] = count_map()
    recommendations_by_status: dict[str, int] = count_map()
    indicators: dict[str, float] = value_map()
    roster_members: int = roster()  # active union members on the roster
    roster_reached: int = roster()  # of whom attended at least once

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


FIGURES: tuple[Figure, ...] = tuple(
    Figure(f.name, *f.metadata["figure"]) for f in fields(PeriodFigures) if "figure" in f.metadata
)
COUNTS: tuple[str, ...] = tuple(f.name for f in FIGURES if f.kind == COUNT)
COUNT_MAPS: tuple[str, ...] = tuple(f.name for f in FIGURES if f.kind == COUNT_MAP)
VALUE_MAPS: tuple[str, ...] = tuple(f.name for f in FIGURES if f.kind == VALUE_MAP)
BREAKDOWNS: tuple[str, ...] = COUNT_MAPS + VALUE_MAPS
ROSTER_FIGURES: tuple[str, ...] = tuple(f.name for f in FIGURES if f.kind == ROSTER)
MANIFEST_FIGURES: tuple[str, ...] = tuple(f.name for f in FIGURES if f.in_manifest)
# Keys of ``totals --json`` and of a package's ``counts``: a stable contract.
COUNT_KEYS: tuple[str, ...] = tuple(f.name for f in FIGURES if f.in_totals)


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

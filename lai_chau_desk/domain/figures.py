"""The figures of one unit for one period: what dashboards, reports and packages print."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

# Keys of ``totals --json`` and of a package's ``figures``: a stable contract.
COUNT_KEYS = (
    "sessions",
    "participants",
    "union_members",
    "female",
    "ethnic_minority",
    "supervisions",
    "recommendations",
)


@dataclass
class PeriodFigures:
    """Counts over a unit's sessions and supervisions in a period. Plain data, no behaviour
    beyond summing, so it can cross every layer and go into a package unchanged."""

    unit: str
    period: str
    sessions: int = 0
    participants: int = 0
    union_members: int = 0
    female: int = 0
    ethnic_minority: int = 0
    materials: int = 0
    supervisions: int = 0
    recommendations: int = 0
    sessions_by_form: dict[str, int] = field(default_factory=dict)
    sessions_by_directive: dict[str, int] = field(default_factory=dict)
    participants_by_directive: dict[str, int] = field(default_factory=dict)
    sessions_by_month: dict[str, int] = field(default_factory=dict)  # "2026-03" -> n
    participants_by_month: dict[str, int] = field(default_factory=dict)
    supervisions_by_field: dict[str, int] = field(default_factory=dict)
    supervisions_by_role: dict[str, int] = field(default_factory=dict)
    recommendations_by_status: dict[str, int] = field(default_factory=dict)
    indicators: dict[str, float] = field(default_factory=dict)
    roster_members: int = 0  # active union members on the roster during the period
    roster_reached: int = 0  # of whom attended at least one session

    @property
    def roster_reach(self) -> float | None:
        """Share of the roster's union members reached at least once, or None without a roster."""
        if self.roster_members <= 0:
            return None
        return self.roster_reached / self.roster_members

    def counts(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in COUNT_KEYS}

    def to_dict(self) -> dict:
        """A JSON-ready dictionary with sorted keys in every mapping (deterministic output)."""
        out: dict = {"unit": self.unit, "period": self.period, **self.counts()}
        out["materials"] = self.materials
        for name in ("sessions_by_form", "sessions_by_directive", "participants_by_directive",
                     "sessions_by_month", "participants_by_month", "supervisions_by_field",
                     "supervisions_by_role", "recommendations_by_status", "indicators"):
            out[name] = dict(sorted(getattr(self, name).items()))
        out["roster_members"] = self.roster_members
        out["roster_reached"] = self.roster_reached
        return out

    @classmethod
    def from_dict(cls, data: dict) -> PeriodFigures:
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})


def sum_figures(unit: str, period: str, parts: list[PeriodFigures]) -> PeriodFigures:
    """Add several units' figures into one (the roster share is not additive and is dropped)."""
    total = PeriodFigures(unit=unit, period=period)
    for f in parts:
        for k in (*COUNT_KEYS, "materials"):
            setattr(total, k, getattr(total, k) + getattr(f, k))
        for name in ("sessions_by_form", "sessions_by_directive", "participants_by_directive",
                     "sessions_by_month", "participants_by_month", "supervisions_by_field",
                     "supervisions_by_role", "recommendations_by_status"):
            c = Counter(getattr(total, name))
            c.update(getattr(f, name))
            setattr(total, name, dict(c))
        for code, value in f.indicators.items():
            total.indicators[code] = total.indicators.get(code, 0) + value
    return total

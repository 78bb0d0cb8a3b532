"""The official report of the own unit: gather its data, render PDF / XLSX, write files safely.

Rendering lives in :mod:`lai_chau_desk.reports` (no storage, no Qt); this service only fills
:class:`~lai_chau_desk.reports.model.ReportData` from the database and writes the result with a
temp-file-then-rename, so a full disk never leaves half a report under the final name.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.catalogue import Directive
from ..domain.errors import Problems
from ..domain.periods import Period
from ..domain.sessions import DisseminationSession, count_values
from ..domain.supervision import SupervisionActivity
from ..domain.units import (
    PROFILE_DEFAULT_ON_BEHALF,
    PROFILE_DEFAULT_PREFIX,
    LevelWording,
    UnitProfile,
    UnitTree,
    level_wording,
)
from ..reports.model import (
    ConsolidatedData,
    IndicatorLine,
    ReportData,
    SessionLine,
    SupervisionLine,
)
from ..reports.paper_code import PaperIdentity, make_code
from ..reports.sentences import members_sentence
from ..storage import (
    catalogue_repo,
    reports_repo,
    sessions_repo,
    supervision_repo,
    units_repo,
)
from ..storage.engine import Database, is_disk_full
from ..storage.sessions_repo import SessionFilter
from .base import NotInitialised, ServiceBase
from .messages import FileDiskFull
from .report_checks import outside_period, outside_period_filter, suggestions
from .report_checks import warnings as report_warnings_of
from .report_consolidation import consolidate, has_units_below
from .reporting import figures_for

KINDS_EN = {
    "Kết luận": "Conclusion",
    "Kế hoạch": "Plan",
    "Công văn": "Official Letter",
    "Nghị quyết": "Resolution",
    "Chỉ thị": "Directive",
    "Quyết định": "Decision",
    "Luật": "Law",
    "Thông báo": "Notice",
}
# Letters instruct the reporting itself (356/LĐLĐ is quoted in the opening sentence); the title
# names the documents that were disseminated.
_NOT_IN_TITLE = {"Công văn"}


def directive_label(d: Directive, lang: str = "vi") -> str:
    """ "Kết luận số 50-KL/TW" / "Conclusion No. 50-KL/TW"."""
    if lang == "en":
        return f"{KINDS_EN.get(d.kind, d.kind or 'Document')} No. {d.code}"
    return d.label


def subject_phrase(directives: list[Directive], lang: str = "vi") -> str:
    """The documents of the title, grouped by issuer with "và" before the last group:
    "Kết luận số 50-KL/TW, Kết luận số 51-KL/TW của Ban Bí thư Trung ương Đảng và Kế hoạch số
    334-KH/TU, Kế hoạch số 335-KH/TU của Ban Thường vụ Tỉnh ủy Lai Châu"."""
    from ..reports.sentences import documents_phrase

    shown = [d for d in directives if d.kind not in _NOT_IN_TITLE]
    return documents_phrase(
        [d.code for d in shown],
        {d.code: directive_label(d, lang) for d in shown},
        {d.code: d.issuer for d in shown},
        lang,
    )


def atomic_write(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temp file in the same folder, fsync, then rename: the
    final name holds either the old file or the complete new one, never a partial file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and is_disk_full(exc):
            raise FileDiskFull(path) from exc
        raise
    return path


def session_lines(sessions: list[DisseminationSession]) -> list[SessionLine]:
    """Appendix rows of recorded sessions (attendance as counts only)."""
    return [
        SessionLine(
            held_on=x.held_on or date.min,
            title=x.title,
            form=x.form,
            directives=list(x.directive_codes),
            place=x.place,
            counts=count_values(x),
        )
        for x in sessions
    ]


def supervision_lines(activities: list[SupervisionActivity]) -> list[SupervisionLine]:
    """Appendix rows of supervision activities, oldest first."""
    return [
        SupervisionLine(
            held_on=a.held_on or date.min,
            field=a.field,
            role=a.role,
            target=a.target,
            partners=a.partners,
            recommendations=len(a.recommendations),
            resolved=sum(r.status == "da" for r in a.recommendations),
            findings=a.findings,
            recommendation_texts=[(r.text, r.status) for r in a.recommendations],
        )
        for a in sorted(activities, key=lambda a: a.held_on or date.min)
    ]


def _number_setting(unit: str, period: str) -> str:
    return f"report_number:{unit}:{period}"


def _counter_setting(year: int) -> str:
    return f"report_counter:{year}"


class ReportService(ServiceBase):
    """Build, preview and save the own unit's official report. ``fingerprint`` gives the
    signing key's fingerprint printed under the signature, so the signed and stamped paper
    vouches for the package file."""

    def __init__(
        self,
        db: Database,
        today: Callable[[], date] = date.today,
        fingerprint: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(db, today)
        self.fingerprint_source = fingerprint

    # ---- document number ---------------------------------------------------------------
    def _doc_number(
        self, unit: str, period: Period, prefix: str, number: str | None, issued: date
    ) -> tuple[str, str | None]:
        """(printed number, counter value to store when saving). A number given by the user
        wins; else the number already issued for this period; else the next of the year."""
        if number:
            number = number.strip()
            if "/" in number:
                return number, None
            if not number.isdigit():
                p = Problems()
                p.add("number", f"Số văn bản «{number}» không hợp lệ: nhập một số, ví dụ 5.")
                p.raise_if_any()
            return f"{int(number):02d}/{prefix}", number
        stored = self.read_setting(_number_setting(unit, period.code))
        if stored:
            return f"{int(stored):02d}/{prefix}", None
        nxt = int(self.read_setting(_counter_setting(issued.year), "0") or 0) + 1
        return f"{nxt:02d}/{prefix}", str(nxt)

    def _remember_number(
        self, unit: str, period: Period, counter: str | None, issued: date
    ) -> None:
        if counter is None:
            return
        with self.db.transaction() as s:
            units_repo.set_setting(s, _number_setting(unit, period.code), counter)
            key = _counter_setting(issued.year)
            current = int(units_repo.get_setting(s, key, "0") or 0)
            units_repo.set_setting(s, key, str(max(current, int(counter))))

    # ---- data --------------------------------------------------------------------------
    def build_data(
        self,
        period_code: str,
        lang: str = "vi",
        key_fingerprint: str | None = None,
        number: str | None = None,
        issued_on: date | None = None,
    ) -> ReportData:
        """Everything the own unit's report of ``period_code`` prints (read-only)."""
        return self._build(period_code, lang, key_fingerprint, number, issued_on)[0]

    def _build(
        self,
        period_code: str,
        lang: str,
        key_fingerprint: str | None,
        number: str | None,
        issued_on: date | None,
        paper: PaperIdentity | None = None,
        every_unit: bool = False,
    ) -> tuple[ReportData, str | None]:
        unit_code = self.require_own_unit()
        if key_fingerprint is None and self.fingerprint_source is not None:
            key_fingerprint = self.fingerprint_source()
        period = self.period(period_code)
        issued = issued_on or self.today()
        with self.db.reading() as s:
            row = units_repo.find_unit(s, unit_code)
            if row is None:
                raise NotInitialised()
            unit = units_repo.unit_from_row(row)
            profile = units_repo.get_profile(s, unit_code)
            parent = units_repo.find_unit(s, unit.parent_code) if unit.parent_code else None
            directives = catalogue_repo.all_directives(s)
            figures = figures_for(s, unit_code, period)
            ids = sessions_repo.session_ids(
                s, SessionFilter(unit_code, period.start, period.end), newest_first=False
            )
            sessions = sessions_repo.get_sessions(s, ids)
            sups = supervision_repo.list_supervisions(s, unit_code, period.start, period.end)
            indicators = catalogue_repo.all_indicators(s)
            narrative = reports_repo.narrative(s, unit_code, period.code)
            tree = UnitTree(units_repo.all_units(s))
            upper = has_units_below(s, tree, unit_code, period)
            consolidation = (
                consolidate(s, tree, unit_code, figures, period, every_unit) if upper else None
            )
            roster = reports_repo.roster_counts_on(s, unit_code, min(period.end, self.today()))
        if profile is None:
            profile = UnitProfile(unit_code=unit_code, issuing_body=unit.name.upper())
        wording = level_wording(unit.name, unit.level, upper)
        profile = self._worded_profile(profile, wording)
        doc_number, counter = self._doc_number(
            unit_code, period, profile.doc_prefix, number, issued
        )
        shown = consolidation.total if consolidation else figures
        label = (
            period.label_en if lang == "en" else period.label_vi[:1].lower() + period.label_vi[1:]
        )
        common: dict[str, Any] = dict(
            unit_code=unit_code,
            unit_name=unit.name,
            profile=profile,
            period_code=period.code,
            period_start=period.start,
            period_end=period.end,
            period_label=label,
            doc_number=doc_number,
            issue_date=issued,
            figures=shown,
            directives={d.code: directive_label(d, lang) for d in directives},
            directive_issuers={d.code: d.issuer for d in directives},
            sessions=session_lines(sessions),
            supervisions=supervision_lines(sups),
            indicators=[
                IndicatorLine(
                    code=i.code,
                    name=i.name,
                    value=shown.indicators.get(i.code, 0.0),
                    unit_label=i.unit_label,
                    kind=i.kind,
                )
                for i in indicators
            ],
            narrative=narrative,
            recipients=self._recipients(
                parent.name if parent else profile.parent_body,
                wording,
                lang,
                parent is None and any("Tỉnh ủy" in d.issuer for d in directives),
            ),
            subject=subject_phrase(directives, lang),
            key_fingerprint=key_fingerprint,
            language=lang,
            wording=wording,
            annual=period.kind == "Y",
            members_text=(
                self._members_text(profile, roster, period, lang, self.today()) if not upper else ""
            ),
            paper_code=make_code(paper) if paper else None,
            issued_the_letter=any(
                d.kind in _NOT_IN_TITLE and d.issuer == unit.name for d in directives
            ),
        )
        data: ReportData
        if consolidation is not None:
            # children that are grassroots unions (a commune's) are named as such
            leaves = all(
                not tree.children.get(u.unit_code)
                and not level_wording(u.unit_name, tree.by_code[u.unit_code].level, False).upper
                for u in consolidation.children
            )
            data = ConsolidatedData(
                **common,
                units=consolidation.children,
                own_figures=figures,
                all_units=consolidation.every_unit,
                reports_below=consolidation.reports_below,
                unit_noun="công đoàn cơ sở" if leaves else "công đoàn",
                tree_subject="các công đoàn cơ sở trực thuộc" if leaves else "các cấp công đoàn",
            )
        else:
            data = ReportData(**common)
        if lang != "en":
            data.suggestions = suggestions(
                data, period, parent.name if parent else profile.parent_body
            )
        return data, counter

    @staticmethod
    def _worded_profile(profile: UnitProfile, wording: LevelWording) -> UnitProfile:
        """The profile with the level's symbol and signing authority where the officer kept
        the grassroots defaults (a value typed in the profile always wins)."""
        prefix = profile.doc_prefix.strip()
        on_behalf = profile.signature_on_behalf.strip()
        if not prefix or (wording.upper and prefix == PROFILE_DEFAULT_PREFIX):
            prefix = wording.doc_prefix
        if not on_behalf or (wording.upper and on_behalf == PROFILE_DEFAULT_ON_BEHALF):
            on_behalf = wording.on_behalf
        return replace(profile, doc_prefix=prefix, signature_on_behalf=on_behalf)

    @staticmethod
    def _members_text(
        profile: UnitProfile,
        roster: reports_repo.RosterCounts,
        period: Period,
        lang: str,
        today: date,
    ) -> str:
        """Section I's membership sentence, dated at the period's end (or today while the
        period runs): counted from the roster on that day when there is one, else the
        profile's counts (dated only when they were counted by then, so a past period's report
        never shows today's date)."""
        if roster.workers > 0:
            as_of = min(period.end, today)
            counted = replace(
                profile,
                counts_as_of=as_of,
                members_total=roster.members,
                members_female=roster.members_female,
                members_ethnic_minority=roster.members_ethnic_minority,
                workers_total=roster.workers,
                workers_female=roster.workers_female,
                workers_ethnic_minority=roster.workers_ethnic_minority,
            )
            return members_sentence(counted, lang)
        if profile.counts_as_of and profile.counts_as_of > period.end:
            return members_sentence(replace(profile, counts_as_of=None), lang)
        return members_sentence(profile, lang)

    @staticmethod
    def _recipients(
        parent_name: str, wording: LevelWording, lang: str, party_committee: bool = False
    ) -> list[str]:
        """The parent (for reporting), for the province also the Party committee's propaganda
        board whose plans it carries out (as letter 356/LĐLĐ lists it), and the filing line."""
        if lang == "en":
            return ([f"{parent_name} (for reporting);"] if parent_name else []) + ["File: office."]
        out = [f"{parent_name} (b/c);"] if parent_name else []
        if party_committee:
            out.append("Ban Tuyên giáo Tỉnh ủy (b/c);")
        return out + [wording.filing]

    def report_warnings(self, period_code: str) -> list[str]:
        """What an officer should check before printing the report of ``period_code``: empty
        sections (printed with suggested text), the signer's name, missing units, a package
        not yet exported (no paper code), sessions dated outside the period. Read-only."""
        data = self._build(
            period_code, "vi", None, None, None, self._last_sent_identity(period_code)
        )[0]
        period = self.period(period_code)
        with self.db.reading() as s:
            later = sessions_repo.get_sessions(
                s,
                sessions_repo.session_ids(s, outside_period_filter(data.unit_code, period)),
            )
        return report_warnings_of(data) + outside_period(later, period, self.today())

    def _last_sent_identity(self, period_code: str) -> PaperIdentity | None:
        """The paper identity of the last report package exported for the period."""
        unit = self.require_own_unit()
        code = self.period(period_code).code
        with self.db.reading() as s:
            sent = reports_repo.last_sent_report(s, unit, code)
        if sent is None or self.fingerprint_source is None:
            return None
        return PaperIdentity(unit, code, sent[0], sent[1], self.fingerprint_source())

    # ---- output ------------------------------------------------------------------------
    def pdf_bytes(
        self,
        period_code: str,
        lang: str = "vi",
        key_fingerprint: str | None = None,
        number: str | None = None,
        paper: PaperIdentity | None = None,
        every_unit: bool = False,
    ) -> bytes:
        """The report as PDF bytes (nothing is stored): at an upper level the consolidated
        report. This is also what the export puts into ``report.pdf``; given ``paper`` (the
        package's unit, period, revision, payload hash and key), it prints the paper code."""
        from ..reports.pdf import render_pdf

        return render_pdf(
            self._build(period_code, lang, key_fingerprint, number, None, paper, every_unit)[0]
        )

    def package_pdf(self, unit_code: str, period_code: str, paper: PaperIdentity) -> bytes:
        """The ``report.pdf`` an export puts into the own unit's package (``RenderPdf``):
        the report of ``period_code`` printing ``paper``'s code (``unit_code`` is the own
        unit's, whose report this service builds)."""
        return self.pdf_bytes(period_code, paper=paper)

    def write_pdf(
        self,
        period_code: str,
        path: Path | str,
        lang: str = "vi",
        key_fingerprint: str | None = None,
        number: str | None = None,
        every_unit: bool = False,
    ) -> ReportData:
        """Save the report PDF at ``path`` (atomically) and keep its document number, so the
        same period prints with the same number next time. The paper code is that of the last
        package exported for the period. Returns the data printed."""
        from ..reports.pdf import render_pdf

        data, counter = self._build(
            period_code,
            lang,
            key_fingerprint,
            number,
            None,
            self._last_sent_identity(period_code),
            every_unit,
        )
        atomic_write(path, render_pdf(data))
        self._remember_number(data.unit_code, self.period(period_code), counter, data.issue_date)
        return data

    def write_xlsx(
        self,
        period_code: str,
        path: Path | str,
        lang: str = "vi",
        number: str | None = None,
        every_unit: bool = False,
    ) -> ReportData:
        """Save the report's tables as an XLSX workbook at ``path`` (atomically)."""
        from ..reports.xlsx import render_xlsx

        data = self._build(period_code, lang, None, number, None, None, every_unit)[0]
        atomic_write(path, render_xlsx(data))
        return data

    def consolidated_pdf_bytes(self, data: ConsolidatedData) -> bytes:
        """The PDF of an upper level's consolidated report (data built by the exchange side)."""
        from ..reports.pdf import render_pdf

        return render_pdf(data)

    def write_consolidated(
        self,
        data: ConsolidatedData,
        pdf_path: Path | str | None = None,
        xlsx_path: Path | str | None = None,
    ) -> None:
        """Save a consolidated report as PDF and/or XLSX (atomically)."""
        from ..reports.pdf import render_pdf
        from ..reports.xlsx import render_xlsx

        if pdf_path:
            atomic_write(pdf_path, render_pdf(data))
        if xlsx_path:
            atomic_write(xlsx_path, render_xlsx(data))

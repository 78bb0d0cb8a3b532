"""SQLAlchemy 2.x models. Every record has a UUID key so data from many units merge cleanly.

Only ``storage`` and ``services`` import this module; the UI never sees an ORM object.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from ..domain.sessions import FLAG, SESSION_COUNTS, SESSION_FIELDS

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _uuid() -> uuid.UUID:
    return uuid.uuid4()


class Setting(Base):
    """Key/value settings of this installation (own unit code, language, period scheme)."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class UnitRow(Base):
    __tablename__ = "unit"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=_uuid)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str] = mapped_column(String(200), default="")
    parent_code: Mapped[str | None] = mapped_column(String(40), index=True)
    level: Mapped[str] = mapped_column(String(120), default="")
    parent_body: Mapped[str] = mapped_column(String(300), default="")
    place_name: Mapped[str] = mapped_column(String(120), default="")
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    origin: Mapped[str] = mapped_column(String(20), default="user")  # seed | user | package
    user_edited: Mapped[bool] = mapped_column(Boolean, default=False)


class UnitProfileRow(Base):
    __tablename__ = "unit_profile"
    unit_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    parent_body: Mapped[str] = mapped_column(String(300), default="")
    issuing_body: Mapped[str] = mapped_column(String(300), default="")
    place_name: Mapped[str] = mapped_column(String(120), default="")
    signature_on_behalf: Mapped[str] = mapped_column(String(120), default="")
    signature_title: Mapped[str] = mapped_column(String(120), default="")
    signer_name: Mapped[str] = mapped_column(String(120), default="")
    doc_prefix: Mapped[str] = mapped_column(String(40), default="")
    counts_as_of: Mapped[date | None] = mapped_column(Date)
    members_total: Mapped[int] = mapped_column(Integer, default=0)
    members_female: Mapped[int] = mapped_column(Integer, default=0)
    members_ethnic_minority: Mapped[int] = mapped_column(Integer, default=0)
    workers_total: Mapped[int] = mapped_column(Integer, default=0)
    workers_female: Mapped[int] = mapped_column(Integer, default=0)
    workers_ethnic_minority: Mapped[int] = mapped_column(Integer, default=0)


class DirectiveRow(Base):
    __tablename__ = "directive"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=_uuid)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    number: Mapped[str] = mapped_column(String(20), default="")
    symbol: Mapped[str] = mapped_column(String(40), default="")
    kind: Mapped[str] = mapped_column(String(60), default="")
    issued_on: Mapped[date | None] = mapped_column(Date)
    issuer: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    origin: Mapped[str] = mapped_column(String(20), default="user")
    user_edited: Mapped[bool] = mapped_column(Boolean, default=False)
    tasks: Mapped[list[DirectiveTaskRow]] = relationship(
        back_populates="directive",
        cascade="all, delete-orphan",
        order_by="DirectiveTaskRow.sort_order",
    )


class DirectiveTaskRow(Base):
    __tablename__ = "directive_task"
    __table_args__ = (UniqueConstraint("directive_id", "code"),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=_uuid)
    directive_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("directive.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    parent_code: Mapped[str | None] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    directive: Mapped[DirectiveRow] = relationship(back_populates="tasks")


class IndicatorRow(Base):
    __tablename__ = "indicator"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=_uuid)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    unit_label: Mapped[str] = mapped_column(String(60), default="")
    directive_code: Mapped[str | None] = mapped_column(String(60))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(10), default="flow", server_default="flow")
    origin: Mapped[str] = mapped_column(String(20), default="user")
    user_edited: Mapped[bool] = mapped_column(Boolean, default=False)


class IndicatorValueRow(Base):
    __tablename__ = "indicator_value"
    __table_args__ = (UniqueConstraint("unit_code", "indicator_code", "period_code"),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=_uuid)
    unit_code: Mapped[str] = mapped_column(String(40))
    indicator_code: Mapped[str] = mapped_column(String(60))
    period_code: Mapped[str] = mapped_column(String(10))
    value: Mapped[float] = mapped_column(Float, default=0)
    note: Mapped[str] = mapped_column(Text, default="")


def count_columns(names: dict[str, bool]) -> type:
    """A declarative mixin with one NOT NULL column per name (Boolean when the value is True,
    Integer otherwise), so tables of counts derive from the domain's declarations."""
    return type(
        "CountColumns",
        (),
        {
            name: mapped_column(Boolean if flag else Integer, default=0, nullable=False)
            for name, flag in names.items()
        },
    )


# One column per :data:`SESSION_COUNTS` field, in declaration order.
SessionCountColumns = count_columns({c.name: c.kind == FLAG for c in SESSION_COUNTS})


class SessionRow(SessionCountColumns, Base):  # type: ignore[valid-type,misc]
    """A dissemination session (buổi quán triệt, tuyên truyền); its counted columns come from
    :data:`SESSION_COUNTS`."""

    __tablename__ = "dissemination_session"
    # Covers every column the period figures read, so they never touch the wide table rows.
    __table_args__ = (
        Index(
            "ix_session_figures", "unit_code", "held_on", "form", *SESSION_FIELDS, "directive_key"
        ),
        # Narrow, with the id: the period's sessions joined to their attendance (members
        # reached), and the list's newest-first page and count, without reading the table.
        Index("ix_session_period", "unit_code", "held_on", "created_at", "id"),
    )
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=_uuid)
    unit_code: Mapped[str] = mapped_column(String(40))
    held_on: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(500))
    title_key: Mapped[str] = mapped_column(String(500), default="")  # folded, for search
    form: Mapped[str] = mapped_column(String(20))
    place: Mapped[str] = mapped_column(String(300), default="")
    presenter: Mapped[str] = mapped_column(String(200), default="")
    # The session's directive codes, sorted and joined by newlines: a copy of its
    # session_directive rows kept for the one-pass figures query.
    directive_key: Mapped[str] = mapped_column(String(600), default="", server_default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class SessionDirectiveRow(Base):
    __tablename__ = "session_directive"
    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dissemination_session.id", ondelete="CASCADE"), primary_key=True
    )
    directive_code: Mapped[str] = mapped_column(String(60), primary_key=True, index=True)


class SessionTaskRow(Base):
    __tablename__ = "session_task"
    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dissemination_session.id", ondelete="CASCADE"), primary_key=True
    )
    task_ref: Mapped[str] = mapped_column(String(110), primary_key=True)  # "334-KH/TU II.3.a"


class MemberRow(Base):
    """A person on the roster. Personal data: never exported."""

    __tablename__ = "member"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=_uuid)
    unit_code: Mapped[str] = mapped_column(String(40), index=True)
    full_name: Mapped[str] = mapped_column(String(120))
    gender: Mapped[str] = mapped_column(String(3), default="nam")
    birth_year: Mapped[int | None] = mapped_column(Integer)
    ethnicity: Mapped[str] = mapped_column(String(60), default="Kinh")
    is_union_member: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[str] = mapped_column(String(120), default="")
    department: Mapped[str] = mapped_column(String(120), default="")
    active_from: Mapped[date | None] = mapped_column(Date)
    active_to: Mapped[date | None] = mapped_column(Date)


class AttendanceRow(Base):
    __tablename__ = "attendance"
    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dissemination_session.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class SupervisionRow(Base):
    __tablename__ = "supervision"
    __table_args__ = (Index("ix_supervision_unit_date", "unit_code", "held_on"),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=_uuid)
    unit_code: Mapped[str] = mapped_column(String(40))
    held_on: Mapped[date] = mapped_column(Date)
    field: Mapped[str] = mapped_column(String(20))
    role: Mapped[str] = mapped_column(String(20))
    partners: Mapped[str] = mapped_column(String(300), default="")
    target: Mapped[str] = mapped_column(String(300))
    content: Mapped[str] = mapped_column(Text, default="")
    findings: Mapped[str] = mapped_column(Text, default="")
    recommendations: Mapped[list[RecommendationRow]] = relationship(
        back_populates="supervision",
        cascade="all, delete-orphan",
        order_by="RecommendationRow.position",
    )


class RecommendationRow(Base):
    __tablename__ = "recommendation"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=_uuid)
    supervision_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("supervision.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="chua")
    status_on: Mapped[date | None] = mapped_column(Date)
    supervision: Mapped[SupervisionRow] = relationship(back_populates="recommendations")


class NarrativeRow(Base):
    __tablename__ = "narrative"
    __table_args__ = (UniqueConstraint("unit_code", "period_code", "section"),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=_uuid)
    unit_code: Mapped[str] = mapped_column(String(40))
    period_code: Mapped[str] = mapped_column(String(10))
    section: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class KeyPairRow(Base):
    """This installation's Ed25519 key (private key bytes stay in the local database)."""

    __tablename__ = "key_pair"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    private_key: Mapped[bytes] = mapped_column(LargeBinary)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime)


from . import exchange_models  # noqa: E402,F401

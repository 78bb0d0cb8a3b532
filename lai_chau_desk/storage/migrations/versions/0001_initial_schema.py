"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-28 06:09:19.411856
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "directive",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("symbol", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("issuer", sa.String(length=200), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("user_edited", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directive")),
        sa.UniqueConstraint("code", name=op.f("uq_directive_code")),
    )
    op.create_table(
        "dissemination_session",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("title_key", sa.String(length=500), nullable=False),
        sa.Column("form", sa.String(length=20), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("presenter", sa.String(length=200), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("union_members", sa.Integer(), nullable=False),
        sa.Column("female", sa.Integer(), nullable=False),
        sa.Column("ethnic_minority", sa.Integer(), nullable=False),
        sa.Column("materials", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dissemination_session")),
    )
    with op.batch_alter_table("dissemination_session", schema=None) as batch_op:
        batch_op.create_index("ix_session_unit_date", ["unit_code", "held_on"], unique=False)

    op.create_table(
        "indicator",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("unit_label", sa.String(length=60), nullable=False),
        sa.Column("directive_code", sa.String(length=60), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("user_edited", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator")),
        sa.UniqueConstraint("code", name=op.f("uq_indicator_code")),
    )
    op.create_table(
        "indicator_value",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("indicator_code", sa.String(length=60), nullable=False),
        sa.Column("period_code", sa.String(length=10), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_value")),
        sa.UniqueConstraint(
            "unit_code", "indicator_code", "period_code", name=op.f("uq_indicator_value_unit_code")
        ),
    )
    op.create_table(
        "key_pair",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("private_key", sa.LargeBinary(), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_pair")),
    )
    op.create_table(
        "member",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.Column("gender", sa.String(length=3), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("ethnicity", sa.String(length=60), nullable=False),
        sa.Column("is_union_member", sa.Boolean(), nullable=False),
        sa.Column("position", sa.String(length=120), nullable=False),
        sa.Column("department", sa.String(length=120), nullable=False),
        sa.Column("active_from", sa.Date(), nullable=True),
        sa.Column("active_to", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
    )
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_member_unit_code"), ["unit_code"], unique=False)

    op.create_table(
        "narrative",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("period_code", sa.String(length=10), nullable=False),
        sa.Column("section", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_narrative")),
        sa.UniqueConstraint(
            "unit_code", "period_code", "section", name=op.f("uq_narrative_unit_code")
        ),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "supervision",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("field", sa.String(length=20), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("partners", sa.String(length=300), nullable=False),
        sa.Column("target", sa.String(length=300), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervision")),
    )
    with op.batch_alter_table("supervision", schema=None) as batch_op:
        batch_op.create_index("ix_supervision_unit_date", ["unit_code", "held_on"], unique=False)

    op.create_table(
        "unit",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("short_name", sa.String(length=200), nullable=False),
        sa.Column("parent_code", sa.String(length=40), nullable=True),
        sa.Column("level", sa.String(length=120), nullable=False),
        sa.Column("parent_body", sa.String(length=300), nullable=False),
        sa.Column("place_name", sa.String(length=120), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("user_edited", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit")),
        sa.UniqueConstraint("code", name=op.f("uq_unit_code")),
    )
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unit_parent_code"), ["parent_code"], unique=False)

    op.create_table(
        "unit_profile",
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("parent_body", sa.String(length=300), nullable=False),
        sa.Column("issuing_body", sa.String(length=300), nullable=False),
        sa.Column("place_name", sa.String(length=120), nullable=False),
        sa.Column("signature_on_behalf", sa.String(length=120), nullable=False),
        sa.Column("signature_title", sa.String(length=120), nullable=False),
        sa.Column("signer_name", sa.String(length=120), nullable=False),
        sa.Column("doc_prefix", sa.String(length=40), nullable=False),
        sa.Column("counts_as_of", sa.Date(), nullable=True),
        sa.Column("members_total", sa.Integer(), nullable=False),
        sa.Column("members_female", sa.Integer(), nullable=False),
        sa.Column("members_ethnic_minority", sa.Integer(), nullable=False),
        sa.Column("workers_total", sa.Integer(), nullable=False),
        sa.Column("workers_female", sa.Integer(), nullable=False),
        sa.Column("workers_ethnic_minority", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("unit_code", name=op.f("pk_unit_profile")),
    )
    op.create_table(
        "attendance",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_attendance_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["dissemination_session.id"],
            name=op.f("fk_attendance_session_id_dissemination_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "member_id", name=op.f("pk_attendance")),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendance_member_id"), ["member_id"], unique=False)

    op.create_table(
        "directive_task",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("directive_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("parent_code", sa.String(length=40), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["directive_id"],
            ["directive.id"],
            name=op.f("fk_directive_task_directive_id_directive"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directive_task")),
        sa.UniqueConstraint("directive_id", "code", name=op.f("uq_directive_task_directive_id")),
    )
    op.create_table(
        "recommendation",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("supervision_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("status_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["supervision_id"],
            ["supervision.id"],
            name=op.f("fk_recommendation_supervision_id_supervision"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendation")),
    )
    with op.batch_alter_table("recommendation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recommendation_supervision_id"), ["supervision_id"], unique=False
        )

    op.create_table(
        "session_directive",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("directive_code", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["dissemination_session.id"],
            name=op.f("fk_session_directive_session_id_dissemination_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "directive_code", name=op.f("pk_session_directive")),
    )
    with op.batch_alter_table("session_directive", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_directive_directive_code"), ["directive_code"], unique=False
        )

    op.create_table(
        "session_task",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("task_ref", sa.String(length=110), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["dissemination_session.id"],
            name=op.f("fk_session_task_session_id_dissemination_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "task_ref", name=op.f("pk_session_task")),
    )


def downgrade() -> None:
    op.drop_table("session_task")
    with op.batch_alter_table("session_directive", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_directive_directive_code"))

    op.drop_table("session_directive")
    with op.batch_alter_table("recommendation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recommendation_supervision_id"))

    op.drop_table("recommendation")
    op.drop_table("directive_task")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_member_id"))

    op.drop_table("attendance")
    op.drop_table("unit_profile")
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_parent_code"))

    op.drop_table("unit")
    with op.batch_alter_table("supervision", schema=None) as batch_op:
        batch_op.drop_index("ix_supervision_unit_date")

    op.drop_table("supervision")
    op.drop_table("setting")
    op.drop_table("narrative")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_unit_code"))

    op.drop_table("member")
    op.drop_table("key_pair")
    op.drop_table("indicator_value")
    op.drop_table("indicator")
    with op.batch_alter_table("dissemination_session", schema=None) as batch_op:
        batch_op.drop_index("ix_session_unit_date")

    op.drop_table("dissemination_session")
    op.drop_table("directive")

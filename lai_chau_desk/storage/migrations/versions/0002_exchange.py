"""exchange tables: received packages, figures, pinned keys, sent packages, receipts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 06:18:40.090873
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pinned_key",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("fingerprint", sa.String(length=40), nullable=False),
        sa.Column("pinned_at", sa.DateTime(), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.Column("how", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pinned_key")),
    )
    with op.batch_alter_table("pinned_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pinned_key_unit_code"), ["unit_code"], unique=False)

    op.create_table(
        "receipt",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("package_id", sa.String(length=36), nullable=False),
        sa.Column("issuer_unit", sa.String(length=40), nullable=False),
        sa.Column("subject_unit", sa.String(length=40), nullable=False),
        sa.Column("period_code", sa.String(length=10), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("payload_sha256", sa.String(length=64), nullable=False),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipt")),
    )
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_receipt_package_id"), ["package_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_receipt_subject_unit"), ["subject_unit"], unique=False)

    op.create_table(
        "received_package",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("package_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("unit_name", sa.String(length=300), nullable=False),
        sa.Column("parent_code", sa.String(length=40), nullable=True),
        sa.Column("period_code", sa.String(length=10), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("payload_sha256", sa.String(length=64), nullable=False),
        sa.Column("package_sha256", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_at_text", sa.String(length=40), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("via_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("review", sa.String(length=12), nullable=False),
        sa.Column("review_comment", sa.Text(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(), nullable=True),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["via_id"],
            ["received_package.id"],
            name=op.f("fk_received_package_via_id_received_package"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_received_package")),
    )
    with op.batch_alter_table("received_package", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_received_package_package_id"), ["package_id"], unique=False
        )
        batch_op.create_index(
            "ix_received_unit_period", ["unit_code", "period_code", "kind", "status"], unique=False
        )

    op.create_table(
        "sent_package",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("package_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("period_code", sa.String(length=10), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("payload_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sent_package")),
    )
    with op.batch_alter_table("sent_package", schema=None) as batch_op:
        batch_op.create_index(
            "ix_sent_kind_unit_period", ["kind", "unit_code", "period_code"], unique=False
        )

    op.create_table(
        "received_figures",
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("period_code", sa.String(length=10), nullable=False),
        sa.Column("package_row_id", sa.Uuid(), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("union_members", sa.Integer(), nullable=False),
        sa.Column("female", sa.Integer(), nullable=False),
        sa.Column("ethnic_minority", sa.Integer(), nullable=False),
        sa.Column("materials", sa.Integer(), nullable=False),
        sa.Column("supervisions", sa.Integer(), nullable=False),
        sa.Column("recommendations", sa.Integer(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["package_row_id"],
            ["received_package.id"],
            name=op.f("fk_received_figures_package_row_id_received_package"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("unit_code", "period_code", name=op.f("pk_received_figures")),
    )
    with op.batch_alter_table("received_figures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_received_figures_package_row_id"), ["package_row_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("received_figures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_received_figures_package_row_id"))

    op.drop_table("received_figures")
    with op.batch_alter_table("sent_package", schema=None) as batch_op:
        batch_op.drop_index("ix_sent_kind_unit_period")

    op.drop_table("sent_package")
    with op.batch_alter_table("received_package", schema=None) as batch_op:
        batch_op.drop_index("ix_received_unit_period")
        batch_op.drop_index(batch_op.f("ix_received_package_package_id"))

    op.drop_table("received_package")
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_receipt_subject_unit"))
        batch_op.drop_index(batch_op.f("ix_receipt_package_id"))

    op.drop_table("receipt")
    with op.batch_alter_table("pinned_key", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pinned_key_unit_code"))

    op.drop_table("pinned_key")

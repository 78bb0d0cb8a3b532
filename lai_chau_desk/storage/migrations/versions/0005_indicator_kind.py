"""Each indicator says how a longer period adds it up: ``flow`` (summed over the year, the
default) or ``stock`` (the value at the year's end).

Revision ID: 0005_indicator_kind
Revises: 0004_fmt2
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_indicator_kind"
down_revision = "0004_fmt2"
branch_labels = None
depends_on = None

# Seed indicators that are levels, not counts of a period.
STOCKS = ("clb-khkt",)


def upgrade() -> None:
    with op.batch_alter_table("indicator") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(length=10), nullable=False, server_default="flow")
        )
    indicator = sa.table("indicator", sa.column("code", sa.String), sa.column("kind", sa.String))
    op.execute(indicator.update().where(indicator.c.code.in_(STOCKS)).values(kind="stock"))


def downgrade() -> None:
    with op.batch_alter_table("indicator") as batch:
        batch.drop_column("kind")

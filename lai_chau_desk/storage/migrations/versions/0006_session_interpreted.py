"""A session says whether it was held with interpretation into an ethnic-minority language
(``interpreted``); received figures carry the count of such sessions
(``sessions_interpreted``). Existing sessions were not so marked: they read as not interpreted.

Revision ID: 0006_interpreted
Revises: 0005_indicator_kind
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_interpreted"
down_revision = "0005_indicator_kind"
branch_labels = None
depends_on = None

OLD_INDEX = [
    "unit_code",
    "held_on",
    "form",
    "participants",
    "union_members",
    "female",
    "ethnic_minority",
    "materials",
    "directive_key",
]
NEW_INDEX = [*OLD_INDEX[:-1], "interpreted", "directive_key"]


def upgrade() -> None:
    # Added NOT NULL with a default for existing rows, then the default dropped so the table
    # matches the models (which set the value on every insert).
    with op.batch_alter_table("dissemination_session") as batch:
        batch.add_column(
            sa.Column("interpreted", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("dissemination_session") as batch:
        batch.alter_column("interpreted", server_default=None)
        batch.drop_index("ix_session_figures")
        batch.create_index("ix_session_figures", NEW_INDEX, unique=False)
    with op.batch_alter_table("received_figures") as batch:
        batch.add_column(
            sa.Column("sessions_interpreted", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("received_figures") as batch:
        batch.alter_column("sessions_interpreted", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("received_figures") as batch:
        batch.drop_column("sessions_interpreted")
    with op.batch_alter_table("dissemination_session") as batch:
        batch.drop_index("ix_session_figures")
        batch.create_index("ix_session_figures", OLD_INDEX, unique=False)
        batch.drop_column("interpreted")

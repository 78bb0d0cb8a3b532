"""Exchange format 2: each received report keeps its signed manifest; embedded reports no
longer keep a whole package each.

``received_package`` gains ``manifest``, ``signature``, ``public_key``, ``manifest_sha256``
and ``format_version`` (1 for the rows already held), and ``data`` becomes optional. Rows of
reports that arrived embedded in a format-1 consolidated package drop their copy of the whole
child package (it can never be embedded again: format 2 carries manifests, and a format-1
package is refused); their figures, history and pinned keys are kept.

Revision ID: 0004_fmt2
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_fmt2"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("received_package") as batch:
        batch.add_column(sa.Column("manifest", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("signature", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("public_key", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("manifest_sha256", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("content_sha256", sa.String(length=64), nullable=True))
        batch.add_column(
            sa.Column("format_version", sa.Integer(), nullable=False, server_default="1")
        )
        batch.alter_column("data", existing_type=sa.LargeBinary(), nullable=True)
    op.execute("UPDATE received_package SET data = NULL WHERE via_id IS NOT NULL")
    with op.batch_alter_table("sent_package") as batch:
        batch.add_column(sa.Column("content_sha256", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.execute(
        "DELETE FROM received_figures WHERE package_row_id IN "
        "(SELECT id FROM received_package WHERE data IS NULL)"
    )
    op.execute("DELETE FROM received_package WHERE data IS NULL")
    with op.batch_alter_table("sent_package") as batch:
        batch.drop_column("content_sha256")
    with op.batch_alter_table("received_package") as batch:
        batch.alter_column("data", existing_type=sa.LargeBinary(), nullable=False)
        batch.drop_column("content_sha256")
        batch.drop_column("format_version")
        batch.drop_column("manifest_sha256")
        batch.drop_column("public_key")
        batch.drop_column("signature")
        batch.drop_column("manifest")

"""record status and KPI figures (baseline, target, actual)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 17:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_COLUMNS = ("status", "baseline", "target", "actual")


def upgrade() -> None:
    with op.batch_alter_table("records", schema=None) as batch_op:
        for name in _COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("records", schema=None) as batch_op:
        for name in reversed(_COLUMNS):
            batch_op.drop_column(name)

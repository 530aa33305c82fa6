"""check-in links and honest waits: the hash of each order's check-in link, the wait a customer was told

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 07:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("orders") as batch:
        batch.add_column(sa.Column("checkin_hash", sa.String(length=64), nullable=True))
        batch.create_index("ix_orders_checkin_hash", ["checkin_hash"], unique=True)
    with op.batch_alter_table("handoffs") as batch:
        batch.add_column(sa.Column("wait_low", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("wait_high", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("handoffs") as batch:
        batch.drop_column("wait_high")
        batch.drop_column("wait_low")
    with op.batch_alter_table("orders") as batch:
        batch.drop_index("ix_orders_checkin_hash")
        batch.drop_column("checkin_hash")

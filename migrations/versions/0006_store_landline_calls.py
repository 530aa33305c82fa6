"""a store's landline, and the one voice call per unclaimed handoff

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 08:00:00
"""

import sqlalchemy as sa
from alembic import op

import bot.data.models

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stores") as batch:
        batch.add_column(sa.Column("landline", sa.String(length=20), nullable=True))
    op.create_table(
        "calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("handoff_id", sa.Integer(), nullable=False),
        sa.Column("to_number", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("twilio_sid", sa.String(length=64), nullable=True),
        sa.Column("digits", sa.String(length=8), nullable=True),
        sa.Column("claimed_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", bot.data.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("answered_at", bot.data.models.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["claimed_by_id"], ["staff.id"]),
        sa.ForeignKeyConstraint(["handoff_id"], ["handoffs.id"]),
        sa.ForeignKeyConstraint(["store_id"], ["stores.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("handoff_id"),
    )


def downgrade() -> None:
    op.drop_table("calls")
    with op.batch_alter_table("stores") as batch:
        batch.drop_column("landline")

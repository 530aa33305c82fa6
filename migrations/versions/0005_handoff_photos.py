"""handoff photos: a customer's MMS/WhatsApp picture of their car, attached to the handoff and sent to staff

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 07:45:00
"""

import sqlalchemy as sa
from alembic import op

import bot.data.models

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("handoff_id", sa.Integer(), nullable=True),
        sa.Column("message_sid", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("created_at", bot.data.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["handoff_id"], ["handoffs.id"]),
        sa.ForeignKeyConstraint(["store_id"], ["stores.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_photos_created", "photos", ["created_at"])
    with op.batch_alter_table("handoffs") as batch:
        batch.add_column(sa.Column("photo_id", sa.Integer(), nullable=True))
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("media", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("photo_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("photo_id")
        batch.drop_column("media")
    with op.batch_alter_table("handoffs") as batch:
        batch.drop_column("photo_id")
    op.drop_index("ix_photos_created", table_name="photos")
    op.drop_table("photos")

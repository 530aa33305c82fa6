"""owner controls: staff taken off the roster, keyword replies, one-time sign-in links

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 17:10:00
"""
import sqlalchemy as sa
from alembic import op

import bot.data.models

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff") as batch:
        batch.add_column(sa.Column("removed_at", bot.data.models.UTCDateTime(timezone=True), nullable=True))
    op.create_table(
        "keyword_replies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("keyword", sa.String(length=20), nullable=False),
        sa.Column("en", sa.Text(), nullable=True),
        sa.Column("fr", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["store_id"], ["stores.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("store_id", "keyword"),
    )
    op.create_table(
        "login_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", bot.data.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", bot.data.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", bot.data.models.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )


def downgrade() -> None:
    op.drop_table("login_links")
    op.drop_table("keyword_replies")
    with op.batch_alter_table("staff") as batch:
        batch.drop_column("removed_at")

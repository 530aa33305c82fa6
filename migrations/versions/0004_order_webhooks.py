"""order webhooks: the stores' webhook secrets and Shopify API access, and the order events received from shops' systems

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 08:00:00
"""
import sqlalchemy as sa
from alembic import op

import bot.data.models

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stores") as batch:
        batch.add_column(sa.Column("shopify_secret", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("webhook_secret", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("shopify_domain", sa.String(length=80), nullable=True))
        batch.add_column(sa.Column("shopify_token", sa.String(length=200), nullable=True))
    op.create_table(
        "order_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("topic", sa.String(length=80), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("received_at", bot.data.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("external_id", sa.String(length=40), nullable=True),
        sa.Column("number", sa.String(length=40), nullable=True),
        sa.Column("customer_name", sa.String(length=120), nullable=True),
        sa.Column("source_updated_at", bot.data.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("applied_at", bot.data.models.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["store_id"], ["stores.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("store_id", "source", "key"),
    )
    op.create_index("ix_order_events_status_received", "order_events", ["status", "received_at"])
    op.create_index("ix_order_events_store_external", "order_events", ["store_id", "source", "external_id"])


def downgrade() -> None:
    op.drop_index("ix_order_events_store_external", table_name="order_events")
    op.drop_index("ix_order_events_status_received", table_name="order_events")
    op.drop_table("order_events")
    with op.batch_alter_table("stores") as batch:
        batch.drop_column("shopify_token")
        batch.drop_column("shopify_domain")
        batch.drop_column("webhook_secret")
        batch.drop_column("shopify_secret")

"""index messages by store and time, for per-store hourly counts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 10:50:00
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_messages_store_created", "messages", ["store_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_messages_store_created", table_name="messages")

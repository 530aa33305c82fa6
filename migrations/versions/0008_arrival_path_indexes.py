"""index orders and handoffs by customer, and orders by handoff: the arrival path's reads

Every arrival read its customer's open orders and open handoff with a scan of the whole table on PostgreSQL
(bench/explain.py: "Seq Scan on orders", "Seq Scan on handoffs"): a chain's tables grow with every order.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 08:10:00
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_orders_customer_status", "orders", ["customer_id", "status"])
    op.create_index("ix_orders_handoff", "orders", ["handoff_id"])
    op.create_index("ix_handoffs_customer_status", "handoffs", ["customer_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_handoffs_customer_status", table_name="handoffs")
    op.drop_index("ix_orders_handoff", table_name="orders")
    op.drop_index("ix_orders_customer_status", table_name="orders")

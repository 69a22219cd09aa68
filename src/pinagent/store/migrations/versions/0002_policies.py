"""Workspace read-only and freeze switches; per-ad-account spend caps; money set by each plan.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("workspaces") as batch:
        batch.add_column(sa.Column("read_only", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("frozen", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("frozen_by", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("frozen_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("shared_ad_accounts") as batch:
        batch.add_column(sa.Column("max_daily_budget", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("max_increase_pct", sa.Float(), nullable=True))
    with op.batch_alter_table("change_plans") as batch:
        batch.add_column(sa.Column("money", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("change_plans") as batch:
        batch.drop_column("money")
    with op.batch_alter_table("shared_ad_accounts") as batch:
        batch.drop_column("max_increase_pct")
        batch.drop_column("max_daily_budget")
    with op.batch_alter_table("workspaces") as batch:
        batch.drop_column("frozen_at")
        batch.drop_column("frozen_by")
        batch.drop_column("frozen")
        batch.drop_column("read_only")

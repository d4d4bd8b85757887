"""The job-type mapping: each source's standard job types -> the company's job types and business units.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "job_type_mapping",
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("standard_job_type", sa.Text(), nullable=False),
        sa.Column("job_type_ids", sa.Text(), nullable=False),
        sa.Column("business_unit_ids", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("source", "standard_job_type", name=op.f("pk_job_type_mapping")),
    )


def downgrade() -> None:
    op.drop_table("job_type_mapping")

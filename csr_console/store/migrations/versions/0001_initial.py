"""Initial cache schema: remote records, reference data, sync cursors, outbox, journal, quarantine.

Timestamps are fixed-width UTC text and JSON is TEXT (see store/types.py).

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""

    op.create_table(
        "appointment",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("appointment_number", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("start", sa.String(length=27), nullable=False),
        sa.Column("end", sa.String(length=27), nullable=False),
        sa.Column("arrival_window_start", sa.String(length=27), nullable=True),
        sa.Column("arrival_window_end", sa.String(length=27), nullable=True),
        sa.Column("created_on", sa.String(length=27), nullable=False),
        sa.Column("modified_on", sa.String(length=27), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment")),
    )
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_appointment_job_id"), ["job_id"], unique=False)

    op.create_table(
        "booking",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("booking_provider_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("start", sa.String(length=27), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("external_id", sa.Text(), nullable=True),
        sa.Column("customer_type", sa.String(length=16), nullable=True),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("business_unit_id", sa.Integer(), nullable=True),
        sa.Column("job_type_id", sa.Integer(), nullable=True),
        sa.Column("priority", sa.String(length=16), nullable=True),
        sa.Column("is_first_time_client", sa.Boolean(), nullable=True),
        sa.Column("is_send_confirmation_email", sa.Boolean(), nullable=True),
        sa.Column("uploaded_images", sa.Text(), nullable=True),
        sa.Column("dismissing_reason_id", sa.Integer(), nullable=True),
        sa.Column("job_id", sa.Integer(), nullable=True),
        sa.Column("street", sa.Text(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("city", sa.Text(), nullable=True),
        sa.Column("state", sa.Text(), nullable=True),
        sa.Column("zip", sa.Text(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("created_on", sa.String(length=27), nullable=False),
        sa.Column("modified_on", sa.String(length=27), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("received_at", sa.String(length=27), nullable=False),
        sa.Column("lag_ms", sa.Integer(), nullable=False),
        sa.Column("contacts_synced_at", sa.String(length=27), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking")),
    )
    with op.batch_alter_table("booking", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_booking_created_on"), ["created_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_booking_job_id"), ["job_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_booking_modified_on"), ["modified_on"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_booking_status_created_on"), ["status", "created_on"], unique=False
        )

    op.create_table(
        "booking_contact",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("normalized", sa.Text(), nullable=False),
        sa.Column("memo", sa.Text(), nullable=True),
        sa.Column("modified_on", sa.String(length=27), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_contact")),
    )
    with op.batch_alter_table("booking_contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_booking_contact_booking_id"), ["booking_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_booking_contact_normalized"), ["normalized"], unique=False)

    op.create_table(
        "booking_provider_tag",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("tag_name", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("type", sa.Text(), nullable=True),
        sa.Column("created_on", sa.String(length=27), nullable=False),
        sa.Column("modified_on", sa.String(length=27), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_provider_tag")),
    )
    op.create_table(
        "business_unit",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("official_name", sa.Text(), nullable=True),
        sa.Column("created_on", sa.String(length=27), nullable=False),
        sa.Column("modified_on", sa.String(length=27), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_unit")),
    )
    op.create_table(
        "call_reason",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("is_lead", sa.Boolean(), nullable=False),
        sa.Column("created_on", sa.String(length=27), nullable=False),
        sa.Column("modified_on", sa.String(length=27), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_reason")),
    )
    op.create_table(
        "campaign",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("category", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("medium", sa.Text(), nullable=True),
        sa.Column("created_on", sa.String(length=27), nullable=False),
        sa.Column("modified_on", sa.String(length=27), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign")),
    )
    op.create_table(
        "contact",
        sa.Column("owner_kind", sa.String(length=8), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("normalized", sa.Text(), nullable=False),
        sa.Column("memo", sa.Text(), nullable=True),
        sa.Column("created_on", sa.String(length=27), nullable=False),
        sa.Column("modified_on", sa.String(length=27), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("owner_kind", "id", name=op.f("pk_contact")),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_normalized"), ["normalized"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_contact_owner_kind_owner_id"), ["owner_kind", "owner_id"], unique=False
        )

    op.create_table(
        "customer",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=True),
        sa.Column("street", sa.Text(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("city", sa.Text(), nullable=True),
        sa.Column("state", sa.Text(), nullable=True),
        sa.Column("zip", sa.Text(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("do_not_service", sa.Boolean(), nullable=True),
        sa.Column("merged_to_id", sa.Integer(), nullable=True),
        sa.Column("created_on", sa.String(length=27), nullable=False),
        sa.Column("modified_on", sa.String(length=27), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer")),
    )
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customer_zip"), ["zip"], unique=False)

    op.create_table(
        "job",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("job_number", sa.Text(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("job_status", sa.String(length=16), nullable=False),
        sa.Column("business_unit_id", sa.Integer(), nullable=True),
        sa.Column("job_type_id", sa.Integer(), nullable=True),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("priority", sa.String(length=16), nullable=True),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("total", sa.Float(), nullable=True),
        sa.Column("completed_on", sa.String(length=27), nullable=True),
        sa.Column("first_appointment_id", sa.Integer(), nullable=True),
        sa.Column("created_on", sa.String(length=27), nullable=False),
        sa.Column("modified_on", sa.String(length=27), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job")),
    )
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_job_booking_id"), ["booking_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_job_customer_id"), ["customer_id"], unique=False)

    op.create_table(
        "job_type",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("business_unit_ids", sa.Text(), nullable=False),
        sa.Column("priority", sa.String(length=16), nullable=True),
        sa.Column("duration", sa.Integer(), nullable=True),
        sa.Column("created_on", sa.String(length=27), nullable=False),
        sa.Column("modified_on", sa.String(length=27), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_type")),
    )
    op.create_table(
        "journal",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.String(length=27), nullable=False),
        sa.Column("actor", sa.Text(), nullable=True),
        sa.Column("action_id", sa.String(length=36), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("target_kind", sa.String(length=16), nullable=True),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("result", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal")),
    )
    with op.batch_alter_table("journal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journal_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_journal_target_kind_target_id"), ["target_kind", "target_id"], unique=False
        )

    op.create_table(
        "lead",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("priority", sa.String(length=16), nullable=True),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("business_unit_id", sa.Integer(), nullable=True),
        sa.Column("job_type_id", sa.Integer(), nullable=True),
        sa.Column("call_reason_id", sa.Integer(), nullable=True),
        sa.Column("dismissing_reason_id", sa.Integer(), nullable=True),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("follow_up_date", sa.String(length=27), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("lead_customer_name", sa.Text(), nullable=True),
        sa.Column("lead_phone", sa.Text(), nullable=True),
        sa.Column("lead_email", sa.Text(), nullable=True),
        sa.Column("lead_street", sa.Text(), nullable=True),
        sa.Column("lead_unit", sa.Text(), nullable=True),
        sa.Column("lead_city", sa.Text(), nullable=True),
        sa.Column("lead_state", sa.Text(), nullable=True),
        sa.Column("lead_zip", sa.Text(), nullable=True),
        sa.Column("lead_country", sa.Text(), nullable=True),
        sa.Column("created_on", sa.String(length=27), nullable=False),
        sa.Column("modified_on", sa.String(length=27), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead")),
    )
    with op.batch_alter_table("lead", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lead_booking_id"), ["booking_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_lead_status_follow_up_date"), ["status", "follow_up_date"], unique=False
        )

    op.create_table(
        "location",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("street", sa.Text(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("city", sa.Text(), nullable=True),
        sa.Column("state", sa.Text(), nullable=True),
        sa.Column("zip", sa.Text(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("merged_to_id", sa.Integer(), nullable=True),
        sa.Column("created_on", sa.String(length=27), nullable=False),
        sa.Column("modified_on", sa.String(length=27), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_location")),
    )
    with op.batch_alter_table("location", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_location_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_location_zip"), ["zip"], unique=False)

    op.create_table(
        "meta",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_meta")),
    )
    op.create_table(
        "outbox_action",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("target_kind", sa.String(length=16), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("results", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.String(length=27), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("conflict", sa.Text(), nullable=True),
        sa.Column("actor", sa.Text(), nullable=True),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_at", sa.String(length=27), nullable=False),
        sa.Column("finished_at", sa.String(length=27), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_action")),
    )
    with op.batch_alter_table("outbox_action", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outbox_action_state_next_attempt_at"), ["state", "next_attempt_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_outbox_action_target_kind_target_id"), ["target_kind", "target_id"], unique=False
        )

    op.create_table(
        "quarantine",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("feed", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("received_at", sa.String(length=27), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarantine")),
    )
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quarantine_kind_record_id"), ["kind", "record_id"], unique=False)

    op.create_table(
        "scheduler",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("company_name", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=True),
        sa.Column("is_default", sa.Boolean(), nullable=True),
        sa.Column("created_on", sa.String(length=27), nullable=False),
        sa.Column("modified_on", sa.String(length=27), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduler")),
    )
    op.create_table(
        "scheduler_session",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("scheduler_id", sa.Text(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("lead_id", sa.Integer(), nullable=True),
        sa.Column("job_id", sa.Integer(), nullable=True),
        sa.Column("last_step", sa.Text(), nullable=True),
        sa.Column("session_outcome", sa.Text(), nullable=True),
        sa.Column("campaign_name", sa.Text(), nullable=True),
        sa.Column("category", sa.Text(), nullable=True),
        sa.Column("job_type_id", sa.Integer(), nullable=True),
        sa.Column("business_unit_id", sa.Integer(), nullable=True),
        sa.Column("timeslot_start", sa.String(length=27), nullable=True),
        sa.Column("timeslot_end", sa.String(length=27), nullable=True),
        sa.Column("customer", sa.Text(), nullable=True),
        sa.Column("customer_responses", sa.Text(), nullable=True),
        sa.Column("source_tracking", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("last_checkin_date", sa.String(length=27), nullable=True),
        sa.Column("created_on", sa.String(length=27), nullable=False),
        sa.Column("modified_on", sa.String(length=27), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduler_session")),
    )
    with op.batch_alter_table("scheduler_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scheduler_session_booking_id"), ["booking_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_scheduler_session_scheduler_id_created_on"),
            ["scheduler_id", "created_on"],
            unique=False,
        )

    op.create_table(
        "sync_cursor",
        sa.Column("feed", sa.String(length=40), nullable=False),
        sa.Column("cursor", sa.Text(), nullable=True),
        sa.Column("last_success_at", sa.String(length=27), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_at", sa.String(length=27), nullable=True),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("feed", name=op.f("pk_sync_cursor")),
    )
    op.create_table(
        "technician",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("business_unit_id", sa.Integer(), nullable=True),
        sa.Column("created_on", sa.String(length=27), nullable=False),
        sa.Column("modified_on", sa.String(length=27), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_technician")),
    )
    op.create_table(
        "outbox_step",
        sa.Column("action_id", sa.String(length=36), nullable=False),
        sa.Column("step", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("tag", sa.Text(), nullable=False),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("started_at", sa.String(length=27), nullable=False),
        sa.Column("finished_at", sa.String(length=27), nullable=True),
        sa.ForeignKeyConstraint(
            ["action_id"], ["outbox_action.id"], name=op.f("fk_outbox_step_action_id_outbox_action")
        ),
        sa.PrimaryKeyConstraint("action_id", "step", name=op.f("pk_outbox_step")),
    )


def downgrade() -> None:
    """Downgrade schema."""

    op.drop_table("outbox_step")
    op.drop_table("technician")
    op.drop_table("sync_cursor")
    with op.batch_alter_table("scheduler_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scheduler_session_scheduler_id_created_on"))
        batch_op.drop_index(batch_op.f("ix_scheduler_session_booking_id"))

    op.drop_table("scheduler_session")
    op.drop_table("scheduler")
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quarantine_kind_record_id"))

    op.drop_table("quarantine")
    with op.batch_alter_table("outbox_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_action_target_kind_target_id"))
        batch_op.drop_index(batch_op.f("ix_outbox_action_state_next_attempt_at"))

    op.drop_table("outbox_action")
    op.drop_table("meta")
    with op.batch_alter_table("location", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_location_zip"))
        batch_op.drop_index(batch_op.f("ix_location_customer_id"))

    op.drop_table("location")
    with op.batch_alter_table("lead", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lead_status_follow_up_date"))
        batch_op.drop_index(batch_op.f("ix_lead_booking_id"))

    op.drop_table("lead")
    with op.batch_alter_table("journal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journal_target_kind_target_id"))
        batch_op.drop_index(batch_op.f("ix_journal_at"))

    op.drop_table("journal")
    op.drop_table("job_type")
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_customer_id"))
        batch_op.drop_index(batch_op.f("ix_job_booking_id"))

    op.drop_table("job")
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_zip"))

    op.drop_table("customer")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_owner_kind_owner_id"))
        batch_op.drop_index(batch_op.f("ix_contact_normalized"))

    op.drop_table("contact")
    op.drop_table("campaign")
    op.drop_table("call_reason")
    op.drop_table("business_unit")
    op.drop_table("booking_provider_tag")
    with op.batch_alter_table("booking_contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_booking_contact_normalized"))
        batch_op.drop_index(batch_op.f("ix_booking_contact_booking_id"))

    op.drop_table("booking_contact")
    with op.batch_alter_table("booking", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_booking_status_created_on"))
        batch_op.drop_index(batch_op.f("ix_booking_modified_on"))
        batch_op.drop_index(batch_op.f("ix_booking_job_id"))
        batch_op.drop_index(batch_op.f("ix_booking_created_on"))

    op.drop_table("booking")
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appointment_job_id"))

    op.drop_table("appointment")

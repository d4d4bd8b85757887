"""The cache's tables (SQLAlchemy Core). Alembic migrations in `store/migrations` create and evolve them.

Remote records keep ServiceTitan's ids and field names (snake_case) and their server `modified_on`,
which guards upserts: an older copy never overwrites a newer one. Address parts are nullable because
real data has null parts (API-NOTES.md). `active` is false for rows an export feed reported deleted.

Local tables: sync cursors, the outbox (actions and their steps), the audit journal, the quarantine,
`meta` (this cache's identity: tenant, base URL, the application GUID used to tag creates) and the
job-type mapping.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from csr_console.store.types import JsonText, UtcTimestamp

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "pk": "pk_%(table_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    }
)


def _address() -> list[Column[object]]:
    return [
        Column("street", Text),
        Column("unit", Text),
        Column("city", Text),
        Column("state", Text),
        Column("zip", Text),
        Column("country", Text),
    ]


def _stamps() -> list[Column[object]]:
    return [
        Column("created_on", UtcTimestamp, nullable=False),
        Column("modified_on", UtcTimestamp, nullable=False),
        Column("active", Boolean, nullable=False, default=True),
    ]


# -- bookings --------------------------------------------------------------------------------------
booking = Table(
    "booking",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("booking_provider_id", Integer, nullable=False),
    Column("source", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("start", UtcTimestamp),  # None: no preferred time
    Column("summary", Text),
    Column("external_id", Text),
    Column("customer_type", String(16)),
    Column("campaign_id", Integer),
    Column("business_unit_id", Integer),
    Column("job_type_id", Integer),
    Column("priority", String(16)),
    Column("is_first_time_client", Boolean),
    Column("is_send_confirmation_email", Boolean),
    Column("uploaded_images", JsonText),
    Column("dismissing_reason_id", Integer),
    Column("job_id", Integer),
    *_address(),
    *_stamps(),
    # When this cache first stored the booking, and createdOn -> stored (the delivery lag). Set once.
    Column("received_at", UtcTimestamp, nullable=False),
    Column("lag_ms", Integer, nullable=False),
    # When its contacts were last fetched (None: not yet); the contacts feed works from this.
    Column("contacts_synced_at", UtcTimestamp),
    Index(None, "status", "created_on"),
    Index(None, "created_on"),  # the All and Accepted/Converted views, newest first
    Index(None, "modified_on"),
    Index(None, "job_id"),
)

booking_contact = Table(
    "booking_contact",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("booking_id", Integer, nullable=False),
    Column("type", String(16), nullable=False),
    Column("value", Text, nullable=False),
    Column("normalized", Text, nullable=False),  # domain.contacts.normalized_contact: digits, lower-case
    Column("memo", Text),
    Column("modified_on", UtcTimestamp, nullable=False),
    Index(None, "booking_id"),
    Index(None, "normalized"),
)

# -- customers, locations, their contacts ----------------------------------------------------------
customer = Table(
    "customer",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("type", String(16)),
    *_address(),
    Column("do_not_service", Boolean),
    Column("merged_to_id", Integer),
    *_stamps(),
    Index(None, "zip"),
)

location = Table(
    "location",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("customer_id", Integer, nullable=False),
    Column("name", Text, nullable=False),
    *_address(),
    Column("merged_to_id", Integer),
    *_stamps(),
    Index(None, "customer_id"),
    Index(None, "zip"),
)

#: Customer and location contacts: separate records in ServiceTitan (a copy on each), kept apart here.
contact = Table(
    "contact",
    metadata,
    Column("owner_kind", String(8), primary_key=True),  # 'customer' | 'location'
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("owner_id", Integer, nullable=False),
    Column("type", String(16), nullable=False),
    Column("value", Text, nullable=False),
    Column("normalized", Text, nullable=False),
    Column("memo", Text),
    *_stamps(),
    Index(None, "owner_kind", "owner_id"),
    Index(None, "normalized"),
)

# -- leads, jobs, appointments ---------------------------------------------------------------------
lead = Table(
    "lead",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("status", String(16), nullable=False),
    Column("priority", String(16)),
    Column("campaign_id", Integer),
    Column("customer_id", Integer),
    Column("location_id", Integer),
    Column("business_unit_id", Integer),
    Column("job_type_id", Integer),
    Column("call_reason_id", Integer),
    Column("dismissing_reason_id", Integer),
    Column("booking_id", Integer),
    Column("follow_up_date", UtcTimestamp),
    Column("summary", Text),
    Column("created_by_id", Integer),
    Column("lead_customer_name", Text),
    Column("lead_phone", Text),
    Column("lead_email", Text),
    Column("lead_street", Text),
    Column("lead_unit", Text),
    Column("lead_city", Text),
    Column("lead_state", Text),
    Column("lead_zip", Text),
    Column("lead_country", Text),
    *_stamps(),
    Index(None, "status", "follow_up_date"),
    Index(None, "booking_id"),
)

job = Table(
    "job",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("job_number", Text, nullable=False),
    Column("customer_id", Integer, nullable=False),
    Column("location_id", Integer, nullable=False),
    Column("job_status", String(16), nullable=False),
    Column("business_unit_id", Integer),
    Column("job_type_id", Integer),
    Column("campaign_id", Integer),
    Column("priority", String(16)),
    Column("booking_id", Integer),
    Column("summary", Text),
    Column("total", Float),
    Column("completed_on", UtcTimestamp),
    Column("first_appointment_id", Integer),
    *_stamps(),
    Index(None, "booking_id"),
    Index(None, "customer_id"),
)

appointment = Table(
    "appointment",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("job_id", Integer, nullable=False),
    Column("customer_id", Integer),
    Column("appointment_number", Text),
    Column("status", String(16)),
    Column("start", UtcTimestamp, nullable=False),
    Column("end", UtcTimestamp, nullable=False),
    Column("arrival_window_start", UtcTimestamp),
    Column("arrival_window_end", UtcTimestamp),
    *_stamps(),
    Index(None, "job_id"),
)

# -- reference data --------------------------------------------------------------------------------
business_unit = Table(
    "business_unit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("official_name", Text),
    *_stamps(),
)

job_type = Table(
    "job_type",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("business_unit_ids", JsonText, nullable=False),
    Column("priority", String(16)),
    Column("duration", Integer),  # seconds
    *_stamps(),
)

campaign = Table(
    "campaign",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("category", Text),
    Column("source", Text),
    Column("medium", Text),
    *_stamps(),
)

call_reason = Table(
    "call_reason",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("is_lead", Boolean, nullable=False),
    *_stamps(),
)

booking_provider_tag = Table(
    "booking_provider_tag",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("tag_name", Text, nullable=False),
    Column("description", Text),
    Column("type", Text),
    *_stamps(),
)

technician = Table(
    "technician",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("business_unit_id", Integer),
    *_stamps(),
)

tag_type = Table(
    "tag_type",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("code", Text),
    Column("color", Text),  # "#RRGGBB"
    Column("importance", String(16)),  # Medium | High | None
    *_stamps(),
)

# -- Scheduling Pro --------------------------------------------------------------------------------
scheduler = Table(
    "scheduler",
    metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("company_name", Text),
    Column("status", Text),
    Column("is_default", Boolean),
    *_stamps(),
)

scheduler_session = Table(
    "scheduler_session",
    metadata,
    Column("id", Text, primary_key=True),
    Column("scheduler_id", Text, nullable=False),
    Column("booking_id", Integer),
    Column("lead_id", Integer),
    Column("job_id", Integer),
    Column("last_step", Text),
    Column("session_outcome", Text),
    Column("campaign_name", Text),
    Column("category", Text),
    Column("job_type_id", Integer),
    Column("business_unit_id", Integer),
    Column("timeslot_start", UtcTimestamp),
    Column("timeslot_end", UtcTimestamp),
    Column("customer", JsonText),  # what the customer entered (name, phone, email, address...)
    Column("customer_responses", JsonText),
    Column("source_tracking", JsonText),  # attribution: campaign, UTM source/medium/campaign...
    Column("notes", Text),
    Column("last_checkin_date", UtcTimestamp),
    *_stamps(),
    Index(None, "booking_id"),
    Index(None, "scheduler_id", "created_on"),
)

# -- sync state ------------------------------------------------------------------------------------
sync_cursor = Table(
    "sync_cursor",
    metadata,
    Column("feed", String(40), primary_key=True),
    Column("cursor", Text),  # continueFrom token or a UTC time, as the feed uses it
    Column("last_success_at", UtcTimestamp),
    Column("last_error", Text),
    Column("last_error_at", UtcTimestamp),
    Column("records", Integer, nullable=False, default=0),
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("feed", String(40), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("record_id", Text),  # when the payload had a readable id
    Column("reason", Text, nullable=False),
    Column("payload", Text, nullable=False),
    Column("received_at", UtcTimestamp, nullable=False),
    Index(None, "kind", "record_id"),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)

#: The company's mapping from each source's standard job types to its job types and business units
#: (domain.job_type_mapping). Kept here because ServiceTitan has no API for its own: edited in the
#: settings, seeded from the sandbox. `source` is a booking-provider tag's name.
job_type_mapping = Table(
    "job_type_mapping",
    metadata,
    Column("source", Text, primary_key=True),
    Column("standard_job_type", Text, primary_key=True),
    Column("job_type_ids", JsonText, nullable=False),
    Column("business_unit_ids", JsonText, nullable=False),
)

# -- the outbox and the journal --------------------------------------------------------------------
outbox_action = Table(
    "outbox_action",
    metadata,
    Column("id", String(36), primary_key=True),  # a UUID, also the `csr-op` tag's prefix
    Column("kind", String(32), nullable=False),  # accept_booking, dismiss_booking, capture_lead, ...
    Column("target_kind", String(16), nullable=False),  # 'booking' | 'lead' | 'new_lead'
    Column("target_id", Integer),
    Column("payload", JsonText, nullable=False),  # what the CSR entered, enough to redo every step
    Column("state", String(16), nullable=False),  # pending, running, done, failed, conflict, cancelled
    Column("results", JsonText, nullable=False),  # ids the finished steps produced (customer_id, ...)
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UtcTimestamp),
    Column("message", Text),  # the server's message on failure, what happened on conflict
    Column("conflict", JsonText),  # e.g. {"status": "Converted", "job_id": 7, "job_number": "1007"}
    Column("actor", Text),
    Column("created_at", UtcTimestamp, nullable=False),
    Column("updated_at", UtcTimestamp, nullable=False),
    Column("finished_at", UtcTimestamp),
    Index(None, "state", "next_attempt_at"),
    Index(None, "target_kind", "target_id"),
)

outbox_step = Table(
    "outbox_step",
    metadata,
    Column("action_id", String(36), ForeignKey("outbox_action.id"), primary_key=True),
    Column("step", String(32), primary_key=True),
    # 'in_flight' is written before the request: found on a restart, the outcome is unknown and the
    # step's tag is looked up before anything is sent again.
    Column("state", String(16), nullable=False),
    Column("tag", Text, nullable=False),  # the `csr-op` value: "<action id>:<step>"
    Column("result", JsonText),
    Column("started_at", UtcTimestamp, nullable=False),
    Column("finished_at", UtcTimestamp),
)

journal = Table(
    "journal",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UtcTimestamp, nullable=False),
    Column("actor", Text),
    Column("action_id", String(36)),
    Column("action", String(32), nullable=False),
    Column("target_kind", String(16)),
    Column("target_id", Integer),
    Column("result", String(16), nullable=False),  # queued, done, failed, conflict, cancelled, retried
    Column("detail", Text),
    Index(None, "target_kind", "target_id"),
    Index(None, "at"),
)

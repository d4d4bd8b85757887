"""Notes on leads and leads made by hand, carried out against a real sandbox: each exists once on the
server, also when the answer to its create is lost (looked up by what it says, never by an older twin);
the new lead reaches the cache at once; creations wait in one line; a refusal fails with the server's
words."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from csr_console.api import ServiceTitanClient
from csr_console.api.models.crm import CreateLeadNoteRequest, CreateLeadRequest, LeadQuery
from csr_console.domain.enums import LeadStatus, Priority
from csr_console.store import schema
from csr_console.sync.outbox import (
    ActionState,
    AddLeadNote,
    Backoff,
    CreateLead,
    InvalidAction,
    enqueue,
    get_action,
)
from csr_console.sync.outbox.actions import from_payload, to_payload
from csr_console.sync.outbox.ledger import schedule
from tests.conftest import RunningSandbox, connect, start_sandbox, tag
from tests.sync.outbox_helpers import cache_at, dropping_answer, harness, make_leads, refs_of

NOTES = r"/leads/\d+/notes$"
LEADS = r"/leads$"


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_sandbox(tmp_path_factory.mktemp("lead-notes") / "sandbox.db", rate_limit=0)
    yield running
    running.stop()


async def notes_saying(client: ServiceTitanClient, lead_id: int, text: str) -> list[int]:
    return [note.id async for note in client.crm.leads.notes(lead_id).items() if note.text == text]


async def leads_with_summary(client: ServiceTitanClient, summary: str) -> list[int]:
    since = datetime.now(UTC) - timedelta(hours=2)
    leads = client.crm.leads.items(LeadQuery(created_on_or_after=since))
    return [lead.id async for lead in leads if lead.summary == summary]


def new_lead(campaign_id: int, label: str, **fields: Any) -> CreateLead:
    return CreateLead(
        campaign_id,
        f"Wants a quote for a new furnace {label}",
        follow_up_date=(datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0),
        name=f"Walk-in {label}",
        phone="(512) 555-0177",
        email=f"{label}@example.com",
        **fields,
    )


def test_a_note_is_added_once(sandbox: RunningSandbox, tmp_path: Path) -> None:
    db = cache_at(tmp_path / "cache.db")

    async def scenario() -> None:
        async with connect(sandbox) as client:
            refs = await refs_of(client)
            [lead_id] = await make_leads(client, refs, 1)
            text = f"Asked for a callback after 5 pm {tag()}"
            h = harness(client, db)
            action_id = enqueue(db, AddLeadNote(lead_id, text, pin_to_top=True), "csr:ana", changes=h.changes)
            assert h.published == [{"outbox": frozenset({action_id}), "lead": frozenset({lead_id})}]
            assert await h.runner.run_due() == 1
            done = get_action(db, action_id)
            assert done is not None and done.state is ActionState.DONE, done
            notes = [note async for note in client.crm.leads.notes(lead_id).items() if note.text == text]
            assert [(note.id, note.is_pinned) for note in notes] == [(done.results["note_id"], True)]

    asyncio.run(scenario())


def test_a_lost_note_answer_finds_the_new_note_not_its_older_twin(
    sandbox: RunningSandbox, tmp_path: Path
) -> None:
    db = cache_at(tmp_path / "cache.db")

    async def scenario() -> None:
        async with connect(sandbox) as setup:
            refs = await refs_of(setup)
            [lead_id] = await make_leads(setup, refs, 1)
            text = f"No answer, left a voicemail {tag()}"
            older = await setup.crm.leads.create_note(lead_id, CreateLeadNoteRequest(text=text))
        async with connect(sandbox, event_hooks=dropping_answer("POST", NOTES)) as client:
            h = harness(client, db, backoff=Backoff(base_s=0, cap_s=0))
            action_id = enqueue(db, AddLeadNote(lead_id, text), "csr:ana")
            await h.runner.run_due()
            waiting = get_action(db, action_id)
            assert waiting is not None and waiting.state is ActionState.PENDING, waiting
            assert len(await notes_saying(client, lead_id, text)) == 2  # the server has ours already

            await h.runner.run_due()
            done = get_action(db, action_id)
            assert done is not None and done.state is ActionState.DONE, done
            ids = await notes_saying(client, lead_id, text)
            assert len(ids) == 2  # the older one and ours: nothing sent twice
            assert done.results["note_id"] in ids and done.results["note_id"] != older.id

    asyncio.run(scenario())


def test_a_lead_made_by_hand_is_created_once_and_cached(sandbox: RunningSandbox, tmp_path: Path) -> None:
    db = cache_at(tmp_path / "cache.db")

    async def scenario() -> None:
        async with connect(sandbox) as client:
            refs = await refs_of(client)
            label = tag()
            action = new_lead(
                refs.campaign_id,
                label,
                priority=Priority.HIGH,
                business_unit_id=refs.business_unit_id,
                job_type_id=refs.job_type_id,
                street="12 Oak St",
                city="Austin",
                state="TX",
                zip="78701",
                country="USA",
            )
            h = harness(client, db)
            action_id = enqueue(db, action, "csr:ana", changes=h.changes)
            assert h.published == [{"outbox": frozenset({action_id}), "new_lead": frozenset({0})}]
            assert await h.runner.run_due() == 1
            done = get_action(db, action_id)
            assert done is not None and done.state is ActionState.DONE, done
            assert (done.target_kind, done.target_id) == ("new_lead", 0)
            lead_id = done.results["lead_id"]
            assert await leads_with_summary(client, action.summary) == [lead_id]
            lead = await client.crm.leads.get(lead_id)
            assert lead.status is LeadStatus.OPEN and lead.priority == Priority.HIGH
            assert (lead.lead_customer_name, lead.lead_phone, lead.lead_city) == (
                action.name,
                action.phone,
                "Austin",
            )
            assert lead.follow_up_date == action.follow_up_date
            assert lead.business_unit_id == refs.business_unit_id
        # The new lead is in the cache at once, announced as a lead change.
        with db.connect() as connection:
            cached = connection.execute(select(schema.lead).where(schema.lead.c.id == lead_id)).one()
        assert (cached.status, cached.summary) == ("Open", action.summary)
        assert any(lead_id in ids.get("lead", ()) for ids in h.published)

    asyncio.run(scenario())


def test_a_lost_create_answer_finds_the_new_lead_not_an_older_twin(
    sandbox: RunningSandbox, tmp_path: Path
) -> None:
    db = cache_at(tmp_path / "cache.db")

    async def scenario() -> None:
        async with connect(sandbox) as setup:
            refs = await refs_of(setup)
            action = new_lead(refs.campaign_id, tag())
            # The same caller, already entered a moment ago (by a colleague, or by hand twice on purpose).
            twin = await setup.crm.leads.create(
                CreateLeadRequest(
                    campaign_id=action.campaign_id,
                    summary=action.summary,
                    follow_up_date=action.follow_up_date,
                    lead_customer_name=action.name,
                    lead_phone="512-555-0177",  # the same number, written another way
                    lead_email=action.email,
                )
            )
        async with connect(sandbox, event_hooks=dropping_answer("POST", LEADS)) as client:
            h = harness(client, db, backoff=Backoff(base_s=0, cap_s=0))
            action_id = enqueue(db, action, "csr:ana")
            await h.runner.run_due()
            waiting = get_action(db, action_id)
            assert waiting is not None and waiting.state is ActionState.PENDING, waiting
            assert waiting.message is not None and "may have been applied" in waiting.message

            await h.runner.run_due()
            done = get_action(db, action_id)
            assert done is not None and done.state is ActionState.DONE, done
            ids = await leads_with_summary(client, action.summary)
            assert len(ids) == 2 and twin.id in ids  # the twin and ours: nothing sent twice
            assert done.results["lead_id"] in ids and done.results["lead_id"] != twin.id

    asyncio.run(scenario())


def test_creations_wait_in_one_line_and_a_refusal_fails_with_the_servers_words(
    sandbox: RunningSandbox, tmp_path: Path
) -> None:
    db = cache_at(tmp_path / "cache.db")

    async def scenario() -> None:
        async with connect(sandbox) as client:
            refs = await refs_of(client)
            h = harness(client, db)
            refused = enqueue(db, new_lead(987654321, tag()), "csr:ana")
            fine = enqueue(db, new_lead(refs.campaign_id, tag()), "csr:ana")
            # One line: only its first is due; the second starts when the first is finished.
            assert schedule(db, datetime.now(UTC)).due == [(("new_lead", 0), refused)]
            assert await h.runner.run_due() == 2
            failed = get_action(db, refused)
            assert failed is not None and failed.state is ActionState.FAILED
            assert failed.message is not None and "campaignId 987654321 does not exist." in failed.message
            done = get_action(db, fine)
            assert done is not None and done.state is ActionState.DONE, done

    asyncio.run(scenario())


def test_the_new_actions_are_checked_and_round_trip() -> None:
    with pytest.raises(InvalidAction, match="note text"):
        AddLeadNote(1, "  ")
    with pytest.raises(InvalidAction, match="call reason or a follow-up date"):
        CreateLead(1, "summary")
    with pytest.raises(InvalidAction, match="lead summary"):
        CreateLead(1, " ", call_reason_id=2)
    with pytest.raises(InvalidAction, match="aware UTC"):
        CreateLead(1, "summary", follow_up_date=datetime(2030, 1, 1))
    at = datetime(2031, 5, 6, 15, 0, tzinfo=UTC)
    for action in (
        AddLeadNote(5, "text", pin_to_top=True),
        CreateLead(
            1, "quote", 2, at, Priority.LOW, 3, 4, "Ann", "5125550100", "a@b.c", "1 Main", None, "Austin"
        ),
    ):
        assert from_payload(action.KIND, json.loads(json.dumps(to_payload(action)))) == action

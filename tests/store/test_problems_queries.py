"""The Problems list's query: failed and conflicting actions only, each named by its customer."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from csr_console.domain.words import Phrase
from csr_console.store import schema
from csr_console.store.queries.problems import problems
from tests.store import cache_rows as r
from tests.store.cache_rows import T0


def test_failed_and_conflicting_actions_with_their_customers_oldest_first(cache: Engine) -> None:
    message = "Booking 1 was already converted to job #1007 by someone else."
    with cache.begin() as c:
        r.insert(c, schema.booking, r.booking(1, name="Maria Garcia"), r.booking(2, name="Ann Lee"))
        r.insert(c, schema.customer, r.customer(50, "Bob Stone"))
        r.insert(c, schema.lead, r.lead(7, customer_id=50), r.lead(8, lead_customer_name="Cy Young"))
        r.insert(
            c,
            schema.outbox_action,
            r.action("conflict", 1, "conflict", message=message, conflict={"status": "Converted"}),
            r.action(
                "failed-lead",
                7,
                "failed",
                kind="follow_up_lead",
                target_kind="lead",
                created_at=T0 + timedelta(minutes=1),
                message="HTTP 400: bad date",
            ),
            r.action(
                "failed-named-lead",
                8,
                "failed",
                kind="dismiss_lead",
                target_kind="lead",
                created_at=T0 + timedelta(minutes=2),
            ),
            r.action(
                "new-lead",
                0,
                "failed",
                kind="create_lead",
                target_kind="new_lead",
                payload={"name": "Dee Walker", "summary": "Quote"},
                created_at=T0 + timedelta(minutes=3),
            ),
            r.action("pending", 2, "pending"),
            r.action("done", 2, "done"),
            r.action("cancelled", 2, "cancelled"),
        )
    with cache.connect() as c:
        found = problems(c)
    assert [(p.action_id, p.state, p.name) for p in found] == [
        ("conflict", "conflict", "Maria Garcia"),
        ("failed-lead", "failed", "Bob Stone"),
        ("failed-named-lead", "failed", "Cy Young"),
        ("new-lead", "failed", "Dee Walker"),
    ]
    assert found[0].message == message
    assert found[0].conflict == {"status": "Converted"}
    assert (found[0].kind, found[0].target_kind, found[0].target_id) == ("accept_booking", "booking", 1)
    assert found[1].created_at == T0 + timedelta(minutes=1)


def test_no_problems(cache: Engine) -> None:
    with cache.connect() as c:
        assert problems(c) == ()


def test_a_conflict_is_read_back_as_the_phrase_it_was_written_from(cache: Engine) -> None:
    """So the UI can say it in the CSR's language (store.queries.outbox.said); the server's words of a
    failure, and a conflict stored before the words were kept, come back as stored."""
    template = "Booking {booking} was already dismissed by someone else."
    words = {"template": template, "values": {"booking": "3"}}
    with cache.begin() as c:
        r.insert(c, schema.booking, r.booking(3, name="Eve Park"))
        r.insert(
            c,
            schema.outbox_action,
            r.action("with-words", 3, "conflict", message="stored", conflict={"status": "x", "words": words}),
            r.action("older", 3, "conflict", message="as stored", conflict={"status": "Dismissed"}),
            r.action("bad-words", 3, "conflict", message="kept", conflict={"words": {"template": "{nope}"}}),
        )
    with cache.connect() as c:
        found = {p.action_id: p.message for p in problems(c)}
    assert found["with-words"] == "Booking 3 was already dismissed by someone else."
    assert isinstance(found["with-words"], Phrase) and found["with-words"].template == template
    assert found["older"] == "as stored" and not isinstance(found["older"], Phrase)
    assert found["bad-words"] == "kept"

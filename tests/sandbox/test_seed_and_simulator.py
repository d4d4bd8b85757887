"""The seeded company (deterministic, big enough, every status present, duplicates recorded, partners'
extra details) and the booking simulator in a running sandbox (bookings arrive; an abandoned Scheduling Pro
session becomes a booking within seconds)."""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from csr_console.sandbox.routes import all_operations
from csr_console.sandbox.seed import open_or_seed
from csr_console.sandbox.seed.catalog import CALL_REASONS, OWN_CAMPAIGNS
from csr_console.sandbox.seed.duplicates import KIND as DUPLICATE_KIND
from csr_console.sandbox.seed.duplicates import duplicates
from csr_console.sandbox.seed.extra_details import parse_details
from csr_console.sandbox.seed.population import bulk_bookings
from csr_console.sandbox.seed.sources import SOURCES
from csr_console.sandbox.store import Store, parse_time, record
from tests.conftest import RunningSandbox

ALL = 1_000_000


def _seeded(path: Path, seed: int) -> tuple[Store, float]:
    store = Store(f"sqlite:///{path}")
    started = time.perf_counter()
    open_or_seed(store, seed)
    return store, time.perf_counter() - started


def _docs(store: Store, kind: str) -> list[dict[str, Any]]:
    with store.transaction():
        return store.query(kind, page_size=ALL).docs


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store, elapsed = _seeded(tmp_path_factory.mktemp("seed") / "seed.db", 1)
    print(f"\nseeding (seed 1) took {elapsed:.2f} s")
    yield store
    store.close()


def _fingerprint(store: Store) -> dict[str, Any]:
    with store.transaction():
        counts = store.conn.execute(
            select(record.c.kind, record.c.status, func.count()).group_by(record.c.kind, record.c.status)
        ).all()
    return {
        "counts": sorted((kind, status or "", n) for kind, status, n in counts),
        "customers": [(c["id"], c["name"]) for c in _docs(store, "customer")],
        "bookings": [
            (b["id"], b["name"], b["source"], b["status"], b["summary"], b["externalId"])
            for b in _docs(store, "booking")
        ],
        "duplicates": [
            (d["bookingId"], d["customerId"], d["variations"]) for d in _docs(store, DUPLICATE_KIND)
        ],
        "leads": [(lead["id"], lead["status"], lead["summary"]) for lead in _docs(store, "lead")],
    }


def test_the_same_seed_gives_the_same_company(seeded: Store, tmp_path: Path) -> None:
    again, elapsed = _seeded(tmp_path / "again.db", 1)
    print(f"\nseeding again took {elapsed:.2f} s")
    assert _fingerprint(again) == _fingerprint(seeded)
    other, _ = _seeded(tmp_path / "other.db", 2)
    assert [c["name"] for c in _docs(other, "customer")] != [c["name"] for c in _docs(seeded, "customer")]
    for store in (again, other):
        store.close()


def test_the_company_has_its_reference_data(seeded: Store) -> None:
    units = _docs(seeded, "business_unit")
    assert {u["name"] for u in units} == {
        f"{trade} {kind}"
        for trade in ("HVAC", "Plumbing", "Electrical")
        for kind in ("Service", "Install", "Maintenance")
    }
    job_types = _docs(seeded, "job_type")
    assert len(job_types) >= 20 and "Unknown" in {j["name"] for j in job_types}
    assert all(j["businessUnitIds"] for j in job_types)
    assert any(len(j["businessUnitIds"]) == 1 for j in job_types)
    assert any(len(j["businessUnitIds"]) > 1 for j in job_types)
    campaigns = {c["name"] for c in _docs(seeded, "campaign")}
    assert {s.tag_name for s in SOURCES if s.partner} <= campaigns
    assert {name for name, _category, _medium in OWN_CAMPAIGNS} <= campaigns
    reasons = {(r["name"], r["isLead"]) for r in _docs(seeded, "call_reason")}
    assert set(CALL_REASONS) <= reasons and {True, False} == {is_lead for _name, is_lead in reasons}
    technicians = _docs(seeded, "technician")
    assert 25 <= len(technicians) <= 40
    assert {t["businessUnitId"] for t in technicians} == {u["id"] for u in units}
    assert any(s["weekday"] == 5 for t in technicians for s in t["shifts"])  # Saturday on-call
    assert all(any(s["weekday"] < 5 for s in t["shifts"]) for t in technicians)
    assert 2 <= len(_docs(seeded, "scheduler")) <= 3


def test_customers_are_many_and_untidy(seeded: Store) -> None:
    customers = _docs(seeded, "customer")
    assert len(customers) >= 500
    assert Counter(c["type"] for c in customers).keys() == {"Residential", "Commercial"}
    names = " ".join(c["name"] for c in customers)
    assert any(not ch.isascii() for ch in names) and "'" in names
    locations = Counter(loc["customerId"] for loc in _docs(seeded, "location"))
    assert set(locations.values()) >= {1, 2} and max(locations.values()) <= 3
    contacts = _docs(seeded, "customer_contact")
    assert {c["type"] for c in contacts} >= {"Phone", "MobilePhone", "Email"}
    phones = [c["value"] for c in contacts if c["type"] != "Email"]
    assert (
        any(p.startswith("(") for p in phones)
        and any("." in p for p in phones)
        and any(p.isdigit() for p in phones)
    )


def test_sixty_days_of_history_in_every_status(seeded: Store) -> None:
    bookings = _docs(seeded, "booking")
    statuses = ("New", "Accepted", "Converted", "Dismissed")
    assert {(b["source"], b["status"]) for b in bookings} == {
        (s.tag_name, st) for s in SOURCES for st in statuses
    }
    oldest = min(parse_time(b["createdOn"]) for b in bookings)
    newest = max(parse_time(b["createdOn"]) for b in bookings)
    assert (newest - oldest).days >= 55
    jobs = {j["id"]: j for j in _docs(seeded, "job")}
    for booking in bookings:
        if booking["status"] == "Converted":
            assert jobs[booking["jobId"]]["bookingId"] == booking["id"]
        if booking["status"] == "Dismissed":
            assert booking["dismissingReasonId"] is not None
    assert sum(b["status"] == "New" for b in bookings) >= 15
    completed = [j for j in jobs.values() if j["jobStatus"] == "Completed"]
    assert completed and all(j["completedOn"] and j["total"] > 0 for j in completed if j["total"])
    assert sum(j["total"] > 0 for j in completed) > len(completed) / 2
    assert {"Scheduled", "Completed", "Canceled"} <= {j["jobStatus"] for j in jobs.values()}

    leads = _docs(seeded, "lead")
    assert {lead["status"] for lead in leads} == {"Open", "Dismissed", "Converted"}
    open_leads = [lead for lead in leads if lead["status"] == "Open"]
    assert all(lead["followUpDate"] for lead in open_leads)
    newest_stamp = max(b["createdOn"] for b in bookings)
    assert any(lead["followUpDate"] < newest_stamp for lead in open_leads)  # overdue
    assert any(lead["followUpDate"] > newest_stamp for lead in open_leads)
    assert any(lead["bookingId"] for lead in leads) and _docs(seeded, "lead_follow_up")

    sessions = _docs(seeded, "scheduler_session")
    assert any(s["jobId"] and s["lastStep"] == "Booked" for s in sessions)
    abandoned_late = [
        s for s in sessions if s["sessionOutcome"] == "Abandoned" and s["lastStep"] in ("Customer", "Details")
    ]
    assert abandoned_late and all(s["bookingId"] for s in abandoned_late)
    early = [
        s
        for s in sessions
        if s["sessionOutcome"] == "Abandoned" and s["lastStep"] not in ("Customer", "Details")
    ]
    assert early and not any(s["bookingId"] or s["jobId"] for s in early)


def test_duplicates_are_recorded_against_real_customers(seeded: Store) -> None:
    bookings = {b["id"]: b for b in _docs(seeded, "booking")}
    customers = {c["id"]: c for c in _docs(seeded, "customer")}
    locations = {loc["id"]: loc for loc in _docs(seeded, "location")}
    with seeded.transaction():
        found = duplicates(seeded)
    assert 0.08 <= len(found) / len(bookings) <= 0.25
    variations: Counter[str] = Counter()
    for duplicate in found:
        booking = bookings[duplicate["bookingId"]]
        customer = customers[duplicate["customerId"]]
        assert locations[duplicate["locationId"]]["customerId"] == customer["id"]
        assert duplicate["variations"] or booking["name"] == customer["name"]
        assert parse_time(customer["createdOn"]) <= parse_time(booking["createdOn"])
        variations.update(duplicate["variations"])
    assert {"nickname", "last_first", "missing_unit", "street_suffix", "phone_format", "email_case"} <= set(
        variations
    )
    # Sandbox-only: no API path serves the answer key.
    assert not any("duplicate" in operation.path.lower() for operation in all_operations())


def test_partners_extra_details_are_label_value_lines(seeded: Store) -> None:
    bookings = _docs(seeded, "booking")
    first_labels: dict[str, set[str]] = {}
    for source in SOURCES:
        mine = [b for b in bookings if b["source"] == source.tag_name]
        if source.details is None and source.key != "scheduling-pro":
            continue
        assert mine, source.tag_name
        for booking in mine:
            details = parse_details(booking["summary"])
            assert details, booking["summary"]
            assert all(label and value for label, value in details)
            first_labels.setdefault(source.tag_name, set()).add(details[0][0])
    assert first_labels["Angi"] == {"Angi Lead ID"}
    assert first_labels["The Home Depot"] == {"THD Order #"}
    assert first_labels["SmartAC.com"] == {"SmartAC Alert"}
    # Each partner has labels of its own.
    assert len({label for labels in first_labels.values() for label in labels}) == len(first_labels)
    summaries = " ".join(b["summary"] for b in bookings)
    assert "<" in summaries and "&amp;" in summaries
    assert any(b["address"] and None in b["address"].values() for b in bookings)
    assert any(b["address"] is None for b in bookings)


def test_bulk_bookings_adds_many_closed_bookings_quickly(seeded: Store, tmp_path: Path) -> None:
    with seeded.transaction():
        before = seeded.count("booking")
        duplicates_before = seeded.count(DUPLICATE_KIND)
        started = time.perf_counter()
        bulk_bookings(seeded, 2000, random.Random(9))
        elapsed = time.perf_counter() - started
        assert seeded.count("booking") == before + 2000
        assert seeded.count("booking", record.c.status == "Dismissed") >= 2000
        assert seeded.count(DUPLICATE_KIND) > duplicates_before
    print(f"\nbulk_bookings: 2000 in {elapsed:.2f} s")


# -- the simulator in a running sandbox ----------------------------------------------------------------------
def _client(sandbox: RunningSandbox) -> httpx.Client:
    token = httpx.post(
        sandbox.token_url,
        data={
            "grant_type": "client_credentials",
            "client_id": sandbox.client_id,
            "client_secret": sandbox.client_secret,
        },
    ).json()["access_token"]
    return httpx.Client(
        base_url=f"{sandbox.base_url}",
        headers={"Authorization": f"Bearer {token}", "ST-App-Key": sandbox.app_key},
        timeout=10,
    )


def test_the_simulator_keeps_bookings_arriving(sandbox_factory: Any) -> None:
    sandbox = sandbox_factory(lead_rate=120)
    crm = f"/crm/v2/tenant/{sandbox.tenant}"
    with _client(sandbox) as client:
        newest = client.get(f"{crm}/bookings", params={"sort": "-CreatedOn", "pageSize": 1}).json()["data"][0]
        deadline = time.monotonic() + 10
        arrived: list[dict[str, Any]] = []
        while time.monotonic() < deadline and len(arrived) < 3:
            time.sleep(0.5)
            answer = client.get(
                f"{crm}/bookings", params={"createdOnOrAfter": newest["createdOn"], "pageSize": 50}
            )
            arrived = [b for b in answer.json()["data"] if b["id"] != newest["id"]]
        assert len(arrived) >= 3
        assert all(b["status"] == "New" for b in arrived)
        contacts = client.get(f"{crm}/bookings/{arrived[0]['id']}/contacts").json()["data"]
        assert contacts or arrived[0]["address"]


def test_an_abandoned_session_becomes_a_booking_within_five_seconds(sandbox_factory: Any) -> None:
    sandbox = sandbox_factory(lead_rate=300)
    scheduling_pro = sandbox.provider("Scheduling Pro")["booking_provider"]
    crm, sp = f"/crm/v2/tenant/{sandbox.tenant}", f"/schedulingpro/v2/tenant/{sandbox.tenant}"
    with _client(sandbox) as client:
        schedulers = [s["id"] for s in client.get(f"{sp}/schedulers").json()["data"]]
        started = client.get(f"{crm}/bookings", params={"sort": "-CreatedOn", "pageSize": 1}).json()["data"][
            0
        ]
        linked: list[dict[str, Any]] = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not linked:
            time.sleep(1)
            for scheduler in schedulers:
                sessions = client.get(
                    f"{sp}/schedulers/{scheduler}/sessions",
                    params={"createdOnOrAfter": started["createdOn"], "pageSize": 200},
                ).json()["data"]
                linked += [s for s in sessions if s["sessionOutcome"] == "Abandoned" and s["bookingId"]]
        assert linked, "no abandoned session was sent on as a booking within 30 s"
        session = linked[0]
        assert session["lastStep"] in ("Customer", "Details")
        booking = client.get(f"{crm}/bookings/{session['bookingId']}").json()
        assert booking["bookingProviderId"] == scheduling_pro
        assert session["id"] in booking["summary"]
        delay = parse_time(booking["createdOn"]) - parse_time(session["createdOn"])
        assert 0 <= delay.total_seconds() <= 5

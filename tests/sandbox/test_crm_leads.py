"""CRM leads over real loopback HTTP: the create rules, a lead captured from a booking, follow-ups, notes,
dismissal, the filters a CSR's lead queue uses and the export feed; and the conversion rule jobs rely on.
Every answer is checked against the documented schema."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from csr_console.sandbox.http import ApiError
from csr_console.sandbox.routes.crm_leads import convert_lead, create_lead
from csr_console.sandbox.routes.marketing import create_campaign
from csr_console.sandbox.store import Store, format_time, now
from tests.conftest import RunningSandbox
from tests.sandbox._schema import check
from tests.sandbox.test_crm_customers import Crm


@pytest.fixture(scope="module")
def crm(sandbox: RunningSandbox) -> Iterator[Crm]:
    client = Crm(sandbox)
    yield client
    client.http.close()


@pytest.fixture(scope="module")
def reference(crm: Crm, sandbox: RunningSandbox) -> dict[str, int]:
    """A campaign, a lead call reason and a dismissing (non-lead) call reason of the seeded tenant."""
    tenant = sandbox.tenant
    campaigns = crm.http.get(f"/marketing/v2/tenant/{tenant}/campaigns").json()["data"]
    reasons = crm.http.get(f"/jbce/v2/tenant/{tenant}/call-reasons", params={"pageSize": 200}).json()["data"]
    assert campaigns and reasons, "the seeded sandbox has no campaigns or call reasons"
    return {
        "campaign": campaigns[0]["id"],
        "lead_reason": next(r["id"] for r in reasons if r["isLead"]),
        "dismiss_reason": next(r["id"] for r in reasons if not r["isLead"]),
    }


@pytest.fixture(scope="module")
def angi(sandbox: RunningSandbox) -> Iterator[tuple[httpx.Client, str]]:
    provider = sandbox.provider("Angi")
    token = httpx.post(
        sandbox.token_url,
        data={
            "grant_type": "client_credentials",
            "client_id": provider["client_id"],
            "client_secret": provider["client_secret"],
        },
    ).json()["access_token"]
    client = httpx.Client(
        base_url=sandbox.base_url, headers={"Authorization": f"Bearer {token}", "ST-App-Key": sandbox.app_key}
    )
    yield client, f"/crm/v2/tenant/{sandbox.tenant}/booking-provider/{provider['booking_provider']}/bookings"
    client.close()


def _new_lead(crm: Crm, reference: dict[str, int], **fields: Any) -> dict[str, Any]:
    request = {"campaignId": reference["campaign"], "summary": "Wants a quote", **fields}
    if "followUpDate" not in fields:
        request.setdefault("callReasonId", reference["lead_reason"])
    return dict(crm.call("POST", "/leads", json=request))


def test_a_lead_needs_a_call_reason_or_a_follow_up_date(crm: Crm, reference: dict[str, int]) -> None:
    rejected = crm.call(
        "POST", "/leads", expect=400, json={"campaignId": reference["campaign"], "summary": "no reason"}
    )
    assert {"callReasonId", "followUpDate"} <= set(rejected["errors"])
    missing = crm.call("POST", "/leads", expect=400, json={"callReasonId": reference["lead_reason"]})
    assert {"campaignId", "summary"} <= set(missing["errors"])
    unknown = crm.call(
        "POST",
        "/leads",
        expect=400,
        json={"campaignId": 1, "summary": "x", "followUpDate": "2030-01-01T00:00:00Z"},
    )
    assert set(unknown["errors"]) == {"campaignId"}
    lead = _new_lead(crm, reference, followUpDate="2030-01-01T15:00:00Z")
    assert (lead["status"], lead["priority"], lead["callReasonId"]) == ("Open", "Normal", None)
    assert lead["followUpDate"].startswith("2030-01-01T15:00:00")
    assert crm.call("GET", f"/leads/{lead['id']}") == lead
    crm.call("GET", "/leads/1", expect=404)


def test_a_lead_captured_from_a_booking_dismisses_it_and_links_it(
    crm: Crm, reference: dict[str, int], angi: tuple[httpx.Client, str]
) -> None:
    provider, bookings = angi
    booking = provider.post(
        bookings,
        json={
            "source": "Angi",
            "name": "Ada Lovelace",
            "summary": "Water heater leaking",
            "isFirstTimeClient": True,
            "externalId": f"lead-test-{uuid.uuid4()}",
            "address": {
                "street": "12 Elm St",
                "city": "Austin",
                "state": "TX",
                "zip": "78701",
                "country": "USA",
            },
            "contacts": [
                {"type": "Email", "value": "ada@example.com"},
                {"type": "Phone", "value": "512-555-0188"},
            ],
        },
    ).json()
    lead = _new_lead(crm, reference, bookingId=booking["id"], leadCity="Round Rock")
    assert lead["bookingId"] == booking["id"]
    assert (lead["leadCustomerName"], lead["leadPhone"], lead["leadEmail"]) == (
        "Ada Lovelace",
        "512-555-0188",
        "ada@example.com",
    )
    assert (lead["leadStreet"], lead["leadUnit"], lead["leadCity"]) == ("12 Elm St", None, "Round Rock")
    dismissed = crm.call("GET", f"/bookings/{booking['id']}")
    assert (dismissed["status"], dismissed["dismissingReasonId"]) == ("Dismissed", reference["lead_reason"])
    again = crm.call(
        "POST", "/leads", expect=400, json={**_lead_request(reference), "bookingId": booking["id"]}
    )
    assert "bookingId" in again["errors"]
    missing = crm.call("POST", "/leads", expect=400, json={**_lead_request(reference), "bookingId": 1})
    assert "bookingId" in missing["errors"]


def _lead_request(reference: dict[str, int]) -> dict[str, Any]:
    return {"campaignId": reference["campaign"], "summary": "x", "callReasonId": reference["lead_reason"]}


def test_follow_up_notes_patch_and_dismissal(crm: Crm, reference: dict[str, int]) -> None:
    lead = _new_lead(crm, reference, leadCustomerName="Follow Me")
    follow_up = crm.call(
        "POST",
        f"/leads/{lead['id']}/follow-up",
        json={"followUpDate": "2031-03-04T16:00:00Z", "text": "Call after payday", "pinToTop": True},
    )
    assert (follow_up["leadId"], follow_up["text"], follow_up["pinToTop"]) == (
        lead["id"],
        "Call after payday",
        True,
    )
    after = crm.call("GET", f"/leads/{lead['id']}")
    assert (
        after["followUpDate"].startswith("2031-03-04T16:00:00") and after["modifiedOn"] > lead["modifiedOn"]
    )
    crm.call("POST", f"/leads/{lead['id']}/follow-up", expect=400, json={"text": "no date"})

    crm.call("POST", f"/leads/{lead['id']}/notes", json={"text": "Prefers mornings", "pinToTop": True})
    assert [(n["text"], n["isPinned"]) for n in crm.data(f"/leads/{lead['id']}/notes")] == [
        ("Prefers mornings", True)
    ]
    patched = crm.call(
        "PATCH", f"/leads/{lead['id']}", json={"priority": "High", "leadPhone": "(512) 555-0199"}
    )
    assert (patched["priority"], patched["leadPhone"]) == ("High", "(512) 555-0199")
    crm.call("PATCH", f"/leads/{lead['id']}", expect=400, json={"priority": "Whenever"})

    crm.call("POST", f"/leads/{lead['id']}/dismiss", expect=400, json={"dismissingReasonId": 1})
    assert (
        crm.call(
            "POST", f"/leads/{lead['id']}/dismiss", json={"dismissingReasonId": reference["dismiss_reason"]}
        )
        is None
    )
    dismissed = crm.call("GET", f"/leads/{lead['id']}")
    assert (dismissed["status"], dismissed["dismissingReasonId"]) == (
        "Dismissed",
        reference["dismiss_reason"],
    )
    twice = crm.call(
        "POST",
        f"/leads/{lead['id']}/dismiss",
        expect=400,
        json={"dismissingReasonId": reference["dismiss_reason"]},
    )
    assert "Dismissed" in twice["title"]
    crm.call(
        "POST", f"/leads/{lead['id']}/follow-up", expect=400, json={"followUpDate": "2031-03-05T16:00:00Z"}
    )


def test_the_lead_queue_filters(crm: Crm, reference: dict[str, int]) -> None:
    address = {
        "street": "3 Filter Ln",
        "unit": None,
        "city": "Austin",
        "state": "TX",
        "zip": "78705",
        "country": "USA",
    }
    customer = crm.call(
        "POST",
        "/customers",
        json={
            "name": "Filter Customer",
            "address": address,
            "locations": [{"name": "Home", "address": address}],
        },
    )
    with_customer = _new_lead(
        crm,
        reference,
        customerId=customer["id"],
        locationId=customer["locations"][0]["id"],
        leadPhone="+1 (737) 555-0161",
    )
    walk_in = _new_lead(crm, reference, leadCustomerName="Walk In Wanda", leadPhone="737.555.0162")
    dismissed = _new_lead(crm, reference, leadCustomerName="Gone Gary")
    crm.call(
        "POST", f"/leads/{dismissed['id']}/dismiss", json={"dismissingReasonId": reference["dismiss_reason"]}
    )

    def ids(**params: Any) -> set[int]:
        return {lead["id"] for lead in crm.data("/leads", pageSize=5000, **params)}

    mine = {with_customer["id"], walk_in["id"], dismissed["id"]}
    assert ids(status="Open") & mine == {with_customer["id"], walk_in["id"]}
    assert ids(status="Dismissed") & mine == {dismissed["id"]}
    assert ids(withoutCustomer="true") & mine == {walk_in["id"], dismissed["id"]}
    assert ids(withoutCustomer="false") & mine == {with_customer["id"]}
    assert ids(customerId=customer["id"]) == {with_customer["id"]}
    assert ids(customerZip="78705-0001") & mine == {with_customer["id"]}
    assert ids(leadPhone="7375550161") & mine == {with_customer["id"]}
    assert ids(leadPhone="555-0162") & mine == {walk_in["id"]}
    assert ids(leadCustomerName="wanda") & mine == {walk_in["id"]}
    assert ids(isProspect="true") & mine == mine  # no jobs yet
    assert ids(ids=f"{walk_in['id']},{dismissed['id']}", status="Open") == {walk_in["id"]}
    newest = crm.data("/leads", sort="-Id", pageSize=1)[0]
    assert newest["id"] >= dismissed["id"]
    crm.call("GET", "/leads", expect=400, params={"status": "Won"})
    crm.call("GET", "/leads", expect=400, params={"sort": "+Priority"})


def test_the_leads_export_continues_and_shows_changes(crm: Crm, reference: dict[str, int]) -> None:
    start = crm.call("GET", "/export/leads", params={"includeRecentChanges": "true"})
    cursor = start["continueFrom"]
    while start["hasMore"]:
        start = crm.call("GET", "/export/leads", params={"includeRecentChanges": "true", "from": cursor})
        cursor = start["continueFrom"]
    lead = _new_lead(crm, reference)
    batch = crm.call("GET", "/export/leads", params={"includeRecentChanges": "true", "from": cursor})
    assert [(r["id"], r["status"], r["active"]) for r in batch["data"]] == [(lead["id"], "Open", True)]
    crm.call("POST", f"/leads/{lead['id']}/dismiss", json={"dismissingReasonId": reference["dismiss_reason"]})
    later = crm.call(
        "GET", "/export/leads", params={"includeRecentChanges": "true", "from": batch["continueFrom"]}
    )
    assert [(r["id"], r["status"]) for r in later["data"]] == [(lead["id"], "Dismissed")]
    crm.call("GET", "/export/leads", expect=400, params={"from": "not a token"})


def test_booking_a_job_converts_an_open_lead_once(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'leads.db'}")
    stamp = format_time(now())
    with store.transaction():
        campaign = create_campaign(store, "Yard signs", stamp)
        lead = create_lead(
            store,
            {"campaignId": campaign["id"], "summary": "Quote", "followUpDate": stamp},
            stamp,
            created_by_id=7,
        )
        converted = convert_lead(store, lead["id"], 123, stamp)
        assert converted["status"] == "Converted" and store.get("lead", lead["id"]) == converted
        with pytest.raises(ApiError) as second:
            convert_lead(store, lead["id"], 124, stamp)
        assert second.value.status == 409 and "Converted" in second.value.title
        with pytest.raises(ApiError) as unknown:
            convert_lead(store, 1, 125, stamp)
        assert unknown.value.status == 400 and "leadId" in unknown.value.errors
    store.close()


def test_schema_checks_catch_a_wrong_answer() -> None:
    with pytest.raises(AssertionError):
        check("GET", "/crm/v2/tenant/1/leads/2", 200, {"id": 2, "status": "Won"})

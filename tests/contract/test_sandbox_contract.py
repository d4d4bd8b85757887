"""The sandbox answers by the official documents: every operation the console uses, in success and
in error, with each response (and each request this scenario sends) checked against the schemas."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine

from csr_console.sandbox.store import metadata
from tests.contract.openapi import Contract
from tests.contract.recorder import ContractRecorder, recording_client, token

CRM = "/crm/v2/tenant/{t}"

# Every operation of the issue; the scenario must answer each one successfully at least once.
REQUIRED = {
    "GET /crm/v2/tenant/{tenant}/bookings",
    "GET /crm/v2/tenant/{tenant}/bookings/{id}",
    "GET /crm/v2/tenant/{tenant}/bookings/{id}/contacts",
    "GET /crm/v2/tenant/{tenant}/booking-provider/{booking_provider}/bookings",
    "POST /crm/v2/tenant/{tenant}/booking-provider/{booking_provider}/bookings",
    "GET /crm/v2/tenant/{tenant}/booking-provider/{booking_provider}/bookings/{id}",
    "PATCH /crm/v2/tenant/{tenant}/booking-provider/{booking_provider}/bookings/{id}",
    "GET /crm/v2/tenant/{tenant}/booking-provider/{booking_provider}/bookings/{id}/contacts",
    "POST /crm/v2/tenant/{tenant}/booking-provider/{booking_provider}/bookings/{id}/contacts",
    "PATCH /crm/v2/tenant/{tenant}/booking-provider/{booking_provider}/bookings/{id}/contacts/{contactId}",
    "DELETE /crm/v2/tenant/{tenant}/booking-provider/{booking_provider}/bookings/{id}/contacts/{contactId}",
    "POST /crm/v2/tenant/{tenant}/booking-provider/{booking_provider}/bookings/{id}/dismiss",
    "GET /crm/v2/tenant/{tenant}/export/bookings",
    "GET /crm/v2/tenant/{tenant}/booking-provider-tags",
    "GET /crm/v2/tenant/{tenant}/customers",
    "GET /crm/v2/tenant/{tenant}/customers/{id}",
    "POST /crm/v2/tenant/{tenant}/customers",
    "PATCH /crm/v2/tenant/{tenant}/customers/{id}",
    "GET /crm/v2/tenant/{tenant}/customers/{id}/contacts",
    "POST /crm/v2/tenant/{tenant}/customers/{id}/contacts",
    "GET /crm/v2/tenant/{tenant}/customers/{id}/notes",
    "POST /crm/v2/tenant/{tenant}/customers/{id}/notes",
    "GET /crm/v2/tenant/{tenant}/locations",
    "GET /crm/v2/tenant/{tenant}/locations/{id}",
    "POST /crm/v2/tenant/{tenant}/locations",
    "PATCH /crm/v2/tenant/{tenant}/locations/{id}",
    "GET /crm/v2/tenant/{tenant}/locations/{id}/contacts",
    "POST /crm/v2/tenant/{tenant}/locations/{id}/contacts",
    "GET /crm/v2/tenant/{tenant}/contacts/contact-methods",
    "GET /crm/v2/tenant/{tenant}/leads",
    "GET /crm/v2/tenant/{tenant}/leads/{id}",
    "POST /crm/v2/tenant/{tenant}/leads",
    "PATCH /crm/v2/tenant/{tenant}/leads/{id}",
    "POST /crm/v2/tenant/{tenant}/leads/{id}/follow-up",
    "GET /crm/v2/tenant/{tenant}/leads/{id}/notes",
    "POST /crm/v2/tenant/{tenant}/leads/{id}/notes",
    "POST /crm/v2/tenant/{tenant}/leads/{id}/dismiss",
    "GET /crm/v2/tenant/{tenant}/export/leads",
    "POST /jpm/v2/tenant/{tenant}/jobs",
    "GET /jpm/v2/tenant/{tenant}/jobs/{id}",
    "GET /jpm/v2/tenant/{tenant}/jobs",
    "GET /jpm/v2/tenant/{tenant}/appointments",
    "GET /jpm/v2/tenant/{tenant}/job-types",
    "GET /settings/v2/tenant/{tenant}/business-units",
    "GET /settings/v2/tenant/{tenant}/technicians",
    "GET /settings/v2/tenant/{tenant}/tag-types",
    "GET /marketing/v2/tenant/{tenant}/campaigns",
    "GET /jbce/v2/tenant/{tenant}/call-reasons",
    "POST /dispatch/v2/tenant/{tenant}/capacity",
    "GET /schedulingpro/v2/tenant/{tenant}/schedulers",
    "GET /schedulingpro/v2/tenant/{tenant}/schedulers/{id}/sessions",
    "GET /schedulingpro/v2/tenant/{tenant}/schedulers/{id}/performance",
}

APP_GUID = str(uuid.UUID("6f1c2a8e-3b7d-4c59-9e0a-5d2f8b1c4e77"))


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def recorder(contract: Contract) -> ContractRecorder:
    return ContractRecorder(contract)


def _first(client: httpx.Client, path: str, **params: Any) -> dict[str, Any]:
    answer = client.get(path, params={"pageSize": 50, **params})
    assert answer.status_code == 200, answer.text
    data = answer.json()["data"]
    assert data, f"{path} is empty in the seeded sandbox"
    return dict(data[0])


def test_every_operation_keeps_the_contract(sandbox: Any, recorder: ContractRecorder) -> None:
    _every_operation(sandbox, recorder)


def test_every_operation_keeps_the_contract_on_postgresql(
    sandbox_factory: Any, recorder: ContractRecorder
) -> None:
    """The same scenario on a sandbox whose database is PostgreSQL (a team's shared training tenant)."""
    url = os.environ.get("CSR_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("CSR_TEST_POSTGRES_URL is not set (.ci/run starts a PostgreSQL server and sets it)")
    engine = create_engine(url)
    metadata.drop_all(engine)  # a fresh tenant each run
    engine.dispose()
    _every_operation(sandbox_factory(db_path=url, rate_limit=0, timeout=120), recorder)


def _every_operation(sandbox: Any, recorder: ContractRecorder) -> None:
    t = sandbox.tenant
    tenant = recording_client(
        recorder,
        sandbox.base_url,
        sandbox.app_key,
        token(sandbox.base_url, sandbox.client_id, sandbox.client_secret),
    )
    angi = sandbox.provider("Angi")
    provider = recording_client(
        recorder,
        sandbox.base_url,
        sandbox.app_key,
        token(sandbox.base_url, angi["client_id"], angi["client_secret"]),
    )
    crm = CRM.format(t=t)
    bp = f"{crm}/booking-provider/{angi['booking_provider']}"

    # -- reference data -----------------------------------------------------------------------------
    business_unit = _first(tenant, f"/settings/v2/tenant/{t}/business-units")
    _first(tenant, f"/settings/v2/tenant/{t}/technicians")
    _first(tenant, f"/settings/v2/tenant/{t}/tag-types", active="Any", sort="+ModifiedOn")
    campaign = _first(tenant, f"/marketing/v2/tenant/{t}/campaigns")
    job_types = tenant.get(f"/jpm/v2/tenant/{t}/job-types", params={"pageSize": 200}).json()["data"]
    job_type = next(
        j for j in job_types if not j.get("businessUnitIds") or business_unit["id"] in j["businessUnitIds"]
    )
    reasons = tenant.get(f"/jbce/v2/tenant/{t}/call-reasons", params={"pageSize": 200}).json()["data"]
    lead_reason = next(r for r in reasons if r.get("isLead"))
    dismiss_reason = next(r for r in reasons if not r.get("isLead"))
    _first(tenant, f"{crm}/booking-provider-tags")

    # -- bookings -----------------------------------------------------------------------------------
    start = datetime.now(UTC) + timedelta(days=2)
    created = provider.post(
        f"{bp}/bookings",
        json={
            "source": "Angi",
            "name": "Contract Test Customer",
            "address": {
                "street": "1 Test Way",
                "unit": None,
                "city": "Austin",
                "state": "TX",
                "zip": "78701",
                "country": "USA",
            },
            "contacts": [{"type": "MobilePhone", "value": "(512) 555-0199", "memo": "cell"}],
            "customerType": "Residential",
            "start": _iso(start),
            "summary": "AC blowing warm air\nAngi Lead ID: 1",
            "isFirstTimeClient": True,
            "externalId": "contract-1",
            "campaignId": campaign["id"],
        },
    )
    assert created.status_code == 200, created.text
    booking = created.json()
    assert (
        provider.get(f"{bp}/bookings", params={"externalId": "contract-1"}).json()["data"][0]["id"]
        == booking["id"]
    )
    assert provider.get(f"{bp}/bookings/{booking['id']}").status_code == 200
    assert (
        provider.patch(
            f"{bp}/bookings/{booking['id']}", json={"summary": "AC blowing warm air (updated)"}
        ).status_code
        == 200
    )
    contact = provider.post(
        f"{bp}/bookings/{booking['id']}/contacts", json={"type": "Email", "value": "ct@example.com"}
    ).json()
    assert provider.get(f"{bp}/bookings/{booking['id']}/contacts").status_code == 200
    assert (
        provider.patch(
            f"{bp}/bookings/{booking['id']}/contacts/{contact['id']}", json={"memo": "work"}
        ).status_code
        == 200
    )
    assert provider.delete(f"{bp}/bookings/{booking['id']}/contacts/{contact['id']}").status_code == 200
    assert (
        tenant.get(
            f"{crm}/bookings", params={"pageSize": 5, "includeTotal": "true", "sort": "+ModifiedOn"}
        ).status_code
        == 200
    )
    assert tenant.get(f"{crm}/bookings/{booking['id']}").status_code == 200
    assert tenant.get(f"{crm}/bookings/{booking['id']}/contacts").status_code == 200
    assert tenant.get(f"{crm}/export/bookings", params={"includeRecentChanges": "true"}).status_code == 200

    # A second booking, dismissed.
    second = provider.post(
        f"{bp}/bookings",
        json={
            "source": "Angi",
            "name": "To Dismiss",
            "summary": "spam",
            "isFirstTimeClient": False,
            "externalId": "contract-2",
            "contacts": [{"type": "Phone", "value": "5125550100"}],
        },
    ).json()
    assert (
        provider.post(
            f"{bp}/bookings/{second['id']}/dismiss",
            json={"callReasonId": dismiss_reason["id"], "dismissingMemo": "test"},
        ).status_code
        == 200
    )

    # -- customers, locations, contacts ---------------------------------------------------------------
    address = {
        "street": "1 Test Way",
        "unit": None,
        "city": "Austin",
        "state": "TX",
        "zip": "78701",
        "country": "USA",
    }
    customer_answer = tenant.post(
        f"{crm}/customers",
        json={
            "name": "Contract Test Customer",
            "type": "Residential",
            "address": address,
            "locations": [
                {
                    "name": "Home",
                    "address": address,
                    "contacts": [{"type": "Email", "value": "ct@example.com"}],
                }
            ],
            "contacts": [{"type": "MobilePhone", "value": "512-555-0199"}],
            "externalData": {
                "applicationGuid": APP_GUID,
                "externalData": [{"key": "csr-op", "value": "op-1:customer"}],
            },
        },
    )
    assert customer_answer.status_code == 200, customer_answer.text
    customer = customer_answer.json()
    location = customer["locations"][0]
    assert tenant.get(f"{crm}/customers", params={"phone": "5125550199"}).json()["data"]
    assert tenant.get(
        f"{crm}/customers",
        params={
            "externalDataApplicationGuid": APP_GUID,
            "externalDataKey": "csr-op",
            "externalDataValues": "op-1:customer",
        },
    ).json()["data"]
    assert tenant.get(f"{crm}/customers/{customer['id']}").status_code == 200
    assert tenant.patch(f"{crm}/customers/{customer['id']}", json={"doNotMail": True}).status_code == 200
    assert (
        tenant.post(
            f"{crm}/customers/{customer['id']}/contacts", json={"type": "Phone", "value": "512 555 0150"}
        ).status_code
        == 200
    )
    assert tenant.get(f"{crm}/customers/{customer['id']}/contacts").status_code == 200
    assert (
        tenant.post(f"{crm}/customers/{customer['id']}/notes", json={"text": "Gate code 1234"}).status_code
        == 200
    )
    assert tenant.get(f"{crm}/customers/{customer['id']}/notes").status_code == 200
    assert tenant.get(f"{crm}/locations", params={"customerId": customer["id"]}).json()["data"]
    assert tenant.get(f"{crm}/locations/{location['id']}").status_code == 200
    new_location = tenant.post(
        f"{crm}/locations",
        json={"customerId": customer["id"], "name": "Rental", "address": {**address, "street": "9 Other St"}},
    )
    assert new_location.status_code == 200, new_location.text
    patched = tenant.patch(f"{crm}/locations/{location['id']}", json={"address": {**address, "unit": "B"}})
    assert patched.status_code == 200, patched.text
    assert (
        tenant.post(
            f"{crm}/locations/{location['id']}/contacts", json={"type": "Phone", "value": "5125550151"}
        ).status_code
        == 200
    )
    assert tenant.get(f"{crm}/locations/{location['id']}/contacts").status_code == 200
    assert tenant.get(
        f"{crm}/contacts/contact-methods", params={"type": "Email", "value": "CT@example.com"}
    ).json()["data"]

    # -- jobs, capacity, appointments -----------------------------------------------------------------
    capacity = tenant.post(
        f"/dispatch/v2/tenant/{t}/capacity",
        json={
            "startsOnOrAfter": _iso(start),
            "endsOnOrBefore": _iso(start + timedelta(days=3)),
            "businessUnitIds": [business_unit["id"]],
            "jobTypeId": job_type["id"],
            "skillBasedAvailability": False,
        },
    )
    assert capacity.status_code == 200, capacity.text
    job_answer = tenant.post(
        f"/jpm/v2/tenant/{t}/jobs",
        json={
            "customerId": customer["id"],
            "locationId": location["id"],
            "businessUnitId": business_unit["id"],
            "jobTypeId": job_type["id"],
            "priority": "Normal",
            "campaignId": campaign["id"],
            "appointments": [
                {
                    "start": _iso(start),
                    "end": _iso(start + timedelta(hours=2)),
                    "arrivalWindowStart": _iso(start),
                    "arrivalWindowEnd": _iso(start + timedelta(hours=4)),
                }
            ],
            "summary": "<p>AC blowing warm air</p>",
            "bookingId": booking["id"],
            "externalData": {
                "applicationGuid": APP_GUID,
                "externalData": [{"key": "csr-op", "value": "op-1:job"}],
            },
        },
    )
    assert job_answer.status_code == 200, job_answer.text
    job = job_answer.json()
    assert tenant.get(f"/jpm/v2/tenant/{t}/jobs/{job['id']}").status_code == 200
    assert tenant.get(f"/jpm/v2/tenant/{t}/jobs", params={"bookingId": booking["id"]}).json()["data"]
    assert tenant.get(f"/jpm/v2/tenant/{t}/appointments", params={"jobId": job["id"]}).json()["data"]
    assert tenant.get(f"{crm}/bookings/{booking['id']}").json()["status"] == "Converted"

    # -- leads ----------------------------------------------------------------------------------------
    lead_answer = tenant.post(
        f"{crm}/leads",
        json={
            "campaignId": campaign["id"],
            "summary": "Wants a quote in spring",
            "callReasonId": lead_reason["id"],
            "customerId": customer["id"],
            "locationId": location["id"],
        },
    )
    assert lead_answer.status_code == 200, lead_answer.text
    lead = lead_answer.json()
    assert tenant.get(f"{crm}/leads", params={"status": "Open", "customerId": customer["id"]}).json()["data"]
    assert tenant.get(f"{crm}/leads/{lead['id']}").status_code == 200
    assert tenant.patch(f"{crm}/leads/{lead['id']}", json={"priority": "High"}).status_code == 200
    follow_up = tenant.post(
        f"{crm}/leads/{lead['id']}/follow-up",
        json={"followUpDate": _iso(start), "text": "Call back", "pinToTop": False},
    )
    assert follow_up.status_code == 200, follow_up.text
    assert (
        tenant.post(f"{crm}/leads/{lead['id']}/notes", json={"text": "Prefers mornings"}).status_code == 200
    )
    assert tenant.get(f"{crm}/leads/{lead['id']}/notes").status_code == 200
    assert (
        tenant.post(
            f"{crm}/leads/{lead['id']}/dismiss", json={"dismissingReasonId": dismiss_reason["id"]}
        ).status_code
        == 200
    )
    assert tenant.get(f"{crm}/export/leads", params={"includeRecentChanges": "true"}).status_code == 200

    # -- Scheduling Pro -------------------------------------------------------------------------------
    scheduler = _first(tenant, f"/schedulingpro/v2/tenant/{t}/schedulers")
    sessions = tenant.get(
        f"/schedulingpro/v2/tenant/{t}/schedulers/{scheduler['id']}/sessions", params={"pageSize": 100}
    )
    assert sessions.status_code == 200 and sessions.json()["data"]
    since = _iso(datetime.now(UTC) - timedelta(days=60))
    performance = tenant.get(
        f"/schedulingpro/v2/tenant/{t}/schedulers/{scheduler['id']}/performance",
        params={
            "sessionCreatedOnOrAfter": since,
            "sessionCreatedBefore": _iso(datetime.now(UTC) + timedelta(days=1)),
        },
    )
    assert performance.status_code == 200, performance.text

    # -- errors keep the contract too ---------------------------------------------------------------
    assert tenant.get(f"{crm}/bookings/1").status_code == 404
    assert tenant.get(f"{crm}/bookings", params={"sort": "+Colour"}).status_code == 400
    assert tenant.get(f"{crm}/bookings", params={"pageSize": 5001}).status_code == 400
    assert provider.post(f"{bp}/bookings", json={"name": "No source"}).status_code == 400
    assert (
        tenant.post(
            f"{crm}/leads", json={"campaignId": campaign["id"], "summary": "no reason, no date"}
        ).status_code
        == 400
    )
    second_job = tenant.post(
        f"/jpm/v2/tenant/{t}/jobs",
        json={
            **{k: job[k] for k in ("customerId", "locationId", "businessUnitId", "jobTypeId", "campaignId")},
            "priority": "Normal",
            "bookingId": booking["id"],
            "appointments": [{"start": _iso(start), "end": _iso(start + timedelta(hours=2))}],
        },
    )
    assert second_job.status_code == 409
    assert provider.get(f"{crm}/bookings").status_code == 403

    assert not recorder.problems, "\n".join(recorder.problems)
    missing = REQUIRED - recorder.covered(success_only=True)
    assert not missing, f"operations never answered successfully: {sorted(missing)}"

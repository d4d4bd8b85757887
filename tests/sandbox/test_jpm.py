"""JPM in the sandbox: booking jobs (from bookings and leads), their validation, externalData, the job
and appointment lists, job types, and dispatch capacity shrinking as jobs are booked."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from csr_console.sandbox.routes import crm_leads, jbce, jpm, marketing, settings
from csr_console.sandbox.routes.crm_bookings import create_booking
from csr_console.sandbox.store import format_time, parse_time
from tests.conftest import RunningSandbox
from tests.sandbox._openapi_check import CheckedClient, sandbox_store

JPM = "/jpm/v2/tenant/{tenant}"
DISPATCH = "/dispatch/v2/tenant/{tenant}"
CRM = "/crm/v2/tenant/{tenant}"
APP = "3f2c8a4e-1b7d-4c55-9a61-0d2e8f4b7c19"
OTHER_APP = "a9d14f30-6c2e-4b8a-8f75-2e1c9b0d4a66"


@dataclass
class Company:
    """Reference data of this module's own (fresh business units, so capacity is predictable)."""

    hvac: dict[str, Any]
    plumbing: dict[str, Any]
    technicians: list[dict[str, Any]]
    tune_up: dict[str, Any]  # allowed in hvac only, needs the HVAC skill
    drain: dict[str, Any]  # allowed in plumbing only
    campaign: dict[str, Any]
    lead_reason: dict[str, Any]
    customer_id: int
    location_id: int
    other_location_id: int  # another customer's location
    provider_id: int


def _customer_location(api: CheckedClient, name: str) -> tuple[int, int]:
    """A new customer with one location, created as the console would."""
    address = {
        "street": "4100 Mockingbird Ln",
        "city": "Dallas",
        "state": "TX",
        "zip": "75205",
        "country": "USA",
    }
    answer = api.post(
        CRM + "/customers",
        {
            "name": name,
            "type": "Residential",
            "address": address,
            "locations": [{"name": "Home", "address": address}],
        },
    )
    assert answer.status_code == 200, answer.text
    customer = answer.json()
    return customer["id"], customer["locations"][0]["id"]


@pytest.fixture(scope="module")
def api(sandbox: RunningSandbox) -> Iterator[CheckedClient]:
    client = CheckedClient(sandbox)
    yield client
    client.close()


@pytest.fixture(scope="module")
def company(sandbox: RunningSandbox, api: CheckedClient) -> Company:
    tag = uuid.uuid4().hex[:6]
    customer_id, location_id = _customer_location(api, f"Ada Lovelace {tag}")
    _, other_location_id = _customer_location(api, f"Grace Hopper {tag}")
    with sandbox_store(sandbox) as (store, stamp):
        hvac = settings.create_business_unit(store, f"HVAC Service {tag}", stamp, trade="HVAC")
        plumbing = settings.create_business_unit(store, f"Plumbing {tag}", stamp, trade="Plumbing")
        technicians = [
            settings.create_technician(store, f"Ann Lee {tag}", hvac["id"], stamp, skills=["HVAC"]),
            settings.create_technician(store, f"Bo Ray {tag}", hvac["id"], stamp, skills=["HVAC"]),
        ]
        tune_up = jpm.create_job_type(
            store,
            f"AC Tune-Up {tag}",
            stamp,
            business_unit_ids=[hvac["id"]],
            skills=["HVAC"],
            duration_s=7200,
        )
        drain = jpm.create_job_type(
            store, f"Drain Cleaning {tag}", stamp, business_unit_ids=[plumbing["id"]], duration_s=3600
        )
        campaign = marketing.create_campaign(store, f"Google Ads {tag}", stamp, category="Online")
        lead_reason = jbce.create_call_reason(store, f"Wants a quote {tag}", True, stamp)
    return Company(
        hvac,
        plumbing,
        technicians,
        tune_up,
        drain,
        campaign,
        lead_reason,
        customer_id,
        location_id,
        other_location_id,
        int(sandbox.providers[0]["booking_provider"]),
    )


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _monday(weeks_ahead: int) -> datetime:
    """A Monday in the company's zone, noon UTC (inside the working day in the Americas)."""
    today = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    return today + timedelta(days=7 * weeks_ahead - today.weekday())


def _job(company: Company, start: datetime, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "customerId": company.customer_id,
        "locationId": company.location_id,
        "businessUnitId": company.hvac["id"],
        "jobTypeId": company.tune_up["id"],
        "campaignId": company.campaign["id"],
        "priority": "Normal",
        "appointments": [
            {
                "start": _iso(start),
                "end": _iso(start + timedelta(hours=2)),
                "arrivalWindowStart": _iso(start),
                "arrivalWindowEnd": _iso(start + timedelta(hours=2)),
                "technicianIds": [],
            }
        ],
        "summary": "<p>AC blowing <b>warm</b> air</p>",
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not None}


def _new_booking(sandbox: RunningSandbox, company: Company) -> dict[str, Any]:
    with sandbox_store(sandbox) as (store, stamp):
        return create_booking(
            store,
            company.provider_id,
            {"source": "Test", "name": "Ada Lovelace", "summary": "AC out", "externalId": uuid.uuid4().hex},
            [{"type": "Phone", "value": "5125550101"}],
            stamp,
        )


# -- booking jobs -------------------------------------------------------------------------------------------
def test_a_job_with_booking_id_converts_the_booking_and_a_second_job_is_409(
    sandbox: RunningSandbox, company: Company, api: CheckedClient
) -> None:
    booking = _new_booking(sandbox, company)
    body = _job(company, _monday(5), bookingId=booking["id"])
    answer = api.post(JPM + "/jobs", body)
    assert answer.status_code == 200, answer.text
    job = answer.json()
    assert job["bookingId"] == booking["id"] and job["jobStatus"] == "Scheduled"
    assert job["jobNumber"] and job["invoiceId"] and job["customerPo"] == ""
    assert job["summary"] == body["summary"]  # HTML kept as given
    assert job["appointmentCount"] == 1 and job["firstAppointmentId"] == job["lastAppointmentId"]

    converted = api.get(CRM + f"/bookings/{booking['id']}").json()
    assert converted["status"] == "Converted" and converted["jobId"] == job["id"]

    second = api.post(JPM + "/jobs", body)
    assert second.status_code == 409, second.text
    assert "bookingId" in second.json()["errors"]
    jobs = api.get(JPM + "/jobs", bookingId=booking["id"]).json()["data"]
    assert [j["id"] for j in jobs] == [job["id"]]

    appointment = api.get(JPM + f"/appointments/{job['firstAppointmentId']}").json()
    assert appointment["jobId"] == job["id"] and appointment["status"] == "Scheduled"
    assert appointment["start"] == format_time(parse_time(body["appointments"][0]["start"]))
    assert "technicianIds" not in appointment


def test_a_job_for_a_dismissed_booking_is_409_and_nothing_is_created(
    sandbox: RunningSandbox, company: Company, api: CheckedClient
) -> None:
    booking = _new_booking(sandbox, company)
    with sandbox_store(sandbox) as (store, stamp):
        from csr_console.sandbox.routes.crm_bookings import dismiss_booking

        dismiss_booking(store, booking["id"], None, "duplicate", stamp)
        jobs_before = store.count("job")
    answer = api.post(JPM + "/jobs", _job(company, _monday(5), bookingId=booking["id"]))
    assert answer.status_code == 409
    with sandbox_store(sandbox) as (store, _):
        assert store.count("job") == jobs_before


def test_a_job_with_lead_id_converts_the_lead(
    sandbox: RunningSandbox, company: Company, api: CheckedClient
) -> None:
    if not hasattr(crm_leads, "convert_lead"):
        pytest.skip("crm_leads.convert_lead is not written yet")
    lead = api.post(
        CRM + "/leads",
        {
            "campaignId": company.campaign["id"],
            "summary": "Quote for a new system",
            "callReasonId": company.lead_reason["id"],
            "customerId": company.customer_id,
            "locationId": company.location_id,
        },
    )
    assert lead.status_code == 200, lead.text
    answer = api.post(JPM + "/jobs", _job(company, _monday(5), leadId=lead.json()["id"]))
    assert answer.status_code == 200, answer.text
    assert api.get(CRM + f"/leads/{lead.json()['id']}").json()["status"] == "Converted"


# -- validation ---------------------------------------------------------------------------------------------
def test_a_job_without_campaign_is_422_and_other_missing_fields_400(
    company: Company, api: CheckedClient
) -> None:
    no_campaign = api.post(JPM + "/jobs", _job(company, _monday(5), campaignId=None))
    assert no_campaign.status_code == 422
    assert "campaignId" in no_campaign.json()["errors"]

    no_priority = api.post(JPM + "/jobs", _job(company, _monday(5), priority=None))
    assert no_priority.status_code == 400
    assert "priority" in no_priority.json()["errors"]

    no_appointments = api.post(JPM + "/jobs", _job(company, _monday(5), appointments=[]))
    assert no_appointments.status_code == 400
    assert "appointments" in no_appointments.json()["errors"]

    backwards = _job(company, _monday(5))
    backwards["appointments"][0]["end"] = backwards["appointments"][0]["start"]
    assert api.post(JPM + "/jobs", backwards).status_code == 400


def test_a_job_type_outside_its_business_units_is_400(company: Company, api: CheckedClient) -> None:
    answer = api.post(JPM + "/jobs", _job(company, _monday(5), jobTypeId=company.drain["id"]))
    assert answer.status_code == 400
    assert "jobTypeId" in answer.json()["errors"]


def test_unknown_or_mismatched_references_are_400_naming_the_field(
    company: Company, api: CheckedClient
) -> None:
    for field in ("customerId", "businessUnitId", "jobTypeId", "campaignId"):
        answer = api.post(JPM + "/jobs", _job(company, _monday(5), **{field: 1}))
        assert answer.status_code == 400, field
        assert field in answer.json()["errors"]
    elsewhere = api.post(JPM + "/jobs", _job(company, _monday(5), locationId=company.other_location_id))
    assert elsewhere.status_code == 400
    assert "locationId" in elsewhere.json()["errors"]
    missing_booking = api.post(JPM + "/jobs", _job(company, _monday(5), bookingId=1))
    assert missing_booking.status_code == 400


# -- externalData and the lists ------------------------------------------------------------------------------
def test_external_data_is_stored_searchable_and_private_to_its_application(
    company: Company, api: CheckedClient
) -> None:
    operation = uuid.uuid4().hex
    tagged = {"applicationGuid": APP, "externalData": [{"key": "csr-op", "value": operation}]}
    job = api.post(JPM + "/jobs", _job(company, _monday(6), externalData=tagged)).json()
    assert job["externalData"] == [{"key": "csr-op", "value": operation}]

    found = api.get(
        JPM + "/jobs", externalDataApplicationGuid=APP, externalDataKey="csr-op", externalDataValues=operation
    ).json()["data"]
    assert [j["id"] for j in found] == [job["id"]]
    assert found[0]["externalData"] == [{"key": "csr-op", "value": operation}]

    other = api.get(
        JPM + "/jobs",
        externalDataApplicationGuid=OTHER_APP,
        externalDataKey="csr-op",
        externalDataValues=operation,
    ).json()["data"]
    assert other == []
    assert api.get(JPM + f"/jobs/{job['id']}").json()["externalData"] == []
    assert (
        api.get(JPM + f"/jobs/{job['id']}", externalDataApplicationGuid=OTHER_APP).json()["externalData"]
        == []
    )
    mine = api.get(JPM + f"/jobs/{job['id']}", externalDataApplicationGuid=APP).json()
    assert mine["externalData"] == [{"key": "csr-op", "value": operation}]
    assert api.get(JPM + "/jobs", externalDataKey="csr-op", externalDataValues=operation).status_code == 400


def test_job_and_appointment_lists_filter_sort_and_export(company: Company, api: CheckedClient) -> None:
    start = _monday(7)
    technician = company.technicians[0]["id"]
    appointment = {
        "start": _iso(start),
        "end": _iso(start + timedelta(hours=1)),
        "technicianIds": [technician],
    }
    urgent = api.post(
        JPM + "/jobs", _job(company, start, priority="Urgent", appointments=[appointment])
    ).json()
    low = api.post(JPM + "/jobs", _job(company, start + timedelta(days=1), priority="Low")).json()

    def ids(**params: Any) -> list[int]:
        return [j["id"] for j in api.get(JPM + "/jobs", pageSize=500, **params).json()["data"]]

    window = {
        "firstAppointmentStartsOnOrAfter": _iso(start),
        "firstAppointmentStartsBefore": _iso(start + timedelta(hours=1)),
    }
    assert ids(**window) == [urgent["id"]]
    assert ids(number=low["jobNumber"]) == [low["id"]]
    assert ids(ids=f"{urgent['id']},{low['id']}", priority="Low") == [low["id"]]
    assert ids(technicianId=technician, **window) == [urgent["id"]]
    assert ids(ids=f"{urgent['id']},{low['id']}", sort="-Priority") == [urgent["id"], low["id"]]
    assert ids(ids=f"{urgent['id']},{low['id']}", sort="+Priority") == [low["id"], urgent["id"]]
    customers = ids(customerId=company.customer_id, locationId=company.location_id, jobStatus="Scheduled")
    assert {urgent["id"], low["id"]} <= set(customers)
    assert ids(ids=str(urgent["id"]), jobStatus="Completed") == []
    assert api.get(JPM + "/jobs", sort="+Colour").status_code == 400

    exported = api.get(JPM + "/export/jobs", includeRecentChanges="true").json()
    assert exported["continueFrom"]
    assert {urgent["id"], low["id"]} <= {j["id"] for j in exported["data"]}

    feed = api.get(JPM + "/export/appointments", includeRecentChanges="true").json()["data"]
    assert urgent["firstAppointmentId"] in {a["id"] for a in feed}
    appointments = api.get(JPM + "/appointments", jobId=urgent["id"]).json()["data"]
    assert [a["id"] for a in appointments] == [urgent["firstAppointmentId"]]
    by_technician = api.get(
        JPM + "/appointments",
        technicianId=technician,
        startsOnOrAfter=_iso(start),
        startsBefore=_iso(start + timedelta(hours=1)),
    ).json()["data"]
    assert [a["id"] for a in by_technician] == [urgent["firstAppointmentId"]]
    assert api.get(JPM + "/appointments/1").status_code == 404
    assert api.get(JPM + "/jobs/1").status_code == 404


def test_job_types_list_and_get(company: Company, api: CheckedClient) -> None:
    name = company.tune_up["name"]
    found = api.get(JPM + "/job-types", name=name.lower()).json()["data"]
    assert [j["id"] for j in found] == [company.tune_up["id"]]
    assert found[0]["businessUnitIds"] == [company.hvac["id"]] and found[0]["skills"] == ["HVAC"]
    pair = f"{company.tune_up['id']},{company.drain['id']}"
    newest_first = api.get(JPM + "/job-types", ids=pair, orderBy="id", orderByDirection="desc").json()["data"]
    assert [j["id"] for j in newest_first] == [company.drain["id"], company.tune_up["id"]]
    long_ones = api.get(JPM + "/job-types", ids=pair, minDuration=7200).json()["data"]
    assert {j["id"] for j in long_ones} == {company.tune_up["id"]}
    assert api.get(JPM + f"/job-types/{company.drain['id']}").json()["name"] == company.drain["name"]
    assert api.get(JPM + "/job-types/1").status_code == 404


# -- capacity ------------------------------------------------------------------------------------------------
def _capacity(api: CheckedClient, company: Company, day: datetime, **changes: Any) -> list[dict[str, Any]]:
    body = {
        "startsOnOrAfter": _iso(day - timedelta(hours=12)),
        "endsOnOrBefore": _iso(day + timedelta(hours=12)),
        "businessUnitIds": [company.hvac["id"]],
        "jobTypeId": company.tune_up["id"],
        "skillBasedAvailability": True,
        **changes,
    }
    answer = api.post(DISPATCH + "/capacity", body)
    assert answer.status_code == 200, answer.text
    return list(answer.json()["availabilities"])


def test_capacity_shrinks_when_a_job_is_booked_in_a_slot(company: Company, api: CheckedClient) -> None:
    day = _monday(3)
    before = _capacity(api, company, day)
    assert before, "a Monday has arrival windows"
    slot = before[0]
    assert slot["isAvailable"] and slot["openAvailability"] == slot["totalAvailability"] > 0
    assert {t["id"] for t in slot["technicians"]} == {t["id"] for t in company.technicians}
    assert all(t["status"] == "Available" and t["hasRequiredSkills"] for t in slot["technicians"])

    start = parse_time(slot["startUtc"])
    booked = api.post(JPM + "/jobs", _job(company, start))
    assert booked.status_code == 200, booked.text
    after = {a["startUtc"]: a for a in _capacity(api, company, day)}[slot["startUtc"]]
    assert after["openAvailability"] == pytest.approx(slot["openAvailability"] - 2)

    assigned = _job(company, start)
    assigned["appointments"][0]["technicianIds"] = [company.technicians[0]["id"]]
    assert api.post(JPM + "/jobs", assigned).status_code == 200
    full = {a["startUtc"]: a for a in _capacity(api, company, day)}[slot["startUtc"]]
    assert full["openAvailability"] == pytest.approx(max(0.0, slot["openAvailability"] - 4))
    busy = {t["id"]: t["status"] for t in full["technicians"]}
    assert busy[company.technicians[0]["id"]] == "Unavailable"
    assert not full["isAvailable"]

    other_day = {a["startUtc"]: a for a in _capacity(api, company, day + timedelta(days=1))}
    assert all(a["openAvailability"] == a["totalAvailability"] for a in other_day.values())


def test_capacity_validates_its_body(company: Company, api: CheckedClient) -> None:
    day = _monday(3)
    assert api.post(DISPATCH + "/capacity", {"startsOnOrAfter": _iso(day)}).status_code == 400
    backwards = _iso(day - timedelta(days=1))
    answer = api.post(
        DISPATCH + "/capacity",
        {"startsOnOrAfter": _iso(day), "endsOnOrBefore": backwards, "skillBasedAvailability": False},
    )
    assert answer.status_code == 400 and "endsOnOrBefore" in answer.json()["errors"]
    unknown = api.post(
        DISPATCH + "/capacity",
        {
            "startsOnOrAfter": _iso(day),
            "endsOnOrBefore": _iso(day + timedelta(days=1)),
            "businessUnitIds": [1],
            "skillBasedAvailability": False,
        },
    )
    assert unknown.status_code == 400 and "businessUnitIds" in unknown.json()["errors"]
    assert _capacity(api, company, day + timedelta(days=6)) == []  # Sunday: nobody works


def test_completed_and_canceled_jobs(sandbox: RunningSandbox, company: Company, api: CheckedClient) -> None:
    day = _monday(4)
    slot = _capacity(api, company, day)[0]
    start = parse_time(slot["startUtc"])
    done = api.post(JPM + "/jobs", _job(company, start)).json()
    dropped = api.post(JPM + "/jobs", _job(company, start)).json()
    with sandbox_store(sandbox) as (store, stamp):
        jpm.set_job_status(store, done["id"], "Completed", stamp)
        jpm.set_job_status(store, dropped["id"], "Canceled", stamp)
    pair = f"{done['id']},{dropped['id']}"
    completed = api.get(
        JPM + "/jobs", ids=pair, jobStatus="Completed", completedOnOrAfter=_iso(start - timedelta(days=60))
    )
    assert [j["id"] for j in completed.json()["data"]] == [done["id"]]
    assert completed.json()["data"][0]["completedOn"]
    assert (
        api.get(JPM + "/jobs", ids=pair, appointmentStatus="Canceled").json()["data"][0]["id"]
        == dropped["id"]
    )
    assert api.get(JPM + f"/appointments/{done['firstAppointmentId']}").json()["status"] == "Done"
    # The canceled job gave its hours back; the completed one keeps them.
    after = {a["startUtc"]: a for a in _capacity(api, company, day)}[slot["startUtc"]]
    assert after["openAvailability"] == pytest.approx(slot["openAvailability"] - 2)

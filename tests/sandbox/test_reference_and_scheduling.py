"""Reference data in the sandbox (business units, technicians, campaigns, call reasons) and Scheduling Pro:
schedulers, their sessions, and performance computed from the sessions of a period."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from csr_console.sandbox.routes import jbce, marketing, scheduling_pro, settings
from csr_console.sandbox.routes.scheduling_pro import OUTCOME_ABANDONED, OUTCOME_BOOKED, STEPS
from csr_console.sandbox.store import format_time
from tests.conftest import RunningSandbox
from tests.sandbox._openapi_check import CheckedClient, sandbox_store

SETTINGS = "/settings/v2/tenant/{tenant}"
MARKETING = "/marketing/v2/tenant/{tenant}"
JBCE = "/jbce/v2/tenant/{tenant}"
PRO = "/schedulingpro/v2/tenant/{tenant}"


@dataclass
class Reference:
    tag: str
    unit: dict[str, Any]
    retired_unit: dict[str, Any]
    technician: dict[str, Any]
    campaigns: list[dict[str, Any]]
    lead_reason: dict[str, Any]
    plain_reason: dict[str, Any]
    scheduler: dict[str, Any]
    sessions: list[dict[str, Any]]  # created in the last hour
    old_session: dict[str, Any]  # created 40 days ago


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture(scope="module")
def reference(sandbox: RunningSandbox) -> Reference:
    tag = uuid.uuid4().hex[:6]
    with sandbox_store(sandbox) as (store, stamp):
        unit = settings.create_business_unit(
            store,
            f"Electrical {tag}",
            stamp,
            trade="Electrical",
            address={"street": "1 Main St", "city": "Austin"},
        )
        retired = settings.create_business_unit(store, f"Retired {tag}", stamp, active=False)
        technician = settings.create_technician(
            store,
            f"Cy Watts {tag}",
            unit["id"],
            stamp,
            skills=["Electrical"],
            shifts=[{"weekday": 5, "start": "08:00", "end": "12:00"}],
        )
        campaigns = [
            marketing.create_campaign(
                store, f"Zeta Radio {tag}", stamp, category="Radio", phone_numbers=["512-555-0177"]
            ),
            marketing.create_campaign(store, f"Alpha Mailer {tag}", stamp, category="Direct mail"),
        ]
        lead_reason = jbce.create_call_reason(store, f"Price shopping {tag}", True, stamp)
        plain_reason = jbce.create_call_reason(store, f"Wrong number {tag}", False, stamp)
        scheduler = scheduling_pro.create_scheduler(store, f"Website {tag}", "Lone Star Comfort", stamp)
        guid = scheduler["id"]
        sessions = [
            scheduling_pro.create_session(
                store,
                guid,
                {
                    "lastStep": "Booked",
                    "sessionOutcome": OUTCOME_BOOKED,
                    "jobId": 123,
                    "customer": {"firstName": "Ada", "phone": "5125550101"},
                    "sourceTracking": {"utmSource": "google", "utmMedium": "cpc"},
                },
                stamp,
            ),
            scheduling_pro.create_session(store, guid, {"lastStep": "Issue"}, stamp),
            scheduling_pro.create_session(store, guid, {"lastStep": None}, stamp),
            scheduling_pro.create_session(
                store, guid, {"lastStep": "Customer", "customer": {"email": "bo@example.com"}}, stamp
            ),
        ]
        # Abandoned after giving contact details: sent on to the Bookings queue.
        sessions[3] = scheduling_pro.update_session(
            store, sessions[3]["id"], {"sessionOutcome": OUTCOME_ABANDONED, "bookingId": 456}, stamp
        )
        old = scheduling_pro.create_session(
            store,
            guid,
            {"lastStep": "Booked", "sessionOutcome": OUTCOME_BOOKED, "jobId": 789},
            stamp,
            created_on=format_time(datetime.now(UTC) - timedelta(days=40)),
        )
    return Reference(
        tag, unit, retired, technician, campaigns, lead_reason, plain_reason, scheduler, sessions, old
    )


@pytest.fixture(scope="module")
def api(sandbox: RunningSandbox) -> Iterator[CheckedClient]:
    client = CheckedClient(sandbox)
    yield client
    client.close()


def _all(api: CheckedClient, path: str, **params: Any) -> list[dict[str, Any]]:
    return list(api.get(path, pageSize=5000, **params).json()["data"])


# -- settings ------------------------------------------------------------------------------------------------
def test_business_units_list_filter_and_get(reference: Reference, api: CheckedClient) -> None:
    named = _all(api, SETTINGS + "/business-units", name=f"electrical {reference.tag}")
    assert [u["id"] for u in named] == [reference.unit["id"]]
    assert named[0]["trade"]["name"] == "Electrical"
    active = {u["id"] for u in _all(api, SETTINGS + "/business-units")}
    assert reference.unit["id"] in active and reference.retired_unit["id"] not in active
    retired = _all(api, SETTINGS + "/business-units", active="False")
    assert reference.retired_unit["id"] in {u["id"] for u in retired}
    one = api.get(SETTINGS + f"/business-units/{reference.unit['id']}").json()
    assert one["name"] == reference.unit["name"] and one["address"]["city"] == "Austin"
    assert api.get(SETTINGS + "/business-units/1").status_code == 404


def test_technicians_list_and_get_without_their_shifts(reference: Reference, api: CheckedClient) -> None:
    found = _all(api, SETTINGS + "/technicians", name=f"cy watts {reference.tag}")
    assert [t["id"] for t in found] == [reference.technician["id"]]
    assert found[0]["businessUnitId"] == reference.unit["id"]
    assert [s["name"] for s in found[0]["skills"]] == ["Electrical"]
    by_user = _all(api, SETTINGS + "/technicians", userIds=str(reference.technician["userId"]))
    assert [t["id"] for t in by_user] == [reference.technician["id"]]
    one = api.get(SETTINGS + f"/technicians/{reference.technician['id']}").json()
    assert "shifts" not in one and "shifts" not in found[0]
    assert api.get(SETTINGS + "/technicians/1").status_code == 404


def test_settings_export_feeds(reference: Reference, api: CheckedClient) -> None:
    units = api.get(SETTINGS + "/export/business-units", includeRecentChanges="true").json()
    flags = {u["id"]: u["active"] for u in units["data"]}
    assert flags[reference.unit["id"]] is True and flags[reference.retired_unit["id"]] is False
    technicians = api.get(SETTINGS + "/export/technicians", includeRecentChanges="true").json()["data"]
    mine = next(t for t in technicians if t["id"] == reference.technician["id"])
    assert "shifts" not in mine


# -- marketing and call reasons -----------------------------------------------------------------------------
def test_campaigns_list_filter_sort_and_get(reference: Reference, api: CheckedClient) -> None:
    mine = _all(api, MARKETING + "/campaigns", name=reference.tag, sort="+Name")
    assert [c["id"] for c in mine] == [reference.campaigns[1]["id"], reference.campaigns[0]["id"]]
    by_phone = _all(api, MARKETING + "/campaigns", campaignPhoneNumber="(512) 555-0177")
    assert reference.campaigns[0]["id"] in {c["id"] for c in by_phone}
    one = api.get(MARKETING + f"/campaigns/{reference.campaigns[0]['id']}").json()
    assert one["category"]["name"] == "Radio" and one["active"] is True
    assert api.get(MARKETING + "/campaigns/1").status_code == 404
    assert api.get(MARKETING + "/campaigns", sort="+Colour").status_code == 400


def test_call_reasons_flag_lead_reasons(reference: Reference, api: CheckedClient) -> None:
    reasons = {r["id"]: r for r in _all(api, JBCE + "/call-reasons", sort="-CreatedOn")}
    assert reasons[reference.lead_reason["id"]]["isLead"] is True
    assert reasons[reference.plain_reason["id"]]["isLead"] is False
    assert reasons[reference.lead_reason["id"]]["name"] == reference.lead_reason["name"]


# -- Scheduling Pro ------------------------------------------------------------------------------------------
def test_schedulers_and_their_sessions(reference: Reference, api: CheckedClient) -> None:
    schedulers = {s["id"]: s for s in _all(api, PRO + "/schedulers")}
    scheduler = schedulers[reference.scheduler["id"]]
    assert scheduler["mode"] == "Standard" and scheduler["companyName"] == "Lone Star Comfort"

    path = PRO + f"/schedulers/{scheduler['id']}/sessions"
    sessions = _all(api, path)
    assert {s["id"] for s in sessions} == {s["id"] for s in [*reference.sessions, reference.old_session]}
    first_page = api.get(path, pageSize=2, page=1, includeTotal="true").json()
    assert first_page["hasMore"] and first_page["totalCount"] == 5 and len(first_page["data"]) == 2
    recent = _all(api, path, createdOnOrAfter=_iso(datetime.now(UTC) - timedelta(days=1)))
    assert reference.old_session["id"] not in {s["id"] for s in recent} and len(recent) == 4

    abandoned = next(s for s in sessions if s["id"] == reference.sessions[3]["id"])
    assert abandoned["sessionOutcome"] == OUTCOME_ABANDONED and abandoned["bookingId"] == 456
    assert abandoned["customer"]["email"] == "bo@example.com" and abandoned["schedulerId"] == scheduler["id"]
    booked = next(s for s in sessions if s["id"] == reference.sessions[0]["id"])
    assert booked["sourceTracking"]["utmSource"] == "google" and booked["jobId"] == 123
    assert api.get(PRO + "/schedulers/no-such-scheduler/sessions").status_code == 404


def test_scheduler_performance_counts_the_sessions_of_the_period(
    reference: Reference, api: CheckedClient
) -> None:
    scheduler_id = reference.scheduler["id"]
    since = datetime.now(UTC) - timedelta(days=1)
    period = {
        "sessionCreatedOnOrAfter": _iso(since),
        "sessionCreatedBefore": _iso(datetime.now(UTC) + timedelta(hours=1)),
    }
    answer = api.get(PRO + f"/schedulers/{scheduler_id}/performance", **period)
    assert answer.status_code == 200, answer.text
    performance = answer.json()

    sessions = _all(api, PRO + f"/schedulers/{scheduler_id}/sessions", createdOnOrAfter=_iso(since))
    reached = [STEPS.index(s["lastStep"]) + 1 if s["lastStep"] else 0 for s in sessions]
    expected_milestones = {step.lower(): sum(r > i for r in reached) for i, step in enumerate(STEPS)}
    expected_milestones["abandoned"] = sum(1 for s in sessions if s["sessionOutcome"] == OUTCOME_ABANDONED)
    assert performance["milestoneFrequencyCount"] == expected_milestones
    assert expected_milestones == {
        "opened": 3,
        "zipcode": 3,
        "interacted": 3,
        "issue": 3,
        "schedule": 2,
        "customer": 2,
        "details": 1,
        "booked": 1,
        "abandoned": 1,
    }
    assert performance["totalSessions"] == len(sessions) == 4
    assert performance["totalJobsCreated"] == sum(1 for s in sessions if s["jobId"]) == 1
    assert performance["totalBookingsCreated"] == 0
    assert performance["totalAbandonedSessionsSentToBookings"] == 1
    assert performance["totalAbandonedSessionsSentToLeads"] == 0
    assert performance["totalCustomerContactsCaptured"] == 2
    assert performance["schedulerCompletionRate"] == pytest.approx(1 / 4, abs=1e-4)
    assert performance["openedCompletionRate"] == pytest.approx(1 / 3, abs=1e-4)
    assert performance["schedulerName"] == reference.scheduler["name"]

    everything = api.get(
        PRO + f"/schedulers/{scheduler_id}/performance",
        sessionCreatedOnOrAfter=_iso(datetime.now(UTC) - timedelta(days=60)),
        sessionCreatedBefore=period["sessionCreatedBefore"],
    ).json()
    assert everything["totalSessions"] == 5 and everything["milestoneFrequencyCount"]["booked"] == 2


def test_scheduler_performance_needs_its_period(reference: Reference, api: CheckedClient) -> None:
    path = PRO + f"/schedulers/{reference.scheduler['id']}/performance"
    missing = api.get(path, sessionCreatedOnOrAfter=_iso(datetime.now(UTC)))
    assert missing.status_code == 400 and "sessionCreatedBefore" in missing.json()["errors"]
    unknown = api.get(
        PRO + "/schedulers/no-such-scheduler/performance",
        sessionCreatedOnOrAfter=_iso(datetime.now(UTC)),
        sessionCreatedBefore=_iso(datetime.now(UTC)),
    )
    assert unknown.status_code == 404


def test_capacity_follows_technician_shifts(reference: Reference, api: CheckedClient) -> None:
    today = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    saturday = today + timedelta(days=14 + 5 - today.weekday())

    def windows(day: datetime) -> list[dict[str, Any]]:
        answer = api.post(
            "/dispatch/v2/tenant/{tenant}/capacity",
            {
                "startsOnOrAfter": _iso(day - timedelta(hours=12)),
                "endsOnOrBefore": _iso(day + timedelta(hours=12)),
                "businessUnitIds": [reference.unit["id"]],
                "skillBasedAvailability": False,
            },
        )
        assert answer.status_code == 200, answer.text
        return list(answer.json()["availabilities"])

    # The technician works Saturdays 8:00–12:00 only: two two-hour arrival windows.
    found = windows(saturday)
    assert [a["totalAvailability"] for a in found] == [2, 2]
    assert all(a["businessUnitIds"] == [reference.unit["id"]] for a in found)
    assert found[0]["technicians"] == [
        {
            "id": reference.technician["id"],
            "name": reference.technician["name"],
            "status": "Available",
            "hasRequiredSkills": None,
        }
    ]
    assert windows(saturday - timedelta(days=5)) == []

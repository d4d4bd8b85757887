"""Error paths the sandbox cannot produce, on httpx.MockTransport: a 408 (retried like a 5xx), and a create
whose 2xx answer cannot be read (the action fails, but its step stays in flight: it cannot be cancelled,
and a retry finds the job by its tag instead of booking a second one)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest

from csr_console.sync.outbox import (
    ActionRefused,
    ActionState,
    Backoff,
    BookJobFromLead,
    DismissLead,
    ExistingLocation,
    cancel,
    enqueue,
    get_action,
    retry,
)
from tests.api.helpers import TENANT, FakeServer, make_client, page, problem
from tests.sync.outbox_helpers import Refs, cache_at, harness, job_draft

CRM = f"/crm/v2/tenant/{TENANT}"
JPM = f"/jpm/v2/tenant/{TENANT}"
STAMP = "2031-01-02T03:04:05Z"
REFS = Refs(
    campaign_id=3, job_type_id=4, business_unit_id=5, technician_ids=(), dismiss_reason_id=6, lead_reason_id=7
)


def lead(status: str = "Open") -> dict[str, Any]:
    return {
        "id": 77,
        "status": status,
        "priority": "Normal",
        "campaignId": 3,
        "createdById": 1,
        "createdOn": STAMP,
        "modifiedOn": STAMP,
        "dismissingReasonId": 6 if status == "Dismissed" else None,
    }


JOB = {
    "id": 900,
    "jobNumber": "900",
    "customerId": 11,
    "locationId": 12,
    "jobStatus": "Scheduled",
    "businessUnitId": 5,
    "jobTypeId": 4,
    "priority": "Normal",
    "campaignId": 3,
    "createdOn": STAMP,
    "createdById": 1,
    "modifiedOn": STAMP,
}


def test_a_408_is_retried(tmp_path: Path) -> None:
    db = cache_at(tmp_path / "cache.db")
    dismissals: list[int] = []

    def api(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.method == "GET" and path == f"{CRM}/leads/77":
            return httpx.Response(200, json=lead("Dismissed" if dismissals.count(200) else "Open"))
        if request.method == "POST" and path == f"{CRM}/leads/77/dismiss":
            dismissals.append(408 if not dismissals else 200)
            return problem(408, "Request Timeout") if dismissals[-1] == 408 else httpx.Response(200)
        return problem(404, "Not here")

    client, _ = make_client(FakeServer(api))

    async def scenario() -> None:
        async with client:
            h = harness(client, db, backoff=Backoff(base_s=0, cap_s=0))
            action_id = enqueue(db, DismissLead(77, 6), "csr:ana")
            await h.runner.run_due()
            waiting = get_action(db, action_id)
            assert waiting is not None and waiting.state is ActionState.PENDING and waiting.retrying
            assert waiting.message is not None and "408" in waiting.message
            await h.runner.run_due()
            done = get_action(db, action_id)
            assert done is not None and done.state is ActionState.DONE
            assert dismissals == [408, 200]

    asyncio.run(scenario())


def test_an_unreadable_answer_fails_and_the_retry_finds_the_job(tmp_path: Path) -> None:
    db = cache_at(tmp_path / "cache.db")
    posted: list[httpx.Request] = []

    def api(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.method == "GET" and path == f"{CRM}/leads/77":
            return httpx.Response(200, json=lead("Converted" if posted else "Open"))
        if request.method == "POST" and path == f"{JPM}/jobs":
            posted.append(request)
            return httpx.Response(200, json={"id": "not a job"})
        if request.method == "GET" and path == f"{JPM}/jobs":
            tagged = posted and request.url.params.get("externalDataValues") == f"{action_id}:job"
            return httpx.Response(200, json=page([JOB] if tagged else []))
        return problem(404, "Not here")

    client, _ = make_client(FakeServer(api))
    action_id = enqueue(db, BookJobFromLead(77, ExistingLocation(11, 12), job_draft(REFS)), "csr:ana")

    async def scenario() -> None:
        async with client:
            h = harness(client, db)
            await h.runner.run_due()
            failed = get_action(db, action_id)
            assert failed is not None and failed.state is ActionState.FAILED
            assert failed.message is not None and "malformed job" in failed.message
            with pytest.raises(ActionRefused, match="may have reached ServiceTitan"):
                cancel(db, action_id, "csr:ana")

            retry(db, action_id, "csr:ana")
            await h.runner.run_due()
            done = get_action(db, action_id)
            assert done is not None and done.state is ActionState.DONE, done
            assert done.results["job_id"] == 900
            assert len(posted) == 1

    asyncio.run(scenario())

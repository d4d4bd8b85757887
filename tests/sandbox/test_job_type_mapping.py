"""The job-type mapping the sandbox seeds a console with (GET /_sandbox/job-type-mapping): tenant
credentials only, the company's own ids, and every case a console must handle — one job type, several
job types, several business units, and a standard job type mapped to nothing."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import RunningSandbox
from tests.sandbox.test_server import _client, _token

PATH = "/_sandbox/job-type-mapping"


def _reference(client: httpx.Client, tenant: int) -> tuple[dict[str, dict[str, Any]], dict[str, int]]:
    job_types = client.get(f"/jpm/v2/tenant/{tenant}/job-types", params={"pageSize": 200}).json()["data"]
    units = client.get(f"/settings/v2/tenant/{tenant}/business-units", params={"pageSize": 200}).json()[
        "data"
    ]
    return {j["name"]: j for j in job_types}, {u["name"]: u["id"] for u in units}


def test_the_mapping_names_the_companys_job_types_and_units(sandbox: RunningSandbox) -> None:
    with _client(sandbox) as client:
        answer = client.get(PATH)
        job_types, units = _reference(client, sandbox.tenant)
    assert answer.status_code == 200, answer.text
    entries = {(e["source"], e["standardJobType"]): e for e in answer.json()["data"]}
    assert set(next(iter(entries.values()))) == {"source", "standardJobType", "jobTypeIds", "businessUnitIds"}

    repair = entries["Angi", "Repair central air conditioning"]
    assert repair["jobTypeIds"] == [job_types["AC Repair"]["id"]]
    assert repair["businessUnitIds"] == [units["HVAC Service"]]

    # The Home Depot names install programs, each standing for several job types.
    hvac = entries["The Home Depot", "HVAC Installation"]
    assert sorted(hvac["jobTypeIds"]) == sorted(
        job_types[n]["id"] for n in ("New AC Install", "System Replacement Estimate")
    )
    assert hvac["businessUnitIds"] == [units["HVAC Install"]]

    # A job type booked in two business units leaves the unit to the CSR.
    tune_up = entries["Thumbtack", "AC maintenance"]
    assert tune_up["jobTypeIds"] == [job_types["AC Tune-Up"]["id"]]
    assert sorted(tune_up["businessUnitIds"]) == sorted(
        units[n] for n in ("HVAC Maintenance", "HVAC Service")
    )

    # "Other" (the Unknown job type) maps to nothing; sources without a standard job type are absent.
    assert ("Angi", "Other") not in entries and ("Thumbtack", "Other") not in entries
    assert {source for source, _ in entries} == {"Angi", "Thumbtack", "The Home Depot", "Reserve with Google"}
    # Every id is the company's, and every unit is one its job types may be booked in.
    by_id = {j["id"]: j for j in job_types.values()}
    for entry in entries.values():
        allowed = {u for j in entry["jobTypeIds"] for u in by_id[j]["businessUnitIds"]}
        assert set(entry["businessUnitIds"]) == allowed


def test_only_the_tenants_own_client_may_read_it(sandbox: RunningSandbox) -> None:
    assert httpx.get(sandbox.base_url + PATH).status_code == 401
    angi = sandbox.provider("Angi")
    token = _token(sandbox, angi["client_id"], angi["client_secret"])
    answer = httpx.get(sandbox.base_url + PATH, headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 401
    assert answer.json()["title"] == "Tenant credentials are required."

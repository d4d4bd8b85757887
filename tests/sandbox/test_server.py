"""The sandbox as a server: its JSON line, auth and the reach of each credential, the rate limit,
injected faults, and a clean stop and restart."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
from typing import Any

import httpx
import pytest

from csr_console.sandbox.faults import FaultSpec
from tests.conftest import RunningSandbox


def _token(sandbox: RunningSandbox, client_id: str, client_secret: str) -> str:
    answer = httpx.post(
        sandbox.token_url,
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": client_secret},
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 900
    return str(body["access_token"])


def _client(
    sandbox: RunningSandbox, client_id: str | None = None, client_secret: str | None = None
) -> httpx.Client:
    access = _token(sandbox, client_id or sandbox.client_id, client_secret or sandbox.client_secret)
    return httpx.Client(
        base_url=sandbox.base_url,
        headers={"Authorization": f"Bearer {access}", "ST-App-Key": sandbox.app_key},
    )


def _new_booking(
    sandbox: RunningSandbox, provider: dict[str, Any], external_id: str, timeout: float = 5.0
) -> dict[str, Any]:
    with _client(sandbox, provider["client_id"], provider["client_secret"]) as client:
        answer = client.post(
            f"/crm/v2/tenant/{sandbox.tenant}/booking-provider/{provider['booking_provider']}/bookings",
            json={
                "source": provider["name"],
                "name": "Ada Lovelace",
                "summary": "Water heater leaking",
                "isFirstTimeClient": True,
                "externalId": external_id,
                "contacts": [{"type": "Phone", "value": "(512) 555-0101"}],
            },
            timeout=timeout,
        )
        assert answer.status_code == 200, answer.text
        return dict(answer.json())


def test_the_json_line_names_everything_a_client_needs(sandbox: RunningSandbox) -> None:
    info = sandbox.announcement
    assert set(info) == {
        "base_url",
        "token_url",
        "tenant",
        "app_key",
        "client_id",
        "client_secret",
        "providers",
        "limited_client",
    }
    assert info["token_url"] == info["base_url"] + "/connect/token"
    assert set(info["limited_client"]) == {"client_id", "client_secret", "scopes"}
    names = {p["name"] for p in info["providers"]}
    assert {"Angi", "Thumbtack", "The Home Depot", "Reserve with Google", "Building36", "FlowPath"} <= names
    assert {
        "SmartAC.com",
        "Trane / American Standard",
        "Web Scheduler",
        "Scheduling Pro",
        "Custom Website",
    } <= names
    assert all(
        set(p) == {"name", "booking_provider", "client_id", "client_secret"} for p in info["providers"]
    )


def test_bad_credentials_get_no_token(sandbox: RunningSandbox) -> None:
    answer = httpx.post(
        sandbox.token_url,
        data={"grant_type": "client_credentials", "client_id": sandbox.client_id, "client_secret": "wrong"},
    )
    assert answer.status_code == 400
    assert answer.json() == {"error": "invalid_client"}


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"ST-App-Key": "{app_key}"}, 401),
        ({"Authorization": "Bearer not-a-token", "ST-App-Key": "{app_key}"}, 401),
        ({"Authorization": "Bearer {token}", "ST-App-Key": "wrong"}, 401),
        ({"Authorization": "Bearer {token}"}, 401),
        ({"Authorization": "Bearer {token}", "ST-App-Key": "{app_key}"}, 200),
    ],
)
def test_calls_need_a_valid_token_and_app_key(
    sandbox: RunningSandbox, headers: dict[str, str], status: int
) -> None:
    access = _token(sandbox, sandbox.client_id, sandbox.client_secret)
    sent = {k: v.format(token=access, app_key=sandbox.app_key) for k, v in headers.items()}
    answer = httpx.get(f"{sandbox.base_url}/crm/v2/tenant/{sandbox.tenant}/bookings", headers=sent)
    assert answer.status_code == status
    if status != 200:
        assert answer.json()["status"] == status and answer.json()["traceId"]


def test_the_tenant_in_the_path_must_match_the_credentials(sandbox: RunningSandbox) -> None:
    with _client(sandbox) as client:
        assert client.get(f"/crm/v2/tenant/{sandbox.tenant + 1}/bookings").status_code == 403
        assert client.get(f"/crm/v2/tenant/{sandbox.tenant}/bookings").status_code == 200


def test_a_provider_reaches_only_its_own_paths_and_bookings(sandbox: RunningSandbox) -> None:
    angi, thumbtack = sandbox.provider("Angi"), sandbox.provider("Thumbtack")
    booking = _new_booking(sandbox, thumbtack, "scope-1")
    crm = f"/crm/v2/tenant/{sandbox.tenant}"
    with _client(sandbox, angi["client_id"], angi["client_secret"]) as client:
        own = f"{crm}/booking-provider/{angi['booking_provider']}/bookings"
        assert client.get(own).status_code == 200
        assert client.get(f"{own}/{booking['id']}").status_code == 404
        assert client.post(f"{own}/{booking['id']}/dismiss", json={}).status_code == 404
        other = f"{crm}/booking-provider/{thumbtack['booking_provider']}/bookings/{booking['id']}"
        assert client.get(other).status_code == 403
        assert client.get(f"{crm}/bookings/{booking['id']}").status_code == 403
        assert client.get(f"{crm}/customers").status_code == 403
    with _client(sandbox) as tenant:
        assert tenant.get(f"{crm}/bookings/{booking['id']}").json()["name"] == "Ada Lovelace"


def test_the_rate_limit_answers_429_with_retry_after(sandbox_factory: Any) -> None:
    running = sandbox_factory()
    access = _token(running, running.client_id, running.client_secret)

    async def burst() -> list[httpx.Response]:
        headers = {"Authorization": f"Bearer {access}", "ST-App-Key": running.app_key}
        async with httpx.AsyncClient(base_url=running.base_url, headers=headers) as client:
            path = f"/crm/v2/tenant/{running.tenant}/bookings?pageSize=1"
            return await asyncio.gather(*(client.get(path) for _ in range(90)))

    answers = asyncio.run(burst())
    throttled = [a for a in answers if a.status_code == 429]
    assert throttled, "90 concurrent calls were all admitted"
    assert int(throttled[0].headers["Retry-After"]) >= 1
    assert sum(a.status_code == 200 for a in answers) >= 60


def test_fault_spec_parses_and_rejects() -> None:
    spec = FaultSpec.parse("latency=50ms,error=0.05,throttle=0.05,drop=0.02")
    assert (spec.latency_s, spec.error, spec.throttle, spec.drop) == (0.05, 0.05, 0.05, 0.02)
    assert FaultSpec.parse("latency=0.2s").latency_s == 0.2
    held = FaultSpec.parse("timeout=0.1,hold=3s")
    assert (held.timeout, held.hold_s) == (0.1, 3.0)
    for bad in ("error=2", "latency=fast", "explode=1", "drop", "timeout=1.5", "hold=long"):
        with pytest.raises(ValueError):
            FaultSpec.parse(bad)


def test_bad_faults_option_exits_2_with_a_message(tmp_path: Any) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "csr_console.sandbox", "--db", str(tmp_path / "x.db"), "--faults", "error=7"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "error must be a probability" in result.stderr


def test_a_dropped_connection_still_commits_the_change(sandbox_factory: Any) -> None:
    running = sandbox_factory(faults="drop=1.0")
    provider = running.provider("Angi")
    with pytest.raises(httpx.RemoteProtocolError):
        _new_booking(running, provider, "dropped-1")
    with _client(running) as tenant:
        assert tenant.put("/_sandbox/faults", content="drop=0").json()["drop"] == 0
        found = tenant.get(
            f"/crm/v2/tenant/{running.tenant}/bookings", params={"externalId": "dropped-1"}
        ).json()
    assert [b["name"] for b in found["data"]] == ["Ada Lovelace"]


def test_a_timed_out_request_still_commits_the_change(sandbox_factory: Any) -> None:
    """The answer is held past the client's timeout; the change was made before it."""
    running = sandbox_factory(faults="timeout=1.0,hold=2s")
    provider = running.provider("Angi")
    with pytest.raises(httpx.ReadTimeout):
        _new_booking(running, provider, "timed-out-1", timeout=0.5)
    with _client(running) as tenant:
        assert tenant.put("/_sandbox/faults", content="timeout=0").json()["timeout"] == 0
        found = tenant.get(
            f"/crm/v2/tenant/{running.tenant}/bookings", params={"externalId": "timed-out-1"}
        ).json()
    assert [b["name"] for b in found["data"]] == ["Ada Lovelace"]


def test_injected_errors_and_throttles_keep_the_error_body(sandbox_factory: Any) -> None:
    running = sandbox_factory()
    with _client(running) as client:
        client.put("/_sandbox/faults", content="error=1.0")
        answer = client.get(f"/crm/v2/tenant/{running.tenant}/bookings")
        assert answer.status_code in (500, 502, 503)
        assert answer.json()["status"] == answer.status_code
        client.put("/_sandbox/faults", content="throttle=1.0,retry_after=2")
        answer = client.get(f"/crm/v2/tenant/{running.tenant}/bookings")
        assert answer.status_code == 429 and answer.headers["Retry-After"] == "2"


def test_sigterm_stops_cleanly_and_a_restart_keeps_tenant_and_data(sandbox_factory: Any) -> None:
    first = sandbox_factory()
    booking = _new_booking(first, first.provider("Web Scheduler"), "restart-1")
    assert first.stop() == 0
    second = sandbox_factory(db_path=first.db_path)
    assert (second.tenant, second.client_secret) == (first.tenant, first.client_secret)
    with _client(second) as client:
        assert client.get(f"/crm/v2/tenant/{second.tenant}/bookings/{booking['id']}").status_code == 200
    second.process.send_signal(signal.SIGINT)
    assert second.process.wait(timeout=15) == 0


def test_unknown_paths_answer_the_error_body(sandbox: RunningSandbox) -> None:
    with _client(sandbox) as client:
        answer = client.get(f"/crm/v2/tenant/{sandbox.tenant}/no-such-thing")
    assert answer.status_code == 404
    assert json.loads(answer.text)["title"].startswith("No operation")

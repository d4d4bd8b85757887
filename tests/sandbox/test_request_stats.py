"""The sandbox counts the API calls it answers for its tenant (`GET /_sandbox/stats`): the load drill
measures a tenant's request rate at the server with it."""

from __future__ import annotations

import time
from typing import Any

from tests.sandbox.test_server import _client


def test_stats_count_every_answered_call_and_the_429s_in_time_buckets(sandbox_factory: Any) -> None:
    running = sandbox_factory(rate_limit=5)
    started = time.time()
    with _client(running) as tenant:
        path = f"/crm/v2/tenant/{running.tenant}/bookings"
        answers = [tenant.get(path, params={"pageSize": 1}).status_code for _ in range(8)]
        stats = tenant.get("/_sandbox/stats", params={"since": started - 1}).json()
        later = tenant.get("/_sandbox/stats", params={"since": time.time() + 60}).json()
        assert tenant.get("/_sandbox/stats", params={"since": "soon"}).status_code == 400
    throttled = answers.count(429)
    assert throttled >= 1 and answers.count(200) >= 5, answers
    assert stats["tenant"] == running.tenant
    assert (stats["requests"], stats["throttled"]) == (8, throttled)
    assert stats["bucket_s"] == 0.1
    assert sum(b[1] for b in stats["buckets"]) == 8 and sum(b[2] for b in stats["buckets"]) == throttled
    assert all(started - 1 <= b[0] <= time.time() for b in stats["buckets"])
    assert later["requests"] == 8 and later["buckets"] == []


def test_stats_need_the_tenants_credentials(sandbox_factory: Any) -> None:
    running = sandbox_factory()
    provider = running.providers[0]
    with _client(running, provider["client_id"], provider["client_secret"]) as partner:
        assert partner.get("/_sandbox/stats").status_code == 401

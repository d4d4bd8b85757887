"""The tag-types reference feed against a real sandbox over loopback HTTP: the initial sync fills the cache
(inactive ones included), a new or deactivated tag type reaches it on the next poll, and the choices the
CSR picks a new job's tags from follow. Requests are checked against the official document's query
parameters by the contract hook of `tests.conftest.connect`."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

from csr_console.api.models.common import ActiveFilter
from csr_console.api.models.settings import TagTypeQuery
from csr_console.sandbox.routes import settings
from csr_console.store import schema
from csr_console.store.queries.choices import tag_types
from tests.conftest import RunningSandbox, connect
from tests.sandbox._openapi_check import sandbox_store
from tests.sync.feed_helpers import harness

FEED = ["tag_types"]


def test_tag_types_feed_fills_the_cache_and_follows_changes(sandbox: RunningSandbox, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with connect(sandbox) as client, harness(client, tmp_path / "c.db") as h:
            assert "tag_types" in h.engine.lanes["reference"]
            assert await h.engine.sync_once(FEED) == {}
            served = [t async for t in client.settings.tag_types.items(TagTypeQuery(active=ActiveFilter.ANY))]
            assert h.count(schema.tag_type) == len(served)
            assert h.count(schema.tag_type, schema.tag_type.c.active.is_(False)), "inactive ones are kept"
            assert h.published("reference") == {"tag_type"}
            vip = next(t for t in served if t.name == "VIP")
            assert (h.row(schema.tag_type, id=vip.id) or {})["importance"] == "High"
            with h.db.connect() as connection:
                offered = tag_types(connection)
            assert [c.id for c in offered] == [
                t.id for t in sorted((t for t in served if t.active), key=lambda t: (t.name, t.id))
            ]

            tag = uuid.uuid4().hex[:6]
            with sandbox_store(sandbox) as (store, stamp):
                added = settings.create_tag_type(store, f"Gate code {tag}", "#455A64", stamp, code=tag)
                retiring = settings.create_tag_type(store, f"Ladder needed {tag}", "#5D4037", stamp)
            h.forget()
            await h.engine.sync_once(FEED)
            assert h.published("reference") == {"tag_type"}
            with sandbox_store(sandbox) as (store, _stamp):
                store.save("tag_type", {**retiring, "active": False})
            await h.engine.sync_once(FEED)
            assert (h.row(schema.tag_type, id=added["id"]) or {})["code"] == tag
            assert (h.row(schema.tag_type, id=retiring["id"]) or {})["active"] is False
            with h.db.connect() as connection:
                names = {c.name for c in tag_types(connection)}
            assert added["name"] in names and retiring["name"] not in names

            h.forget()
            await h.engine.sync_once(FEED)
            assert not h.changes, "nothing changed on the server: nothing is announced"

    asyncio.run(scenario())

"""`client.settings.tag_types` against a real sandbox over loopback HTTP; every request is checked against
the official document's query parameters by the contract hook of `tests.conftest.connect`."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from csr_console.api.models.common import ActiveFilter
from csr_console.api.models.settings import TagImportance, TagType, TagTypeQuery
from tests.conftest import connect


def test_tag_types_list_filters_and_walk(sandbox: Any) -> None:
    async def scenario() -> None:
        async with connect(sandbox) as client:
            tag_types = client.settings.tag_types
            active = (await tag_types.list(page_size=100)).items
            assert active and all(t.active for t in active)
            vip = next(t for t in active if t.name == "VIP")
            assert vip.importance is TagImportance.HIGH and vip.color and vip.code == "VIP"

            everything = [
                t async for t in tag_types.items(TagTypeQuery(active=ActiveFilter.ANY), page_size=3)
            ]
            assert {t.id for t in active} < {t.id for t in everything}
            assert len({t.id for t in everything}) == len(everything), "paging repeats nothing"
            inactive = (await tag_types.list(TagTypeQuery(active=ActiveFilter.FALSE))).items
            assert {t.id for t in inactive} == {t.id for t in everything if not t.active}

            newest = max(t.modified_on for t in everything)
            since = await tag_types.list(
                TagTypeQuery(modified_on_or_after=newest, active=ActiveFilter.ANY, sort="+ModifiedOn")
            )
            assert since.items and all(t.modified_on >= newest for t in since.items)
            later = TagTypeQuery(created_on_or_after=newest + timedelta(seconds=1), active=ActiveFilter.ANY)
            assert not (await tag_types.list(later)).items

    asyncio.run(scenario())


def test_tag_type_tolerates_what_real_data_sends() -> None:
    """An importance the document does not list is kept raw; a missing code or colour is no error."""
    parsed = TagType.model_validate(
        {
            "id": 7,
            "name": "Hazard",
            "active": True,
            "createdOn": "2021-07-19T20:35:38.2876004Z",
            "modifiedOn": "2021-07-19T20:35:38.2876004Z",
            "importance": "Critical",
            "code": None,
        }
    )
    assert parsed.importance == "Critical" and parsed.code is None and parsed.color is None

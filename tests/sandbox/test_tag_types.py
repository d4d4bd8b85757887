"""Tag types in the sandbox (Settings v2): the seeded set, the list's filters, paging and sort, and the
export feed, every answer checked against the official document."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from csr_console.sandbox.routes import settings
from csr_console.sandbox.seed.catalog import TAG_TYPES
from tests.conftest import RunningSandbox
from tests.sandbox._openapi_check import CheckedClient, sandbox_store

TAG_TYPES_PATH = "/settings/v2/tenant/{tenant}/tag-types"


@pytest.fixture(scope="module")
def api(sandbox: RunningSandbox) -> Iterator[CheckedClient]:
    client = CheckedClient(sandbox)
    yield client
    client.close()


def _all(api: CheckedClient, **params: Any) -> list[dict[str, Any]]:
    return list(api.get(TAG_TYPES_PATH, pageSize=5000, **params).json()["data"])


def test_the_seed_has_the_company_tag_types(api: CheckedClient) -> None:
    by_name = {t["name"]: t for t in _all(api, active="Any")}
    assert set(by_name) >= {spec.name for spec in TAG_TYPES}
    vip = by_name["VIP"]
    assert vip["code"] == "VIP" and vip["importance"] == "High" and vip["color"].startswith("#")
    assert by_name["Pets on site"]["importance"] is None
    assert by_name["Replacement opportunity"]["isConversionOpportunity"] is True
    retired = [spec.name for spec in TAG_TYPES if not spec.active]
    assert retired and all(by_name[name]["active"] is False for name in retired)


def test_active_filter_defaults_to_active_ones(api: CheckedClient) -> None:
    active = {t["name"] for t in _all(api)}
    inactive = {t["name"] for t in _all(api, active="False")}
    assert active and inactive and not active & inactive
    assert {t["name"] for t in _all(api, active="Any")} == active | inactive
    assert api.get(TAG_TYPES_PATH, active="Maybe").status_code == 400


def test_paging_and_sort(api: CheckedClient) -> None:
    everything = _all(api, active="Any", sort="-Id")
    assert [t["id"] for t in everything] == sorted((t["id"] for t in everything), reverse=True)
    first = api.get(TAG_TYPES_PATH, active="Any", pageSize=3, page=1, includeTotal="true").json()
    assert first["hasMore"] and first["totalCount"] == len(everything) and len(first["data"]) == 3
    last_page = -(-len(everything) // 3)
    last = api.get(TAG_TYPES_PATH, active="Any", pageSize=3, page=last_page).json()
    assert not last["hasMore"] and last["totalCount"] is None
    assert api.get(TAG_TYPES_PATH, sort="+Colour").status_code == 400


def test_date_filters_and_export_feed(sandbox: RunningSandbox, api: CheckedClient) -> None:
    tag = uuid.uuid4().hex[:6]
    with sandbox_store(sandbox) as (store, stamp):
        fresh = settings.create_tag_type(store, f"Gate code {tag}", "#455A64", stamp, code=tag)
        retired = settings.create_tag_type(store, f"Old {tag}", "#000000", stamp, active=False)
    since = fresh["createdOn"]
    recent = _all(api, active="Any", modifiedOnOrAfter=since)
    assert {fresh["id"], retired["id"]} <= {t["id"] for t in recent}
    assert not {t["name"] for t in recent} & {spec.name for spec in TAG_TYPES}
    older = _all(api, active="Any", createdBefore=since)
    assert fresh["id"] not in {t["id"] for t in older} and len(older) >= len(TAG_TYPES)

    exported = api.get("/settings/v2/tenant/{tenant}/export/tag-types", includeRecentChanges="true").json()
    flags = {t["id"]: t["active"] for t in exported["data"]}
    assert flags[fresh["id"]] is True and flags[retired["id"]] is False


def test_no_get_by_id(api: CheckedClient) -> None:
    """The document has no GET /tag-types/{id}: the sandbox does not invent one."""
    some = _all(api)[0]
    path = TAG_TYPES_PATH.replace("{tenant}", str(api.tenant)) + f"/{some['id']}"
    assert api.http.get(path).status_code in (404, 405)


def test_lifecycle_refuses_what_the_document_refuses(sandbox: RunningSandbox) -> None:
    with sandbox_store(sandbox) as (store, stamp):
        with pytest.raises(ValueError, match="colour"):
            settings.create_tag_type(store, "Bad", "red", stamp)
        with pytest.raises(ValueError, match="code"):
            settings.create_tag_type(store, "Bad", "#FFFFFF", stamp, code="X" * 21)
        with pytest.raises(ValueError, match="importance"):
            settings.create_tag_type(store, "Bad", "#FFFFFF", stamp, importance="Low")

"""The list and export conventions every resource shares: paging, ids, date ranges, sort, externalData
filters, and export feeds with continuation tokens."""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping, Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy.sql.elements import ColumnElement

from csr_console.sandbox.http import Body, Ctx, bad_request
from csr_console.sandbox.search_keys import phone_key
from csr_console.sandbox.store import Store, format_time, now, parse_time, record

MAX_PAGE_SIZE = 5000
DEFAULT_PAGE_SIZE = 50
EXPORT_BATCH = 5000
# Without includeRecentChanges, an export holds back changes younger than this, so a row being
# written right now is not skipped by a cursor that has already passed its timestamp.
RECENT_CHANGES_HOLDBACK_S = 3.0

STANDARD_SORT = {"id": record.c.id, "createdon": record.c.created_on, "modifiedon": record.c.modified_on}

Shape = Callable[[dict[str, Any]], dict[str, Any]]


def paging(ctx: Ctx) -> tuple[int, int, bool]:
    page = ctx.q_int("page") or 1
    page_size = ctx.q_int("pageSize") or DEFAULT_PAGE_SIZE
    if page < 1:
        raise bad_request("page", "page must be 1 or more.")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise bad_request("pageSize", f"pageSize must be between 1 and {MAX_PAGE_SIZE}.")
    return page, page_size, bool(ctx.q_bool("includeTotal"))


def standard_filters(ctx: Ctx) -> list[ColumnElement[bool]]:
    """ids and the four UTC date bounds; the OnOrAfter bounds are inclusive."""
    where: list[ColumnElement[bool]] = []
    ids = ctx.q_ids("ids")
    if ids is not None:
        where.append(record.c.id.in_(ids))
    for name, column, op in (
        ("createdOnOrAfter", record.c.created_on, "ge"),
        ("createdBefore", record.c.created_on, "lt"),
        ("modifiedOnOrAfter", record.c.modified_on, "ge"),
        ("modifiedBefore", record.c.modified_on, "lt"),
    ):
        bound = ctx.q_time(name)
        if bound is not None:
            where.append(column >= bound if op == "ge" else column < bound)
    return where


def active_filter(ctx: Ctx) -> list[ColumnElement[bool]]:
    """``active=True|False|Any`` (default True) on resources that can be deactivated."""
    value = ctx.q_enum("active", ("True", "Any", "False")) or "True"
    if value == "Any":
        return []
    return [record.c.active.is_(value == "True")]


def external_data_filter(ctx: Ctx, kind: str) -> list[ColumnElement[bool]]:
    guid = ctx.q_str("externalDataApplicationGuid")
    key = ctx.q_str("externalDataKey")
    values_raw = ctx.q_str("externalDataValues")
    if key is None and values_raw is None:
        # The GUID alone only chooses whose externalData the answer shows; it filters nothing.
        return []
    if guid is None:
        raise bad_request(
            "externalDataApplicationGuid",
            "externalDataApplicationGuid is required to filter by externalData.",
        )
    values = [v for v in values_raw.split(",")] if values_raw else None
    if values is not None and len(values) > 50:
        raise bad_request("externalDataValues", "At most 50 values may be requested at once.")
    return [ctx.store.external_data_match(kind, guid, key, values)]


def sort_order(ctx: Ctx, fields: Mapping[str, Any] = STANDARD_SORT) -> list[Any]:
    """``sort=+Field`` / ``-Field``; an unsupported field answers 400."""
    raw = ctx.q_str("sort")
    if raw is None:
        return [record.c.id]
    text = raw.strip()
    direction = "+"
    if text[:1] in "+-":
        direction, text = text[0], text[1:]
    column = fields.get(text.strip().lower())
    if column is None:
        names = ", ".join(sorted(fields))
        raise bad_request("sort", f"Sorting by '{text}' is not supported; use one of: {names}.")
    primary = column.desc() if direction == "-" else column.asc()
    tiebreak = record.c.id.desc() if direction == "-" else record.c.id.asc()
    return [primary, tiebreak]


def page_body(
    page: int, page_size: int, docs: list[dict[str, Any]], has_more: bool, total: int | None
) -> dict[str, Any]:
    return {"page": page, "pageSize": page_size, "hasMore": has_more, "totalCount": total, "data": docs}


def list_records(
    ctx: Ctx,
    kind: str,
    where: Sequence[ColumnElement[bool]] = (),
    *,
    sort_fields: Mapping[str, Any] = STANDARD_SORT,
    shape: Shape | None = None,
    standard: bool = True,
    order_by: Sequence[Any] | None = None,
) -> dict[str, Any]:
    """The whole paged list answer: standard filters plus ``where``, sorted and shaped. ``order_by``
    replaces ``sort`` for the few lists that order by other parameters (job types' ``orderBy``)."""
    page, page_size, include_total = paging(ctx)
    conditions = [*(standard_filters(ctx) if standard else []), *where]
    result = ctx.store.query(
        kind,
        conditions,
        order_by=order_by if order_by is not None else sort_order(ctx, sort_fields),
        page=page,
        page_size=page_size,
        include_total=include_total,
    )
    docs = [shape(d) for d in result.docs] if shape else result.docs
    return page_body(page, page_size, docs, result.has_more, result.total)


def with_external_data(
    ctx: Ctx, kind: str, docs: list[dict[str, Any]], guid: str | None = None
) -> list[dict[str, Any]]:
    """Fill each doc's ``externalData`` with what the asking application stored, and nothing else."""
    application = guid if guid is not None else ctx.q_str("externalDataApplicationGuid")
    found = ctx.store.external_data_of(kind, [d["id"] for d in docs], application)
    for doc in docs:
        doc["externalData"] = found.get(doc["id"], [])
    return docs


def read_external_data(body: Body) -> dict[str, Any] | None:
    """A create request's ``externalData: {applicationGuid, externalData: [{key, value}]}``."""
    external = body.obj("externalData")
    if external is None:
        return None
    guid = external.str("applicationGuid", required=True, allow_empty=False, max_len=36)
    items = [
        {"key": item.str("key", required=True, max_len=200), "value": item.str("value", required=True)}
        for item in external.objs("externalData", required=True) or []
    ]
    return {"applicationGuid": guid, "externalData": items}


def read_external_data_update(body: Body) -> dict[str, Any] | None:
    """A PATCH's ``externalData: {patchMode: Replace|Merge, applicationGuid, externalData: [{key, value}]}``;
    a null value removes its key when merging."""
    external = body.obj("externalData", required=body.has("externalData"))
    if external is None:
        return None
    items = [
        {"key": item.str("key", required=True, max_len=200), "value": item.str("value")}
        for item in external.objs("externalData", required=True) or []
    ]
    return {
        "patchMode": external.enum("patchMode", ("Replace", "Merge")) or "Replace",
        "applicationGuid": external.str("applicationGuid", required=True, allow_empty=False, max_len=36),
        "externalData": items,
    }


def update_external_data(store: Store, kind: str, record_id: int, update: dict[str, Any]) -> None:
    """Apply ``read_external_data_update``'s result: Replace sets the application's items to the given ones,
    Merge overwrites the given keys and deletes those given a null value."""
    guid = update["applicationGuid"]
    items: dict[str, str | None] = {}
    if update["patchMode"] == "Merge":
        current = store.external_data_of(kind, [record_id], guid).get(record_id, [])
        items = {i["key"]: i["value"] for i in current}
    items.update({i["key"]: i["value"] for i in update["externalData"]})
    kept = [{"key": k, "value": v} for k, v in items.items() if v is not None]
    store.set_external_data(kind, record_id, guid, kept)


# A phone search of at least this many digits is a partial number: it matches anywhere in a stored one.
PARTIAL_PHONE_DIGITS = 7


def phone_ids(kind: str, raw: str) -> Any:
    """The ids of ``kind`` records whose ``phone`` term matches ``raw`` by digits (any formatting): a
    number of 7 or more digits matches by suffix or contains (so a local number finds its full number),
    a shorter one only exactly."""
    digits = phone_key(raw)
    return Store.term_ids(kind, "phone", digits, contains=len(digits) >= PARTIAL_PHONE_DIGITS)


def encode_token(stamp: str, last_id: int) -> str:
    return base64.urlsafe_b64encode(f"{stamp}|{last_id}".encode()).decode().rstrip("=")


def decode_from(raw: str | None) -> tuple[str, int] | None:
    """``from`` is a continuation token, a date (start from that moment), or absent (from the beginning)."""
    if raw is None or raw == "":
        return None
    try:
        padded = raw + "=" * (-len(raw) % 4)
        stamp, _, last = base64.urlsafe_b64decode(padded.encode()).decode().partition("|")
        parse_time(stamp)
        return stamp, int(last)
    except (ValueError, UnicodeDecodeError):
        pass
    try:
        # A date: every row modified on or after it (id -1 sorts before every real id).
        return format_time(parse_time(raw)), -1
    except ValueError:
        raise bad_request("from", f"'{raw}' is neither a continuation token nor a date.") from None


def export_records(
    ctx: Ctx,
    kind: str,
    where: Sequence[ColumnElement[bool]] = (),
    *,
    shape: Shape | None = None,
) -> dict[str, Any]:
    """One batch of an export feed: rows by (modifiedOn, id) after ``from``, with ``active`` flags."""
    after = decode_from(ctx.q_str("from"))
    include_recent = bool(ctx.q_bool("includeRecentChanges"))
    conditions = list(where)
    if not include_recent:
        horizon = format_time(now() - timedelta(seconds=RECENT_CHANGES_HOLDBACK_S))
        conditions.append(record.c.modified_on < horizon)
    if after is not None and after[1] == -1:
        conditions.append(record.c.modified_on >= after[0])
        after = None
    rows = ctx.store.scan_after(kind, after, EXPORT_BATCH + 1, conditions)
    has_more = len(rows) > EXPORT_BATCH
    rows = rows[:EXPORT_BATCH]
    data = []
    for row in rows:
        shaped = shape(row.doc) if shape else row.doc
        shaped["active"] = row.active
        data.append(shaped)
    if rows:
        token = encode_token(rows[-1].modified_on, rows[-1].id)
    else:
        token = ctx.q_str("from") or encode_token(format_time(parse_time("1900-01-01T00:00:00Z")), 0)
    return {"hasMore": has_more, "continueFrom": token, "data": data}

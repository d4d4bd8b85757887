"""Building blocks of the resource classes: one-record calls, paged collections, export feeds."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Mapping
from datetime import datetime
from typing import Generic, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel

from csr_console.api.environments import Module
from csr_console.api.models.common import ApiModel, ExportBatch, Page, Query
from csr_console.api.paging import (
    DEFAULT_ITER_PAGE_SIZE,
    DEFAULT_PAGE_SIZE,
    check_page_size,
    export_from,
    iterate_export,
    iterate_items,
    iterate_pages,
)
from csr_console.api.parsing import parse_export, parse_model, parse_page
from csr_console.api.transport import Transport, json_of

M = TypeVar("M", bound=BaseModel)
Q = TypeVar("Q", bound=Query)


#: Above this size, a page is decoded and validated in a worker thread: a 5,000-booking page (3.8 MB)
#: takes 50-100 ms to decode and 60-90 ms more to validate, which on the event loop's thread would
#: freeze a GUI for that long; below it (about 170 bookings), both take a few milliseconds. Both run
#: record by record (`decoding.loads`, `parse_items`), so the interpreter hands the GUI thread its
#: turns in between.
OFF_LOOP_BYTES = 128 * 1024

P = TypeVar("P")


async def _parse_off_loop(
    parse: Callable[..., P],
    model: type[BaseModel],
    response: httpx.Response,
    what: str,
    kind: str,
    strict: bool,
) -> P:
    """`parse(model, <the body>, kind)`; `what` names the call in the PayloadError of a non-JSON body."""

    def decode_and_parse() -> P:
        return parse(model, json_of(response, what), kind, strict=strict)

    if len(response.content) > OFF_LOOP_BYTES:
        return await asyncio.to_thread(decode_and_parse)
    return decode_and_parse()


def seg(value: int | str) -> str:
    """A path segment; ids are ints almost everywhere, but Scheduling Pro's are free strings."""
    return quote(str(value), safe="")


class Resource:
    """Calls under one module's `/tenant/{tenant}` root."""

    def __init__(self, transport: Transport, module: Module) -> None:
        self._transport = transport
        self._module: Module = module

    async def _get(self, path: str, model: type[M], kind: str, params: Mapping[str, str] | None = None) -> M:
        raw = await self._transport.request_json("GET", self._module, path, kind=kind, params=params)
        return parse_model(model, raw, kind)

    async def _send(self, method: str, path: str, body: ApiModel | None, model: type[M], kind: str) -> M:
        raw = await self._transport.request_json(
            method, self._module, path, kind=kind, json_body=None if body is None else body.to_body()
        )
        return parse_model(model, raw, kind)

    async def _send_no_content(self, method: str, path: str, body: ApiModel | None = None) -> None:
        """For dismiss/delete, which answer 200 with no body: whatever comes back is ignored."""
        await self._transport.request(
            method, self._module, path, json_body=None if body is None else body.to_body()
        )


class Collection(Resource, Generic[M, Q]):
    """A paged list endpoint: `list()` one page, `pages()` / `items()` to walk them all.

    strict=True (default) raises PayloadError on the first malformed record; strict=False keeps the
    good records in `Page.items` and puts the bad ones, raw, in `Page.rejected`. (`items()` skips
    rejected records silently when not strict: walk `pages()` to quarantine them.)
    """

    def __init__(self, transport: Transport, module: Module, path: str, model: type[M], kind: str) -> None:
        super().__init__(transport, module)
        self._path = path
        self._model = model
        self._kind = kind

    async def list(
        self,
        query: Q | None = None,
        *,
        page: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE,
        include_total: bool = False,
        strict: bool = True,
    ) -> Page[M]:
        params: dict[str, str] = query.to_params() if query is not None else {}
        params["page"] = str(page)
        params["pageSize"] = str(check_page_size(page_size))
        if include_total:
            params["includeTotal"] = "true"
        response = await self._transport.request("GET", self._module, self._path, params=params)
        return await _parse_off_loop(
            parse_page, self._model, response, f"{self._kind} list", self._kind, strict
        )

    def pages(
        self,
        query: Q | None = None,
        *,
        page_size: int = DEFAULT_ITER_PAGE_SIZE,
        start_page: int = 1,
        strict: bool = True,
    ) -> AsyncIterator[Page[M]]:
        check_page_size(page_size)

        async def fetch(number: int) -> Page[M]:
            return await self.list(query, page=number, page_size=page_size, strict=strict)

        return iterate_pages(fetch, start_page=start_page)

    def items(
        self, query: Q | None = None, *, page_size: int = DEFAULT_ITER_PAGE_SIZE, strict: bool = True
    ) -> AsyncIterator[M]:
        return iterate_items(self.pages(query, page_size=page_size, strict=strict))


class ExportFeed(Resource, Generic[M]):
    """An export feed: `fetch()` one batch, `batches()` to follow continueFrom to the end."""

    def __init__(self, transport: Transport, module: Module, path: str, model: type[M], kind: str) -> None:
        super().__init__(transport, module)
        self._path = path
        self._model = model
        self._kind = kind

    async def fetch(
        self,
        from_: str | datetime | None = None,
        *,
        include_recent_changes: bool = True,
        strict: bool = True,
    ) -> ExportBatch[M]:
        return await self._fetch(from_, include_recent_changes, strict, {})

    def batches(
        self,
        from_: str | datetime | None = None,
        *,
        include_recent_changes: bool = True,
        strict: bool = True,
    ) -> AsyncIterator[ExportBatch[M]]:
        return self._batches(from_, include_recent_changes, strict, {})

    # Feeds with filters of their own (e.g. appointments' `active`) pass them as `extra`.
    async def _fetch(
        self,
        from_: str | datetime | None,
        include_recent_changes: bool,
        strict: bool,
        extra: Mapping[str, str],
    ) -> ExportBatch[M]:
        params: dict[str, str] = {
            **extra,
            "includeRecentChanges": "true" if include_recent_changes else "false",
        }
        start = export_from(from_)
        if start is not None:
            params["from"] = start
        response = await self._transport.request("GET", self._module, self._path, params=params)
        return await _parse_off_loop(
            parse_export, self._model, response, f"{self._kind} export", self._kind, strict
        )

    def _batches(
        self,
        from_: str | datetime | None,
        include_recent_changes: bool,
        strict: bool,
        extra: Mapping[str, str],
    ) -> AsyncIterator[ExportBatch[M]]:
        async def fetch(cursor: str | None) -> ExportBatch[M]:
            return await self._fetch(cursor, include_recent_changes, strict, extra)

        return iterate_export(fetch, from_)

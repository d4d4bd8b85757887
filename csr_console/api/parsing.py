"""Payload -> model, turning pydantic's ValidationError into a PayloadError that names what broke.

`parse_items` validates record by record so one bad record can be quarantined and the rest kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Generic, NamedTuple, TypeVar

from pydantic import BaseModel, ValidationError

from csr_console.api.errors import PayloadError
from csr_console.api.models.common import (
    ExportBatch,
    ExportEnvelope,
    Page,
    PageEnvelope,
    Rejected,
)
from csr_console.gil import pause

M = TypeVar("M", bound=BaseModel)


class ParsedItems(NamedTuple, Generic[M]):
    good: list[M]
    bad: list[Rejected]


def _record_id(raw: Any) -> object | None:
    return raw.get("id") if isinstance(raw, dict) else None


# Union members add their schema tag to an error's location ('status.str-enum[BookingStatus]',
# 'priority.str'): not a field, so left out of the path shown to people.
_UNION_TAGS = re.compile(r"^[a-z][a-z0-9-]*(\[.*\])?$")
_TAG_WORDS = frozenset({"str", "int", "float", "bool", "none", "list", "dict", "nullable", "json-or-python"})


def _is_tag(part: str) -> bool:
    return ("[" in part and bool(_UNION_TAGS.match(part))) or part in _TAG_WORDS


def _path(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, str) and _is_tag(part):
            continue
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def payload_error(kind: str, raw: Any, exc: ValidationError) -> PayloadError:
    # Input values are left out of the message: they may hold customers' personal data.
    problems = list(dict.fromkeys(f"{_path(e['loc']) or '<root>'}: {e['msg']}" for e in exc.errors()))
    first = exc.errors()[0]
    return PayloadError(
        kind,
        first["msg"],
        record_id=_record_id(raw),
        field=_path(first["loc"]) or None,
        problems=problems,
    )


def parse_model(model: type[M], raw: Any, kind: str) -> M:
    """Validate one record strictly; raise PayloadError naming kind, id and field path."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise payload_error(kind, raw, exc) from None


def parse_items(model: type[M], raw_items: Iterable[Any], kind: str) -> ParsedItems[M]:
    """Validate each record on its own: (good models, rejected raw records with their errors)."""
    good: list[M] = []
    bad: list[Rejected] = []
    for raw in raw_items:
        pause()
        try:
            good.append(model.model_validate(raw))
        except ValidationError as exc:
            bad.append(Rejected(raw, payload_error(kind, raw, exc)))
    return ParsedItems(good, bad)


def _items(model: type[M], data: list[Any], kind: str, strict: bool) -> ParsedItems[M]:
    parsed = parse_items(model, data, kind)
    if strict and parsed.bad:
        raise parsed.bad[0].error
    return parsed


def parse_page(model: type[M], raw: Any, kind: str, *, strict: bool = True) -> Page[M]:
    envelope = parse_model(PageEnvelope, raw, f"{kind} page")
    good, bad = _items(model, envelope.data, kind, strict)
    return Page(envelope.page, envelope.page_size, envelope.has_more, envelope.total_count, good, bad)


def parse_export(model: type[M], raw: Any, kind: str, *, strict: bool = True) -> ExportBatch[M]:
    envelope = parse_model(ExportEnvelope, raw, f"{kind} export")
    good, bad = _items(model, envelope.data, kind, strict)
    return ExportBatch(envelope.has_more, envelope.continue_from, good, bad)

"""Check a sandbox answer against the response schema the official OpenAPI document gives its operation."""

from __future__ import annotations

from typing import Any

from tests.contract.openapi import load_contract


def check(method: str, url_path: str, status: int, body: Any) -> None:
    """Assert ``body`` is valid for the response ``status`` of the operation ``method url_path``
    (``url_path`` like /crm/v2/tenant/123/customers/45)."""
    problems = load_contract().check_response(method, url_path.split("?")[0], status, body)
    assert not problems, "\n".join(problems[:5])

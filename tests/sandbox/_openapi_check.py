"""Helpers for the sandbox's route tests: a tenant client whose every exchange is checked against the
official OpenAPI documents (tests/contract/openapi.py), and direct access to the running sandbox's store
for reference data the seed does not provide."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import httpx

from csr_console.sandbox.store import Store, format_time, now
from tests.conftest import RunningSandbox
from tests.contract.openapi import load_contract


class CheckedClient:
    """The tenant's credentials over loopback; an answer off the contract, or an accepted request off it,
    fails the test."""

    def __init__(self, sandbox: RunningSandbox) -> None:
        token = httpx.post(
            sandbox.token_url,
            data={
                "grant_type": "client_credentials",
                "client_id": sandbox.client_id,
                "client_secret": sandbox.client_secret,
            },
        )
        token.raise_for_status()
        self.tenant = sandbox.tenant
        self.http = httpx.Client(
            base_url=sandbox.base_url,
            headers={
                "Authorization": f"Bearer {token.json()['access_token']}",
                "ST-App-Key": sandbox.app_key,
            },
        )

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        path = path.replace("{tenant}", str(self.tenant))
        answer = self.http.request(method, path, **kwargs)
        contract = load_contract()
        body = answer.json() if answer.content else None
        problems = contract.check_response(
            method, urlsplit(str(answer.request.url)).path, answer.status_code, body
        )
        if answer.is_success:  # tests send off-contract requests on purpose to see them refused
            problems += contract.check_request(method, str(answer.request.url), kwargs.get("json"))
        assert not problems, "\n".join(problems)
        return answer

    def get(self, path: str, **params: Any) -> httpx.Response:
        return self.request("GET", path, params=params)

    def post(self, path: str, body: Any) -> httpx.Response:
        return self.request("POST", path, json=body)

    def close(self) -> None:
        self.http.close()


@contextmanager
def sandbox_store(sandbox: RunningSandbox) -> Iterator[tuple[Store, str]]:
    """One transaction on the running sandbox's database (SQLite in WAL mode) and a timestamp for it."""
    store = Store(f"sqlite:///{sandbox.db_path}")
    try:
        with store.transaction():
            yield store, format_time(now())
    finally:
        store.close()

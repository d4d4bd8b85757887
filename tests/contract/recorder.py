"""An httpx client that checks every exchange against the official documents as it happens."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.contract.openapi import Contract


@dataclass
class Exchange:
    method: str
    url: str
    operation: str
    status: int
    problems: list[str]


@dataclass
class ContractRecorder:
    """Collects each exchange's operation and any breach of the contract, request or response side."""

    contract: Contract
    exchanges: list[Exchange] = field(default_factory=list)

    def record(self, response: httpx.Response) -> None:
        request = response.request
        path = request.url.path
        if path == "/connect/token" or path.startswith("/_sandbox"):
            return
        sent = json.loads(request.content) if request.content else None
        # A request the server accepted must keep the contract; rejected ones are deliberate error probes.
        problems = (
            self.contract.check_request(request.method, str(request.url), sent)
            if response.status_code < 400
            else []
        )
        response.read()
        body: Any = None
        if response.content:
            try:
                body = response.json()
            except ValueError:
                problems.append(f"{request.method} {path} {response.status_code}: body is not JSON")
        problems += self.contract.check_response(request.method, path, response.status_code, body)
        operation = self.contract.find(request.method, path).key
        self.exchanges.append(
            Exchange(request.method, str(request.url), operation, response.status_code, problems)
        )

    @property
    def problems(self) -> list[str]:
        return [p for e in self.exchanges for p in e.problems]

    def covered(self, *, success_only: bool = False) -> set[str]:
        return {e.operation for e in self.exchanges if not success_only or e.status < 300}


def token(base_url: str, client_id: str, client_secret: str) -> str:
    answer = httpx.post(
        f"{base_url}/connect/token",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": client_secret},
    )
    answer.raise_for_status()
    return str(answer.json()["access_token"])


def recording_client(
    recorder: ContractRecorder, base_url: str, app_key: str, access_token: str
) -> httpx.Client:
    return httpx.Client(
        base_url=base_url,
        headers={"Authorization": f"Bearer {access_token}", "ST-App-Key": app_key},
        event_hooks={"response": [recorder.record]},
        timeout=30,
    )

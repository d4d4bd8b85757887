"""Client-credentials tokens, app keys and the reach of each credential.

The tenant's own credentials reach every path; a booking provider's credentials reach only the
booking-provider paths of its own tag. A client may also be limited to some OAuth scopes (sandbox rule: an
operation needs `tn.<module>.<resource>:r` to read, `:w` to write, as `scope_of` names it); the sandbox
makes one such client, a CRM-only app, so a missing scope can be tried. Tokens are signed, not stored, so
they survive a restart of the sandbox on the same database, and last 900 seconds as ServiceTitan's do.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

from csr_console.sandbox.http import Principal

TOKEN_LIFETIME_S = 900
#: What the CRM-only app may do: customers, locations, contacts and bookings; no call reasons, jobs, dispatch.
CRM_ONLY_SCOPES = ("tn.crm.customers:r", "tn.crm.locations:r", "tn.crm.contacts:r", "tn.crm.bookings:r")


def scope_of(method: str, path: str) -> str:
    """The OAuth scope an operation needs: `/jbce/v2/tenant/{tenant}/call-reasons` read is
    `tn.jbce.callreasons:r` (sandbox rule, after ServiceTitan's scope names)."""
    parts = [p for p in path.split("/") if p]
    module = parts[0]
    after = parts[parts.index("{tenant}") + 1 :] if "{tenant}" in parts else parts[1:]
    resource = next((p for p in after if not p.startswith("{") and p != "export"), "tenant")
    return f"tn.{module}.{resource.replace('-', '')}:{'r' if method == 'GET' else 'w'}"


def _tuple_or_none(value: list[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


@dataclass(frozen=True)
class Client:
    client_id: str
    client_secret: str
    provider_id: int | None = None
    name: str = ""
    #: The OAuth scopes granted to this app; None: every scope.
    scopes: tuple[str, ...] | None = None

    def allows(self, scope: str) -> bool:
        return self.scopes is None or scope in self.scopes


@dataclass
class Credentials:
    """Everything `csr-sandbox` prints: the tenant, its app key, and the clients allowed in."""

    tenant: int
    app_key: str
    signing_key: str
    clients: list[Client]

    @classmethod
    def generate(cls, tenant: int) -> Credentials:
        return cls(
            tenant=tenant,
            app_key="ak1." + secrets.token_hex(12),
            signing_key=secrets.token_hex(32),
            clients=[
                Client("cid.tenant." + secrets.token_hex(8), "cs1." + secrets.token_urlsafe(24)),
                Client(
                    "cid.crm-only." + secrets.token_hex(6),
                    "cs1." + secrets.token_urlsafe(24),
                    name="CRM-only app",
                    scopes=CRM_ONLY_SCOPES,
                ),
            ],
        )

    def add_provider(self, provider_id: int, name: str) -> Client:
        client = Client(
            f"cid.provider{provider_id}." + secrets.token_hex(6),
            "cs1." + secrets.token_urlsafe(24),
            provider_id,
            name,
        )
        self.clients.append(client)
        return client

    @property
    def tenant_client(self) -> Client:
        return next(c for c in self.clients if c.provider_id is None and c.scopes is None)

    @property
    def limited_client(self) -> Client | None:
        return next((c for c in self.clients if c.scopes is not None), None)

    def to_json(self) -> str:
        return json.dumps(
            {
                "tenant": self.tenant,
                "app_key": self.app_key,
                "signing_key": self.signing_key,
                "clients": [c.__dict__ for c in self.clients],
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Credentials:
        raw = json.loads(text)
        clients = [Client(**{**c, "scopes": _tuple_or_none(c.get("scopes"))}) for c in raw["clients"]]
        return cls(raw["tenant"], raw["app_key"], raw["signing_key"], clients)

    # -- tokens -------------------------------------------------------------------------------------
    def authenticate(self, client_id: str, client_secret: str) -> Client | None:
        for client in self.clients:
            if hmac.compare_digest(client.client_id, client_id) and hmac.compare_digest(
                client.client_secret, client_secret
            ):
                return client
        return None

    def issue_token(self, client: Client, now: float | None = None) -> str:
        claims = {
            "sub": client.client_id,
            "exp": int((now or time.time()) + TOKEN_LIFETIME_S),
            "n": secrets.token_hex(4),
        }
        payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
        return f"{payload}.{self._sign(payload)}"

    def verify_token(self, token: str, now: float | None = None) -> Principal | None:
        payload, _, signature = token.partition(".")
        if not payload or not hmac.compare_digest(signature, self._sign(payload)):
            return None
        try:
            claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        except ValueError:
            return None
        if claims.get("exp", 0) <= (now or time.time()):
            return None
        client = next((c for c in self.clients if c.client_id == claims.get("sub")), None)
        if client is None:
            return None
        return Principal(client.client_id, self.tenant, client.provider_id, client.scopes)

    def _sign(self, payload: str) -> str:
        return hmac.new(self.signing_key.encode(), payload.encode(), hashlib.sha256).hexdigest()

"""Issue 7, the sandbox's side of security: tokens expire (and cannot be forged), a booking provider can
neither read nor change another provider's bookings, one tenant's credentials reach no other tenant (by
path or on another server), an app reaches only the OAuth scopes it was granted (403 naming the scope it
lacks), and malformed bodies get 400 with the documented error body.

Every error answer is checked against the official documents (tests/sandbox/_schema.py): the 400 and 401
bodies must keep ApiErrorResponse (or the schema documented for that operation and status).
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csr_console.sandbox.auth import TOKEN_LIFETIME_S, Credentials
from csr_console.sandbox.cli import database_url
from csr_console.sandbox.seed import CREDENTIALS
from csr_console.sandbox.store import Store
from tests.conftest import RunningSandbox
from tests.contract.openapi import load_contract
from tests.sandbox._schema import check


def _token(sandbox: RunningSandbox, client_id: str, client_secret: str) -> str:
    answer = httpx.post(
        sandbox.token_url,
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": client_secret},
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["access_token"])


def _client(
    sandbox: RunningSandbox, who: dict[str, Any] | None = None, token: str | None = None
) -> httpx.Client:
    source = who or {"client_id": sandbox.client_id, "client_secret": sandbox.client_secret}
    access = token or _token(sandbox, source["client_id"], source["client_secret"])
    return httpx.Client(
        base_url=sandbox.base_url,
        headers={"Authorization": f"Bearer {access}", "ST-App-Key": sandbox.app_key},
        timeout=30,
    )


def _server_credentials(sandbox: RunningSandbox) -> Credentials:
    """The running sandbox's own credentials (signing key included), read from its database."""
    store = Store(database_url(str(sandbox.db_path)))
    try:
        with store.transaction():
            saved = store.get_setting(CREDENTIALS)
    finally:
        store.close()
    assert saved is not None
    return Credentials.from_json(saved)


def _error(answer: httpx.Response, method: str, status: int) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body = answer.json()
    check(method, answer.request.url.path, status, body)
    assert body["status"] == status and body["traceId"]
    return dict(body)


def _booking(sandbox: RunningSandbox, provider: dict[str, Any], external_id: str) -> dict[str, Any]:
    with _client(sandbox, provider) as client:
        answer = client.post(
            f"/crm/v2/tenant/{sandbox.tenant}/booking-provider/{provider['booking_provider']}/bookings",
            json={
                "source": provider["name"],
                "name": "Grace Hopper",
                "summary": "Furnace out",
                "isFirstTimeClient": True,
                "externalId": external_id,
                "contacts": [{"type": "Phone", "value": "(512) 555-0102"}],
            },
        )
        assert answer.status_code == 200, answer.text
        return dict(answer.json())


# -- tokens ------------------------------------------------------------------------------------------
def test_an_expired_token_gets_401_with_the_documented_body(sandbox: RunningSandbox) -> None:
    credentials = _server_credentials(sandbox)
    tenant_client = credentials.tenant_client
    expired = credentials.issue_token(tenant_client, now=time.time() - TOKEN_LIFETIME_S - 1)
    fresh = credentials.issue_token(tenant_client)
    path = f"/crm/v2/tenant/{sandbox.tenant}/bookings"

    with _client(sandbox, token=expired) as client:
        answer = client.get(path)
        body = _error(answer, "GET", 401)
        assert "expired" in body["title"]
        assert 'error="invalid_token"' in answer.headers["WWW-Authenticate"]
        # Writes are refused the same way.
        _error(client.post(f"/crm/v2/tenant/{sandbox.tenant}/customers", json={}), "POST", 401)
    with _client(sandbox, token=fresh) as client:  # the same key, still in date: let in
        assert client.get(path).status_code == 200


def test_a_token_cannot_be_forged_or_stretched(sandbox: RunningSandbox) -> None:
    real = _token(sandbox, sandbox.client_id, sandbox.client_secret)
    payload, _, signature = real.partition(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["exp"] += 365 * 24 * 3600  # a year more, signature kept
    stretched = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=") + "." + signature
    forged = Credentials.generate(sandbox.tenant)  # right tenant, another signing key
    foreign = forged.issue_token(forged.tenant_client)
    path = f"/crm/v2/tenant/{sandbox.tenant}/bookings"
    for token in (stretched, foreign, payload, real + "x"):
        with _client(sandbox, token=token) as client:
            _error(client.get(path), "GET", 401)


# -- providers: neither read nor change another's bookings -------------------------------------------
def test_a_provider_cannot_change_another_providers_booking(sandbox: RunningSandbox) -> None:
    angi, thumbtack = sandbox.provider("Angi"), sandbox.provider("Thumbtack")
    booking = _booking(sandbox, thumbtack, "security-write-1")
    crm = f"/crm/v2/tenant/{sandbox.tenant}"
    theirs = f"{crm}/booking-provider/{thumbtack['booking_provider']}/bookings/{booking['id']}"
    with _client(sandbox) as tenant:
        contacts_before = tenant.get(
            f"{theirs.replace('/booking-provider/' + str(thumbtack['booking_provider']), '')}/contacts"
        )
        assert contacts_before.status_code == 200, contacts_before.text
        contact_id = contacts_before.json()["data"][0]["id"]
    with _client(sandbox, angi) as client:
        # Through its own path, the other provider's booking does not exist...
        own = f"{crm}/booking-provider/{angi['booking_provider']}/bookings/{booking['id']}"
        for method, path, body in [
            ("GET", f"{own}/contacts", None),
            ("PATCH", own, {"name": "Mallory"}),
            ("POST", f"{own}/dismiss", {}),
            ("POST", f"{own}/contacts", {"type": "Email", "value": "mallory@example.com"}),
            ("PATCH", f"{own}/contacts/{contact_id}", {"value": "(512) 555-0666"}),
            ("DELETE", f"{own}/contacts/{contact_id}", None),
        ]:
            _error(client.request(method, path, json=body), method, 404)
        # ...and through the other provider's path, or the tenant's, it is forbidden.
        for method, path, body in [
            ("PATCH", theirs, {"name": "Mallory"}),
            ("POST", f"{theirs}/dismiss", {}),
            ("POST", f"{theirs}/contacts", {"type": "Email", "value": "mallory@example.com"}),
            ("PATCH", f"{theirs}/contacts/{contact_id}", {"value": "(512) 555-0666"}),
            ("DELETE", f"{theirs}/contacts/{contact_id}", None),
            ("PATCH", f"{crm}/booking-provider-tags/{thumbtack['booking_provider']}", {"tagName": "Mallory"}),
            ("POST", f"{crm}/customers", {"name": "Mallory"}),
        ]:
            _error(client.request(method, path, json=body), method, 403)
    with _client(sandbox) as tenant:
        after = tenant.get(f"{crm}/bookings/{booking['id']}").json()
        assert after["name"] == "Grace Hopper" and after["status"] == "New"
        assert tenant.get(f"{crm}/bookings/{booking['id']}/contacts").json() == contacts_before.json()


# -- tenants -----------------------------------------------------------------------------------------
@pytest.fixture
def other_tenant(sandbox_factory: Any) -> Iterator[RunningSandbox]:
    yield sandbox_factory(seed=2, rate_limit=0)


def test_one_tenants_credentials_reach_no_other_tenant(
    sandbox: RunningSandbox, other_tenant: RunningSandbox
) -> None:
    assert other_tenant.tenant != sandbox.tenant
    booking_id = _booking(sandbox, sandbox.provider("Angi"), "security-tenant-1")["id"]
    provider = sandbox.provider("Angi")["booking_provider"]
    writes = [
        (
            "PATCH",
            f"/crm/v2/tenant/{{t}}/booking-provider/{provider}/bookings/{booking_id}",
            {"summary": "moved"},
        ),
        ("POST", f"/crm/v2/tenant/{{t}}/booking-provider/{provider}/bookings", {"name": "Mallory"}),
        ("POST", "/crm/v2/tenant/{t}/customers", {"name": "Mallory"}),
        ("PATCH", f"/crm/v2/tenant/{{t}}/booking-provider-tags/{provider}", {"tagName": "Mallory"}),
        ("GET", "/crm/v2/tenant/{t}/bookings", None),
    ]
    # Another tenant id in the path of this server: 403, reads and writes alike.
    with _client(sandbox) as client:
        for method, template, body in writes:
            path = template.format(t=other_tenant.tenant)
            _error(client.request(method, path, json=body), method, 403)
    # This tenant's token and app key at the other tenant's server: not valid there (401).
    token = _token(sandbox, sandbox.client_id, sandbox.client_secret)
    with httpx.Client(
        base_url=other_tenant.base_url,
        headers={"Authorization": f"Bearer {token}", "ST-App-Key": sandbox.app_key},
    ) as client:
        for method, template, body in writes:
            for tenant in (sandbox.tenant, other_tenant.tenant):
                path = template.format(t=tenant)
                assert client.request(method, path, json=body).status_code == 401
    # Its token with the other server's own app key: still refused.
    with httpx.Client(
        base_url=other_tenant.base_url,
        headers={"Authorization": f"Bearer {token}", "ST-App-Key": other_tenant.app_key},
    ) as client:
        _error(client.get(f"/crm/v2/tenant/{other_tenant.tenant}/bookings"), "GET", 401)
    # And its client id and secret get no token there.
    refused = httpx.post(
        other_tenant.token_url,
        data={
            "grant_type": "client_credentials",
            "client_id": sandbox.client_id,
            "client_secret": sandbox.client_secret,
        },
    )
    assert refused.status_code == 400 and refused.json() == {"error": "invalid_client"}
    with _client(sandbox) as client:  # the booking was not touched by any of it
        assert client.get(f"/crm/v2/tenant/{sandbox.tenant}/bookings/{booking_id}").json()["summary"] == (
            "Furnace out"
        )


# -- malformed bodies --------------------------------------------------------------------------------
def _valid_create(provider: dict[str, Any]) -> dict[str, Any]:
    return {
        "source": provider["name"],
        "name": "Ada Lovelace",
        "summary": "Water heater leaking",
        "isFirstTimeClient": True,
        "externalId": "malformed-base",
    }


_WRONG = {
    "string": st.one_of(st.integers(), st.booleans(), st.lists(st.text(max_size=3), max_size=2), st.just({})),
    "integer": st.one_of(st.text(max_size=5), st.booleans(), st.floats(allow_nan=False), st.just([])),
    "boolean": st.one_of(st.text(max_size=5), st.integers(min_value=2), st.just({})),
    "array": st.one_of(st.text(max_size=5), st.integers(), st.just({"a": 1})),
}


def _declared(schema: dict[str, Any]) -> str | None:
    kind = schema.get("type")
    kinds = [k for k in (kind if isinstance(kind, list) else [kind]) if k != "null"]
    return kinds[0] if kinds and kinds[0] in _WRONG else None


@st.composite
def _malformed(draw: st.DrawFn, schema: dict[str, Any], base: dict[str, Any]) -> Any:
    """A body the schema refuses: not an object, a required field missing or null, a wrong type."""
    properties = schema["properties"]
    required = list(schema.get("required", []))
    how = draw(
        st.sampled_from(
            ["not-an-object", "missing", "null", "wrong-type"]
            if required
            else ["not-an-object", "wrong-type"]
        )
    )
    if how == "not-an-object":
        return draw(st.one_of(st.lists(st.integers(), max_size=2), st.integers(), st.text(max_size=5)))
    body = dict(base)
    if how == "missing":
        for name in draw(st.lists(st.sampled_from(required), min_size=1, unique=True)):
            body.pop(name, None)
    elif how == "null":
        body[draw(st.sampled_from(required))] = None
    else:
        typed = [name for name, prop in properties.items() if _declared(prop)]
        name = draw(st.sampled_from(typed))
        body[name] = draw(_WRONG[_declared(properties[name]) or "string"])
    return body


def _operation_schema(name: str) -> dict[str, Any]:
    document = load_contract().documents["crm-v2.json"]
    return dict(document["components"]["schemas"][name])


@pytest.mark.parametrize(
    ("method", "template", "schema_name"),
    [
        ("POST", "/crm/v2/tenant/{t}/booking-provider/{p}/bookings", "Crm.V2.CreateBookingRequest"),
        ("PATCH", "/crm/v2/tenant/{t}/booking-provider/{p}/bookings/{id}", "Crm.V2.UpdateBookingRequest"),
    ],
    ids=["create-booking", "update-booking"],
)
def test_malformed_bodies_get_400_with_the_documented_body(
    sandbox: RunningSandbox, method: str, template: str, schema_name: str
) -> None:
    provider = sandbox.provider("Angi")
    booking_id = _booking(sandbox, provider, "security-malformed")["id"]
    path = template.format(t=sandbox.tenant, p=provider["booking_provider"], id=booking_id)
    schema = _operation_schema(schema_name)
    contract = load_contract()
    sent: list[Any] = []
    with _client(sandbox, provider) as client:
        for raw in (b"{not json", b'{"name": "x",}', b"\xff\xfe", b"[1, 2"):
            answer = client.request(method, path, content=raw, headers={"Content-Type": "application/json"})
            _error(answer, method, 400)

        @settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(_malformed(schema, _valid_create(provider)))
        def refused(body: Any) -> None:
            problems = contract.check_request(method, f"{sandbox.base_url}{path}", body)
            if not problems:
                return  # the mutation happened to keep the schema (e.g. an optional field)
            sent.append(body)
            answer = client.request(method, path, json=body)
            _error(answer, method, 400)

        refused()
    assert len(sent) >= 30, "too few malformed bodies were sent to prove anything"
    with _client(sandbox) as tenant:  # nothing malformed changed the booking
        after = tenant.get(f"/crm/v2/tenant/{sandbox.tenant}/bookings/{booking_id}").json()
        assert after["name"] == "Grace Hopper" and after["summary"] == "Furnace out"


def test_an_app_reaches_only_its_scopes_and_a_403_names_the_one_missing(sandbox: RunningSandbox) -> None:
    crm_only = sandbox.announcement["limited_client"]
    tenant = f"/tenant/{sandbox.tenant}"
    with _client(sandbox, crm_only) as client:
        assert client.get(f"/crm/v2{tenant}/customers", params={"pageSize": 1}).status_code == 200
        assert client.get(f"/crm/v2{tenant}/bookings", params={"pageSize": 1}).status_code == 200
        refused = {
            "tn.jbce.callreasons:r": client.get(f"/jbce/v2{tenant}/call-reasons"),
            "tn.jpm.jobs:r": client.get(f"/jpm/v2{tenant}/jobs"),
            "tn.crm.customers:w": client.post(f"/crm/v2{tenant}/customers", json={}),
        }
    for scope, answer in refused.items():
        assert answer.status_code == 403, (scope, answer.text)
        assert scope in answer.json()["title"]
    with _client(sandbox) as client:  # the tenant's own app has every scope
        assert client.get(f"/jbce/v2{tenant}/call-reasons").status_code == 200

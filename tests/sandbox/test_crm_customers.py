"""CRM customers, locations and their contacts over real loopback HTTP: one-call creation, the searches a
CSR runs before creating a duplicate (name, phone, address, email), externalData tags, address PATCH rules,
notes, the contacts feeds and the export feeds. Every answer is checked against the documented schema."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import RunningSandbox
from tests.sandbox._schema import check

APP_GUID = str(uuid.uuid4())


class Crm:
    """A tenant client whose every answer is validated against the OpenAPI document."""

    def __init__(self, sandbox: RunningSandbox) -> None:
        token = httpx.post(
            sandbox.token_url,
            data={
                "grant_type": "client_credentials",
                "client_id": sandbox.client_id,
                "client_secret": sandbox.client_secret,
            },
        ).json()["access_token"]
        self.prefix = f"/crm/v2/tenant/{sandbox.tenant}"
        self.http = httpx.Client(
            base_url=sandbox.base_url,
            headers={"Authorization": f"Bearer {token}", "ST-App-Key": sandbox.app_key},
        )

    def call(self, method: str, path: str, expect: int = 200, **kwargs: Any) -> Any:
        answer = self.http.request(method, self.prefix + path, **kwargs)
        assert answer.status_code == expect, answer.text
        body = answer.json() if answer.content else None
        check(method, self.prefix + path, answer.status_code, body)
        return body

    def data(self, path: str, **params: Any) -> list[dict[str, Any]]:
        return list(self.call("GET", path, params=params)["data"])


@pytest.fixture(scope="module")
def crm(sandbox: RunningSandbox) -> Iterator[Crm]:
    client = Crm(sandbox)
    yield client
    client.http.close()


def _address(street: str, zip_code: str = "78701-1234", unit: str | None = None) -> dict[str, Any]:
    return {
        "street": street,
        "unit": unit,
        "city": "Austin",
        "state": "TX",
        "zip": zip_code,
        "country": "USA",
    }


def _new_customer(crm: Crm, name: str, phone: str, email: str, street: str, tag: str) -> dict[str, Any]:
    return dict(
        crm.call(
            "POST",
            "/customers",
            json={
                "name": name,
                "type": "Residential",
                "address": _address("1 Billing Rd"),
                "contacts": [{"type": "Email", "value": email, "memo": "home"}],
                "locations": [
                    {
                        "name": "Home",
                        "address": _address(street),
                        "contacts": [{"type": "MobilePhone", "value": phone}],
                        "externalData": {
                            "applicationGuid": APP_GUID,
                            "externalData": [{"key": "csr-op", "value": f"{tag}:location"}],
                        },
                    }
                ],
                "externalData": {
                    "applicationGuid": APP_GUID,
                    "externalData": [{"key": "csr-op", "value": f"{tag}:customer"}],
                },
            },
        )
    )


@pytest.fixture(scope="module")
def grace(crm: Crm) -> dict[str, Any]:
    return _new_customer(
        crm, "Grace Brewster Hopper", "(737) 555-0142", "Grace@Example.com", "99 Oakwood Ave", "op-1"
    )


def test_one_call_creates_the_customer_its_locations_and_every_contact(
    crm: Crm, grace: dict[str, Any]
) -> None:
    assert grace["name"] == "Grace Brewster Hopper" and grace["active"] is True
    assert grace["externalData"] == [{"key": "csr-op", "value": "op-1:customer"}]
    (location,) = grace["locations"]
    assert location["customerId"] == grace["id"]
    assert location["externalData"] == [{"key": "csr-op", "value": "op-1:location"}]
    assert [(c["type"], c["value"]) for c in location["contacts"]] == [("MobilePhone", "(737) 555-0142")]
    # The location's contact is copied to the customer as a record of its own.
    assert [(c["type"], c["value"]) for c in grace["contacts"]] == [
        ("Email", "Grace@Example.com"),
        ("MobilePhone", "(737) 555-0142"),
    ]
    assert grace["contacts"][1]["id"] != location["contacts"][0]["id"]
    customer_contacts = crm.data(f"/customers/{grace['id']}/contacts")
    assert {c["id"] for c in customer_contacts} == {c["id"] for c in grace["contacts"]}
    assert (
        crm.data(f"/locations/{location['id']}/contacts")[0]["phoneSettings"]["phoneNumber"] == "7375550142"
    )
    fetched = crm.call("GET", f"/customers/{grace['id']}")
    assert fetched["externalData"] == []  # no application asked
    assert crm.call("GET", f"/customers/{grace['id']}", params={"externalDataApplicationGuid": APP_GUID})[
        "externalData"
    ] == [{"key": "csr-op", "value": "op-1:customer"}]


@pytest.mark.parametrize(
    "params",
    [
        {"name": "brewster"},
        {"name": "GRACE B"},
        {"phone": "+1 737.555.0142"},
        {"phone": "7375550142"},
        {"phone": "555-0142"},
        {"street": "oakwood", "zip": "78701"},
        {"street": "1 billing rd", "city": "austin"},
    ],
)
def test_a_customer_is_found_by_name_phone_or_address(
    crm: Crm, grace: dict[str, Any], params: dict[str, str]
) -> None:
    assert grace["id"] in [c["id"] for c in crm.data("/customers", pageSize=500, **params)]


@pytest.mark.parametrize(
    "params", [{"name": "grace zzz"}, {"phone": "7375550149"}, {"street": "oakwood", "zip": "78799"}]
)
def test_a_customer_is_not_found_by_what_it_does_not_have(
    crm: Crm, grace: dict[str, Any], params: dict[str, str]
) -> None:
    assert grace["id"] not in [c["id"] for c in crm.data("/customers", pageSize=500, **params)]


def test_an_email_is_found_through_contact_methods_and_leads_to_the_customer(
    crm: Crm, grace: dict[str, Any]
) -> None:
    (method,) = crm.data("/contacts/contact-methods", type="Email", value="grace@EXAMPLE.com")
    assert method["value"] == "Grace@Example.com" and method["referenceId"] == str(grace["contacts"][0]["id"])
    (relationship,) = crm.data(f"/contacts/{method['contactId']}/relationships")
    assert (relationship["typeSlug"], relationship["relatedEntityId"]) == ("customer", grace["id"])
    phones = crm.data("/contacts/contact-methods", type="MobilePhone", value="737-555-0142")
    assert {m["type"] for m in phones} == {"MobilePhone"} and len(phones) == 2  # location's and customer's

    # Contact methods follow the contact's changes and its deletion.
    contact_id = grace["contacts"][0]["id"]
    crm.call("PATCH", f"/customers/{grace['id']}/contacts/{contact_id}", json={"value": "hopper@example.com"})
    assert not crm.data("/contacts/contact-methods", type="Email", value="grace@example.com")
    assert crm.data("/contacts/contact-methods", value="HOPPER@example.com")[0]["id"] == method["id"]
    crm.call("DELETE", f"/customers/{grace['id']}/contacts/{contact_id}")
    assert not crm.data("/contacts/contact-methods", value="hopper@example.com")
    assert contact_id not in [c["id"] for c in crm.data(f"/customers/{grace['id']}/contacts")]


def test_external_data_finds_the_create_it_tagged(crm: Crm, grace: dict[str, Any]) -> None:
    tagged = {"externalDataApplicationGuid": APP_GUID, "externalDataKey": "csr-op"}
    customers = crm.data("/customers", externalDataValues="op-1:customer", **tagged)
    assert [c["id"] for c in customers] == [grace["id"]]
    assert customers[0]["externalData"] == [{"key": "csr-op", "value": "op-1:customer"}]
    locations = crm.data("/locations", externalDataValues="op-1:location", **tagged)
    assert [loc["id"] for loc in locations] == [grace["locations"][0]["id"]]
    other = {"externalDataApplicationGuid": str(uuid.uuid4()), "externalDataKey": "csr-op"}
    assert not crm.data("/customers", externalDataValues="op-1:customer", **other)
    crm.call("GET", "/customers", expect=400, params={"externalDataKey": "csr-op"})


def test_locations_are_listed_by_customer_and_created_for_one(crm: Crm) -> None:
    ada = _new_customer(crm, "Ada King", "512 555 0101", "ada@example.com", "7 Lake Dr", "op-2")
    rental = crm.call(
        "POST",
        "/locations",
        json={
            "customerId": ada["id"],
            "name": "Rental",
            "address": _address("8 River Rd", "78702"),
            "contacts": [{"type": "Phone", "value": "512-555-0102"}],
        },
    )
    assert rental["customerId"] == ada["id"] and len(rental["contacts"]) == 1
    listed = crm.data("/locations", customerId=ada["id"], sort="+Id")
    assert [loc["id"] for loc in listed] == [ada["locations"][0]["id"], rental["id"]]
    assert [loc["id"] for loc in crm.data("/locations", customerId=ada["id"], street="river")] == [
        rental["id"]
    ]
    assert [c["id"] for c in crm.data("/customers", phone="(512) 555-0102")] == [ada["id"]]
    crm.call("POST", "/locations", expect=400, json={"customerId": 1, "name": "X", "address": _address("x")})
    crm.call("GET", "/locations/1", expect=404)
    feed = crm.data("/locations/contacts", locationIds=str(rental["id"]))
    assert [(c["locationId"], c["value"]) for c in feed] == [(rental["id"], "512-555-0102")]


def test_an_address_patch_needs_every_part(crm: Crm) -> None:
    lin = _new_customer(crm, "Lin Patch", "512 555 0103", "lin@example.com", "3 Pine St", "op-3")
    location_id = lin["locations"][0]["id"]
    partial = crm.call(
        "PATCH", f"/locations/{location_id}", expect=400, json={"address": {"street": "4 Fir St"}}
    )
    assert {"address.unit", "address.city", "address.state", "address.zip", "address.country"} <= set(
        partial["errors"]
    )
    moved = crm.call(
        "PATCH", f"/locations/{location_id}", json={"address": _address("4 Fir St", "78703", "B")}
    )
    assert moved["address"]["street"] == "4 Fir St" and moved["address"]["unit"] == "B"
    assert [loc["id"] for loc in crm.data("/locations", street="4 fir", zip="78703")] == [location_id]

    # A customer's address PATCH (UpdateCustomerAddress) needs its coordinates too.
    customer_path = f"/customers/{lin['id']}"
    errors = crm.call("PATCH", customer_path, expect=400, json={"address": _address("5 Elm St", unit="1")})
    assert set(errors["errors"]) == {"address.latitude", "address.longitude"}
    full = {**_address("5 Elm St", unit="1"), "latitude": 30.27, "longitude": -97.74}
    patched = crm.call("PATCH", customer_path, json={"address": full, "doNotMail": True})
    assert patched["address"]["street"] == "5 Elm St" and patched["doNotMail"] is True
    assert patched["modifiedOn"] > lin["modifiedOn"]


def test_notes_on_customers_and_locations(crm: Crm, grace: dict[str, Any]) -> None:
    location_id = grace["locations"][0]["id"]
    note = crm.call(
        "POST",
        f"/customers/{grace['id']}/notes",
        json={"text": "Gate code 1234", "pinToTop": True, "addToLocations": True},
    )
    assert note["isPinned"] is True
    assert [n["text"] for n in crm.data(f"/customers/{grace['id']}/notes")] == ["Gate code 1234"]
    assert [n["text"] for n in crm.data(f"/locations/{location_id}/notes")] == ["Gate code 1234"]
    crm.call("POST", f"/locations/{location_id}/notes", json={"text": "Dog in yard"})
    assert len(crm.data(f"/locations/{location_id}/notes")) == 2
    crm.call("DELETE", f"/customers/{grace['id']}/notes/{note['id']}")
    assert not crm.data(f"/customers/{grace['id']}/notes")
    crm.call("DELETE", f"/customers/{grace['id']}/notes/{note['id']}", expect=404)
    crm.call("POST", f"/customers/{grace['id']}/notes", expect=400, json={"text": ""})


def test_create_rules(crm: Crm) -> None:
    no_locations = crm.call(
        "POST", "/customers", expect=400, json={"name": "X", "address": _address("1 A St")}
    )
    assert "locations" in no_locations["errors"]
    empty = crm.call(
        "POST", "/customers", expect=400, json={"name": "X", "address": _address("1 A"), "locations": []}
    )
    assert "locations" in empty["errors"]
    bad = crm.call(
        "POST",
        "/customers",
        expect=400,
        json={
            "name": "X",
            "address": {"street": "1 A St"},
            "locations": [{"name": "Home", "address": _address("1 A St"), "contacts": [{"type": "Pager"}]}],
        },
    )
    assert {"address.city", "locations[0].contacts[0].type", "locations[0].contacts[0].value"} <= set(
        bad["errors"]
    )
    crm.call("GET", "/customers/1", expect=404)
    crm.call("GET", "/customers", expect=400, params={"sort": "+Colour"})


def _export_all(crm: Crm, path: str, start: str | None) -> tuple[list[dict[str, Any]], str]:
    rows: list[dict[str, Any]] = []
    params: dict[str, Any] = {"includeRecentChanges": "true"}
    if start:
        params["from"] = start
    while True:
        answer = crm.call("GET", path, params=params)
        rows += answer["data"]
        params["from"] = answer["continueFrom"]
        if not answer["hasMore"]:
            return rows, answer["continueFrom"]


def test_export_feeds_continue_and_flag_inactive_rows(crm: Crm) -> None:
    _, customers_from = _export_all(crm, "/export/customers", None)
    _, contacts_from = _export_all(crm, "/export/customers/contacts", None)
    _, locations_from = _export_all(crm, "/export/locations", None)
    mo = _new_customer(crm, "Mo Export", "512 555 0104", "mo@example.com", "6 Bay St", "op-4")

    rows, customers_from = _export_all(crm, "/export/customers", customers_from)
    assert [(r["id"], r["active"]) for r in rows] == [(mo["id"], True)]
    rows, _ = _export_all(crm, "/export/locations", locations_from)
    assert [(r["id"], r["active"]) for r in rows] == [(mo["locations"][0]["id"], True)]

    crm.call("PATCH", f"/customers/{mo['id']}", json={"active": False})
    rows, _ = _export_all(crm, "/export/customers", customers_from)
    assert [(r["id"], r["active"]) for r in rows] == [(mo["id"], False)]
    assert mo["id"] not in [c["id"] for c in crm.data("/customers", name="mo export")]
    assert [c["id"] for c in crm.data("/customers", name="mo export", active="Any")] == [mo["id"]]
    assert [c["id"] for c in crm.data("/customers", name="mo export", active="False")] == [mo["id"]]

    # A deleted contact stays in its feed, flagged inactive; the list of current contacts drops it.
    email = mo["contacts"][0]
    crm.call("DELETE", f"/customers/{mo['id']}/contacts/{email['id']}")
    rows, _ = _export_all(crm, "/export/customers/contacts", contacts_from)
    assert {(r["id"], r["active"]) for r in rows} == {(email["id"], False), (mo["contacts"][1]["id"], True)}
    current = crm.data("/customers/contacts", customerIds=str(mo["id"]))
    assert [(c["customerId"], c["id"]) for c in current] == [(mo["id"], mo["contacts"][1]["id"])]

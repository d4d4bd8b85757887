"""A believable home-service company for a new sandbox database: credentials, booking providers,
reference data, customers and sixty days of history. Deterministic for a given seed number: the same
names, counts and choices every time (timestamps count back from the seeding moment).

Modules: ``sources`` (booking sources), ``catalog`` (business units, job types, campaigns, call reasons,
tag types, schedulers), ``names``/``people`` (customers), ``extra_details`` (partners' ``Label: value``
lines), ``mess`` (untidy input and duplicate respellings), ``drafts`` (an incoming booking), ``history``
(what happens to it), ``population`` (the counts; ``bulk_bookings``), ``duplicates`` (the answer key).
"""

from __future__ import annotations

import random

from csr_console.sandbox.auth import Credentials
from csr_console.sandbox.routes.crm_bookings import create_provider_tag
from csr_console.sandbox.seed.population import populate
from csr_console.sandbox.seed.sources import SOURCES
from csr_console.sandbox.store import Store, format_time, now

CREDENTIALS = "credentials"


def open_or_seed(store: Store, seed: int) -> Credentials:
    """The tenant of this database, seeding it first when the database is new."""
    with store.transaction():
        saved = store.get_setting(CREDENTIALS)
        if saved is not None:
            return Credentials.from_json(saved)
        rng = random.Random(seed)
        credentials = Credentials.generate(tenant=rng.randint(100_000_000, 999_999_999))
        moment = now()
        with store.bulk():
            for source in SOURCES:
                tag = create_provider_tag(store, source.tag_name, source.description, format_time(moment))
                credentials.add_provider(tag["id"], source.tag_name)
            populate(store, rng, moment)
        store.set_setting(CREDENTIALS, credentials.to_json())
        store.set_setting("seed", str(seed))
        return credentials

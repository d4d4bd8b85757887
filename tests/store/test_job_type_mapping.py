"""The job-type mapping in a real cache file: replaced whole, read back, what it prefills for a booking,
and the migration that adds it to a cache made before it existed."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, inspect

from csr_console.domain.job_type_mapping import MappingEntry, Prefill
from csr_console.store import database, schema
from csr_console.store.queries.job_type_mapping import booking_prefill, mapping_entries, replace_mapping
from tests.store import cache_rows as r

ENTRIES = [
    MappingEntry("Angi", "Repair central air conditioning", (1,), (10,)),
    MappingEntry("The Home Depot", "HVAC Installation", (3, 4), (12,)),
    MappingEntry("Angi", "AC maintenance", (2,), (11, 10)),
]


def _company(cache: Engine) -> None:
    """Units 10-12; job types 1 AC Repair, 2 AC Tune-Up (two units), 3 and 4 installs, 9 Unknown; tags."""
    with cache.begin() as c:
        r.insert(
            c,
            schema.business_unit,
            *(r.named(i, n) for i, n in ((10, "Service"), (11, "Upkeep"), (12, "Install"))),
        )
        r.insert(
            c,
            schema.job_type,
            r.named(1, "AC Repair", business_unit_ids=[10]),
            r.named(2, "AC Tune-Up", business_unit_ids=[11, 10]),
            r.named(3, "New AC Install", business_unit_ids=[12]),
            r.named(4, "System Replacement Estimate", business_unit_ids=[12]),
            r.named(9, "Unknown", business_unit_ids=[10, 11, 12]),
        )
        r.insert(
            c, schema.booking_provider_tag, r.provider_tag(50, "Angi"), r.provider_tag(51, "The Home Depot")
        )
        replace_mapping(c, ENTRIES)


def _booking(cache: Engine, id: int, provider: int, summary: str, **fields: object) -> None:
    with cache.begin() as c:
        r.insert(c, schema.booking, r.booking(id, booking_provider_id=provider, summary=summary, **fields))


def test_the_mapping_is_replaced_whole_and_read_back(cache: Engine) -> None:
    with cache.begin() as c:
        replace_mapping(c, ENTRIES)
    with cache.connect() as c:
        assert mapping_entries(c) == sorted(ENTRIES, key=lambda e: (e.source, e.standard_job_type))
    with cache.begin() as c:
        replace_mapping(c, ENTRIES[1:2])
    with cache.connect() as c:
        assert mapping_entries(c) == ENTRIES[1:2]


def test_a_mapping_with_one_entry_twice_is_refused_and_the_old_one_kept(cache: Engine) -> None:
    with cache.begin() as c:
        replace_mapping(c, ENTRIES)
    twice = [*ENTRIES, MappingEntry("angi", "Repair  central air conditioning", (2,), ())]
    with pytest.raises(ValueError, match="in the mapping twice"), cache.begin() as c:
        replace_mapping(c, twice)
    with cache.connect() as c:
        assert len(mapping_entries(c)) == 3


def test_booking_prefill_reads_the_booking_its_tag_and_the_job_types(cache: Engine) -> None:
    _company(cache)
    # The partner spells its source its own way: the provider tag names the mapping's source.
    _booking(cache, 1, 50, "AC blowing warm air\n\nAngi Lead ID: 123\nTask: Repair central air conditioning",
             source="angi.com")  # fmt: skip
    _booking(cache, 2, 51, "Quote please\n\nTHD Order #: H1-2\nInstall program: HVAC Installation")
    _booking(cache, 3, 50, "Please call me\n\nTask: Other", job_type_id=9, business_unit_id=10)
    _booking(cache, 4, 50, "Tune-up\n\nTask: AC maintenance", job_type_id=1, business_unit_id=11)
    with database.reader(cache).connect() as c:
        assert booking_prefill(c, 1) == Prefill(
            1, 10, "From the Angi mapping: Repair central air conditioning."
        )
        assert booking_prefill(c, 2) == Prefill(
            None, 12, "The Home Depot's 'HVAC Installation' maps to 2 job types: choose one."
        )
        prefilled = booking_prefill(c, 3)
        assert prefilled is not None and prefilled.job_type_id is None
        assert prefilled.note.startswith("The booking's job type is Unknown: reclassify it.")
        assert booking_prefill(c, 4) == Prefill(
            1,
            10,
            "The booking names its own job type. The booking's business unit does not book this job type.",
        )
        assert booking_prefill(c, 99) is None


def test_a_cache_made_before_the_mapping_is_migrated_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    old = database.create_cache_engine(path)
    with old.begin() as connection:
        command.upgrade(database._alembic_config(connection), "0001")
    with old.begin() as c:
        c.exec_driver_sql("INSERT INTO meta (key, value) VALUES ('tenant', '7')")
        r.insert(c, schema.booking, r.booking(1, name="Ada"))  # the booking table is as 0001 made it
    assert database.current_revision(old) == "0001"
    assert not inspect(old).has_table("job_type_mapping")
    old.dispose()

    db = database.open_cache(path)
    assert database.current_revision(db) == database.HEAD_REVISION
    with db.begin() as c:
        assert c.exec_driver_sql("SELECT name FROM booking").scalars().all() == ["Ada"]
        assert c.exec_driver_sql("SELECT value FROM meta WHERE key = 'tenant'").scalar() == "7"
        assert mapping_entries(c) == []
        replace_mapping(c, ENTRIES)
    assert len(list(tmp_path.glob("cache.db.0001.*.bak"))) == 1  # the copy taken before migrating
    db.dispose()

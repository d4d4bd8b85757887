"""The job-type mapping's rules: which extra detail carries a standard job type, and what is prefilled —
the booking's own codes first, the mapping only when it is unambiguous, never the Unknown job type."""

from __future__ import annotations

import random

import pytest

from csr_console.domain.extra_details import parse_extra_details
from csr_console.domain.job_type_mapping import MappingEntry, Prefill, find_entry, prefill, standard_job_type
from csr_console.sandbox.seed import extra_details as seed
from csr_console.sandbox.seed.catalog import JOB_TYPES_BY_NAME

# A small company: job types 1 AC Repair (unit 10), 2 AC Tune-Up (units 11, 10), 3 New AC Install (12),
# 4 System Replacement (12), 5 Thermostat Install (any unit), 9 Unknown (every unit).
UNITS = {1: (10,), 2: (11, 10), 3: (12,), 4: (12,), 5: (), 9: (10, 11, 12)}
UNKNOWN = {9}
ENTRIES = (
    MappingEntry("Angi", "Repair central air conditioning", (1,), (10,)),
    MappingEntry("Angi", "AC maintenance", (2,), (11, 10)),
    MappingEntry("The Home Depot", "HVAC Installation", (3, 4), (12,)),
    MappingEntry("Thumbtack", "Install smart thermostat", (5,), ()),
    MappingEntry("Thumbtack", "Anything", (), ()),
    MappingEntry("Thumbtack", "Other", (9,), ()),
)


def run(
    job_type: int | None = None, unit: int | None = None, *, source: str = "Angi", standard: str | None = None
) -> Prefill:
    return prefill(
        job_type,
        unit,
        source=source,
        standard=standard,
        entries=ENTRIES,
        job_type_units=UNITS,
        unknown_job_type_ids=UNKNOWN,
    )


# -- the standard job type in a summary --------------------------------------------------------------
@pytest.mark.parametrize(
    ("maker", "expected"),
    [
        (seed.angi, "Repair central air conditioning"),
        (seed.thumbtack, "Repair central air conditioning"),
        (seed.reserve_with_google, "Repair central air conditioning"),
        (seed.home_depot, "HVAC Installation"),
    ],
)
def test_each_partners_label_carries_it(maker: seed.DetailMaker, expected: str) -> None:
    summary = seed.compose_summary(
        "AC is blowing warm air", maker(random.Random(3), JOB_TYPES_BY_NAME["AC Repair"])
    )
    assert standard_job_type(summary) == expected
    assert standard_job_type(parse_extra_details(summary)) == expected


@pytest.mark.parametrize(
    "summary",
    [
        None,
        "",
        "Task: fix it\nand then some prose",  # not an extra-details block
        seed.compose_summary("AC out", seed.flowpath(random.Random(1), JOB_TYPES_BY_NAME["AC Tune-Up"])),
        "Leak\n\nTask:",  # the label without a value
    ],
)
def test_summaries_without_one(summary: str | None) -> None:
    assert standard_job_type(summary) is None


def test_labels_are_compared_without_case_or_spacing() -> None:
    assert standard_job_type("Leak\n\nOrder: 12\ninstall  PROGRAM:  Water Heater Installation ") == (
        "Water Heater Installation"
    )


def test_entries_are_found_without_case_or_spacing() -> None:
    assert find_entry(ENTRIES, "angi", "repair  central air Conditioning") is ENTRIES[0]
    assert find_entry(ENTRIES, "Thumbtack", "Repair central air conditioning") is None


# -- the prefill rule --------------------------------------------------------------------------------
def test_unambiguous_mapping_prefills_both() -> None:
    assert run(standard="Repair central air conditioning") == Prefill(
        1, 10, "From the Angi mapping: Repair central air conditioning."
    )


def test_the_bookings_own_codes_come_first() -> None:
    assert run(2, 11, standard="Repair central air conditioning") == Prefill(
        2, 11, "The booking names its own job type."
    )


def test_the_bookings_job_type_with_the_units_of_the_mapping_or_of_the_job_type() -> None:
    assert run(1).business_unit_id == 10  # its only allowed unit
    assert run(2, standard="Repair central air conditioning").business_unit_id == 10  # the mapping's, allowed
    assert run(2) == Prefill(
        2,
        None,
        "The booking names its own job type. This job type is booked in 2 business units: choose one.",
    )


def test_a_bookings_unit_the_job_type_does_not_allow_is_replaced() -> None:
    assert run(1, 12) == Prefill(
        1, 10, "The booking names its own job type. The booking's business unit does not book this job type."
    )


def test_ambiguous_job_types_are_left_to_the_csr_but_a_single_unit_is_not() -> None:
    assert run(source="The Home Depot", standard="HVAC Installation") == Prefill(
        None, 12, "The Home Depot's 'HVAC Installation' maps to 2 job types: choose one."
    )


def test_ambiguous_units_are_left_to_the_csr() -> None:
    assert run(standard="AC maintenance") == Prefill(
        2,
        None,
        "From the Angi mapping: AC maintenance. "
        "Angi's 'AC maintenance' maps to 2 business units: choose one.",
    )
    assert run(standard="AC maintenance", unit=11) == Prefill(2, 11, "From the Angi mapping: AC maintenance.")


def test_a_job_type_any_unit_may_book() -> None:
    assert run(source="Thumbtack", standard="Install smart thermostat") == Prefill(
        5, None, "From the Thumbtack mapping: Install smart thermostat."
    )
    assert run(source="Thumbtack", standard="Install smart thermostat", unit=12).business_unit_id == 12


def test_unmapped_and_mapped_to_nothing() -> None:
    assert run(standard="Install a hot tub") == Prefill(
        None, None, "Angi's 'Install a hot tub' is not in the job-type mapping: choose a job type."
    )
    assert run(source="Thumbtack", standard="Anything") == Prefill(
        None, None, "Thumbtack's 'Anything' maps to no job type: choose one."
    )
    assert run() == Prefill(None, None, "The booking names no job type: choose one.")
    assert run(unit=11) == Prefill(None, 11, "The booking names no job type: choose one.")


def test_another_sources_entry_does_not_apply() -> None:
    assert run(source="Thumbtack", standard="AC maintenance").job_type_id is None


def test_unknown_is_reclassified_never_prefilled() -> None:
    assert run(9, 10) == Prefill(None, 10, "The booking's job type is Unknown: reclassify it.")
    # A mapping that names Unknown names no job type.
    assert run(source="Thumbtack", standard="Other") == Prefill(
        None, None, "Thumbtack's 'Other' maps to no job type: choose one."
    )


def test_an_unknown_bookings_job_type_is_taken_from_the_mapping() -> None:
    assert run(9, 11, standard="Repair central air conditioning") == Prefill(
        1,
        10,
        "The booking's job type is Unknown: reclassify it. "
        "From the Angi mapping: Repair central air conditioning. "
        "The booking's business unit does not book this job type.",
    )

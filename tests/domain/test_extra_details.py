"""The partner's extra details read back from a booking summary (the sandbox's composer is the reference)."""

from __future__ import annotations

import random

import pytest

from csr_console.domain.extra_details import ExtraDetails, parse_extra_details
from csr_console.sandbox.seed import extra_details as seed
from csr_console.sandbox.seed.catalog import JOB_TYPES


def test_free_text_then_fields() -> None:
    summary = (
        "AC blowing warm air 🥵\nPlease call first\n\n"
        "Angi Lead ID: 12345678\nTask: AC repair\nLead fee: $45.00"
    )
    assert parse_extra_details(summary) == ExtraDetails(
        "AC blowing warm air 🥵\nPlease call first",
        [("Angi Lead ID", "12345678"), ("Task", "AC repair"), ("Lead fee", "$45.00")],
    )


@pytest.mark.parametrize(
    "summary",
    [
        None,
        "",
        "Water heater leaking",
        "Leak under sink\n\nplease hurry",  # last block is prose
        "See photos\n\nhttps://example.com/photo.jpg",  # a URL is not a label
        "Note\n\nTask: AC repair\nand one more thing",  # one line of the block is not a field
    ],
)
def test_summaries_without_fields_are_free_text(summary: str | None) -> None:
    parsed = parse_extra_details(summary)
    assert parsed.fields == []
    assert parsed.free_text == (summary or "").strip()


def test_only_fields_crlf_blank_values_and_colons_in_values() -> None:
    summary = "Form: Get a quote\r\nLanding page: /ac-repair\r\nNotes:\r\nWindow: 9:00 - 11:00\r\n"
    free_text, fields = parse_extra_details(summary)
    assert free_text == ""
    assert fields == [
        ("Form", "Get a quote"),
        ("Landing page", "/ac-repair"),
        ("Notes", ""),
        ("Window", "9:00 - 11:00"),
    ]


def test_only_the_last_block_is_read_as_fields() -> None:
    summary = "Budget: 500\n\nCustomer says hi\n  \t\nStore #: 0412"
    assert parse_extra_details(summary) == ExtraDetails(
        "Budget: 500\n\nCustomer says hi", [("Store #", "0412")]
    )


def test_every_partner_composition_of_the_sandbox_reads_back() -> None:
    rng = random.Random(7)
    makers = [
        seed.angi,
        seed.thumbtack,
        seed.home_depot,
        seed.reserve_with_google,
        seed.building36,
        seed.flowpath,
        seed.smartac,
        seed.trane,
        seed.custom_website,
    ]
    for maker in makers:
        for job in JOB_TYPES:
            details = maker(rng, job)
            free_text = rng.choice(("", "Leak in the garage", "<b>urgent</b> no heat\nDog in yard"))
            parsed = parse_extra_details(seed.compose_summary(free_text, details))
            assert parsed == ExtraDetails(free_text, details), (maker.__name__, details)

"""The fuzz drill's quick run (benchmarks/drills/fuzz.py), and regression tests of what it found.

Found by the drill and fixed:
- a timestamp whose offset moves it past year 1 or 9999 in UTC ('0001-01-01T00:00:00+05:00') raised
  OverflowError out of pydantic, failing the whole page (the feed stuck on it forever);
- an integer past int64 in a booking or a booking contact parsed, then failed the page write (SQLite
  cannot store it): same poison page;
- a 1 MB source name made the source-mark lookup raise OSError (file name too long) in the detail
  pane and the queue.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks.drills.fuzz import fuzz
from csr_console.api.models.crm import BookingContact, ExportBooking
from csr_console.api.parsing import parse_items
from csr_console.ui.queue.marks import BUILT_IN, UNKNOWN, mark_path


def _booking(**fields: Any) -> dict[str, Any]:
    return {
        "id": 1,
        "source": "Angi",
        "createdOn": "2024-05-01T10:00:00.1234567Z",
        "name": "Ada",
        "start": None,
        "status": "New",
        "externalId": None,
        "bookingProviderId": 7,
        "modifiedOn": "2024-05-01T10:00:00Z",
        "active": True,
        **fields,
    }


@pytest.mark.parametrize("stamp", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00"])
@pytest.mark.parametrize("field", ["createdOn", "modifiedOn", "start"])
def test_a_timestamp_out_of_range_in_utc_is_quarantined_not_raised(field: str, stamp: str) -> None:
    parsed = parse_items(ExportBooking, [_booking(**{field: stamp}), _booking(id=2)], "booking")
    assert [b.id for b in parsed.good] == [2]
    (bad,) = parsed.bad
    assert bad.error.record_id == 1 and bad.error.field == field and "out of range" in str(bad.error)


@pytest.mark.parametrize("value", [2**63, -(2**63) - 1, 2**64])
@pytest.mark.parametrize("field", ["id", "bookingProviderId", "campaignId", "jobTypeId"])
def test_an_integer_past_int64_is_quarantined_not_stored(field: str, value: int) -> None:
    parsed = parse_items(ExportBooking, [_booking(**{field: value}), _booking(id=2)], "booking")
    assert [b.id for b in parsed.good] == [2]
    assert parsed.bad and parsed.bad[0].error.field == field
    contact = {"id": value, "type": "Phone", "value": "1", "memo": None, "modifiedOn": "2024-05-01T10:00:00Z"}
    assert parse_items(BookingContact, [contact], "booking contact").bad
    edge = parse_items(ExportBooking, [_booking(id=2**63 - 1), _booking(id=-(2**63))], "booking")
    assert len(edge.good) == 2 and not edge.bad  # int64's own ends are fine


def test_a_source_too_long_for_a_file_name_gets_the_unknown_mark(tmp_path: Path) -> None:
    assert mark_path("<script>" + "x" * 1_000_000, tmp_path) == BUILT_IN / f"{UNKNOWN}.svg"


def test_the_quick_fuzz_drill_keeps_every_payload_plain_and_accounted_for() -> None:
    figures = fuzz(True)
    assert figures["drill"] == "fuzz"
    assert figures["booking_payloads"] == 100 and figures["actions"] == figures["payloads"]
    assert figures["crashes"] == 0, figures["examples"]
    assert figures["rich_text_labels"] == 0, figures["examples"]
    assert figures["rich_tooltips"] == 0
    assert figures["reasons_missing"] == 0
    assert figures["lost"] == 0 and figures["unaccounted"] == 0, figures["examples"]
    assert figures["duplicated"] == 0
    assert figures["quarantined"] > 0 and figures["accepted"] > 0  # both paths were exercised
    assert figures["quarantined"] + figures["accepted"] == figures["payloads"]
    assert figures["labels_checked"] > 0 and figures["cells_checked"] > 0

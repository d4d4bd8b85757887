"""Source marks: one of ours for every source the sandbox sends, a user's logo of the same name wins,
an unknown source gets the neutral mark."""

from __future__ import annotations

from pathlib import Path

from csr_console.sandbox.seed.sources import SOURCES
from csr_console.ui.queue.cells import age_text
from csr_console.ui.queue.marks import BUILT_IN, UNKNOWN, mark_path, slug


def test_every_source_has_a_mark(tmp_path: Path) -> None:
    assert slug("The Home Depot") == "the-home-depot" and slug("SmartAC.com") == "smartac-com"
    for source in SOURCES:
        assert mark_path(source.tag_name, tmp_path) == BUILT_IN / f"{slug(source.tag_name)}.svg"


def test_a_users_logo_overrides_ours_and_unknown_sources_get_the_neutral_mark(tmp_path: Path) -> None:
    logo = tmp_path / "angi.png"
    logo.write_bytes(b"\x89PNG")
    assert mark_path("Angi", tmp_path) == logo
    assert mark_path("A Partner Added Later", tmp_path) == BUILT_IN / f"{UNKNOWN}.svg"


def test_age_text() -> None:
    assert [age_text(s) for s in (45, 247, 7500, 3 * 86400 + 4 * 3600)] == [
        "45s",
        "4m 07s",
        "2h 05m",
        "3d 4h",
    ]

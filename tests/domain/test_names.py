"""Names as duplicate detection compares them (csr_console.domain.names)."""

from __future__ import annotations

import pytest

from csr_console.domain.names import NameMatch, compare_names, family_name, fold, name_key


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("Maria Garcia", ("maria", "garcia")),
        ("  MARIA   garcia ", ("maria", "garcia")),
        ("Garcia, Maria", ("maria", "garcia")),
        ("Garcia,Maria Elena", ("maria", "elena", "garcia")),
        ("Lucía Hernández", ("lucia", "hernandez")),
        ("Mr. John O'Neil Jr.", ("john", "o", "neil")),
        ("Trần Thị Mai", ("tran", "thi", "mai")),
        ("", ()),
        (None, ()),
        ("Keller Williams – Frisco", ("keller", "williams", "frisco")),
    ],
)
def test_a_name_key_folds_case_accents_punctuation_and_last_first(
    typed: str | None, words: tuple[str, ...]
) -> None:
    assert name_key(typed).words == words


def test_fold_drops_accents_and_case() -> None:
    assert fold("Ximena NÚÑEZ") == "ximena nunez"
    assert fold("Đặng Søren Łukasz") == "dang soren lukasz"  # letters NFKD leaves whole


@pytest.mark.parametrize(
    ("a", "b", "match"),
    [
        ("Robert Smith", "Robert Smith", NameMatch.SAME),
        ("Smith, Robert", "robert smith", NameMatch.SAME),
        ("Robert James Smith", "Robert Smith", NameMatch.SAME),
        ("Bob Smith", "Robert Smith", NameMatch.NICKNAME),
        ("Liz Chen", "Elizabeth Chen", NameMatch.NICKNAME),
        ("Beto Ruiz", "Roberto Ruiz", NameMatch.NICKNAME),
        ("Anna Smith", "Robert Smith", NameMatch.SAME_LAST),
        ("Robert Smith", "Robert Jones", NameMatch.NONE),
        ("", "Robert Smith", NameMatch.NONE),
    ],
)
def test_names_compare(a: str, b: str, match: NameMatch) -> None:
    assert compare_names(name_key(a), name_key(b)) is match
    assert compare_names(name_key(b), name_key(a)) is match


@pytest.mark.parametrize(
    ("typed", "family"),
    [
        ("José García", "García"),
        ("García, José", "García"),
        ("Mr. John O'Neil Jr.", "Neil"),
        ("  MARIA   GARCIA ", "GARCIA"),
        ("", ""),
        (None, ""),
    ],
)
def test_the_family_name_is_the_last_name_as_typed(typed: str | None, family: str) -> None:
    assert family_name(typed) == family
    assert name_key(typed).last == fold(family)

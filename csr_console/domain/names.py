"""People's names in the form duplicate detection compares them: case, accents and punctuation dropped,
"Last, First" put in order, and a common nickname taken as the name it stands for ("Bob" is "Robert").

A booking's name is what the customer typed into a partner's form this time; the customer on file was
typed by someone else, often years ago. Business names ("Keller Williams – Frisco") are compared as
their words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from csr_console.domain.words import translatable

#: Common nicknames -> the given name they stand for (all lower case, accents folded). Kept apart from
#: the sandbox's own list on purpose: the dedupe benchmark measures against respellings it did not choose.
_NICKNAMES: dict[str, str] = {
    nickname: name
    for name, nicknames in {
        "robert": ("bob", "bobby", "rob", "robbie", "bert"),
        "william": ("bill", "billy", "will", "willie", "liam"),
        "elizabeth": ("liz", "lizzie", "beth", "betsy", "betty", "eliza", "libby"),
        "katherine": ("kate", "katie", "kathy", "kat", "kay"),
        "catherine": ("cathy", "cate", "cat"),
        "michael": ("mike", "mikey", "mick"),
        "james": ("jim", "jimmy", "jamie"),
        "richard": ("rick", "ricky", "rich", "dick"),
        "thomas": ("tom", "tommy"),
        "christopher": ("chris", "topher"),
        "christina": ("tina", "chrissy"),
        "christine": ("chris", "chrissy"),
        "jennifer": ("jen", "jenny", "jenn"),
        "jessica": ("jess", "jessie"),
        "margaret": ("maggie", "meg", "peggy", "marge"),
        "patricia": ("pat", "patty", "trish", "tricia"),
        "patrick": ("pat", "paddy"),
        "daniel": ("dan", "danny"),
        "matthew": ("matt", "matty"),
        "anthony": ("tony",),
        "joseph": ("joe", "joey"),
        "joshua": ("josh",),
        "andrew": ("andy", "drew"),
        "edward": ("ed", "eddie", "ted", "ned"),
        "charles": ("charlie", "chuck", "chas"),
        "steven": ("steve",),
        "stephen": ("steve",),
        "timothy": ("tim", "timmy"),
        "benjamin": ("ben", "benny"),
        "samuel": ("sam", "sammy"),
        "samantha": ("sam", "sammie"),
        "alexander": ("alex", "xander"),
        "alexandra": ("alex", "lexi", "sandra"),
        "nicholas": ("nick", "nicky"),
        "jonathan": ("jon", "jonny"),
        "gregory": ("greg",),
        "jeffrey": ("jeff",),
        "kenneth": ("ken", "kenny"),
        "ronald": ("ron", "ronnie"),
        "donald": ("don", "donnie"),
        "raymond": ("ray",),
        "lawrence": ("larry",),
        "gerald": ("jerry",),
        "douglas": ("doug",),
        "peter": ("pete",),
        "zachary": ("zach", "zack"),
        "victoria": ("vicky", "tori"),
        "rebecca": ("becky", "becca"),
        "susan": ("sue", "susie"),
        "deborah": ("deb", "debbie"),
        "dorothy": ("dot", "dottie"),
        "barbara": ("barb", "babs"),
        "kimberly": ("kim",),
        "pamela": ("pam",),
        "cynthia": ("cindy",),
        "abigail": ("abby",),
        "jacqueline": ("jackie",),
        "theresa": ("terry", "tess"),
        "francisco": ("paco", "pancho"),
        "jose": ("pepe",),
        "guadalupe": ("lupe",),
        "alejandro": ("alex", "ale"),
        "roberto": ("beto",),
    }.items()
    for nickname in nicknames
}
#: Words that are not part of a person's first or last name.
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "jr", "sr", "ii", "iii", "iv"})
_NOT_NAME = re.compile(r"[^\w,]+")
_COMMA = re.compile(r"\s*,\s*")


#: Letters NFKD does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "ı": "i", "ß": "ss", "æ": "ae"})


def fold(text: str) -> str:
    """Lower case, accents dropped ("Lucía" -> "lucia", "Đặng" -> "dang"), as people type names."""
    if text.isascii():  # nothing to decompose (most names): several times faster
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def canonical_given(name: str) -> str:
    """The given name a nickname stands for ("bob" -> "robert"); other names as they are."""
    return _NICKNAMES.get(name, name)


def given_forms(first: str) -> frozenset[str]:
    """Every first name that compares as `first` (folded): itself, the name it stands for, and that
    name's nicknames ("bob" -> bob, robert, bobby, rob, robbie, bert)."""
    given = canonical_given(first)
    return frozenset({first, given, *(nickname for nickname, name in _NICKNAMES.items() if name == given)})


@dataclass(frozen=True, slots=True)
class NameKey:
    """A name as compared: its words in order (first ... last), and the first and last of them."""

    words: tuple[str, ...]

    @property
    def first(self) -> str:
        return self.words[0] if self.words else ""

    @property
    def last(self) -> str:
        return self.words[-1] if self.words else ""

    @property
    def given(self) -> str:
        """The first name with a nickname taken as the name it stands for."""
        return canonical_given(self.first)


def _in_order(text: str) -> list[str]:
    """The words of a name, punctuation and titles dropped, "Last, First Middle" as "First Middle Last"."""
    parts = [part.split() for part in _COMMA.split(_NOT_NAME.sub(" ", text).strip())]
    if len(parts) == 2 and parts[0] and parts[1]:  # "Last, First": one comma with words on both sides
        words = [*parts[1], *parts[0]]
    else:
        words = [word for part in parts for word in part]
    return [word for word in words if word.casefold() not in _TITLES]


def name_key(name: str | None) -> NameKey:
    """`name` folded, its punctuation and titles dropped, "Last, First Middle" put as "first middle last"."""
    return NameKey(tuple(_in_order(fold(name or ""))))


def family_name(name: str | None) -> str:
    """The last name as typed, case and accents kept ("García, José" -> "García"), to search a server
    that compares text as it is stored; empty if there is none."""
    words = _in_order(name or "")
    return words[-1] if words else ""


class NameMatch(StrEnum):
    """How two names compare, strongest first; NONE when they name different people."""

    SAME = translatable("DuplicateReasons", "same name")
    NICKNAME = "same name but for a nickname"  # said with the two names (domain.duplicates)
    SAME_LAST = translatable("DuplicateReasons", "same last name")
    NONE = ""


def compare_names(a: NameKey, b: NameKey) -> NameMatch:
    """The same words; the same last name and first names that are one another's
    nickname; the same last name only; or nothing."""
    if not a.words or not b.words:
        return NameMatch.NONE
    if a.words == b.words or (a.first, a.last) == (b.first, b.last):
        return NameMatch.SAME
    if a.last != b.last:
        return NameMatch.NONE
    if a.given == b.given:
        return NameMatch.NICKNAME
    return NameMatch.SAME_LAST

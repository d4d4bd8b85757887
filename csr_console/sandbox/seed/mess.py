"""The untidiness of real booking traffic: phones in every format, HTML and emoji in free text, address
parts missing, and the respellings by which a returning customer's booking differs from their record
(the variations the duplicate record lists)."""

from __future__ import annotations

import random
from typing import Any

from csr_console.sandbox.seed.names import COUNTRY, NICKNAMES, STATE, SUFFIX_WORDS, Address, fold_accents

PHONE_FORMATS = (
    "({a}) {p}-{l}",
    "{a}-{p}-{l}",
    "{a}.{p}.{l}",
    "{a}{p}{l}",
    "+1 {a} {p} {l}",
    "+1{a}{p}{l}",
    "1-{a}-{p}-{l}",
    "{a} {p} {l}",
    "({a}){p}-{l}",
)
HTML_WRAPS = ("<b>{}</b>", "<p>{}</p>", "{}<br>", "<i>{}</i>", "<div>{}</div>")
URGENT_MARKS = ("<b>urgent</b>", "URGENT!!", "<strong>ASAP</strong>", "**please hurry**")
EMOJI = ("🥵", "🔥", "💧", "🙏", "😩", "⚡", "❄️", "🚽", "👍", "😅")
AFTERTHOUGHTS = (
    "Gate code 4411#",
    "Dog in backyard &amp; friendly",
    "Call before coming",
    "Please text, I'm at work",
    "Park in the driveway, HOA tows",
    "Tenant occupied - call tenant first",
    "We have a warranty &amp; a home-shield plan",
    "Spanish speaker preferred / se habla español",
)


def format_phone(rng: random.Random, digits: str) -> str:
    """Ten digits written one of the ways people and partner systems write them."""
    return _format(rng.choice(PHONE_FORMATS), digits)


def reformat_phone(rng: random.Random, written: str, digits: str) -> str:
    """The same number written differently from ``written``."""
    formats = [f for f in PHONE_FORMATS if _format(f, digits) != written]
    return _format(rng.choice(formats), digits)


def _format(pattern: str, digits: str) -> str:
    return pattern.format(a=digits[:3], p=digits[3:6], l=digits[6:])


def messy_text(rng: random.Random, text: str, *, urgent: bool = False) -> str:
    """A customer's words as booking forms deliver them: sometimes HTML-wrapped or escaped, with an
    urgency mark, an emoji, an afterthought, odd capitals or stray white space."""
    if urgent and rng.random() < 0.5:
        text = f"{rng.choice(URGENT_MARKS)} {text}"
    roll = rng.random()
    if roll < 0.12:
        text = rng.choice(HTML_WRAPS).format(text)
    elif roll < 0.18:
        text = text.upper()
    elif roll < 0.24:
        text = text.lower()
    if rng.random() < 0.08:
        text = f"{text} {rng.choice(EMOJI)}"
    if rng.random() < 0.2:
        separator = rng.choice((". ", "<br>", "\n", " - ", "&nbsp;"))
        text = f"{text}{separator}{rng.choice(AFTERTHOUGHTS)}"
    if rng.random() < 0.05:
        text = f"  {text}  "
    # Some forms HTML-escape what the customer typed.
    return text.replace(" & ", " &amp; ") if rng.random() < 0.5 else text


def booking_address(rng: random.Random, address: Address) -> dict[str, Any]:
    """A booking's address: the parts a form or partner sent, some of them null or loosely written."""
    parts: dict[str, Any] = address.api()
    roll = rng.random()
    if roll < 0.05:
        parts["city"] = None
    elif roll < 0.09:
        parts["zip"] = None
    elif roll < 0.12:
        parts["state"] = None
    elif roll < 0.14:
        parts["city"] = address.city.upper()
    country_roll = rng.random()
    if country_roll < 0.1:
        parts["country"] = None
    elif country_roll < 0.25:
        parts["country"] = "US"
    elif country_roll < 0.3:
        parts["country"] = "United States"
    if parts["state"] and rng.random() < 0.05:
        parts["state"] = "Texas"
    return parts


# -- the ways a returning customer's booking differs from the record ----------------------------------
def nickname(rng: random.Random, first: str) -> str | None:
    names = NICKNAMES.get(first)
    return rng.choice(names) if names else None


def vary_name(rng: random.Random, first: str, last: str, whole: str | None) -> tuple[str, list[str]]:
    """The customer's name as they typed it this time, and the variations applied."""
    options = ["last_first", "case", "accents"]
    if nickname(rng, first):
        options += ["nickname", "nickname"]
    choice = rng.choice(options)
    full = whole or f"{first} {last}"
    if choice == "nickname":
        return f"{nickname(rng, first)} {last}", ["nickname"]
    if choice == "last_first":
        return f"{last}, {first}", ["last_first"]
    if choice == "accents" and fold_accents(full) != full.lower():
        return _strip_accents(full), ["accents_dropped"]
    return (full.upper() if rng.random() < 0.5 else full.lower()), ["name_case"]


def _strip_accents(text: str) -> str:
    return "".join(
        folded.upper() if char.isupper() else folded
        for char, folded in zip(text, (fold_accents(c) or c for c in text), strict=True)
    )


def vary_address(rng: random.Random, address: Address) -> tuple[dict[str, Any], list[str]]:
    """The service address as typed this time (never identical to the record), and the variations."""
    changed: list[str] = []
    street_name, suffix, direction, unit, zip_code = (
        address.street_name,
        address.suffix,
        address.direction,
        address.unit,
        address.zip,
    )
    options = ["street_suffix", "zip_plus4", "street_case"]
    if unit:
        options += ["missing_unit", "missing_unit"]
    if direction:
        options.append("direction_spelled")
    for choice in rng.sample(options, k=min(len(options), rng.choice((1, 1, 2)))):
        changed.append(choice)
        if choice == "street_suffix":
            suffix = SUFFIX_WORDS.get(suffix, suffix) if rng.random() < 0.8 else f"{suffix}."
        elif choice == "zip_plus4":
            zip_code = f"{address.zip}-{rng.randint(1000, 9999)}"
        elif choice == "missing_unit":
            unit = None
        elif choice == "direction_spelled":
            direction = {"N": "North", "S": "South", "E": "East", "W": "West"}[direction or "N"]
    street = f"{address.number} {direction + ' ' if direction else ''}{street_name} {suffix}"
    if "street_case" in changed:
        street = street.lower() if rng.random() < 0.5 else street.upper()
    parts = {
        "street": street,
        "unit": unit,
        "city": address.city,
        "state": STATE,
        "zip": zip_code,
        "country": rng.choice((COUNTRY, "US", None)),
    }
    return parts, changed


def vary_email(rng: random.Random, email: str) -> str:
    local, _, domain = email.partition("@")
    return rng.choice((email.upper(), f"{local.capitalize()}@{domain}", f"{local}@{domain.upper()}"))

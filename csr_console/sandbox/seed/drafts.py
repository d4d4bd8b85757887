"""What a booking source sends: ``draft`` invents one incoming booking (a CreateBookingRequest's fields and
its contacts) from a new prospect or, about one time in seven, from an existing customer typing their
details a little differently, with the partner's extra details and the usual mess. The seed's history,
``bulk_bookings`` and the simulator all book through it."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from csr_console.domain.enums import ContactType
from csr_console.sandbox.seed import names
from csr_console.sandbox.seed.catalog import JOB_TYPES_BY_NAME, JobTypeSpec
from csr_console.sandbox.seed.company import Company
from csr_console.sandbox.seed.extra_details import Details, compose_summary
from csr_console.sandbox.seed.mess import (
    booking_address,
    format_phone,
    messy_text,
    reformat_phone,
    vary_address,
    vary_email,
    vary_name,
)
from csr_console.sandbox.seed.people import Known, Prospect, contacts_of, prospect
from csr_console.sandbox.seed.sources import SCHEDULING_PRO, SOURCES, Source
from csr_console.sandbox.store import format_time

DUPLICATE_SHARE = 0.15
SPAM_SHARE = 0.02
FAR_SHARE = 0.03
SPAM_NAMES = ("test", "asdf", "Test Test", "aaa", "John Doe")
SPAM_TEXTS = ("test", "testing 123", "Check out our SEO services!!! http://seo-boost.invalid", "asdfgh")
STREAM_SOURCES: tuple[Source, ...] = tuple(s for s in SOURCES if s.key != SCHEDULING_PRO)


@dataclass
class Draft:
    """One incoming booking before it is stored: ``fields`` and ``contacts`` are what ``create_booking``
    takes; ``prospect`` the clean truth behind it (to become a customer when it is booked);
    ``known``/``variations`` say whose duplicate it is, if anyone's."""

    source: Source
    job_type: JobTypeSpec
    fields: dict[str, Any]
    contacts: list[dict[str, Any]]
    prospect: Prospect
    known: Known | None = None
    variations: list[str] = field(default_factory=list)
    spam: bool = False
    far: bool = False


def pick_source(rng: random.Random) -> Source:
    return rng.choices(STREAM_SOURCES, weights=[s.weight for s in STREAM_SOURCES])[0]


def draft(
    rng: random.Random,
    company: Company,
    source: Source,
    when: datetime,
    pool: list[Known],
    *,
    details: Details | None = None,
    duplicate: bool | None = None,
    job_type: JobTypeSpec | None = None,
) -> Draft:
    """An incoming booking from ``source`` created at ``when``; a duplicate of someone in ``pool`` with
    probability DUPLICATE_SHARE unless ``duplicate`` decides. ``details`` replaces the source's own
    extra details, ``job_type`` its choice of work."""
    job_type = job_type or JOB_TYPES_BY_NAME[rng.choice(source.job_types)]
    if duplicate is None:
        duplicate = rng.random() < DUPLICATE_SHARE
    roll = rng.random()
    spam = not duplicate and not source.partner and roll < SPAM_SHARE  # partners screen out spam
    far = not duplicate and SPAM_SHARE <= roll < SPAM_SHARE + FAR_SHARE
    # Customers made later in the history (a lead booked weeks on) cannot book as returning ones yet.
    candidates = [k for k in pool if k.since is None or k.since <= when] if duplicate else []
    known = rng.choice(candidates) if candidates else None
    person = known or prospect(rng)
    if far:
        person.address = names.far_address(rng)
    variations: list[str] = []
    if known:
        name, address, contacts, variations = _as_returning(rng, known)
    elif spam:
        name = rng.choice(SPAM_NAMES)
        address = None
        contacts = [{"type": ContactType.PHONE.value, "value": rng.choice(("5555555555", "123-456-7890"))}]
    else:
        name = person.name if rng.random() > 0.05 else person.name.upper()
        address = booking_address(rng, person.address)
        contacts = contacts_of(person)
        if not contacts:  # the create rule: an address or a phone/email; forms usually insist on a phone
            digits = names.phone_digits(rng)
            person.phones.append((ContactType.MOBILE_PHONE.value, digits, format_phone(rng, digits)))
            contacts = contacts_of(person)
    if address is not None and rng.random() < 0.04 and contacts:
        address = None  # phone-only request: "call me"
    text = rng.choice(SPAM_TEXTS) if spam else rng.choice(job_type.asks)
    free_text = messy_text(rng, text, urgent=job_type.priority in ("High", "Urgent"))
    extra = details if details is not None else (source.details(rng, job_type) if source.details else [])
    unit_ids = company.job_types[job_type.name].business_unit_ids
    sends_codes = not source.partner or rng.random() < 0.5  # partners often leave the mapping to the CSR
    fields: dict[str, Any] = {
        "source": source.tag_name,
        "name": name,
        "address": address,
        "customerType": None if rng.random() < 0.25 else person.customer_type,
        "start": _preferred_start(rng, when),
        "summary": compose_summary(free_text, extra),
        "campaignId": company.campaigns.get(source.campaign) if rng.random() < 0.9 else None,
        "businessUnitId": unit_ids[0] if sends_codes and unit_ids else None,
        "jobTypeId": company.job_types[job_type.name].id if sends_codes else None,
        "priority": job_type.priority if rng.random() < 0.6 else None,
        "isFirstTimeClient": known is None if rng.random() < 0.85 else known is not None,
        "uploadedImages": _images(rng),
        "isSendConfirmationEmail": rng.choice((True, False, None)),
        "externalId": f"{source.external_prefix}{rng.getrandbits(40):010x}",
    }
    return Draft(source, job_type, fields, contacts, person, known, variations, spam, far)


def _as_returning(
    rng: random.Random, known: Known
) -> tuple[str, dict[str, Any] | None, list[dict[str, Any]], list[str]]:
    """A returning customer's booking: name, address and contacts, each possibly respelled."""
    variations: list[str] = []
    name = known.name
    if known.business is None and rng.random() < 0.6:
        name, changed = vary_name(rng, known.person.first, known.person.last, known.person.whole)
        variations += changed
    address: dict[str, Any] | None = None
    if rng.random() < 0.85:
        address, changed = vary_address(rng, known.address)
        variations += changed
    else:
        variations.append("no_address")
    contacts: list[dict[str, Any]] = []
    if known.phones:
        use_other = len(known.phones) > 1 and rng.random() < 0.4
        kind, digits, written = known.phones[1 if use_other else 0]
        if use_other:
            variations.append("other_phone")
        if rng.random() < 0.7:
            written = reformat_phone(rng, written, digits)
            variations.append("phone_format")
        contacts.append({"type": kind, "value": written})
    if known.emails and rng.random() < 0.6:
        email = known.emails[0]
        if rng.random() < 0.5:
            email = vary_email(rng, email)
            variations.append("email_case")
        contacts.append({"type": ContactType.EMAIL.value, "value": email})
    if not contacts and address is None:  # the create rule; keep a way to reach them
        address, changed = vary_address(rng, known.address)
        variations = [v for v in variations if v != "no_address"] + changed
    return name, address, contacts, variations


def _preferred_start(rng: random.Random, when: datetime) -> str | None:
    """The time the customer asked for: often none, else a morning or afternoon in the next days."""
    if rng.random() < 0.45:
        return None
    day = when.astimezone(names.ZONE).date() + timedelta(days=rng.randint(0, 6))
    return format_time(datetime.combine(day, time(rng.choice((8, 10, 12, 14))), tzinfo=names.ZONE))


def _images(rng: random.Random) -> list[str]:
    if rng.random() > 0.08:
        return []
    return [
        f"https://uploads.sandbox.invalid/{rng.getrandbits(64):016x}.jpg" for _ in range(rng.randint(1, 3))
    ]

"""How likely a customer on file is the customer of a booking: a score from 0 to 1 and the plain reasons
behind it ("same mobile phone", "same street and zip, different unit"), for the accept wizard to rank
candidates and show why.

Each kind of evidence has a weight, and the evidence found is combined as independent signs (1 minus
the product of what each leaves unexplained): one shared phone or email is strong on its own, a name or
an address alone is not (families share addresses, cities share names), and together they add up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from csr_console.domain.addresses import AddressKey, AddressMatch, compare_addresses
from csr_console.domain.enums import ContactType
from csr_console.domain.names import NameKey, NameMatch, compare_names
from csr_console.domain.words import Phrase, translatable

#: The score at or above which the accept wizard preselects the top candidate: a shared phone or email
#: with the name (a nickname, at least) or the address. A phone or an email alone stays below it (a
#: relative, a landlord, a reused number: 2% of new customers' phones are already on file in the sandbox),
#: and so do a name and an address without a way to reach them; those are shown, not preselected.
LIKELY = 0.85

_PHONE_WEIGHT = 0.8
_EMAIL_WEIGHT = 0.8
_ADDRESS_WEIGHTS = {AddressMatch.SAME: 0.6, AddressMatch.UNIT_MISSING: 0.5, AddressMatch.OTHER_UNIT: 0.25}
_NAME_WEIGHTS = {NameMatch.SAME: 0.5, NameMatch.NICKNAME: 0.4, NameMatch.SAME_LAST: 0.1}
#: The reasons, in words the wizard shows (translated there: domain.words).
_SAME_PHONE = {
    ContactType.MOBILE_PHONE.value: translatable("DuplicateReasons", "same mobile phone"),
    ContactType.PHONE.value: translatable("DuplicateReasons", "same phone"),
    ContactType.FAX.value: translatable("DuplicateReasons", "same fax"),
}
_SAME_EMAIL = translatable("DuplicateReasons", "same email")
_NICKNAME = translatable("DuplicateReasons", "same name but for a nickname ({ours} = {theirs})")


@dataclass(frozen=True, slots=True)
class Identity:
    """Who a booking or a customer is, in compared form (see domain.names, domain.addresses and
    domain.contacts): phones as digits with their contact type, emails lower-cased."""

    name: NameKey
    phones: Mapping[str, str] = field(default_factory=dict)  # digits -> contact type
    emails: frozenset[str] = frozenset()
    addresses: tuple[AddressKey, ...] = ()


@dataclass(frozen=True, slots=True)
class Score:
    value: float
    reasons: tuple[str, ...]


def _combined(weights: Iterable[float]) -> float:
    unexplained = 1.0
    for weight in weights:
        unexplained *= 1.0 - weight
    return 1.0 - unexplained


def _best_address(booking: Identity, candidate: Identity) -> AddressMatch:
    found = AddressMatch.NONE
    for mine in booking.addresses:
        for theirs in candidate.addresses:
            match = compare_addresses(mine, theirs)
            if match is not AddressMatch.NONE and (
                found is AddressMatch.NONE or _ADDRESS_WEIGHTS[match] > _ADDRESS_WEIGHTS[found]
            ):
                found = match
    return found


def score(booking: Identity, candidate: Identity) -> Score:
    """The candidate's score for the booking, and why (strongest reason first)."""
    evidence: list[tuple[float, str]] = []
    shared_phones = booking.phones.keys() & candidate.phones.keys()
    if shared_phones:
        digits = min(shared_phones)
        evidence.append((_PHONE_WEIGHT, _SAME_PHONE.get(booking.phones[digits], _SAME_PHONE["Phone"])))
    if booking.emails & candidate.emails:
        evidence.append((_EMAIL_WEIGHT, _SAME_EMAIL))
    address = _best_address(booking, candidate)
    if address is not AddressMatch.NONE:
        evidence.append((_ADDRESS_WEIGHTS[address], address.value))
    name = compare_names(booking.name, candidate.name)
    if name is not NameMatch.NONE:
        reason: str = name.value
        if name is NameMatch.NICKNAME:
            reason = Phrase(_NICKNAME, ours=booking.name.first.title(), theirs=candidate.name.first.title())
        evidence.append((_NAME_WEIGHTS[name], reason))
    evidence.sort(key=lambda item: -item[0])
    return Score(
        round(_combined(weight for weight, _ in evidence), 4), tuple(reason for _, reason in evidence)
    )


def ranked(booking: Identity, candidates: Mapping[int, Identity]) -> list[tuple[int, Score]]:
    """Candidates by id, best first (ties: the lower id, the older customer, first); those with no
    evidence at all left out."""
    scored = [(candidate_id, score(booking, identity)) for candidate_id, identity in candidates.items()]
    found = [(candidate_id, found) for candidate_id, found in scored if found.reasons]
    return sorted(found, key=lambda item: (-item[1].value, item[0]))

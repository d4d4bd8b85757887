"""The console's words for values of the model it shows in many places — priorities, contact types and
outbox states — one table each, translated when shown (an unknown value is shown as it is)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from csr_console.domain.enums import ContactType, Priority

PRIORITY_WORDS = {
    Priority.LOW: QT_TRANSLATE_NOOP("Words", "Low"),
    Priority.NORMAL: QT_TRANSLATE_NOOP("Words", "Normal"),
    Priority.HIGH: QT_TRANSLATE_NOOP("Words", "High"),
    Priority.URGENT: QT_TRANSLATE_NOOP("Words", "Urgent"),
}
#: In the order a contacts editor offers them.
CONTACT_WORDS = {
    ContactType.MOBILE_PHONE: QT_TRANSLATE_NOOP("Words", "Mobile"),
    ContactType.PHONE: QT_TRANSLATE_NOOP("Words", "Phone"),
    ContactType.EMAIL: QT_TRANSLATE_NOOP("Words", "Email"),
    ContactType.FAX: QT_TRANSLATE_NOOP("Words", "Fax"),
}
#: An outbox action's state, as said within a sentence.
STATE_WORDS = {
    "pending": QT_TRANSLATE_NOOP("Words", "pending"),
    "running": QT_TRANSLATE_NOOP("Words", "running"),
    "done": QT_TRANSLATE_NOOP("Words", "done"),
    "failed": QT_TRANSLATE_NOOP("Words", "failed"),
    "conflict": QT_TRANSLATE_NOOP("Words", "conflict"),
    "cancelled": QT_TRANSLATE_NOOP("Words", "cancelled"),
}


def _word(table: dict[str, str], value: str) -> str:
    word = table.get(value)
    return value if word is None else QCoreApplication.translate("Words", word)


def priority_word(priority: str) -> str:
    """ "Normal", in the CSR's language."""
    return _word(PRIORITY_WORDS, priority)


def contact_word(contact_type: str) -> str:
    """ "Mobile", in the CSR's language."""
    return _word(CONTACT_WORDS, contact_type)


def state_word(state: str) -> str:
    """ "pending", in the CSR's language."""
    return _word(STATE_WORDS, state)

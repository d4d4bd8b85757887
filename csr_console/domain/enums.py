"""ServiceTitan's enumerations, spelled as the API spells them.

These are the only definitions the sandbox shares with the client (DESIGN.md).
"""

from enum import StrEnum


class BookingStatus(StrEnum):
    NEW = "New"
    ACCEPTED = "Accepted"
    CONVERTED = "Converted"
    DISMISSED = "Dismissed"


class LeadStatus(StrEnum):
    OPEN = "Open"
    DISMISSED = "Dismissed"
    CONVERTED = "Converted"


class ContactType(StrEnum):
    PHONE = "Phone"
    MOBILE_PHONE = "MobilePhone"
    EMAIL = "Email"
    FAX = "Fax"


class Priority(StrEnum):
    LOW = "Low"
    NORMAL = "Normal"
    HIGH = "High"
    URGENT = "Urgent"


class CustomerType(StrEnum):
    RESIDENTIAL = "Residential"
    COMMERCIAL = "Commercial"


class JobStatus(StrEnum):
    SCHEDULED = "Scheduled"
    DISPATCHED = "Dispatched"
    IN_PROGRESS = "InProgress"
    HOLD = "Hold"
    COMPLETED = "Completed"
    CANCELED = "Canceled"

"""CSR Console: work the bookings that arrive online, on ServiceTitan's v2 API."""

__version__ = "0.1.0"

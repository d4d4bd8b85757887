"""The feeds half of the sync engine: pollers that keep the cache current (see `engine.FeedEngine`)."""

from csr_console.sync.feeds.bookings import BookingsStrategy
from csr_console.sync.feeds.engine import FeedEngine

__all__ = ["BookingsStrategy", "FeedEngine"]

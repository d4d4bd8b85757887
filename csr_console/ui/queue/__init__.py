"""The booking queue: its Qt table model over the cache, the widget around it, and source marks."""

from csr_console.ui.queue.model import BOOKING_ID_ROLE, Column, QueueModel
from csr_console.ui.queue.view import QueueWidget

__all__ = ["BOOKING_ID_ROLE", "Column", "QueueModel", "QueueWidget"]

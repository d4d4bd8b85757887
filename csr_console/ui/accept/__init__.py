"""The accept wizard (booking or lead -> job) and what it reads from the cache."""

from csr_console.ui.accept.context import AcceptContext, load_context, load_lead_context
from csr_console.ui.accept.wizard import AcceptWizard

__all__ = ["AcceptContext", "AcceptWizard", "load_context", "load_lead_context"]

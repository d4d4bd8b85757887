"""The Leads view: open leads grouped by when they are due, their detail, the dialogs that follow them up,
note, dismiss and create them, and the daily alert of follow-ups due."""

from csr_console.ui.leads.detail import LeadDetailPane
from csr_console.ui.leads.due_alert import LeadDueAlert
from csr_console.ui.leads.model import LEAD_ID_ROLE, Column, LeadsModel
from csr_console.ui.leads.view import LeadsWidget

__all__ = ["LEAD_ID_ROLE", "Column", "LeadDetailPane", "LeadDueAlert", "LeadsModel", "LeadsWidget"]

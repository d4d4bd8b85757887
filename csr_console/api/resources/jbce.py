"""JBCE v2: call reasons (booking dismissal reasons; `is_lead` marks the lead ones)."""

from __future__ import annotations

from csr_console.api.models.jbce import CallReason, CallReasonQuery
from csr_console.api.resources.base import Collection, Resource
from csr_console.api.transport import Transport


class CallReasons(Collection[CallReason, CallReasonQuery]):
    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "jbce", "/call-reasons", CallReason, "call reason")


class Jbce(Resource):
    """`client.jbce`."""

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "jbce")
        self.call_reasons = CallReasons(transport)

"""Dispatch v2: capacity."""

from __future__ import annotations

from csr_console.api.models.dispatch import Capacity, CapacityRequest
from csr_console.api.resources.base import Resource
from csr_console.api.transport import Transport


class Dispatch(Resource):
    """`client.dispatch`."""

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "dispatch")

    async def capacity(self, request: CapacityRequest) -> Capacity:
        """Availability slots. A POST that changes nothing, yet still never retried after sending:
        the transport cannot tell it from a write, and an arrival-window picker can simply ask again."""
        return await self._send("POST", "/capacity", request, Capacity, "capacity")

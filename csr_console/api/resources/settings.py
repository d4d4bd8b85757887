"""Settings v2: business units, technicians and tag types."""

from __future__ import annotations

from csr_console.api.models.settings import (
    BusinessUnit,
    BusinessUnitQuery,
    TagType,
    TagTypeQuery,
    Technician,
    TechnicianQuery,
)
from csr_console.api.resources.base import Collection, Resource, seg
from csr_console.api.transport import Transport


class BusinessUnits(Collection[BusinessUnit, BusinessUnitQuery]):
    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "settings", "/business-units", BusinessUnit, "business unit")

    async def get(self, business_unit_id: int) -> BusinessUnit:
        return await self._get(f"/business-units/{seg(business_unit_id)}", BusinessUnit, "business unit")


class Technicians(Collection[Technician, TechnicianQuery]):
    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "settings", "/technicians", Technician, "technician")


class TagTypes(Collection[TagType, TagTypeQuery]):
    """The document has no GET by id: look a tag type up in the list."""

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "settings", "/tag-types", TagType, "tag type")


class Settings(Resource):
    """`client.settings`."""

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "settings")
        self.business_units = BusinessUnits(transport)
        self.technicians = Technicians(transport)
        self.tag_types = TagTypes(transport)

"""Marketing v2: campaigns."""

from __future__ import annotations

from csr_console.api.models.marketing import Campaign, CampaignQuery
from csr_console.api.resources.base import Collection, Resource, seg
from csr_console.api.transport import Transport


class Campaigns(Collection[Campaign, CampaignQuery]):
    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "marketing", "/campaigns", Campaign, "campaign")

    async def get(self, campaign_id: int) -> Campaign:
        return await self._get(f"/campaigns/{seg(campaign_id)}", Campaign, "campaign")


class Marketing(Resource):
    """`client.marketing`."""

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "marketing")
        self.campaigns = Campaigns(transport)

"""CRM v2: bookings (tenant and provider paths), booking-provider tags, customers, locations,
contact-method search and leads."""

from __future__ import annotations

from csr_console.api.models.common import DateRangeQuery, NoQuery, Page
from csr_console.api.models.crm import (
    Booking,
    BookingContact,
    BookingContactCreate,
    BookingContactUpdate,
    BookingProviderTag,
    BookingProviderTagQuery,
    BookingQuery,
    ContactMethod,
    ContactMethodQuery,
    ContactRelationship,
    CreateBookingProviderTagRequest,
    CreateBookingRequest,
    CreateCustomerNoteRequest,
    CreateCustomerRequest,
    CreatedCustomer,
    CreatedLocation,
    CreateLeadNoteRequest,
    CreateLeadRequest,
    CreateLocationRequest,
    Customer,
    CustomerContact,
    CustomerContactsQuery,
    CustomerContactWithCustomerId,
    CustomerQuery,
    DismissBookingRequest,
    DismissLeadRequest,
    ExportBooking,
    ExportCustomer,
    ExportCustomerContact,
    ExportLead,
    ExportLocation,
    ExportLocationContact,
    FollowUp,
    FollowUpRequest,
    Lead,
    LeadQuery,
    Location,
    LocationContactsQuery,
    LocationContactWithLocationId,
    LocationQuery,
    NewContact,
    Note,
    UpdateBookingProviderTagRequest,
    UpdateBookingRequest,
    UpdateContactRequest,
    UpdateCustomerRequest,
    UpdateLeadRequest,
    UpdateLocationRequest,
)
from csr_console.api.resources.base import Collection, ExportFeed, Resource, seg
from csr_console.api.transport import Transport
from csr_console.domain.enums import ContactType


class Bookings(Collection[Booking, BookingQuery]):
    """Tenant booking paths: read-only. Writes go through `Crm.provider_bookings(provider_id)`."""

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "crm", "/bookings", Booking, "booking")
        self.export = ExportFeed(transport, "crm", "/export/bookings", ExportBooking, "booking")

    async def get(self, booking_id: int) -> Booking:
        return await self._get(f"/bookings/{seg(booking_id)}", Booking, "booking")

    def contacts(self, booking_id: int) -> Collection[BookingContact, NoQuery]:
        return Collection(
            self._transport, "crm", f"/bookings/{seg(booking_id)}/contacts", BookingContact, "booking contact"
        )


class ProviderBookings(Collection[Booking, BookingQuery]):
    """`/booking-provider/{booking_provider}/bookings...`: a provider sees and writes only its own."""

    def __init__(self, transport: Transport, provider_id: int) -> None:
        self.provider_id = provider_id
        self._root = f"/booking-provider/{seg(provider_id)}/bookings"
        super().__init__(transport, "crm", self._root, Booking, "booking")

    def _one(self, booking_id: int) -> str:
        return f"{self._root}/{seg(booking_id)}"

    async def get(self, booking_id: int) -> Booking:
        return await self._get(self._one(booking_id), Booking, "booking")

    async def create(self, request: CreateBookingRequest) -> Booking:
        return await self._send("POST", self._root, request, Booking, "booking")

    async def update(self, booking_id: int, request: UpdateBookingRequest) -> Booking:
        return await self._send("PATCH", self._one(booking_id), request, Booking, "booking")

    async def dismiss(self, booking_id: int, request: DismissBookingRequest) -> None:
        await self._send_no_content("POST", f"{self._one(booking_id)}/dismiss", request)

    def contacts(self, booking_id: int) -> Collection[BookingContact, NoQuery]:
        return Collection(
            self._transport, "crm", f"{self._one(booking_id)}/contacts", BookingContact, "booking contact"
        )

    async def create_contact(self, booking_id: int, request: BookingContactCreate) -> BookingContact:
        return await self._send(
            "POST", f"{self._one(booking_id)}/contacts", request, BookingContact, "booking contact"
        )

    async def update_contact(
        self, booking_id: int, contact_id: int, request: BookingContactUpdate
    ) -> BookingContactUpdate:
        path = f"{self._one(booking_id)}/contacts/{seg(contact_id)}"
        return await self._send("PATCH", path, request, BookingContactUpdate, "booking contact")

    async def delete_contact(self, booking_id: int, contact_id: int) -> None:
        await self._send_no_content("DELETE", f"{self._one(booking_id)}/contacts/{seg(contact_id)}")


class BookingProviderTags(Collection[BookingProviderTag, BookingProviderTagQuery]):
    def __init__(self, transport: Transport) -> None:
        super().__init__(
            transport, "crm", "/booking-provider-tags", BookingProviderTag, "booking provider tag"
        )

    async def get(self, tag_id: int) -> BookingProviderTag:
        return await self._get(f"/booking-provider-tags/{seg(tag_id)}", BookingProviderTag, self._kind)

    async def create(self, request: CreateBookingProviderTagRequest) -> BookingProviderTag:
        return await self._send("POST", "/booking-provider-tags", request, BookingProviderTag, self._kind)

    async def update(self, tag_id: int, request: UpdateBookingProviderTagRequest) -> BookingProviderTag:
        path = f"/booking-provider-tags/{seg(tag_id)}"
        return await self._send("PATCH", path, request, BookingProviderTag, self._kind)


class Customers(Collection[Customer, CustomerQuery]):
    """Customers. A contact's change does not move its customer's `modifiedOn`: follow contacts through
    `contacts_export` or `all_contacts` (modified-since list of every customer's contacts)."""

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "crm", "/customers", Customer, "customer")
        self.export = ExportFeed(transport, "crm", "/export/customers", ExportCustomer, "customer")
        self.contacts_export = ExportFeed(
            transport, "crm", "/export/customers/contacts", ExportCustomerContact, "customer contact"
        )
        self.all_contacts: Collection[CustomerContactWithCustomerId, CustomerContactsQuery] = Collection(
            transport, "crm", "/customers/contacts", CustomerContactWithCustomerId, "customer contact"
        )

    async def get(self, customer_id: int) -> Customer:
        return await self._get(f"/customers/{seg(customer_id)}", Customer, "customer")

    async def create(self, request: CreateCustomerRequest) -> CreatedCustomer:
        """Creates the customer with its locations and contacts; the answer carries all new ids."""
        return await self._send("POST", "/customers", request, CreatedCustomer, "customer")

    async def update(self, customer_id: int, request: UpdateCustomerRequest) -> Customer:
        return await self._send("PATCH", f"/customers/{seg(customer_id)}", request, Customer, "customer")

    def contacts(self, customer_id: int) -> Collection[CustomerContact, NoQuery]:
        path = f"/customers/{seg(customer_id)}/contacts"
        return Collection(self._transport, "crm", path, CustomerContact, "customer contact")

    async def create_contact(self, customer_id: int, request: NewContact) -> CustomerContact:
        path = f"/customers/{seg(customer_id)}/contacts"
        return await self._send("POST", path, request, CustomerContact, "customer contact")

    async def update_contact(
        self, customer_id: int, contact_id: int, request: UpdateContactRequest
    ) -> CustomerContact:
        path = f"/customers/{seg(customer_id)}/contacts/{seg(contact_id)}"
        return await self._send("PATCH", path, request, CustomerContact, "customer contact")

    def notes(self, customer_id: int) -> Collection[Note, DateRangeQuery]:
        return Collection(
            self._transport, "crm", f"/customers/{seg(customer_id)}/notes", Note, "customer note"
        )

    async def create_note(self, customer_id: int, request: CreateCustomerNoteRequest) -> Note:
        return await self._send(
            "POST", f"/customers/{seg(customer_id)}/notes", request, Note, "customer note"
        )


class Locations(Collection[Location, LocationQuery]):
    """Locations; as with customers, their contacts have feeds of their own (`contacts_export`,
    `all_contacts`)."""

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "crm", "/locations", Location, "location")
        self.export = ExportFeed(transport, "crm", "/export/locations", ExportLocation, "location")
        self.contacts_export = ExportFeed(
            transport, "crm", "/export/locations/contacts", ExportLocationContact, "location contact"
        )
        self.all_contacts: Collection[LocationContactWithLocationId, LocationContactsQuery] = Collection(
            transport, "crm", "/locations/contacts", LocationContactWithLocationId, "location contact"
        )

    async def get(self, location_id: int) -> Location:
        return await self._get(f"/locations/{seg(location_id)}", Location, "location")

    async def create(self, request: CreateLocationRequest) -> CreatedLocation:
        return await self._send("POST", "/locations", request, CreatedLocation, "location")

    async def update(self, location_id: int, request: UpdateLocationRequest) -> Location:
        return await self._send("PATCH", f"/locations/{seg(location_id)}", request, Location, "location")

    def contacts(self, location_id: int) -> Collection[CustomerContact, NoQuery]:
        path = f"/locations/{seg(location_id)}/contacts"
        return Collection(self._transport, "crm", path, CustomerContact, "location contact")

    async def create_contact(self, location_id: int, request: NewContact) -> CustomerContact:
        path = f"/locations/{seg(location_id)}/contacts"
        return await self._send("POST", path, request, CustomerContact, "location contact")


class ContactMethods(Collection[ContactMethod, ContactMethodQuery]):
    """`/contacts/contact-methods`: the way to find a customer by email (customers have no email filter)."""

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "crm", "/contacts/contact-methods", ContactMethod, "contact method")

    async def search(
        self, type: ContactType, value: str, *, page_size: int = 50, strict: bool = True
    ) -> Page[ContactMethod]:
        return await self.list(ContactMethodQuery(type=type, value=value), page_size=page_size, strict=strict)

    def relationships(self, contact_id: str) -> Collection[ContactRelationship, NoQuery]:
        """What a found method's contact (`ContactMethod.contact_id`) belongs to: a customer, a location
        or a booking (`type_slug`) and its id (`related_entity_id`)."""
        path = f"/contacts/{seg(contact_id)}/relationships"
        return Collection(self._transport, "crm", path, ContactRelationship, "contact relationship")


class Leads(Collection[Lead, LeadQuery]):
    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "crm", "/leads", Lead, "lead")
        self.export = ExportFeed(transport, "crm", "/export/leads", ExportLead, "lead")

    async def get(self, lead_id: int) -> Lead:
        return await self._get(f"/leads/{seg(lead_id)}", Lead, "lead")

    async def create(self, request: CreateLeadRequest) -> Lead:
        """With `booking_id`, this captures the booking as a lead (the booking is dismissed)."""
        return await self._send("POST", "/leads", request, Lead, "lead")

    async def update(self, lead_id: int, request: UpdateLeadRequest) -> Lead:
        return await self._send("PATCH", f"/leads/{seg(lead_id)}", request, Lead, "lead")

    async def follow_up(self, lead_id: int, request: FollowUpRequest) -> FollowUp:
        return await self._send(
            "POST", f"/leads/{seg(lead_id)}/follow-up", request, FollowUp, "lead follow-up"
        )

    async def dismiss(self, lead_id: int, request: DismissLeadRequest) -> None:
        await self._send_no_content("POST", f"/leads/{seg(lead_id)}/dismiss", request)

    def notes(self, lead_id: int) -> Collection[Note, DateRangeQuery]:
        return Collection(self._transport, "crm", f"/leads/{seg(lead_id)}/notes", Note, "lead note")

    async def create_note(self, lead_id: int, request: CreateLeadNoteRequest) -> Note:
        return await self._send("POST", f"/leads/{seg(lead_id)}/notes", request, Note, "lead note")


class Crm(Resource):
    """`client.crm`: the CRM module."""

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "crm")
        self.bookings = Bookings(transport)
        self.booking_provider_tags = BookingProviderTags(transport)
        self.customers = Customers(transport)
        self.locations = Locations(transport)
        self.contact_methods = ContactMethods(transport)
        self.leads = Leads(transport)

    def provider_bookings(self, provider_id: int) -> ProviderBookings:
        """The booking-provider paths of one provider tag (creates, patches, contacts, dismiss)."""
        return ProviderBookings(self._transport, provider_id)

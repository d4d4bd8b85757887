"""CRM v2 payloads: bookings, booking-provider tags, customers, locations, contacts, leads.

Required/nullable follow crm-v2.json, with the tolerance real data needs (API-NOTES.md): address parts
and customer types may be null, enum values outside the documents are kept as raw strings.
"""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import Field, model_validator

from csr_console.api.models.common import (
    ActiveFilter,
    Address,
    ApiModel,
    ContactTypeValue,
    CustomerTypeValue,
    DateRangeQuery,
    ExternalData,
    ExternalDataCreate,
    ExternalDataFilter,
    ExternalDataUpdate,
    GeoAddress,
    Int64,
    OptionalUtcDateTime,
    PriorityValue,
    Query,
    UtcDateTime,
)
from csr_console.domain.enums import BookingStatus, ContactType, CustomerType, LeadStatus, Priority

BookingStatusValue = Annotated[BookingStatus | str, Field(union_mode="left_to_right")]
LeadStatusValue = Annotated[LeadStatus | str, Field(union_mode="left_to_right")]


# -- addresses -------------------------------------------------------------------------------------
class AddressPatch(ApiModel):
    """Crm.V2.AddressPatchModel: when an address is patched every part must be sent."""

    street: str
    unit: str
    city: str
    state: str
    zip: str
    country: str


class NewAddress(ApiModel):
    """CustomerAddress as a create body requires it."""

    street: str
    city: str
    state: str
    zip: str
    country: str
    unit: str | None = None
    latitude: float | None = None
    longitude: float | None = None


class UpdateCustomerAddress(ApiModel):
    street: str
    unit: str
    city: str
    state: str
    zip: str
    country: str
    latitude: float
    longitude: float


class LocationAddressPatch(AddressPatch):
    latitude: float | None = None
    longitude: float | None = None


# -- bookings --------------------------------------------------------------------------------------
class Booking(ApiModel):
    """Crm.V2.BookingResponse. `start` is None when the booking has no preferred time (year 1)."""

    id: Int64
    source: str
    created_on: UtcDateTime
    name: str
    start: OptionalUtcDateTime
    status: BookingStatusValue
    external_id: str | None  # documented as required; may be null, never missing
    booking_provider_id: Int64
    modified_on: UtcDateTime
    address: Address | None = None
    customer_type: CustomerTypeValue | None = None
    campaign_id: Int64 | None = None
    business_unit_id: Int64 | None = None
    is_first_time_client: bool | None = None
    uploaded_images: list[str] | None = None
    is_send_confirmation_email: bool | None = None
    dismissing_reason_id: Int64 | None = None
    job_id: Int64 | None = None
    priority: PriorityValue | None = None
    job_type_id: Int64 | None = None
    summary: str | None = None


class ExportBooking(Booking):
    """Crm.V2.ExportBookingResponse: a booking plus `active` (false = deleted)."""

    active: bool


class BookingContact(ApiModel):
    """Crm.V2.BookingContactResponse."""

    id: Int64
    type: ContactTypeValue
    value: str
    memo: str | None
    modified_on: UtcDateTime


class BookingContactCreate(ApiModel):
    """Crm.V2.BookingContactModel (inside a booking create) / ContactCreateRequest."""

    type: ContactType
    value: str
    memo: str | None = None


class BookingContactUpdate(ApiModel):
    """Crm.V2.UpdateBookingContactRequest; the PATCH also answers this shape."""

    type: ContactTypeValue | None = None
    value: str | None = None
    memo: str | None = None


class CreateBookingRequest(ApiModel):
    """Crm.V2.CreateBookingRequest (provider path)."""

    source: str
    name: str
    summary: str
    is_first_time_client: bool
    external_id: str
    address: Address | None = None
    contacts: list[BookingContactCreate] | None = None
    customer_type: CustomerType | None = None
    start: UtcDateTime | None = None
    campaign_id: int | None = None
    business_unit_id: int | None = None
    job_type_id: int | None = None
    priority: Priority | None = None
    uploaded_images: list[str] | None = None
    is_send_confirmation_email: bool | None = None


class UpdateBookingRequest(ApiModel):
    """Crm.V2.UpdateBookingRequest: only the fields set are sent (status cannot be patched)."""

    source: str | None = None
    name: str | None = None
    address: AddressPatch | None = None
    customer_type: CustomerType | None = None
    start: UtcDateTime | None = None
    summary: str | None = None
    campaign_id: int | None = None
    business_unit_id: int | None = None
    job_type_id: int | None = None
    priority: Priority | None = None
    is_first_time_client: bool | None = None
    uploaded_images: list[str] | None = None
    external_id: str | None = None


class DismissBookingRequest(ApiModel):
    call_reason_id: int | None = None
    dismissing_memo: str | None = None


class BookingQuery(DateRangeQuery):
    ids: list[int] | None = Field(default=None, max_length=50)
    external_id: str | None = None
    sort: str | None = None  # e.g. "+ModifiedOn"; httpx sends '+' as %2B


# -- booking-provider tags -------------------------------------------------------------------------
class BookingProviderTag(ApiModel):
    """Crm.V2.GetBookingProviderTagResponse (`active` is absent from create/patch answers)."""

    id: int
    tag_name: str
    description: str
    type: str
    created_on: UtcDateTime
    modified_on: UtcDateTime
    active: bool | None = None


class CreateBookingProviderTagRequest(ApiModel):
    tag_name: str
    description: str


class UpdateBookingProviderTagRequest(ApiModel):
    tag_name: str | None = None
    description: str | None = None


class BookingProviderTagQuery(DateRangeQuery):
    name: str | None = None
    ids: list[int] | None = Field(default=None, max_length=50)
    sort: str | None = None


# -- customers -------------------------------------------------------------------------------------
class CustomField(ApiModel):
    type_id: int
    name: str | None = None
    value: str | None = None


class CustomFieldUpdate(ApiModel):
    type_id: int
    value: str


class Customer(ApiModel):
    """Crm.V2.Customers.CustomerResponse. `type` may be null in real data."""

    id: int
    active: bool
    name: str
    type: CustomerTypeValue | None
    address: GeoAddress | None
    balance: float | None
    tax_exempt: bool
    do_not_mail: bool
    do_not_service: bool
    national_account: bool
    created_on: UtcDateTime
    created_by_id: int
    modified_on: UtcDateTime
    custom_fields: list[CustomField] = Field(default_factory=list)
    tag_type_ids: list[int] = Field(default_factory=list)
    external_data: list[ExternalData] | None = None
    merged_to_id: int | None = None
    payment_term_id: int | None = None
    credit_limit: float | None = None
    credit_limit_balance: float | None = None


class ExportCustomer(Customer):
    """Crm.V2.ExportCustomerResponse: field for field the CustomerResponse, whose `active` is already
    required (false = deactivated, e.g. merged into `merged_to_id`)."""


class NewContact(ApiModel):
    """Crm.V2.Customers.NewCustomerContact / CreateCustomerContactRequest / LocationContactCreateRequest."""

    type: ContactType
    value: str
    memo: str | None = None


class LocationContactSummary(ApiModel):
    """Crm.V2.Locations.LocationContact / Customers.CustomerContact (id, type, value, memo)."""

    id: int
    type: ContactTypeValue
    value: str
    memo: str | None = None


class CreatedLocation(ApiModel):
    """Crm.V2.Locations.CreateLocationResponse."""

    id: int
    customer_id: int
    active: bool
    name: str
    address: GeoAddress | None
    created_on: UtcDateTime
    created_by_id: int
    modified_on: UtcDateTime
    tax_exempt: bool
    custom_fields: list[CustomField] = Field(default_factory=list)
    tag_type_ids: list[int] = Field(default_factory=list)
    external_data: list[ExternalData] | None = None
    contacts: list[LocationContactSummary] = Field(default_factory=list)
    merged_to_id: int | None = None
    zone_id: int | None = None
    tax_zone_id: int | None = None


class CreatedCustomer(Customer):
    """Crm.V2.Customers.CreatedCustomerResponse: the customer with its new locations' and contacts' ids."""

    locations: list[CreatedLocation]
    contacts: list[LocationContactSummary]


class NewLocation(ApiModel):
    """Crm.V2.Customers.NewLocation (inside a customer create)."""

    name: str
    address: NewAddress
    contacts: list[NewContact] | None = None
    custom_fields: list[CustomFieldUpdate] | None = None
    tag_type_ids: list[int] | None = None
    external_data: ExternalDataCreate | None = None


class CreateCustomerRequest(ApiModel):
    """Crm.V2.Customers.CreateCustomerRequest: customer, locations and contacts in one call."""

    name: str
    address: NewAddress
    locations: list[NewLocation]
    type: CustomerType | None = None
    contacts: list[NewContact] | None = None
    do_not_mail: bool | None = None
    do_not_service: bool | None = None
    national_account: bool | None = None
    custom_fields: list[CustomFieldUpdate] | None = None
    tag_type_ids: list[int] | None = None
    external_data: ExternalDataCreate | None = None
    tax_exempt: bool | None = None


class UpdateCustomerRequest(ApiModel):
    name: str | None = None
    type: CustomerType | None = None
    address: UpdateCustomerAddress | None = None
    custom_fields: list[CustomFieldUpdate] | None = None
    external_data: ExternalDataUpdate | None = None
    do_not_mail: bool | None = None
    do_not_service: bool | None = None
    national_account: bool | None = None
    active: bool | None = None
    tag_type_ids: list[int] | None = None
    tax_exempt: bool | None = None


class AddressFilter(Query):
    """The address filters customers and locations share."""

    ids: list[int] | None = Field(default=None, max_length=50)
    name: str | None = None
    street: str | None = None
    unit: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None
    active: ActiveFilter | None = None
    sort: str | None = None


class CustomerQuery(DateRangeQuery, ExternalDataFilter, AddressFilter):
    phone: str | None = None


class PhoneSettings(ApiModel):
    phone_number: str
    do_not_text: bool


class ContactPreferences(ApiModel):
    job_reminders_enabled: bool
    marketing_updates_enabled: bool
    invoice_statement_notification: bool
    invoice_notification: bool
    statement_notification: bool


class CustomerContact(ApiModel):
    """Crm.V2.Customers.CustomerContactWithModifiedOnResponse (also LocationContactResponse)."""

    id: int
    type: ContactTypeValue
    value: str
    modified_on: UtcDateTime
    created_on: UtcDateTime
    memo: str | None = None
    phone_settings: PhoneSettings | None = None
    preferences: ContactPreferences | None = None


LocationContact = CustomerContact


class CustomerContactWithCustomerId(CustomerContact):
    """Crm.V2.Customers.CustomerContactWithModifiedOnAndCustomerIdResponse: `GET /customers/contacts`."""

    customer_id: int


class ExportCustomerContact(CustomerContactWithCustomerId):
    """Crm.V2.ExportCustomerContactResponse: `active` false = the contact was deleted."""

    active: bool


class LocationContactWithLocationId(LocationContact):
    """Crm.V2.LocationsContactResponse: `GET /locations/contacts`."""

    location_id: int


class ExportLocationContact(LocationContactWithLocationId):
    """Crm.V2.ExportLocationContactResponse: `active` false = the contact was deleted."""

    active: bool


class ModifiedContactsQuery(DateRangeQuery):
    """The cross-owner contact lists: the documents require modifiedOnOrAfter or modifiedBefore."""

    @model_validator(mode="after")
    def _needs_a_modified_bound(self) -> Self:
        if self.modified_on_or_after is None and self.modified_before is None:
            raise ValueError("set modified_on_or_after or modified_before (the API requires one)")
        return self


class CustomerContactsQuery(ModifiedContactsQuery):
    customer_ids: list[int] | None = None


class LocationContactsQuery(ModifiedContactsQuery):
    location_ids: list[int] | None = None


class UpdateContactRequest(ApiModel):
    """Crm.V2.Customers.UpdateCustomerContactRequest."""

    type: ContactType | None = None
    value: str | None = None
    memo: str | None = None
    preferences: ContactPreferences | None = None


class Note(ApiModel):
    """Crm.V2.NoteResponse (customer and lead notes)."""

    id: int
    text: str
    is_pinned: bool
    created_by_id: int
    created_on: UtcDateTime
    modified_on: UtcDateTime


class CreateCustomerNoteRequest(ApiModel):
    text: str
    pin_to_top: bool | None = None
    add_to_locations: bool | None = None


class CreateLeadNoteRequest(ApiModel):
    text: str
    pin_to_top: bool | None = None


# -- locations -------------------------------------------------------------------------------------
class Location(ApiModel):
    """Crm.V2.Locations.LocationResponse."""

    id: int
    customer_id: int
    active: bool
    name: str
    address: GeoAddress | None
    created_on: UtcDateTime
    created_by_id: int
    modified_on: UtcDateTime
    tax_exempt: bool
    custom_fields: list[CustomField] = Field(default_factory=list)
    tag_type_ids: list[int] = Field(default_factory=list)
    external_data: list[ExternalData] | None = None
    merged_to_id: int | None = None
    zone_id: int | None = None
    tax_zone_id: int | None = None


class ExportLocation(Location):
    """Crm.V2.ExportLocationsResponse: field for field the LocationResponse (`active` already required)."""


class CreateLocationRequest(NewLocation):
    customer_id: int


class UpdateLocationRequest(ApiModel):
    customer_id: int | None = None
    name: str | None = None
    address: LocationAddressPatch | None = None
    active: bool | None = None
    tax_zone_id: int | None = None
    custom_fields: list[CustomFieldUpdate] | None = None
    tag_type_ids: list[int] | None = None
    external_data: ExternalDataUpdate | None = None


class LocationQuery(DateRangeQuery, ExternalDataFilter, AddressFilter):
    customer_id: int | None = None


# -- contact methods -------------------------------------------------------------------------------
class ContactMethod(ApiModel):
    """Crm.V2.ContactMethodResponse: the only way to search by email."""

    id: str
    contact_id: str
    type: ContactTypeValue
    value: str
    created_on: UtcDateTime
    created_by: int
    modified_on: UtcDateTime
    modified_by: int
    reference_id: str | None = None
    memo: str | None = None


class ContactRelationship(ApiModel):
    """Crm.V2.ContactRelationshipResponse: what a contact (`ContactMethod.contact_id`) belongs to."""

    id: str
    related_entity_id: int
    type_name: str
    type_slug: str  # customer, location, booking
    created_on: UtcDateTime
    created_by: int


class ContactMethodQuery(DateRangeQuery):
    type: ContactType | None = None
    value: str | None = None
    contact_id: str | None = None
    reference_id: str | None = None
    sort: str | None = None


# -- leads -----------------------------------------------------------------------------------------
class Lead(ApiModel):
    """Crm.V2.LeadResponse."""

    id: int
    status: LeadStatusValue
    priority: PriorityValue
    campaign_id: int
    created_by_id: int
    created_on: UtcDateTime
    modified_on: UtcDateTime
    customer_id: int | None = None
    location_id: int | None = None
    business_unit_id: int | None = None
    job_type_id: int | None = None
    follow_up_date: OptionalUtcDateTime = None
    tag_type_ids: list[int] | None = None
    dismissing_reason_id: int | None = None
    summary: str | None = None
    call_reason_id: int | None = None
    call_id: int | None = None
    booking_id: int | None = None
    manual_call_id: int | None = None
    lead_url: str | None = None
    lead_customer_name: str | None = None
    lead_phone: str | None = None
    lead_email: str | None = None
    lead_street: str | None = None
    lead_unit: str | None = None
    lead_city: str | None = None
    lead_state: str | None = None
    lead_zip: str | None = None
    lead_country: str | None = None
    capture_source: str | None = None


class ExportLead(Lead):
    active: bool


class CreateLeadRequest(ApiModel):
    """Crm.V2.LeadCreateRequest: needs a callReasonId or a followUpDate; bookingId captures a booking."""

    campaign_id: int
    summary: str
    customer_id: int | None = None
    location_id: int | None = None
    business_unit_id: int | None = None
    job_type_id: int | None = None
    tag_type_ids: list[int] | None = None
    priority: Priority | None = None
    call_reason_id: int | None = None
    follow_up_date: UtcDateTime | None = None
    booking_id: int | None = None
    lead_customer_name: str | None = None
    lead_phone: str | None = None
    lead_email: str | None = None
    lead_street: str | None = None
    lead_unit: str | None = None
    lead_city: str | None = None
    lead_state: str | None = None
    lead_zip: str | None = None
    lead_country: str | None = None


class UpdateLeadRequest(ApiModel):
    campaign_id: int | None = None
    priority: Priority | None = None
    business_unit_id: int | None = None
    job_type_id: int | None = None
    summary: str | None = None
    lead_customer_name: str | None = None
    lead_phone: str | None = None
    lead_email: str | None = None
    lead_street: str | None = None
    lead_unit: str | None = None
    lead_city: str | None = None
    lead_state: str | None = None
    lead_zip: str | None = None
    lead_country: str | None = None


class FollowUpRequest(ApiModel):
    follow_up_date: UtcDateTime
    text: str | None = None
    pin_to_top: bool | None = None


class FollowUp(ApiModel):
    lead_id: int
    follow_up_date: UtcDateTime
    pin_to_top: bool
    text: str | None = None


class DismissLeadRequest(ApiModel):
    dismissing_reason_id: int


class LeadQuery(DateRangeQuery):
    ids: list[int] | None = Field(default=None, max_length=50)
    status: LeadStatus | None = None
    customer_id: int | None = None
    is_prospect: bool | None = None
    without_customer: bool | None = None
    customer_city: str | None = None
    customer_state: str | None = None
    customer_zip: str | None = None
    lead_customer_name: str | None = None
    lead_phone: str | None = None
    sort: str | None = None

"""The wizard's first step: whose job this is. The customers on file the booking may be, best first with
their score and why; the CSR picks one of them and a location (or a new location), or a new customer
prefilled from the booking. For an existing record, the booking's phones and emails it lacks are offered
to add, so the next booking from them matches.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from csr_console.domain.addresses import AddressMatch
from csr_console.domain.contacts import lacking_contacts
from csr_console.domain.duplicates import LIKELY
from csr_console.domain.enums import ContactType, CustomerType
from csr_console.store.queries.duplicates import CandidateLocation, DuplicateCandidate
from csr_console.sync.outbox.drafts import (
    ContactDraft,
    CustomerChoice,
    ExistingLocation,
    LocationDraft,
    MissingContacts,
    NewCustomer,
    NewLocationFor,
)
from csr_console.ui.accept.address_form import AddressForm
from csr_console.ui.accept.contacts_editor import ContactsEditor
from csr_console.ui.accept.context import AcceptContext
from csr_console.ui.detail.text import one_line_address
from csr_console.ui.forms import plain_label, problem_label, show_problem
from csr_console.ui.phrases import shown
from csr_console.ui.tooltips import plain_tooltip
from csr_console.ui.words import contact_word

NEW_LOCATION = -1
DEFAULT_LOCATION_NAME = QT_TRANSLATE_NOOP("CustomerPage", "Home")
CUSTOMER_TYPE_WORDS = {
    CustomerType.RESIDENTIAL: QT_TRANSLATE_NOOP("CustomerPage", "Residential"),
    CustomerType.COMMERCIAL: QT_TRANSLATE_NOOP("CustomerPage", "Commercial"),
}
_MATCH_WORDS = {
    AddressMatch.SAME: QT_TRANSLATE_NOOP("CustomerPage", "same street and zip"),
    AddressMatch.UNIT_MISSING: QT_TRANSLATE_NOOP("CustomerPage", "same street and zip, one without a unit"),
    AddressMatch.OTHER_UNIT: QT_TRANSLATE_NOOP("CustomerPage", "same street and zip, different unit"),
}


def customer_type_word(type_: CustomerType) -> str:
    """The customer type in the CSR's language ("Residential")."""
    word = CUSTOMER_TYPE_WORDS.get(type_)
    return QCoreApplication.translate("CustomerPage", word) if word else str(type_)


def _match_word(match: AddressMatch) -> str:
    word = _MATCH_WORDS.get(match)
    return QCoreApplication.translate("CustomerPage", word) if word else str(match)


def _default_location_name() -> str:
    return QCoreApplication.translate("CustomerPage", DEFAULT_LOCATION_NAME)


def _booking_contacts(context: AcceptContext) -> list[tuple[ContactType, str]]:
    known = {t.value for t in ContactType}
    return [(ContactType(type_), value) for type_, value in context.request.contacts if type_ in known]


def _contact_text(type_: ContactType, value: str) -> str:
    return f"{value} ({contact_word(type_).lower()})"


class CustomerPage(QWizardPage):
    def __init__(self, context: AcceptContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        booking = context.request
        self.setTitle(self.tr("Customer"))
        self.setSubTitle(self.tr("Who is this booking for? Customers on file that match it come first."))

        contacts = ", ".join(value for _, value in booking.contacts) or self.tr("no contacts")
        address = one_line_address(booking.address) or self.tr("no address")
        if booking.kind == "booking":
            asked = self.tr("The booking: {name} · {address} · {contacts}")
        else:
            asked = self.tr("The lead: {name} · {address} · {contacts}")
        self.booking_line = plain_label(asked.format(name=booking.name, address=address, contacts=contacts))
        self.booking_line.setObjectName("booking-line")

        self.use_existing = QRadioButton(self.tr("&Existing customer"))
        self.use_new = QRadioButton(self.tr("&New customer"))
        choice = QButtonGroup(self)
        choice.addButton(self.use_existing)
        choice.addButton(self.use_new)
        radios = QHBoxLayout()
        radios.addWidget(self.use_existing)
        radios.addWidget(self.use_new)
        radios.addStretch(1)

        self.candidates = QTreeWidget()
        self.candidates.setObjectName("candidates")
        self.candidates.setAccessibleName(self.tr("Matching customers"))
        self.candidates.setHeaderLabels(
            [self.tr("Match"), self.tr("Customer"), self.tr("Address"), self.tr("Why")]
        )
        self.candidates.setRootIsDecorated(False)
        self.candidates.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.candidates.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.reasons = plain_label("")  # the chosen match's reasons in full: the list's column cuts them
        self.reasons.setObjectName("reasons")
        self.search_state = plain_label("")
        self.search_state.setObjectName("search-state")

        self.location = QComboBox()
        self.location.setAccessibleName(self.tr("Location"))
        self.location_name = QLineEdit(_default_location_name())
        self.location_name.setAccessibleName(self.tr("New location's name"))
        self.location_address = AddressForm()
        self.new_location_box = QGroupBox(self.tr("New location"))
        new_location_form = QFormLayout(self.new_location_box)
        new_location_form.addRow(self.tr("Name"), self.location_name)
        new_location_form.addRow(self.location_address)
        self.add_contacts_box = QGroupBox(self.tr("Add the booking's contacts they lack"))
        self.add_contacts_layout = QVBoxLayout(self.add_contacts_box)
        self.add_to_customer: list[tuple[QCheckBox, ContactDraft]] = []
        self.add_to_location: list[tuple[QCheckBox, ContactDraft]] = []
        self.existing_box = QGroupBox(self.tr("Existing customer"))
        existing = QVBoxLayout(self.existing_box)
        existing.addWidget(self.candidates, 1)
        existing.addWidget(self.reasons)
        existing.addWidget(self.search_state)
        location_row = QFormLayout()
        location_row.addRow(self.tr("&Location"), self.location)
        existing.addLayout(location_row)
        existing.addWidget(self.new_location_box)
        existing.addWidget(self.add_contacts_box)

        self.customer_name = QLineEdit(booking.name)
        self.customer_name.setAccessibleName(self.tr("Customer name"))
        self.customer_type = QComboBox()
        self.customer_type.setAccessibleName(self.tr("Customer type"))
        for customer_type in CustomerType:
            self.customer_type.addItem(customer_type_word(customer_type), customer_type)
        # Real bookings often have no type (API-NOTES): residential, the common case, until told.
        self.customer_type.setCurrentIndex(max(0, self.customer_type.findData(booking.customer_type or "")))
        self.customer_address = AddressForm()
        self.customer_location_name = QLineEdit(_default_location_name())
        self.customer_location_name.setAccessibleName(self.tr("Location name"))
        self.customer_contacts = ContactsEditor()
        self.new_box = QGroupBox(self.tr("New customer"))
        new_form = QFormLayout(self.new_box)
        new_form.addRow(self.tr("Na&me"), self.customer_name)
        new_form.addRow(self.tr("Type"), self.customer_type)
        new_form.addRow(self.customer_address)
        new_form.addRow(self.tr("Location name"), self.customer_location_name)
        new_form.addRow(self.tr("Contacts"), self.customer_contacts)

        self.problem = problem_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.booking_line)
        layout.addLayout(radios)
        layout.addWidget(self.existing_box, 1)
        layout.addWidget(self.new_box)
        layout.addWidget(self.problem)

        self.customer_address.set_address(booking.address)
        self.location_address.set_address(booking.address)
        self.customer_contacts.set_contacts(_booking_contacts(context))
        self._fill_candidates()

        self.use_existing.toggled.connect(self._on_choice)
        self.candidates.currentItemChanged.connect(self._on_candidate)
        self.location.currentIndexChanged.connect(self._on_location)
        for signal in (
            self.location_name.textChanged,
            self.location_address.changed,
            self.customer_name.textChanged,
            self.customer_address.changed,
            self.customer_location_name.textChanged,
            self.customer_contacts.changed,
        ):
            signal.connect(self._changed)
        self._preselect()

    # -- candidates ---------------------------------------------------------------------------------
    def _fill_candidates(self) -> None:
        self.candidates.clear()
        for candidate in self.context.candidates:
            reasons = _reasons(candidate.score.reasons)
            item = QTreeWidgetItem(
                [
                    f"{candidate.score.value:.0%}",
                    candidate.name,
                    one_line_address(candidate.address),
                    "; ".join(reasons),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, candidate.customer_id)
            item.setToolTip(3, plain_tooltip("\n".join(reasons)))
            self.candidates.addTopLevelItem(item)
        for column in range(3):
            self.candidates.resizeColumnToContents(column)
        self.use_existing.setEnabled(bool(self.context.candidates))

    def set_candidates(self, context: AcceptContext, searching: str) -> None:
        """New candidates (a search of ServiceTitan found more): the CSR's choice is kept if it is still
        there; a first likely match is preselected if the CSR had not chosen yet."""
        chosen = self.candidate()
        untouched = self.use_new.isChecked() and not self.context.candidates
        self.context = context
        self.candidates.blockSignals(True)
        self._fill_candidates()
        self.candidates.blockSignals(False)
        self.search_state.setText(searching)
        if chosen is not None:
            self.select_customer(chosen.customer_id)
        elif untouched:
            self._preselect()
        self._changed()

    def candidate(self) -> DuplicateCandidate | None:
        item = self.candidates.currentItem()
        if item is None:
            return None
        customer_id = item.data(0, Qt.ItemDataRole.UserRole)
        return next((c for c in self.context.candidates if c.customer_id == customer_id), None)

    def select_customer(self, customer_id: int, location_id: int | None = None) -> bool:
        for row in range(self.candidates.topLevelItemCount()):
            item = self.candidates.topLevelItem(row)
            if item.data(0, Qt.ItemDataRole.UserRole) == customer_id:
                self.use_existing.setChecked(True)
                self.candidates.setCurrentItem(item)
                if location_id is not None:
                    self.location.setCurrentIndex(max(0, self.location.findData(location_id)))
                return True
        return False

    def _preselect(self) -> None:
        top = self.context.candidates[0] if self.context.candidates else None
        if top is not None and top.score.value >= LIKELY:
            self.use_existing.setChecked(True)
            self.candidates.setCurrentItem(self.candidates.topLevelItem(0))
            self.candidates.setFocus()
        else:
            self.use_new.setChecked(True)
            self.candidates.setCurrentItem(None)
        self._on_choice()

    def _on_choice(self) -> None:
        existing = self.use_existing.isChecked()
        self.existing_box.setVisible(existing)
        self.new_box.setVisible(not existing)
        self._changed()

    def _on_candidate(self) -> None:
        candidate = self.candidate()
        self.reasons.setText(
            self.tr("Why: {reasons}.").format(reasons="; ".join(_reasons(candidate.score.reasons)))
            if candidate
            else ""
        )
        self.location.blockSignals(True)
        self.location.clear()
        if candidate is not None:
            for location in candidate.locations:
                text = f"{location.name} — {one_line_address(location.address)}"
                if location.match is not AddressMatch.NONE:
                    text += f" ({_match_word(location.match)})"
                self.location.addItem(text, location.id)
        self.location.addItem(self.tr("A new location at the booking's address"), NEW_LOCATION)
        self.location.setCurrentIndex(self._best_location_index(candidate))
        self.location.blockSignals(False)
        self._on_location()

    def _best_location_index(self, candidate: DuplicateCandidate | None) -> int:
        """The location the booking is at. A booking with an address no location has is a new location
        (a second home, a rental); one without an address is at the customer's first location."""
        if candidate is None or not candidate.locations:
            return self.location.count() - 1
        has_address = bool(self.context.request.address.street)
        best = candidate.locations[0]
        if has_address and best.match in (AddressMatch.NONE, AddressMatch.OTHER_UNIT):
            return self.location.count() - 1
        return 0

    def _on_location(self) -> None:
        self.new_location_box.setVisible(self.location.currentData() == NEW_LOCATION)
        self._offer_missing_contacts()
        self._changed()

    def _offer_missing_contacts(self) -> None:
        for box, _ in (*self.add_to_customer, *self.add_to_location):
            box.deleteLater()
        self.add_to_customer, self.add_to_location = [], []
        candidate = self.candidate()
        wanted = _booking_contacts(self.context)
        if candidate is not None:
            have = [(c.type, c.value) for c in candidate.contacts]
            for type_, value in lacking_contacts(wanted, have):
                box = QCheckBox(
                    self.tr("Add {contact} to the customer").format(
                        contact=_contact_text(ContactType(type_), value)
                    )
                )
                box.setChecked(True)
                self.add_to_customer.append((box, ContactDraft(ContactType(type_), value)))
            location = self._chosen_location()
            if location is not None:
                have = [(c.type, c.value) for c in location.contacts]
                for type_, value in lacking_contacts(wanted, have):
                    box = QCheckBox(
                        self.tr("Add {contact} to the location").format(
                            contact=_contact_text(ContactType(type_), value)
                        )
                    )
                    box.setChecked(True)
                    self.add_to_location.append((box, ContactDraft(ContactType(type_), value)))
        for box, _ in (*self.add_to_customer, *self.add_to_location):
            self.add_contacts_layout.addWidget(box)
        self.add_contacts_box.setVisible(bool(self.add_to_customer or self.add_to_location))

    def _chosen_location(self) -> CandidateLocation | None:
        candidate = self.candidate()
        location_id = self.location.currentData()
        if candidate is None or location_id in (None, NEW_LOCATION):
            return None
        return next((loc for loc in candidate.locations if loc.id == location_id), None)

    # -- the choice ---------------------------------------------------------------------------------
    def problems(self) -> list[str]:
        if self.use_existing.isChecked():
            if self.candidate() is None:
                return [self.tr("Choose the customer in the list, or a new customer.")]
            if self.location.currentData() == NEW_LOCATION:
                found = (
                    [] if self.location_name.text().strip() else [self.tr("The new location needs a name.")]
                )
                return found + self.location_address.problems(self.tr("The location's"))
            return []
        found = [] if self.customer_name.text().strip() else [self.tr("The customer needs a name.")]
        found += self.customer_address.problems(self.tr("The customer's"))
        if not self.customer_location_name.text().strip():
            found.append(self.tr("The location needs a name."))
        return found + self.customer_contacts.problems()

    def _changed(self) -> None:
        show_problem(self.problem, " ".join(self.problems()))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.problems()

    def choice(self) -> CustomerChoice:
        """What the CSR chose (valid when the page is complete)."""
        candidate = self.candidate()
        if self.use_existing.isChecked() and candidate is not None:
            if self.location.currentData() == NEW_LOCATION:
                location = LocationDraft(self.location_name.text().strip(), self.location_address.draft())
                return NewLocationFor(candidate.customer_id, location)
            return ExistingLocation(candidate.customer_id, self.location.currentData())
        address = self.customer_address.draft()
        # A new location's contacts are copied to its customer by the server (API-NOTES): given once.
        location = LocationDraft(
            self.customer_location_name.text().strip(), address, self.customer_contacts.drafts()
        )
        return NewCustomer(
            name=self.customer_name.text().strip(),
            type=CustomerType(self.customer_type.currentData()),  # Qt hands enum data back as str
            address=address,
            location=location,
        )

    def contacts_to_add(self) -> MissingContacts:
        if not self.use_existing.isChecked():
            return MissingContacts()
        customer = tuple(draft for box, draft in self.add_to_customer if box.isChecked())
        location = tuple(draft for box, draft in self.add_to_location if box.isChecked())
        return MissingContacts(customer=customer, location=location)

    def restore(self, choice: CustomerChoice, extra: MissingContacts) -> bool:
        """Put a previous attempt's choice back (a failed accept reopened); False when its customer is
        no longer among the candidates (the CSR then chooses again)."""
        if isinstance(choice, NewCustomer):
            self.use_new.setChecked(True)
            self.customer_name.setText(choice.name)
            self.customer_type.setCurrentIndex(max(0, self.customer_type.findData(choice.type)))
            self.customer_address.set_address(choice.address)
            self.customer_location_name.setText(choice.location.name)
            self.customer_contacts.set_contacts((c.type, c.value) for c in choice.location.contacts)
            return True
        location_id = choice.location_id if isinstance(choice, ExistingLocation) else NEW_LOCATION
        if not self.select_customer(choice.customer_id, location_id):
            return False
        if isinstance(choice, NewLocationFor):
            self.location_name.setText(choice.location.name)
            self.location_address.set_address(choice.location.address)
        wanted = {(c.type, c.value) for c in (*extra.customer, *extra.location)}
        for box, draft in (*self.add_to_customer, *self.add_to_location):
            box.setChecked((draft.type, draft.value) in wanted)
        return True


def _reasons(reasons: tuple[str, ...]) -> list[str]:
    """A match's reasons in the CSR's language (the domain marks them: domain.words)."""
    return [shown("DuplicateReasons", reason) for reason in reasons]

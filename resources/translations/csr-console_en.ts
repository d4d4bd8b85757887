<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AcceptWizard</name>
    <message>
        <source>Searching ServiceTitan for more matches…</source>
        <extracomment>(action id, what the status bar says).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also searched ServiceTitan by phone, email, name and address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ServiceTitan could not be searched ({error}): these are the matches in the cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book a job for {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not complete: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead: {name} ({source})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking: {name} ({source})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customer: {name} ({type})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Address: {address}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Location: {location}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Contacts: {contacts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Existing customer: {customer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  New location: {name}, {address}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Add to the customer: {contacts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Add to the location: {contacts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job: {job_type}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Business unit: {unit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Campaign: {campaign}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Priority: {priority}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Tags: {tags}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Summary: {summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointment: {appointment}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepting {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking a job for {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer chosen before is not among the matches any more: choose again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddressForm</name>
    <message>
        <source>Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apt, suite… (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{whose} address needs a {parts}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{whose} zip must be 5 digits, or ZIP+4 (75006-1234).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ages</name>
    <message>
        <source>under a minute old</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{minutes} min old</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{hours} h old</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Alerts</name>
    <message>
        <source>CSR Console — 1 new booking</source>
        <extracomment>Arrivals closer together than this are one alert. How often the age clocks are checked for bookings turning red. How long a desktop notification stays up. Every alert raised (title, text), shown or not: for the status bar, and without a tray. The number of New bookings changed. The bookings now New, by id; the tray counts them and the red check walks the young ones.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSR Console — {count} new bookings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New booking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} new bookings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest: {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking waiting too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who}: still New after {minutes} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} bookings waiting too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still New past the red age</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Appearance</name>
    <message>
        <source>Follow the system</source>
        <extracomment>(on a light background, on a dark one): each at least 4.5:1 against the palette&apos;s base and window colours (tests/ui/test_appearance.py). The style the platform chose, kept on the application before a forced scheme replaces it.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppointmentPage</name>
    <message>
        <source>Any technician (dispatch assigns)</source>
        <extracomment>(business unit id, job type id, from) -&gt; the windows; the wizard&apos;s way to ask dispatch. Starts a coroutine that ends with the wizard (a task must not outlive the widgets it fills).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{hours} h open · busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{hours} h open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrival windows with room in the coming week, in your local time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer asked for {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preferred time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrival windows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrival window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Another time (entered by hand; dispatch confirms it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrival window start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrival window end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Technician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up open arrival windows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open windows could not be fetched ({error}). Enter the window yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{free} of {total} windows have room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No windows open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The arrival window must end after it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The arrival window is in the past.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an arrival window, or enter another time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>No data for this period</source>
        <extracomment>Colour-blind-safe series colours (Okabe and Ito).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{series} {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{category}: {figures}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BookingSummaryReport</name>
    <message>
        <source>Group the summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web booking summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookings received and what became of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} bookings received</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionCheck</name>
    <message>
        <source>Wrong environment: these credentials were issued for {other}, not {environment}. Choose {other} as the environment.</source>
        <extracomment>One try: the CSR is waiting for an answer, not for the engine&apos;s patient retries.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad credentials: {environment} refused the client id or client secret. Check them, and that they were issued for this environment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing permission: the server refused with 403 — {title}. Add the scope to the app in the ServiceTitan developer portal, or check the tenant id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong environment or app key: a token was issued but the API refused the call ({title}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong environment or URL: {url} has no ServiceTitan API for this tenant (404).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No network: {url} could not be reached ({error}). Check the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tenant&apos;s rate limit is used up right now: try again in a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with an error: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: {environment} issued a token and tenant {tenant} answered.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactsEditor</name>
    <message>
        <source>{value} is not an email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} needs at least 10 digits to be a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CredentialFields</name>
    <message>
        <source>Production</source>
        <extracomment>Environment choices: (label shown, Profile.environment).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom URL (a shared training sandbox)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerPage</name>
    <message>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commercial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same street and zip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same street and zip, one without a unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same street and zip, different unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is this booking for? Customers on file that match it come first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The booking: {name} · {address} · {contacts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lead: {name} · {address} · {contacts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Existing customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matching customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New location&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the booking&apos;s contacts they lack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Existing customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Na&amp;me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why: {reasons}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new location at the booking&apos;s address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add {contact} to the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add {contact} to the location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the customer in the list, or a new customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new location needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The location&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The location needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateRangeBar</name>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <extracomment>The presets as the list names them.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report period</source>
        <extracomment>The dates changed (a preset picked, or a date edited).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First day of the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day of the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Booking details</source>
        <extracomment>Bookings whose contacts were asked for (once per pane: a booking with none stays without).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a booking to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This booking is no longer in the cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts could not be fetched: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source} mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reached us</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the address on OpenStreetMap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This image {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailSections</name>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <extracomment>What a Scheduling Pro customer entered, in the order a CSR reads it (technical fields left out).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTM source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTM medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTM campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Landing page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept booking</source>
        <extracomment>What an outbox action does, as the actions box says it (an unlisted kind: its name, spelled out).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss booking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow up lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add lead note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book job from lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit booking contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reclassify booking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call with the phone app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write with the mail app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduling Pro session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time slot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not attributed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job type {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reclassify…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the booking a real job type and business unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reclassify the job type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First-time client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner&apos;s id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismissed as</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailText</name>
    <message>
        <source>No preferred time — call to schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{seconds} s after it was booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{minutes} min after it was booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{hours} h after it was booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DismissDialog</name>
    <message>
        <source>booking {id}</source>
        <extracomment>(action id, what the undo offer says).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep {name} as a lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a call reason…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the CSR should know later (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep as lead (the booking is dismissed with it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a lead reason…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a campaign…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow up on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This booking is no longer in the cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose why the booking is dismissed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a lead reason or a follow-up date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The follow-up date is in the past.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lead needs a campaign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what the lead is about.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept {name} as a lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismissed {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DismissLeadDialog</name>
    <message>
        <source>Dismiss {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a call reason…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose why the lead is dismissed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismissed {who}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DismissedReport</name>
    <message>
        <source>All sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outside this console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-opened from dismissed booking {id} ({source})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss reason filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismissed by filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-open as lead…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a lead from the selected booking, due for a follow-up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismissed bookings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{shown} of {total} dismissed bookings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not re-open booking {id} as a lead: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-opened {name} as a lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done}: it is in the outbox, due for a follow-up now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DuplicateReasons</name>
    <message>
        <source>same street and zip</source>
        <extracomment>Words that start a unit (&quot;Apt 4B&quot;, &quot;Suite 200&quot;, &quot;# 12&quot;) -&gt; one spelling.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same street and zip, one without a unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same street and zip, different unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same mobile phone</source>
        <extracomment>The reasons, in words the wizard shows (translated there: domain.words).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same fax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same name but for a nickname ({ours} = {theirs})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same name</source>
        <extracomment>Words that are not part of a person&apos;s first or last name. Letters NFKD does not decompose into a base letter and an accent.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the lead&apos;s own customer</source>
        <extracomment>Candidates answered at most: the wizard shows a short list, and a common name must not flood it. Name matches that make a customer a candidate on their own; a shared last name only adds to a candidate found otherwise (a city has hundreds of Smiths). The score of the customer a lead is linked to: not a guess.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>Something went wrong</source>
        <extracomment>The task whose failure means the console no longer syncs (see `csr_console.app`). An error was reported: its one-line summary (tests and the status bar listen).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync engine stopped: {summary}

Bookings no longer update. What you did is kept in the outbox and is sent when the console starts again. Quit and start it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An unexpected error interrupted what the console was doing: {summary}

The console keeps running. The queue and the actions already taken are safe; the last step may need doing again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The details are in the log: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no log file (it could not be created); the details went to the terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 more error since this one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} more errors since this one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExtraDetailsView</name>
    <message>
        <source>Partner&apos;s fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show raw text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The summary exactly as the partner sent it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide raw text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>Follow up {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was said, what comes next (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pin the note to the top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next follow-up must be in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up logged for {who}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>Next row</source>
        <extracomment>Keys the lists handle themselves (they are no menu&apos;s actions): (keys, what they do).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected booking or lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobPage</name>
    <message>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the job is, and which business unit and campaign it belongs to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a job type…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a business unit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a campaign…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job &amp;type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Business unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ta&amp;gs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the job type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the business unit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A job needs a campaign: choose where the customer came from.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobTypeMappingEditor</name>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard job type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job-type mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as the partner writes it, e.g. Repair central air conditioning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job types / business units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How each source&apos;s own name for the work maps to your job types and business units. A booking is prefilled only when its entry names one job type (or one business unit); with several the CSR chooses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each entry needs a source and a standard job type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source}&apos;s &apos;{standard}&apos; is in the mapping twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>job type {id} (not in the cache)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>business unit {id} (not in the cache)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyboardMapDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeadDetailPane</name>
    <message>
        <source>Select a lead to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching notes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <extracomment>Actions whose text belongs with the lead&apos;s notes and follow-ups. States of a queued note that has not reached the server (a done one is among the fetched notes). An action&apos;s state as said at the start of a line (within a sentence: ui.words.state_word).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead detail</source>
        <extracomment>The CSR asked to see the booking the lead was captured from. The notes last fetched per lead, or why they could not be.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This lead is no longer in the cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes could not be fetched: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{actor}, {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No follow-up date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call with the phone app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write with the mail app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the address on OpenStreetMap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No phone, email or address on the lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismissed as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{customer} (#{id})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not linked to a customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking {id} from {source}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show booking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the booking this lead was captured from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captured from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not on the server yet ({state}) — {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinned · {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-ups logged here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ServiceTitan&apos;s API does not list follow-ups: these are the ones logged from this console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next follow-up {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{state} — {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None from this console</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeadDialogs</name>
    <message>
        <source>None</source>
        <extracomment>(action id, what the undo offer says).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This lead is no longer in the cache.</source>
        <extracomment>Fewer digits cannot be a phone number anyone can call back.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lead {id}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeadDueAlert</name>
    <message>
        <source>lead {id}</source>
        <extracomment>How often the day is checked for a change.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 lead follow-up overdue: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 lead follow-up due today: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} lead follow-ups due: {overdue} overdue, {today} today</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeadSourcesReport</name>
    <message>
        <source>No booking-provider tag in the cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} booking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} bookings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source}&apos;s &apos;{job_type}&apos; maps to no job type in the job-type mapping ({bookings}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source}&apos;s &apos;{job_type}&apos; is not in the job-type mapping ({bookings}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every standard job type in {source}&apos;s bookings maps to a job type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookings per day of the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookings per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{sources} sources, {bookings} received in the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source} (active): bookings per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source} (inactive): bookings per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeadsModel</name>
    <message>
        <source>Overdue</source>
        <extracomment>The model&apos;s custom role: the lead id of a lead&apos;s row, whatever the column (None on a group&apos;s row).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{group} ({count})</source>
        <extracomment>A whole list was read and shown (the first one, or after a filter change or midnight). Every read asked for so far has been applied.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign {id}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeadsWidget</name>
    <message>
        <source>All campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All business units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign filter</source>
        <extracomment>Each column&apos;s starting width: the text its usual content needs (the CSR can resize). The lead under the cursor changed: an int, or None when no lead is selected. The CSR asked to see the booking a lead was captured from (its id). &quot;Book job…&quot; (B): the lead&apos;s id, for the accept wizard. An action was queued, held for the CSR&apos;s undo: its id and what the undo offer says.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business unit filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the leads captured from one source&apos;s bookings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search name, phone, email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the open leads by name, phone or email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open leads grouped by when they are due: F follow up, N note, D dismiss, B book a job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{tip} ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log &amp;follow-up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log a follow-up and set the next one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a note to the lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dismiss lead…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss the lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Book job…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book a job from the lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;lead…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a lead by hand</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Training mode — simulated company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New</source>
        <extracomment>Bookings a job can still be booked for.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accepted &amp;&amp; Converted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dismissed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSR Console — training mode</source>
        <extracomment>How long a status-bar message (a refused cancel, a failed task) stays. File › Quit or the window&apos;s close button: the app shuts down (csr_console.app). Secrets the CSR kept for this session only (no keyring): every settings dialog shares them.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSR Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduling Pro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-ups due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookings here come from a simulator: nothing reaches a real ServiceTitan tenant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accept…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dismiss…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture &amp;lead…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;classify job type…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry failed action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;open accept with its entries…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions that failed or met a conflict, and what to do about them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bookings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L&amp;eads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back to queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Booking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This booking is no longer in the cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This lead is no longer in the cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This {kind} is no longer in the cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewLeadDialog</name>
    <message>
        <source>New lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a campaign…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the caller wants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow up on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead &amp;reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pr&amp;iority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Job type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Business unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lead needs a campaign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what the lead is about.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a lead reason or a follow-up date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The follow-up date is in the past.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The phone number is too short.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The email address is not one (name@example.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New lead for {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-open {name} as a lead</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Note on {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pin to the top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note added to {who}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <source>What you do is kept and sent when the connection is back.</source>
        <extracomment>How often the age shown is brought up to date while offline.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — no bookings have been synced yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — showing bookings as of {time} ({age}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 action waiting to be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} actions waiting to be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 needs your attention (View › Problems).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} need your attention (View › Problems).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutboxMessages</name>
    <message>
        <source>Booking {booking} was already converted to job #{job} by someone else.</source>
        <extracomment>What closed a booking or a lead, as the queue, the lead list and the Problems list say it (translated there: domain.words).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking {booking} was already converted by someone else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking {booking} was already dismissed by someone else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking {booking} is {status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead {lead} was already converted to a job by someone else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead {lead} was already dismissed by someone else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead {lead} is {status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{target} {id} already has a {state} {holder} (action {action}): cancel it before queuing a {kind}</source>
        <extracomment>What the queue says when it refuses (marked for the catalog: domain.words; the UI translates them).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only a failed action can be retried; this one is {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a {state} action cannot be cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its last request may have reached ServiceTitan: it can be cancelled once that is known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no action {action} in the outbox</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>Accept booking</source>
        <extracomment>What was attempted, in the CSR&apos;s words.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss booking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book job from lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reclassify job type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <extracomment>The actions the wizard can reopen with their entries.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problems: every action was sent, or is waiting to be.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry with changes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <source>Problems</source>
        <extracomment>Cancel this action (Discard). This action&apos;s booking, as a new lead (action id, booking id); the action is discarded once queued. Retry this action: in the wizard with its entries (accepts), or as it is (other failed actions).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions that failed or met a conflict; the buttons below resolve the selected one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the action: nothing more is sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen as &amp;lead…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a lead from the booking instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry with changes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry with changes…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Profiles</name>
    <message>
        <source>profile &apos;{name}&apos;: unknown environment &apos;{environment}&apos;</source>
        <extracomment>What ProfileError says (marked for the catalog: domain.words).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile &apos;{name}&apos;: only https:// is allowed for a server off this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the profiles in {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} holds a profile this version cannot read: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the secret could not be stored in the system keyring ({error})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no ServiceTitan profile named &apos;{name}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system keyring cannot be read ({error})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile &apos;{name}&apos; has no client secret in the system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path}: not a csr-sandbox JSON line ({error})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueCells</name>
    <message>
        <source>no preferred time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown — reclassify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days}d {hours}h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{hours}h {minutes:02d}m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{minutes}m {seconds:02d}s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{seconds}s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job type {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{state} ×{count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converted to job {number}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueColumns</name>
    <message>
        <source>Age</source>
        <extracomment>The model&apos;s custom role: the booking id of a row, whatever the column. The index loads this long after the model is made: the first page paints first, undisturbed. The GUI thread&apos;s time for applying changes before it lets the event loop run again. A change of this many bookings at once (a sync&apos;s page) is a bulk change: only the bookings the rows shown need are read, and the index is loaded anew once such changes stop for REINDEX_AFTER_MS.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City / zip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbox / job</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Arrived {time}</source>
        <extracomment>The columns the query can sort by; the others keep the current order. Only a booking still waiting for an answer ages; an answered one&apos;s age is history. The in-memory index is loaded: filters and sorts run in Python from now on. Every change notification received so far has been applied.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source sent no usable job type: pick one before accepting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueViews</name>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted / Converted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueWidget</name>
    <message>
        <source>Queue views</source>
        <extracomment>The booking under the cursor changed: an int, or None when nothing is selected. The CSR opened a booking (Enter or double-click). The view shown changed (a tab, or `set_view`): a QueueView.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the bookings of one source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search name, phone, email, address  ( / )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search bookings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters the queue by name, phone, email or address; Esc or Enter goes back to the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>J and K move, Enter opens the booking, / searches</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReclassifyDialog</name>
    <message>
        <source>booking {id}</source>
        <extracomment>The id of the ReclassifyBooking put in the outbox (after the dialog closed with OK).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reclassify {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a job type…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a business unit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Job type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Business unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This booking is no longer in the cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>business unit {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no business unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the job type the customer needs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No active business unit books this job type: choose another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the business unit that books it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportColumns</name>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversion rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmapped job types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted/converted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captured as leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Median (p50)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p90</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Within 5 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Within 15 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breakdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hour received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismissed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismissed at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduler</source>
        <extracomment>The last milestone of a session that booked (the performance endpoint&apos;s `booked`).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unfinished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome as sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTM source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTM medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTM campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Landing page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>Dismissed bookings</source>
        <extracomment>A booking to re-open as a lead has no campaign (its id): the main window opens the lead form. A lead was enqueued from a booking: (action id, what happened), for the status bar&apos;s undo offer.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be computed (see the log).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute the report again from the cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export {title}</source>
        <extracomment>Where a report puts its own widgets.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting to {file}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported {count} rows to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write {path}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduling Pro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed to lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web booking summary</source>
        <extracomment>The counts the chart draws, one bar each per source or campaign.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsWidget</name>
    <message>
        <source>Reports</source>
        <extracomment>DismissedReport&apos;s: a booking to re-open as a lead has no campaign (its id), open the lead form. DismissedReport&apos;s: a lead was enqueued from a booking (action id, text for the undo offer).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismissed bookings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web booking summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed to lead</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish creates this in ServiceTitan through the outbox, exactly once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What Finish creates</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SchedulingProReport</name>
    <message>
        <source>Offline: performance needs the network; sessions below are from the cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching performance from ServiceTitan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Scheduling Pro scheduler in the cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <extracomment>`milestoneFrequencyCount`&apos;s fields in the order a visitor passes them, then the sessions abandoned (the labels are translated where shown).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zip code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} booking</source>
        <extracomment>What `_plural` counts: (one, several).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} bookings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} leads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} scheduler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} schedulers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completion rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{sessions} of sessions, {opened} of opened sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts captured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookings created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abandoned, sent on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovered from abandoned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedulers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions of the scheduler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Performance (from ServiceTitan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions reaching each milestone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{schedulers}, {sessions} in the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions of {name} ({count}, from the cache)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Performance of {name} (from ServiceTitan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Performance could not be fetched: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source> (this session only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <extracomment>A profile was saved: its name, and whether its secret is in the keyring (False: this session only). A connection test ended: success, and the message shown.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings sections</source>
        <extracomment>Secrets kept for this session only; the app passes its own so connections can use them. The cache the job-type mapping is kept in (None: no console behind the dialog, no mapping tab).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue and alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job-type mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the secret for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play a sound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a desktop notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert also while the console has the focus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age turns amber at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age turns red at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poll every (window active)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poll every (idle)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When a booking arrives or turns red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light or dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cache could not be written ({error}); try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job-type mapping was not saved: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged (kept safe; type to replace it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client secrets are kept in the system keyring ({keyring}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keyring ({keyring}) refused the client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keyring is available on this computer, so the client secret cannot be saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{problem}. You can keep it for this session only: it stays in memory and is forgotten when the console quits (the profile too). Nothing is written to disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tenant id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>app key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {error}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {name}; its secret is in the keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the client secret to keep for this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} and its secret are kept for this session only (in memory).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the client secret: a new profile needs one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing {url} …</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SourceFilter</name>
    <message>
        <source>All sources</source>
        <extracomment>Typing pauses shorter than this are one search: the query runs once the CSR stops typing.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source filter</source>
        <extracomment>Each column&apos;s starting width: the text its usual content needs (the CSR can resize). The queue&apos;s vi-style moves, as the arrow keys they stand for.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpeedToLeadReport</name>
    <message>
        <source>Median {p50} · p90 {p90} · within 5 min {within_5} · within 15 min {within_15}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overall speed to lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Break speed to lead down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By hour received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By CSR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed to lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time to first answer (bookings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bookings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{answered} of {received} bookings received were answered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>CSR Console could not start</source>
        <extracomment>How long the engine gets to finish the requests in flight once asked to stop.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSR Console could not start:

{reason}

Nothing was changed. It will close now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Connecting…</source>
        <extracomment>How often the ages shown are brought up to date without any change arriving.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — nothing synced yet ({error})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>showing the cache from {time} ({age})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting… {cache}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — {cache}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · synced {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>some calls fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Degraded — {error}{since}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online · synced {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to list the failed and conflicting actions (View › Problems)</source>
        <extracomment>The outbox&apos;s counts were clicked: the CSR wants the list of failed and conflicting actions.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery lag: from a booking&apos;s creation to its arrival in this console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbox: {counts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag {seconds:.1f} s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThumbnailLoader</name>
    <message>
        <source>could not be downloaded ({error})</source>
        <extracomment>The longest side of a thumbnail, in pixels. An upload bigger than this is not a photo we want to decode on a CSR&apos;s machine. Downloads at once: a booking has a few images, and the sync engine shares the machine&apos;s connection. (url, QImage): the thumbnail is ready. (url, reason): show a placeholder.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not be shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a web address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the partner&apos;s server answered {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too large to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UndoNotice</name>
    <message>
        <source>Undo</source>
        <extracomment>How long a dismissal or a captured lead waits in the outbox before it is sent. The action id, once cancelled.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too late to undo: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo ({seconds} s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to CSR Console</source>
        <extracomment>`choice` when the CSR chose training mode. A connection test ended (Test connection or Connect): success, and the message shown.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSR Console shows the bookings that arrive online the moment they land, and turns them into jobs, leads or dismissals. Start with training mode to try it on a simulated company, or connect it to your ServiceTitan tenant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try training mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A simulated company with its customers, technicians and a steady stream of bookings from every source. Nothing you do reaches ServiceTitan. You can connect later from File › Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start training mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to ServiceTitan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client secret is kept in the system keyring ({name}), never in a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no keyring: the secret can be used for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tenant id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>app key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the base URL of the shared sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing {address} …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection works, but the secret could not be kept in the keyring: {why}. Connect for this session only, and save the profile later in File › Settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile</source>
        <extracomment>In the order a contacts editor offers them.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pending</source>
        <extracomment>An outbox action&apos;s state, as said within a sentence.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

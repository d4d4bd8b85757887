"""The seeded company's reference data as plain specs: business units (trade × class), job types with the
business units that may book them and what customers write about them, campaigns, call reasons, tag types
and Scheduling Pro schedulers. ``company.py`` turns them into records through the owning modules."""

from __future__ import annotations

from dataclasses import dataclass

COMPANY_NAME = "Bluebonnet Home Services"
COMPANY_PHONE = "(972) 555-0100"
COMPANY_ADDRESS = {"street": "2400 Midway Rd", "unit": "Suite 120", "city": "Carrollton", "zip": "75006"}

TRADES = ("HVAC", "Plumbing", "Electrical")
CLASSES = ("Service", "Install", "Maintenance")


def unit_name(trade: str, job_class: str) -> str:
    return f"{trade} {job_class}"


@dataclass(frozen=True)
class JobTypeSpec:
    """A job type; ``units`` are "Trade Class" business-unit names, ``task`` how partners phrase the work,
    ``asks`` what customers type about it (the booking summary's free text)."""

    name: str
    trade: str | None
    units: tuple[str, ...]
    task: str
    asks: tuple[str, ...]
    duration_h: float = 2.0
    priority: str = "Normal"
    skills: tuple[str, ...] = ()
    ticket: tuple[int, int] = (150, 650)  # typical invoice total range, dollars


def _all(job_class: str) -> tuple[str, ...]:
    return tuple(unit_name(t, job_class) for t in TRADES)


JOB_TYPES: tuple[JobTypeSpec, ...] = (
    JobTypeSpec(
        "AC Repair", "HVAC", ("HVAC Service",), "Repair central air conditioning",
        ("AC is blowing warm air", "Air conditioner making a loud buzzing noise outside",
         "AC runs all day but house won't go below 80", "Ice on the copper line by the outdoor unit",
         "Upstairs unit not cooling at all, downstairs ok"),
        priority="High", skills=("Refrigerant",), ticket=(180, 1400),
    ),
    JobTypeSpec(
        "No Cool", "HVAC", ("HVAC Service",), "AC not cooling",
        ("No cool!! House is 86 degrees", "Thermostat says cooling but nothing comes out of the vents",
         "AC stopped working last night, we have a newborn"),
        priority="Urgent", ticket=(150, 1200),
    ),
    JobTypeSpec(
        "Furnace Repair", "HVAC", ("HVAC Service",), "Repair furnace",
        ("Furnace clicks but no flame", "Burning smell when the heat comes on", "Furnace short cycling"),
        priority="High", ticket=(150, 900),
    ),
    JobTypeSpec(
        "No Heat", "HVAC", ("HVAC Service",), "Heating not working",
        ("No heat, it's 58 inside", "Heat pump blowing cold air in heat mode"),
        priority="Urgent", ticket=(150, 1100),
    ),
    JobTypeSpec(
        "Heat Pump Repair", "HVAC", ("HVAC Service",), "Repair heat pump",
        ("Heat pump outdoor unit iced over", "Heat pump won't switch to cooling"),
        ticket=(200, 1500),
    ),
    JobTypeSpec(
        "AC Tune-Up", "HVAC", ("HVAC Maintenance", "HVAC Service"), "AC maintenance",
        ("Spring tune-up please", "Annual AC check before summer", "Want the AC cleaned and checked"),
        duration_h=1.5, priority="Low", ticket=(89, 189),
    ),
    JobTypeSpec(
        "Furnace Tune-Up", "HVAC", ("HVAC Maintenance", "HVAC Service"), "Furnace maintenance",
        ("Fall furnace inspection", "Safety check on gas furnace"),
        duration_h=1.5, priority="Low", ticket=(89, 189),
    ),
    JobTypeSpec(
        "Duct Cleaning", "HVAC", ("HVAC Maintenance",), "Clean air ducts",
        ("Dusty vents, want the ducts cleaned", "Moved into older house, ducts need cleaning"),
        duration_h=3, priority="Low", ticket=(300, 700),
    ),
    JobTypeSpec(
        "System Replacement Estimate", "HVAC", ("HVAC Install",), "Replace HVAC system",
        ("System is 20 years old, want a quote for a new one", "Looking at replacing AC and furnace",
         "Second opinion on a replacement quote"),
        duration_h=1.5, ticket=(0, 0),
    ),
    JobTypeSpec(
        "New AC Install", "HVAC", ("HVAC Install",), "Install central air conditioning",
        ("Need new AC installed", "Adding AC to the garage apartment"),
        duration_h=8, ticket=(5200, 14500),
    ),
    JobTypeSpec(
        "Ductless Mini-Split Install", "HVAC", ("HVAC Install",), "Install ductless mini-split",
        ("Mini split for the sunroom", "Want a ductless unit in the converted garage"),
        duration_h=6, ticket=(3200, 7800),
    ),
    JobTypeSpec(
        "Thermostat Install", "HVAC", ("HVAC Service", "HVAC Install", "Electrical Service"),
        "Install smart thermostat",
        ("Install a Nest thermostat I already bought", "Ecobee install, need C-wire"),
        duration_h=1, priority="Low", ticket=(120, 380),
    ),
    JobTypeSpec(
        "Indoor Air Quality Consultation", "HVAC", ("HVAC Service", "HVAC Install"),
        "Improve indoor air quality",
        ("Allergies are terrible, interested in air purifier", "Humidity too high inside"),
        duration_h=1, priority="Low", ticket=(0, 2400),
    ),
    JobTypeSpec(
        "Drain Cleaning", "Plumbing", ("Plumbing Service",), "Unclog drain",
        ("Kitchen sink backed up", "Shower drains super slow", "Main line clog, toilets gurgling"),
        duration_h=1.5, priority="High", ticket=(150, 650),
    ),
    JobTypeSpec(
        "Leak Repair", "Plumbing", ("Plumbing Service",), "Fix leaking pipe",
        ("Water leaking under kitchen sink", "Leak in the ceiling below the bathroom",
         "Slab leak? Hot spot on the floor & water bill doubled"),
        priority="High", ticket=(180, 2200),
    ),
    JobTypeSpec(
        "Water Heater Repair", "Plumbing", ("Plumbing Service",), "Repair water heater",
        ("No hot water", "Water heater pilot keeps going out", "Water heater making popping sounds"),
        priority="High", ticket=(150, 700),
    ),
    JobTypeSpec(
        "Water Heater Replacement", "Plumbing", ("Plumbing Install", "Plumbing Service"),
        "Replace tank water heater",
        ("Water heater leaking from the bottom, needs replacing", "Replace 50 gal gas water heater"),
        duration_h=4, priority="High", ticket=(1600, 3400),
    ),
    JobTypeSpec(
        "Tankless Water Heater Install", "Plumbing", ("Plumbing Install",), "Install tankless water heater",
        ("Want to switch to tankless", "Quote for Navien tankless install"),
        duration_h=6, ticket=(3500, 6200),
    ),
    JobTypeSpec(
        "Toilet Repair", "Plumbing", ("Plumbing Service",), "Repair toilet",
        ("Toilet runs constantly", "Toilet rocking and leaking at the base"),
        duration_h=1, priority="Low", ticket=(120, 450),
    ),
    JobTypeSpec(
        "Sewer Line Inspection", "Plumbing", ("Plumbing Service", "Plumbing Maintenance"),
        "Sewer camera inspection",
        ("Buying a house, need sewer scope", "Roots in the sewer line again?"),
        duration_h=1.5, ticket=(199, 399),
    ),
    JobTypeSpec(
        "Water Softener Install", "Plumbing", ("Plumbing Install",), "Install water softener",
        ("Hard water spots everywhere, want a softener",),
        duration_h=4, priority="Low", ticket=(1400, 3200),
    ),
    JobTypeSpec(
        "Plumbing Maintenance Visit", "Plumbing", ("Plumbing Maintenance",), "Plumbing inspection",
        ("Annual plumbing check", "Flush water heater and check for leaks"),
        duration_h=1.5, priority="Low", ticket=(89, 199),
    ),
    JobTypeSpec(
        "Electrical Troubleshooting", "Electrical", ("Electrical Service",), "Diagnose electrical problem",
        ("Half the outlets in the living room are dead", "Breaker keeps tripping",
         "Lights flicker when AC kicks on"),
        priority="High", ticket=(150, 900),
    ),
    JobTypeSpec(
        "Outlet / Switch Repair", "Electrical", ("Electrical Service",), "Repair outlets or switches",
        ("Outlet sparked and now dead", "Replace 6 outlets with USB outlets"),
        duration_h=1, priority="Low", ticket=(120, 480),
    ),
    JobTypeSpec(
        "Ceiling Fan Install", "Electrical", ("Electrical Service", "Electrical Install"),
        "Install ceiling fan",
        ("Install 3 ceiling fans (I have the fans)", "Replace light fixture with ceiling fan"),
        duration_h=2, priority="Low", ticket=(180, 650),
    ),
    JobTypeSpec(
        "Panel Upgrade", "Electrical", ("Electrical Install",), "Upgrade electrical panel",
        ("Old Federal Pacific panel, insurance says replace", "Need 200 amp service for addition"),
        duration_h=8, ticket=(2400, 5200),
    ),
    JobTypeSpec(
        "EV Charger Install", "Electrical", ("Electrical Install",), "Install EV charger",
        ("Install Tesla wall connector in garage", "Level 2 charger for new EV"),
        duration_h=4, ticket=(900, 2600),
    ),
    JobTypeSpec(
        "Generator Install", "Electrical", ("Electrical Install",), "Install standby generator",
        ("Quote for Generac whole-home generator", "After the freeze we want a generator"),
        duration_h=8, ticket=(6500, 14000),
    ),
    JobTypeSpec(
        "Whole-Home Surge Protection", "Electrical", ("Electrical Install", "Electrical Service"),
        "Install surge protector",
        ("Lightning fried the TV, want surge protection",),
        duration_h=1.5, priority="Low", ticket=(350, 750),
    ),
    JobTypeSpec(
        "Smart Home Device Install", "Electrical", ("Electrical Service", "Electrical Install"),
        "Install smart home devices",
        ("Install video doorbell and smart switches", "Smart locks and cameras install"),
        duration_h=2, priority="Low", ticket=(150, 800),
    ),
    JobTypeSpec(
        "Electrical Safety Inspection", "Electrical", ("Electrical Maintenance",), "Electrical inspection",
        ("Home inspection flagged wiring, want it checked",),
        duration_h=1.5, priority="Low", ticket=(99, 249),
    ),
    JobTypeSpec(
        "Membership Maintenance Visit", None, _all("Maintenance"), "Maintenance plan visit",
        ("Membership visit due", "Scheduling my comfort club tune-up"),
        duration_h=1.5, priority="Low", ticket=(0, 120),
    ),
    JobTypeSpec(
        "Unknown", None, (*_all("Service"), *_all("Install"), *_all("Maintenance")), "Other",
        ("Please call me", "Need someone to look at something",
         "Not sure what's wrong, can someone come out?"),
        duration_h=1, ticket=(0, 300),
    ),
)  # fmt: skip

JOB_TYPE_NAMES: tuple[str, ...] = tuple(j.name for j in JOB_TYPES)
JOB_TYPES_BY_NAME: dict[str, JobTypeSpec] = {j.name: j for j in JOB_TYPES}

# Campaigns besides one per partner source (named after the source's tag): (name, category, medium).
OWN_CAMPAIGNS: tuple[tuple[str, str, str], ...] = (
    ("Web", "Online", "Website"),
    ("Google Ads", "Online", "Paid search"),
    ("Google LSA", "Online", "Local Services Ads"),
    ("Referral", "Word of mouth", "Referral"),
    ("Yard Sign", "Offline", "Signage"),
    ("Repeat Customer", "Existing customers", "Direct"),
)
PARTNER_CATEGORY = "Lead partners"
DEFAULT_CAMPAIGN = "Web"

# (name, isLead): the reasons a booking is dismissed or a call ends without a job.
CALL_REASONS: tuple[tuple[str, bool], ...] = (
    ("Price shopping — follow up", True),
    ("Wants a quote later", True),
    ("Seasonal — call back", True),
    ("Waiting on landlord approval", True),
    ("Duplicate booking", False),
    ("Outside service area", False),
    ("Spam / test", False),
    ("Customer cancelled", False),
    ("Booked by phone already", False),
    ("Could not reach customer", False),
)


@dataclass(frozen=True)
class TagTypeSpec:
    """A tag type the CSR can put on a job; ``importance`` is None, "Medium" or "High"."""

    name: str
    code: str
    color: str
    importance: str | None = None
    is_conversion_opportunity: bool = False
    active: bool = True


TAG_TYPES: tuple[TagTypeSpec, ...] = (
    TagTypeSpec("VIP", "VIP", "#C9A227", importance="High"),
    TagTypeSpec("Warranty", "WARRANTY", "#2E7D32", importance="Medium"),
    TagTypeSpec("Membership", "MEMBER", "#1565C0", importance="Medium"),
    TagTypeSpec("Second request", "2ND-REQ", "#C62828", importance="High"),
    TagTypeSpec("Rental property", "RENTAL", "#6D4C41"),
    TagTypeSpec("Senior discount", "SENIOR", "#7B1FA2"),
    TagTypeSpec("Spanish speaker", "ESPANOL", "#00838F"),
    TagTypeSpec("Pets on site", "PETS", "#EF6C00"),
    TagTypeSpec("Replacement opportunity", "REPLACE", "#F9A825", is_conversion_opportunity=True),
    # Retired: old jobs keep it, new ones are not offered it.
    TagTypeSpec("Mask required", "MASK", "#9E9E9E", active=False),
)

# Scheduling Pro schedulers: (name, the trade it books, the company's campaign behind its traffic).
SCHEDULERS: tuple[tuple[str, str | None, str], ...] = (
    ("Website scheduler", None, "Web"),
    ("Google Business Profile", None, "Google LSA"),
    ("HVAC landing pages", "HVAC", "Google Ads"),
)

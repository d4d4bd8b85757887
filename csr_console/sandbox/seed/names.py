"""People and places of the seeded company's market, Dallas–Fort Worth: first names with their nicknames,
family names (some with accents, apostrophes, hyphens), businesses, streets and the cities' zips.

Plain data plus a few pickers; every choice goes through the caller's ``random.Random`` so a seed number
always yields the same people.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from csr_console.domain.names import fold

STATE = "TX"
COUNTRY = "USA"
TIME_ZONE = "America/Chicago"
try:
    ZONE: tzinfo = ZoneInfo(TIME_ZONE)
except ZoneInfoNotFoundError:  # no zone database (Windows without tzdata): Central Standard Time
    ZONE = timezone(timedelta(hours=-6), "CST")
AREA_CODES = ("214", "469", "972", "945", "817", "682")

# Given name → the short forms people use on web forms (the duplicate variations draw on them).
NICKNAMES: dict[str, tuple[str, ...]] = {
    "Robert": ("Bob", "Rob", "Bobby"),
    "William": ("Bill", "Will", "Billy"),
    "Elizabeth": ("Liz", "Beth", "Betsy"),
    "Katherine": ("Kate", "Katie", "Kathy"),
    "Michael": ("Mike",),
    "James": ("Jim", "Jimmy"),
    "Jennifer": ("Jen", "Jenny"),
    "Richard": ("Rick", "Rich"),
    "Thomas": ("Tom", "Tommy"),
    "Christopher": ("Chris",),
    "Daniel": ("Dan", "Danny"),
    "Margaret": ("Maggie", "Peggy"),
    "Jonathan": ("Jon",),
    "Joseph": ("Joe",),
    "Anthony": ("Tony",),
    "Patricia": ("Pat", "Trish"),
    "Deborah": ("Deb", "Debbie"),
    "Samantha": ("Sam",),
    "Alexander": ("Alex",),
    "Nicholas": ("Nick",),
    "Steven": ("Steve",),
    "Matthew": ("Matt",),
    "Andrew": ("Andy", "Drew"),
    "Benjamin": ("Ben",),
    "Rebecca": ("Becky",),
    "Susan": ("Sue", "Suzy"),
    "Edward": ("Ed", "Ted"),
    "Charles": ("Charlie", "Chuck"),
    "Victoria": ("Vicky", "Tori"),
    "Jessica": ("Jess",),
    "Gregory": ("Greg",),
    "Timothy": ("Tim",),
    "Kimberly": ("Kim",),
    "Donald": ("Don",),
    "Ronald": ("Ron",),
    "Cynthia": ("Cindy",),
    "Francisco": ("Paco", "Frank"),
    "Guillermo": ("Memo", "Will"),
    "Alejandro": ("Alex",),
}

FIRST_NAMES: tuple[str, ...] = (
    *NICKNAMES,
    "Mary", "Linda", "Barbara", "Sarah", "Karen", "Nancy", "Lisa", "Ashley", "Emily", "Amanda",
    "Melissa", "Stephanie", "Laura", "Amy", "Angela", "Brenda", "Nicole", "Heather", "Rachel", "Megan",
    "David", "John", "Mark", "Paul", "Kevin", "Brian", "George", "Ryan", "Eric", "Jacob", "Gary",
    "Jason", "Scott", "Brandon", "Tyler", "Aaron", "Kyle", "Justin", "Travis", "Cody", "Dustin",
    "Carlos", "Luis", "Juan", "Miguel", "Jorge", "Ana", "Lucía", "Sofía", "Valentina", "Ximena",
    "Priya", "Rahul", "Anjali", "Wei", "Mei", "Hiroshi", "Yuki", "Aisha", "Omar", "Fatima",
    "Zoë", "Chloé", "Renée", "André", "Noël", "Seán", "Siobhán", "Björn", "Søren", "Jürgen",
    "Łukasz", "Ayşe", "Émilie", "Inés", "Ramón", "Jesús", "José", "María", "Nuño", "Dolores",
    "Tamika", "DeShawn", "LaToya", "Jamal", "Keisha", "Darnell", "Imani", "Malik",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
    "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker",
    "Hall", "Allen", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson",
    "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Parker", "Collins",
    "Edwards", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Reed",
    "Garcia", "Martinez", "Rodriguez", "Hernandez", "Lopez", "Gonzalez", "Perez", "Sanchez", "Ramirez",
    "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Muñoz", "Peña", "Ibáñez", "Castañeda", "Núñez",
    "O'Brien", "O'Connor", "D'Angelo", "McDonald", "MacKenzie", "Smith-Jones", "Vance-Whitaker",
    "van der Berg", "De La Cruz", "St. Clair", "Patel", "Shah", "Reddy", "Chen", "Wang", "Li", "Kim",
    "Park", "Tanaka", "Nakamura", "Müller", "Schröder", "Lefèvre", "Dvořák", "Wójcik", "Ångström",
    "Yılmaz", "Okafor", "Adeyemi", "Haddad", "Nasser",
)  # fmt: skip

# Names written family name first, kept whole (Vietnamese naming), for a realistic share of DFW.
WHOLE_NAMES: tuple[str, ...] = (
    "Nguyễn Văn An",
    "Trần Thị Mai",
    "Lê Hoàng Minh",
    "Phạm Thị Lan",
    "Đặng Quốc Bảo",
    "Võ Thanh Hương",
)

BUSINESS_NAMES: tuple[str, ...] = (
    "Lone Star Dental Group", "Brookhaven Apartments", "Café Olé Tex-Mex", "Smith & Sons Hardware",
    "St. Mark's Episcopal Church", "Oak Lawn Veterinary Clinic", "Trinity Title Co.", "Bluebonnet Daycare",
    "Pecan Grove HOA", "Deep Ellum Brewing Supply", "Frisco Family Chiropractic", "Legacy West Salon & Spa",
    "Plano Montessori Academy", "Big D Auto Glass", "Cedar Springs Laundromat", "Mesquite Storage Center",
    "Uptown Yoga Collective", "Richardson Tire & Lube", "Addison Pho House", "Garland Self Storage",
    "Irving Print & Copy", "Carrollton Pediatrics", "Preston Hollow Realty", "Bishop Arts Bakery",
    "McKinney Feed & Seed", "Allen Premium Outlets – Suite 410", "Lakewood Animal Hospital",
    "Rowlett Marina Office", "Keller Williams – Frisco", "Dallas Café Dolce",
)  # fmt: skip

# The company's own people: technicians' names are plain so dispatch boards read easily.
TECHNICIAN_NAMES: tuple[str, ...] = (
    "Mike Alvarez", "Dave Kowalski", "Luis Ortega", "Tony Nguyen", "Brandon Hayes", "Kevin O'Neal",
    "Marcus Reed", "Jake Whitfield", "Ryan Castillo", "Chris Bauer", "Sergio Medina", "Tyler Brooks",
    "Andre Washington", "Cody Pruitt", "Ben Harlan", "Jorge Salinas", "Eli Duncan", "Nate Sorensen",
    "Omar Farouk", "Sam Whitaker", "Derek Lam", "Trey Holloway", "Victor Chávez", "Grant Meyers",
    "Hector Ruiz", "Paul Lindqvist", "Jason Tran", "Dylan Foster", "Ruben Ibarra", "Isaac Moody",
    "Wes Calloway", "Aaron Pike", "Felipe Rocha", "Jared Eaton", "Kyle Nash", "Manny Delgado",
    "Shawn Mercer", "Curtis Bell", "Travis Lang", "Lance Hooper",
)  # fmt: skip

# Street name → suffix (abbreviated as postal addresses write it).
STREETS: tuple[tuple[str, str], ...] = (
    ("Oak Lawn", "Ave"), ("Preston", "Rd"), ("Belt Line", "Rd"), ("Maple", "Ave"), ("Elm", "St"),
    ("Greenville", "Ave"), ("Mockingbird", "Ln"), ("Lovers", "Ln"), ("Forest", "Ln"), ("Coit", "Rd"),
    ("Custer", "Pkwy"), ("Spring Creek", "Pkwy"), ("Legacy", "Dr"), ("Park", "Blvd"),
    ("Independence", "Pkwy"),
    ("Alma", "Dr"), ("Jupiter", "Rd"), ("Campbell", "Rd"), ("Arapaho", "Rd"), ("Renner", "Rd"),
    ("Hillcrest", "Rd"), ("Abrams", "Rd"), ("Skillman", "St"), ("Walnut Hill", "Ln"), ("Royal", "Ln"),
    ("Marsh", "Ln"), ("Midway", "Rd"), ("Josey", "Ln"), ("Frankford", "Rd"), ("Trinity Mills", "Rd"),
    ("Hebron", "Pkwy"), ("Eldorado", "Pkwy"), ("Virginia", "Pkwy"), ("Stacy", "Rd"), ("Bethany", "Dr"),
    ("Cottonwood Creek", "Trl"), ("Bluebonnet", "Dr"), ("Magnolia", "Ct"), ("Pecan Hollow", "Dr"),
    ("Live Oak", "St"), ("Mesquite", "Trl"), ("Cedar Springs", "Rd"), ("Sunnyvale", "Cir"),
    ("Willow Bend", "Dr"), ("Ranch", "Trl"), ("Rosemeade", "Pkwy"), ("Swiss", "Ave"), ("Gaston", "Ave"),
    ("Bryan", "St"), ("Ross", "Ave"), ("Lemmon", "Ave"), ("McKinney", "Ave"), ("Cole", "Ave"),
)  # fmt: skip

# Postal abbreviation ↔ the word people type.
SUFFIX_WORDS: dict[str, str] = {
    "St": "Street",
    "Rd": "Road",
    "Ave": "Avenue",
    "Ln": "Lane",
    "Dr": "Drive",
    "Pkwy": "Parkway",
    "Blvd": "Boulevard",
    "Ct": "Court",
    "Trl": "Trail",
    "Cir": "Circle",
}
DIRECTIONS = ("N", "S", "E", "W")

# City → its zips; all in the company's service area.
CITIES: dict[str, tuple[str, ...]] = {
    "Dallas": ("75204", "75206", "75214", "75218", "75228", "75230", "75243"),
    "Plano": ("75023", "75024", "75025", "75074", "75075", "75093"),
    "Richardson": ("75080", "75081", "75082"),
    "Garland": ("75040", "75041", "75043", "75044"),
    "Irving": ("75038", "75039", "75060", "75061", "75062"),
    "Frisco": ("75033", "75034", "75035"),
    "McKinney": ("75069", "75070", "75071"),
    "Allen": ("75002", "75013"),
    "Carrollton": ("75006", "75007", "75010"),
    "Mesquite": ("75149", "75150"),
    "Rowlett": ("75088", "75089"),
    "Addison": ("75001",),
    "Lewisville": ("75057", "75067"),
    "Arlington": ("76010", "76012", "76016"),
}
CITY_NAMES: tuple[str, ...] = tuple(CITIES)
# Outside the service area: what "Outside service area" dismissals are about.
FAR_CITIES: tuple[tuple[str, str], ...] = (
    ("Denton", "76201"),
    ("Waxahachie", "75165"),
    ("Weatherford", "76086"),
)

EMAIL_DOMAINS = (
    "gmail.com",
    "yahoo.com",
    "outlook.com",
    "icloud.com",
    "hotmail.com",
    "att.net",
    "sbcglobal.net",
)


@dataclass(frozen=True)
class Person:
    """A residential customer's name in parts; ``whole`` names are written family name first."""

    first: str
    last: str
    whole: str | None = None

    @property
    def full(self) -> str:
        return self.whole or f"{self.first} {self.last}"


def person(rng: random.Random) -> Person:
    if rng.random() < 0.03:
        whole = rng.choice(WHOLE_NAMES)
        family, _, given = whole.partition(" ")
        return Person(given.split()[-1], family, whole)
    return Person(rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))


def business(rng: random.Random) -> str:
    return rng.choice(BUSINESS_NAMES)


@dataclass(frozen=True)
class Address:
    """A postal address as the CRM keeps it, in parts so variations can respell it."""

    number: int
    direction: str | None
    street_name: str
    suffix: str
    unit: str | None
    city: str
    zip: str

    @property
    def street(self) -> str:
        direction = f"{self.direction} " if self.direction else ""
        return f"{self.number} {direction}{self.street_name} {self.suffix}"

    def api(self) -> dict[str, str | None]:
        return {
            "street": self.street,
            "unit": self.unit,
            "city": self.city,
            "state": STATE,
            "zip": self.zip,
            "country": COUNTRY,
        }


def address(rng: random.Random, *, commercial: bool = False) -> Address:
    street_name, suffix = rng.choice(STREETS)
    city = rng.choice(CITY_NAMES)
    unit = None
    roll = rng.random()
    if commercial and roll < 0.5:
        unit = f"Suite {rng.randint(1, 9)}{rng.randint(0, 9)}0"
    elif not commercial and roll < 0.18:
        unit = rng.choice(
            (f"Apt {rng.randint(101, 1450)}", f"Unit {rng.choice('ABCDEF')}", f"#{rng.randint(1, 40)}")
        )
    return Address(
        number=rng.randint(100, 9999),
        direction=rng.choice(DIRECTIONS) if rng.random() < 0.12 else None,
        street_name=street_name,
        suffix=suffix,
        unit=unit,
        city=city,
        zip=rng.choice(CITIES[city]),
    )


def far_address(rng: random.Random) -> Address:
    """An address outside the service area."""
    street_name, suffix = rng.choice(STREETS)
    city, zip_code = rng.choice(FAR_CITIES)
    return Address(rng.randint(100, 9999), None, street_name, suffix, None, city, zip_code)


def phone_digits(rng: random.Random) -> str:
    """Ten digits in a DFW area code on the 555 exchange, which no real subscriber holds."""
    return f"{rng.choice(AREA_CODES)}555{rng.randint(0, 9999):04d}"


def email_for(rng: random.Random, first: str, last: str) -> str:
    local = rng.choice(
        (
            f"{first}.{last}",
            f"{first}{last}",
            f"{first[0]}{last}",
            f"{first}{rng.randint(1, 99)}",
            f"{last}.{first}{rng.randint(60, 99)}",
        )
    )
    ascii_local = "".join(c for c in fold_accents(local).lower() if c.isalnum() or c in "._")
    return f"{ascii_local or 'customer'}@{rng.choice(EMAIL_DOMAINS)}"


def fold_accents(text: str) -> str:
    """Accents and apostrophes dropped, as people type names into email addresses."""
    return fold(text.replace("'", ""))

"""The company's reference data as records (business units, job types, campaigns, call reasons,
technicians with their shifts, Scheduling Pro schedulers, tag types), made through the owning modules'
lifecycle functions, and ``Company``: the ids the seed and the simulator look them up by, loaded from the
store so a restarted sandbox simulates on the database it was given."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from typing import Any

from csr_console.sandbox.routes.jbce import create_call_reason
from csr_console.sandbox.routes.jpm import create_job_type
from csr_console.sandbox.routes.marketing import create_campaign
from csr_console.sandbox.routes.scheduling_pro import create_scheduler
from csr_console.sandbox.routes.settings import (
    TIMEZONE_SETTING,
    create_business_unit,
    create_tag_type,
    create_technician,
)
from csr_console.sandbox.seed.catalog import (
    CALL_REASONS,
    CLASSES,
    COMPANY_ADDRESS,
    COMPANY_NAME,
    COMPANY_PHONE,
    JOB_TYPES,
    OWN_CAMPAIGNS,
    PARTNER_CATEGORY,
    SCHEDULERS,
    TAG_TYPES,
    TRADES,
    unit_name,
)
from csr_console.sandbox.seed.names import AREA_CODES, STATE, TECHNICIAN_NAMES, TIME_ZONE
from csr_console.sandbox.seed.sources import SOURCES
from csr_console.sandbox.store import Store

ALL_ROWS = 100_000
# Technicians per business unit class (9 units: 30 technicians), and the position they hold.
TECHNICIANS_PER_CLASS = {"Service": 5, "Install": 3, "Maintenance": 2}
POSITIONS = {"Service": "Service", "Install": "Installer", "Maintenance": "Maintenance"}
SATURDAY = 5
# The tracking number printed on the yard signs.
YARD_SIGN_NUMBER = "(972) 555-0142"


def create_reference_data(store: Store, rng: random.Random, stamp: str) -> None:
    """Every reference record of the company, in a fixed order (so ids repeat for a seed)."""
    store.set_setting(TIMEZONE_SETTING, TIME_ZONE)
    units: dict[str, int] = {}
    for trade in TRADES:
        for job_class in CLASSES:
            name = unit_name(trade, job_class)
            units[name] = create_business_unit(
                store,
                name,
                stamp,
                official_name=f"{COMPANY_NAME} – {name}",
                phone_number=COMPANY_PHONE,
                email=f"{trade.lower()}@bluebonnet-home.example",
                address={**COMPANY_ADDRESS, "state": STATE, "country": "USA"},
                trade=trade,
            )["id"]
    for spec in JOB_TYPES:
        create_job_type(
            store,
            spec.name,
            stamp,
            business_unit_ids=[units[u] for u in spec.units],
            skills=spec.skills,
            priority=spec.priority,
            duration_s=int(spec.duration_h * 3600),
            summary=spec.task,
            job_class=spec.units[0].split()[-1],
        )
    for source in SOURCES:
        if source.partner:
            create_campaign(store, source.campaign, stamp, category=PARTNER_CATEGORY, source=source.tag_name)
    for name, category, medium in OWN_CAMPAIGNS:
        create_campaign(
            store,
            name,
            stamp,
            category=category,
            medium=medium,
            phone_numbers=[YARD_SIGN_NUMBER] if name == "Yard Sign" else [],
            is_default=name == "Web",
        )
    for name, is_lead in CALL_REASONS:
        create_call_reason(store, name, is_lead, stamp)
    names = iter(TECHNICIAN_NAMES)
    for trade in TRADES:
        for job_class in CLASSES:
            for index in range(TECHNICIANS_PER_CLASS[job_class]):
                shifts = [{"weekday": day, "start": "08:00", "end": "17:00"} for day in range(5)]
                if job_class == "Service" and index < 2:  # the Saturday on-call rotation
                    shifts.append({"weekday": SATURDAY, "start": "09:00", "end": "14:00"})
                name = next(names)
                create_technician(
                    store,
                    name,
                    units[unit_name(trade, job_class)],
                    stamp,
                    shifts=shifts,
                    skills=("Refrigerant",) if trade == "HVAC" and rng.random() < 0.6 else (),
                    email=f"{name.split()[0].lower()}@bluebonnet-home.example",
                    phone_number=f"{rng.choice(AREA_CODES)}555{rng.randint(0, 9999):04d}",
                    team=trade,
                    positions=(POSITIONS[job_class],),
                )
    for name, _trade, _campaign in SCHEDULERS:
        create_scheduler(
            store,
            name,
            COMPANY_NAME,
            stamp,
            is_default=name == SCHEDULERS[0][0],
            scheduler_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        )
    # Last, so the ids of the records above stay what they were before tag types were seeded.
    for tag in TAG_TYPES:
        create_tag_type(
            store,
            tag.name,
            tag.color,
            stamp,
            code=tag.code,
            importance=tag.importance,
            is_conversion_opportunity=tag.is_conversion_opportunity,
            active=tag.active,
        )


@dataclass
class JobType:
    id: int
    name: str
    business_unit_ids: list[int]


@dataclass
class Company:
    """The reference ids by name: what a booking, job, lead or session names."""

    units: dict[str, int] = field(default_factory=dict)
    job_types: dict[str, JobType] = field(default_factory=dict)
    campaigns: dict[str, int] = field(default_factory=dict)
    call_reasons: list[dict[str, Any]] = field(default_factory=list)
    technicians: dict[int, list[int]] = field(default_factory=dict)  # business unit id → technician ids
    providers: dict[str, int] = field(default_factory=dict)  # source key → booking-provider tag id
    schedulers: dict[str, str] = field(default_factory=dict)  # scheduler name → GUID

    @classmethod
    def load(cls, store: Store) -> Company:
        def every(kind: str) -> list[dict[str, Any]]:
            return store.query(kind, page_size=ALL_ROWS).docs

        company = cls()
        company.units = {d["name"]: d["id"] for d in every("business_unit")}
        company.job_types = {
            d["name"]: JobType(d["id"], d["name"], list(d["businessUnitIds"])) for d in every("job_type")
        }
        company.campaigns = {d["name"]: d["id"] for d in every("campaign")}
        company.call_reasons = every("call_reason")
        for technician in every("technician"):
            company.technicians.setdefault(technician["businessUnitId"], []).append(technician["id"])
        tags = {d["tagName"]: d["id"] for d in every("booking_provider_tag")}
        company.providers = {s.key: tags[s.tag_name] for s in SOURCES if s.tag_name in tags}
        company.schedulers = {d["name"]: d["id"] for d in every("scheduler")}
        return company

    def reasons(self, *, is_lead: bool) -> list[dict[str, Any]]:
        return [r for r in self.call_reasons if r["isLead"] is is_lead]

    def is_service(self, unit_id: int) -> bool:
        """A Service business unit: its technicians take the Saturday on-call shifts."""
        return any(uid == unit_id and name.endswith(" Service") for name, uid in self.units.items())

    def reason(self, name: str) -> int:
        return next(r["id"] for r in self.call_reasons if r["name"] == name)

"""The booking sources: the company's own channels and the partner lead sources named in the product
documents. Each gets a booking-provider tag (and credentials) in the sandbox; partners also get a
campaign named after them and append their own extra details to the summaries they send."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from csr_console.sandbox.seed import extra_details
from csr_console.sandbox.seed.catalog import JOB_TYPE_NAMES, JobTypeSpec
from csr_console.sandbox.seed.extra_details import DetailMaker


@dataclass(frozen=True)
class Source:
    key: str  # stable identifier, also the file name of the source's mark in resources/
    tag_name: str  # the booking-provider tag's name, shown to the CSR
    description: str
    partner: bool  # a partner lead source (vs. the company's own channel)
    weight: float = 1.0  # share of the bookings that arrive through this source
    campaign: str = ""  # the campaign its bookings name; a partner's is named after its tag
    job_types: tuple[str, ...] = JOB_TYPE_NAMES  # the job types it sends
    details: DetailMaker | None = None  # its extra details (``Label: value`` lines after the summary)
    external_prefix: str = ""  # how its own reference numbers, sent as ``externalId``, begin
    # The standard job type its extra details name a job by (None: it names none); the job-type mapping
    # the sandbox seeds is made from it.
    standard_job_type: Callable[[JobTypeSpec], str] | None = None


SOURCES: tuple[Source, ...] = (
    Source(
        "angi", "Angi", "Angi (formerly Angie's List / HomeAdvisor) leads", True, 14, "Angi",
        ("AC Repair", "Furnace Repair", "Drain Cleaning", "Leak Repair", "Water Heater Repair",
         "Electrical Troubleshooting", "Ceiling Fan Install", "Toilet Repair", "Unknown"),
        extra_details.angi, "ANGI-", extra_details.task,
    ),
    Source(
        "thumbtack", "Thumbtack", "Thumbtack instant bookings", True, 9, "Thumbtack",
        ("Toilet Repair", "Outlet / Switch Repair", "Ceiling Fan Install", "Drain Cleaning", "AC Tune-Up",
         "Smart Home Device Install", "Unknown"),
        extra_details.thumbtack, "TT-", extra_details.task,
    ),
    Source(
        "home-depot", "The Home Depot", "The Home Depot installation leads", True, 5, "The Home Depot",
        ("Water Heater Replacement", "New AC Install", "Water Softener Install", "Generator Install",
         "Tankless Water Heater Install", "System Replacement Estimate"),
        extra_details.home_depot, "THD-", extra_details.install_program,
    ),
    Source(
        "reserve-with-google", "Reserve with Google", "Bookings from Google Search and Maps", True, 10,
        "Reserve with Google",
        ("AC Repair", "No Heat", "No Cool", "Drain Cleaning", "Electrical Troubleshooting", "AC Tune-Up",
         "Water Heater Repair"),
        extra_details.reserve_with_google, "RWG-", extra_details.task,
    ),
    Source(
        "building36", "Building36", "Building36 smart-home leads", True, 3, "Building36",
        ("Thermostat Install", "Smart Home Device Install", "Indoor Air Quality Consultation",
         "Whole-Home Surge Protection", "Leak Repair"),
        extra_details.building36, "B36-",
    ),
    Source(
        "flowpath", "FlowPath", "FlowPath HVAC maintenance leads", True, 4, "FlowPath",
        ("AC Tune-Up", "Furnace Tune-Up", "Duct Cleaning", "Membership Maintenance Visit"),
        extra_details.flowpath, "FP-",
    ),
    Source(
        "smartac", "SmartAC.com", "SmartAC.com alerts and service requests", True, 4, "SmartAC.com",
        ("AC Repair", "No Cool", "AC Tune-Up", "Heat Pump Repair"),
        extra_details.smartac, "SAC-",
    ),
    Source(
        "trane", "Trane / American Standard", "Trane and American Standard dealer leads", True, 3,
        "Trane / American Standard",
        ("System Replacement Estimate", "New AC Install", "Heat Pump Repair", "Ductless Mini-Split Install"),
        extra_details.trane, "TR-",
    ),
    Source("web-scheduler", "Web Scheduler", "The company's own website scheduler", False, 22, "Web",
           external_prefix="WS-"),
    Source("scheduling-pro", "Scheduling Pro", "Scheduling Pro sessions, completed or abandoned", False, 0,
           "Web", external_prefix="SP-"),
    Source("custom-website", "Custom Website", "Custom website widgets using the bookings API", False, 8,
           "Web", details=extra_details.custom_website, external_prefix="CW-"),
)  # fmt: skip

SOURCES_BY_KEY: dict[str, Source] = {s.key: s for s in SOURCES}
# Scheduling Pro's bookings come only from abandoned sessions, never straight from the booking stream.
SCHEDULING_PRO = "scheduling-pro"

"""Partners' extra details. The booking has no field for them: by the sandbox rule a partner appends
``Label: value`` lines to the booking's summary, after the customer's free text and a blank line.
Each partner has its own labels; ``compose_summary`` writes them and ``parse_details`` reads them back
(for the seed's own tests: the console has its own parser in ``domain``)."""

from __future__ import annotations

import random
import string
from collections.abc import Callable

from csr_console.sandbox.seed.catalog import JobTypeSpec

Details = list[tuple[str, str]]
DetailMaker = Callable[[random.Random, JobTypeSpec], Details]


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(count))


def _hex(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(count))


def task(job: JobTypeSpec) -> str:
    """The standard job type of partners that name the work itself (Angi, Thumbtack, Google)."""
    return job.task


def install_program(job: JobTypeSpec) -> str:
    """The Home Depot's standard job type: a trade-wide install program, shared by several job types."""
    return {"HVAC": "HVAC Installation", "Plumbing": "Water Heater Installation"}.get(
        job.trade or "", "Home Services"
    )


def angi(rng: random.Random, job: JobTypeSpec) -> Details:
    return [
        ("Angi Lead ID", _digits(rng, rng.choice((5, 8)))),
        ("Task", task(job)),
        ("Match type", rng.choice(("Instant Booking", "Market Match", "Pro Select"))),
        ("Lead fee", f"${rng.randint(18, 95)}.{rng.choice(('00', '50', '99'))}"),
    ]


def thumbtack(rng: random.Random, job: JobTypeSpec) -> Details:
    low = rng.choice((100, 150, 200, 300, 500))
    return [
        ("Thumbtack Request ID", _digits(rng, 18)),
        ("Project", task(job)),
        ("Budget", rng.choice((f"${low} - ${low * 2}", "Not sure", f"Under ${low}"))),
        ("Timing", rng.choice(("As soon as possible", "Within a week", "Flexible", "On a specific date"))),
        ("Preferred contact", rng.choice(("Text", "Phone call", "Thumbtack messages"))),
    ]


def home_depot(rng: random.Random, job: JobTypeSpec) -> Details:
    return [
        ("THD Order #", f"H{_digits(rng, 4)}-{_digits(rng, 6)}"),
        ("Product SKU", _digits(rng, 10)),
        ("Store #", _digits(rng, 4)),
        ("Install program", install_program(job)),
        ("Measure appointment", rng.choice(("Required", "Not required"))),
    ]


def reserve_with_google(rng: random.Random, job: JobTypeSpec) -> Details:
    return [
        ("Google Booking ID", f"rwg-{_hex(rng, 8)}-{_hex(rng, 4)}"),
        ("Service", task(job)),
        ("Booked via", rng.choice(("Google Search", "Google Maps"))),
    ]


def building36(rng: random.Random, job: JobTypeSpec) -> Details:
    return [
        ("Building36 Ticket", f"B36-{_digits(rng, 7)}"),
        (
            "Device",
            rng.choice(
                ("Honeywell T6 Pro", "Alarm.com Smart Thermostat", "Water leak sensor", "Flood valve")
            ),
        ),
        (
            "Alert type",
            rng.choice(("Device offline", "Leak detected", "Temperature out of range", "Service request")),
        ),
        ("Monitoring plan", rng.choice(("Basic", "Premium", "Premium+"))),
    ]


def flowpath(rng: random.Random, job: JobTypeSpec) -> Details:
    return [
        ("FlowPath Work Order", f"FP-{_digits(rng, 6)}"),
        ("Equipment age", f"{rng.randint(2, 24)} years"),
        ("Filter size", rng.choice(("16x25x1", "20x25x1", "20x20x4", "16x20x1"))),
        ("Plan", rng.choice(("Comfort Club", "Filter subscription", "None"))),
    ]


def smartac(rng: random.Random, job: JobTypeSpec) -> Details:
    supply = rng.randint(52, 78)
    return [
        (
            "SmartAC Alert",
            rng.choice(("High supply temp", "Low delta T", "Condensate line blocked", "Short cycling")),
        ),
        ("Device ID", f"SAC-{_hex(rng, 6).upper()}"),
        ("Supply temp", f"{supply}°F"),
        ("Return temp", f"{supply + rng.randint(2, 22)}°F"),
        ("Alert severity", rng.choice(("Low", "Medium", "High"))),
    ]


def trane(rng: random.Random, job: JobTypeSpec) -> Details:
    brand = rng.choice(("Trane", "American Standard"))
    product = rng.choice(("XR16 heat pump", "XV20i variable-speed AC", "S9V2 furnace", "Platinum 18 AC"))
    return [
        ("Dealer Lead #", f"TR-{_digits(rng, 8)}"),
        ("Brand", brand),
        ("Product interest", product),
        ("Financing requested", rng.choice(("Yes", "No"))),
    ]


def custom_website(rng: random.Random, job: JobTypeSpec) -> Details:
    return [
        ("Form", rng.choice(("Contact us", "Request service", "Get a quote"))),
        ("Landing page", rng.choice(("/ac-repair", "/plumbing", "/electrician-near-me", "/specials"))),
    ]


def scheduling_pro(session_id: str, last_step: str) -> Details:
    """An abandoned Scheduling Pro session's details: which session, and where the customer stopped."""
    return [("Scheduling Pro session", session_id), ("Last step", last_step)]


def compose_summary(free_text: str, details: Details) -> str:
    """The booking summary: the customer's words, then the partner's ``Label: value`` lines."""
    lines = "\n".join(f"{label}: {value}" for label, value in details)
    if not lines:
        return free_text
    return f"{free_text}\n\n{lines}" if free_text else lines


def parse_details(summary: str) -> Details:
    """The trailing block of ``Label: value`` lines of a summary (empty when it has none)."""
    block = summary.rsplit("\n\n", 1)[-1] if "\n\n" in summary else summary
    pairs = []
    for line in block.split("\n"):
        label, sep, value = line.partition(": ")
        if not sep or not label.strip():
            return []
        pairs.append((label, value))
    return pairs

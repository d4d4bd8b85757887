"""The booking sources: the company's own channels and the partner lead sources named in the product
documents. Each gets a booking-provider tag (and credentials) in the sandbox."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    key: str  # stable identifier, also the file name of the source's mark in resources/
    tag_name: str  # the booking-provider tag's name, shown to the CSR
    description: str
    partner: bool  # a partner lead source (vs. the company's own channel)


SOURCES: tuple[Source, ...] = (
    Source("angi", "Angi", "Angi (formerly Angie's List / HomeAdvisor) leads", True),
    Source("thumbtack", "Thumbtack", "Thumbtack instant bookings", True),
    Source("home-depot", "The Home Depot", "The Home Depot installation leads", True),
    Source("reserve-with-google", "Reserve with Google", "Bookings from Google Search and Maps", True),
    Source("building36", "Building36", "Building36 smart-home leads", True),
    Source("flowpath", "FlowPath", "FlowPath HVAC maintenance leads", True),
    Source("smartac", "SmartAC.com", "SmartAC.com alerts and service requests", True),
    Source("trane", "Trane / American Standard", "Trane and American Standard dealer leads", True),
    Source("web-scheduler", "Web Scheduler", "The company's own website scheduler", False),
    Source("scheduling-pro", "Scheduling Pro", "Scheduling Pro sessions, completed or abandoned", False),
    Source("custom-website", "Custom Website", "Custom website widgets using the bookings API", False),
)

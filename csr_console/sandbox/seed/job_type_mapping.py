"""The job-type mapping a console connected to the sandbox starts from (sandbox rule; ServiceTitan keeps
its own mapping in its settings and has no API for it, so a real tenant's console starts with none).

For each partner source whose extra details name a standard job type, every standard job type it sends
maps to the job types it stands for and the business units those may be booked in, as the company has
them (ids from the store). Derived from the catalog, it meets every case the console must handle:
- one job type and one unit (Angi's "Repair central air conditioning" -> AC Repair, HVAC Service);
- several job types (The Home Depot's "HVAC Installation" -> New AC Install, System Replacement
  Estimate): the CSR chooses;
- several units (Thumbtack's "AC maintenance" -> AC Tune-Up in HVAC Maintenance or HVAC Service);
- nothing: the Unknown job type is never a mapping's answer, so the standard job type partners send
  for it ("Other") is left out of the mapping.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from csr_console.sandbox.seed.catalog import JOB_TYPES_BY_NAME
from csr_console.sandbox.seed.company import JobType
from csr_console.sandbox.seed.sources import SOURCES

UNKNOWN_JOB_TYPE = "Unknown"


def job_type_mapping(job_types: Mapping[str, JobType]) -> list[dict[str, Any]]:
    """The mapping's entries, in the order of the sources and of the job types each one sends;
    ``job_types`` are the company's by name (job types it no longer has are left out)."""
    entries: list[dict[str, Any]] = []
    for source in SOURCES:
        if source.standard_job_type is None:
            continue
        by_standard: dict[str, dict[str, Any]] = {}
        for name in source.job_types:
            stored = job_types.get(name)
            if stored is None or name == UNKNOWN_JOB_TYPE:
                continue
            standard = source.standard_job_type(JOB_TYPES_BY_NAME[name])
            entry = by_standard.setdefault(
                standard,
                {
                    "source": source.tag_name,
                    "standardJobType": standard,
                    "jobTypeIds": [],
                    "businessUnitIds": [],
                },
            )
            entry["jobTypeIds"].append(stored.id)
            units = entry["businessUnitIds"]
            units.extend(u for u in stored.business_unit_ids if u not in units)
        entries.extend(by_standard.values())
    return entries

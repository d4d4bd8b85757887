"""The job type ServiceTitan gives a booking nobody classified, "Unknown": never a job's final answer."""

from __future__ import annotations


def is_unknown(job_type_name: str | None) -> bool:
    return job_type_name is not None and job_type_name.strip().casefold() == "unknown"


def needs_reclassification(job_type_id: int | None, job_type_name: str | None) -> bool:
    """No job type at all, or "Unknown": the CSR must choose the real one before accepting."""
    return job_type_id is None or is_unknown(job_type_name)

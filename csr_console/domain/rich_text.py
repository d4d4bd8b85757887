"""Plain text for API fields ServiceTitan reads as HTML (a job's `summary`): what the CSR saw is what the
office sees, and markup a customer or partner typed stays text instead of becoming formatting or script."""

from __future__ import annotations

import html


def as_html(text: str | None) -> str | None:
    if text is None:
        return None
    return "<br>".join(html.escape(line) for line in text.split("\n"))

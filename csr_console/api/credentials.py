"""The four things a ServiceTitan connection needs; the secret never shows in a repr."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Credentials:
    tenant: int
    app_key: str
    client_id: str
    client_secret: str = field(repr=False)

    def __repr__(self) -> str:
        # Spelled out (not just repr=False) so the field's presence is visible but never its value.
        return (
            f"Credentials(tenant={self.tenant!r}, app_key={self.app_key!r}, "
            f"client_id={self.client_id!r}, client_secret='***')"
        )

    __str__ = __repr__

"""Where the API lives: ServiceTitan's two environments, or a custom base URL (the sandbox)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Module = Literal["crm", "jpm", "dispatch", "settings", "marketing", "jbce", "schedulingpro"]


@dataclass(frozen=True)
class Environment:
    name: str
    api_base: str
    token_url: str

    def __post_init__(self) -> None:
        # One canonical spelling, so limiter keys and URLs never differ by a trailing slash.
        object.__setattr__(self, "api_base", self.api_base.rstrip("/"))

    @classmethod
    def custom(cls, base_url: str, token_url: str | None = None, name: str = "custom") -> Environment:
        """A server speaking the same API at `base_url`, its token at `{base}/connect/token`."""
        base = base_url.rstrip("/")
        return cls(name, base, token_url or f"{base}/connect/token")

    def tenant_url(self, module: Module, tenant: int) -> str:
        return f"{self.api_base}/{module}/v2/tenant/{tenant}"


PRODUCTION = Environment(
    "production", "https://api.servicetitan.io", "https://auth.servicetitan.io/connect/token"
)
INTEGRATION = Environment(
    "integration",
    "https://api-integration.servicetitan.io",
    "https://auth-integration.servicetitan.io/connect/token",
)

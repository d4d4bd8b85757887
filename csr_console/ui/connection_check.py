""" "Test connection" (the welcome dialog and Settings): a token and one page of call reasons, each failure
said in words — bad credentials, wrong environment, a missing scope (the 403 names it), no network.

Client ids and secrets belong to one environment: when production refuses them, the other environment
is asked for a token too, so "these are Integration credentials" can be said instead of "bad credentials".
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from csr_console.api import (
    AuthenticationError,
    Environment,
    Forbidden,
    NetworkError,
    NotFound,
    RateLimited,
    RetryPolicy,
    ServiceTitanClient,
    ServiceTitanError,
    Unauthorized,
)
from csr_console.profiles import Connection, named_environments

#: One try: the CSR is waiting for an answer, not for the engine's patient retries.
_ONE_TRY = RetryPolicy(attempts=1, rate_limit_waits=0)


@dataclass(frozen=True)
class ConnectionCheck:
    ok: bool
    message: str


def _other_environment(environment: Environment) -> Environment | None:
    """Integration for production and the reverse; None for a custom URL (a sandbox has no twin)."""
    named = named_environments()
    if environment not in named.values():
        return None
    return next(other for other in named.values() if other != environment)


async def _issues_token(connection: Connection, environment: Environment, timeout: float) -> bool:
    try:
        async with ServiceTitanClient(
            connection.credentials, environment, retry=_ONE_TRY, timeout=timeout
        ) as client:
            await client.warm_up()
    except ServiceTitanError:
        return False
    return True


async def _refused_credentials(connection: Connection, timeout: float) -> ConnectionCheck:
    environment = connection.environment
    other = _other_environment(environment)
    if other is not None and await _issues_token(connection, other, timeout):
        return ConnectionCheck(
            False,
            QCoreApplication.translate(
                "ConnectionCheck",
                "Wrong environment: these credentials were issued for {other}, not {environment}. "
                "Choose {other} as the environment.",
            ).format(other=other.name.capitalize(), environment=environment.name.capitalize()),
        )
    return ConnectionCheck(
        False,
        QCoreApplication.translate(
            "ConnectionCheck",
            "Bad credentials: {environment} refused the client id or client secret. Check them, and "
            "that they were issued for this environment.",
        ).format(environment=environment.name),
    )


async def check_connection(connection: Connection, *, timeout: float = 10.0) -> ConnectionCheck:
    """Fetch a token and one page of call reasons; never raises for what the server or network did."""
    environment = connection.environment
    try:
        async with ServiceTitanClient(
            connection.credentials, environment, retry=_ONE_TRY, timeout=timeout
        ) as client:
            await client.warm_up()
            await client.jbce.call_reasons.list(page_size=1)
    except AuthenticationError:
        return await _refused_credentials(connection, timeout)
    except Forbidden as error:
        return ConnectionCheck(
            False,
            QCoreApplication.translate(
                "ConnectionCheck",
                "Missing permission: the server refused with 403 — {title}. Add the scope to "
                "the app in the ServiceTitan developer portal, or check the tenant id.",
            ).format(title=error.title.rstrip(".")),
        )
    except Unauthorized as error:
        return ConnectionCheck(
            False,
            QCoreApplication.translate(
                "ConnectionCheck",
                "Wrong environment or app key: a token was issued but the API refused the call ({title}).",
            ).format(title=error.title),
        )
    except NotFound:
        return ConnectionCheck(
            False,
            QCoreApplication.translate(
                "ConnectionCheck",
                "Wrong environment or URL: {url} has no ServiceTitan API for this tenant (404).",
            ).format(url=environment.api_base),
        )
    except NetworkError as error:
        return ConnectionCheck(
            False,
            QCoreApplication.translate(
                "ConnectionCheck", "No network: {url} could not be reached ({error}). Check the connection."
            ).format(url=environment.api_base, error=error),
        )
    except RateLimited:
        return ConnectionCheck(
            False,
            QCoreApplication.translate(
                "ConnectionCheck", "The tenant's rate limit is used up right now: try again in a minute."
            ),
        )
    except ServiceTitanError as error:
        return ConnectionCheck(
            False,
            QCoreApplication.translate(
                "ConnectionCheck", "The server answered with an error: {error}"
            ).format(error=error),
        )
    return ConnectionCheck(
        True,
        QCoreApplication.translate(
            "ConnectionCheck", "Connected: {environment} issued a token and tenant {tenant} answered."
        ).format(environment=environment.name, tenant=connection.credentials.tenant),
    )

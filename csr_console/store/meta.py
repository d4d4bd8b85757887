"""The cache's identity: which tenant on which server it mirrors.

A cache file belongs to one tenant of one server. Opening it for another would mix two companies'
customers and replay one company's pending actions against the other, so it is refused.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from sqlalchemy import Connection, Engine, select
from sqlalchemy.dialects.sqlite import insert

from csr_console.store.schema import meta


class CacheMismatch(Exception):
    """The cache file belongs to another tenant or server."""


def get_meta(connection: Connection, key: str) -> str | None:
    return connection.execute(select(meta.c.value).where(meta.c.key == key)).scalar_one_or_none()


def set_meta(connection: Connection, key: str, value: str) -> None:
    statement = insert(meta).values(key=key, value=value)
    connection.execute(statement.on_conflict_do_update(index_elements=["key"], set_={"value": value}))


def _server_of(api_base: str) -> str:
    """The server part that identifies a backend. A loopback sandbox gets a new port on every start
    (training mode), so on loopback the port is left out; its tenant id still tells sandboxes apart."""
    parts = urlsplit(api_base.rstrip("/"))
    if parts.hostname in {"127.0.0.1", "localhost", "::1"}:
        return f"{parts.scheme}://{parts.hostname}{parts.path}"
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def bind_cache(db: Engine, *, tenant: int, api_base: str) -> None:
    """Record the tenant and server of a new cache; refuse a cache that belongs to another one."""
    with db.begin() as connection:
        wanted = {"tenant": str(tenant), "server": _server_of(api_base)}
        for key, value in wanted.items():
            stored = get_meta(connection, key)
            if stored is None:
                set_meta(connection, key, value)
            elif stored != value:
                raise CacheMismatch(
                    f"this cache holds {key} {stored!r}, not {value!r}: use the cache of that connection"
                )

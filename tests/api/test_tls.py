"""Issue 7, transport security: TLS certificates are always verified, and plain http:// is refused for a
ServiceTitan profile off this machine.

The TLS tests run a real HTTPS server on loopback with a self-signed certificate (made with the
`cryptography` package): the console's client must refuse it with a clear, unretried error, while a
client that trusts that very certificate gets its answer (so the refusal is the verification, not a
broken server).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import json
import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from csr_console.api import (
    INTEGRATION,
    PRODUCTION,
    Credentials,
    Environment,
    NetworkError,
    RateLimiter,
    ServiceTitanClient,
)
from csr_console.profiles import Profile, ProfileError, connection_for_profile, save_profile
from tests.fake_keyring import MemoryKeyring

CREDENTIALS = Credentials(7, "ak1.tls", "cid.tls", "cs1.tls-secret")


def _self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for localhost and 127.0.0.1 signed by its own key: (certificate, key) PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "server.pem", folder / "server.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


class _Answer(BaseHTTPRequestHandler):
    def _send(self) -> None:
        self.server.requests += 1  # type: ignore[attr-defined]
        body = json.dumps({"access_token": "tls-token", "expires_in": 900}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = _send
    do_POST = _send

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _TlsServer(ThreadingHTTPServer):
    """Counts TLS handshakes tried (accepted connections) and HTTP requests answered."""

    daemon_threads = True

    def __init__(self, context: ssl.SSLContext) -> None:
        super().__init__(("127.0.0.1", 0), _Answer)
        self.socket = context.wrap_socket(self.socket, server_side=True)
        self.handshakes = 0
        self.requests = 0

    def get_request(self) -> tuple[socket.socket, Any]:
        self.handshakes += 1
        return super().get_request()  # the handshake happens here: a refused one raises (and is dropped)


@dataclass
class Https:
    url: str
    certificate: Path
    server: _TlsServer


@pytest.fixture
def https_server(tmp_path: Path) -> Iterator[Https]:
    cert_path, key_path = _self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_path, key_path)
    server = _TlsServer(context)
    thread = threading.Thread(target=server.serve_forever, name="tls-server", daemon=True)
    thread.start()
    try:
        yield Https(f"https://127.0.0.1:{server.server_address[1]}", cert_path, server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_a_self_signed_server_is_refused_with_a_clear_error(https_server: Https) -> None:
    slept: list[float] = []

    async def no_sleep(seconds: float) -> None:
        slept.append(seconds)

    async def call() -> None:
        async with ServiceTitanClient(
            CREDENTIALS, Environment.custom(https_server.url), limiter=RateLimiter(100), sleep=no_sleep
        ) as client:
            with pytest.raises(NetworkError) as token_error:
                await client.warm_up()  # the token request
            with pytest.raises(NetworkError) as call_error:
                await client.transport.request("GET", "crm", "/bookings")  # the token, again
            for error in (token_error.value, call_error.value):
                assert "TLS certificate of 127.0.0.1 is not trusted" in str(error)
                assert "self-signed certificate" in str(error) or "certificate verify failed" in str(error)

    asyncio.run(call())
    # Refused at the handshake: nothing reached the server, and nothing was retried.
    assert https_server.server.requests == 0
    assert https_server.server.handshakes == 2
    assert slept == []


def test_the_same_server_answers_a_client_that_trusts_its_certificate(https_server: Https) -> None:
    """The control: the server works; the refusal above is the verification and nothing else."""

    async def call() -> int:
        trusting = ssl.create_default_context(cafile=str(https_server.certificate))
        async with httpx.AsyncClient(verify=trusting) as client:
            return (await client.post(f"{https_server.url}/connect/token")).status_code

    assert asyncio.run(call()) == 200
    assert https_server.server.requests == 1


def test_the_client_verifies_certificates_and_host_names() -> None:
    async def context_of(environment: Environment) -> ssl.SSLContext:
        async with ServiceTitanClient(CREDENTIALS, environment, limiter=RateLimiter(100)) as client:
            pool = client.transport.http._transport._pool  # type: ignore[attr-defined]
            context: ssl.SSLContext = pool._ssl_context
            return context

    for environment in (PRODUCTION, INTEGRATION, Environment.custom("https://training.example.com")):
        context = asyncio.run(context_of(environment))
        assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname, environment


@pytest.mark.parametrize(
    "unverified",
    [
        lambda: httpx.AsyncHTTPTransport(verify=False),
        lambda: httpx.AsyncHTTPTransport(verify=_no_hostname_check()),
    ],
    ids=["verify-off", "no-hostname-check"],
)
@pytest.mark.parametrize(
    "environment",
    [
        PRODUCTION,
        INTEGRATION,
        Environment.custom("https://training.example.com"),
        Environment.custom("http://127.0.0.1:8765", "https://auth.example.com/connect/token"),
    ],
    ids=["production", "integration", "custom", "loopback-api-remote-token"],
)
def test_verification_cannot_be_turned_off_off_this_machine(
    unverified: Any, environment: Environment
) -> None:
    transport = unverified()
    with pytest.raises(ValueError, match="verification cannot be turned off"):
        ServiceTitanClient(CREDENTIALS, environment, limiter=RateLimiter(100), transport=transport)


def test_a_loopback_server_may_be_reached_without_verification() -> None:
    """Tests and tools talk to local servers: that is the one place verification may be off."""

    async def build(url: str) -> None:
        transport = httpx.AsyncHTTPTransport(verify=False)
        async with ServiceTitanClient(
            CREDENTIALS, Environment.custom(url), limiter=RateLimiter(100), transport=transport
        ):
            pass

    for url in ("https://127.0.0.1:8443", "https://localhost:8443", "https://[::1]:8443"):
        asyncio.run(build(url))


def _no_hostname_check() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    return context


# -- http:// for ServiceTitan profiles ---------------------------------------------------------------
SECRET = "cs1.profile-secret"


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.5:8765",
        "HTTP://training.example.com",
        "http://localhost.example.com:8765",  # not this machine, whatever its name starts with
        "http://127.0.0.1.nip.io:8765",
        "ftp://training.example.com",
        "training.example.com:8765",  # no scheme at all
    ],
)
def test_plain_http_profiles_are_refused_whether_saved_or_hand_written(
    url: str, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    path = tmp_path / "profiles.json"
    with pytest.raises(ProfileError, match="https"):
        save_profile(Profile("lan", 1, "ak", "cid", "custom", url), SECRET, path)
    assert not path.exists() and not memory_keyring.secrets
    # A profiles.json written by hand (or by an older version) is refused when the connection is made.
    path.write_text(
        json.dumps(
            {
                "lan": {
                    "tenant": 1,
                    "app_key": "ak",
                    "client_id": "cid",
                    "environment": "custom",
                    "base_url": url,
                }
            }
        )
    )
    memory_keyring.secrets[("csr-console", "lan:client_secret")] = SECRET
    with pytest.raises(ProfileError, match="https"):
        connection_for_profile("lan", path)


def test_the_named_environments_are_https_and_so_are_their_tokens(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    path = tmp_path / "profiles.json"
    for name in ("production", "integration"):
        save_profile(Profile(name, 1, "ak", "cid", name), SECRET, path)
        environment = connection_for_profile(name, path).environment
        assert environment.api_base.startswith("https://") and environment.token_url.startswith("https://")
    save_profile(Profile("shared", 1, "ak", "cid", "custom", "https://training.example.com/"), SECRET, path)
    environment = connection_for_profile("shared", path).environment
    assert environment.api_base == "https://training.example.com"
    assert environment.token_url == "https://training.example.com/connect/token"

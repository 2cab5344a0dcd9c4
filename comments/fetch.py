"""Fetching a page from another site for verification, safely.

The address comes from a stranger, so the fetch must not become a way into the
network behind the site (SSRF): every address a host name resolves to must be a
public one (no private, loopback, link-local, shared, multicast or reserved
ranges), the connection goes to exactly the address that was checked (no second
DNS answer in between), redirects are followed by hand and checked the same way,
and time and size are capped. Tests reach a local server only through the explicit
setting `COMMENTS_FETCH_ALLOWED_NETWORKS`.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings

MAX_BYTES = 1_000_000
TIMEOUT = 5.0
MAX_REDIRECTS = 3
USER_AGENT = "Imprint-Mention-Verifier/1.0 (+Webmention)"


class Refused(Exception):
    """The address may not be fetched, or fetching it failed: the reason."""


@dataclass
class Fetched:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    truncated: bool


def _allowed_networks():
    return [
        ipaddress.ip_network(net, strict=False)
        for net in getattr(settings, "COMMENTS_FETCH_ALLOWED_NETWORKS", [])
        if net.strip()
    ]


def address_allowed(ip: str) -> bool:
    address = ipaddress.ip_address(ip)
    if any(address in net for net in _allowed_networks()):
        return True
    return address.is_global and not address.is_multicast


def _resolve(host: str, port: int) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise Refused(f"host {host} not found") from error
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise Refused(f"host {host} not found")
    for ip in addresses:
        if not address_allowed(ip):
            raise Refused(f"{host} resolves to a non-public address ({ip})")
    return addresses[0]


def fetch(
    url: str, *, max_bytes: int | None = None, timeout: float | None = None
) -> Fetched:
    max_bytes = max_bytes or MAX_BYTES
    deadline = time.monotonic() + (timeout or TIMEOUT)
    for _ in range(MAX_REDIRECTS + 1):
        response = _request(url, deadline)
        if response.status in (301, 302, 303, 307, 308) and response.headers.get(
            "Location"
        ):
            response.release_conn()
            url = urljoin(url, response.headers["Location"])
            continue
        body, truncated = _read(response, max_bytes, deadline)
        return Fetched(
            url=url,
            status=response.status,
            content_type=response.headers.get("Content-Type", ""),
            body=body,
            truncated=truncated,
        )
    raise Refused("too many redirects")


def _request(url: str, deadline: float):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused("only http and https addresses are fetched")
    if parts.username or parts.password:
        raise Refused("addresses with credentials are not fetched")
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    ip = _resolve(host, port)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise Refused("timed out")
    options = {
        "timeout": urllib3.Timeout(connect=remaining, read=remaining),
        "retries": False,
        "maxsize": 1,
    }
    if parts.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            ip, port, server_hostname=host, assert_hostname=host, **options
        )
    else:
        pool = urllib3.HTTPConnectionPool(ip, port, **options)
    path = parts.path or "/"
    if parts.query:
        path += f"?{parts.query}"
    default_port = port == (443 if parts.scheme == "https" else 80)
    try:
        return pool.urlopen(
            "GET",
            path,
            headers={
                "Host": host if default_port else f"{host}:{port}",
                "User-Agent": USER_AGENT,
                "Accept": "text/html, application/xhtml+xml;q=0.9, */*;q=0.1",
            },
            redirect=False,
            preload_content=False,
            assert_same_host=False,
        )
    except urllib3.exceptions.HTTPError as error:
        raise Refused(f"could not fetch: {type(error).__name__}") from error


def _read(response, max_bytes: int, deadline: float) -> tuple[bytes, bool]:
    chunks, size = [], 0
    try:
        for chunk in response.stream(16_384):
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                return b"".join(chunks)[:max_bytes], True
            if time.monotonic() > deadline:
                raise Refused("timed out while reading")
    except urllib3.exceptions.HTTPError as error:
        raise Refused(f"could not read: {type(error).__name__}") from error
    finally:
        response.release_conn()
    return b"".join(chunks), False

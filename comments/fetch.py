"""Fetching a page from another site for verification, safely.

The address comes from a stranger, so the fetch must not become a way into the
network behind the site (SSRF): every address a host name resolves to must be a
public one (no private, loopback, link-local, shared, multicast or reserved
ranges), the connection goes to exactly the address that was checked (no second
DNS answer in between), redirects are followed by hand and checked the same way,
and size is capped. Time is capped by one wall-clock deadline for the whole fetch
(name lookup, connect, headers, body, redirects): a watchdog shuts the socket when
it passes, so a source that sends a byte every few seconds cannot hold the worker
(socket timeouts alone start again with every byte). Tests reach a local server
only through the explicit setting `COMMENTS_FETCH_ALLOWED_NETWORKS`.
"""

import ipaddress
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as LookupTimeout
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


class _Watchdog:
    """Shuts every socket of one fetch when its deadline passes."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.expired = False
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.timer = threading.Timer(max(0.0, deadline - time.monotonic()), self.expire)
        self.timer.daemon = True

    def track(self, sock: socket.socket) -> None:
        with self.lock:
            self.sockets.append(sock)
        if self.expired:
            self.expire()

    def expire(self) -> None:
        self.expired = True
        with self.lock:
            for sock in self.sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def check(self) -> None:
        if self.expired or time.monotonic() > self.deadline:
            raise Refused("timed out")


def _watched(base, watchdog: _Watchdog):
    class Watched(base):
        def _new_conn(self):
            sock = super()._new_conn()
            watchdog.track(sock)
            return sock

    return Watched


_lookups = ThreadPoolExecutor(max_workers=4, thread_name_prefix="mention-dns")


def _resolve(host: str, port: int, deadline: float) -> str:
    """The host's addresses, every one of them public; the name lookup is bounded
    by the deadline too (the system resolver may wait far longer)."""
    lookup = _lookups.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        infos = lookup.result(timeout=max(0.0, deadline - time.monotonic()))
    except LookupTimeout as error:
        raise Refused("timed out") from error
    except (OSError, UnicodeError) as error:
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
    watchdog = _Watchdog(time.monotonic() + (timeout or TIMEOUT))
    watchdog.timer.start()
    try:
        for _ in range(MAX_REDIRECTS + 1):
            response = _request(url, watchdog)
            if response.status in (301, 302, 303, 307, 308) and response.headers.get(
                "Location"
            ):
                response.release_conn()
                url = urljoin(url, response.headers["Location"])
                continue
            body, truncated = _read(response, max_bytes, watchdog)
            return Fetched(
                url=url,
                status=response.status,
                content_type=response.headers.get("Content-Type", ""),
                body=body,
                truncated=truncated,
            )
        raise Refused("too many redirects")
    finally:
        watchdog.timer.cancel()


def _request(url: str, watchdog: _Watchdog):
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises for a port outside 0-65535
    except ValueError as error:
        raise Refused("not a valid address") from error
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused("only http and https addresses are fetched")
    if parts.username or parts.password:
        raise Refused("addresses with credentials are not fetched")
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    ip = _resolve(host, port, watchdog.deadline)
    remaining = watchdog.deadline - time.monotonic()
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
    pool.ConnectionCls = _watched(pool.ConnectionCls, watchdog)
    path = parts.path or "/"
    if parts.query:
        path += f"?{parts.query}"
    default_port = port == (443 if parts.scheme == "https" else 80)
    try:
        response = pool.urlopen(
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
    except (urllib3.exceptions.HTTPError, OSError) as error:
        watchdog.check()
        raise Refused(f"could not fetch: {type(error).__name__}") from error
    watchdog.check()
    return response


def _read(response, max_bytes: int, watchdog: _Watchdog) -> tuple[bytes, bool]:
    chunks, size = [], 0
    try:
        for chunk in response.stream(16_384):
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                return b"".join(chunks)[:max_bytes], True
            watchdog.check()
    except (urllib3.exceptions.HTTPError, OSError) as error:
        watchdog.check()
        raise Refused(f"could not read: {type(error).__name__}") from error
    finally:
        response.release_conn()
    # A socket shut by the watchdog ends the body early as if it were complete.
    watchdog.check()
    return b"".join(chunks), False

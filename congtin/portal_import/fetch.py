"""Fetching pages and images of the old portal, within limits.

Only http and https; every address a host name resolves to must be public (no
loopback, private, link-local, multicast or reserved range) unless
``PORTAL_IMPORT_ALLOW_PRIVATE_ADDRESSES``; the connection goes to the address that
was checked, so a name that resolves differently a moment later (DNS rebinding)
cannot lead elsewhere. Redirects are followed by hand, each checked the same way.
A body larger than the limit is refused while it is read, and each read has a
timeout, the whole fetch a deadline.

Written on the standard library: requests and urllib connect to whatever the name
resolves to at connection time, which is what the check must pin.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from congtin.core.vietnamese import format_file_size

MAX_REDIRECTS = 5
USER_AGENT = "congtin-portal-import/1.0"


class FetchError(Exception):
    """A Vietnamese reason why an address could not be read."""


@dataclass
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str


def check_url(url: str) -> tuple[str, str, int]:
    """The scheme, host and port of ``url``, or FetchError when it may not be
    fetched at all (scheme, no host, credentials)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"chỉ tải được địa chỉ http(s), không tải “{url[:200]}”")
    if not parts.hostname:
        raise FetchError(f"địa chỉ không có tên máy: “{url[:200]}”")
    if parts.username or parts.password:
        raise FetchError("địa chỉ có kèm tài khoản, không tải")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"cổng không hợp lệ: “{url[:200]}”") from exc
    return parts.scheme, parts.hostname, port


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> str:
    """One address of ``host`` that may be connected to; every address the name
    has must be allowed, so a name with one private address among public ones is
    refused."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"không tìm thấy máy “{host}”") from exc
    addresses = [str(info[4][0]) for info in infos]
    if not addresses:
        raise FetchError(f"không tìm thấy máy “{host}”")
    if not getattr(settings, "PORTAL_IMPORT_ALLOW_PRIVATE_ADDRESSES", False):
        for address in addresses:
            if not is_public_address(address):
                raise FetchError(
                    f"“{host}” trỏ tới địa chỉ nội bộ {address}; không tải "
                    "(PORTAL_IMPORT_ALLOW_PRIVATE_ADDRESSES)"
                )
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(
            host, port, timeout=timeout, context=ssl.create_default_context()
        )
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        # The certificate is checked against the name, not the pinned address.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class Fetcher:
    """Fetches one address at a time; ``get`` raises FetchError with the reason."""

    def __init__(self, timeout: float | None = None):
        self.timeout = timeout or settings.PORTAL_IMPORT_FETCH_TIMEOUT

    def get(self, url: str, max_bytes: int) -> Fetched:
        deadline = time.monotonic() + self.timeout
        for _ in range(MAX_REDIRECTS + 1):
            scheme, host, port = check_url(url)
            address = resolve(host, port)
            connection_class = (
                _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
            )
            connection = connection_class(host, port, address, self.timeout)
            parts = urlsplit(url)
            path = parts.path or "/"
            if parts.query:
                path += "?" + parts.query
            try:
                connection.request(
                    "GET", path, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
                )
                response = connection.getresponse()
                if response.status in (301, 302, 303, 307, 308):
                    location = response.getheader("Location")
                    if not location:
                        raise FetchError(f"chuyển hướng không có đích: {url[:200]}")
                    url = urljoin(url, location)
                    continue
                if response.status != 200:
                    raise FetchError(
                        f"máy chủ trả lời {response.status} cho {url[:200]}"
                    )
                length = response.getheader("Content-Length")
                if length and length.isdigit() and int(length) > max_bytes:
                    raise FetchError(_too_big(url, max_bytes))
                content = _read_limited(response, max_bytes, deadline, url)
                return Fetched(
                    url, content, response.getheader("Content-Type", "") or ""
                )
            except (OSError, http.client.HTTPException) as exc:
                raise FetchError(f"không tải được {url[:200]}: {exc}") from exc
            finally:
                connection.close()
        raise FetchError(f"quá {MAX_REDIRECTS} lần chuyển hướng: {url[:200]}")


def _too_big(url: str, max_bytes: int) -> str:
    return f"{url[:200]} lớn quá giới hạn {format_file_size(max_bytes)}"


def _read_limited(response, max_bytes: int, deadline: float, url: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError(f"quá thời gian chờ khi tải {url[:200]}")
        chunk = response.read(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(_too_big(url, max_bytes))
        chunks.append(chunk)


# What the importer calls to fetch; tests give a fake one instead of the network.
FetchFunction = Callable[[str, int], Fetched]


def no_fetch(url: str, max_bytes: int) -> Fetched:
    raise FetchError(f"không tải từ mạng (--no-fetch): {url[:200]}")

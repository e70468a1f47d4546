"""The safe fetcher: the one way the product fetches a URL that a user gave it.

Every hop (the first request and each redirect) is checked the same way:
- only http and https, on ports 80/443 (or ports explicitly allowed);
- the host is resolved once and every address it resolves to must be public;
  the connection is then made to that checked address (pinned), so a second,
  different DNS answer cannot smuggle in an internal address (rebinding);
- once connected, the peer address of the socket is checked again;
- redirects are followed by hand, at most `max_redirects`.
The body is streamed: a declared or actual size above `max_bytes` stops the
transfer, and so does a compressed body that inflates beyond it (zip bombs);
a total time limit covers connecting, the headers and the body, so a server
that drips its headers a byte at a time is stopped at the limit too.

Refusals raise `FetchRefused` with a reason a reviewer can read; network
trouble raises `FetchFailed`, marked `retryable` when trying later may help.
Pure Python on urllib3: nothing here imports Django.
"""

import contextlib
import errno
import ipaddress
import socket
import tempfile
import threading
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import HTTPError, NewConnectionError, SSLError
from urllib3.exceptions import TimeoutError as UrllibTimeout

# Never reachable from here, whatever `ipaddress` thinks of them. IPv6 forms
# that embed an IPv4 address (mapped, SIIT, 6to4, NAT64, Teredo) are refused whole;
# 5f00::/16 (SRv6 SIDs) and 3fff::/20 (documentation) are not global either.
BLOCKED_NETWORKS = tuple(
    ipaddress.ip_network(cidr)
    for cidr in (
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
        "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16",
        "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
        "255.255.255.255/32",
        "::/128", "::1/128", "::ffff:0:0/96", "::ffff:0:0:0/96", "::/96", "64:ff9b::/96",
        "64:ff9b:1::/48", "100::/64", "2001::/32", "2001:db8::/32", "2002::/16", "3fff::/20",
        "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    )
)  # fmt: skip

USER_AGENT = "ClaimTrackerArchiver/1.0 (+fact-checking archive)"
CHUNK = 64 * 1024
# Bodies (as received, and unpacked) beyond this many bytes wait in temporary files, not
# in memory: a worker holds many fetched pages while it parses one (bench/archive.py).
SPOOL_BYTES = 1024 * 1024


class FetchRefused(Exception):
    """The URL or what it led to is not allowed; retrying will not help."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


class TooLarge(FetchRefused):
    """The body is over the policy's byte limit (as declared, as read, or unpacked)."""


class FetchFailed(Exception):
    """The fetch did not work out; `retryable` when it may work later."""

    def __init__(self, reason: str, *, retryable: bool):
        self.reason = reason
        self.retryable = retryable
        super().__init__(reason)


@dataclass(frozen=True)
class FetchPolicy:
    allowed_networks: tuple = ()  # exempt from the refusal of internal addresses (tests)
    allowed_ports: frozenset = frozenset({80, 443})
    max_redirects: int = 5
    connect_timeout: float = 5.0
    total_timeout: float = 30.0
    max_bytes: int = 25 * 1024 * 1024

    @classmethod
    def build(cls, allowed_networks=(), allowed_ports=(), **limits) -> "FetchPolicy":
        return cls(
            allowed_networks=tuple(
                ipaddress.ip_network(n.strip()) for n in allowed_networks if n.strip()
            ),
            allowed_ports=frozenset({80, 443, *allowed_ports}),
            **limits,
        )


@dataclass
class Exchange:
    """One request and the response headers that came back for it."""

    url: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    response_headers: list[tuple[str, str]]
    http_version: str
    peer_address: str


@dataclass
class FetchResult:
    url: str
    final: Exchange
    redirects: list[Exchange] = field(default_factory=list)
    body: tempfile.SpooledTemporaryFile | None = None  # the payload as received
    size: int = 0
    # The payload with its Content-Encoding undone, if it was encoded, and its size.
    decoded: tempfile.SpooledTemporaryFile | None = None
    decoded_size: int = 0
    elapsed: float = 0.0

    @property
    def content(self) -> bytes:
        """The payload with its Content-Encoding undone (read from the body when not encoded)."""
        source = self.decoded if self.decoded is not None else self.body
        if source is None:
            return b""
        source.seek(0)
        data = source.read()
        source.seek(0)
        return data

    @property
    def content_size(self) -> int:
        """The size of `content`, without reading it."""
        return self.decoded_size if self.decoded is not None else self.size

    @property
    def status(self) -> int:
        return self.final.status

    @property
    def final_url(self) -> str:
        return self.final.url

    @property
    def content_type(self) -> str:
        return header(self.final.response_headers, "content-type")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        for file in (self.body, self.decoded):
            if file is not None:
                file.close()


def header(headers: list[tuple[str, str]], name: str) -> str:
    return next((value for key, value in headers if key.lower() == name), "")


def fetch(url: str, policy: FetchPolicy, *, post: bytes | None = None, headers=()) -> FetchResult:
    """GET `url` (or POST `post` to it) under `policy`; the caller closes the result.

    GETs follow redirects; a POST does not (its redirect is its answer).
    """
    deadline = _Deadline(policy.total_timeout)
    redirects: list[Exchange] = []
    try:
        while True:
            follow = post is None and len(redirects) < policy.max_redirects
            result = _fetch_one(url, policy, deadline, follow, post=post, extra=list(headers))
            if isinstance(result, FetchResult):
                result.url = redirects[0].url if redirects else url
                result.redirects = redirects
                result.elapsed = policy.total_timeout - deadline.remaining()
                return result
            redirects.append(result)
            location = header(result.response_headers, "location")
            url = urljoin(result.url, location)
    finally:
        deadline.cancel()


class _Deadline:
    """The total time limit of one fetch, over connecting, TLS, headers and body.

    A socket timeout bounds each read on its own, so a server sending a byte a second
    never trips it. At the deadline a timer shuts the connection down, which ends any
    read still waiting; the fetch then fails with the time limit as its reason.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.expired = False  # the timer fired and shut the connection down
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        return self.at - time.monotonic()

    @property
    def passed(self) -> bool:
        return self.expired or self.remaining() <= 0

    def exceeded(self) -> "FetchFailed":
        return FetchFailed(
            f"The page took longer than {self.seconds:g} s to download.", retryable=True
        )

    def watch(self, sock: socket.socket):
        """Shut `sock`'s connection down at the deadline."""
        with self._lock:
            if self.expired:
                raise self.exceeded()
            # A duplicate of our own: shutting it down ends the connection for every
            # descriptor, and it cannot be closed and its number reused under us.
            self._sockets.append(sock.dup())

    def release(self):
        """Forget the connections of a finished request."""
        with self._lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()

    def cancel(self):
        self._timer.cancel()
        self.release()

    def _expire(self):
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


def check_url(url: str, policy: FetchPolicy) -> tuple[str, str, int, list[str]]:
    """(scheme, host, port, addresses) of a URL that may be fetched, else FetchRefused."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise FetchRefused(f"“{url}” is not a valid web address.") from None
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"Only http and https addresses can be archived, not “{parts.scheme}:”.")
    if not parts.hostname:
        raise FetchRefused(f"“{url}” has no host name.")
    if parts.username or parts.password:
        raise FetchRefused("Addresses with a user name or password are not archived.")
    port = port or (443 if parts.scheme == "https" else 80)
    addresses = _resolve(parts.hostname, port)
    for address in addresses:
        reason = refusal(address, policy)
        if reason:
            raise FetchRefused(f"{parts.hostname} points to {reason}; it is not fetched.")
    exempt = all(_is_exempt(address, policy) for address in addresses)
    if port not in policy.allowed_ports and not exempt:
        raise FetchRefused(f"Port {port} is not allowed; only standard web ports are.")
    return parts.scheme, parts.hostname, port, addresses


def refusal(address: str, policy: FetchPolicy) -> str | None:
    """Why an IP address may not be contacted, or None when it may."""
    ip = ipaddress.ip_address(address)
    if _is_exempt(address, policy):
        return None
    for network in BLOCKED_NETWORKS:
        if ip.version == network.version and ip in network:
            return f"an internal or reserved address ({ip}, in {network})"
    if not ip.is_global:
        return f"a non-public address ({ip})"
    for embedded in _embedded_ipv4(ip):
        reason = refusal(str(embedded), policy)
        if reason:
            return f"{reason} embedded in {ip}"
    return None


def _embedded_ipv4(ip) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries, in forms a tunnel or translator may reach.

    The forms with prefixes of their own are refused whole above; this catches those
    inside any prefix (ISATAP: an interface id of 0000:5efe or 0200:5efe, then the IPv4).
    """
    if ip.version != 6:
        return []
    found = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    if (int(ip) >> 32) & 0xFDFF_FFFF == 0x5EFE:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFF_FFFF))
    return [address for address in found if address is not None]


def _is_exempt(address: str, policy: FetchPolicy) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip.version == n.version and ip in n for n in policy.allowed_networks)


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as failure:
        raise FetchFailed(
            f"The host {host} could not be found ({failure}).", retryable=False
        ) from None
    addresses = []
    for *_rest, sockaddr in infos:
        address = sockaddr[0].split("%")[0]
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchFailed(f"The host {host} has no address.", retryable=False)
    return addresses


def _fetch_one(
    url: str, policy: FetchPolicy, deadline: _Deadline, follow: bool, post=None, extra=()
):
    scheme, host, port, addresses = check_url(url, policy)
    if deadline.passed:
        raise deadline.exceeded()
    request_headers = [
        ("User-Agent", USER_AGENT),
        ("Accept", "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8"),
        ("Accept-Encoding", "gzip, deflate"),
        *extra,
    ]
    pool = _pinned_pool(scheme, host, port, addresses[0], policy, deadline)
    try:
        response = _request(pool, url, host, post, request_headers, policy, deadline)
        exchange = Exchange(
            url=url,
            request_headers=[("Host", _host_header(host, port, scheme)), *request_headers],
            status=response.status,
            reason=response.reason or "",
            response_headers=list(response.headers.items()),
            http_version={10: "HTTP/1.0", 11: "HTTP/1.1"}.get(response.version, "HTTP/1.1"),
            peer_address=getattr(pool, "peer_address", addresses[0]),
        )
        try:
            redirected = response.status in (301, 302, 303, 307, 308)
            if post is None and redirected and header(exchange.response_headers, "location"):
                if not follow:
                    raise FetchRefused(
                        f"More than {policy.max_redirects} redirects; the chain is not followed."
                    )
                return exchange
            return _read_body(response, exchange, policy, deadline)
        finally:
            response.release_conn()
    finally:
        deadline.release()
        pool.close()


def _request(pool, url: str, host: str, post, request_headers, policy, deadline: _Deadline):
    """Send the request and read the response's status line and headers."""
    target = urlsplit(url)
    path = (target.path or "/") + (f"?{target.query}" if target.query else "")
    left = max(0.1, deadline.remaining())
    try:
        return pool.urlopen(
            "GET" if post is None else "POST",
            path,
            body=post,
            headers=dict(request_headers),
            redirect=False,
            retries=False,
            preload_content=False,
            decode_content=False,
            timeout=urllib3.Timeout(connect=min(policy.connect_timeout, left), read=left),
        )
    except FetchRefused:
        raise
    except (HTTPError, OSError) as failure:
        refused = _refusal_inside(failure)
        if refused:
            raise refused from None
        if deadline.passed:
            raise deadline.exceeded() from None
        if isinstance(failure, NewConnectionError):
            # urllib3 counts it as a timeout (a subclass), though it is mostly a refusal.
            raise _connection_failed(failure, host) from None
        if isinstance(failure, UrllibTimeout | TimeoutError):
            raise FetchFailed(f"{host} did not answer in time.", retryable=True) from None
        if isinstance(failure, SSLError):
            raise FetchFailed(
                f"The secure connection to {host} failed: its certificate could not be "
                "verified or the site does not speak TLS.",
                retryable=False,
            ) from None
        raise _connection_failed(failure, host) from None


# What went wrong with a connection, in words; and whether trying later may help. A
# refused connection is not retried for minutes as if it were a timeout: nothing
# listens there, and the reviewer can try again by hand.
_CONNECTION_ERRORS = {
    errno.ECONNREFUSED: ("The site refused the connection: nothing answers at {host}.", False),
    errno.ECONNRESET: ("The site closed the connection before answering.", True),
    errno.EHOSTUNREACH: ("The site cannot be reached from here ({host}).", True),
    errno.ENETUNREACH: ("The network of the site cannot be reached ({host}).", True),
    errno.ETIMEDOUT: ("{host} did not answer in time.", True),
}


def _connection_failed(failure: BaseException, host: str) -> FetchFailed:
    cause = failure
    while cause is not None and not isinstance(cause, OSError | ConnectionError):
        cause = cause.__cause__ or cause.__context__
    code = getattr(cause, "errno", None)
    for chained in (failure, getattr(failure, "reason", None)):
        code = code or getattr(chained, "errno", None)
    if code is None and "Connection refused" in str(failure):
        code = errno.ECONNREFUSED  # urllib3 keeps only the message of some errors
    message, retryable = _CONNECTION_ERRORS.get(
        code, ("The site could not be reached ({host}).", True)
    )
    return FetchFailed(message.format(host=host), retryable=retryable)


def _read_body(
    response, exchange: Exchange, policy: FetchPolicy, deadline: _Deadline
) -> FetchResult:
    declared = header(exchange.response_headers, "content-length")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise TooLarge(_too_large(policy))
    body = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - the result owns it
    decoder = _Decoder(header(exchange.response_headers, "content-encoding"), policy.max_bytes)
    size = 0
    try:
        # read1 returns what has arrived, so a slow sender meets the deadline check.
        while chunk := response.read1(CHUNK, decode_content=False):
            size += len(chunk)
            if size > policy.max_bytes:
                raise TooLarge(_too_large(policy))
            if deadline.passed:
                raise deadline.exceeded()
            body.write(chunk)
            decoder.feed(chunk)
        if deadline.expired:
            raise deadline.exceeded()  # the end we read was the connection we shut down
    except (HTTPError, OSError) as failure:
        body.close()
        decoder.close()
        if deadline.passed:
            raise deadline.exceeded() from None
        if isinstance(failure, UrllibTimeout | TimeoutError):
            raise FetchFailed("The page stopped sending data.", retryable=True) from None
        raise FetchFailed(f"The download broke off: {failure}", retryable=True) from None
    except BaseException:
        body.close()
        decoder.close()
        raise
    body.seek(0)
    return FetchResult(
        url=exchange.url,
        final=exchange,
        body=body,
        size=size,
        decoded=decoder.output,
        decoded_size=decoder.size,
    )


class _Decoder:
    """Undoes gzip or deflate as the bytes arrive, refusing output beyond the limit."""

    def __init__(self, encoding: str, limit: int):
        self.encoding = encoding.strip().lower()
        self.limit = limit
        self.size = 0
        self.output = None  # a file once there is something to undo
        self.inflater = None
        if self.encoding in ("gzip", "x-gzip"):
            self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.encoding == "deflate":
            self.inflater = zlib.decompressobj()
        if self.inflater is not None:
            self.output = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115

    def feed(self, chunk: bytes):
        if self.inflater is None:
            return  # not encoded (or an encoding we cannot undo): the body is the content
        data = chunk
        while data:
            room = self.limit - self.size + 1
            try:
                piece = self.inflater.decompress(data, room)
            except zlib.error:
                if self.encoding == "deflate" and not self.size:
                    # Some servers send raw deflate without the zlib header.
                    self.inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                    piece = self.inflater.decompress(data, room)
                else:
                    raise FetchFailed("The compressed page is damaged.", retryable=False) from None
            self.output.write(piece)
            self.size += len(piece)
            if self.size > self.limit:
                raise TooLarge(
                    f"The page unpacks to more than {self.limit // (1024 * 1024)} MB; it is not archived."
                )
            data = self.inflater.unconsumed_tail

    def close(self):
        if self.output is not None:
            self.output.close()


def _too_large(policy: FetchPolicy) -> str:
    return f"The page is larger than {policy.max_bytes // (1024 * 1024)} MB; it is not archived."


def _host_header(host: str, port: int, scheme: str) -> str:
    default = 443 if scheme == "https" else 80
    name = f"[{host}]" if ":" in host else host
    return name if port == default else f"{name}:{port}"


def _refusal_inside(failure: BaseException) -> FetchRefused | None:
    """urllib3 wraps what the connection raised; find a refusal of ours in the chain."""
    seen = failure
    while seen is not None:
        if isinstance(seen, FetchRefused):
            return seen
        seen = seen.__context__ or seen.__cause__
    return None


def _pinned_pool(scheme, host, port, address, policy, deadline):
    """A connection pool for `host` whose socket goes to the checked `address` only."""
    base = HTTPSConnection if scheme == "https" else HTTPConnection
    pool_class = urllib3.HTTPSConnectionPool if scheme == "https" else urllib3.HTTPConnectionPool

    class PinnedConnection(base):
        def _new_conn(self):
            self._dns_host = address  # connect to the address we checked, not a new lookup
            sock = super()._new_conn()
            peer = sock.getpeername()[0]
            reason = refusal(peer, policy)
            if reason:
                sock.close()
                raise FetchRefused(f"The connection reached {reason}; it was closed.")
            pool.peer_address = peer
            try:
                deadline.watch(sock)
            except FetchFailed:
                sock.close()
                raise
            return sock

    pool = pool_class(host, port, maxsize=1, retries=False)
    pool.ConnectionCls = PinnedConnection
    pool.peer_address = address
    return pool

"""Fetching pages a user named: URLs, URL lists and sitemaps, as RawDocuments.

Only what the user names is fetched (a URL, a line of a URL file, a ``<loc>`` of a sitemap they
gave); nothing a fetched page or article links to is ever followed. Every fetch:

- is ``http`` or ``https`` only (every redirect hop is checked too), at most ``max_redirects`` hops;
- obeys the host's ``robots.txt`` for crosswire's user agent (RFC 9309: a 4xx robots.txt allows
  everything, a 5xx or unreachable one forbids everything);
- waits ``per_host_interval`` seconds between two requests to one host;
- has a connect/read ``timeout`` and a whole-request ``deadline`` (a server dripping bytes is cut);
- is streamed against ``max_bytes`` (after decompression) and aborted past it;
- is retried ``retries`` times with exponential backoff on 5xx answers, timeouts and connection errors.

A URL that cannot be fetched becomes a :class:`Rejection` naming the URL and the reason; this
module never raises for a network problem. A fetched page is read exactly as a file named by its
URL would be (:func:`crosswire.ingest.readers.read_upload`): ``source`` is the URL as given, and
``url`` is the page's canonical URL or, failing that, the URL it was finally served from.
"""

from __future__ import annotations

import time
import urllib.robotparser
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from crosswire import __version__
from crosswire.models import RawDocument, Rejection

__all__ = ["USER_AGENT", "Fetched", "Fetcher", "fetch_documents", "is_url", "parse_sitemap", "read_url_file"]

USER_AGENT = f"crosswire/{__version__} (+https://github.com/crosswire; news cross-checking; obeys robots.txt)"
ROBOTS_AGENT = "crosswire"
SCHEMES = ("http", "https")
MAX_SITEMAP_URLS = 50_000  # the sitemap protocol's own limit per file
MAX_SITEMAP_DEPTH = 2  # a sitemap index of sitemaps; deeper nesting is refused


def is_url(text: str) -> bool:
    """True for an absolute http(s) URL with a host (what `crosswire add` fetches)."""
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in SCHEMES and bool(parts.hostname)


@dataclass
class Fetched:
    """One successful fetch: the URL asked for, the URL finally served, the body and its type."""

    url: str
    final_url: str
    status: int
    content: bytes
    content_type: str = ""


class _Failure(Exception):
    def __init__(self, reason: str, *, transient: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.transient = transient


@dataclass
class Fetcher:
    """A polite, bounded HTTP client (one per run; it remembers robots.txt and host timing)."""

    timeout: float = 10.0
    deadline: float = 60.0
    max_bytes: int = 10_000_000
    retries: int = 2
    backoff: float = 1.0
    per_host_interval: float = 1.0
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    obey_robots: bool = True
    _robots: dict[str, urllib.robotparser.RobotFileParser | bool | str] = field(default_factory=dict, repr=False)
    _last: dict[str, float] = field(default_factory=dict, repr=False)
    _client: object = field(default=None, repr=False)
    transient_failures: set[str] = field(default_factory=set, repr=False)

    # ----------------------------------------------------------------- public

    def fetch(self, url: str) -> Fetched | Rejection:
        """GET ``url`` within every bound above; a Rejection (never an exception) when it fails."""
        url = url.strip()
        if not is_url(url):
            return Rejection(url[:200], "not an http(s) URL")
        try:
            if self.obey_robots and not self._allowed(url):
                return Rejection(url, "refused by the site's robots.txt")
            return self._get_with_retries(url, self.max_bytes)
        except _Failure as exc:
            if exc.transient:
                self.transient_failures.add(url)
            return Rejection(url, exc.reason)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- internals

    def _http(self):
        import httpx

        if self._client is None:
            self._client = httpx.Client(
                timeout=httpx.Timeout(self.timeout),
                follow_redirects=False,  # each hop is checked here
                headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
                trust_env=False,  # no proxy or netrc from the environment
            )
        return self._client

    def _wait_for_host(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        port = urlsplit(url).port
        key = f"{host}:{port}"
        last = self._last.get(key)
        if last is not None:
            pause = self.per_host_interval - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[key] = time.monotonic()

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme.lower()}://{parts.netloc}"
        rules = self._robots.get(root)
        if rules is None:
            rules = self._load_robots(root)
            self._robots[root] = rules
        if isinstance(rules, str):  # the host could not be reached at all: say so, not "refused"
            raise _Failure(f"{rules} (reading {root}/robots.txt)", transient=True)
        if isinstance(rules, bool):
            return rules
        return rules.can_fetch(ROBOTS_AGENT, url)

    def _load_robots(self, root: str) -> urllib.robotparser.RobotFileParser | bool | str:
        try:
            got = self._get_with_retries(root + "/robots.txt", 500_000, robots=True)
        except _Failure as exc:
            if exc.reason.startswith("HTTP 4"):
                return True  # RFC 9309 2.3.1.3: "unavailable" -> no restrictions
            if exc.reason.startswith(("could not connect", "timed out")):
                return exc.reason  # unreachable: every URL of the host fails with this reason
            return False  # 5xx or unreachable -> assume complete disallow
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(got.content.decode("utf-8", errors="replace").splitlines())
        return parser

    def _get_with_retries(self, url: str, cap: int, robots: bool = False) -> Fetched:
        attempt = 0
        while True:
            try:
                return self._get(url, cap, robots)
            except _Failure as exc:
                if not exc.transient or attempt >= self.retries:
                    raise
                time.sleep(self.backoff * (2**attempt))
                attempt += 1

    def _get(self, url: str, cap: int, robots: bool) -> Fetched:
        import httpx

        current = url
        for _hop in range(self.max_redirects + 1):
            if not is_url(current):
                raise _Failure(f"redirected to a non-http(s) URL ({current[:100]})")
            if not robots and self.obey_robots and current != url and not self._allowed(current):
                raise _Failure(f"redirected to {current[:200]}, which the site's robots.txt refuses")
            self._wait_for_host(current)
            started = time.monotonic()
            try:
                with self._http().stream("GET", current) as response:
                    if response.is_redirect:
                        location = response.headers.get("location", "")
                        if not location:
                            raise _Failure(f"HTTP {response.status_code} redirect without a Location")
                        current = urljoin(current, location)
                        continue
                    if response.status_code >= 500:
                        raise _Failure(f"HTTP {response.status_code} from the server", transient=True)
                    if response.status_code >= 400:
                        raise _Failure(f"HTTP {response.status_code} ({response.reason_phrase or 'error'})")
                    if response.status_code != 200:
                        raise _Failure(f"HTTP {response.status_code}: no page to read")
                    body = self._read_body(response, cap, started)
                    return Fetched(url=url, final_url=current, status=response.status_code, content=body,
                                   content_type=response.headers.get("content-type", ""))
            except httpx.TimeoutException:
                raise _Failure(f"timed out after {self.timeout:g} s", transient=True) from None
            except httpx.TransportError as exc:
                reason = str(exc).strip() or type(exc).__name__
                raise _Failure(f"could not connect: {reason[:200]}", transient=True) from None
            except httpx.HTTPError as exc:
                raise _Failure(f"HTTP error: {type(exc).__name__}") from None
        raise _Failure(f"more than {self.max_redirects} redirects")

    def _read_body(self, response, cap: int, started: float) -> bytes:
        length = response.headers.get("content-length")
        if length and length.isdigit() and int(length) > cap:
            raise _Failure(f"answer too large ({int(length):,} bytes; the cap is {cap:,})")
        encoding = response.headers.get("content-encoding", "").strip().lower()
        if encoding in ("gzip", "x-gzip"):
            inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            inflate = zlib.decompressobj()
        elif encoding in ("", "identity"):
            inflate = None
        else:
            raise _Failure(f"unsupported content encoding {encoding[:40]!r}")
        out = bytearray()
        try:
            for chunk in response.iter_raw(65536):
                if time.monotonic() - started > self.deadline:
                    raise _Failure(f"took longer than {self.deadline:g} s", transient=True)
                if inflate is not None:
                    # max_length bounds what one compressed chunk may expand to (a gzip bomb)
                    chunk = inflate.decompress(inflate.unconsumed_tail + chunk, cap + 1 - len(out))
                out += chunk
                if len(out) > cap:
                    raise _Failure(f"answer too large (over the {cap:,}-byte cap)")
        except zlib.error:
            raise _Failure("corrupt compressed answer") from None
        return bytes(out)


# --------------------------------------------------------------------------- sitemaps, URL files


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def parse_sitemap(data: bytes) -> tuple[str, list[str]] | None:
    """``("urlset" | "sitemapindex", locs)`` for a sitemap, None for anything else.

    Parsed with defusedxml (no entities, no external references); at most MAX_SITEMAP_URLS locs."""
    head = data[:2048].lstrip().lower()
    if b"urlset" not in head and b"sitemapindex" not in head and b"<?xml" not in head[:10]:
        return None
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(data)
    except (DefusedXmlException, ParseError, ValueError):
        return None
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        return None
    locs: list[str] = []
    for child in root:
        for leaf in child:
            if _local(leaf.tag) == "loc" and leaf.text and leaf.text.strip():
                locs.append(leaf.text.strip())
                break
        if len(locs) >= MAX_SITEMAP_URLS:
            break
    return kind, locs


def _gunzip(data: bytes, cap: int) -> bytes:
    """A gzip file's content (``sitemap.xml.gz``), at most ``cap`` bytes; other data as given."""
    if data[:2] != b"\x1f\x8b":
        return data
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflate.decompress(data, cap + 1)
    except zlib.error:
        return data
    return data if len(out) > cap else out


def read_url_file(path: str, *, max_bytes: int = 5_000_000) -> tuple[list[str], list[Rejection]]:
    """URLs from a text file, one a line (blank lines and ``#`` comments skipped)."""
    urls: list[str] = []
    rejected: list[Rejection] = []
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        rejected.append(Rejection(path, f"URL list over {max_bytes:,} bytes; the rest was not read"))
        data = data[:max_bytes]
    for n, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if is_url(line):
            urls.append(line)
        else:
            rejected.append(Rejection(f"{path}:{n}", "not an http(s) URL"))
    return urls, rejected


# --------------------------------------------------------------------------- pages -> documents


def documents_from(fetched: Fetched) -> Iterator[RawDocument | Rejection]:
    """A fetched body read as a file named by its URL; ``url`` falls back to the final URL."""
    from crosswire.ingest.readers import read_upload

    for item in read_upload(fetched.url, fetched.content):
        if isinstance(item, RawDocument) and not item.url:
            item.url = fetched.final_url
        yield item


def fetch_documents(urls: Iterable[str], fetcher: Fetcher) -> Iterator[RawDocument | Rejection]:
    """Fetch each URL (a sitemap's pages in its place) and yield what the pages hold."""
    seen: set[str] = set()
    yield from _fetch_all(urls, fetcher, seen, 0)


def _fetch_all(urls: Iterable[str], fetcher: Fetcher, seen: set[str], depth: int) -> Iterator[RawDocument | Rejection]:
    for url in urls:
        url = url.strip()
        if url in seen:
            continue  # one fetch per URL per run
        seen.add(url)
        got = fetcher.fetch(url)
        if isinstance(got, Rejection):
            yield got
            continue
        sitemap = parse_sitemap(_gunzip(got.content, fetcher.max_bytes))
        if sitemap is None:
            yield from documents_from(got)
            continue
        kind, locs = sitemap
        if depth >= MAX_SITEMAP_DEPTH:
            yield Rejection(url, "sitemap nested too deeply (a sitemap index within a sitemap index)")
            continue
        if not locs:
            yield Rejection(url, f"sitemap ({kind}) lists no URLs")
            continue
        pages = [loc for loc in locs if is_url(loc)]
        for bad in (loc for loc in locs if not is_url(loc)):
            yield Rejection(f"{url} -> {bad[:100]}", "sitemap entry is not an http(s) URL")
        yield from _fetch_all(pages, fetcher, seen, depth + 1)

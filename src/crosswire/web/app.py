"""The HTTP API and the web page: a thin FastAPI shell over crosswire's Python API.

Every route makes one call on :class:`crosswire.Store` and one call on a renderer. What the
shell adds is the edge of the world: bounded request bodies, JSON errors (never a traceback),
a bearer token when the server is reachable from other hosts, and a strict CSP on every answer.
"""

from __future__ import annotations

import asyncio
import functools
import hmac
import ipaddress
import json
import os
import re
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from crosswire import __version__
from crosswire.errors import CrosswireError, InputError, NotFound, StoreError
from crosswire.models import RawDocument, Upload
from crosswire.pipeline import looks_like_html, paste_too_short
from crosswire.web.work import PoolFull, PoolTimeout, RenderCache, WorkPool

HERE = Path(__file__).parent
TOKEN_ENV = "CROSSWIRE_TOKEN"
COOKIE = "crosswire_token"
MAX_ARTICLES = 2000  # per request: each becomes a pipeline run's worth of work
MAX_FILES = 500
TEXT_FIELDS = ("title", "source", "url", "published", "outlet")
# Analyses are CPU-bound and write the store's story state: one worker on the event loop's
# side keeps the page and the API answering; ANALYSIS_QUEUE more wait, beyond that 503.
ANALYSIS_WORKERS = 1
ANALYSIS_QUEUE = 8
ANALYSIS_TIMEOUT = 300.0  # seconds a request waits for its analysis (which then goes on)
BODY_TIMEOUT = 30.0  # seconds a client may take between two chunks of its request body
MAX_CONNECTIONS = 512  # open connections and tasks uvicorn takes before answering 503 itself
GRACEFUL_SHUTDOWN = 30.0  # seconds requests in flight get to finish after SIGTERM
# Renders of dossiers run in a worker process of their own (see crosswire.web.work): one is
# enough, since each render is kept until its story changes; beyond RENDER_QUEUE distinct
# renders waiting, a GET is answered 503.
RENDER_WORKERS = 1
RENDER_QUEUE = 64
RENDER_TIMEOUT = 60.0
MERGE_SLOT = "<!-- crosswire:merge-form -->"  # where a cached page takes its merge form


def _too_short(text: str, where: str) -> None:
    """Refuse a pasted text too short to be an article (the pipeline's own rule, as a 422)."""
    why = paste_too_short(text)
    if why:
        raise ApiError(422, f"{where} is {why}")


DOSSIER_FORMATS = {
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "jsonld": "application/ld+json",
}
_ACCEPT = {
    "application/json": "json", "text/markdown": "md", "text/x-markdown": "md", "text/html": "html",
    "text/csv": "csv", "application/ld+json": "jsonld", "*/*": "json", "application/*": "json",
}
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}

_templates = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True,
                         undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


class ApiError(Exception):
    """A request the API refuses, answered as ``{"error": message}`` with ``status``."""

    def __init__(self, status: int, message: str, **extra: Any):
        super().__init__(message)
        self.status, self.message, self.extra = status, message, extra


class _BodyTooLarge(Exception):
    pass


class _BodyTimeout(Exception):
    pass


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address, maybe ``[v6]``) only accepts local connections."""
    host = host.strip().strip("[]").lower()
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _csp() -> str:
    from crosswire.report.html import STYLE_CSP_SOURCE

    # The standalone dossier (?format=html) inlines its stylesheet: allowed by hash, nothing else.
    return ("default-src 'self'; script-src 'self'; style-src 'self' " + STYLE_CSP_SOURCE + "; "
            "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'")


class _Guard:
    """ASGI middleware: security headers, request-body bound, and Host/Origin checks."""

    def __init__(self, app, *, max_body_bytes: int, token: str | None, body_timeout: float = BODY_TIMEOUT):
        self.app, self.limit, self.token, self.body_timeout = app, max_body_bytes, token, body_timeout
        self.headers = [
            (b"content-security-policy", _csp().encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"cross-origin-resource-policy", b"same-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
        ]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + self.headers
                if scope["path"].startswith("/api/"):
                    message["headers"].append((b"cache-control", b"no-store"))
            await send(message)

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refuse(scope, headers)
        if refusal:
            return await _send_error(send_with_headers, *refusal)
        received = 0
        body_done = False

        async def bounded_receive():
            nonlocal received, body_done
            if body_done:  # after the body only a disconnect comes: no deadline for it
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), self.body_timeout)
            except asyncio.TimeoutError:
                raise _BodyTimeout from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _BodyTooLarge
                body_done = not message.get("more_body", False)
            return message

        try:
            await self.app(scope, bounded_receive, send_with_headers)
        except _BodyTooLarge:
            if not started:
                await _send_error(send_with_headers, 413, self._too_large())
        except _BodyTimeout:
            if not started:
                await _send_error(send_with_headers, 408,
                                  f"request body not received within {self.body_timeout:g} s")

    def _too_large(self) -> str:
        return f"request body larger than {self.limit:,} bytes"

    def _refuse(self, scope, headers: dict[str, str]) -> tuple[int, str] | None:
        length = headers.get("content-length")
        if length is not None:
            if not length.isdigit():
                return 400, "invalid Content-Length header"
            if int(length) > self.limit:
                return 413, self._too_large()
        host = headers.get("host", "")
        hostname = re.sub(r":\d+$", "", host)
        # Without a token the server must only answer to local names: a web page elsewhere could
        # otherwise reach it through DNS rebinding and read the store.
        if self.token is None and not is_loopback(hostname):
            return 403, "this server answers only to localhost; start it with a token to expose it"
        origin = headers.get("origin")
        if scope["method"] not in ("GET", "HEAD", "OPTIONS") and origin is not None:
            # "null" too: it is what a sandboxed frame on any site sends.
            if re.sub(r"^[a-z]+://", "", origin.lower()) != host.lower():
                return 403, "cross-origin request refused"
        return None


async def _send_error(send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


# --------------------------------------------------------------------------- request parsing


def _looks_like_html(text: str) -> bool:
    return looks_like_html(text)


def _document(text: str, fields: dict[str, Any], n: int) -> RawDocument:
    def field_str(name: str) -> str | None:
        value = fields.get(name)
        return value.strip() or None if isinstance(value, str) else None

    return RawDocument(
        source=field_str("source") or field_str("url") or f"pasted-{n}",
        content=text,
        kind="html" if _looks_like_html(text) else "text",
        title=field_str("title"),
        url=field_str("url"),
        outlet=field_str("outlet"),
        published=field_str("published"),
    )


def _documents_from_json(body: bytes) -> list[RawDocument]:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        # ValueError covers JSONDecodeError, bad UTF-8 and over-long integer literals;
        # RecursionError a hostile nesting depth. None of them may become a 500.
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)[:200]
        raise ApiError(400, f"malformed JSON: {reason}") from None
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise ApiError(400, 'expected a JSON object {"articles": [{"text": ...}, ...]}')
    articles = data["articles"]
    if len(articles) > MAX_ARTICLES:
        raise ApiError(413, f"more than {MAX_ARTICLES} articles in one request")
    docs = []
    for i, item in enumerate(articles):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise ApiError(400, f"articles[{i}] must be an object with a string 'text'")
        for name in TEXT_FIELDS:
            if item.get(name) is not None and not isinstance(item[name], str):
                raise ApiError(400, f"articles[{i}].{name} must be a string or null")
        _too_short(item["text"], f"articles[{i}]")
        docs.append(_document(item["text"], item, i + 1))
    return docs


async def _inputs_from_form(request: Request) -> list[RawDocument | Upload]:
    """Pasted text fields as documents; uploaded files as Uploads, read like files of their name."""
    form = await request.form(max_files=MAX_FILES, max_fields=1000, max_part_size=request.app.state.max_body)
    inputs: list[RawDocument | Upload] = []
    fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
    for key, value in form.multi_items():
        if isinstance(value, str):
            if key == "text" and value.strip():
                _too_short(value, "the pasted text")
                inputs.append(_document(value, fields, len(inputs) + 1))
            continue
        if not value.filename and not value.size:
            continue  # an empty file input in a submitted form
        data = await value.read()
        name = os.path.basename((value.filename or "").replace("\\", "/"))[:200] or f"upload-{len(inputs) + 1}"
        inputs.append(Upload(name=name, data=data))
    await form.close()
    return inputs


async def _read_inputs(request: Request) -> list[RawDocument | Upload]:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        body = await request.body()
        return await run_in_threadpool(_documents_from_json, body)  # 25 MB of JSON is CPU time
    if ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        return await _inputs_from_form(request)
    raise ApiError(415, "send application/json {\"articles\": [...]} or multipart/form-data files"
                   + (f", not {ctype}" if ctype else ""))


# --------------------------------------------------------------------------- analysis workers


@dataclass
class _Analysed:
    stories: int
    rejected: list[dict]
    analysis: Any = None  # the Analysis, unless the JSON body was asked for
    body: bytes | None = None
    touched: frozenset[str] = frozenset()  # ids of the stories whose cached renders are stale


def _listed(store) -> dict[str, tuple]:
    return {s.id: (s.title, s.first_published, s.last_published, tuple(s.article_ids)) for s in store.stories()}


def _analyze_with(store, inputs, as_json: bool) -> _Analysed:
    from crosswire.report import json as cjson

    # The stories an analysis changes are more than those it answers: grouping may fold a story
    # into another (it is deleted) and move members; a writer beside us may change others.
    before = _listed(store)
    analysis = store.analyze(inputs)
    after = _listed(store)
    touched = frozenset({d.story.id for d in analysis.stories}
                        | {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)})
    rejected = [{"source": r.source, "error": r.error} for r in analysis.rejected]
    if as_json:
        body = JSONResponse(cjson.analysis_to_dict(analysis)).body if analysis.stories else None
        return _Analysed(len(analysis.stories), rejected, body=body, touched=touched)
    return _Analysed(len(analysis.stories), rejected, analysis=analysis, touched=touched)


_worker_stores: dict[str, Any] = {}

# The corrections the HTTP API offers: each one call on crosswire.Store, run like an analysis
# (on the pool: one writer at a time with the analyses, off the event loop).
CORRECTIONS = ("delete_article", "delete_story", "merge_stories", "split_story", "rename_story", "set_article")
MAX_CORRECTION_BODY = 100_000


def _correct_with(store, method: str, args: tuple, kwargs: dict) -> dict | None:
    from crosswire.report import json as cjson

    if method not in CORRECTIONS:
        raise ValueError(method)
    dossier = getattr(store, method)(*args, **kwargs)
    return cjson.dossier_to_dict(dossier) if dossier is not None else None


def _correct_in_worker(path: str, method: str, args: tuple, kwargs: dict) -> dict | None:
    from crosswire.api import Store

    if path not in _worker_stores:
        _worker_stores[path] = Store(path)
    return _correct_with(_worker_stores[path], method, args, kwargs)


def _analyze_in_worker(path: str, inputs, as_json: bool) -> _Analysed:
    """In a worker process: the store at ``path`` opened once per process, then one analysis."""
    return _analyze_with(_worker_store(path), inputs, as_json)


def _worker_store(path: str):
    from crosswire.api import Store

    if path not in _worker_stores:
        _worker_stores[path] = Store(path)
    return _worker_stores[path]


# --------------------------------------------------------------------------- renders


def _page_html(name: str, **ctx: Any) -> str:
    return _templates.get_template(name).render(version=__version__, **ctx)


def _render_story(store, story_id: str, fmt: str) -> tuple[tuple[bytes, ...], str, dict[str, str]]:
    """A dossier in ``fmt`` as (parts, media type, headers); the web page ("page") is two parts,
    before and after its merge form, which lists the other stories and is rendered apart."""
    from crosswire.report import json as cjson
    from crosswire.report.exports import render_csv, render_jsonld
    from crosswire.report.html import render_html
    from crosswire.report.markdown import render_markdown

    dossier = store.dossier(story_id)
    headers: dict[str, str] = {}
    if fmt == "page":
        from crosswire.report.numbering import article_refs

        html = _page_html("story.html", dossier=dossier, body=Markup(render_html(dossier, standalone=False)),
                          formats=[f for f in DOSSIER_FORMATS if f != "html"], merge_form=Markup(MERGE_SLOT),
                          refs=sorted(article_refs(dossier).values(), key=lambda r: r.n))
        # The first slot is the template's: every text of the dossier is escaped ("<" as &lt;).
        head, _, tail = html.partition(MERGE_SLOT)
        return (head.encode(), tail.encode()), "text/html; charset=utf-8", headers
    if fmt == "json":
        body = JSONResponse(cjson.dossier_to_dict(dossier)).body
    elif fmt == "jsonld":
        body = JSONResponse(render_jsonld(dossier)).body
    elif fmt == "md":
        body = render_markdown(dossier).encode()
    elif fmt == "html":
        body = render_html(dossier, standalone=True).encode()
    else:
        body = render_csv(dossier).encode()
        headers["Content-Disposition"] = f'attachment; filename="{_filename(story_id)}.csv"'
    return (body,), DOSSIER_FORMATS[fmt], headers


def _render_in_worker(path: str, story_id: str, fmt: str) -> tuple[tuple[bytes, ...], str, dict[str, str]]:
    """In the render worker process: the store at ``path`` opened once, then one render."""
    return _render_story(_worker_store(path), story_id, fmt)


def _warm_renderer(path: str) -> None:
    """Started with the server: the render worker imports and opens the store before a reader waits."""
    import crosswire.report.exports  # noqa: F401
    import crosswire.report.html  # noqa: F401
    import crosswire.report.markdown  # noqa: F401

    _worker_store(path)


# --------------------------------------------------------------------------- app


def create_app(store=None, *, token: str | None = None, max_body_bytes: int = 25_000_000,
               analysis_workers: int = ANALYSIS_WORKERS, analysis_queue: int = ANALYSIS_QUEUE,
               analysis_timeout: float = ANALYSIS_TIMEOUT, body_timeout: float = BODY_TIMEOUT,
               render_ttl: float = 5.0, analysis_processes: bool | None = None) -> FastAPI:
    """The FastAPI application over ``store`` (default: the store at ``$CROSSWIRE_HOME``).

    Analyses run on ``analysis_workers`` worker processes (threads with
    ``analysis_processes=False``, or when the store is not a file) with ``analysis_queue`` more admitted to wait;
    a request beyond that gets 503 with ``Retry-After``. A request waits ``analysis_timeout``
    seconds for its analysis, then gets 504 (the analysis completes and is stored). Renders
    of a dossier are cached for ``render_ttl`` seconds, and dropped when an analysis ends.
    """
    from crosswire.api import Store
    from crosswire.report import json as cjson
    from crosswire.report.html import CSS

    token = token or None  # an empty token is no token (and must not lift the Host check)
    store = store if store is not None else Store()
    if analysis_processes is None:  # a store in a file can be opened by a worker process
        analysis_processes = str(store.path) != ":memory:" and Path(store.path).is_file()
    processes = analysis_processes
    pool = WorkPool("analysis", workers=analysis_workers, queue=analysis_queue, processes=processes)
    # A render worker lives as long as the server: restarting it costs a second of imports,
    # which the readers of the page being rendered would wait for.
    renderer = WorkPool("render", workers=RENDER_WORKERS, queue=RENDER_QUEUE, processes=processes,
                        max_tasks_per_child=None)
    cache = RenderCache(ttl=render_ttl)
    warming: set[asyncio.Task] = set()

    @asynccontextmanager
    async def lifespan(_app):
        if processes:
            task = asyncio.ensure_future(warm_renderer())
            warming.add(task)
            task.add_done_callback(warming.discard)
        yield
        # Graceful shutdown: uvicorn has stopped accepting and let requests in flight finish;
        # analyses still running complete their writes before the process ends.
        await asyncio.to_thread(pool.shutdown)
        await asyncio.to_thread(renderer.shutdown)

    app = FastAPI(title="crosswire", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Cross-check the news: one dossier per story, claim by claim.")
    app.state.store, app.state.token, app.state.max_body = store, token, max_body_bytes
    app.state.analysis_pool, app.state.render_pool, app.state.render_cache = pool, renderer, cache
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.add_middleware(_Guard, max_body_bytes=max_body_bytes, token=token, body_timeout=body_timeout)

    def authorized(request: Request) -> bool:
        if not token:
            return True
        auth = request.headers.get("authorization", "")
        given = auth[7:].strip() if auth[:7].lower() == "bearer " else request.cookies.get(COOKIE, "")
        return hmac.compare_digest(given.encode(), token.encode())

    def require_token(request: Request) -> None:
        if not authorized(request):
            raise ApiError(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})

    def page(name: str, code: int = 200, **ctx: Any) -> HTMLResponse:
        return HTMLResponse(_page_html(name, **ctx), status_code=code)

    def after_analysis(result: _Analysed | None) -> None:
        # Only the stories the analysis changed are rendered again (a failed one: all of them).
        if result is None:
            cache.clear()
        else:
            cache.invalidate(result.touched)

    async def analyse(request: Request, as_json: bool = False) -> _Analysed:
        """Admit, read, analyse on the pool: the Analysis, or with ``as_json`` its JSON bytes."""
        try:
            slot = pool.admit()  # before the body is read: a refusal costs neither side the upload
        except PoolFull as exc:
            raise ApiError(503, str(exc), headers={"Retry-After": str(exc.retry_after)}) from None
        with slot:
            inputs = await _read_inputs(request)
            if not inputs:
                raise ApiError(422, "nothing to analyse: send at least one article text or file")
            job = (functools.partial(_analyze_in_worker, str(store.path)) if processes
                   else functools.partial(_analyze_with, store))
            try:
                # on_done: the stories changed, so their cached renders are stale (also after a timeout).
                result = await slot.run(job, inputs, as_json, timeout=analysis_timeout, on_done=after_analysis)
            except PoolTimeout:
                raise ApiError(504, f"the analysis took longer than {analysis_timeout:g} s; it goes on, "
                               "and its stories will be listed at /api/stories when it ends") from None
            except BrokenProcessPool:
                raise ApiError(503, "the analysis worker stopped (out of memory?); it has been restarted",
                               headers={"Retry-After": "5"}) from None
        if not result.stories:
            reasons = "; ".join(f"{r['source']}: {r['error']}" for r in result.rejected[:5])
            raise ApiError(422, "nothing analysable" + (f" ({reasons})" if reasons else ""),
                           rejected=result.rejected)
        return result

    async def correct(method: str, *args: Any, **kwargs: Any) -> dict | None:
        """One correction on the pool (queued with the analyses); cached renders dropped after."""
        try:
            slot = pool.admit()
        except PoolFull as exc:
            raise ApiError(503, str(exc), headers={"Retry-After": str(exc.retry_after)}) from None
        with slot:
            job = (functools.partial(_correct_in_worker, str(store.path)) if processes
                   else functools.partial(_correct_with, store))
            try:
                return await slot.run(job, method, args, kwargs, timeout=analysis_timeout,
                                      on_done=lambda _result: cache.clear())
            except PoolTimeout:
                raise ApiError(504, f"the correction took longer than {analysis_timeout:g} s; it goes on") from None

    async def json_body(request: Request) -> dict:
        """A correction's small JSON object body."""
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype != "application/json":
            # JSON only: a cross-site HTML form cannot send it without the browser asking first.
            raise ApiError(415, "send the correction as application/json")
        body = await request.body()
        if len(body) > MAX_CORRECTION_BODY:
            raise ApiError(413, f"a correction's body is at most {MAX_CORRECTION_BODY:,} bytes")
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            raise ApiError(400, "malformed JSON") from None
        if not isinstance(data, dict):
            raise ApiError(400, "expected a JSON object")
        return data

    def id_list(data: dict, name: str) -> list[str]:
        value = data.get(name)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise ApiError(400, f"{name!r} must be a non-empty list of ids")
        if len(value) > MAX_ARTICLES:
            raise ApiError(413, f"more than {MAX_ARTICLES} ids")
        return value

    def optional_str(data: dict, name: str) -> str | None:
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            raise ApiError(400, f"{name!r} must be a string or null")
        return value

    async def in_thread_page(name: str, **ctx: Any) -> HTMLResponse:
        return await run_in_threadpool(lambda: page(name, **ctx))

    async def warm_renderer() -> None:
        try:
            with renderer.admit() as slot:
                await slot.run(_warm_renderer, str(store.path), timeout=RENDER_TIMEOUT)
        except Exception:  # a render will say what is wrong, to the reader who asked for it
            pass

    async def render(story_id: str, fmt: str) -> tuple[Any, int]:
        """One render on the render pool; PoolFull and PoolTimeout raise to the cache as they are."""
        with renderer.admit() as slot:
            job = (functools.partial(_render_in_worker, str(store.path)) if processes
                   else functools.partial(_render_story, store))
            value = await slot.run(job, story_id, fmt, timeout=RENDER_TIMEOUT)
        return value, sum(len(part) for part in value[0])

    def merge_form(story_id: str) -> tuple[bytes, int]:
        others = [s for s in store.stories() if s.id != story_id]
        body = _templates.get_template("merge_form.html").render(others=others).encode()
        return body, len(body)

    async def story_response(story_id: str, fmt: str) -> Response:
        try:
            parts, media, headers = await cache.get((story_id, fmt), lambda: render(story_id, fmt))
        except PoolFull as exc:
            raise ApiError(503, f"the server is busy rendering other dossiers; retry in {exc.retry_after} s",
                           headers={"Retry-After": str(exc.retry_after)}) from None
        except PoolTimeout:
            raise ApiError(504, f"the dossier took longer than {RENDER_TIMEOUT:g} s to render") from None
        except BrokenProcessPool:
            raise ApiError(503, "the render worker stopped (out of memory?); it has been restarted",
                           headers={"Retry-After": "5"}) from None
        if fmt == "page":
            # The merge form lists the other stories: it changes with the list, not the dossier.
            form = await cache.get(("", "merge-form", story_id), lambda: run_in_threadpool(merge_form, story_id))
            body = parts[0] + form + parts[1]
        else:
            body = parts[0]
        return Response(body, media_type=media, headers=headers)

    # ------------------------------------------------------------------ errors

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")

    @app.exception_handler(ApiError)
    async def on_api_error(request: Request, exc: ApiError):
        headers = exc.extra.pop("headers", None)
        if wants_html(request):
            response = page("error.html", exc.status, status=exc.status, message=exc.message,
                            login=exc.status == 401)
            response.headers.update(headers or {})
            return response
        return JSONResponse({"error": exc.message, **exc.extra}, exc.status, headers=headers)

    @app.exception_handler(HTTPException)
    async def on_http_error(request: Request, exc: HTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such resource: {request.url.path}"
        if wants_html(request):
            return page("error.html", exc.status_code, status=exc.status_code, message=message, login=False)
        return JSONResponse({"error": message}, exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return JSONResponse({"error": f"invalid request: {where} {first.get('msg', '')}".strip()}, 400)

    @app.exception_handler(NotFound)
    async def on_not_found(request: Request, exc: NotFound):
        return await on_api_error(request, ApiError(404, str(exc) or "not found"))

    @app.exception_handler(CrosswireError)
    async def on_crosswire_error(request: Request, exc: CrosswireError):
        # An input the pipeline cannot take is "nothing analysable"; a store failure is ours.
        status = 422 if isinstance(exc, InputError) else 503 if isinstance(exc, StoreError) else 400
        return await on_api_error(request, ApiError(status, str(exc) or type(exc).__name__))

    @app.exception_handler(Exception)
    async def on_bug(request: Request, exc: Exception):
        # The traceback goes to the server log (uvicorn re-raises), never to the client.
        return JSONResponse({"error": "internal error"}, 500)

    # ------------------------------------------------------------------ API

    analyze_body = {
        "requestBody": {"required": True, "content": {
            "application/json": {"schema": {"type": "object", "required": ["articles"], "properties": {
                "articles": {"type": "array", "items": {"type": "object", "required": ["text"], "properties": {
                    name: {"type": "string"} for name in ("text", *TEXT_FIELDS)}}}}}},
            "multipart/form-data": {"schema": {"type": "object", "properties": {
                "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                "text": {"type": "string"}}}},
        }},
        "responses": {str(s): {"description": d} for s, d in (
            (400, "malformed request"), (401, "missing or wrong token"), (413, "body too large"),
            (415, "wrong content type"), (422, "nothing analysable"),
            (503, "every analysis worker busy and the queue full: retry after Retry-After seconds"),
            (504, "the analysis outlived the request timeout (it completes and is stored)"))},
    }

    @app.post("/api/analyze", summary="Analyse articles into story dossiers", openapi_extra=analyze_body,
              tags=["api"])
    async def api_analyze(request: Request):
        """Answers the same document as crosswire analyze --json."""
        require_token(request)
        result = await analyse(request, as_json=True)
        return Response(result.body, media_type="application/json")

    @app.get("/api/stories", summary="List the stories in the store", tags=["api"])
    async def api_stories(request: Request, q: str | None = None):
        """{"stories": [{id, title, articles, first_published, last_published}]}; q filters by title."""
        require_token(request)
        def listing() -> tuple[bytes, int]:
            stories = store.stories()
            if q:  # every word, in any order ("earthquake Qeshm" finds "Qeshm earthquake")
                words = q.casefold().split()[:16]
                stories = [s for s in stories if all(w in (s.title or "").casefold() or w in s.id for w in words)]
            body = JSONResponse(cjson.stories_to_dict(stories)).body
            return body, len(body)

        body = await cache.get(("", "listing", q or ""), lambda: run_in_threadpool(listing))
        return Response(body, media_type="application/json")

    @app.get("/api/stories/{story_id}", summary="One story's dossier", tags=["api"],
             responses={404: {"description": "unknown story"}})
    async def api_story(request: Request, story_id: str, format: str | None = None):
        """The DOSSIER as json, md, html, csv or jsonld, by ?format= or the Accept header."""
        require_token(request)
        fmt = format or _from_accept(request.headers.get("accept", ""))
        if fmt not in DOSSIER_FORMATS:
            raise ApiError(400, f"unknown format {fmt!r}: use one of {', '.join(DOSSIER_FORMATS)}")
        return await story_response(story_id, fmt)

    @app.get("/api/articles/{article_id}", summary="One article", tags=["api"],
             responses={404: {"description": "unknown article"}})
    async def api_article(request: Request, article_id: str):
        require_token(request)
        article = await run_in_threadpool(store.article, article_id)
        return JSONResponse(cjson.article_to_dict(article))

    @app.get("/api/search", summary="Search article text and claims", tags=["api"])
    async def api_search(request: Request, q: str = "", limit: int = 20):
        """{"query", "hits": [{kind: article|claim, id, story_id, story_title, text}]}: every word
        of q, in any order, best first (no query syntax: the words are taken as words)."""
        require_token(request)
        if len(q) > 2000:
            raise ApiError(400, "a search is at most 2,000 characters")
        hits = await run_in_threadpool(store.search, q, limit=max(1, min(limit, 200)))
        return JSONResponse(cjson.search_to_dict(q, hits))

    @app.delete("/api/articles/{article_id}", summary="Delete an article", tags=["corrections"],
                responses={404: {"description": "unknown article"}})
    async def api_delete_article(request: Request, article_id: str):
        """{"deleted": id, "dossier": its story's rebuilt DOSSIER, or null when the story is gone}."""
        require_token(request)
        return JSONResponse({"deleted": article_id, "dossier": await correct("delete_article", article_id)})

    @app.patch("/api/articles/{article_id}", summary="Set an article's outlet or publication date",
               tags=["corrections"], responses={404: {"description": "unknown article"}})
    async def api_set_article(request: Request, article_id: str):
        """Body {"outlet"?: str|null, "published"?: "YYYY-MM-DD"|null}; answers {"dossier": ...}."""
        require_token(request)
        data = await json_body(request)
        fields = {name: optional_str(data, name) for name in ("outlet", "published") if name in data}
        if not fields:
            raise ApiError(400, "send \"outlet\" and/or \"published\"")
        return JSONResponse({"dossier": await correct("set_article", article_id, **fields)})

    @app.delete("/api/stories/{story_id}", summary="Delete a story and its articles", tags=["corrections"],
                responses={404: {"description": "unknown story"}})
    async def api_delete_story(request: Request, story_id: str):
        require_token(request)
        await correct("delete_story", story_id)
        return JSONResponse({"deleted": story_id})

    @app.patch("/api/stories/{story_id}", summary="Rename a story", tags=["corrections"],
               responses={404: {"description": "unknown story"}})
    async def api_rename_story(request: Request, story_id: str):
        """Body {"title": str|null} (null or "": crosswire's own title again); answers the DOSSIER."""
        require_token(request)
        data = await json_body(request)
        if "title" not in data:
            raise ApiError(400, "send {\"title\": ...}")
        return JSONResponse(await correct("rename_story", story_id, optional_str(data, "title")))

    @app.post("/api/stories/{story_id}/merge", summary="Merge other stories into this one", tags=["corrections"],
              responses={404: {"description": "unknown story"}})
    async def api_merge(request: Request, story_id: str):
        """Body {"stories": [ids]}; answers this story's rebuilt DOSSIER."""
        require_token(request)
        data = await json_body(request)
        return JSONResponse(await correct("merge_stories", story_id, id_list(data, "stories")))

    @app.post("/api/stories/{story_id}/split", summary="Split articles out into a new story", tags=["corrections"],
              status_code=201, responses={404: {"description": "unknown story"}})
    async def api_split(request: Request, story_id: str):
        """Body {"articles": [ids], "title"?: str}; answers the new story's DOSSIER (201)."""
        require_token(request)
        data = await json_body(request)
        dossier = await correct("split_story", story_id, id_list(data, "articles"), title=optional_str(data, "title"))
        return JSONResponse(dossier, 201)

    @app.get("/api/status", summary="The analysis queue and the render cache", tags=["api"])
    async def api_status(request: Request):
        """{"analyses": {workers, capacity, running, waiting, done, refused, kind},
        "renders": {cached, hits, misses, refreshes, pool: {...}}}."""
        require_token(request)
        return JSONResponse({"analyses": pool.status(),
                             "renders": {"cached": len(cache._entries), "hits": cache.hits, "misses": cache.misses,
                                         "refreshes": cache.refreshes, "pool": renderer.status()}})

    # ------------------------------------------------------------------ pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index(request: Request):
        if not authorized(request):
            return page("index.html", stories=None, login=True, error=None)
        stories = await run_in_threadpool(store.stories)
        return await in_thread_page("index.html", stories=stories, login=False, error=None)

    @app.post("/analyze", include_in_schema=False)
    async def form_analyze(request: Request):
        """The page's form without JavaScript: analyse, then go to the dossier."""
        require_token(request)
        analysis = (await analyse(request)).analysis
        if len(analysis.stories) == 1:
            return RedirectResponse(f"/stories/{analysis.stories[0].story.id}", status_code=303)
        return await in_thread_page("results.html", analysis=analysis)

    @app.post("/login", include_in_schema=False)
    async def login(request: Request):
        form = await request.form(max_files=0, max_fields=5, max_part_size=4096)
        given = form.get("token")
        if not token or not isinstance(given, str) or not hmac.compare_digest(given.encode(), token.encode()):
            raise ApiError(401, "wrong token")
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
        return response

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def story_page(request: Request, story_id: str):
        require_token(request)
        return await story_response(story_id, "page")

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon():
        return RedirectResponse("/static/favicon.svg", status_code=301)

    @app.get("/dossier.css", include_in_schema=False)
    async def dossier_css():
        return Response(CSS, media_type="text/css; charset=utf-8")

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    async def docs():
        return page("docs.html", spec=app.openapi())

    return app


def _from_accept(accept: str) -> str:
    for part in accept.split(","):
        media, _, params = part.strip().partition(";")
        if "q=0" in params.replace(" ", "") and not re.search(r"q=0\.\d*[1-9]", params):
            continue
        fmt = _ACCEPT.get(media.strip().lower())
        if fmt:
            return fmt
    return "json"


def _filename(story_id: str) -> str:
    return re.sub(r"[^\w.\-]+", "_", story_id)[:80] or "dossier"


def serve(host: str = "127.0.0.1", port: int = 8000, store=None, token: str | None = None,
          access_log: bool = False) -> None:
    """Run the app under uvicorn; a host other than loopback needs a token (arg or $CROSSWIRE_TOKEN).
    ``access_log`` logs a line per request on stderr."""
    import uvicorn

    token = token or os.environ.get(TOKEN_ENV) or None
    if not isinstance(port, int) or not 0 <= port <= 65535:
        raise CrosswireError(f"invalid port {port!r}: use a number from 0 to 65535")
    if not is_loopback(host) and not token:
        raise CrosswireError(
            f"refusing to serve on {host}: it is reachable from other machines, so a token is "
            f"required (pass --token or set {TOKEN_ENV}); or bind to 127.0.0.1")
    app = create_app(store, token=token)
    # limit_concurrency: connections beyond it get 503 from uvicorn before any of our work;
    # timeout_graceful_shutdown: on SIGTERM/SIGINT, requests in flight get this long to finish;
    # access_log: one log line per request was a sixth of the server's CPU under load (py-spy
    # over benchmarks/load.py), so only startup, shutdown and errors are logged unless asked.
    uvicorn.run(app, host=host, port=port, server_header=False, proxy_headers=False,
                timeout_keep_alive=5, limit_concurrency=MAX_CONNECTIONS,
                timeout_graceful_shutdown=GRACEFUL_SHUTDOWN, log_level="info", access_log=access_log)

"""The command line: each command parses its arguments and makes one call to the Python API.

stdout carries only the result; progress, logs and errors go to stderr.

Exit codes (``EXIT_CODES`` is the one table; ``crosswire --help`` and the README show it):
"""

from __future__ import annotations

import functools
import logging
import sys
from pathlib import Path

import click

from . import __version__
from .errors import CrosswireError, InvalidCorrection, NotFound, StoreError

EXIT_CODES = {
    0: "success (some inputs may have been rejected: they are listed in `rejected`)",
    1: "nothing could be analysed (every input was rejected or empty)",
    2: "wrong arguments",
    3: "unknown story or article id",
    4: "the store cannot be opened or written",
    70: "internal error (a bug: run again with --debug and report the traceback)",
}

DOSSIER_FORMATS = ("json", "md", "html", "csv", "jsonld")

log = logging.getLogger("crosswire")


def _exit_table() -> str:
    return "\n".join(f"  {code:>3}  {meaning}" for code, meaning in EXIT_CODES.items())


__doc__ += "\n" + _exit_table() + "\n"


class _State:
    debug = False


def _fail(message: str, code: int) -> None:
    click.echo(f"crosswire: {message}", err=True)
    sys.exit(code)


def handle_errors(fn):
    """One clear line for every failure; the traceback only with --debug."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except NotFound as exc:
            _fail(str(exc), 3)
        except StoreError as exc:
            _fail(str(exc), 4)
        except InvalidCorrection as exc:
            _fail(str(exc), 2)
        except CrosswireError as exc:
            _fail(str(exc), 1)
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except BrokenPipeError:
            sys.exit(0)
        except Exception as exc:
            if _State.debug:
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)", 70)

    return wrapper


def _store(path: str | None):
    from .api import Store

    return Store(path)


def _progress():
    """A rich progress bar on a terminal's stderr; nothing when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None, None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("{task.description:>8}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=Console(stderr=True), transient=True)
    tasks: dict[str, int] = {}

    def update(stage: str, done: int, total: int | None) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done, total=total)

    return bar, update


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog="Exit codes:\n\n\b\n" + _exit_table())
@click.version_option(__version__, prog_name="crosswire")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs.")
@click.option("--store", "store_path", envvar="CROSSWIRE_STORE", metavar="FILE|URL",
              help="SQLite store file, or a PostgreSQL URL postgresql://user@host/db "
                   "(default: $CROSSWIRE_HOME/crosswire.db).")
@click.pass_context
def main(ctx: click.Context, debug: bool, store_path: str | None) -> None:
    """crosswire: cross-check the news, one dossier per story."""
    _State.debug = debug
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    ctx.obj = {"store": store_path}


def _store_option(fn):
    """``--store`` accepted after the subcommand too (``crosswire analyze x --store s.db``)."""

    def remember(ctx: click.Context, _param, value):
        if value is not None:
            ctx.ensure_object(dict)["store"] = value
        return value

    return click.option("--store", "_store_path", type=click.Path(dir_okay=False), expose_value=False,
                        callback=remember, is_eager=True,
                        help="SQLite store file (as the global --store).")(fn)


def _plural(count: int, word: str) -> str:
    from .ingest.watch import plural

    return plural(count, word)


def _run_analysis(ctx, paths, dask, documents=()):
    bar, update = _progress()
    store = _store(ctx.obj["store"])
    stdin = sys.stdin.buffer if "-" in paths else None
    inputs = list(paths) + list(documents)
    if bar:
        with bar:
            analysis = store.analyze(inputs, progress=update, dask=dask, stdin=stdin)
    else:
        analysis = store.analyze(inputs, dask=dask, stdin=stdin)
    for rejection in analysis.rejected:
        log.warning("rejected %s: %s", rejection.source, rejection.error)
    return analysis


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the analysis as JSON (same as --format json).")
@click.option("--format", "fmt", type=click.Choice(["json", "md", "html"]), default=None,
              help="Output format on stdout (default: md; json with --json).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Write dossier.json, dossier.md and dossier.html into this folder instead.")
@click.option("--dask", metavar="ADDRESS", help='Run cleaning, extraction and comparison on Dask ("local" or a scheduler address).')
@_store_option
@click.pass_context
@handle_errors
def analyze(ctx, paths, as_json, fmt, out_dir, dask):
    """Analyse files, folders, archives or - (stdin) into one dossier per story."""
    from .report.json import analysis_to_dict, dumps
    from .report.markdown import render_analysis_markdown

    analysis = _run_analysis(ctx, paths, dask)
    if out_dir:
        from .report.html import render_analysis_html

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        (out / "dossier.json").write_text(dumps(analysis_to_dict(analysis)) + "\n", encoding="utf-8")
        (out / "dossier.md").write_text(render_analysis_markdown(analysis), encoding="utf-8")
        (out / "dossier.html").write_text(render_analysis_html(analysis), encoding="utf-8")
        articles = sum(len(d.articles) for d in analysis.stories)
        click.echo(f"{_plural(len(analysis.stories), 'story')} from {_plural(articles, 'article')} "
                   f"({_plural(len(analysis.rejected), 'input')} rejected)", err=True)
        for name in ("dossier.html", "dossier.md", "dossier.json"):
            click.echo(str(out / name))
    else:
        fmt = "json" if as_json else (fmt or "md")
        if fmt == "json":
            click.echo(dumps(analysis_to_dict(analysis)))
        elif fmt == "md":
            click.echo(render_analysis_markdown(analysis))
        else:
            from .report.html import render_analysis_html

            click.echo(render_analysis_html(analysis))
    if not analysis.stories:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--urls", "url_files", type=click.Path(dir_okay=False), multiple=True,
              help="A text file of URLs to fetch, one a line (repeatable).")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1, 600),
              help="Seconds to wait for a server when fetching URLs.")
@_store_option
@click.pass_context
@handle_errors
def add(ctx, paths, url_files, timeout):
    """Add articles to the store; prints the stories they joined (one line each).

    PATHS are files, folders, - (stdin) or http(s) URLs; a URL is fetched (robots.txt obeyed,
    nothing it links to followed) and a sitemap's pages are fetched in its place."""
    from .ingest.fetch import Fetcher, fetch_documents, is_url, read_url_file

    urls = [p for p in paths if is_url(p)]
    files = [p for p in paths if not is_url(p)]
    rejected = []
    for url_file in url_files:
        try:
            listed, bad = read_url_file(url_file)
        except OSError as exc:
            _fail(f"cannot read the URL list {url_file}: {exc.strerror or exc}", 2)
        urls += listed
        rejected += bad
    if not urls and not files:
        _fail("nothing to add: give files, folders, - or URLs (or --urls FILE)", 2)
    documents = []
    if urls:
        with Fetcher(timeout=timeout) as fetcher:
            for item in fetch_documents(urls, fetcher):
                (rejected if not hasattr(item, "content") else documents).append(item)
    for rejection in rejected:
        log.warning("rejected %s: %s", rejection.source, rejection.error)
    if files or documents:
        analysis = _run_analysis(ctx, files, None, documents)
    else:
        from .models import Analysis

        analysis = Analysis(stories=[], rejected=[])
    for dossier in analysis.stories:
        click.echo(f"{dossier.story.id}\t{len(dossier.articles)}\t{dossier.story.title or ''}")
    if not analysis.stories:
        sys.exit(1)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--every", default="10m", show_default=True, help="Time between polls (30s, 10m, 1h).")
@click.option("--once", is_flag=True, help="Poll once and exit.")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1, 600),
              help="Seconds to wait for a server.")
@_store_option
@click.pass_context
@handle_errors
def watch(ctx, sources, every, once, timeout):
    """Follow RSS/Atom feeds or OPML lists (URLs or files): fetch new entries' pages, add them.

    One progress line per poll on stderr; the stories new articles joined on stdout. Entry URLs
    seen are kept in the store, so no page is fetched twice. Ctrl-C stops cleanly."""
    import time

    from .ingest.fetch import Fetcher
    from .ingest.watch import Watcher, parse_every

    try:
        interval = parse_every(every)
    except ValueError as exc:
        _fail(f"--every: {exc}", 2)
    store = _store(ctx.obj["store"])
    polls = 0
    try:
        with Fetcher(timeout=timeout) as fetcher:
            watcher = Watcher(store._store, list(sources), fetcher)
            while True:
                result = watcher.poll()
                polls += 1
                for rejection in result.rejected:
                    log.warning("rejected %s: %s", rejection.source, rejection.error)
                stories_joined = articles = 0
                if result.documents:
                    analysis = store.analyze(result.documents)
                    stories_joined = len(analysis.stories)
                    fetched = {doc.source for doc in result.documents}
                    articles = len({a.id for d in analysis.stories for a in d.articles if a.source in fetched})
                    for rejection in analysis.rejected:
                        log.warning("rejected %s: %s", rejection.source, rejection.error)
                    for dossier in analysis.stories:
                        click.echo(f"{dossier.story.id}\t{len(dossier.articles)}\t{dossier.story.title or ''}")
                watcher.remember(result)  # only once stored: Ctrl-C during a poll loses nothing
                click.echo(result.line(stories_joined, articles), err=True)
                sys.stdout.flush()
                if once:
                    return
                time.sleep(interval)
    except KeyboardInterrupt:
        click.echo(f"stopped after {_plural(polls, 'poll')}", err=True)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON, as GET /api/stories does.")
@_store_option
@click.pass_context
@handle_errors
def stories(ctx, as_json):
    """List the stories in the store."""
    from .report.json import dumps, stories_to_dict

    listed = _store(ctx.obj["store"]).stories()
    if as_json:
        click.echo(dumps(stories_to_dict(listed)))
        return
    for story in listed:
        dates = " – ".join(d for d in (story.first_published, story.last_published) if d) or "undated"
        click.echo(f"{story.id}\t{len(story.article_ids)}\t{dates}\t{story.title or ''}")


@main.command()
@click.argument("words", nargs=-1, required=True)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 200), help="Hits to show.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON, as GET /api/search does.")
@_store_option
@click.pass_context
@handle_errors
def search(ctx, words, limit, as_json):
    """Search article text and claims for every one of WORDS (any order); one hit a line:
    kind, article or claim id, story id, snippet."""
    from .report.json import dumps, search_to_dict

    hits = _store(ctx.obj["store"]).search(" ".join(words), limit=limit)
    if as_json:
        click.echo(dumps(search_to_dict(" ".join(words), hits)))
        return
    for hit in hits:
        click.echo(f"{hit.kind}\t{hit.id}\t{hit.story_id or ''}\t{hit.text}")
    if not hits:
        sys.exit(1)


def _corrected(dossier) -> None:
    """The line a correction prints: the story it leaves, rebuilt (id, articles, title)."""
    if dossier is not None:
        click.echo(f"{dossier.story.id}\t{len(dossier.articles)}\t{dossier.story.title or ''}")


@main.command("delete-article")
@click.argument("article_id")
@_store_option
@click.pass_context
@handle_errors
def delete_article(ctx, article_id):
    """Remove an article from the store; prints its story, rebuilt (nothing if it is now empty)."""
    _corrected(_store(ctx.obj["store"]).delete_article(article_id))


@main.command("delete-story")
@click.argument("story_id")
@_store_option
@click.pass_context
@handle_errors
def delete_story(ctx, story_id):
    """Remove a story and its articles from the store."""
    _store(ctx.obj["store"]).delete_story(story_id)


@main.command()
@click.argument("into")
@click.argument("others", nargs=-1, required=True)
@_store_option
@click.pass_context
@handle_errors
def merge(ctx, into, others):
    """Merge the OTHERS stories into story INTO (later adds keep them one); prints INTO, rebuilt."""
    _corrected(_store(ctx.obj["store"]).merge_stories(into, others))


@main.command()
@click.argument("story_id")
@click.argument("article_ids", nargs=-1, required=True)
@click.option("--title", help="Title of the new story.")
@_store_option
@click.pass_context
@handle_errors
def split(ctx, story_id, article_ids, title):
    """Move ARTICLE_IDS out of a story into a new story (later adds keep them apart); prints the new story."""
    _corrected(_store(ctx.obj["store"]).split_story(story_id, article_ids, title=title))


@main.command()
@click.argument("story_id")
@click.argument("title")
@_store_option
@click.pass_context
@handle_errors
def rename(ctx, story_id, title):
    """Give a story a title later adds keep ("" gives it crosswire's own again)."""
    _corrected(_store(ctx.obj["store"]).rename_story(story_id, title))


@main.command("set-article")
@click.argument("article_id")
@click.option("--outlet", help='The outlet that published it ("" clears it).')
@click.option("--published", metavar="YYYY-MM-DD", help='Its publication date ("" clears it).')
@_store_option
@click.pass_context
@handle_errors
def set_article(ctx, article_id, outlet, published):
    """Set an article's outlet and/or publication date; prints its story, rebuilt."""
    from .corrections import UNSET

    if outlet is None and published is None:
        _fail("set-article: give --outlet and/or --published", 2)
    _corrected(_store(ctx.obj["store"]).set_article(
        article_id, outlet=UNSET if outlet is None else outlet, published=UNSET if published is None else published))


def render_dossier(dossier, fmt: str) -> str:
    """A dossier in one of DOSSIER_FORMATS (shared by `dossier` and `export`)."""
    from .report.json import dossier_to_dict, dumps

    if fmt == "json":
        return dumps(dossier_to_dict(dossier))
    if fmt == "md":
        return dossier.to_markdown()
    if fmt == "html":
        return dossier.to_html()
    from .report.exports import render_csv, render_jsonld

    if fmt == "csv":
        return render_csv(dossier)
    return dumps(render_jsonld(dossier))


@main.command()
@click.argument("story_id")
@click.option("--format", "fmt", type=click.Choice(DOSSIER_FORMATS), default="json", show_default=True)
@_store_option
@click.pass_context
@handle_errors
def dossier(ctx, story_id, fmt):
    """Print the dossier of one story."""
    click.echo(render_dossier(_store(ctx.obj["store"]).dossier(story_id), fmt))


@main.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True, help="Folder to write into.")
@click.option("--format", "formats", type=click.Choice(DOSSIER_FORMATS), multiple=True,
              help="Formats to write (repeatable; default: all).")
@click.argument("story_ids", nargs=-1)
@_store_option
@click.pass_context
@handle_errors
def export(ctx, out_dir, formats, story_ids):
    """Export dossiers (all stories, or the ones named) as files, one per story and format.

    Files are named by the story's title (``quake-hits-qeshm.md``); ``index.md`` lists them."""
    store = _store(ctx.obj["store"])
    ids = list(story_ids) or [s.id for s in store.stories()]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    suffix = {"json": "json", "md": "md", "html": "html", "csv": "csv", "jsonld": "jsonld"}
    titles = {s.id: s.title for s in store.stories()}
    slugs = story_slugs([(story_id, titles.get(story_id)) for story_id in ids])
    rows = []
    for story_id, slug in zip(ids, slugs):
        dossier = store.dossier(story_id)  # one at a time: a large store is never held whole
        files = []
        for fmt in formats or DOSSIER_FORMATS:
            path = out / f"{slug}.{suffix[fmt]}"
            path.write_text(render_dossier(dossier, fmt) + "\n", encoding="utf-8")
            files.append(path.name)
            click.echo(str(path))
        rows.append((dossier.story, len(dossier.articles), files))
    index = out / "index.md"
    index.write_text(_export_index(rows), encoding="utf-8")
    click.echo(str(index))


def story_slugs(stories: list[tuple[str, str | None]]) -> list[str]:
    """A file name per story: its title as lowercase ASCII words joined by ``-`` (at most 60
    characters), ``story-<id>`` when untitled; a repeat gets ``-2``, ``-3``…"""
    import re
    import unicodedata

    slugs: list[str] = []
    for story_id, title in stories:
        ascii_title = unicodedata.normalize("NFKD", title or "").encode("ascii", "ignore").decode()
        slug = "-".join(re.findall(r"[a-z0-9]+", ascii_title.lower()))[:60].strip("-")
        slug = slug or "story-" + "-".join(re.findall(r"[a-z0-9]+", story_id.lower()))[:60]
        base, n = slug, 2
        while slug in slugs or slug == "index":
            slug, n = f"{base}-{n}", n + 1
        slugs.append(slug)
    return slugs


def _export_index(rows) -> str:
    from .report.markdown import md_escape

    lines = ["# crosswire export", "", "| story | id | articles | published | files |", "|---|---|---|---|---|"]
    for story, articles, files in rows:
        dates = " – ".join(d for d in (story.first_published, story.last_published) if d) or "undated"
        links = " ".join(f"[{name.rsplit('.', 1)[1]}]({name})" for name in files)
        lines.append(f"| {md_escape(story.title) or 'Untitled story'} | {story.id} | {articles} | "
                     f"{dates} | {links} |")
    return "\n".join(lines) + "\n"


@main.command()
@click.argument("source", type=click.File("r", encoding="utf-8", errors="replace"))
@handle_errors
def extract(source):
    """Run claim extraction alone over JSONL records {"id", "text", "published"?} (a file or -)."""
    import itertools
    import json

    from .extract.pipeline import extract_records

    lines = iter(source)
    head = list(itertools.islice((line for line in lines if line.strip()), 1))
    if head:
        try:
            first = json.loads(head[0])
        except ValueError:
            first = None
        if not isinstance(first, dict):
            # One bad record among many is reported inline; a file whose first record is no
            # JSON object is another kind of file, and printing an error per line helps no one.
            name = getattr(source, "name", "input")
            raise CrosswireError(f"{name} is not JSONL: line 1 is not a JSON object; extract reads one "
                                 '{"id", "text", "published"?} object a line (analyse articles with '
                                 "`crosswire analyze`)")
    good = bad = 0
    for record in extract_records(itertools.chain(head, lines)):
        if "error" in record and "claims" not in record:
            bad += 1
        else:
            good += 1
        click.echo(json.dumps(record, ensure_ascii=False))
    if bad and not good:
        _fail(f"no record of {getattr(source, 'name', 'input')} could be read ({bad} errors above)", 1)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", envvar="CROSSWIRE_TOKEN", help="API token; required to bind beyond loopback.")
@_store_option
@click.pass_context
@handle_errors
def serve(ctx, host, port, token):
    """Serve the HTTP API and the web page."""
    from .web.app import serve as run_server

    run_server(host=host, port=port, store=_store(ctx.obj["store"]), token=token)


if __name__ == "__main__":  # pragma: no cover
    main()

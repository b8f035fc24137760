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
from .errors import CrosswireError, NotFound, StoreError

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog="Exit codes:\n\n" + _exit_table())
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


def _run_analysis(ctx, paths, dask):
    bar, update = _progress()
    store = _store(ctx.obj["store"])
    stdin = sys.stdin.buffer if "-" in paths else None
    if bar:
        with bar:
            analysis = store.analyze(list(paths), progress=update, dask=dask, stdin=stdin)
    else:
        analysis = store.analyze(list(paths), dask=dask, stdin=stdin)
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
@click.option("--dask", metavar="ADDRESS", help='Run cleaning and extraction on Dask ("local" or a scheduler address).')
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
        click.echo(f"{len(analysis.stories)} stories from {articles} articles "
                   f"({len(analysis.rejected)} inputs rejected)", err=True)
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
@click.argument("paths", nargs=-1, required=True)
@click.pass_context
@handle_errors
def add(ctx, paths):
    """Add articles to the store; prints the stories they joined (one line each)."""
    analysis = _run_analysis(ctx, paths, None)
    for dossier in analysis.stories:
        click.echo(f"{dossier.story.id}\t{len(dossier.articles)}\t{dossier.story.title or ''}")
    if not analysis.stories:
        sys.exit(1)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON, as GET /api/stories does.")
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
@click.pass_context
@handle_errors
def export(ctx, out_dir, formats, story_ids):
    """Export dossiers (all stories, or the ones named) as files, one per story and format."""
    store = _store(ctx.obj["store"])
    ids = list(story_ids) or [s.id for s in store.stories()]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    suffix = {"json": "json", "md": "md", "html": "html", "csv": "csv", "jsonld": "jsonld"}
    for story_id in ids:
        dossier = store.dossier(story_id)
        for fmt in formats or DOSSIER_FORMATS:
            path = out / f"{story_id}.{suffix[fmt]}"
            path.write_text(render_dossier(dossier, fmt) + "\n", encoding="utf-8")
            click.echo(str(path))


@main.command()
@click.argument("source", type=click.File("r", encoding="utf-8", errors="replace"))
@handle_errors
def extract(source):
    """Run claim extraction alone over JSONL records {"id", "text", "published"?} (a file or -)."""
    import json

    from .extract.pipeline import extract_records

    for record in extract_records(source):
        click.echo(json.dumps(record, ensure_ascii=False))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--token", envvar="CROSSWIRE_TOKEN", help="API token; required to bind beyond loopback.")
@click.pass_context
@handle_errors
def serve(ctx, host, port, token):
    """Serve the HTTP API and the web page."""
    from .web.app import serve as run_server

    run_server(host=host, port=port, store=_store(ctx.obj["store"]), token=token)


if __name__ == "__main__":  # pragma: no cover
    main()

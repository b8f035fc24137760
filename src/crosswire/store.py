"""The store (SQLite, or PostgreSQL given a ``postgresql://`` URL): the only module that speaks SQL.

One file, ``$CROSSWIRE_HOME/crosswire.db`` by default (``~/.crosswire``, created when missing);
a file named by the caller must be in a folder that exists. Articles are keyed by their id
(source and content, :mod:`crosswire.identity`), so analysing the same input twice stores it
once. Extraction results, the story clusterer's state and each story's dossier are cached as
JSON documents beside them; a saved dossier is also written as rows of ``claims``,
``supports``, ``discrepancies``, ``positions`` and ``lineage_edges`` (story membership is
``story_articles``), so SQL can ask questions across stories (README, "Querying the store").
Schema changes are numbered migrations, each applied in one transaction with its record.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
import threading
import time
from array import array
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .errors import NotFound, StoreError
from .models import Article, Dossier, Extraction, SearchHit, Story

MIGRATIONS: list[tuple[str, str | dict[str, str]]] = [
    (
        "create articles, extractions, stories",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            published TEXT,
            document TEXT NOT NULL,
            added_at TEXT NOT NULL DEFAULT {now}{seq}
        );
        CREATE TABLE article_sources (
            source TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id),
            PRIMARY KEY (source, article_id)
        );
        CREATE TABLE extractions (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            document TEXT NOT NULL
        );
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT,
            first_published TEXT,
            last_published TEXT,
            dossier TEXT,
            updated_at TEXT NOT NULL DEFAULT {now}
        );
        CREATE TABLE story_articles (
            story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles(id),
            PRIMARY KEY (story_id, article_id)
        );
        CREATE INDEX story_articles_by_article ON story_articles(article_id);
        CREATE TABLE state (
            key TEXT PRIMARY KEY,
            document TEXT NOT NULL
        );
        """,
    ),
    (
        "queryable dossier tables: claims, supports, discrepancies, positions, lineage edges",
        """
        CREATE TABLE claims (
            story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            claim_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            amount DOUBLE PRECISION,
            unit TEXT,
            measure TEXT,
            date TEXT,
            independent_sources INTEGER NOT NULL,
            status TEXT NOT NULL,
            PRIMARY KEY (story_id, claim_id)
        );
        CREATE INDEX claims_by_status ON claims(status);
        CREATE TABLE supports (
            story_id TEXT NOT NULL,
            claim_id TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id),
            outlet TEXT,
            evidence TEXT NOT NULL,
            attributed_to TEXT,
            FOREIGN KEY (story_id, claim_id) REFERENCES claims(story_id, claim_id) ON DELETE CASCADE
        );
        CREATE INDEX supports_by_claim ON supports(story_id, claim_id);
        CREATE INDEX supports_by_article ON supports(article_id);
        CREATE INDEX supports_by_outlet ON supports(outlet);
        CREATE TABLE discrepancies (
            story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            discrepancy_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            about TEXT NOT NULL,
            note TEXT NOT NULL,
            PRIMARY KEY (story_id, discrepancy_id)
        );
        CREATE TABLE positions (
            story_id TEXT NOT NULL,
            discrepancy_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            value TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id),
            outlet TEXT,
            evidence TEXT,
            FOREIGN KEY (story_id, discrepancy_id) REFERENCES discrepancies(story_id, discrepancy_id)
                ON DELETE CASCADE
        );
        CREATE INDEX positions_by_discrepancy ON positions(story_id, discrepancy_id);
        CREATE INDEX positions_by_article ON positions(article_id);
        CREATE INDEX positions_by_outlet ON positions(outlet);
        CREATE TABLE lineage_edges (
            story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            source TEXT NOT NULL REFERENCES articles(id),
            target TEXT NOT NULL REFERENCES articles(id),
            kind TEXT NOT NULL,
            score DOUBLE PRECISION,
            evidence TEXT NOT NULL
        );
        CREATE INDEX lineage_by_story ON lineage_edges(story_id);
        CREATE INDEX lineage_by_source ON lineage_edges(source);
        CREATE INDEX lineage_by_target ON lineage_edges(target)
        """,
    ),
    (
        "full-text search over articles and claims; titles a user gave stories",
        # The two dialects differ here beyond a slot: FTS5 on SQLite, a tsvector on PostgreSQL.
        # Rows: kind 'article' (ref: article id, story_id '') or 'claim' (ref: claim id).
        {
            "sqlite": """
        ALTER TABLE stories ADD COLUMN user_title TEXT;
        CREATE VIRTUAL TABLE search_text USING fts5(
            body, kind UNINDEXED, ref UNINDEXED, story_id UNINDEXED,
            tokenize = 'porter unicode61 remove_diacritics 2'
        );
        INSERT INTO search_text (body, kind, ref, story_id)
            SELECT coalesce(json_extract(document, '$.title') || char(10), '')
                   || coalesce(json_extract(document, '$.text'), ''), 'article', id, '' FROM articles;
        INSERT INTO search_text (body, kind, ref, story_id)
            SELECT text, 'claim', claim_id, story_id FROM claims
        """,
            "postgresql": """
        ALTER TABLE stories ADD COLUMN user_title TEXT;
        CREATE TABLE search_text (
            body TEXT NOT NULL,
            kind TEXT NOT NULL,
            ref TEXT NOT NULL,
            story_id TEXT NOT NULL DEFAULT '',
            tsv tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, body)) STORED
        );
        CREATE INDEX search_text_tsv ON search_text USING GIN (tsv);
        CREATE INDEX search_text_ref ON search_text (kind, ref);
        INSERT INTO search_text (body, kind, ref, story_id)
            SELECT coalesce((document::json->>'title') || chr(10), '')
                   || coalesce(document::json->>'text', ''), 'article', id, '' FROM articles;
        INSERT INTO search_text (body, kind, ref, story_id)
            SELECT text, 'claim', claim_id, story_id FROM claims
        """,
        },
    ),
    (
        "story clusterer state as tables: stories, members, index keys, document frequencies, stories kept apart",
        # An add reads the rows its batch needs (the postings of its articles' keys, the stories
        # they name, the counts of its terms) and writes the rows it changed, where one JSON
        # document of the whole state was read and rewritten by every add.
        """
        CREATE TABLE cluster_meta (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            threshold DOUBLE PRECISION NOT NULL,
            text_weight DOUBLE PRECISION NOT NULL,
            n_docs BIGINT NOT NULL,
            next_seq BIGINT NOT NULL,
            terms BIGINT NOT NULL
        );
        CREATE TABLE cluster_stories (
            id TEXT PRIMARY KEY,
            seq BIGINT NOT NULL,
            first_published TEXT,
            last_published TEXT,
            selfsum DOUBLE PRECISION NOT NULL,
            leadn INTEGER NOT NULL,
            members TEXT NOT NULL,
            weeks TEXT NOT NULL,
            index_keys TEXT NOT NULL,
            vector_terms TEXT NOT NULL,
            vector {blob} NOT NULL
        );
        CREATE TABLE cluster_members (
            article_id TEXT PRIMARY KEY,
            story_id TEXT NOT NULL
        );
        CREATE TABLE cluster_keys (
            key TEXT NOT NULL,
            seq BIGINT NOT NULL,
            story_id TEXT NOT NULL,
            PRIMARY KEY (key, seq)
        );
        CREATE TABLE cluster_df (
            term TEXT PRIMARY KEY,
            n BIGINT NOT NULL
        );
        CREATE TABLE cluster_apart (
            a TEXT NOT NULL,
            b TEXT NOT NULL,
            PRIMARY KEY (a, b)
        );
        CREATE INDEX cluster_apart_by_b ON cluster_apart(b)
        """,
    ),
    (
        "search rows found by story and by article through an index; article sources by article",
        # FTS5 columns other than the text are UNINDEXED: a delete by story_id or ref read every
        # row of search_text (every article's text), once per dossier rebuild. On SQLite a plain
        # table beside it holds each row's (kind, ref, story_id) under the same rowid, indexed;
        # on PostgreSQL search_text is a plain table and gets the index it lacked. article_sources'
        # key leads with the source, so deleting an article's rows by article_id scanned it too.
        {
            "sqlite": """
        CREATE TABLE search_rows (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            ref TEXT NOT NULL,
            story_id TEXT NOT NULL DEFAULT ''
        );
        INSERT INTO search_rows (id, kind, ref, story_id) SELECT rowid, kind, ref, story_id FROM search_text;
        CREATE INDEX search_rows_by_story ON search_rows (story_id, kind);
        CREATE INDEX search_rows_by_ref ON search_rows (ref, kind);
        CREATE INDEX article_sources_by_article ON article_sources (article_id)
        """,
            "postgresql": """
        CREATE INDEX search_text_story ON search_text (story_id, kind);
        CREATE INDEX article_sources_by_article ON article_sources (article_id)
        """,
        },
    ),
]

SQLITE_CACHE_KB = 65536  # per connection, allocated as pages are read
SEARCH_WORDS = 16  # words of a query used (the rest ignored): bounds the cost of a hostile query
SEARCH_LIMIT = 200  # hits one search answers at most
SNIPPET_CHARS = 160


_TERMS_MARK, _VECTOR_SEP, _TERM_SEP = "\x1d", "\x1e", "\x1f"


def _pack_vectors(*vectors: dict[str, float]) -> tuple[str, bytes]:
    """Sparse vectors as (their terms; their weights, float64 little-endian in the same order):
    read back exactly, and several times faster than JSON numbers, which were most of what an
    add into a large store spent reading its candidate stories. The terms are joined by control
    characters (splitting is faster than parsing JSON strings); a term holding one of them, or
    empty, has the whole row's terms written as JSON lists instead."""
    weights = array("d", (v for vec in vectors for v in vec.values()))
    if sys.byteorder == "big":
        weights.byteswap()
    parts = [_TERM_SEP.join(vec) for vec in vectors]
    plain = all(t and _TERMS_MARK not in t and _VECTOR_SEP not in t and _TERM_SEP not in t
                for vec in vectors for t in vec)
    terms = _TERMS_MARK + _VECTOR_SEP.join(parts) if plain else json.dumps([list(v) for v in vectors],
                                                                         ensure_ascii=False)
    return terms, weights.tobytes()


def _unpack_vectors(terms: str, weights: bytes) -> list[dict[str, float]]:
    values = array("d", bytes(weights))
    if sys.byteorder == "big":
        values.byteswap()
    if terms.startswith(_TERMS_MARK):
        lists = [p.split(_TERM_SEP) if p else [] for p in terms[1:].split(_VECTOR_SEP)]
    else:
        lists = json.loads(terms)
    out, at = [], 0
    for keys in lists:
        out.append(dict(zip(keys, values[at:at + len(keys)])))
        at += len(keys)
    return out


def default_path() -> Path:
    home = os.environ.get("CROSSWIRE_HOME") or os.path.join(os.path.expanduser("~"), ".crosswire")
    return Path(home) / "crosswire.db"


def is_url(value: Any) -> bool:
    """A PostgreSQL URL (``postgresql://…`` or ``postgres://…``) rather than a SQLite file name."""
    return isinstance(value, str) and value.startswith(("postgresql://", "postgres://"))


# The few places the two dialects differ, filled into the SQL text (``{now}``, ``{seq}``, …).
DIALECTS: dict[str, dict[str, str]] = {
    "sqlite": {"now": "(datetime('now'))", "seq": "", "order": "rowid", "blob": "BLOB"},
    "postgresql": {"now": "(to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'))",
                   "seq": ",\n            seq BIGSERIAL", "order": "seq", "blob": "BYTEA"},
}

# Retries of a write transaction that could not start (another writer holds the store).
BUSY_RETRIES = 8
BUSY_TIMEOUT_MS = 30000


class Database:
    """A thin, thread-safe wrapper over one connection (SQLite file or PostgreSQL server) with
    migrations applied. SQL is written once with ``?`` parameters and ``{name}`` slots from
    :data:`DIALECTS`."""

    def __init__(self, path: str | os.PathLike | None = None):
        self._depth = 0
        self._owner: int | None = None  # the thread inside a write transaction
        self._url = str(path) if is_url(path) else None
        self._reader = None  # a second connection for reads outside a transaction (opened on demand)
        self._reader_lock = threading.Lock()
        if is_url(path):
            self.dialect = "postgresql"
            self.path = _redact(str(path))
            self._open_postgres(str(path))
        else:
            self.dialect = "sqlite"
            self._open_sqlite(path)
        self._lock = threading.RLock()
        self._migrate()

    def _open_sqlite(self, path) -> None:
        self.path = Path(path) if path is not None else default_path()
        if path is not None and str(self.path) != ":memory:" and not self.path.parent.is_dir():
            # A store named by the user lives in a folder that exists: a typo in --store must
            # not silently create a tree of folders and an empty store.
            raise StoreError(f"cannot open the store at {self.path}: no such folder {self.path.parent}")
        self.errors: tuple[type[BaseException], ...] = (sqlite3.Error,)
        try:
            if path is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)  # $CROSSWIRE_HOME is ours to make
            self._conn = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None,
                                         timeout=BUSY_TIMEOUT_MS / 1000)
            # The busy timeout first: switching a fresh file to WAL takes a lock another process may hold.
            self._conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            _retry_busy(lambda: self._conn.execute("PRAGMA journal_mode=WAL"), self)
            self._conn.execute("PRAGMA synchronous=NORMAL")  # WAL: durable at checkpoints, never corrupt
            self._conn.execute("PRAGMA foreign_keys=ON")
            # A page cache of 64 MB (the default is 2 MB): an add's index lookups (the postings of
            # its keys, the counts of its terms, its candidate stories) land all over a large
            # store's B-trees, and with the default cache most of them were re-read from the OS.
            self._conn.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KB}")
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc

    def _open_postgres(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError("a PostgreSQL store needs psycopg: pip install 'crosswire[postgres]'") from exc
        self.errors = (psycopg.Error,)
        try:
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"cannot open the store at {self.path}: {_first_line(exc)}") from exc

    def sql(self, text: str) -> str:
        """``text`` in this connection's dialect: its ``{slots}`` filled, ``?`` parameters as ``%s``."""
        if "{" in text:
            text = text.format(**DIALECTS[self.dialect])
        return text.replace("?", "%s") if self.dialect == "postgresql" else text

    def execute(self, sql: str, params: Iterable[Any] = ()):
        return self._conn.execute(self.sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Iterable[Any]]) -> None:
        rows = [tuple(r) for r in rows]
        if not rows:
            return
        if self.dialect == "sqlite":
            self._conn.executemany(self.sql(sql), rows)
        else:
            with self._conn.cursor() as cur:
                cur.executemany(self.sql(sql), rows)

    @contextmanager
    def transaction(self, *, serialise: str | None = None) -> Iterator[Database]:
        """One write transaction (re-entrant: an inner one joins the outer).

        SQLite takes the write lock at the start (``BEGIN IMMEDIATE``), waiting up to the busy
        timeout and retrying, so a read-modify-write inside cannot interleave with another
        writer's. On PostgreSQL, ``serialise`` names a lock held to the end of the transaction
        for the same effect (rows are locked as written anyway).
        """
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            if self.dialect == "sqlite":
                _retry_busy(lambda: self._conn.execute("BEGIN IMMEDIATE"), self)
            else:
                self._conn.execute("BEGIN")
            self._depth = 1
            self._owner = threading.get_ident()
            try:
                if serialise and self.dialect == "postgresql":
                    self._conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (serialise,))
                yield self
                self._conn.execute("COMMIT")
            except BaseException:
                try:
                    self._conn.execute("ROLLBACK")
                except Exception:  # the connection is gone (or the server is): the error below says so
                    pass
                raise
            finally:
                self._depth = 0
                self._owner = None

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        """Rows of a read. Inside this thread's write transaction it sees that transaction;
        elsewhere it reads committed data on a second connection, so readers (a web server's
        GETs) do not wait while another thread holds a long write transaction."""
        if self._owner != threading.get_ident() and self._can_read_aside():
            with self._reader_lock:
                if self._reader is None:
                    self._reader = self._open_reader()
                return list(self._reader.execute(self.sql(sql), tuple(params)).fetchall())
        with self._lock:
            return list(self.execute(sql, params).fetchall())

    def _can_read_aside(self) -> bool:
        return self.dialect == "postgresql" or str(self.path) != ":memory:"

    def _open_reader(self):
        if self.dialect == "postgresql":
            import psycopg

            return psycopg.connect(self._url, autocommit=True, connect_timeout=10)
        conn = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        return conn

    def _migrate(self) -> None:
        # One transaction for the whole check-and-apply, so two processes opening a fresh store
        # at once do not both apply migration 1.
        try:
            with self.transaction(serialise="crosswire migrations"):
                self.execute(
                    "CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                    "applied_at TEXT NOT NULL DEFAULT {now})"
                )
                done = {row[0] for row in self.execute("SELECT id FROM migrations").fetchall()}
                for number, (name, sql) in enumerate(MIGRATIONS, start=1):
                    if number in done:
                        continue
                    if isinstance(sql, dict):  # a migration written once per dialect
                        sql = sql[self.dialect]
                    # executescript would commit on its own; run statements inside our transaction.
                    for statement in sql.format(**DIALECTS[self.dialect]).split(";"):
                        if statement.strip():
                            self._conn.execute(statement)
                    self.execute("INSERT INTO migrations (id, name) VALUES (?, ?)", (number, name))
        except self.errors as exc:
            raise StoreError(f"cannot migrate the store at {self.path}: {_first_line(exc)}") from exc

    def close(self) -> None:
        with self._lock:
            self._conn.close()
        with self._reader_lock:
            if self._reader is not None:
                self._reader.close()
                self._reader = None


def _retry_busy(step, db: Database) -> Any:
    """Run ``step``; when SQLite says the store is locked past its busy timeout, wait and retry."""
    for attempt in range(BUSY_RETRIES):
        try:
            return step()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or attempt == BUSY_RETRIES - 1:
                raise
            time.sleep(min(2.0, 0.05 * 2 ** attempt))
    return None


def _search_add(db: Database, rows: list[tuple[str, str, str, str]]) -> None:
    """Rows of search_text, each ``(body, kind, ref, story_id)``; on SQLite each also in
    search_rows under the same rowid, where :func:`_search_delete` finds it by index."""
    if db.dialect != "sqlite":
        db.executemany("INSERT INTO search_text (body, kind, ref, story_id) VALUES (?, ?, ?, ?)", rows)
        return
    for body, kind, ref, story_id in rows:
        rowid = db.execute("INSERT INTO search_rows (kind, ref, story_id) VALUES (?, ?, ?)",
                           (kind, ref, story_id)).lastrowid
        db.execute("INSERT INTO search_text (rowid, body, kind, ref, story_id) VALUES (?, ?, ?, ?, ?)",
                   (rowid, body, kind, ref, story_id))


def _search_delete(db: Database, where: str, params: tuple) -> None:
    """Delete the search rows matching ``where`` (over kind, ref, story_id), through an index."""
    if db.dialect != "sqlite":
        db.execute(f"DELETE FROM search_text WHERE {where}", params)
        return
    db.execute(f"DELETE FROM search_text WHERE rowid IN (SELECT id FROM search_rows WHERE {where})", params)
    db.execute(f"DELETE FROM search_rows WHERE {where}", params)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _redact(url: str) -> str:
    """A URL without its password, for messages."""
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", url)


class ArticleStore:
    """Articles, extractions, stories and dossiers in one database (a SQLite file or PostgreSQL)."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.db = Database(path)

    @contextmanager
    def _write(self) -> Iterator[Database]:
        try:
            with self.db.transaction() as db:
                yield db
        except self.db.errors as exc:
            raise StoreError(f"cannot write to the store: {_first_line(exc)}") from exc

    @contextmanager
    def grouping(self) -> Iterator[None]:
        """One write transaction that no other writer interleaves with, for the read-modify-write
        of the clusterer's state and the story membership (two processes adding at once)."""
        try:
            with self.db.transaction(serialise="crosswire grouping"):
                yield
        except self.db.errors as exc:
            raise StoreError(f"cannot write to the store: {_first_line(exc)}") from exc

    # ----------------------------------------------------------------- articles

    def add_articles(self, articles: Iterable[Article]) -> list[str]:
        """Store articles; returns the ids that were new. An id already stored is not rewritten."""
        from .report.json import article_to_dict

        added = []
        with self._write() as db:
            for article in articles:
                document = article_to_dict(article)
                document["updated"] = article.updated
                cursor = db.execute(
                    "INSERT INTO articles (id, source, published, document) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT DO NOTHING",
                    (article.id, article.source, article.published, json.dumps(document, ensure_ascii=False)),
                )
                if cursor.rowcount:
                    added.append(article.id)
                    _search_add(db, [(_searchable(article), "article", article.id, "")])
                db.execute(
                    "INSERT INTO article_sources (source, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    (article.source, article.id),
                )
        return added

    def update_articles(self, articles: Iterable[Article]) -> None:
        """Rewrite stored articles (roles and based_on change as stories grow)."""
        from .report.json import article_to_dict

        with self._write() as db:
            for article in articles:
                document = article_to_dict(article)
                document["updated"] = article.updated
                db.execute(
                    "UPDATE articles SET document = ? WHERE id = ?",
                    (json.dumps(document, ensure_ascii=False), article.id),
                )

    def article(self, article_id: str) -> Article:
        from .report.json import article_from_dict

        rows = self.db.query("SELECT document FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise NotFound(f"no article with id {article_id!r}")
        return article_from_dict(json.loads(rows[0][0]))

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        from .report.json import article_from_dict

        if ids is None:
            rows = self.db.query("SELECT document FROM articles ORDER BY {order}")
            return [article_from_dict(json.loads(r[0])) for r in rows]
        wanted = list(dict.fromkeys(ids))
        found = {}
        for chunk in _chunks(wanted, 500):
            marks = ",".join("?" * len(chunk))
            for (doc,) in self.db.query(f"SELECT document FROM articles WHERE id IN ({marks})", chunk):
                article = article_from_dict(json.loads(doc))
                found[article.id] = article
        return [found[i] for i in wanted if i in found]

    def seen_order(self, ids: Iterable[str]) -> dict[str, int]:
        """Each stored id's rank in the order the store first saw the articles (insertion order)."""
        ranks: dict[str, int] = {}
        for chunk in _chunks(list(dict.fromkeys(ids)), 500):
            marks = ",".join("?" * len(chunk))
            ranks.update(self.db.query(f"SELECT id, {{order}} FROM articles WHERE id IN ({marks})", chunk))
        return ranks

    def count_articles(self) -> int:
        return self.db.query("SELECT count(*) FROM articles")[0][0]

    # ----------------------------------------------------------------- extractions

    def save_extractions(self, extractions: Iterable[Extraction]) -> None:
        with self._write() as db:
            for extraction in extractions:
                db.execute(
                    "INSERT INTO extractions (article_id, document) VALUES (?, ?) "
                    "ON CONFLICT(article_id) DO UPDATE SET document = excluded.document",
                    (extraction.id, json.dumps(asdict(extraction), ensure_ascii=False)),
                )

    def extractions(self, ids: Iterable[str]) -> dict[str, Extraction]:
        from .extract.serial import extraction_from_dict

        out: dict[str, Extraction] = {}
        for chunk in _chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            rows = self.db.query(f"SELECT article_id, document FROM extractions WHERE article_id IN ({marks})", chunk)
            for article_id, doc in rows:
                out[article_id] = extraction_from_dict(json.loads(doc))
        return out

    # ----------------------------------------------------------------- stories

    _UPSERT_STORY = (
        "INSERT INTO stories (id, title, first_published, last_published, dossier, updated_at) "
        "VALUES (?, ?, ?, ?, ?, {now}) ON CONFLICT(id) DO UPDATE SET title=excluded.title, "
        "first_published=excluded.first_published, last_published=excluded.last_published, "
        "dossier=excluded.dossier, updated_at=excluded.updated_at"
    )

    def save_story(self, story: Story, dossier: Dossier | None = None) -> None:
        from .report.json import dossier_to_dict

        self._user_title(story, dossier)
        document = json.dumps(dossier_to_dict(dossier), ensure_ascii=False) if dossier else None
        with self._write() as db:
            db.execute(self._UPSERT_STORY,
                       (story.id, story.title, story.first_published, story.last_published, document))
            self._set_members(db, story)
            if dossier is not None:
                self._set_tables(db, story.id, dossier)

    def save_memberships(self, stories: Iterable[Story]) -> None:
        """Write which articles each story holds (the grouping step's result), keeping any cached
        dossier; an article is in one story only, so its rows under other stories go, and a story
        left with no article goes too."""
        with self._write() as db:
            emptied: set[str] = set()
            for story in stories:
                db.execute(
                    "INSERT INTO stories (id, title, first_published, last_published) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(id) DO UPDATE SET first_published=excluded.first_published, "
                    "last_published=excluded.last_published",
                    (story.id, story.title, story.first_published, story.last_published),
                )
                for chunk in _chunks(list(story.article_ids), 500):
                    marks = ",".join("?" * len(chunk))
                    emptied.update(r[0] for r in db.execute(
                        f"SELECT story_id FROM story_articles WHERE article_id IN ({marks}) AND story_id <> ?",
                        (*chunk, story.id)).fetchall())
                    db.execute(f"DELETE FROM story_articles WHERE article_id IN ({marks})", chunk)
                self._set_members(db, story)
            for story_id in sorted(emptied):
                had_claims = self._has_claims(db, story_id)
                db.execute("DELETE FROM stories WHERE id = ? AND NOT EXISTS "
                           "(SELECT 1 FROM story_articles WHERE story_id = ?)", (story_id, story_id))
                if had_claims:
                    if not db.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchall():
                        _search_delete(db, "kind = 'claim' AND story_id = ?", (story_id,))

    @staticmethod
    def _set_members(db: Database, story: Story) -> None:
        db.execute("DELETE FROM story_articles WHERE story_id = ?", (story.id,))
        db.executemany(
            "INSERT INTO story_articles (story_id, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(story.id, a) for a in story.article_ids],
        )

    def save_dossier(self, story: Story, dossier: Dossier) -> bool:
        """Cache a story's dossier if the story still holds exactly the articles it was built
        from; False when another writer has changed the story since (its dossier is theirs)."""
        from .report.json import dossier_to_dict

        with self._write() as db:
            self._user_title(story, dossier)
            document = json.dumps(dossier_to_dict(dossier), ensure_ascii=False)
            current = self.story(story.id)
            if current is None or sorted(current.article_ids) != sorted(story.article_ids):
                return False
            db.execute(self._UPSERT_STORY,
                       (story.id, story.title, story.first_published, story.last_published, document))
            self._set_tables(db, story.id, dossier)
        return True

    def _user_title(self, story: Story, dossier: Dossier | None) -> None:
        """A title the user gave the story outlives every rebuild of its dossier."""
        rows = self.db.query("SELECT user_title FROM stories WHERE id = ?", (story.id,))
        if rows and rows[0][0]:
            story.title = rows[0][0]
            if dossier is not None:
                dossier.story.title = rows[0][0]

    @staticmethod
    def _set_tables(db: Database, story_id: str, dossier: Dossier) -> None:
        """The dossier as rows an analyst can query (claims, supports, discrepancy positions,
        lineage edges), replacing the story's previous rows."""
        had_claims = ArticleStore._has_claims(db, story_id)
        for table in ("supports", "claims", "positions", "discrepancies", "lineage_edges"):
            db.execute(f"DELETE FROM {table} WHERE story_id = ?", (story_id,))
        stored = {r[0] for chunk in _chunks([a.id for a in dossier.articles], 500)
                  for r in db.execute(f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
                                      chunk).fetchall()}
        outlet = {a.id: a.outlet for a in dossier.articles}
        db.executemany(
            "INSERT INTO claims (story_id, claim_id, kind, text, amount, unit, measure, date, "
            "independent_sources, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [(story_id, c.id, c.kind, c.text, c.quantity.amount if c.quantity else None,
              c.quantity.unit if c.quantity else None, c.quantity.measure if c.quantity else None,
              c.date, c.independent_sources, c.status) for c in dossier.claims],
        )
        db.executemany(
            "INSERT INTO supports (story_id, claim_id, article_id, outlet, evidence, attributed_to) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(story_id, c.id, s.article, outlet.get(s.article), s.evidence, s.attributed_to)
             for c in dossier.claims for s in c.support if s.article in stored],
        )
        db.executemany(
            "INSERT INTO discrepancies (story_id, discrepancy_id, kind, about, note) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            [(story_id, d.id, d.kind, d.about, d.note) for d in dossier.discrepancies],
        )
        db.executemany(
            "INSERT INTO positions (story_id, discrepancy_id, position, value, article_id, outlet, evidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(story_id, d.id, n, p.value, a, outlet.get(a),
              p.evidence[i] if len(p.evidence) == len(p.articles) else " … ".join(p.evidence))
             for d in dossier.discrepancies for n, p in enumerate(d.positions)
             for i, a in enumerate(p.articles) if a in stored],
        )
        db.executemany(
            "INSERT INTO lineage_edges (story_id, source, target, kind, score, evidence) VALUES (?, ?, ?, ?, ?, ?)",
            [(story_id, e.source, e.target, e.kind, e.score, e.evidence)
             for e in dossier.lineage if e.source in stored and e.target in stored],
        )
        if had_claims:
            _search_delete(db, "kind = 'claim' AND story_id = ?", (story_id,))
        _search_add(db, [(c.text, "claim", c.id, story_id) for c in dossier.claims])

    def delete_stories(self, story_ids: Iterable[str]) -> None:
        with self._write() as db:
            for story_id in story_ids:
                had_claims = self._has_claims(db, story_id)
                db.execute("DELETE FROM stories WHERE id = ?", (story_id,))
                if had_claims:
                    _search_delete(db, "kind = 'claim' AND story_id = ?", (story_id,))

    @staticmethod
    def _has_claims(db: Database, story_id: str) -> bool:
        """Whether a story has claim rows, hence claim search rows (they are written and dropped
        together): a story without claims (most stories an add merges away) skips the delete."""
        return bool(db.execute("SELECT 1 FROM claims WHERE story_id = ? LIMIT 1", (story_id,)).fetchall())

    # ----------------------------------------------------------------- corrections

    def delete_articles(self, article_ids: Iterable[str]) -> None:
        """Remove articles and every row that names them (their story's dossier is then stale:
        the caller rebuilds it)."""
        with self._write() as db:
            for article_id in dict.fromkeys(article_ids):
                for sql in ("DELETE FROM supports WHERE article_id = ?",
                            "DELETE FROM positions WHERE article_id = ?",
                            "DELETE FROM lineage_edges WHERE source = ? OR target = ?",
                            "DELETE FROM story_articles WHERE article_id = ?",
                            "DELETE FROM extractions WHERE article_id = ?",
                            "DELETE FROM article_sources WHERE article_id = ?",
                            "DELETE FROM articles WHERE id = ?"):
                    db.execute(sql, (article_id,) * sql.count("?"))
                _search_delete(db, "kind = 'article' AND ref = ?", (article_id,))

    def story_of(self, article_id: str) -> str | None:
        """The id of the story holding an article, or None."""
        rows = self.db.query("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,))
        return rows[0][0] if rows else None

    def correct_article(self, article: Article) -> None:
        """Rewrite a stored article whose metadata (outlet, published) the user corrected."""
        from .report.json import article_to_dict

        document = article_to_dict(article)
        document["updated"] = article.updated
        with self._write() as db:
            db.execute("UPDATE articles SET document = ?, published = ? WHERE id = ?",
                       (json.dumps(document, ensure_ascii=False), article.published, article.id))

    def set_user_title(self, story_id: str, title: str | None) -> None:
        """The title a user gave a story (None: back to the one crosswire derives)."""
        with self._write() as db:
            db.execute("UPDATE stories SET user_title = ? WHERE id = ?", (title, story_id))

    # ----------------------------------------------------------------- search

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Articles and claims holding every word of ``query`` (in any order, stemmed), best first.

        The user's words are quoted (FTS5) or passed as plain text (PostgreSQL), so no query
        syntax of theirs reaches the engine: ``"``, ``*``, ``NEAR``, ``OR`` are just words."""
        words = search_words(query)
        if not words:
            return []
        limit = max(1, min(int(limit), SEARCH_LIMIT))
        if self.db.dialect == "sqlite":
            rows = self.db.query(
                "SELECT kind, ref, story_id, body FROM search_text WHERE search_text MATCH ? "
                "AND (kind = 'article' OR story_id IN (SELECT id FROM stories)) "
                "ORDER BY bm25(search_text) LIMIT ?",
                (" ".join('"' + w + '"' for w in words), limit))
        else:
            rows = self.db.query(
                "SELECT kind, ref, story_id, body FROM search_text WHERE tsv @@ plainto_tsquery('english', ?) "
                "AND (kind = 'article' OR story_id IN (SELECT id FROM stories)) "
                "ORDER BY ts_rank(tsv, plainto_tsquery('english', ?)) DESC, kind, ref LIMIT ?",
                (" ".join(words), " ".join(words), limit))
        story_of = {}
        article_ids = [r[1] for r in rows if r[0] == "article"]
        for chunk in _chunks(article_ids, 500):
            marks = ",".join("?" * len(chunk))
            story_of.update(self.db.query(
                f"SELECT article_id, story_id FROM story_articles WHERE article_id IN ({marks})", chunk))
        titles = dict(self.db.query("SELECT id, coalesce(user_title, title) FROM stories"))
        hits = []
        for kind, ref, story_id, body in rows:
            story_id = story_of.get(ref) if kind == "article" else story_id
            hits.append(SearchHit(kind=kind, id=ref, story_id=story_id, story_title=titles.get(story_id),
                                  text=snippet(body, words)))
        return hits

    def story(self, story_id: str) -> Story | None:
        """One story with its current articles, or None."""
        rows = self.db.query("SELECT id, coalesce(user_title, title), first_published, last_published "
                             "FROM stories WHERE id = ?",
                             (story_id,))
        if not rows:
            return None
        members = sorted(r[0] for r in self.db.query(
            "SELECT article_id FROM story_articles WHERE story_id = ?", (story_id,)))
        r = rows[0]
        return Story(id=r[0], title=r[1], first_published=r[2], last_published=r[3], article_ids=members)

    def stories(self) -> list[Story]:
        members: dict[str, list[str]] = {}
        for story_id, article_id in self.db.query("SELECT story_id, article_id FROM story_articles"):
            members.setdefault(story_id, []).append(article_id)
        rows = self.db.query(
            "SELECT id, coalesce(user_title, title), first_published, last_published FROM stories "
            "ORDER BY coalesce(last_published, '') DESC, id"
        )
        return [
            Story(id=r[0], title=r[1], first_published=r[2], last_published=r[3],
                  article_ids=sorted(members.get(r[0], [])))
            for r in rows
        ]

    def dossier(self, story_id: str) -> Dossier:
        from .report.json import dossier_from_dict

        rows = self.db.query("SELECT dossier FROM stories WHERE id = ?", (story_id,))
        if not rows or rows[0][0] is None:
            raise NotFound(f"no story with id {story_id!r}")
        return dossier_from_dict(json.loads(rows[0][0]))

    # ----------------------------------------------------------------- state

    def get_state(self, key: str) -> Any | None:
        rows = self.db.query("SELECT document FROM state WHERE key = ?", (key,))
        return json.loads(rows[0][0]) if rows else None

    def set_state(self, key: str, value: Any) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO state (key, document) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET document = excluded.document",
                (key, json.dumps(value, ensure_ascii=False)),
            )

    def delete_state(self, key: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM state WHERE key = ?", (key,))

    # ----------------------------------------------------------------- story clusterer state
    # The clusterer's state as rows (migration 4), read and written a batch's worth at a time by
    # crosswire.group.state inside ``grouping()``. Vectors and week counts are JSON text, read
    # back exactly (float repr round-trips), so a clusterer loaded from rows scores as one loaded
    # from the old single document did.

    def cluster_meta(self) -> dict | None:
        rows = self.db.query("SELECT threshold, text_weight, n_docs, next_seq, terms FROM cluster_meta")
        if not rows:
            return None
        return dict(zip(("threshold", "text_weight", "n_docs", "next_seq", "terms"), rows[0]))

    def set_cluster_meta(self, meta: dict) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO cluster_meta (id, threshold, text_weight, n_docs, next_seq, terms) "
                "VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET threshold = excluded.threshold, "
                "text_weight = excluded.text_weight, n_docs = excluded.n_docs, "
                "next_seq = excluded.next_seq, terms = excluded.terms",
                (meta["threshold"], meta["text_weight"], meta["n_docs"], meta["next_seq"], meta["terms"]),
            )

    def cluster_df(self, terms: Iterable[str]) -> dict[str, int]:
        """Stored document frequencies of ``terms`` (terms never counted are left out)."""
        out: dict[str, int] = {}
        for chunk in _chunks(list(terms), 500):
            marks = ",".join("?" * len(chunk))
            out.update(self.db.query(f"SELECT term, n FROM cluster_df WHERE term IN ({marks})", chunk))
        return out

    def add_cluster_df(self, counts: dict[str, int]) -> None:
        """Add ``counts`` to the stored document frequencies (a count may be negative: an
        article forgotten); a term left counted nowhere is dropped."""
        with self._write() as db:
            db.executemany(
                "INSERT INTO cluster_df (term, n) VALUES (?, ?) "
                "ON CONFLICT(term) DO UPDATE SET n = cluster_df.n + excluded.n",
                [(t, n) for t, n in counts.items() if n > 0],
            )
            db.executemany("UPDATE cluster_df SET n = n + ? WHERE term = ?",
                           [(n, t) for t, n in counts.items() if n < 0])
            db.executemany("DELETE FROM cluster_df WHERE term = ? AND n <= 0",
                           [(t,) for t, n in counts.items() if n < 0])

    def cluster_apart(self) -> list[tuple[str, str]]:
        """The pairs of clusterer stories a user split apart (each pair sorted)."""
        return [(a, b) for a, b in self.db.query("SELECT a, b FROM cluster_apart ORDER BY a, b")]

    def save_cluster_apart(self, added: list[tuple[str, str]], removed: list[tuple[str, str]]) -> None:
        with self._write() as db:
            db.executemany("DELETE FROM cluster_apart WHERE a = ? AND b = ?", removed)
            db.executemany("INSERT INTO cluster_apart (a, b) VALUES (?, ?) ON CONFLICT DO NOTHING", added)

    def prune_cluster_df(self, at_most: int) -> int:
        """Forget the terms counted ``at_most`` times or fewer; returns how many terms remain."""
        with self._write() as db:
            db.execute("DELETE FROM cluster_df WHERE n <= ?", (at_most,))
            return db.execute("SELECT count(*) FROM cluster_df").fetchone()[0]

    def cluster_postings(self, keys: Iterable[str], limit: int) -> dict[str, list[str]]:
        """For each index key, the ids of the ``limit`` latest stories posted under it (by their
        sequence number), oldest first; an index lookup of at most ``limit`` rows per key."""
        keys = list(dict.fromkeys(keys))
        found: dict[str, list[tuple[int, str]]] = {k: [] for k in keys}
        if self.db.dialect == "postgresql":
            for chunk in _chunks(keys, 500):
                rows = self.db.query(
                    "SELECT k.key, p.seq, p.story_id FROM unnest(?::text[]) AS k(key) CROSS JOIN LATERAL "
                    "(SELECT seq, story_id FROM cluster_keys c WHERE c.key = k.key ORDER BY seq DESC LIMIT ?) p",
                    (chunk, limit))
                for key, seq, sid in rows:
                    found[key].append((seq, sid))
        else:  # no LATERAL in SQLite: a query per key, each a short index range, in process
            for key in keys:
                found[key] = self.db.query(
                    "SELECT seq, story_id FROM cluster_keys WHERE key = ? ORDER BY seq DESC LIMIT ?", (key, limit))
        return {k: [sid for _, sid in sorted(v)] for k, v in found.items()}

    def cluster_stories(self, ids: Iterable[str]) -> list[dict]:
        """Stored clusterer stories by id, each a dict (vectors decoded) with its members in order."""
        out: dict[str, dict] = {}
        for chunk in _chunks(list(dict.fromkeys(ids)), 500):
            marks = ",".join("?" * len(chunk))
            for r in self.db.query(
                    "SELECT id, seq, first_published, last_published, selfsum, leadn, members, weeks, "
                    f"index_keys, vector_terms, vector FROM cluster_stories WHERE id IN ({marks})", chunk):
                terms, names, lead = _unpack_vectors(r[9], r[10])
                out[r[0]] = {"id": r[0], "seq": r[1], "first": r[2], "last": r[3], "selfsum": r[4],
                             "leadn": r[5], "members": json.loads(r[6]), "weeks": json.loads(r[7]),
                             "keys": json.loads(r[8]), "terms": terms, "names": names, "lead": lead}
        return list(out.values())

    def cluster_story_ids(self) -> list[str]:
        """Every stored clusterer story's id, in sequence order."""
        return [r[0] for r in self.db.query("SELECT id FROM cluster_stories ORDER BY seq")]

    def cluster_story_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The clusterer story holding each of ``article_ids`` (those in none are left out)."""
        out: dict[str, str] = {}
        for chunk in _chunks(list(dict.fromkeys(article_ids)), 500):
            marks = ",".join("?" * len(chunk))
            out.update(self.db.query(
                f"SELECT article_id, story_id FROM cluster_members WHERE article_id IN ({marks})", chunk))
        return out

    def save_cluster(self, stories: list[dict], members: list[tuple[str, str]], dropped: list[str],
                     forgotten: list[str], keys_new: list[tuple[str, int, str]],
                     keys_gone: list[tuple[str, int]]) -> None:
        """Write what an add changed: story rows (upserted), the story of articles that moved
        (article, story; upserted), stories and articles gone, postings added and removed."""
        with self._write() as db:
            db.executemany(
                "INSERT INTO cluster_stories (id, seq, first_published, last_published, selfsum, leadn, "
                "members, weeks, index_keys, vector_terms, vector) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, first_published = excluded.first_published, "
                "last_published = excluded.last_published, selfsum = excluded.selfsum, leadn = excluded.leadn, "
                "members = excluded.members, weeks = excluded.weeks, index_keys = excluded.index_keys, "
                "vector_terms = excluded.vector_terms, vector = excluded.vector",
                [(d["id"], d["seq"], d["first"], d["last"], d["selfsum"], d["leadn"],
                  *(json.dumps(d[f], ensure_ascii=False) for f in ("members", "weeks", "keys")),
                  *_pack_vectors(d["terms"], d["names"], d["lead"]))
                 for d in stories],
            )
            db.executemany("DELETE FROM cluster_stories WHERE id = ?", [(i,) for i in dropped])
            db.executemany("DELETE FROM cluster_members WHERE article_id = ?", [(i,) for i in forgotten])
            db.executemany(
                "INSERT INTO cluster_members (article_id, story_id) VALUES (?, ?) "
                "ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id",
                members,
            )
            db.executemany("DELETE FROM cluster_keys WHERE key = ? AND seq = ?", keys_gone)
            db.executemany("INSERT INTO cluster_keys (key, seq, story_id) VALUES (?, ?, ?)", keys_new)

    def cluster_state(self) -> dict | None:
        """The whole clusterer state as one document (``StoryClusterer.to_state``'s shape), for
        checks and exports; None before the first grouping. Reads every row: not for adds."""
        meta = self.cluster_meta()
        if meta is None:
            return None
        ids = self.cluster_story_ids()
        by_id = {d["id"]: d for d in self.cluster_stories(ids)}
        stories = []
        for sid in ids:
            d = by_id[sid]
            stories.append({"id": sid, "members": d["members"], "terms": d["terms"], "names": d["names"],
                            "first": d["first"], "last": d["last"], "weeks": d["weeks"],
                            "selfsum": d["selfsum"], "lead": d["lead"], "leadn": d["leadn"]})
        df = dict(self.db.query("SELECT term, n FROM cluster_df"))
        return {"version": 1, "threshold": meta["threshold"], "text_weight": meta["text_weight"],
                "n_docs": meta["n_docs"], "df": df, "stories": stories,
                "apart": [list(p) for p in self.cluster_apart()]}

    def close(self) -> None:
        self.db.close()


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _searchable(article: Article) -> str:
    return "\n".join(x for x in (article.title, article.text) if x)


def search_words(query: str) -> list[str]:
    """The words of a search query (letters and digits; punctuation and query syntax dropped)."""
    return re.findall(r"\w+", (query or "")[:2000])[:SEARCH_WORDS]


def snippet(body: str, words: list[str], size: int = SNIPPET_CHARS) -> str:
    """A window of ``body`` around the first word of the query it holds (a prefix match, as
    stemming matches "earthquakes" for "earthquake")."""
    folded = body.casefold()
    found = [i for i in (folded.find(w.casefold()[:max(3, len(w) - 2)]) for w in words) if i >= 0]
    start = max(0, min(found) - size // 3) if found else 0
    piece = " ".join(body[start:start + size].split())
    return ("…" if start else "") + piece + ("…" if start + size < len(body) else "")

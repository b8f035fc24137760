"""The SQLite store: the only module that speaks SQL.

One file, ``$CROSSWIRE_HOME/crosswire.db`` by default (``~/.crosswire``, created when missing);
a file named by the caller must be in a folder that exists. Articles are keyed by their id
(source and content, :mod:`crosswire.identity`), so analysing the same input twice stores it
once. Extraction results, the story clusterer's state and each story's dossier are cached as
JSON documents beside them.
Schema changes are numbered migrations, each applied in one transaction with its record.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .errors import NotFound, StoreError
from .models import Article, Dossier, Extraction, Story

MIGRATIONS: list[tuple[str, str]] = [
    (
        "create articles, extractions, stories",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            published TEXT,
            document TEXT NOT NULL,
            added_at TEXT NOT NULL DEFAULT (datetime('now'))
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
            updated_at TEXT NOT NULL DEFAULT (datetime('now'))
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
]


def default_path() -> Path:
    home = os.environ.get("CROSSWIRE_HOME") or os.path.join(os.path.expanduser("~"), ".crosswire")
    return Path(home) / "crosswire.db"


class Database:
    """A thin, thread-safe wrapper over one SQLite connection with migrations applied."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path is not None else default_path()
        if path is not None and str(self.path) != ":memory:" and not self.path.parent.is_dir():
            # A store named by the user lives in a folder that exists: a typo in --store must
            # not silently create a tree of folders and an empty store.
            raise StoreError(f"cannot open the store at {self.path}: no such folder {self.path.parent}")
        try:
            if path is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)  # $CROSSWIRE_HOME is ours to make
            self._conn = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._conn.execute("PRAGMA busy_timeout=10000")
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc
        self._lock = threading.RLock()
        self._migrate()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            cursor = self._conn.execute(sql, tuple(params))
            return cursor.fetchall()

    def _migrate(self) -> None:
        with self._lock:
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                "applied_at TEXT NOT NULL DEFAULT (datetime('now')))"
            )
            done = {row[0] for row in self._conn.execute("SELECT id FROM migrations")}
            for number, (name, sql) in enumerate(MIGRATIONS, start=1):
                if number in done:
                    continue
                try:
                    # executescript would commit on its own; run statements inside our transaction.
                    with self.transaction() as conn:
                        for statement in sql.split(";"):
                            if statement.strip():
                                conn.execute(statement)
                        conn.execute("INSERT INTO migrations (id, name) VALUES (?, ?)", (number, name))
                except sqlite3.Error as exc:
                    raise StoreError(f"cannot migrate the store at {self.path}: {exc}") from exc

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class ArticleStore:
    """Articles, extractions, stories and dossiers in one SQLite database."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.db = Database(path)

    # ----------------------------------------------------------------- articles

    def add_articles(self, articles: Iterable[Article]) -> list[str]:
        """Store articles; returns the ids that were new. An id already stored is not rewritten."""
        from .report.json import article_to_dict

        added = []
        try:
            with self.db.transaction() as conn:
                for article in articles:
                    document = article_to_dict(article)
                    document["updated"] = article.updated
                    cursor = conn.execute(
                        "INSERT OR IGNORE INTO articles (id, source, published, document) VALUES (?, ?, ?, ?)",
                        (article.id, article.source, article.published, json.dumps(document, ensure_ascii=False)),
                    )
                    if cursor.rowcount:
                        added.append(article.id)
                    conn.execute(
                        "INSERT OR IGNORE INTO article_sources (source, article_id) VALUES (?, ?)",
                        (article.source, article.id),
                    )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to the store: {exc}") from exc
        return added

    def update_articles(self, articles: Iterable[Article]) -> None:
        """Rewrite stored articles (roles and based_on change as stories grow)."""
        from .report.json import article_to_dict

        with self.db.transaction() as conn:
            for article in articles:
                document = article_to_dict(article)
                document["updated"] = article.updated
                conn.execute(
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
            rows = self.db.query("SELECT document FROM articles ORDER BY rowid")
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
        """Each stored id's rank in the order the store first saw the articles (rowid order)."""
        ranks: dict[str, int] = {}
        for chunk in _chunks(list(dict.fromkeys(ids)), 500):
            marks = ",".join("?" * len(chunk))
            ranks.update(self.db.query(f"SELECT id, rowid FROM articles WHERE id IN ({marks})", chunk))
        return ranks

    def count_articles(self) -> int:
        return self.db.query("SELECT count(*) FROM articles")[0][0]

    # ----------------------------------------------------------------- extractions

    def save_extractions(self, extractions: Iterable[Extraction]) -> None:
        with self.db.transaction() as conn:
            for extraction in extractions:
                conn.execute(
                    "INSERT OR REPLACE INTO extractions (article_id, document) VALUES (?, ?)",
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

    def save_story(self, story: Story, dossier: Dossier | None = None) -> None:
        from .report.json import dossier_to_dict

        document = json.dumps(dossier_to_dict(dossier), ensure_ascii=False) if dossier else None
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO stories (id, title, first_published, last_published, dossier, updated_at) "
                "VALUES (?, ?, ?, ?, ?, datetime('now')) ON CONFLICT(id) DO UPDATE SET title=excluded.title, "
                "first_published=excluded.first_published, last_published=excluded.last_published, "
                "dossier=excluded.dossier, updated_at=excluded.updated_at",
                (story.id, story.title, story.first_published, story.last_published, document),
            )
            conn.execute("DELETE FROM story_articles WHERE story_id = ?", (story.id,))
            conn.executemany(
                "INSERT OR IGNORE INTO story_articles (story_id, article_id) VALUES (?, ?)",
                [(story.id, a) for a in story.article_ids],
            )

    def delete_stories(self, story_ids: Iterable[str]) -> None:
        with self.db.transaction() as conn:
            for story_id in story_ids:
                conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))

    def stories(self) -> list[Story]:
        rows = self.db.query(
            "SELECT s.id, s.title, s.first_published, s.last_published, group_concat(sa.article_id) "
            "FROM stories s LEFT JOIN story_articles sa ON sa.story_id = s.id "
            "GROUP BY s.id ORDER BY coalesce(s.last_published, '') DESC, s.id"
        )
        return [
            Story(id=r[0], title=r[1], first_published=r[2], last_published=r[3],
                  article_ids=sorted((r[4] or "").split(",")) if r[4] else [])
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
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO state (key, document) VALUES (?, ?)",
                (key, json.dumps(value, ensure_ascii=False)),
            )

    def close(self) -> None:
        self.db.close()


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]

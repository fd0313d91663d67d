"""The cache: classified documents kept in one SQLite file, so that a second
run over unchanged files does no PDF or spaCy work.

An entry's key is the hash of everything its result depends on: the file's
bytes, the PDF engine, the text encoding asked for, the taxonomy's bytes, and
the versions of sendscan and of the libraries that shape results. Change any
of them and the entry is simply not found.

Several runs may share the file at once (WAL journal, a busy timeout), and a
run killed part-way leaves only whole entries: each is one INSERT, which
SQLite commits entirely or not at all. A file that is not a sendscan cache
(corrupt, or another program's database) is moved aside, not overwritten,
and a new cache is started; `Cache.notice` says so.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import time
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

from . import __version__
from .errors import SendscanError

#: Names the file as a sendscan cache (SQLite's application_id header field): "SSC1".
APPLICATION_ID = 0x53534331
#: The layout of the tables; a cache of another layout is started anew.
LAYOUT = 1
#: The environment variable that moves the cache, like --cache.
ENV = "SENDSCAN_CACHE"
#: Seconds to wait for another run's write to finish before giving up.
BUSY_TIMEOUT = 30.0

COLUMNS = ("key", "path", "pages", "version", "created", "data")
TABLES = """
CREATE TABLE IF NOT EXISTS entries (
    key TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    pages INTEGER NOT NULL,
    version TEXT NOT NULL,
    created REAL NOT NULL,
    data BLOB NOT NULL
);
"""


class CacheError(SendscanError):
    """The cache file cannot be used at all (a directory, no permission...)."""


def default_path() -> Path:
    """$SENDSCAN_CACHE, or cache.sqlite3 in the platform's user cache directory."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("sendscan", appauthor=False)) / "cache.sqlite3"


def entry_key(content: bytes, engine: str, encoding: str | None, taxonomy_digest: str) -> str:
    parts = [hashlib.sha256(content).hexdigest(), engine, encoding or "", taxonomy_digest, *library_versions()]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


#: Libraries whose upgrade can change a result: tokens, lemmas, extracted text.
SHAPING_LIBRARIES = ("spacy", "spacy-lookups-data", "pypdfium2", "pdfplumber", "trafilatura")


@functools.lru_cache(maxsize=1)
def library_versions() -> tuple[str, ...]:
    """sendscan's version and those of the libraries that shape its results
    (read from their installed metadata: importing spaCy would take longer)."""
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        try:
            return f"{name} {version(name)}"
        except PackageNotFoundError:
            return f"{name} -"

    return (f"sendscan {__version__}", *map(installed, SHAPING_LIBRARIES))


@dataclass
class CacheInfo:
    path: str
    entries: int
    pages: int
    bytes: int
    versions: list[str]
    oldest: float | None
    newest: float | None

    def to_dict(self) -> dict:
        return asdict(self)


class Cache:
    """`Cache(path)` opens (or starts) the cache; use it as a context manager."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_path()
        #: A warning for the user: the file found was not a cache and was moved
        #: aside, or the cache failed part-way and the run went on without it.
        self.notice: str | None = None
        #: Set when SQLite found the file damaged part-way through a run.
        self.corrupt = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CacheError(f"cannot use this cache file: cannot make its folder ({error.strerror or error})",
                             str(self.path)) from None
        try:
            self.db = self._open()
        except sqlite3.OperationalError as error:  # locked past the timeout, cannot open: not the file's fault
            raise CacheError(f"cannot use this cache file: {error}", str(self.path)) from None
        except sqlite3.DatabaseError as error:
            moved = self._move_aside()
            self.notice = f"{self.path}: not a sendscan cache ({error}); moved it to {moved.name} and started a new one"
            try:
                self.db = self._open()
            except (OSError, sqlite3.Error) as again:
                raise CacheError(f"cannot use this cache file: {again}", str(self.path)) from None
        except OSError as error:
            raise CacheError(f"cannot use this cache file: {error.strerror or error}", str(self.path)) from None

    def _open(self) -> sqlite3.Connection:
        if self.path.is_dir():
            raise OSError(21, "it is a directory")
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        try:
            # Both read in one transaction: another run may be making the new
            # file ours meanwhile, and its tables without its id would look foreign.
            db.execute("BEGIN")
            found = db.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            db.execute("COMMIT")
            if found == 0 and not tables:  # a new, empty file: make it ours
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("BEGIN IMMEDIATE")
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {LAYOUT}")
                db.execute(TABLES)
                db.execute("COMMIT")
            elif found != APPLICATION_ID:
                raise sqlite3.DatabaseError(f"application id {found:#x}, not sendscan's")
            elif db.execute("PRAGMA user_version").fetchone()[0] != LAYOUT:
                raise sqlite3.DatabaseError("written by another version of sendscan")
            elif [r[1] for r in db.execute("PRAGMA table_info(entries)")] != list(COLUMNS):
                raise sqlite3.DatabaseError("its table of entries is missing or altered")
            db.execute("PRAGMA journal_mode = WAL")
            # A cache may lose its last entries when the machine fails, never
            # its integrity (WAL): not waiting for the disk on every entry
            # saves some 2 ms a file in a cold run.
            db.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            db.close()
            raise
        return db

    def _move_aside(self) -> Path:
        aside = self.path.with_name(f"{self.path.name}.unusable-{time.strftime('%Y%m%d-%H%M%S')}")
        os.replace(self.path, aside)
        for suffix in ("-wal", "-shm"):  # another file's journal must not be applied to ours
            journal = self.path.with_name(self.path.name + suffix)
            if journal.exists():
                os.replace(journal, aside.with_name(aside.name + suffix))
        return aside

    def get(self, key: str) -> dict | None:
        """The stored result for this key, or None (also when the cache fails)."""
        try:
            row = self.db.execute("SELECT data FROM entries WHERE key = ?", (key,)).fetchone()
            found = json.loads(zlib.decompress(row[0])) if row else None
            if row and not isinstance(found, dict):
                raise ValueError("not an entry sendscan wrote")
            return found
        except (zlib.error, ValueError, TypeError):  # only a hand-edited entry can be unreadable
            self.drop(key)
        except sqlite3.Error as error:
            self._failed(self._problem(error))
        return None

    def drop(self, key: str) -> None:
        """Remove an entry that is not what sendscan wrote (edited by hand, or
        by another program), so that the next run does not meet it again."""
        self._failed(f"{self.path}: an entry sendscan did not write was removed; its file was read afresh")
        try:
            self.db.execute("DELETE FROM entries WHERE key = ?", (key,))
        except sqlite3.Error as error:
            self._failed(self._problem(error))

    def put(self, key: str, path: str, pages: int, data: dict) -> None:
        # The fastest level: a third of the time of the default, the entry a quarter larger.
        blob = zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 1)
        try:
            self.db.execute("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?)",
                            (key, path, pages, __version__, time.time(), blob))
        except sqlite3.Error as error:
            self._failed(self._problem(error))

    def _problem(self, error: sqlite3.Error) -> str:
        if isinstance(error, sqlite3.OperationalError):  # locked past the timeout, disk full...
            return f"{self.path}: the cache could not be used ({error}); this run went on without it"
        self.corrupt = True
        return f"{self.path}: the cache is damaged ({error}); it will be moved aside and started anew"

    def _failed(self, notice: str) -> None:
        self.notice = self.notice or notice

    def info(self) -> CacheInfo:
        entries, pages, oldest, newest = self.db.execute(
            "SELECT count(*), coalesce(sum(pages), 0), min(created), max(created) FROM entries").fetchone()
        versions = [r[0] for r in self.db.execute("SELECT DISTINCT version FROM entries ORDER BY version")]
        size = sum(p.stat().st_size for p in (self.path, self.path.with_name(self.path.name + "-wal")) if p.exists())
        return CacheInfo(str(self.path), entries, pages, size, versions, oldest, newest)

    def clear(self) -> int:
        """Remove every entry; returns how many there were."""
        removed = self.db.execute("DELETE FROM entries").rowcount
        self.db.execute("VACUUM")
        return removed

    def close(self) -> None:
        self.db.close()
        if self.corrupt:
            self._move_aside()

    def __enter__(self) -> "Cache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

"""Numbered, append-only schema migrations, applied when the store is opened.

Never edit a migration that has shipped: add a new one at the end.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable

import sqlite_utils

MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = []


def run_script(db: sqlite_utils.Database, sql: str) -> None:
    """Run SQL statements one by one inside the caller's transaction.

    (``executescript`` would COMMIT first, breaking the lock that keeps two processes
    from migrating the same new file at once.)
    """
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            db.conn.execute(buffer)
            buffer = ""
    if buffer.strip():
        db.conn.execute(buffer)


def migration(fn: Callable[[sqlite_utils.Database], None]) -> Callable[[sqlite_utils.Database], None]:
    MIGRATIONS.append(fn)
    return fn


@migration
def m001_initial(db: sqlite_utils.Database) -> None:
    run_script(
        db,
        """
        -- One row per recording file seen by `callqa run`.
        CREATE TABLE recordings (
            path TEXT PRIMARY KEY,          -- absolute path
            file_name TEXT NOT NULL,        -- relative to the recordings folder; joins call_records.recording
            call_id TEXT NOT NULL,
            audio_sha256 TEXT,
            size_bytes INTEGER,
            mtime REAL,
            container TEXT, codec TEXT, channels INTEGER, sample_rate INTEGER,
            duration_s REAL, dual_mono INTEGER,
            status TEXT NOT NULL,           -- pending | transcribed | classified | failed
            failure_kind TEXT,
            failure_reason TEXT,
            transcript_key TEXT,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX recordings_call_id ON recordings(call_id);
        CREATE INDEX recordings_status ON recordings(status);

        -- Transcripts are cached by content: sha256(audio) + model + options.
        CREATE TABLE transcripts (
            key TEXT PRIMARY KEY,
            audio_sha256 TEXT NOT NULL,
            model TEXT NOT NULL,
            options TEXT NOT NULL,          -- JSON
            duration_s REAL,
            channels INTEGER,
            agent_channel INTEGER,
            role_confidence REAL,
            language TEXT,
            -- conversation features (SPEC §5 talk analytics)
            agent_talk_s REAL, customer_talk_s REAL, unknown_talk_s REAL,
            agent_talk_ratio REAL, non_talk_s REAL, non_talk_share REAL,
            longest_silence_s REAL, longest_silence_start_s REAL, silence_count INTEGER,
            interruptions INTEGER, overlap_s REAL,
            agent_wpm REAL, customer_wpm REAL, longest_monologue_s REAL,
            created_at TEXT NOT NULL
        );

        CREATE TABLE segments (
            transcript_key TEXT NOT NULL REFERENCES transcripts(key),
            idx INTEGER NOT NULL,
            speaker TEXT NOT NULL,
            start_s REAL NOT NULL,
            end_s REAL NOT NULL,
            text TEXT NOT NULL,
            confidence REAL,
            no_speech_prob REAL,
            channel INTEGER,
            suspect INTEGER NOT NULL DEFAULT 0,
            suspect_reason TEXT,
            PRIMARY KEY (transcript_key, idx)
        );

        -- Call records (SPEC §4), one per call_id after de-duplication.
        CREATE TABLE call_records (
            call_id TEXT PRIMARY KEY,
            recording TEXT,
            started_at TEXT,                -- ISO 8601 UTC
            direction TEXT,
            caller TEXT, callee TEXT,
            caller_key TEXT,                -- the customer's number: caller if inbound, callee if outbound
            status TEXT,
            agent TEXT, queue TEXT, source TEXT, campaign TEXT, tracking_number TEXT,
            wait_s REAL, ring_s REAL, talk_s REAL, hold_s REAL, acw_s REAL,
            disposition TEXT,
            revenue REAL, cost REAL,
            updated_at TEXT,
            extra TEXT,                     -- JSON of unknown columns
            source_file TEXT,
            source_row INTEGER
        );
        CREATE INDEX call_records_recording ON call_records(recording);
        CREATE INDEX call_records_caller_key ON call_records(caller_key, started_at);

        CREATE TABLE import_errors (
            id INTEGER PRIMARY KEY,
            source_file TEXT NOT NULL,
            row INTEGER NOT NULL,
            reason TEXT NOT NULL,
            imported_at TEXT NOT NULL
        );

        -- Machine and human labels. The effective label is human > model > rule.
        CREATE TABLE labels (
            call_id TEXT NOT NULL,
            task TEXT NOT NULL,             -- spam | outcome | resolution | escalated
            source TEXT NOT NULL,           -- model | rule | human
            value TEXT NOT NULL,
            confidence REAL,
            version TEXT,
            evidence TEXT,                  -- JSON list of Evidence
            transcript_key TEXT,
            created_at TEXT NOT NULL,
            PRIMARY KEY (call_id, task, source)
        );

        -- Human reviews (who, when, old and new value, note).
        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            call_id TEXT NOT NULL,
            task TEXT,
            old_value TEXT,
            new_value TEXT,
            reviewer TEXT,
            note TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX reviews_call_id ON reviews(call_id);
        """
    )


@migration
def m002_scorecards(db: sqlite_utils.Database) -> None:
    run_script(
        db,
        """
        -- QA scorecard per call (rubric in callqa.toml / callqa/rubric.toml); score NULL when not scored.
        CREATE TABLE scorecards (
            call_id TEXT PRIMARY KEY,
            rubric_version TEXT NOT NULL,
            score REAL,
            auto_failed INTEGER NOT NULL DEFAULT 0,
            reason TEXT,
            items TEXT,                     -- JSON: name, passed, weight, reason, evidence
            scored_at TEXT NOT NULL
        );
        """
    )


@migration
def m003_inbound_caller_index(db: sqlite_utils.Database) -> None:
    run_script(
        db,
        """
        -- Only inbound calls from a known number at a known time take part in repeat contacts and
        -- first-time callers: a partial index holds them in (caller_key, started_at, rowid) order,
        -- so the facts cache reads them sorted without a sort, and an import maintains fewer entries.
        DROP INDEX IF EXISTS call_records_caller_key;
        CREATE INDEX call_records_inbound_caller ON call_records(caller_key, started_at)
            WHERE direction = 'inbound' AND caller_key IS NOT NULL AND started_at IS NOT NULL;
        """
    )


def apply_migrations(db: sqlite_utils.Database, *, views_sql: str | None = None) -> int:
    """Apply every migration not yet applied, then (re)create the views if their SQL changed.

    Runs under an immediate (write) lock, so when two processes open a new file at once,
    one migrates and the other waits and then finds nothing to do. Returns how many ran.
    """
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS _migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        done = {row[0] for row in conn.execute("SELECT name FROM _migrations").fetchall()}
        ran = 0
        for fn in MIGRATIONS:
            if fn.__name__ in done:
                continue
            fn(db)
            conn.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, datetime('now'))", [fn.__name__])
            ran += 1
        if views_sql is not None:
            # Views hold no data: recreate them only when the code that defines them changed.
            key = hashlib.sha256(views_sql.encode()).hexdigest()
            conn.execute("CREATE TABLE IF NOT EXISTS _views (id INTEGER PRIMARY KEY CHECK (id = 1), key TEXT NOT NULL)")
            row = conn.execute("SELECT key FROM _views WHERE id = 1").fetchone()
            if row is None or row[0] != key:
                run_script(db, views_sql)
                conn.execute("INSERT OR REPLACE INTO _views (id, key) VALUES (1, ?)", [key])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return ran

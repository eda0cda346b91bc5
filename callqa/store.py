"""The SQLite store: the only module (with migrations.py) that imports sqlite_utils.

One file holds recordings, cached transcripts, call records, labels and reviews.
Every write that finishes a unit of work (one call) is one transaction, so a
killed batch leaves either the whole call or nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from callqa.errors import CallqaError
from callqa.migrations import apply_migrations
from callqa.scoring.rubric import Scorecard
from callqa.schema import (
    CallRecord,
    Classification,
    ConversationFeatures,
    Evidence,
    Label,
    RowError,
    Segment,
    Transcript,
)


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """A callqa database file."""

    def __init__(self, db: sqlite_utils.Database, path: str):
        self.db = db
        self.path = path

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Store:
        """Open (and migrate) a store. With ``create=False`` a missing file is an error."""
        path = Path(path)
        if not create and not path.exists():
            raise CallqaError(
                f"No callqa database at {path}. Run `callqa run RECORDINGS --db {path}` first, or pass --db with the right file."
            )
        try:
            db = sqlite_utils.Database(path)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            from callqa.scoring.facts import VIEWS_SQL

            apply_migrations(db, views_sql=VIEWS_SQL)
        except Exception as e:  # sqlite3.DatabaseError and friends: not a database, locked, read-only
            raise CallqaError(f"Cannot open the database {path}: {e}. Pass --db with a callqa database file.") from None
        return cls(db, str(path))

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.db.conn:
            yield

    def query(self, sql: str, params: dict[str, Any] | list[Any] | None = None) -> list[dict[str, Any]]:
        return list(self.db.query(sql, params or {}))

    def iter_query(self, sql: str, params: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        """Rows one at a time, for exports larger than memory."""
        return self.db.query(sql, params or {})

    # --- call records -------------------------------------------------------

    def upsert_call_records(self, records: Iterable[CallRecord], *, source_file: str, rows: Iterable[int] | None = None) -> int:
        """Insert or replace call records (a later import of the same call_id wins).

        One executemany of plain tuples in one transaction: a million records in seconds
        (going through dicts and sqlite-utils' upsert took minutes).
        """
        from operator import attrgetter

        from callqa.scoring.facts import call_records_replaced
        from callqa.scoring.records import customer_number

        names = [f.name for f in fields(CallRecord) if f.name != "extra"]
        values_of = attrgetter(*names)
        row_numbers = iter(rows) if rows is not None else None

        def tuples() -> Iterator[tuple[Any, ...]]:
            for r in records:
                extra = json.dumps(r.extra) if r.extra else "{}"  # in the file's column order
                row = next(row_numbers, None) if row_numbers is not None else None
                yield (*values_of(r), extra, customer_number(r), source_file, row)

        columns = [*names, "extra", "caller_key", "source_file", "source_row"]
        sql = f"INSERT OR REPLACE INTO call_records ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        # Index pages of a big import do not fit the default 2 MB page cache.
        self.db.execute("PRAGMA cache_size = -131072")
        with self.db.conn:
            # The metrics cache is stale now (no per-row trigger on this table: it cost a third of the import).
            # Dropped first, so the import reuses its pages.
            call_records_replaced(self.db.conn)
            cursor = self.db.conn.executemany(sql, tuples())
        return cursor.rowcount

    def record_import_errors(self, source_file: str, errors: Iterable[RowError]) -> None:
        at = now_iso()
        rows = [{"source_file": source_file, "row": e.row, "reason": e.reason, "imported_at": at} for e in errors]
        if rows:
            with self.db.conn:
                self.db["import_errors"].insert_all(rows)

    def call_id_for_recording(self, file_name: str) -> str | None:
        """The call_id whose record names this recording (by relative path, else by base name)."""
        row = self.db.execute("SELECT call_id FROM call_records WHERE recording = ? LIMIT 1", [file_name]).fetchone()
        if row is None:
            base = Path(file_name).name
            row = self.db.execute(
                "SELECT call_id FROM call_records WHERE recording = ? OR recording LIKE ? LIMIT 1",
                [base, "%/" + base],
            ).fetchone()
        return row[0] if row else None

    # --- recordings ---------------------------------------------------------

    def get_recording(self, path: str) -> dict[str, Any] | None:
        rows = self.query("SELECT * FROM recordings WHERE path = :p", {"p": path})
        return rows[0] if rows else None

    def upsert_recording(self, row: dict[str, Any]) -> None:
        row = {**row, "updated_at": now_iso()}
        self.db["recordings"].upsert(row, pk="path", alter=False)

    def set_recording_status(self, path: str, status: str) -> None:
        self.db.execute("UPDATE recordings SET status = ?, updated_at = ? WHERE path = ?", [status, now_iso(), path])

    # --- transcripts --------------------------------------------------------

    def has_transcript(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM transcripts WHERE key = ?", [key]).fetchone() is not None

    def save_transcript(
        self,
        key: str,
        *,
        audio_sha256: str,
        transcript: Transcript,
        features: ConversationFeatures,
        options: dict[str, Any],
    ) -> None:
        """Store a transcript, its segments and features (call inside a transaction)."""
        self.db.execute("DELETE FROM segments WHERE transcript_key = ?", [key])
        self.db["transcripts"].upsert(
            {
                "key": key,
                "audio_sha256": audio_sha256,
                "model": transcript.model,
                "options": json.dumps(options, sort_keys=True),
                "duration_s": transcript.duration_s,
                "channels": transcript.channels,
                "agent_channel": transcript.agent_channel,
                "role_confidence": transcript.role_confidence,
                "language": transcript.language,
                **{k: v for k, v in asdict(features).items() if k != "duration_s"},
                "created_at": now_iso(),
            },
            pk="key",
            alter=False,
        )
        self.db["segments"].insert_all(
            (
                {
                    "transcript_key": key,
                    "idx": s.index,
                    "speaker": s.speaker,
                    "start_s": s.start_s,
                    "end_s": s.end_s,
                    "text": s.text,
                    "confidence": s.confidence,
                    "no_speech_prob": s.no_speech_prob,
                    "channel": s.channel,
                    "suspect": int(s.suspect),
                    "suspect_reason": s.suspect_reason,
                }
                for s in transcript.segments
            ),
            alter=False,
        )

    def load_transcript(self, key: str) -> Transcript | None:
        rows = self.query("SELECT * FROM transcripts WHERE key = :k", {"k": key})
        if not rows:
            return None
        t = rows[0]
        segments = tuple(
            Segment(
                index=r["idx"],
                speaker=r["speaker"],
                start_s=r["start_s"],
                end_s=r["end_s"],
                text=r["text"],
                confidence=r["confidence"],
                no_speech_prob=r["no_speech_prob"],
                channel=r["channel"],
                suspect=bool(r["suspect"]),
                suspect_reason=r["suspect_reason"],
            )
            for r in self.query("SELECT * FROM segments WHERE transcript_key = :k ORDER BY idx", {"k": key})
        )
        return Transcript(
            segments=segments,
            duration_s=t["duration_s"],
            model=t["model"],
            channels=t["channels"],
            agent_channel=t["agent_channel"],
            role_confidence=t["role_confidence"],
            language=t["language"] or "en",
        )

    # --- labels ---------------------------------------------------------------

    def labels_version(self, call_id: str, transcript_key: str | None) -> str | None:
        """The machine-label version stored for this call and transcript, if any."""
        row = self.db.execute(
            "SELECT version FROM labels WHERE call_id = ? AND task = 'spam' AND source != 'human' AND transcript_key IS ?",
            [call_id, transcript_key],
        ).fetchone()
        return row[0] if row else None

    def delete_machine_labels(self, call_id: str) -> None:
        self.db.execute("DELETE FROM labels WHERE call_id = ? AND source != 'human'", [call_id])

    def save_classification(self, call_id: str, classification: Classification, *, transcript_key: str | None) -> None:
        """Replace the machine labels of a call (human labels are kept)."""
        at = now_iso()
        self.delete_machine_labels(call_id)
        self.db["labels"].insert_all(
            (
                {
                    "call_id": call_id,
                    "task": label.task,
                    "source": label.source,
                    "value": label.value,
                    "confidence": label.confidence,
                    "version": label.version,
                    "evidence": json.dumps([e.to_dict() for e in label.evidence]),
                    "transcript_key": transcript_key,
                    "created_at": at,
                }
                for label in classification.labels()
            ),
            alter=False,
        )

    def save_human_label(self, call_id: str, task: str, value: str, *, reviewer: str, at: str) -> None:
        """A reviewer's label (call inside a transaction); it overrides machine labels in the views."""
        self.db["labels"].upsert(
            {"call_id": call_id, "task": task, "source": "human", "value": value, "confidence": 1.0,
             "version": f"review:{reviewer}", "evidence": "[]", "transcript_key": None, "created_at": at},
            pk=("call_id", "task", "source"),
        )

    def add_reviews(self, rows: list[dict[str, Any]]) -> None:
        """Review history rows: call_id, task, old_value, new_value, reviewer, note, created_at."""
        self.db["reviews"].insert_all(rows)

    def scorecard_version(self, call_id: str) -> str | None:
        row = self.db.execute("SELECT rubric_version FROM scorecards WHERE call_id = ?", [call_id]).fetchone()
        return row[0] if row else None

    def save_scorecard(self, call_id: str, card: Scorecard) -> None:
        """The QA scorecard of a call (call inside a transaction); replaces an earlier one."""
        self.db["scorecards"].upsert(
            {"call_id": call_id, "rubric_version": card.rubric_version, "score": card.score,
             "auto_failed": int(card.auto_failed), "reason": card.reason, "items": card.items_json(),
             "scored_at": now_iso()},
            pk="call_id",
            alter=False,
        )

    def load_labels(self, call_id: str) -> list[Label]:
        """All labels of a call, human ones included."""
        return [
            Label(
                task=r["task"],
                value=r["value"],
                confidence=r["confidence"],
                source=r["source"],
                version=r["version"],
                evidence=tuple(Evidence(**e) for e in json.loads(r["evidence"] or "[]")),
            )
            for r in self.query("SELECT * FROM labels WHERE call_id = :c ORDER BY task, source", {"c": call_id})
        ]

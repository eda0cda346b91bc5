"""Exports for analysts: call, segment and label grains as CSV, JSONL or Parquet.

Redacted by default: transcript and evidence text goes through the PII redactor,
and phone numbers are replaced by a stable hash so calls can still be grouped by caller.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from callqa.errors import CallqaError
from callqa.store import Store

CALL_COLUMNS = (
    "call_id", "started_at", "direction", "status", "caller", "callee", "caller_key", "agent", "queue", "source",
    "campaign", "tracking_number", "wait_s", "ring_s", "talk_s", "hold_s", "acw_s", "disposition", "revenue", "cost",
    "recording_path", "recording_status", "failure_kind", "audio_duration_s", "agent_talk_s", "customer_talk_s",
    "agent_talk_ratio", "non_talk_s", "longest_silence_s", "interruptions", "agent_wpm", "customer_wpm",
    "longest_monologue_s", "spam_label", "is_spam", "outcome", "resolution", "escalated", "min_confidence",
)
PHONE_COLUMNS = ("caller", "callee", "caller_key")


def phone_hash(number: str | None) -> str | None:
    """A stable pseudonym for a phone number (same number, same hash) that does not reveal it."""
    if not number:
        return None
    return "h:" + hashlib.sha256(number.encode()).hexdigest()[:12]


def _call_rows(store: Store, *, redact: bool) -> Iterator[dict[str, Any]]:
    labels: dict[str, dict[str, Any]] = {}
    for r in store.query("SELECT call_id, task, confidence, source, version FROM effective_labels"):
        labels.setdefault(r["call_id"], {}).update(
            {f"{r['task']}_confidence": r["confidence"], f"{r['task']}_source": r["source"], f"{r['task']}_version": r["version"]}
        )
    for row in store.iter_query(f"SELECT {', '.join(CALL_COLUMNS)} FROM call_facts ORDER BY started_at, call_id"):
        if redact:
            for c in PHONE_COLUMNS:
                row[c] = phone_hash(row[c])
        extra = labels.get(row["call_id"], {})
        for task in ("spam", "outcome", "resolution", "escalated"):
            for part in ("confidence", "source", "version"):
                row[f"{task}_{part}"] = extra.get(f"{task}_{part}")
        yield row


def _segment_rows(store: Store, *, redact: bool) -> Iterator[dict[str, Any]]:
    sql = """
        SELECT r.path AS recording, r.call_id, s.idx AS segment_index, s.speaker, s.start_s, s.end_s, s.text,
               s.confidence, s.no_speech_prob, s.suspect, s.suspect_reason
        FROM recordings r JOIN segments s ON s.transcript_key = r.transcript_key
        ORDER BY r.call_id, s.idx
    """
    rows = store.iter_query(sql)
    if not redact:
        yield from rows
        return
    from callqa.classify.redact import Redactor

    redactor = Redactor()
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= 256:
            yield from _redact_batch(redactor, batch)
            batch = []
    yield from _redact_batch(redactor, batch)


def _redact_batch(redactor, batch: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for row, red in zip(batch, redactor.redact_many([r["text"] for r in batch])):
        yield {**row, "text": red.text}


def _label_rows(store: Store, *, redact: bool) -> Iterator[dict[str, Any]]:
    sql = """
        SELECT l.call_id, l.task, l.value, l.confidence, l.source, l.version, l.evidence, l.created_at,
               (e.source = l.source) AS effective
        FROM labels l JOIN effective_labels e ON e.call_id = l.call_id AND e.task = l.task
        ORDER BY l.call_id, l.task, l.source
    """
    redactor = None
    if redact:
        from callqa.classify.redact import Redactor

        redactor = Redactor()
    for row in store.iter_query(sql):
        evidence = json.loads(row["evidence"] or "[]")
        if redactor is not None and evidence:
            for e, red in zip(evidence, redactor.redact_many([e["text"] for e in evidence])):
                e["text"] = red.text
        row["evidence"] = json.dumps(evidence)
        row["effective"] = bool(row["effective"])
        yield row


GRAINS = {"call": _call_rows, "segment": _segment_rows, "label": _label_rows}


def export(store: Store, *, grain: str, fmt: str, out: Path | None, redact: bool = True) -> int:
    """Write one grain of the store to a file (or stdout). Returns the number of rows written."""
    if grain not in GRAINS:
        raise CallqaError(f"Unknown grain {grain!r}; use one of {', '.join(GRAINS)}.")
    rows = GRAINS[grain](store, redact=redact)
    if fmt == "parquet":
        return _write_parquet(rows, out)
    handle = open(out, "w", newline="", encoding="utf-8") if out else sys.stdout
    try:
        n = 0
        if fmt == "jsonl":
            for row in rows:
                handle.write(json.dumps(row, default=str) + "\n")
                n += 1
        elif fmt == "csv":
            writer = None
            for row in rows:
                if writer is None:
                    writer = csv.DictWriter(handle, fieldnames=list(row))
                    writer.writeheader()
                writer.writerow(row)
                n += 1
        else:
            raise CallqaError(f"Unknown export format {fmt!r}; use csv, jsonl or parquet.")
        return n
    finally:
        if out:
            handle.close()


def _write_parquet(rows: Iterator[dict[str, Any]], out: Path | None) -> int:
    if out is None:
        raise CallqaError("Parquet cannot go to the terminal; pass --out FILE.parquet.")
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise CallqaError("Parquet export needs pyarrow: pip install 'callqa[parquet]', or use --format csv / jsonl.") from None
    data = list(rows)
    pq.write_table(pa.Table.from_pylist(data), out)
    return len(data)

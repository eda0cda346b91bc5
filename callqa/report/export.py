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

from callqa.errors import CallqaError, UsageError
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


_TASKS = ("spam", "outcome", "resolution", "escalated")
_RANK = "CASE source WHEN 'human' THEN 0 WHEN 'model' THEN 1 ELSE 2 END"  # as in the effective_labels view


def _call_sql(facts: str) -> list[str]:
    """Statements for the call grain, read from the facts cache (the call_facts view costs
    several subqueries per call: minutes at a million calls).

    The cache lacks a few record columns (numbers, ring time) and the recording path:
    they come from call_records and recordings by key. Who set each effective label and
    with what confidence comes from one pass over labels into a temporary pivot: a plain
    one for calls labeled by one source, by priority for the few with two (reviewed calls).
    """
    parts = [f"{t}_{part}" for t in _TASKS for part in ("confidence", "source", "version")]
    plain = ", ".join(f"MAX(CASE WHEN task = '{t}' THEN {part} END)" for t in _TASKS for part in ("confidence", "source", "version"))
    from_record = {"caller": "cr.caller", "callee": "cr.callee", "tracking_number": "cr.tracking_number",
                   "ring_s": "cr.ring_s", "recording_path": "r.path AS recording_path", "failure_kind": "r.failure_kind"}
    columns = [from_record.get(c, f"f.{c}") for c in CALL_COLUMNS]
    return [
        "DROP TABLE IF EXISTS temp._export_labels",
        f"CREATE TEMP TABLE _export_labels (call_id TEXT PRIMARY KEY, {', '.join(parts)}, dup INTEGER) WITHOUT ROWID",
        f"INSERT INTO _export_labels SELECT call_id, {plain}, MIN(source) != MAX(source) FROM labels GROUP BY call_id",
        # Per call and task, the row of the best source (SQLite takes bare columns from the row that holds the MIN).
        f"INSERT OR REPLACE INTO _export_labels SELECT call_id, {plain}, 0 "
        f"FROM (SELECT call_id, task, confidence, source, version, MIN({_RANK}) FROM labels "
        "WHERE call_id IN (SELECT call_id FROM _export_labels WHERE dup) GROUP BY call_id, task) GROUP BY call_id",
        f"SELECT {', '.join(columns)}, {', '.join(f'e.{p}' for p in parts)} "
        f"FROM {facts} f "
        "LEFT JOIN call_records cr ON cr.call_id = f.call_id "
        "LEFT JOIN recordings r ON r.path = (SELECT r2.path FROM recordings r2 WHERE r2.call_id = f.call_id "
        "ORDER BY r2.updated_at DESC, r2.path DESC LIMIT 1) "
        "LEFT JOIN _export_labels e ON e.call_id = f.call_id "
        # joined in the cache's order (the tables' keys come in nearly sorted), then sorted
        "ORDER BY f.started_at, f.call_id",
    ]


def _call_rows(store: Store, *, redact: bool, settings=None) -> Iterator[dict[str, Any]]:
    from callqa.config import Settings
    from callqa.scoring.facts import facts_table

    statements = _call_sql(facts_table(store, settings or Settings()))
    store.db.execute("PRAGMA temp_store = MEMORY")  # the ORDER BY sorts every call
    for sql in statements[:-1]:
        store.db.execute(sql)
    for row in store.iter_query(statements[-1]):
        if redact:
            for c in PHONE_COLUMNS:
                row[c] = phone_hash(row[c])
        yield row
    store.db.execute("DROP TABLE IF EXISTS temp._export_labels")


def _segment_rows(store: Store, *, redact: bool, settings=None) -> Iterator[dict[str, Any]]:
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


def _label_rows(store: Store, *, redact: bool, settings=None) -> Iterator[dict[str, Any]]:
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


def parse_split(spec: str | None) -> dict[str, float] | None:
    """"train=0.8,test=0.2" -> {"train": 0.8, "test": 0.2}; fractions must add up to 1."""
    if not spec:
        return None
    out: dict[str, float] = {}
    try:
        for part in spec.split(","):
            name, frac = part.split("=")
            out[name.strip()] = float(frac)
    except ValueError:
        raise UsageError(f"--split expects name=fraction pairs, like train=0.8,test=0.2; got {spec!r}.") from None
    if abs(sum(out.values()) - 1.0) > 1e-6 or any(v < 0 for v in out.values()):
        raise UsageError(f"--split fractions must be non-negative and add up to 1; got {spec!r}.")
    return out


def split_of(group: str, split: dict[str, float], *, seed: int) -> str:
    """Deterministic split for a group (a caller): the same caller always lands in the same split."""
    digest = hashlib.sha256(f"{seed}\0{group}".encode()).digest()
    u = int.from_bytes(digest[:8], "big") / 2**64
    edge = 0.0
    for name, frac in split.items():
        edge += frac
        if u < edge:
            return name
    return list(split)[-1]


def _with_split(store: Store, rows: Iterator[dict[str, Any]], split: dict[str, float], *, seed: int) -> Iterator[dict[str, Any]]:
    # Group by the customer's number so one caller never lands in two splits; calls with no number stand alone.
    caller = {r["call_id"]: r["caller_key"] for r in store.iter_query("SELECT call_id, caller_key FROM call_records")}
    for row in rows:
        group = caller.get(row["call_id"]) or f"call:{row['call_id']}"
        yield {**row, "split": split_of(group, split, seed=seed)}


def export(store: Store, *, grain: str, fmt: str, out: Path | None, redact: bool = True,
           split: dict[str, float] | None = None, seed: int = 0, settings=None) -> dict[str, int]:
    """Write one grain of the store to a file (or stdout), with a sidecar of definitions and versions.

    With ``split``, rows carry a ``split`` column and, when writing to a file, each split goes to
    its own file (``calls.train.csv``, ``calls.test.csv``). Returns rows written per file.
    """
    if grain not in GRAINS:
        raise CallqaError(f"Unknown grain {grain!r}; use one of {', '.join(GRAINS)}.")
    if fmt not in ("csv", "jsonl", "parquet"):
        raise CallqaError(f"Unknown export format {fmt!r}; use csv, jsonl or parquet.")
    if fmt == "parquet" and out is None:
        raise CallqaError("Parquet cannot go to the terminal; pass --out FILE.parquet.")
    rows = GRAINS[grain](store, redact=redact, settings=settings)
    if split:
        rows = _with_split(store, rows, split, seed=seed)
    if out is None:
        counts = {"-": _write(rows, fmt, sys.stdout)}
    elif split:
        paths = {name: out.with_name(f"{out.stem}.{name}{out.suffix}") for name in split}
        buckets: dict[str, list[dict[str, Any]]] = {name: [] for name in split}
        for row in rows:
            buckets[row["split"]].append(row)
        counts = {}
        for name, path in paths.items():
            counts[str(path)] = _write_file(iter(buckets[name]), fmt, path)
    else:
        counts = {str(out): _write_file(rows, fmt, out)}
    if out is not None:
        _write_sidecar(store, out, grain=grain, fmt=fmt, redact=redact, split=split, seed=seed, counts=counts, settings=settings)
    return counts


def _write_file(rows: Iterator[dict[str, Any]], fmt: str, path: Path) -> int:
    if fmt == "parquet":
        return _write_parquet(rows, path)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        return _write(rows, fmt, handle)


def _write(rows: Iterator[dict[str, Any]], fmt: str, handle) -> int:
    n = 0
    writer = None
    header: list[str] = []
    for row in rows:
        if fmt == "jsonl":
            handle.write(json.dumps(row, default=str) + "\n")
        else:
            if writer is None:
                writer = csv.writer(handle)
                header = list(row)
                writer.writerow(header)
            # Every row of a grain has the same keys in the same order: write the values as they
            # are (csv.DictWriter's per-row key checks and lookups took half the time of an export).
            writer.writerow(row.values() if len(row) == len(header) else [row.get(k) for k in header])
        n += 1
    return n


def _write_parquet(rows: Iterator[dict[str, Any]], out: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise CallqaError("Parquet export needs pyarrow: pip install 'callqa[parquet]', or use --format csv / jsonl.") from None
    data = list(rows)
    pq.write_table(pa.Table.from_pylist(data), out)
    return len(data)


def sidecar_path(out: Path) -> Path:
    return out.with_name(out.name + ".meta.json")


def _write_sidecar(store: Store, out: Path, *, grain: str, fmt: str, redact: bool, split, seed: int,
                   counts: dict[str, int], settings) -> None:
    """Definitions and versions used, so an export can be understood and reproduced later."""
    from callqa import __version__
    from callqa.config import Settings
    from callqa.scoring.metrics import definitions

    settings = settings or Settings()
    versions = store.query("SELECT task, source, version, COUNT(*) AS labels FROM labels GROUP BY task, source, version ORDER BY task")
    models = store.query("SELECT model, COUNT(*) AS transcripts FROM transcripts GROUP BY model")
    meta = {
        "callqa_version": __version__,
        "database": store.path,
        "grain": grain,
        "format": fmt,
        "redacted": redact,
        "split": split,
        "split_seed": seed if split else None,
        "split_grouped_by": "caller (E.164 number of the customer)" if split else None,
        "files": counts,
        "label_versions": versions,
        "transcription_models": models,
        "settings": settings.to_dict(),
        "metric_definitions": definitions(settings),
    }
    sidecar_path(out).write_text(json.dumps(meta, indent=2, default=str), encoding="utf-8")

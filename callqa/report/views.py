"""Read-only views of the store for people: call lists, failed recordings, one call in detail."""

from __future__ import annotations

import json
from typing import Any

from callqa.config import Settings
from callqa.errors import CallqaError, UsageError
from callqa.schema import TASKS
from callqa.store import Store

# Columns of `callqa calls`, in order.
CALL_LIST_COLUMNS = (
    "call_id", "started_at", "direction", "status", "agent", "queue", "source", "talk_s",
    "spam_label", "outcome", "resolution", "escalated", "min_confidence",
)


def _label_filter(item: str) -> tuple[str, str]:
    if "=" not in item:
        raise UsageError(f"--label expects task=value, like outcome=sale or escalated=true; got {item!r}.")
    task, value = (x.strip() for x in item.split("=", 1))
    if task == "spam":
        task = "spam_label"
    if task not in ("spam_label", "outcome", "resolution", "escalated"):
        raise UsageError(f"--label {task}=… is not a task; use one of {', '.join(TASKS)}.")
    return task, value


def list_calls(
    store: Store, settings: Settings, *, labels: list[str] = (), spam: bool | None = None,
    low_confidence: bool = False, limit: int = 200,
) -> list[dict[str, Any]]:
    """Calls with their effective labels, newest first, filtered."""
    where, params = ["1 = 1"], {}
    for i, item in enumerate(labels):
        column, value = _label_filter(item)
        if column == "escalated":
            where.append(f"escalated = :v{i}")
            params[f"v{i}"] = 1 if value.lower() in ("true", "1", "yes") else 0
        else:
            where.append(f"{column} = :v{i}")
            params[f"v{i}"] = value
    if spam is not None:
        where.append("is_spam = :spam")
        params["spam"] = int(spam)
    if low_confidence:
        where.append("min_confidence < :rc")
        params["rc"] = settings.review_confidence
    from callqa.scoring.facts import facts_table

    sql = (  # the facts cache: a scan of the call_facts view is slow on big stores
        f"SELECT {', '.join(CALL_LIST_COLUMNS)} FROM {facts_table(store, settings)} WHERE {' AND '.join(where)} "
        "ORDER BY started_at IS NULL, started_at DESC, call_id LIMIT :limit"
    )
    rows = store.query(sql, {**params, "limit": limit})
    for r in rows:
        if r["escalated"] is not None:
            r["escalated"] = bool(r["escalated"])
        if r["min_confidence"] is not None:
            r["min_confidence"] = round(r["min_confidence"], 2)
    return rows


def list_failed(store: Store) -> list[dict[str, Any]]:
    """Recordings that failed, with the failure kind and the one-line reason."""
    return store.query(
        "SELECT call_id, file_name, failure_kind, failure_reason, updated_at FROM recordings "
        "WHERE status = 'failed' ORDER BY file_name"
    )


def list_import_errors(store: Store) -> list[dict[str, Any]]:
    """Call-record rows rejected at import, by file and row number."""
    return store.query("SELECT source_file, row, reason, imported_at FROM import_errors ORDER BY imported_at, source_file, row")


def call_detail(store: Store, call_id: str, *, redact: bool = False) -> dict[str, Any]:
    """Everything known about one call, as plain data."""
    facts = store.query("SELECT * FROM call_facts WHERE call_id = :c", {"c": call_id})
    if not facts:
        raise CallqaError(f"No call {call_id!r} in {store.path}. List calls with `callqa calls --db {store.path}`.")
    fact = facts[0]
    record = store.query("SELECT * FROM call_records WHERE call_id = :c", {"c": call_id})
    recording = store.query("SELECT * FROM recordings WHERE call_id = :c", {"c": call_id})
    transcript = store.load_transcript(fact["transcript_key"]) if fact.get("transcript_key") else None
    labels = store.load_labels(call_id)
    reviews = store.query("SELECT * FROM reviews WHERE call_id = :c ORDER BY created_at", {"c": call_id})
    scorecard = store.query("SELECT rubric_version, score, auto_failed, reason, items FROM scorecards WHERE call_id = :c", {"c": call_id})
    features = (
        store.query("SELECT * FROM transcripts WHERE key = :k", {"k": fact["transcript_key"]})[0] if transcript else None
    )

    segments = list(transcript.segments) if transcript else []
    if redact and transcript:
        from callqa.classify.redact import Redactor

        segments = list(Redactor().redact_transcript(transcript).segments)
    return {
        "call_id": call_id,
        "record": {k: v for k, v in (record[0] if record else {}).items() if v not in (None, "", "{}")},
        "recording": {k: recording[0][k] for k in ("path", "status", "failure_kind", "failure_reason", "container",
                                                 "codec", "channels", "sample_rate", "duration_s")} if recording else None,
        "labels": [
            {"task": lb.task, "value": lb.value, "confidence": lb.confidence, "source": lb.source, "version": lb.version,
             "evidence": [e.to_dict() for e in lb.evidence]}
            for lb in labels
        ],
        "effective": {k: fact[k] for k in ("spam_label", "outcome", "resolution", "escalated")},
        "conversation": {k: features[k] for k in (
            "agent_talk_s", "customer_talk_s", "agent_talk_ratio", "non_talk_s", "longest_silence_s",
            "interruptions", "agent_wpm", "customer_wpm", "longest_monologue_s", "role_confidence",
        )} if features else None,
        "segments": [
            {"index": s.index, "speaker": s.speaker, "start_s": s.start_s, "end_s": s.end_s, "text": s.text,
             "confidence": s.confidence, "suspect": s.suspect, "suspect_reason": s.suspect_reason}
            for s in segments
        ],
        "reviews": reviews,
        "scorecard": {**scorecard[0], "items": json.loads(scorecard[0]["items"] or "[]")} if scorecard else None,
    }


def clock(seconds: float | None) -> str:
    """Seconds as mm:ss.s, the way coaches seek in a recording."""
    if seconds is None:
        return "--:--"
    m, s = divmod(float(seconds), 60)
    return f"{int(m):02d}:{s:04.1f}"


def format_call_detail(d: dict[str, Any]) -> str:
    """The readable form of call_detail() for `callqa show`."""
    lines = [f"call {d['call_id']}"]
    rec = d["record"]
    if rec:
        keys = ("started_at", "direction", "status", "caller", "callee", "agent", "queue", "source", "campaign",
                "wait_s", "talk_s", "hold_s", "disposition", "revenue")
        lines.append("  " + "  ".join(f"{k}={rec[k]}" for k in keys if k in rec))
    if d["recording"]:
        r = d["recording"]
        lines.append(f"  recording {r['path']} [{r['status']}]"
                     + (f" {r['failure_kind']}: {r['failure_reason']}" if r["failure_kind"] else
                        f" {r['codec']} {r['channels']}ch {r['sample_rate']} Hz {clock(r['duration_s'])}"))
    lines.append("")
    lines.append("labels")
    human = {lb["task"] for lb in d["labels"] if lb["source"] == "human"}
    for lb in d["labels"]:
        overridden = " (overridden by human)" if lb["source"] != "human" and lb["task"] in human else ""
        lines.append(f"  {lb['task']:<11} {lb['value']:<20} conf {lb['confidence'] or 0:.2f}  [{lb['source']} {lb['version']}]{overridden}")
        for e in lb["evidence"][:4]:
            lines.append(f"      {clock(e['start_s'])} {e['speaker']:<8} \"{e['text']}\"  ({e['cue']})")
    if d["conversation"]:
        c = d["conversation"]
        ratio = "n/a" if c["agent_talk_ratio"] is None else f"{c['agent_talk_ratio']:.0%}"
        lines.append("")
        lines.append(
            f"talk  agent {c['agent_talk_s'] or 0:.0f}s  customer {c['customer_talk_s'] or 0:.0f}s  agent ratio {ratio}  "
            f"silence {c['non_talk_s'] or 0:.0f}s (longest {c['longest_silence_s'] or 0:.0f}s)  "
            f"interruptions {c['interruptions'] or 0}  longest monologue {c['longest_monologue_s'] or 0:.0f}s"
        )
    card = d.get("scorecard")
    if card:
        lines.append("")
        score = "not scored" if card["score"] is None else f"{card['score']:.0%}"
        lines.append(f"QA scorecard {score}{'  AUTO-FAIL' if card['auto_failed'] else ''}  ({card['reason']}) [{card['rubric_version']}]")
        for item in card["items"]:
            mark = "pass" if item["passed"] else "FAIL"
            lines.append(f"  {mark}  {item['name']:<22} {item.get('reason', '')}")
    lines.append("")
    lines.append("transcript" if d["segments"] else "transcript: (none)")
    for s in d["segments"]:
        mark = f"  [suspect: {s['suspect_reason']}]" if s["suspect"] else ""
        lines.append(f"  {clock(s['start_s'])}-{clock(s['end_s'])} {s['speaker']:<8} {s['text'].strip()}{mark}")
    if d["reviews"]:
        lines.append("")
        lines.append("reviews")
        for r in d["reviews"]:
            lines.append(f"  {r['created_at']} {r['reviewer']}: {r['task']} {r['old_value']} -> {r['new_value']}  {r['note'] or ''}")
    return "\n".join(lines)


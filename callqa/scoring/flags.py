"""Flags for coaches (SPEC §6): which calls to listen to, why, and from which second.

Candidates come from one SQL query over the facts cache (thresholds as parameters);
only for the calls it returns are label evidence, segments and scorecards read, to
find the second each flag points at. Effective labels are used, so a human label
overrides the machine's here too, and a call a coach has reviewed is cleared.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from callqa.config import Settings
from callqa.errors import UsageError
from callqa.scoring.facts import facts_table
from callqa.store import Store

# Every reason, in the order flags of one call are listed.
REASONS = (
    "escalated",
    "unresolved",
    "follow_up",
    "spam_with_conversation",
    "low_confidence",
    "long_silence_total",
    "long_silence",
    "agent_talk_ratio",
    "interruptions",
    "no_greeting",
    "no_closing",
    "disposition_mismatch",
)

# What an agent types as a disposition -> the transcript outcome (or "spam") it claims.
# First match wins, so negations come before the words they contain.
_DISPOSITIONS: tuple[tuple[str, str], ...] = (
    (r"spam|robo ?call|telemarket|solicit|scam", "spam"),
    (r"wrong (number|#)|misdial", "wrong_number"),
    (r"no sale|not interested|\bni\b|declined|do not call|dnc", "not_interested"),
    (r"voice ?mail|\bvm\b|left (a )?message|\blm\b|answering machine", "voicemail"),
    (r"no answer|hang ?up|hung up|dead air|no conversation|disconnected", "no_conversation"),
    (r"appointment|\bappt\b|booked|scheduled|booking", "appointment_booked"),
    (r"call ?back|callback", "callback_requested"),
    (r"\bsale\b|\bsold\b|purchase|order placed|closed won", "sale"),
    (r"qualified|\blead\b|quote|estimate", "qualified_lead"),
    (r"support|service|repair|technical|\btech\b|issue|complaint|billing|ticket", "support"),
    (r"info|question|hours|directions|inquiry|enquiry", "information"),
)
_DISPOSITION_RES = tuple((re.compile(p, re.IGNORECASE), label) for p, label in _DISPOSITIONS)


@dataclass(frozen=True)
class Flag:
    """One reason to review one call."""

    call_id: str
    reason: str  # one of REASONS
    at_s: float | None  # second in the recording to listen from; None: the whole call
    detail: str  # one line for the coach


def disposition_outcome(disposition: str | None) -> str | None:
    """The outcome (or "spam") a free-text disposition claims, or None when it says nothing we know."""
    if not disposition:
        return None
    for pattern, label in _DISPOSITION_RES:
        if pattern.search(disposition):
            return label
    return None


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _in(store: Store, sql: str, ids: list[str]) -> list[dict[str, Any]]:
    """Run ``sql`` (with ``{ids}`` for an IN list) over ids in chunks (SQLite caps parameters)."""
    rows: list[dict[str, Any]] = []
    for chunk in _chunks(ids):
        rows += store.query(sql.format(ids=", ".join("?" * len(chunk))), chunk)
    return rows


def _effective_evidence(store: Store, call_ids: list[str]) -> dict[tuple[str, str], dict[str, Any]]:
    """(call_id, task) -> the effective label's value, confidence, source and its strongest evidence.

    Machine evidence is stored strongest first, so the flag points at the moment that
    decided the label (the agent's transfer, not the customer's first complaint).
    """
    rank = {"human": 0, "model": 1, "rule": 2}
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for r in _in(store, "SELECT call_id, task, value, confidence, source, evidence FROM labels WHERE call_id IN ({ids})", call_ids):
        key = (r["call_id"], r["task"])
        if key in best and rank.get(best[key]["source"], 3) <= rank.get(r["source"], 3):
            continue
        evidence = json.loads(r["evidence"] or "[]")
        top = evidence[0] if evidence else {}
        best[key] = {**r, "at_s": top.get("start_s"), "text": top.get("text")}
    return best


def _first_interruptions(store: Store, keys: list[str]) -> dict[str, float]:
    """transcript_key -> start of the first segment that begins while the other side is talking."""
    rows = _in(
        store,
        """
        SELECT s.transcript_key AS key, MIN(s.start_s) AS at_s
        FROM segments s JOIN segments o
          ON o.transcript_key = s.transcript_key AND o.speaker IN ('agent', 'customer') AND o.speaker != s.speaker
         AND o.suspect = 0 AND s.start_s > o.start_s AND s.start_s < o.end_s
        WHERE s.transcript_key IN ({ids}) AND s.speaker IN ('agent', 'customer') AND s.suspect = 0
        GROUP BY s.transcript_key
        """,
        keys,
    )
    return {r["key"]: r["at_s"] for r in rows}


def _agent_turn_bounds(store: Store, keys: list[str]) -> dict[str, tuple[float, float]]:
    """transcript_key -> (start of the agent's first segment, start of the agent's last segment)."""
    rows = _in(
        store,
        "SELECT transcript_key AS key, MIN(start_s) AS first_s, MAX(start_s) AS last_s FROM segments "
        "WHERE transcript_key IN ({ids}) AND speaker = 'agent' AND suspect = 0 GROUP BY transcript_key",
        keys,
    )
    return {r["key"]: (r["first_s"], r["last_s"]) for r in rows}


def _scorecard_misses(store: Store) -> None:
    """Fill temp._misses with the greeting / closing rubric items each scored call failed."""
    store.db.execute("DROP TABLE IF EXISTS temp._misses")
    store.db.execute("CREATE TEMP TABLE _misses (call_id TEXT, item TEXT, reason TEXT, PRIMARY KEY (call_id, item))")
    if store.db["scorecards"].exists():
        store.db.execute(
            """
            INSERT OR IGNORE INTO _misses
            SELECT sc.call_id, json_extract(j.value, '$.name'), json_extract(j.value, '$.reason')
            FROM scorecards sc, json_each(sc.items) j
            WHERE sc.score IS NOT NULL AND json_extract(j.value, '$.name') IN ('greeting', 'closing')
              AND NOT json_extract(j.value, '$.passed')
            """
        )


def compute_flags(
    store: Store,
    settings: Settings,
    *,
    reasons: Sequence[str] | None = None,
    call_ids: Sequence[str] | None = None,
    include_reviewed: bool = False,
    limit: int | None = None,
) -> list[Flag]:
    """Every flag of SPEC §6, ordered by call start time, then by reason.

    Args:
        reasons: only these reasons (default: ``settings.flag_reasons``).
        call_ids: only these calls (default: every call).
        include_reviewed: also flag calls a coach has already reviewed (reviewing clears them).
        limit: only the most recent calls with a flag, at most this many (a review queue on a
            big store); the flags still come oldest first.
    """
    wanted = tuple(settings.flag_reasons if reasons is None else reasons)
    unknown = [r for r in wanted if r not in REASONS]
    if unknown:
        raise UsageError(
            f"Unknown flag reason {unknown[0]!r} (in --reason or flag_reasons). Use one of: {', '.join(REASONS)}."
        )
    s = settings
    table = facts_table(store, settings)
    params: dict[str, Any] = {
        "review_confidence": s.review_confidence,
        "total_silence": s.flag_total_silence_s,
        "single_silence": s.flag_single_silence_s,
        "talk_ratio": s.flag_agent_talk_ratio,
        "interruptions": s.flag_interruptions,
        "spam_talk": s.flag_spam_min_talk_s,
    }
    # One candidate query; each condition is also returned as a column so Python only formats.
    conditions = {
        "escalated": "ns AND escalated",
        "unresolved": "ns AND resolution = 'unresolved'",
        "follow_up": "ns AND resolution = 'follow_up'",
        "spam_with_conversation": "is_spam AND agent_talk_s > 0 AND customer_talk_s > 0 "
        "AND agent_talk_s + customer_talk_s >= :spam_talk",
        "low_confidence": "min_confidence < :review_confidence",
        "long_silence_total": "ns_conv AND non_talk_s > :total_silence",
        "long_silence": "ns_conv AND longest_silence_s > :single_silence",
        "agent_talk_ratio": "ns_conv AND agent_talk_ratio > :talk_ratio",
        "interruptions": "ns_conv AND interruptions > :interruptions",
        "no_greeting": "ns_conv AND call_id IN (SELECT call_id FROM _misses WHERE item = 'greeting')",
        "no_closing": "ns_conv AND call_id IN (SELECT call_id FROM _misses WHERE item = 'closing')",
        "disposition_mismatch": "disposition IS NOT NULL AND disposition != ''",
    }
    active = [r for r in REASONS if r in wanted]
    if not active:
        return []
    where = [f"analyzed AND ({' OR '.join(f'({conditions[r]})' for r in active)})"]
    if not include_reviewed:
        where.append("call_id NOT IN (SELECT call_id FROM reviews)")
    query_params: dict[str, Any] = dict(params)
    if call_ids is not None:
        where.append("call_id IN (SELECT value FROM json_each(:ids))")
        query_params["ids"] = json.dumps(list(call_ids))
    columns = ", ".join(f"COALESCE({conditions[r]}, 0) AS c_{r}" for r in active)
    _scorecard_misses(store)
    select = (
        f"SELECT call_id, started_at, transcript_key, outcome, is_spam, spam_label, resolution, min_confidence, "
        f"non_talk_s, longest_silence_s, longest_silence_start_s, agent_talk_ratio, interruptions, agent_talk_s, "
        f"customer_talk_s, disposition, {columns} FROM {table} WHERE {' AND '.join(where)}"
    )
    if limit is None:
        candidates = store.query(f"{select} ORDER BY started_at IS NULL, started_at, call_id", query_params)
    else:
        # Newest first to pick them; a disposition that matches can still drop a call, so take spares.
        newest = store.query(f"{select} ORDER BY started_at IS NULL, started_at DESC, call_id DESC LIMIT :limit",
                             {**query_params, "limit": max(0, limit) * 2 + 10})  # fmt: skip
        candidates = newest[::-1]
    if not candidates:
        return []

    # Disposition mismatches and greeting / closing misses are decided here, not in SQL.
    for c in candidates:
        if c.get("c_disposition_mismatch"):
            claimed = disposition_outcome(c["disposition"])
            actual = "spam" if c["is_spam"] else c["outcome"]
            c["claimed"] = claimed
            c["c_disposition_mismatch"] = claimed is not None and claimed != actual
    misses: dict[str, dict[str, str]] = {}
    missed_ids = [c["call_id"] for c in candidates if c.get("c_no_greeting") or c.get("c_no_closing")]
    for r in _in(store, "SELECT call_id, item, reason FROM _misses WHERE call_id IN ({ids})", missed_ids) if missed_ids else []:
        misses.setdefault(r["call_id"], {})[r["item"]] = r["reason"] or ""
    label_reasons = ("escalated", "unresolved", "follow_up", "spam_with_conversation", "low_confidence")
    label_ids = [c["call_id"] for c in candidates if any(c.get(f"c_{r}") for r in label_reasons)]
    evidence = _effective_evidence(store, label_ids) if label_ids else {}
    keys_interrupt = [c["transcript_key"] for c in candidates if c.get("c_interruptions") and c["transcript_key"]]
    interruptions = _first_interruptions(store, keys_interrupt) if keys_interrupt else {}
    keys_turns = [c["transcript_key"] for c in candidates if c["call_id"] in misses and c["transcript_key"]]
    turns = _agent_turn_bounds(store, keys_turns) if keys_turns else {}

    flags: list[Flag] = []
    for c in candidates:
        cid = c["call_id"]

        def add(reason: str, at_s: float | None, detail: str) -> None:
            flags.append(Flag(cid, reason, None if at_s is None else round(float(at_s), 2), detail))

        def said(task: str) -> str:
            e = evidence.get((cid, task), {})
            return f': "{e["text"]}"' if e.get("text") else ""

        if c.get("c_escalated"):
            add("escalated", evidence.get((cid, "escalated"), {}).get("at_s"), "the call was escalated" + said("escalated"))
        for reason in ("unresolved", "follow_up"):
            if c.get(f"c_{reason}"):
                what = "the caller's need was not met" if reason == "unresolved" else "the call ended with a follow-up promised"
                add(reason, evidence.get((cid, "resolution"), {}).get("at_s"), what + said("resolution"))
        if c.get("c_spam_with_conversation"):
            talk = (c["agent_talk_s"] or 0) + (c["customer_talk_s"] or 0)
            add("spam_with_conversation", evidence.get((cid, "spam"), {}).get("at_s"),
                f"labeled {c['spam_label']} but both sides talked for {talk:.0f} s: check the label")  # fmt: skip
        if c.get("c_low_confidence"):
            low = sorted(
                (e["confidence"], task)
                for task in ("spam", "outcome", "resolution", "escalated")
                if (e := evidence.get((cid, task))) is not None
                and e["source"] != "human" and e["confidence"] is not None and e["confidence"] < s.review_confidence
            )
            tasks = ", ".join(f"{task} {conf:.2f}" for conf, task in low)
            add("low_confidence", None, f"label confidence below {s.review_confidence:g}: {tasks}")
        if c.get("c_long_silence_total"):
            add("long_silence_total", c["longest_silence_start_s"],
                f"{c['non_talk_s']:.0f} s of silence in gaps of {s.silence_min_s:g} s or more (limit {s.flag_total_silence_s:g} s)")  # fmt: skip
        if c.get("c_long_silence"):
            add("long_silence", c["longest_silence_start_s"],
                f"one silence of {c['longest_silence_s']:.0f} s (limit {s.flag_single_silence_s:g} s)")  # fmt: skip
        if c.get("c_agent_talk_ratio"):
            add("agent_talk_ratio", None,
                f"the agent talked {c['agent_talk_ratio']:.0%} of the time (limit {s.flag_agent_talk_ratio:.0%})")  # fmt: skip
        if c.get("c_interruptions"):
            add("interruptions", interruptions.get(c["transcript_key"]),
                f"{c['interruptions']} interruptions (limit {s.flag_interruptions})")  # fmt: skip
        call_misses = misses.get(cid, {})
        bounds = turns.get(c["transcript_key"], (None, None))
        if c.get("c_no_greeting") and "greeting" in call_misses:
            add("no_greeting", bounds[0] if bounds[0] is not None else 0.0, "no greeting from the agent: " + call_misses["greeting"])
        if c.get("c_no_closing") and "closing" in call_misses:
            add("no_closing", bounds[1], "no closing from the agent: " + call_misses["closing"])
        if c.get("c_disposition_mismatch"):
            actual = "spam" if c["is_spam"] else c["outcome"]
            add("disposition_mismatch", None,
                f"disposition {c['disposition']!r} says {c['claimed']}, the transcript says {actual}")  # fmt: skip
    if limit is not None:
        keep = list(dict.fromkeys(f.call_id for f in reversed(flags)))[: max(0, limit)]
        chosen = set(keep)
        flags = [f for f in flags if f.call_id in chosen]
    return flags


def flag_counts(flags: Iterable[Flag]) -> dict[str, int]:
    """Number of flags per reason, in REASONS order (for `callqa flagged` summaries)."""
    counts: dict[str, int] = defaultdict(int)
    for f in flags:
        counts[f.reason] += 1
    return {r: counts[r] for r in REASONS if counts[r]}

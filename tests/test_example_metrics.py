"""Issue 5 must-show: on the bundled examples, every metric matches a hand computation.

The session fixture ``example_run`` (conftest.py) runs the real `callqa run` once. This
module then re-derives every number of `callqa metrics --format json` by plain Python,
following the wording of SPEC §5, from raw inputs only:

- the call records: examples/calls.csv, de-duplicated by call_id (latest updated_at wins);
- the per-call facts callqa stored, read back through the CLI: the effective labels
  (`callqa calls`), the transcript segments (`callqa export --grain segment`), the audio
  length (`callqa export --grain call`) and the QA scorecard items (`callqa show`);
- the packaged rubric (callqa/rubric.toml) for the scorecard weights.

None of callqa's metric, facts or conversation code is used (the coverage test reads
only the catalog's metric names). Whisper tiny.en can hear a word differently from one
machine to another, so label-dependent metrics are computed from the labels and segments
actually stored; a separate test checks those labels against examples/expected_labels.csv.

Each metric is checked in every view: overall; --by source, --by agent,week, --by hour;
--from/--to; under a callqa.toml with other thresholds, FCR windows, duration thresholds
and a Los Angeles calendar (overall, --by hour, --by day,weekday, --from/--to); and on a
copy of the store rescored with a rubric whose closing item is auto-fail (overall, --by
agent). A mismatch fails with the metric, the group and both values (numerator /
denominator); a test fails when callqa reports a metric that has no hand computation here.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
import tomllib
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from statistics import mean
from typing import Any
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
RUBRIC = ROOT / "callqa" / "rubric.toml"

# SPEC §5 defaults of the settings the metrics read. (silence_min_s is applied when the talk
# analytics are stored, at `callqa run` time, so it stays at its default here.)
DEFAULTS: dict[str, Any] = {
    "timezone": "UTC",
    "short_abandon_s": 5,
    "service_level_s": 20,
    "fcr_window_days": 7,
    "lead_min_duration_s": 60,
    "lead_first_time_only": False,
    "short_call_s": 30,
    "long_call_s": 360,
    "fcr_windows_days": [1, 7, 30],
    "duration_thresholds_s": [30, 60, 120, 300, 600],
}
SILENCE_MIN_S = 2.0
# A callqa.toml that moves the thresholds the examples never reach by default (every call is under
# 60 s, so no lead and no long call), switches on lead_first_time_only, makes the default FCR window
# 1 day (outside the reported windows, which become 1 and 3 days: C1003's repeat call comes 3.5 days
# later), other duration thresholds (the metric names follow them), and reads the calendar in Los
# Angeles time (hour, day and week groups shift by 8 hours).
THRESHOLDS = {
    "timezone": "America/Los_Angeles",
    "short_abandon_s": 3,
    "service_level_s": 10,
    "fcr_window_days": 1,
    "lead_min_duration_s": 40,
    "lead_first_time_only": True,
    "short_call_s": 25,
    "long_call_s": 45,
    "fcr_windows_days": [3, 30],
    "duration_thresholds_s": [30, 40, 50],
}
INTERRUPTION_MIN_OVERLAP_S = 0.5  # a shorter overlap is a backchannel ("mm-hm"), not an interruption
LEAD_OUTCOMES = {"sale", "appointment_booked", "qualified_lead", "callback_requested"}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# Stored labels that differ from expected_labels.csv in some Whisper runs: C1005 (a line reset
# that fixes the caller's internet) has come out `information` instead of `support`, at ~0.5
# confidence. Every other label is asserted exactly.
UNSTABLE_LABELS = {("C1005", "outcome")}

# Where callqa's number disagrees with the SPEC wording, the check is marked xfail with the
# precise discrepancy (callqa is not changed by this test module).
SPEC_DISCREPANCIES: dict[str, str] = {}


def callqa(*args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "callqa", *args], capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise AssertionError(f"callqa {' '.join(args)} exited {result.returncode}:\n{result.stderr}")
    return result.stdout


# --- raw inputs ---------------------------------------------------------------


def parse_time(text: str) -> datetime:
    """ISO 8601; a naive time is in the configured timezone, UTC by default (SPEC §4)."""
    dt = datetime.fromisoformat(text)
    return dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt.astimezone(timezone.utc)


def e164(number: str) -> str:
    """North American numbers as written in calls.csv, to E.164 (default region US)."""
    digits = re.sub(r"\D", "", number)
    if len(digits) == 10:
        return "+1" + digits
    assert len(digits) == 11 and digits.startswith("1"), number
    return "+" + digits


def number(text: str) -> float | None:
    return float(text) if text.strip() else None


def call_records() -> list[dict[str, str]]:
    """calls.csv de-duplicated by call_id: the latest updated_at wins, else the last row (SPEC §4)."""
    latest: dict[str, dict[str, str]] = {}
    with open(EXAMPLES / "calls.csv", newline="") as f:
        for row in csv.DictReader(f):
            old = latest.get(row["call_id"])
            if old is None or parse_time(row["updated_at"]) >= parse_time(old["updated_at"]):
                latest[row["call_id"]] = row
    return list(latest.values())


def expected_labels() -> dict[str, dict[str, str]]:
    with open(EXAMPLES / "expected_labels.csv", newline="") as f:
        return {row["call_id"]: row for row in csv.DictReader(f)}


# --- per-call talk analytics from the stored segments ---------------------------


def merged(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[list[float]] = []
    for start, end in sorted(iv for iv in intervals if iv[1] > iv[0]):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(s, e) for s, e in out]


def seconds(intervals: list[tuple[float, float]]) -> float:
    return sum(e - s for s, e in intervals)


def words(text: str) -> int:
    """Words: runs of letters or digits, with an apostrophe suffix ("can't", "I'm") part of the word."""
    return len(re.findall(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?", text))


def talk_analytics(segments: list[dict[str, Any]], duration_s: float) -> dict[str, Any]:
    """SPEC §5 talk analytics of one call, from its clean (not suspect) segments."""
    clean = sorted((s for s in segments if not s["suspect"]), key=lambda s: (s["start_s"], s["end_s"]))
    side = {sp: [s for s in clean if s["speaker"] == sp] for sp in ("agent", "customer")}
    talk = {sp: seconds(merged([(s["start_s"], s["end_s"]) for s in segs])) for sp, segs in side.items()}

    # Non-talk: stretches of >= silence_min_s where nobody speaks, dead air at either end included.
    silences, cursor = [], 0.0
    for start, end in merged([(s["start_s"], s["end_s"]) for s in clean]):
        if start - cursor >= SILENCE_MIN_S:
            silences.append(start - cursor)
        cursor = max(cursor, end)
    if max(duration_s, cursor) - cursor >= SILENCE_MIN_S:
        silences.append(max(duration_s, cursor) - cursor)

    # An interruption: a segment that starts while the other side is mid-segment, overlapping it.
    interruptions = 0
    for me, other in (("agent", "customer"), ("customer", "agent")):
        for seg in side[me]:
            interruptions += any(
                o["start_s"] < seg["start_s"] < o["end_s"]
                and min(seg["end_s"], o["end_s"]) - seg["start_s"] >= INTERRUPTION_MIN_OVERLAP_S
                for o in side[other]
            )

    # Longest monologue: one speaker's consecutive segments with pauses shorter than silence_min_s.
    longest, run = 0.0, None
    for seg in clean:
        if run and seg["speaker"] == run[0] and seg["start_s"] - run[2] < SILENCE_MIN_S:
            run = (run[0], run[1], max(run[2], seg["end_s"]))
        else:
            run = (seg["speaker"], seg["start_s"], seg["end_s"])
        longest = max(longest, run[2] - run[1])

    def wpm(sp: str) -> float | None:
        return sum(words(s["text"]) for s in side[sp]) / (talk[sp] / 60) if talk[sp] > 0 else None

    return {
        "agent_talk_s": talk["agent"],
        "customer_talk_s": talk["customer"],
        "non_talk_s": sum(silences),
        "audio_duration_s": duration_s,
        "interruptions": interruptions,
        "agent_wpm": wpm("agent"),
        "customer_wpm": wpm("customer"),
        "longest_monologue_s": longest,
    }


# --- QA scorecard -------------------------------------------------------------


def rubric(path: Path = RUBRIC) -> dict[str, Any]:
    return tomllib.loads(path.read_text())


def hand_score(card: dict[str, Any], outcome: str, rubric_: dict[str, Any]) -> tuple[float, bool]:
    """Score one call from its stored item results and the rubric's weights: passed weight ÷ weight of
    the items that apply to the outcome; 0 when an auto-fail item failed."""
    items = [it for it in rubric_["items"] if not it.get("applies_to") or outcome in it["applies_to"]]
    passed = {it["name"]: it["passed"] for it in card["items"]}
    assert set(passed) == {it["name"] for it in items}, (card, outcome)
    auto_failed = any(it.get("auto_fail", False) and not passed[it["name"]] for it in items)
    total = sum(it["weight"] for it in items)
    return (0.0 if auto_failed else sum(it["weight"] for it in items if passed[it["name"]]) / total), auto_failed


def qa_facts(card: dict[str, Any] | None, outcome: str | None, rubric_: dict[str, Any]) -> dict[str, Any] | None:
    """The hand score of a call the rubric scored (None when it was not scored)."""
    if not card or card["score"] is None:
        return None
    score, auto_failed = hand_score(card, outcome, rubric_)
    return {"score": score, "auto_failed": auto_failed, "stored": card}


# --- every call, with its raw record and stored facts ------------------------


def scorecards(db: str, call_ids: list[str]) -> dict[str, dict[str, Any] | None]:
    with ThreadPoolExecutor(4) as pool:
        shown = pool.map(lambda c: json.loads(callqa("show", c, "--db", db, "--format", "json"))["scorecard"], call_ids)
        return dict(zip(call_ids, shown))


@pytest.fixture(scope="session")
def stored(example_run) -> dict[str, Any]:
    """What callqa stored for the examples, read back through the CLI."""
    db = example_run["db"]
    listed = json.loads(callqa("calls", "--db", db, "--format", "json", "--limit", "100000"))
    segment_lines = callqa("export", "--db", db, "--grain", "segment", "--format", "jsonl", "--no-redact").splitlines()
    call_lines = callqa("export", "--db", db, "--grain", "call", "--format", "jsonl", "--no-redact").splitlines()
    segments: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in segment_lines:
        seg = json.loads(line)
        segments[seg["call_id"]].append(seg)
    durations = {r["call_id"]: r["audio_duration_s"] for r in map(json.loads, call_lines)}
    cards = scorecards(db, [cid for cid, d in durations.items() if d is not None])
    return {"calls": {r["call_id"]: r for r in listed}, "segments": segments, "durations": durations, "cards": cards}


@pytest.fixture(scope="session")
def calls(stored) -> list[dict[str, Any]]:
    """One dict per call: the call record's raw fields, the stored labels, and per-call facts
    derived by hand (repeat contacts, first-time callers, talk analytics, QA score)."""
    out = []
    for rec in call_records():
        cid = rec["call_id"]
        labels = stored["calls"][cid]
        started = parse_time(rec["started_at"])
        analyzed = labels["spam_label"] is not None and labels["outcome"] is not None
        talk_s = number(rec["talk_s"])
        if talk_s is None and cid in stored["durations"]:
            talk_s = stored["durations"][cid]  # SPEC §4: no talk_s in the record, talk time from the audio
        c = {
            "call_id": cid,
            "direction": rec["direction"],
            "inbound": rec["direction"] == "inbound",
            "outbound": rec["direction"] == "outbound",
            "status": rec["status"],
            "answered": rec["status"] == "answered",
            # the number that identifies the other party: caller for inbound, callee for outbound (SPEC §4)
            "key": e164(rec["caller"] if rec["direction"] == "inbound" else rec["callee"]),
            "started": started,
            "agent": rec["agent"] or None,
            "queue": rec["queue"] or None,
            "source": rec["source"] or None,
            "campaign": rec["campaign"] or None,
            "wait_s": number(rec["wait_s"]),
            "talk_s": talk_s,
            "hold_s": number(rec["hold_s"]) or 0.0,
            "acw_s": number(rec["acw_s"]) or 0.0,
            "revenue": number(rec["revenue"]),
            "cost": number(rec["cost"]),
            "analyzed": analyzed,
            "spam_label": labels["spam_label"],
            "is_spam": analyzed and labels["spam_label"] != "legit",
            "outcome": labels["outcome"],
            "resolution": labels["resolution"],
            "escalated": bool(labels["escalated"]),
            # a real human exchange: not a mailbox, not dead air
            "conversation": analyzed and labels["outcome"] not in ("voicemail", "no_conversation"),
            "talk": None,
            "qa": None,
        }
        c["non_spam_conversation"] = c["conversation"] and not c["is_spam"]
        if stored["durations"].get(cid) is not None:  # a transcript, maybe with no words on it
            c["talk"] = talk_analytics(stored["segments"].get(cid, []), stored["durations"][cid])
        c["qa"] = qa_facts(stored["cards"].get(cid), c["outcome"], rubric())
        out.append(c)

    # Cross-call facts over the whole loaded history. A contact for FCR is an inbound call from the
    # same number that is not labeled spam (an abandoned call is a contact too).
    contacts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    inbound_from: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in out:
        if c["inbound"]:
            inbound_from[c["key"]].append(c)
            if not c["is_spam"]:
                contacts[c["key"]].append(c)
    for c in out:
        earlier = [o for o in inbound_from[c["key"]] if o["started"] < c["started"]]
        c["first_time_caller"] = (not earlier) if c["inbound"] else None
        gaps = [(o["started"] - c["started"]).total_seconds() / 86400 for o in contacts[c["key"]] if o is not c]
        c["prev_gap_days"] = min((-g for g in gaps if g <= 0), default=None)
        c["next_gap_days"] = min((g for g in gaps if g >= 0), default=None)
    return out


@pytest.fixture(scope="session")
def auto_fail_run(example_run, tmp_path_factory) -> dict[str, Any]:
    """The examples scored again with a rubric whose `closing` item is auto-fail.

    A copy of the store, and `callqa run` with `rubric = ...` in callqa.toml: the transcripts
    are reused (same audio, model and settings), the calls are rescored. Some calls have a
    closing and some do not, so qa_auto_fail_rate and the zeroed scores are not trivial.
    """
    work = tmp_path_factory.mktemp("auto_fail")
    src = Path(example_run["db"])
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{src}{suffix}").exists():
            (work / f"callqa.db{suffix}").write_bytes(Path(f"{src}{suffix}").read_bytes())
    text = RUBRIC.read_text()
    closing = text.index('name = "closing"')
    rubric_path = work / "rubric.toml"
    rubric_path.write_text(text[:closing] + 'name = "closing"\nauto_fail = true' + text[closing + len('name = "closing"'):])
    assert any(it["name"] == "closing" and it.get("auto_fail") for it in rubric(rubric_path)["items"])
    config = work / "callqa.toml"
    config.write_text(f"rubric = {json.dumps(str(rubric_path))}\n")
    db = str(work / "callqa.db")
    args = ["run", str(example_run["recordings"]), "--metadata", str(EXAMPLES / "calls.csv"), "--db", db]
    result = subprocess.run([sys.executable, "-m", "callqa", *args, "--config", str(config)], capture_output=True,
                            text=True, timeout=600)  # fmt: skip
    assert " 0 transcribed" in result.stderr, result.stderr
    return {"db": db, "config": str(config), "rubric": rubric(rubric_path)}


@pytest.fixture(scope="session")
def auto_fail_calls(calls, auto_fail_run) -> list[dict[str, Any]]:
    """The same calls, with the QA facts of the auto-fail rubric's scorecards."""
    cards = scorecards(auto_fail_run["db"], [c["call_id"] for c in calls if c["talk"] is not None])
    return [{**c, "qa": qa_facts(cards.get(c["call_id"]), c["outcome"], auto_fail_run["rubric"])} for c in calls]


# --- the hand computations, one per metric (SPEC §5 wording) ------------------

Fraction = tuple[float, float | None]  # numerator, denominator (None: the value is the count)
Hand = Callable[[list[dict[str, Any]], dict[str, Any]], Fraction]  # (calls, settings) -> fraction


def count(calls_: list[dict[str, Any]], keep: Callable[[dict[str, Any]], Any]) -> int:
    return sum(1 for c in calls_ if keep(c))


def total(calls_: list[dict[str, Any]], value: Callable[[dict[str, Any]], Any],
          keep: Callable[[dict[str, Any]], Any]) -> float:  # fmt: skip
    return sum(value(c) for c in calls_ if keep(c))


def short_abandon(c: dict[str, Any], s: dict[str, Any]) -> bool:
    return c["inbound"] and c["status"] == "abandoned" and c["wait_s"] is not None and c["wait_s"] < s["short_abandon_s"]


def offered(c: dict[str, Any]) -> bool:
    """Offered to the business: an inbound call that reached it (every status but blocked)."""
    return c["inbound"] and c["status"] != "blocked"


def fcr_eligible(c: dict[str, Any]) -> bool:
    """Non-spam, answered, inbound, a real conversation, outcome support or information."""
    return (c["analyzed"] and not c["is_spam"] and c["answered"] and c["inbound"] and c["conversation"]
            and c["outcome"] in ("support", "information"))  # fmt: skip


def first_contact(c: dict[str, Any], days: int) -> bool:
    return fcr_eligible(c) and (c["prev_gap_days"] is None or c["prev_gap_days"] > days)


def fcr_success(c: dict[str, Any], days: int) -> bool:
    return (first_contact(c, days) and c["resolution"] == "resolved" and not c["escalated"]
            and (c["next_gap_days"] is None or c["next_gap_days"] > days))  # fmt: skip


def handle_time(c: dict[str, Any]) -> float:
    return c["talk_s"] + c["hold_s"] + c["acw_s"]


def connected(c: dict[str, Any]) -> bool:
    return c["answered"] and c["talk_s"] is not None


def talked(c: dict[str, Any], field: str) -> bool:
    """A non-spam conversation whose transcript gives this talk analytic."""
    return c["non_spam_conversation"] and c["talk"] is not None and c["talk"][field] is not None


def two_sided(c: dict[str, Any]) -> bool:
    """A non-spam conversation with agent and customer speech apart (stereo)."""
    return talked(c, "agent_talk_s") and c["talk"]["agent_talk_s"] + c["talk"]["customer_talk_s"] > 0


def fcr(days: int) -> Hand:
    return lambda cs, s: (count(cs, lambda c: fcr_success(c, days)), count(cs, lambda c: first_contact(c, days)))


def fcr_metrics(settings: dict[str, Any]) -> dict[str, Hand]:
    """FCR at the default window ("fcr") and at each reported window ("fcr_7d")."""
    return {"fcr": fcr(settings["fcr_window_days"]), **{f"fcr_{d}d": fcr(d) for d in settings["fcr_windows_days"]}}


def duration_metrics(settings: dict[str, Any]) -> dict[str, Hand]:
    out = {
        "short_call_share": lambda cs, s: (
            count(cs, lambda c: connected(c) and c["talk_s"] < s["short_call_s"]), count(cs, connected)
        )
    }
    for t in settings["duration_thresholds_s"]:
        out[f"share_ge_{t:g}s"] = lambda cs, s, t=t: (
            count(cs, lambda c: connected(c) and c["talk_s"] >= t), count(cs, connected)
        )
    out["long_call_share"] = lambda cs, s: (
        count(cs, lambda c: connected(c) and c["talk_s"] > s["long_call_s"]), count(cs, connected)
    )
    return out


BASE: dict[str, Hand] = {
    # call volume
    "calls": lambda cs, s: (len(cs), None),
    "inbound_calls": lambda cs, s: (count(cs, lambda c: c["inbound"]), None),
    "outbound_calls": lambda cs, s: (count(cs, lambda c: c["outbound"]), None),
    "analyzed_calls": lambda cs, s: (count(cs, lambda c: c["analyzed"]), None),
    # answered ÷ attempted (inbound: outbound completion is dial_efficiency)
    "answer_rate": lambda cs, s: (count(cs, lambda c: c["inbound"] and c["answered"]), count(cs, lambda c: c["inbound"])),
    # abandoned ÷ offered inbound; abandons under short_abandon_s excluded from both
    "abandonment_rate": lambda cs, s: (
        count(cs, lambda c: c["inbound"] and c["status"] == "abandoned" and not short_abandon(c, s)),
        count(cs, lambda c: offered(c) and not short_abandon(c, s)),
    ),
    "blocked_rate": lambda cs, s: (
        count(cs, lambda c: c["inbound"] and c["status"] == "blocked"), count(cs, lambda c: c["inbound"])
    ),
    # mean wait_s of answered inbound
    "asa_s": lambda cs, s: (
        total(cs, lambda c: c["wait_s"], lambda c: c["inbound"] and c["answered"] and c["wait_s"] is not None),
        count(cs, lambda c: c["inbound"] and c["answered"] and c["wait_s"] is not None),
    ),
    # answered within service_level_s ÷ (offered − short abandons)
    "service_level": lambda cs, s: (
        count(cs, lambda c: c["inbound"] and c["answered"] and (c["wait_s"] or 0) <= s["service_level_s"]),
        count(cs, lambda c: offered(c) and not short_abandon(c, s)),
    ),
    # mean talk + hold + acw of answered calls; quality: spam and voicemail removed
    "aht_s": lambda cs, s: (
        total(cs, handle_time, lambda c: connected(c) and not c["is_spam"] and c["outcome"] != "voicemail"),
        count(cs, lambda c: connected(c) and not c["is_spam"] and c["outcome"] != "voicemail"),
    ),
    "aht_s_raw": lambda cs, s: (total(cs, handle_time, connected), count(cs, connected)),
    # mean talk_s of connected calls
    "avg_call_duration_s": lambda cs, s: (total(cs, lambda c: c["talk_s"], connected), count(cs, connected)),
    # callers who never called before (loaded history) ÷ calls from callers (inbound)
    "first_time_caller_rate": lambda cs, s: (
        count(cs, lambda c: c["first_time_caller"] is True), count(cs, lambda c: c["first_time_caller"] is not None)
    ),
    # spam ÷ analyzed calls
    "spam_rate": lambda cs, s: (count(cs, lambda c: c["is_spam"]), count(cs, lambda c: c["analyzed"])),
    "robocall_rate": lambda cs, s: (
        count(cs, lambda c: c["analyzed"] and c["spam_label"] == "robocall"), count(cs, lambda c: c["analyzed"])
    ),
    "telemarketing_rate": lambda cs, s: (
        count(cs, lambda c: c["analyzed"] and c["spam_label"] == "telemarketing"), count(cs, lambda c: c["analyzed"])
    ),
    # FCR at the default window and 1 / 7 / 30 days, and from the transcript alone
    "fcr_transcript_only": lambda cs, s: (
        count(cs, lambda c: fcr_eligible(c) and c["resolution"] == "resolved" and not c["escalated"]),
        count(cs, fcr_eligible),
    ),
    # resolved ÷ calls with resolution ≠ not_applicable
    "resolution_rate": lambda cs, s: (
        count(cs, lambda c: c["analyzed"] and c["resolution"] == "resolved"),
        count(cs, lambda c: c["analyzed"] and c["resolution"] not in (None, "not_applicable")),
    ),
    # escalated ÷ non-spam answered calls with a conversation; raw: ÷ every analyzed call
    "escalation_rate": lambda cs, s: (
        count(cs, lambda c: c["non_spam_conversation"] and c["answered"] and c["escalated"]),
        count(cs, lambda c: c["non_spam_conversation"] and c["answered"]),
    ),
    "escalation_rate_raw": lambda cs, s: (
        count(cs, lambda c: c["analyzed"] and c["escalated"]), count(cs, lambda c: c["analyzed"])
    ),
    # qualified leads ÷ non-spam inbound calls (analyzed: only they have an outcome); with
    # lead_first_time_only, a lead must also come from a first-time caller
    "qualified_lead_rate": lambda cs, s: (
        count(cs, lambda c: c["analyzed"] and not c["is_spam"] and c["inbound"] and c["talk_s"] is not None
              and c["talk_s"] >= s["lead_min_duration_s"] and c["outcome"] in LEAD_OUTCOMES
              and (c["first_time_caller"] is not False or not s["lead_first_time_only"])),
        count(cs, lambda c: c["analyzed"] and not c["is_spam"] and c["inbound"]),
    ),  # fmt: skip
    # the naive lead rate: calls >= threshold ÷ all calls
    "lead_rate_duration_only": lambda cs, s: (
        count(cs, lambda c: c["talk_s"] is not None and c["talk_s"] >= s["lead_min_duration_s"]), len(cs)
    ),
    # sale or appointment ÷ non-spam conversations; raw: ÷ every analyzed call
    "conversion_rate": lambda cs, s: (
        count(cs, lambda c: c["non_spam_conversation"] and c["outcome"] in ("sale", "appointment_booked")),
        count(cs, lambda c: c["non_spam_conversation"]),
    ),
    "conversion_rate_raw": lambda cs, s: (
        count(cs, lambda c: c["analyzed"] and c["outcome"] in ("sale", "appointment_booked")),
        count(cs, lambda c: c["analyzed"]),
    ),
    "appointment_rate": lambda cs, s: (
        count(cs, lambda c: c["non_spam_conversation"] and c["outcome"] == "appointment_booked"),
        count(cs, lambda c: c["non_spam_conversation"]),
    ),
    # Σ revenue ÷ calls with outcome sale; raw: ÷ calls with revenue (call records only)
    "revenue_per_successful_call": lambda cs, s: (
        total(cs, lambda c: c["revenue"], lambda c: c["revenue"] is not None),
        count(cs, lambda c: c["analyzed"] and c["outcome"] == "sale"),
    ),
    "revenue_per_successful_call_raw": lambda cs, s: (
        total(cs, lambda c: c["revenue"], lambda c: c["revenue"] is not None),
        count(cs, lambda c: c["revenue"] is not None and c["revenue"] > 0),
    ),
    # Σ cost ÷ handled calls
    "cost_per_call": lambda cs, s: (
        total(cs, lambda c: c["cost"], lambda c: c["cost"] is not None), count(cs, lambda c: c["answered"])
    ),
    # shares of connected calls under 30 s, at or above each threshold, over 360 s
    # outbound: connected ÷ attempted, unanswered ÷ attempted, calls per distinct callee
    "dial_efficiency": lambda cs, s: (
        count(cs, lambda c: c["outbound"] and c["answered"]), count(cs, lambda c: c["outbound"])
    ),
    "missed_rate": lambda cs, s: (
        count(cs, lambda c: c["outbound"] and not c["answered"]), count(cs, lambda c: c["outbound"])
    ),
    "follow_ups_per_lead": lambda cs, s: (count(cs, lambda c: c["outbound"]), len({c["key"] for c in cs if c["outbound"]})),
    # talk analytics over non-spam conversations, from the segments
    "agent_talk_ratio": lambda cs, s: (
        total(cs, lambda c: c["talk"]["agent_talk_s"], two_sided),
        total(cs, lambda c: c["talk"]["agent_talk_s"] + c["talk"]["customer_talk_s"], two_sided),
    ),
    "non_talk_share": lambda cs, s: (
        total(cs, lambda c: c["talk"]["non_talk_s"], lambda c: talked(c, "non_talk_s")),
        total(cs, lambda c: c["talk"]["audio_duration_s"], lambda c: talked(c, "non_talk_s")),
    ),
    "interruptions_per_call": lambda cs, s: (
        total(cs, lambda c: c["talk"]["interruptions"], two_sided), count(cs, two_sided)
    ),
    "agent_wpm": lambda cs, s: (
        total(cs, lambda c: c["talk"]["agent_wpm"], lambda c: talked(c, "agent_wpm")),
        count(cs, lambda c: talked(c, "agent_wpm")),
    ),
    "customer_wpm": lambda cs, s: (
        total(cs, lambda c: c["talk"]["customer_wpm"], lambda c: talked(c, "customer_wpm")),
        count(cs, lambda c: talked(c, "customer_wpm")),
    ),
    "longest_monologue_s": lambda cs, s: (
        total(cs, lambda c: c["talk"]["longest_monologue_s"], lambda c: talked(c, "longest_monologue_s")),
        count(cs, lambda c: talked(c, "longest_monologue_s")),
    ),
    # QA scorecard: mean score of scored calls; scored calls that auto-failed ÷ scored calls
    "qa_score": lambda cs, s: (total(cs, lambda c: c["qa"]["score"], lambda c: c["qa"]), count(cs, lambda c: c["qa"])),
    "qa_auto_fail_rate": lambda cs, s: (
        count(cs, lambda c: c["qa"] and c["qa"]["auto_failed"]), count(cs, lambda c: c["qa"])
    ),
}


def hand_metrics(settings: dict[str, Any]) -> dict[str, Hand]:
    """The hand computation of every metric callqa reports under these settings (the names of
    the FCR windows and duration thresholds follow the settings)."""
    return {**BASE, **fcr_metrics(settings), **duration_metrics(settings)}

# Per-call talk analytics are stored rounded (seconds to 1 ms, words per minute to 0.1, scores to
# 1e-4); the sums over a dozen calls may differ from the unrounded hand values by that much.
TOLERANCE = {
    "agent_talk_ratio": 1e-3, "non_talk_share": 1e-3, "longest_monologue_s": 0.01, "agent_wpm": 0.06,
    "customer_wpm": 0.06, "qa_score": 1e-3,
}  # fmt: skip

# --- the metrics callqa reported, per view -------------------------------------

VIEWS: dict[str, dict[str, Any]] = {
    "all": {},
    "by source": {"by": ["source"]},
    "by agent,week": {"by": ["agent", "week"]},
    "by hour": {"by": ["hour"]},
    "2026-11-17..2026-11-19": {"from": "2026-11-17", "to": "2026-11-19"},
    "thresholds": {"settings": THRESHOLDS},
    "thresholds, by hour": {"by": ["hour"], "settings": THRESHOLDS},
    "thresholds, by day,weekday": {"by": ["day", "weekday"], "settings": THRESHOLDS},
    "thresholds, 2026-11-20..2026-11-21": {"from": "2026-11-20", "to": "2026-11-21", "settings": THRESHOLDS},
    "auto-fail rubric": {"auto_fail": True},
    "auto-fail rubric, by agent": {"by": ["agent"], "auto_fail": True},
}


def toml(settings: dict[str, Any]) -> str:
    return "".join(f"{k} = {json.dumps(v)}\n" for k, v in settings.items())


def metrics_json(db: str, view: dict[str, Any], config: Path | str | None) -> dict[str, Any]:
    args = ["--by", ",".join(view["by"])] if "by" in view else []
    args += [x for k in ("from", "to") if k in view for x in (f"--{k}", view[k])]
    args += ["--config", str(config)] if config else []
    return json.loads(callqa("metrics", "--db", db, "--format", "json", *args))


@pytest.fixture(scope="session")
def reported_default(example_run, tmp_path_factory) -> dict[str, dict[str, Any]]:
    """`callqa metrics --format json` for each view of the example run (packaged rubric)."""
    config = tmp_path_factory.mktemp("config") / "callqa.toml"
    config.write_text(toml(THRESHOLDS))
    return {
        name: metrics_json(example_run["db"], view, config if view.get("settings") is THRESHOLDS else None)
        for name, view in VIEWS.items()
        if not view.get("auto_fail")
    }


@pytest.fixture(scope="session")
def reported_auto_fail(auto_fail_run) -> dict[str, dict[str, Any]]:
    """`callqa metrics --format json` for the views of the auto-fail rubric store."""
    return {
        name: metrics_json(auto_fail_run["db"], view, auto_fail_run["config"])
        for name, view in VIEWS.items()
        if view.get("auto_fail")
    }


def view_inputs(view: str, request: pytest.FixtureRequest) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """callqa's metrics JSON for a view and the hand-side calls it is compared with. The auto-fail
    store is only made for the views that need it, so a failure there does not error every test."""
    if VIEWS[view].get("auto_fail"):
        return request.getfixturevalue("reported_auto_fail")[view], request.getfixturevalue("auto_fail_calls")
    return request.getfixturevalue("reported_default")[view], request.getfixturevalue("calls")


def settings_of(view: str) -> dict[str, Any]:
    return VIEWS[view].get("settings", DEFAULTS)


def calendar(c: dict[str, Any], tz: str) -> dict[str, str]:
    """The local calendar fields of a call: started_at in the configured time zone."""
    local = c["started"].astimezone(ZoneInfo(tz))
    year, week, weekday = local.isocalendar()
    return {"day": local.date().isoformat(), "week": f"{year}-W{week:02d}", "hour": f"{local.hour:02d}",
            "weekday": WEEKDAYS[weekday - 1]}  # fmt: skip


def view_calls(view: str, calls_: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The calls of each section of a view: "all", plus one key per group as callqa spells it."""
    spec, tz = VIEWS[view], settings_of(view)["timezone"]
    calls_ = [c for c in calls_ if spec.get("from", "") <= calendar(c, tz)["day"] <= spec.get("to", "9999")]
    sections: dict[str, list[dict[str, Any]]] = {"all": calls_}
    for c in calls_ if "by" in spec else ():
        fields = {**c, **calendar(c, tz)}
        key = ",".join(f"{d}={fields[d] if fields[d] is not None else '(none)'}" for d in spec["by"])
        sections.setdefault(key, []).append(c)
    return sections


def close(a: float | None, b: float | None, tol: float) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol + 1e-6 * abs(b)


def mismatch(name: str, section: str, got: dict[str, Any] | None, num: float, den: float | None) -> str | None:
    value = num if den is None else (num / den if den else None)
    got = got or {"value": None, "numerator": 0, "denominator": 0}  # a group with no scored call has no qa_* keys
    tol = TOLERANCE.get(name, 1e-6)
    same = close(got["value"], value, tol) and close(got["numerator"], num, tol * max(1, den or 1))
    same = same and (den is None or close(got["denominator"], den, tol * max(1, den)))
    if same:
        return None
    return (f"{name} [{section}]: callqa {got['value']} (= {got['numerator']} / {got['denominator']}), "
            f"hand computation {value} (= {num} / {den})")  # fmt: skip


@pytest.mark.parametrize(("name", "view"), [(n, v) for v in VIEWS for n in hand_metrics(settings_of(v))])
def test_metric_matches_hand_computation(name: str, view: str, request: pytest.FixtureRequest) -> None:
    result, calls_ = view_inputs(view, request)
    problems = []
    for section, members in view_calls(view, calls_).items():
        got = result["metrics"].get(name) if section == "all" else result["groups"].get(section, {}).get(name)
        if section == "all":
            assert name in result["metrics"], f"{name} is missing from `callqa metrics --format json` ({view})"
        problem = mismatch(name, section, got, *hand_metrics(settings_of(view))[name](members, settings_of(view)))
        if problem:
            problems.append(problem)
    if problems and name in SPEC_DISCREPANCIES:
        pytest.xfail(f"{SPEC_DISCREPANCIES[name]}: " + "; ".join(problems))
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.mark.parametrize("view", [v for v in VIEWS if "by" in VIEWS[v]])
def test_groups_are_the_hand_groups(view: str, request: pytest.FixtureRequest) -> None:
    """Call volume by source / agent×week / hour / day×weekday: the same groups, each with its calls."""
    result, calls_ = view_inputs(view, request)
    want = {k: len(v) for k, v in view_calls(view, calls_).items() if k != "all"}
    got = {k: g["calls"]["value"] for k, g in result["groups"].items()}
    assert got == want, f"calls per group ({view}): callqa {got}, hand computation {want}"


def test_every_reported_metric_has_a_hand_computation(reported_default, reported_auto_fail) -> None:
    """Fails when the catalog gains a metric this module does not re-derive by hand (or drops one)."""
    from callqa.config import Settings
    from callqa.scoring.metrics import SCORECARD_METRICS, catalog

    in_catalog = {m.name for m in catalog(Settings())[0]} | {m.name for m in SCORECARD_METRICS}
    uncovered = in_catalog - set(hand_metrics(DEFAULTS))
    assert not uncovered, f"catalog metrics without a hand computation: {sorted(uncovered)}"
    for view, result in {**reported_default, **reported_auto_fail}.items():
        hand = set(hand_metrics(settings_of(view)))
        reported = set(result["metrics"]) | {n for g in result["groups"].values() for n in g}
        assert reported == hand, (
            f"{view}: reported without a hand computation {sorted(reported - hand)}, "
            f"hand-computed but not reported {sorted(hand - reported)}"
        )
        assert set(result["definitions"]) == set(result["metrics"]), view


def test_stored_labels_equal_expected_labels(stored) -> None:
    """The labels the hand computations use are the ground truth, except where tiny.en is unstable."""
    problems = []
    for cid, exp in expected_labels().items():
        got = stored["calls"][cid]
        pairs = {
            "spam": (got["spam_label"], exp["spam"]),
            "outcome": (got["outcome"], exp["outcome"]),
            "resolution": (got["resolution"], exp["resolution"]),
            "escalated": (str(got["escalated"]).lower(), exp["escalated"]),
        }
        for task, (have, want) in pairs.items():
            if have != want and (cid, task) not in UNSTABLE_LABELS:
                problems.append(f"{cid} {task}: stored {have}, expected {want}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("variant", ["packaged rubric", "auto-fail rubric"])
def test_stored_scorecards_agree_with_their_items(variant: str, calls, auto_fail_calls, auto_fail_run) -> None:
    """The per-call QA scores the qa_* metrics average are the rubric's weights of the items passed."""
    rubric_ = rubric() if variant == "packaged rubric" else auto_fail_run["rubric"]
    calls = calls if variant == "packaged rubric" else auto_fail_calls
    scored = [c for c in calls if c["qa"]]
    assert scored
    for c in scored:
        stored_card = c["qa"]["stored"]
        assert stored_card["score"] == pytest.approx(c["qa"]["score"], abs=1e-4), (c["call_id"], stored_card)
        assert bool(stored_card["auto_failed"]) == c["qa"]["auto_failed"], (c["call_id"], stored_card)
    # Scored: non-spam calls whose outcome the rubric scores, with agent speech.
    not_scored = set(rubric_["rubric"].get("not_scored_outcomes", []))
    want = {c["call_id"] for c in calls if c["analyzed"] and not c["is_spam"] and c["outcome"] not in not_scored
            and c["talk"] and c["talk"]["agent_talk_s"] > 0}  # fmt: skip
    assert {c["call_id"] for c in scored} == want
    if variant == "auto-fail rubric":  # the examples both pass and fail the closing
        assert 0 < sum(c["qa"]["auto_failed"] for c in scored) < len(scored)


def test_hand_computations_see_the_example_story(calls) -> None:
    """The hand-derived cross-call facts tell the story examples/README.md describes."""
    by_id = {c["call_id"]: c for c in calls}
    assert len(calls) == 25  # 26 rows, C2004 twice
    assert by_id["C2004"]["wait_s"] == 41
    # repeat callers once numbers are in E.164: C1004 → C1005, C1003 → C1008, C2001 → C1002, C2009 → C1006
    for first, repeat in (("C1004", "C1005"), ("C1003", "C1008"), ("C2001", "C1002"), ("C2009", "C1006")):
        assert by_id[first]["key"] == by_id[repeat]["key"]
        assert by_id[repeat]["first_time_caller"] is False
        assert by_id[repeat]["prev_gap_days"] < DEFAULTS["fcr_window_days"]
    assert mean(c["first_time_caller"] for c in calls if c["inbound"]) == pytest.approx(18 / 22)
    # outbound follow-ups: C2006 → C1011 to the same callee
    assert by_id["C2006"]["key"] == by_id["C1011"]["key"]

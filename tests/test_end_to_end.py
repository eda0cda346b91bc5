"""The whole job on the bundled example calls, with real Whisper tiny.en, spaCy and the trained models.

One `callqa run` (the session fixture ``example_run`` in conftest.py, shared with
test_example_metrics.py) on a copy of examples/ that also holds two broken files;
the tests read the resulting database through the CLI, as a user would.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def callqa(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "callqa", *args], capture_output=True, text=True, timeout=900)
    if check and result.returncode != 0:
        raise AssertionError(f"callqa {' '.join(args)} exited {result.returncode}:\n{result.stderr}")
    return result


def expected_labels() -> dict[str, dict[str, str]]:
    with open(EXAMPLES / "expected_labels.csv", newline="") as f:
        return {row["call_id"]: row for row in csv.DictReader(f)}


def call_rows() -> list[dict[str, str]]:
    with open(EXAMPLES / "calls.csv", newline="") as f:
        return list(csv.DictReader(f))


def facts(db: str) -> dict[str, dict]:
    rows = json.loads(callqa("calls", "--db", db, "--format", "json", "--limit", "1000").stdout)
    return {r["call_id"]: r for r in rows}


def test_broken_files_fail_with_reasons_and_every_other_call_is_analyzed(example_run) -> None:
    first = example_run["first"]
    assert first.returncode == 1, first.stderr
    assert "truncated.wav" in first.stderr and "not_audio.mp3" in first.stderr
    failed = json.loads(callqa("calls", "--failed", "--db", example_run["db"], "--format", "json").stdout)
    assert {r["file_name"] for r in failed} == {"truncated.wav", "not_audio.mp3"}
    assert all(r["failure_reason"] and r["failure_kind"] for r in failed)
    rows = facts(example_run["db"])
    for call_id in expected_labels():
        assert rows[call_id]["outcome"] is not None, f"{call_id} was not analyzed"


def test_second_run_transcribes_nothing(example_run) -> None:
    second = example_run["second"]
    assert " 0 transcribed" in second.stderr, second.stderr
    n = len(expected_labels())
    assert f"{n} reused from the store" in second.stderr, second.stderr


def test_headline_labels_on_the_examples(example_run) -> None:
    """Issue 2 must-show: robocall is spam, escalation escalated, sale is a sale, resolved support is resolved."""
    expected = expected_labels()
    rows = facts(example_run["db"])
    checked = 0
    for call_id, exp in expected.items():
        got = rows[call_id]
        if exp["spam"] == "robocall":
            assert got["spam_label"] == "robocall", (call_id, got)
            checked += 1
        if exp["escalated"] == "true":
            assert got["escalated"] is True, (call_id, got)
            checked += 1
        if exp["outcome"] == "sale":
            assert got["outcome"] == "sale", (call_id, got)
            checked += 1
        if exp["outcome"] == "support" and exp["resolution"] == "resolved":
            assert got["resolution"] == "resolved", (call_id, got)
            checked += 1
    assert checked >= 5


def test_show_prints_transcript_labels_and_evidence(example_run) -> None:
    escalated = next(c for c, e in expected_labels().items() if e["escalated"] == "true")
    out = callqa("show", escalated, "--db", example_run["db"]).stdout
    assert "agent" in out and "customer" in out
    assert "escalated" in out and "true" in out
    assert "supervisor" in out.lower()


def test_export_segments_jsonl(example_run, tmp_path: Path) -> None:
    out = tmp_path / "segments.jsonl"
    callqa("export", "--db", example_run["db"], "--grain", "segment", "--format", "jsonl", "--out", str(out))
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines
    assert {"recording", "call_id", "speaker", "start_s", "end_s", "text", "confidence", "suspect"} <= set(lines[0])
    assert {line["speaker"] for line in lines} >= {"agent", "customer"}


def unique_records() -> list[dict[str, str]]:
    """calls.csv de-duplicated as SPEC §4 says: the latest updated_at wins."""
    latest: dict[str, dict[str, str]] = {}
    for row in call_rows():
        old = latest.get(row["call_id"])
        if old is None or (row["updated_at"] or "") >= (old["updated_at"] or ""):
            latest[row["call_id"]] = row
    return list(latest.values())


RATE_METRICS = (
    "answer_rate", "abandonment_rate", "blocked_rate", "service_level", "first_time_caller_rate", "spam_rate",
    "fcr", "fcr_1d", "fcr_7d", "fcr_30d", "fcr_transcript_only", "resolution_rate", "escalation_rate",
    "qualified_lead_rate", "lead_rate_duration_only", "conversion_rate", "appointment_rate", "short_call_share",
    "share_ge_30s", "share_ge_60s", "share_ge_120s", "share_ge_300s", "share_ge_600s", "long_call_share",
)
OTHER_METRICS = ("asa_s", "aht_s", "avg_call_duration_s", "revenue_per_successful_call", "cost_per_call")


def test_metrics_json_has_every_metric_and_matches_the_example_data(example_run) -> None:
    result = json.loads(callqa("metrics", "--db", example_run["db"], "--format", "json").stdout)
    metrics = result["metrics"]
    for name in RATE_METRICS + OTHER_METRICS:
        assert name in metrics, name
        assert name in result["definitions"], name
        m = metrics[name]
        if name in RATE_METRICS and m["value"] is not None:
            assert 0.0 <= m["value"] <= 1.0, (name, m)
            assert m["value"] == pytest.approx(m["numerator"] / m["denominator"], abs=1e-6)

    records = unique_records()
    inbound = [r for r in records if r["direction"] == "inbound"]
    answered_in = [r for r in inbound if r["status"] == "answered"]
    short_abandons = [r for r in inbound if r["status"] == "abandoned" and float(r["wait_s"] or 0) < 5]
    long_abandons = [r for r in inbound if r["status"] == "abandoned" and float(r["wait_s"] or 0) >= 5]
    blocked = [r for r in inbound if r["status"] == "blocked"]
    offered = len(inbound) - len(blocked) - len(short_abandons)

    assert (metrics["calls"]["value"]) == len(records)
    assert (metrics["answer_rate"]["numerator"], metrics["answer_rate"]["denominator"]) == (len(answered_in), len(inbound))
    assert (metrics["blocked_rate"]["numerator"], metrics["blocked_rate"]["denominator"]) == (len(blocked), len(inbound))
    assert (metrics["abandonment_rate"]["numerator"], metrics["abandonment_rate"]["denominator"]) == (len(long_abandons), offered)
    assert metrics["asa_s"]["value"] == pytest.approx(sum(float(r["wait_s"]) for r in answered_in) / len(answered_in))
    within = [r for r in answered_in if float(r["wait_s"]) <= 20]
    assert (metrics["service_level"]["numerator"], metrics["service_level"]["denominator"]) == (len(within), offered)
    sales = [r for r in records if r["revenue"]]
    assert metrics["revenue_per_successful_call"]["value"] == pytest.approx(sum(float(r["revenue"]) for r in sales) / len(sales))

    expected = expected_labels()
    assert metrics["spam_rate"]["numerator"] == sum(e["spam"] != "legit" for e in expected.values())
    assert metrics["spam_rate"]["denominator"] == len(expected)
    assert metrics["escalation_rate"]["numerator"] == sum(e["escalated"] == "true" for e in expected.values())

"""Reviews override machine labels in metrics and exports; exports split by caller and carry a sidecar."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from callqa.config import Settings
from callqa.errors import CallqaError, UsageError
from callqa.report.export import export, parse_split, sidecar_path, split_of
from callqa.reviews import parse_assignments, review_agreement, review_call
from callqa.schema import CallRecord, Classification, Evidence, Label
from callqa.store import Store


def machine(call_id: str, *, outcome: str, resolution: str, escalated: bool, spam: str = "legit") -> Classification:
    ev = (Evidence(0, "agent", 0.0, 2.0, "let me transfer you", "transfer"),)

    def lb(task: str, value: str) -> Label:
        return Label(task, value, 0.8, "model", "test-1", ev if task == "escalated" else ())

    return Classification(lb("spam", spam), lb("outcome", outcome), lb("resolution", resolution),
                          lb("escalated", "true" if escalated else "false"))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "c.db")
    records = [
        CallRecord(call_id=f"C{i}", started_at=f"2026-11-0{2 + i % 3}T10:00:00+00:00", direction="inbound",
                   caller=f"+1415555010{i % 4}", callee="+14155550999", status="answered", agent="dana",
                   talk_s=120.0, wait_s=10.0)
        for i in range(8)
    ]
    store.upsert_call_records(records, source_file="test.csv")
    with store.transaction():
        for i in range(8):
            store.save_classification(
                f"C{i}", machine(f"C{i}", outcome="support", resolution="unresolved" if i == 0 else "resolved",
                                 escalated=i == 1), transcript_key=None)
    return store


def test_parse_assignments_checks_tasks_and_values() -> None:
    assert parse_assignments(["resolution=resolved", "escalated=no"]) == {"resolution": "resolved", "escalated": "false"}
    with pytest.raises(UsageError, match="not a resolution label"):
        parse_assignments(["resolution=fixed"])
    with pytest.raises(UsageError, match="not a task"):
        parse_assignments(["mood=happy"])


def test_review_overrides_machine_label_in_views_and_keeps_history(store: Store) -> None:
    before = store.query("SELECT resolution, escalated FROM call_facts WHERE call_id = 'C0'")[0]
    assert before == {"resolution": "unresolved", "escalated": 0}
    changes = review_call(store, "C0", labels={"resolution": "resolved", "escalated": "true"}, note="fixed it", reviewer="kim")
    assert [(c.task, c.old_value, c.new_value) for c in changes] == [("resolution", "unresolved", "resolved"), ("escalated", "false", "true")]
    after = store.query("SELECT resolution, escalated FROM call_facts WHERE call_id = 'C0'")[0]
    assert after == {"resolution": "resolved", "escalated": 1}
    history = store.query("SELECT task, old_value, new_value, reviewer, note FROM reviews ORDER BY id")
    assert history[0] == {"task": "resolution", "old_value": "unresolved", "new_value": "resolved", "reviewer": "kim", "note": "fixed it"}
    agreement = {r["task"]: r for r in review_agreement(store)}
    assert agreement["resolution"]["agreement"] == 0.0 and agreement["escalated"]["reviewed"] == 1
    # A machine re-run does not erase the human label.
    with store.transaction():
        store.save_classification("C0", machine("C0", outcome="support", resolution="unresolved", escalated=False), transcript_key=None)
    assert store.query("SELECT resolution FROM call_facts WHERE call_id = 'C0'")[0]["resolution"] == "resolved"


def test_review_of_unknown_call_is_a_clear_error(store: Store) -> None:
    with pytest.raises(CallqaError, match="No call 'nope'"):
        review_call(store, "nope", labels={"resolution": "resolved"})


def test_review_changes_metrics(store: Store) -> None:
    from callqa.scoring.metrics import compute_metrics

    before = compute_metrics(store, Settings())["metrics"]["resolution_rate"]
    review_call(store, "C0", labels={"resolution": "resolved"}, reviewer="kim")
    after = compute_metrics(store, Settings())["metrics"]["resolution_rate"]
    assert (before["numerator"], before["denominator"]) == (7, 8)
    assert (after["numerator"], after["denominator"]) == (8, 8)


def test_export_label_grain_marks_the_effective_label(store: Store, tmp_path: Path) -> None:
    review_call(store, "C1", labels={"escalated": "false"}, reviewer="kim")
    out = tmp_path / "labels.jsonl"
    export(store, grain="label", fmt="jsonl", out=out, redact=False)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    c1 = {(r["source"], r["value"]): r["effective"] for r in rows if r["call_id"] == "C1" and r["task"] == "escalated"}
    assert c1 == {("human", "false"): True, ("model", "true"): False}


def test_export_call_grain_split_by_caller_with_sidecar(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "calls.csv"
    counts = export(store, grain="call", fmt="csv", out=out, split=parse_split("train=0.5,test=0.5"), seed=3)
    assert sum(counts.values()) == 8
    callers: dict[str, set[str]] = {}
    for split in ("train", "test"):
        with open(tmp_path / f"calls.{split}.csv", newline="") as f:
            for row in csv.DictReader(f):
                assert row["split"] == split
                assert row["caller"].startswith("h:"), "phone numbers are hashed when redacted"
                callers.setdefault(row["caller"], set()).add(split)
    assert all(len(s) == 1 for s in callers.values()), "a caller landed in two splits"
    meta = json.loads(sidecar_path(out).read_text())
    assert meta["split"] == {"train": 0.5, "test": 0.5} and meta["redacted"] is True
    assert "fcr" in meta["metric_definitions"] and meta["label_versions"]


def test_split_is_deterministic_and_follows_the_fractions() -> None:
    split = {"train": 0.8, "test": 0.2}
    names = [split_of(f"+1415555{i:04d}", split, seed=7) for i in range(2000)]
    assert names == [split_of(f"+1415555{i:04d}", split, seed=7) for i in range(2000)]
    assert 0.75 < names.count("train") / 2000 < 0.85


def test_bad_split_spec_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="add up to 1"):
        parse_split("train=0.8,test=0.3")


def test_cli_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys; from typer.testing import CliRunner; from callqa.cli import app; "
        "r = CliRunner().invoke(app, ['--help']); assert r.exit_code == 0, r.output; "
        "heavy = [m for m in ('faster_whisper', 'ctranslate2', 'spacy', 'sklearn', 'av') if m in sys.modules]; "
        "print(heavy); assert not heavy"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_export_parquet_round_trips(store: Store, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "calls.parquet"
    counts = export(store, grain="call", fmt="parquet", out=out)
    table = pq.read_table(out).to_pylist()
    assert counts == {str(out): 8} and len(table) == 8
    assert {"call_id", "outcome", "resolution", "escalated", "outcome_source", "outcome_version"} <= set(table[0])


def test_qa_score_per_agent_is_the_mean_of_scored_calls(store: Store) -> None:
    from callqa.scoring.metrics import compute_metrics
    from callqa.scoring.rubric import Scorecard

    with store.transaction():
        for call_id, score in (("C0", 0.5), ("C2", 1.0), ("C4", None)):  # C4: not scored (does not count)
            store.save_scorecard(call_id, Scorecard(score=score, auto_failed=False, items=(), rubric_version="t"))
        store.save_scorecard("C6", Scorecard(score=0.0, auto_failed=True, items=(), rubric_version="t"))
    result = compute_metrics(store, Settings(), by=["agent"])
    qa = result["metrics"]["qa_score"]
    assert (qa["numerator"], qa["denominator"]) == (1.5, 3) and qa["value"] == 0.5
    assert result["metrics"]["qa_auto_fail_rate"]["value"] == pytest.approx(1 / 3, abs=1e-6)
    assert result["groups"]["agent=dana"]["qa_score"]["value"] == 0.5
    assert "qa_score" in result["definitions"]

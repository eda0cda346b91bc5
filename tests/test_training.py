"""Training and evaluation: users' labels files, metrics, and retraining that follows the user's labels."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from callqa.classify import default_models_dir
from callqa.classify.training import (
    classification_report,
    evaluate,
    format_evaluation,
    read_user_labels,
    train_models,
)
from callqa.errors import InputFileError
from callqa.schema import Segment, Transcript

HAVE_MODELS = (default_models_dir() / "spam" / "model.joblib").is_file()


def write_csv(path: Path, rows: list[dict]) -> Path:
    columns = sorted({k for r in rows for k in r}, key=lambda c: (c != "call_id", c))
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def segments_json(*turns: tuple[str, str]) -> str:
    return json.dumps([{"speaker": s, "start": i * 4.0, "end": i * 4.0 + 3.5, "text": t} for i, (s, t) in enumerate(turns)])


def test_labels_file_rows_are_checked_one_by_one(tmp_path: Path) -> None:
    stored = Transcript((Segment(0, "agent", 0.0, 2.0, "Thanks for calling, how can I help?"),), 2.0, "x")
    path = write_csv(tmp_path / "labels.csv", [
        {"call_id": "a", "spam": "legit", "outcome": "Support", "text": "my internet is down"},
        {"call_id": "b", "escalated": "maybe", "text": "hello"},
        {"call_id": "", "spam": "legit", "text": "hello"},
        {"call_id": "c", "escalated": "yes", "segments": segments_json(("agent", "I'm transferring you now."))},
        {"call_id": "d", "resolution": "resolved"},  # from the store
        {"call_id": "e", "resolution": "resolved"},  # not in the store
        {"call_id": "f", "outcome": "sale", "segments": "[not json"},
        {"call_id": "g", "text": "no labels here"},
    ])
    examples, errors = read_user_labels(path, transcript_lookup=lambda cid: stored if cid == "d" else None)
    assert [(e.call_id, e.labels) for e in examples] == [
        ("a", {"spam": "legit", "outcome": "support"}),
        ("c", {"escalated": "true"}),
        ("d", {"resolution": "resolved"}),
    ]
    assert examples[1].segments[0].speaker == "agent" and examples[2].segments == stored.segments
    assert [e.row for e in errors] == [3, 4, 7, 8, 9]
    assert "escalated 'maybe'" in errors[0].reason and "empty call_id" in errors[1].reason
    assert "callqa run" in errors[2].reason and "bad segments" in errors[3].reason and "no label" in errors[4].reason


def test_labels_file_without_label_columns_is_rejected(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bad.csv", [{"call_id": "a", "text": "x"}])
    with pytest.raises(InputFileError, match="at least one of spam, outcome, resolution, escalated"):
        read_user_labels(path)
    with pytest.raises(InputFileError, match="not found"):
        read_user_labels(tmp_path / "missing.csv")


def test_classification_report_numbers() -> None:
    rep = classification_report(["a", "a", "b", "b", "c"], ["a", "b", "b", "b", "a"], ["a", "b", "c", "d"])
    assert rep["confusion_matrix"]["labels"] == ["a", "b", "c"]
    assert rep["confusion_matrix"]["rows"] == [[1, 1, 0], [0, 2, 0], [1, 0, 0]]
    assert rep["per_class"]["a"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    assert rep["per_class"]["b"]["precision"] == pytest.approx(0.6667) and rep["per_class"]["b"]["recall"] == 1.0
    assert rep["per_class"]["c"]["f1"] == 0.0
    assert rep["macro_f1"] == pytest.approx((0.5 + 0.8 + 0.0) / 3, abs=1e-4)
    assert rep["accuracy"] == 0.6 and rep["n"] == 5


# A business whose agents say "pop you over to" for a transfer: no seed phrase says so,
# so the shipped models call these calls not escalated until the user's labels teach them.
_NAMES = ["Kim", "Raj", "Tomas", "Aisha", "Lou", "Greta", "Omar", "Bea", "Nina", "Carl", "Ivy", "Sol"]
_DEPTS = ["accounts", "the workshop", "the lab", "our finance desk", "the studio", "the back office"]
_ISSUES = ["my invoice shows the wrong amount", "the frame I ordered came in scratched",
           "my lenses are not ready yet", "the quote you sent me is missing the fitting",
           "I was billed for two eye exams", "the repair on my glasses did not hold"]


def pop_over_call(i: int) -> str:
    name, dept, issue = _NAMES[i % len(_NAMES)], _DEPTS[i % len(_DEPTS)], _ISSUES[i % len(_ISSUES)]
    return segments_json(
        ("agent", f"Morning, Clearview Optics, {_NAMES[(i + 5) % len(_NAMES)]} here."),
        ("customer", f"Hi, {issue}."),
        ("agent", f"Right, that one is for {name}. I'll pop you over to {name} in {dept}, two ticks."),
        ("customer", "Lovely, cheers."),
    )


@pytest.mark.slow
@pytest.mark.skipif(not HAVE_MODELS, reason="models/ not trained")
def test_training_on_user_labels_changes_predictions_for_their_phrasing(tmp_path: Path) -> None:
    train_csv = write_csv(tmp_path / "train.csv", [
        {"call_id": f"t{i}", "escalated": "true", "segments": pop_over_call(i)} for i in range(10)
    ] + [{"call_id": "bad", "escalated": "sometimes", "text": "x"}])
    eval_csv = write_csv(tmp_path / "eval.csv", [
        {"call_id": f"e{i}", "escalated": "true", "segments": pop_over_call(i)} for i in range(10, 16)
    ])
    before = evaluate(eval_csv)["tasks"]["escalated"]
    assert before["per_class"]["true"]["recall"] <= 0.5  # the seed models miss this phrasing

    models = tmp_path / "models"
    cards = train_models(models, labels=train_csv, n_synthetic=300, n_folds=2)
    after_report = evaluate(eval_csv, models_dir=models)
    after = after_report["tasks"]["escalated"]
    assert after["per_class"]["true"]["recall"] == 1.0
    assert after_report["version"].split("+models-")[1] != evaluate(eval_csv)["version"].split("+models-")[1]

    card = cards["escalated"]
    user = next(s for s in card["training_data"]["sources"] if s["name"] == "user")
    assert user["n"] == 10 and user["rejected_rows"][0]["row"] == 12 and len(user["sha256"]) == 64
    assert card["parameters"]["user_weight"] > 1
    assert json.loads((models / "escalated" / "card.json").read_text()) == card
    assert "Held-out evaluation" in (models / "escalated" / "README.md").read_text()
    # Scored on the hand-written calls too, which are never trained on.
    assert card["handwritten_check"]["n"] == 40 and 0.0 <= card["handwritten_check"]["accuracy"] <= 1.0
    assert "Hand-written calls (never trained on)" in (models / "escalated" / "README.md").read_text()

    text = format_evaluation(after_report)
    assert "escalated: n=6" in text and "confusion (rows true, columns predicted)" in text
    assert "true" in text.splitlines()[-1]

"""Training and evaluation of the task heads (``callqa train`` / ``callqa evaluate``).

Seed corpus:
- generated calls (``synth.generate_calls``): every outcome / resolution / escalation class,
  many scenarios and industries, with ASR-style noise, plus extra support and information
  calls (resolution is learned from those only);
- real robocall transcripts from ``../shared/data/robocall/transcripts.csv`` (English rows),
  as mono, plain-text and answered-by-an-agent variants.

Held-out figures come from 5 folds grouped by generated scenario and by robocall
``script_cluster`` (never by row), with the featurizer refitted inside each fold, and are
decoded end to end exactly as ``Classifier`` does. Users' labels (``--labels``) are mixed in
with a weight that gives them a fixed share of the training signal, or replace the seed
corpus for the tasks they label.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from callqa.classify.io import TranscriptFormatError, transcript_from_json
from callqa.errors import InputFileError, UsageError
from callqa.schema import (
    AGENT,
    CUSTOMER,
    OUTCOME_LABELS,
    RESOLUTION_LABELS,
    SPAM_LABELS,
    TASKS,
    UNKNOWN,
    RowError,
    Segment,
    Transcript,
)

TASK_CLASSES: dict[str, tuple[str, ...]] = {
    "spam": SPAM_LABELS,
    "outcome": OUTCOME_LABELS,
    "resolution": RESOLUTION_LABELS,
    "escalated": ("false", "true"),
}
N_FOLDS = 5
DEFAULT_N_SYNTHETIC = 3000
EXTRA_SUPPORT_SHARE = 2 / 3  # extra support/information calls, as a share of n_synthetic
USER_SHARE = 0.25  # share of the training weight given to the user's labels when mixed
# Chosen on the held-out folds (grouped by scenario): weaker regularization helped the
# outcome head (2 -> 4) and the resolution head (2 -> 8) on scenarios never seen.
C_BY_TASK = {"spam": 0.5, "outcome": 4.0, "resolution": 8.0, "escalated": 1.0}
SERVICE_GATE_C = 4.0  # the outcome head's "service call?" gate (see model.SERVICE_THRESHOLD)
ROBOCALL_GREETINGS = (
    "Thank you for calling, this is {name}, how can I help you?",
    "Hello, {name} speaking.",
    "Good morning, thanks for calling, how may I help you?",
    "Hi, this is {name}.",
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Example:
    """One labeled call. ``labels`` holds only the tasks this example is labeled for."""

    call_id: str
    group: str  # held-out unit: scenario or robocall script cluster or user file
    source: str  # synthetic | robocall | user
    segments: tuple[Segment, ...]
    labels: dict[str, str] = field(default_factory=dict)


def robocall_csv_path() -> Path:
    """``$CALLQA_DATA_DIR/robocall/transcripts.csv``, else ``../shared/data`` beside the repo."""
    base = os.environ.get("CALLQA_DATA_DIR")
    if base:
        return Path(base) / "robocall" / "transcripts.csv"
    import callqa

    return Path(callqa.__file__).resolve().parent.parent.parent / "shared" / "data" / "robocall" / "transcripts.csv"


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _label_value(task: str, raw: Any) -> str | None:
    """Canonical label text, or None if the value is not a label of the task."""
    if raw is None:
        return None
    if task == "escalated":
        text = str(raw).strip().lower()
        if text in ("true", "1", "yes", "y", "t"):
            return "true"
        if text in ("false", "0", "no", "n", "f"):
            return "false"
        return None
    text = str(raw).strip().lower()
    return text if text in TASK_CLASSES[task] else None


def _segments_from_dicts(raw: Iterable[dict]) -> tuple[Segment, ...]:
    return transcript_from_json({"segments": list(raw)}).segments


# ---------------------------------------------------------------------------------------
# Seed corpus


def synthetic_examples(n: int, *, seed: int) -> tuple[list[Example], dict]:
    """Generated calls with their scenario labels, and a description for the card."""
    from callqa.classify import synth

    # Resolution is decided only on support and information calls, a fifth of a
    # balanced corpus: add more of them so its head sees every scenario often.
    n_extra = int(n * EXTRA_SUPPORT_SHARE)
    calls = synth.generate_calls(n, seed=seed) + synth.generate_calls(
        n_extra, seed=seed + 7, scenarios=["support", "information"])
    rng = random.Random(seed + 101)
    out = []
    for call in calls:
        segments = _segments_from_dicts(call.segments)
        # Some calls arrive as mono recordings or as plain text from another ASR:
        # teach the heads to cope without speaker roles and timing.
        r = rng.random()
        if r < 0.15:
            segments = tuple(Segment(s.index, UNKNOWN, s.start_s, s.end_s, s.text) for s in segments)
        elif r < 0.25:
            text = " ".join(s.text for s in segments)
            segments = (Segment(0, UNKNOWN, 0.0, 0.0, text),) if text.strip() else ()
        labels = {task: _label_value(task, call.labels[task]) for task in TASKS}
        out.append(Example(call.call_id, f"scenario:{call.scenario}", "synthetic", segments,
                           {k: v for k, v in labels.items() if v is not None}))
    desc = {
        "name": "synthetic",
        "generator": "callqa.classify.synth.generate_calls",
        "seed": seed,
        "n": len(out),
        "extra_support_information_calls": n_extra,
        "scenarios": len({e.group for e in out}),
        "augmentation": "15% speaker roles removed (mono), 10% flattened to one untimed text segment",
    }
    return out, desc


def robocall_examples(path: Path | None = None, *, seed: int) -> tuple[list[Example], dict | None]:
    """English rows of the real robocall corpus as spam positives (None if the file is absent)."""
    path = path or robocall_csv_path()
    if not path.is_file():
        return [], None
    rng = random.Random(seed + 202)
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f)):
            if row.get("language") != "en" or not (row.get("transcript") or "").strip():
                continue
            text = " ".join(row["transcript"].split())
            sentences = [s for s in _SENTENCE.split(text) if s.strip()]
            r = rng.random()
            segments: list[Segment] = []
            if r < 0.25:  # plain text from another ASR
                segments = [Segment(0, UNKNOWN, 0.0, 0.0, text)]
            else:
                t = 0.0
                speaker = UNKNOWN
                if r < 0.6:  # answered by the business: the agent greets, the recording plays
                    greeting = rng.choice(ROBOCALL_GREETINGS).format(name=rng.choice(["Sam", "Maria", "Dev", "Alex"]))
                    segments.append(Segment(0, AGENT, 0.0, 2.5, greeting))
                    t, speaker = 3.0, CUSTOMER
                for s in sentences:
                    dur = max(1.0, len(s.split()) / 2.6)  # recorded voices read at ~155 wpm
                    segments.append(Segment(len(segments), speaker, round(t, 2), round(t + dur, 2), s))
                    t += dur + 0.3
            labels = {"spam": "robocall", "outcome": "no_conversation", "resolution": "not_applicable",
                      "escalated": "false"}
            out.append(Example(f"robocall-{n}", f"robocall:{row['script_cluster']}", "robocall", tuple(segments), labels))
    desc = {
        "name": "robocall",
        "path": "../shared/data/robocall/transcripts.csv",
        "sha256": file_sha256(path),
        "n": len(out),
        "script_clusters": len({e.group for e in out}),
        "labels": "spam=robocall, outcome=no_conversation, resolution=not_applicable, escalated=false",
        "augmentation": "25% plain text, 35% mono sentence segments, 40% answered by an agent greeting",
    }
    return out, desc


# ---------------------------------------------------------------------------------------
# Users' labels


def read_user_labels(
    path: str | Path, *, transcript_lookup: Callable[[str], Transcript | None] | None = None
) -> tuple[list[Example], list[RowError]]:
    """Examples from a labels CSV, and the rows that could not be used (by 1-based row number).

    Columns: ``call_id``; any of ``spam``, ``outcome``, ``resolution``, ``escalated``; the
    transcript as ``segments`` (SPEC §7 JSON list) or ``text``, else ``transcript_lookup``.

    Raises:
        InputFileError: the file is missing, unreadable, or has no label column.
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"labels file {path} not found; fix: pass a CSV with call_id and label columns")
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            columns = [c.strip() for c in reader.fieldnames or []]
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise InputFileError(f"cannot read labels file {path}: {e}; fix: save it as a UTF-8 CSV") from e
    if "call_id" not in columns or not set(columns) & set(TASKS):
        raise InputFileError(
            f"labels file {path} needs a call_id column and at least one of {', '.join(TASKS)}; "
            f"it has {', '.join(columns) or 'no columns'}"
        )
    examples: list[Example] = []
    errors: list[RowError] = []
    for n, raw in enumerate(rows, start=2):  # row 1 is the header
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}
        call_id = row.get("call_id", "")
        if not call_id:
            errors.append(RowError(n, "empty call_id"))
            continue
        labels: dict[str, str] = {}
        bad = []
        for task in TASKS:
            if row.get(task):
                value = _label_value(task, row[task])
                if value is None:
                    bad.append(f"{task} {row[task]!r} is not one of {', '.join(TASK_CLASSES[task])}")
                else:
                    labels[task] = value
        if bad:
            errors.append(RowError(n, f"call {call_id}: " + "; ".join(bad)))
            continue
        if not labels:
            errors.append(RowError(n, f"call {call_id}: no label given"))
            continue
        try:
            if row.get("segments"):
                segments = _segments_from_dicts(json.loads(row["segments"]))
            elif row.get("text"):
                segments = transcript_from_json({"text": row["text"]}).segments
            else:
                transcript = transcript_lookup(call_id) if transcript_lookup else None
                if transcript is None:
                    errors.append(RowError(n, f"call {call_id}: no text/segments column and no stored transcript "
                                              "(run `callqa run` first, or add a text column)"))
                    continue
                segments = transcript.clean_segments
        except (json.JSONDecodeError, TranscriptFormatError) as e:
            errors.append(RowError(n, f"call {call_id}: bad segments ({e})"))
            continue
        examples.append(Example(call_id, f"user:{call_id}", "user", tuple(segments), labels))
    return examples, errors


# ---------------------------------------------------------------------------------------
# Metrics


def classification_report(y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str]) -> dict:
    """Per-class precision/recall/F1, macro-F1 over classes present, accuracy, confusion matrix."""
    labels = [c for c in labels if c in set(y_true) | set(y_pred)]
    index = {c: i for i, c in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for t, p in zip(y_true, y_pred):
        matrix[index[t]][index[p]] += 1
    per_class = {}
    for c in labels:
        i = index[c]
        tp = matrix[i][i]
        pred = sum(matrix[r][i] for r in range(len(labels)))
        true = sum(matrix[i])
        precision = tp / pred if pred else 0.0
        recall = tp / true if true else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[c] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "support": true}
    present = [c for c in labels if per_class[c]["support"] > 0]
    macro = sum(per_class[c]["f1"] for c in present) / len(present) if present else 0.0
    n = len(y_true)
    return {
        "n": n,
        "accuracy": round(sum(t == p for t, p in zip(y_true, y_pred)) / n, 4) if n else 0.0,
        "macro_f1": round(macro, 4),
        "per_class": per_class,
        "confusion_matrix": {"labels": labels, "rows": matrix, "note": "rows = true label, columns = predicted"},
    }


# ---------------------------------------------------------------------------------------
# Fitting


def _fit_head(task: str, X: Any, y: Sequence[str], weights: Sequence[float], *, C: float, seed: int) -> Any:
    from callqa.classify.model import TaskHead

    classes = tuple(c for c in TASK_CLASSES[task] if c in set(y))
    if task == "resolution":
        classes = tuple(c for c in classes if c != "not_applicable")
    if len(classes) < 2:
        raise UsageError(
            f"cannot train the {task} model: the training data has only {', '.join(classes) or 'no'} label(s); "
            "fix: add examples of at least two classes (or drop --replace-seed)"
        )
    est = _fit_logistic(X, list(y), weights, C=C, seed=seed)
    # sklearn orders classes_ alphabetically; keep that order for the head.
    return TaskHead(task, tuple(str(c) for c in est.classes_), est)


def _fit_service_gate(X: Any, y: Sequence[str], weights: Sequence[float], *, seed: int) -> Any:
    """Binary "support or information?" classifier, or None if the labels hold only one side."""
    service = [v in ("support", "information") for v in y]
    if len(set(service)) < 2:
        return None
    return _fit_logistic(X, service, weights, C=SERVICE_GATE_C, seed=seed)


def _fit_logistic(X: Any, y: list, weights: Sequence[float], *, C: float, seed: int) -> Any:
    from sklearn.linear_model import LogisticRegression

    est = LogisticRegression(C=C, max_iter=2000, class_weight="balanced", random_state=seed)
    # float64 input: with float32 the solver's sums came out different in the last
    # bits from one process to the next, and the artifacts were not byte-identical.
    return est.fit(X.astype("float64"), y, sample_weight=list(weights))


def _fit_temperature(scores: Any, y: Sequence[str], classes: Sequence[str]) -> float:
    """The temperature that minimizes held-out log loss (a one-parameter calibration)."""
    import numpy as np

    from callqa.classify.model import softmax

    index = {c: i for i, c in enumerate(classes)}
    rows = [i for i, t in enumerate(y) if t in index]
    if not rows:
        return 1.0
    s = scores[rows]
    cols = np.asarray([index[y[i]] for i in rows])
    best = (math.inf, 1.0)
    for t in np.exp(np.linspace(math.log(0.2), math.log(8.0), 61)):
        p = softmax(s / t)[np.arange(len(rows)), cols]
        loss = float(-np.log(np.clip(p, 1e-12, 1)).mean())
        best = min(best, (loss, float(t)))
    return round(best[1], 4)


class _Corpus:
    """Examples with their cue hits and CallDocs computed once."""

    def __init__(self, examples: list[Example], matcher: Any):
        from callqa.classify.features import call_doc

        self.examples = examples
        self.hits = matcher.find_many([e.segments for e in examples])
        self.docs = [call_doc(e.segments, h) for e, h in zip(examples, self.hits)]


def _task_rows(examples: Sequence[Example], task: str, rows: Iterable[int]) -> list[int]:
    if task == "resolution":
        return [i for i in rows if examples[i].labels.get("resolution") not in (None, "not_applicable")]
    return [i for i in rows if task in examples[i].labels]


def _train_all(corpus: _Corpus, rows: Sequence[int], weights: Sequence[float], *, seed: int,
               featurizer_params: dict) -> tuple[Any, dict[str, Any], Any]:
    """Fit a featurizer and the four heads on the given rows."""
    from callqa.classify.features import CallFeaturizer

    featurizer = CallFeaturizer(**featurizer_params).fit([corpus.docs[i] for i in rows])
    X = featurizer.transform(corpus.docs)
    heads = {}
    for task in TASKS:
        task_rows = _task_rows(corpus.examples, task, rows)
        y = [corpus.examples[i].labels[task] for i in task_rows]
        heads[task] = _fit_head(task, X[task_rows], y, [weights[i] for i in task_rows], C=C_BY_TASK[task], seed=seed)
        if task == "outcome":
            heads[task].gate = _fit_service_gate(X[task_rows], y, [weights[i] for i in task_rows], seed=seed)
    return featurizer, heads, X


def _folds(examples: Sequence[Example], n_folds: int) -> list[list[int]]:
    """Held-out folds of whole groups, balanced by size, deterministic."""
    sizes = Counter(e.group for e in examples)
    fold_of: dict[str, int] = {}
    load = [0] * n_folds
    for group, size in sorted(sizes.items(), key=lambda g: (-g[1], g[0])):
        k = min(range(n_folds), key=lambda f: (load[f], f))
        fold_of[group] = k
        load[k] += size
    return [[i for i, e in enumerate(examples) if fold_of[e.group] == k] for k in range(n_folds)]


def _fold_scores(corpus: _Corpus, fold: list[int], weights: Sequence[float], seed: int,
                 featurizer_params: dict) -> tuple[list[int], dict[str, Any], list[Any]]:
    """Train without one fold; its raw scores per task (all classes) and decoded labels."""
    import numpy as np
    from threadpoolctl import threadpool_limits

    from callqa.classify.model import ModelSet

    examples = corpus.examples
    held = set(fold)
    train_rows = [i for i in range(len(examples)) if i not in held]
    with threadpool_limits(1):
        featurizer, heads, X = _train_all(corpus, train_rows, weights, seed=seed, featurizer_params=featurizer_params)
    scores = {}
    for task, head in heads.items():
        s = head.scores(X[fold])
        full = np.full((len(fold), len(TASK_CLASSES[task])), -1e3)  # a class this fold never saw cannot win
        for j, c in enumerate(head.classes):
            full[:, TASK_CLASSES[task].index(c)] = s[:, j]
        scores[task] = full
    models = ModelSet(featurizer, heads)
    items = [(Transcript(examples[i].segments, 0.0, "train"), None, None) for i in fold]
    preds = models.predict(items, [examples[i].segments for i in fold], [corpus.hits[i] for i in fold], version="heldout")
    return fold, scores, preds


def _heldout(corpus: _Corpus, weights: Sequence[float], *, seed: int, featurizer_params: dict,
             n_folds: int) -> tuple[list[Any], dict[str, list], dict[str, float]]:
    """Out-of-fold decoded predictions for every example, and fitted temperatures.

    Folds run in parallel worker processes (one per core, at most two); each fold is
    deterministic, so the result does not depend on the number of workers.
    """
    import numpy as np
    from joblib import Parallel, delayed

    examples = corpus.examples
    predictions: list[Any] = [None] * len(examples)
    oof_scores = {task: np.zeros((len(examples), len(TASK_CLASSES[task]))) for task in TASKS}
    jobs = max(1, min(2, os.cpu_count() or 1, n_folds))
    results = Parallel(n_jobs=jobs)(
        delayed(_fold_scores)(corpus, fold, weights, seed, featurizer_params) for fold in _folds(examples, n_folds)
    )
    for fold, scores, preds in results:
        for task, full in scores.items():
            oof_scores[task][fold] = full
        for i, p in zip(fold, preds):
            predictions[i] = p
    temperatures = {}
    for task in TASKS:
        y = [examples[i].labels.get(task) for i in range(len(examples))]
        if task == "resolution":
            y = [v if v != "not_applicable" else None for v in y]
        temperatures[task] = _fit_temperature(oof_scores[task], y, TASK_CLASSES[task])
    return predictions, oof_scores, temperatures


def _predicted(classification: Any, task: str) -> str:
    return getattr(classification, task).value


def _heldout_report(examples: Sequence[Example], predictions: Sequence[Any], task: str) -> dict:
    rows = [i for i, e in enumerate(examples) if task in e.labels]
    report = classification_report([examples[i].labels[task] for i in rows],
                                   [_predicted(predictions[i], task) for i in rows], TASK_CLASSES[task])
    if task == "spam":
        robo = [i for i in rows if examples[i].source == "robocall"]
        legit = [i for i in rows if examples[i].labels["spam"] == "legit"]
        if robo:
            report["robocall_script_recall"] = round(
                sum(_predicted(predictions[i], "spam") != "legit" for i in robo) / len(robo), 4)
            report["robocall_rows"] = len(robo)
        if legit:
            report["legit_false_positive_rate"] = round(
                sum(_predicted(predictions[i], "spam") != "legit" for i in legit) / len(legit), 4)
            report["legit_calls"] = len(legit)
    if task == "resolution":
        conditional = [i for i in rows if examples[i].labels["resolution"] != "not_applicable"]
        report["given_support_or_information"] = classification_report(
            [examples[i].labels[task] for i in conditional],
            [_predicted(predictions[i], task) for i in conditional], TASK_CLASSES[task])
    return report


# ---------------------------------------------------------------------------------------
# Public entry points


def train_models(
    models_dir: str | Path,
    *,
    labels: str | Path | None = None,
    replace_seed: bool = False,
    seed: int = 0,
    transcript_lookup: Callable[[str], Transcript | None] | None = None,
    n_synthetic: int = DEFAULT_N_SYNTHETIC,
    n_folds: int = N_FOLDS,
) -> dict[str, dict]:
    """Build the featurizer and four heads, evaluate them held-out, write artifacts and cards.

    Deterministic for a given seed, corpus and labels file.

    Returns:
        task -> model card (as written to ``<models_dir>/<task>/card.json``).

    Raises:
        InputFileError: the labels file is unusable as a whole.
        UsageError: the data leave a task with fewer than two classes.
    """
    from callqa.classify import cards
    from callqa.classify.cues import CueMatcher, load_nlp, rules_version
    from callqa.classify.model import SERVICE_THRESHOLD, ModelSet, artifacts_sha, save_artifacts

    models_dir = Path(models_dir)
    sources: list[dict] = []
    user: list[Example] = []
    user_errors: list[RowError] = []
    if labels is not None:
        user, user_errors = read_user_labels(labels, transcript_lookup=transcript_lookup)
        if not user:
            detail = "; ".join(f"row {e.row}: {e.reason}" for e in user_errors[:3])
            raise InputFileError(f"no usable rows in {labels} ({detail}); fix the rows and run `callqa train` again")
        sources.append({"name": "user", "path": str(labels), "sha256": file_sha256(Path(labels)), "n": len(user),
                        "rejected_rows": [{"row": e.row, "reason": e.reason} for e in user_errors],
                        "tasks": sorted({t for e in user for t in e.labels})})
    user_tasks = {t for e in user for t in e.labels}
    seed_examples: list[Example] = []
    synth_ex, synth_desc = synthetic_examples(n_synthetic, seed=seed)
    robo_ex, robo_desc = robocall_examples(seed=seed)
    seed_examples = synth_ex + robo_ex
    sources[:0] = [synth_desc] + ([robo_desc] if robo_desc else [])
    if replace_seed and user:
        # The user's labels replace the seed corpus for the tasks they label; the
        # other tasks keep their seed labels so the classifier stays complete.
        seed_examples = [
            Example(e.call_id, e.group, e.source, e.segments, {t: v for t, v in e.labels.items() if t not in user_tasks})
            for e in seed_examples
        ]
        seed_examples = [e for e in seed_examples if e.labels]
    examples = seed_examples + user
    n_seed = len(seed_examples)
    user_weight = 1.0
    if user and seed_examples and not replace_seed:
        user_weight = max(1.0, USER_SHARE * n_seed / ((1 - USER_SHARE) * len(user)))
    weights = [user_weight if e.source == "user" else 1.0 for e in examples]

    from threadpoolctl import threadpool_limits

    matcher = CueMatcher(load_nlp())
    corpus = _Corpus(examples, matcher)
    featurizer_params: dict[str, Any] = {}
    predictions, oof_scores, temperatures = _heldout(corpus, weights, seed=seed, featurizer_params=featurizer_params,
                                            n_folds=n_folds)
    # One BLAS thread: lbfgs on sparse data gains nothing from more, and on a busy
    # 2-core machine the extra threads made each fit ten times slower.
    with threadpool_limits(1):
        featurizer, heads, _ = _train_all(corpus, list(range(len(examples))), weights, seed=seed,
                                          featurizer_params=featurizer_params)
    for task, head in heads.items():
        head.temperature = temperatures[task]
    models_dir.mkdir(parents=True, exist_ok=True)
    save_artifacts(models_dir, featurizer, heads)
    sha = artifacts_sha(models_dir)
    version = f"{rules_version()}+models-{sha[:8]}"

    data_sha = hashlib.sha256()
    for e in examples:
        data_sha.update(json.dumps([e.call_id, e.group, [s.text for s in e.segments], e.labels], sort_keys=True).encode())
    checks = _reference_checks(ModelSet(featurizer, heads), matcher)
    # The cue rules alone, on the same calls: what the trained heads add. The rules are
    # not fitted to data, so every call is unseen by them.
    from callqa.classify.rules import rule_classify

    rule_predictions = [rule_classify(e.segments, h, "rules") for e, h in zip(examples, corpus.hits)]
    # The resolution head alone, on calls whose true outcome is support/information:
    # separates its errors from those inherited from a wrong outcome.
    res_rows = _task_rows(examples, "resolution", range(len(examples)))
    res_head = classification_report(
        [examples[i].labels["resolution"] for i in res_rows],
        [TASK_CLASSES["resolution"][int(oof_scores["resolution"][i].argmax())] for i in res_rows],
        TASK_CLASSES["resolution"])
    out = {}
    for task in TASKS:
        task_rows = _task_rows(examples, task, range(len(examples)))
        heldout = {
            "method": f"{n_folds} folds grouped by generated scenario, robocall script_cluster and user call; "
                      "featurizer refitted per fold; labels decoded end to end",
            **_heldout_report(examples, predictions, task),
        }
        if task == "resolution":
            heldout["head_given_true_outcome"] = res_head
        card = cards.build_card(
            task=task,
            head=heads[task],
            version=version,
            sources=sources,
            data_sha256=data_sha.hexdigest(),
            class_counts=dict(sorted(Counter(examples[i].labels[task] for i in task_rows).items())),
            n_train=len(task_rows),
            parameters={
                "estimator": "LogisticRegression(lbfgs, class_weight=balanced)",
                "C": C_BY_TASK[task],
                **({"service_gate": f"LogisticRegression(C={SERVICE_GATE_C}, class_weight=balanced): support or "
                                    f"information vs the rest; a service call when the mean of its P and the outcome head's "
                                    f"P(support) + P(information) is >= {SERVICE_THRESHOLD}"}
                   if task == "outcome" else {}),
                "temperature": heads[task].temperature,
                "featurizer": {**featurizer.params, "blocks": "word 1-2-grams (whole call, agent, customer, last third), char_wb 3-5-grams, cue/sequence/shape features"},
                "seed": seed,
                "user_weight": round(user_weight, 3),
                "replace_seed": replace_seed,
            },
            heldout=heldout,
            examples_check=checks["examples_check"].get(task),
            handwritten_check=checks["handwritten_check"].get(task),
            rules_baseline={k: v for k, v in _heldout_report(examples, rule_predictions, task).items()
                            if k in ("n", "accuracy", "macro_f1", "robocall_script_recall", "legit_false_positive_rate")},
        )
        cards.write_card(models_dir / task, card)
        out[task] = card
    cards.write_featurizer_card(models_dir / "featurizer", featurizer=featurizer, version=version, sources=sources)
    return out


# Labeled transcripts in the repo that are never trained on, scored into every card:
# card field -> (transcripts, labels, what they are).
REFERENCE_CHECKS = {
    "examples_check": ("examples/references.jsonl", "examples/expected_labels.csv",
                       "reference text of the bundled example calls"),
    "handwritten_check": ("examples/handwritten/calls.jsonl", "examples/handwritten/labels.csv",
                          "calls written by hand, not by the generator; see examples/handwritten/README.md"),
}


def _reference_checks(models: Any, matcher: Any) -> dict[str, dict[str, dict]]:
    """card field -> task -> report, for every REFERENCE_CHECKS set present in the repo."""
    import callqa

    root = Path(callqa.__file__).resolve().parent.parent
    out = {}
    for field_name, (refs, expected, what) in REFERENCE_CHECKS.items():
        out[field_name] = _reference_check(models, matcher, root / refs, root / expected, f"{refs} + {expected} ({what})")
    return out


def _reference_check(models: Any, matcher: Any, refs: Path, expected: Path, source: str) -> dict[str, dict]:
    """Score one labeled transcript file (never trained on), if it exists."""
    if not refs.is_file() or not expected.is_file():
        return {}
    from callqa.classify.io import read_transcripts_jsonl

    transcripts = {cid: t for item in read_transcripts_jsonl(refs) if not isinstance(item, RowError) for _, cid, t in [item]}
    with expected.open(encoding="utf-8", newline="") as f:
        truth = {r["call_id"]: r for r in csv.DictReader(f) if r.get("call_id") in transcripts}
    ids = sorted(truth)
    segs = [transcripts[c].clean_segments for c in ids]
    preds = models.predict([(transcripts[c], None, None) for c in ids], segs, matcher.find_many(segs), version="check")
    out = {}
    for task in TASKS:
        rows = [(cid, _label_value(task, truth[cid].get(task))) for cid in ids]
        rows = [(k, cid, v) for k, (cid, v) in enumerate(rows) if v is not None]
        if rows:
            rep = classification_report([v for _, _, v in rows], [_predicted(preds[k], task) for k, _, _ in rows],
                                        TASK_CLASSES[task])
            rep["wrong"] = [{"call_id": cid, "expected": v, "predicted": _predicted(preds[k], task)}
                            for k, cid, v in rows if _predicted(preds[k], task) != v]
            rep["source"] = source
            out[task] = rep
    return out


def evaluate(
    labels: str | Path,
    *,
    models_dir: str | Path | None = None,
    transcript_lookup: Callable[[str], Transcript | None] | None = None,
) -> dict:
    """Compare the classifier's labels with a labels CSV.

    Returns:
        ``{"version", "n_rows", "rejected_rows", "tasks": {task: report}}`` where each report has
        per-class precision/recall/F1, macro-F1, accuracy and the confusion matrix.
    """
    from callqa.classify import load_classifier

    examples, errors = read_user_labels(labels, transcript_lookup=transcript_lookup)
    classifier = load_classifier(models_dir)
    preds = classifier.classify_many([(Transcript(e.segments, 0.0, "labels"), None, None) for e in examples])
    tasks = {}
    for task in TASKS:
        rows = [k for k, e in enumerate(examples) if task in e.labels]
        if rows:
            tasks[task] = classification_report([examples[k].labels[task] for k in rows],
                                                [_predicted(preds[k], task) for k in rows], TASK_CLASSES[task])
    return {
        "version": classifier.version,
        "labels_file": str(labels),
        "n_rows": len(examples),
        "rejected_rows": [{"row": e.row, "reason": e.reason} for e in errors],
        "tasks": tasks,
    }


def format_evaluation(report: dict) -> str:
    """The text `callqa evaluate` prints: per task, a per-class table and the confusion matrix."""
    lines = [f"classifier {report['version']} on {report['labels_file']}: {report['n_rows']} labeled calls"]
    for r in report["rejected_rows"]:
        lines.append(f"  skipped row {r['row']}: {r['reason']}")
    if not report["tasks"]:
        lines.append("no task was labeled in this file")
    for task, rep in report["tasks"].items():
        lines.append("")
        lines.append(f"{task}: n={rep['n']}  accuracy={rep['accuracy']:.3f}  macro-F1={rep['macro_f1']:.3f}")
        labels = rep["confusion_matrix"]["labels"]
        width = max(12, *(len(c) for c in labels))
        lines.append(f"  {'class':<{width}} {'precision':>9} {'recall':>7} {'f1':>6} {'n':>5}")
        for c in labels:
            m = rep["per_class"][c]
            lines.append(f"  {c:<{width}} {m['precision']:>9.3f} {m['recall']:>7.3f} {m['f1']:>6.3f} {m['support']:>5}")
        lines.append(f"  confusion (rows true, columns predicted):")
        short = [c[:10] for c in labels]
        lines.append("  " + " " * width + " " + " ".join(f"{s:>10}" for s in short))
        for c, row in zip(labels, rep["confusion_matrix"]["rows"]):
            lines.append(f"  {c:<{width}} " + " ".join(f"{v:>10}" for v in row))
    return "\n".join(lines)

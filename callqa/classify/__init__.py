"""Call labels of SPEC §3 (spam, outcome, resolution, escalated) with confidence and evidence.

Usage::

    from callqa.classify import load_classifier
    classifier = load_classifier()          # loads spaCy and the models once
    labels = classifier.classify(transcript)
    many = classifier.classify_many([(t, None, None) for t in transcripts])

Importing this package is cheap: spaCy and scikit-learn are imported inside
``load_classifier`` and the functions that need them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from callqa.schema import CallRecord, Classification, ConversationFeatures, Transcript

if TYPE_CHECKING:
    from callqa.classify.cues import CueMatcher


def default_models_dir() -> Path:
    """``CALLQA_MODELS_DIR`` if set, else the repository's top-level ``models/``."""
    env = os.environ.get("CALLQA_MODELS_DIR")
    if env:
        return Path(env)
    import callqa

    return Path(callqa.__file__).resolve().parent.parent / "models"


class Classifier:
    """Labels calls. Build with :func:`load_classifier`; reuse for a whole batch."""

    def __init__(self, *, matcher: CueMatcher, models: Any = None, version: str):
        self.matcher = matcher
        self.models = models
        self.version = version

    def classify(
        self,
        transcript: Transcript,
        *,
        features: ConversationFeatures | None = None,
        record: CallRecord | None = None,
    ) -> Classification:
        """The four labels of one call, from its clean (non-suspect) segments.

        ``features`` and ``record`` are accepted for callers that have them; the models
        derive talk ratio, duration and silence from the segments exactly as in training,
        so a label never depends on whether the caller passed them.
        """
        return self.classify_many([(transcript, features, record)])[0]

    def classify_many(
        self, items: Iterable[tuple[Transcript, ConversationFeatures | None, CallRecord | None]]
    ) -> list[Classification]:
        """Labels for many calls at once; much faster per call than :meth:`classify` in a loop."""
        from callqa.classify.rules import empty_classification, rule_classify, word_count

        items = list(items)
        segments = [t.clean_segments for t, _, _ in items]
        hits = self.matcher.find_many(segments)
        if self.models is not None:
            return self.models.predict(items, segments, hits, version=self.version)
        return [
            empty_classification(self.version) if word_count(segs) == 0 else rule_classify(segs, h, self.version)
            for segs, h in zip(segments, hits)
        ]


def load_classifier(models_dir: str | Path | None = None) -> Classifier:
    """Load spaCy, the cue rules and the trained models, once.

    Args:
        models_dir: a folder written by ``callqa train``; default :func:`default_models_dir`.

    Raises:
        ModelNotFoundError: spaCy's model or the trained classifiers are missing, unreadable,
            or were built with another scikit-learn version.
    """
    from callqa.classify.cues import CueMatcher, load_nlp, rules_version
    from callqa.classify.model import ModelSet

    folder = Path(models_dir) if models_dir is not None else default_models_dir()
    models = ModelSet.load(folder)
    matcher = CueMatcher(load_nlp())
    return Classifier(matcher=matcher, models=models, version=f"{rules_version()}+models-{models.sha[:8]}")


def classifier_version(models_dir: str | Path | None = None) -> str:
    """The version ``load_classifier(models_dir).version`` will have, without loading anything.

    Lets a re-run check which calls are already labelled by these models in milliseconds,
    and load spaCy and the models (seconds) only if some call needs them.

    Raises:
        ModelNotFoundError: a trained artifact is missing.
    """
    from callqa.classify.cues import rules_version
    from callqa.classify.model import artifact_paths, artifacts_sha
    from callqa.errors import ModelNotFoundError

    folder = Path(models_dir) if models_dir is not None else default_models_dir()
    for path in artifact_paths(folder):
        if not path.is_file():
            raise ModelNotFoundError(f"trained classifier {path} is missing; fix: run `callqa train` to rebuild the "
                                     "models (or point CALLQA_MODELS_DIR at a models folder)")
    return f"{rules_version()}+models-{artifacts_sha(folder)[:8]}"


def load_rule_classifier() -> Classifier:
    """The transparent cue-rules baseline (no trained models), for comparison and debugging."""
    from callqa.classify.cues import CueMatcher, load_nlp, rules_version

    return Classifier(matcher=CueMatcher(load_nlp()), models=None, version=rules_version())

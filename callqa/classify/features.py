"""What the trained models see of a call: text per speaker, cue features, conversation shape.

A :class:`CallDoc` is built from a call's clean segments and its cue hits. The
:class:`CallFeaturizer` turns many CallDocs into one sparse matrix, shared by the
four task heads (so a batch is featurized once, not once per task):

- word 1-2-grams of the whole call, of the agent's words, of the customer's words
  (speaker-aware: "I'll transfer you" means more from the agent than from the customer)
  and of the last third of the call (how a call ends decides its resolution);
- character 3-5-grams within words of the whole call (robust to ASR misspellings);
- cue features: per cue, presence, counts by speaker, position of the last hit;
  plus sequence features (a transfer offer followed by a yes or a no; a fix after the
  last complaint);
- conversation shape: words and turns per speaker, duration, talk ratio, silence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from callqa.classify.cues import CUE_NAMES, CueHit
from callqa.schema import AGENT, CUSTOMER, UNKNOWN, ConversationFeatures, Segment

if TYPE_CHECKING:
    import numpy as np
    import scipy.sparse as sp

_APOSTROPHE = re.compile(r"['’`]")
_DIGITS = re.compile(r"\d+")
_YES = re.compile(r"^\W*(yes|yeah|yep|yup|sure|please|ok|okay|alright|that would be (great|good)|that'd be great|go ahead|absolutely|uh huh)\b", re.I)
_NO = re.compile(r"^\W*(no|nope|nah|not really|that's ok|thats ok|it's fine|its fine|i'd rather)\b", re.I)

TAIL_START = 0.67
CUE_SLOTS = ("any", "n_all", "n_agent", "n_customer", "n_unknown", "last_pos")
SEQUENCE_FEATURES = (
    "offer_then_yes",
    "offer_then_no",
    "offer_then_self_solve",
    "demand_then_action",
    "demand_without_action",
    "fixed_after_last_broken",
    "broken_after_last_fixed",
    "follow_up_in_last_third",
    "handover_after_action",
    "action_after_last_offer",
    "offer_without_later_action",
    "action_or_handover",
    "refusal_after_last_fixed",
    "follow_up_after_last_fixed",
    "ends_with_transfer",
    "ends_disconnected",
    "unanswered_after_last_fixed",
)
SHAPE_FEATURES = (
    "log_words",
    "log_agent_words",
    "log_customer_words",
    "log_unknown_words",
    "share_agent_words",
    "share_customer_words",
    "share_unknown_words",
    "log_segments",
    "log_turns",
    "n_speakers",
    "has_timing",
    "log_duration",
    "agent_talk_ratio",
    "talk_ratio_missing",
    "non_talk_share",
    "log_longest_silence",
    "questions_per_segment",
    "log_digits",
    "first_is_agent",
    "last_is_agent",
)


def normalize_text(text: str) -> str:
    """Lower case, apostrophes dropped ("it's" = "its"), digit runs kept as one token."""
    return _APOSTROPHE.sub("", text.lower())


@dataclass(frozen=True)
class CallDoc:
    """The parts of one call the featurizer reads."""

    text_all: str
    text_agent: str
    text_customer: str
    text_tail: str  # the last third of the call: how it ended decides resolution
    dense: tuple[float, ...]  # cue, sequence and shape features, in dense_names() order


def dense_names() -> list[str]:
    """Names of the dense features, in CallDoc.dense order."""
    names = [f"cue:{c}:{slot}" for c in CUE_NAMES for slot in CUE_SLOTS]
    names += [f"seq:{s}" for s in SEQUENCE_FEATURES]
    names += [f"shape:{s}" for s in SHAPE_FEATURES]
    return names


def _last(hits: Sequence[CueHit], *cues: str) -> float:
    return max((h.position for h in hits if h.cue in cues), default=-1.0)


def _sequence(segments: Sequence[Segment], hits: Sequence[CueHit]) -> list[float]:
    """Order-dependent cues: what happened after an offer, a demand, a complaint."""
    by_seg: dict[int, set[str]] = {}
    for h in hits:
        by_seg.setdefault(h.segment_index, set()).add(h.cue)
    offer_yes = offer_no = 0.0
    for i, seg in enumerate(segments):
        if "transfer_offer" not in by_seg.get(seg.index, ()):
            continue
        # The other side's next turn answers the offer.
        for nxt in segments[i + 1 : i + 4]:
            if nxt.speaker != seg.speaker:
                if _YES.search(nxt.text):
                    offer_yes = 1.0
                elif _NO.search(nxt.text) or "transfer_declined" in by_seg.get(nxt.index, ()):
                    offer_no = 1.0
                break
    last_offer = _last(hits, "transfer_offer")
    last_demand = _last(hits, "manager_demand")
    last_action = _last(hits, "transfer_action")
    last_handover = _last(hits, "handover_greeting")
    last_fixed = _last(hits, "works_now", "resolved_by_agent")
    last_broken = _last(hits, "still_broken", "problem_report")
    last_follow = _last(hits, "follow_up_promise")
    last_self = _last(hits, "agent_self_solve")
    last_refusal = _last(hits, "refusal", "dissatisfied")
    last_dead = _last(hits, "dead_air")
    last_outcome = max(last_fixed, last_broken, last_follow, last_refusal)
    return [
        offer_yes,
        offer_no,
        float(last_offer >= 0 and last_self > last_offer),
        float(last_demand >= 0 and last_action > last_demand),
        float(last_demand >= 0 and last_action < 0 and last_handover < 0),
        float(last_fixed >= 0 and last_fixed > last_broken),
        float(last_broken >= 0 and last_broken > last_fixed >= 0),
        float(last_follow >= 2 / 3),
        float(last_action >= 0 and last_handover > last_action),
        float(last_offer >= 0 and max(last_action, last_handover) > last_offer),
        float(last_offer >= 0 and max(last_action, last_handover) < last_offer),
        float(max(last_action, last_handover) >= 0),
        float(last_refusal >= 0 and last_refusal > last_fixed),
        float(last_follow >= 0 and last_follow > last_fixed),
        # Handed over at the end, with nothing fixed or promised after: waiting on them.
        float(max(last_action, last_handover) >= 0.7 and max(last_action, last_handover) > last_outcome),
        # The line went dead late in the call, after anything was fixed: the caller is gone.
        float(last_dead >= 0.7 and last_dead > last_fixed),
        float(last_refusal >= 0 and last_refusal > last_fixed and last_follow < last_refusal),
    ]


def _shape(segments: Sequence[Segment], features: ConversationFeatures | None) -> list[float]:
    words = {AGENT: 0, CUSTOMER: 0, UNKNOWN: 0}
    questions = digits = 0
    for s in segments:
        words[s.speaker if s.speaker in words else UNKNOWN] += len(s.text.split())
        questions += s.text.count("?")
        digits += len(_DIGITS.findall(s.text))
    total = sum(words.values())
    turns = sum(1 for a, b in zip(segments, segments[1:]) if a.speaker != b.speaker)
    timed = any(s.end_s > 0 for s in segments)
    duration = max((s.end_s for s in segments), default=0.0) if timed else 0.0
    talk = {AGENT: 0.0, CUSTOMER: 0.0}
    for s in segments:
        if s.speaker in talk:
            talk[s.speaker] += s.duration_s
    ratio = features.agent_talk_ratio if features is not None else None
    if ratio is None and timed and talk[AGENT] + talk[CUSTOMER] > 0:
        ratio = talk[AGENT] / (talk[AGENT] + talk[CUSTOMER])
    if features is not None and features.duration_s > 0:
        duration = features.duration_s
    if features is not None:
        non_talk, longest = features.non_talk_share, features.longest_silence_s
    elif timed and duration > 0:
        gaps, prev_end = [], 0.0
        for s in segments:
            gap = s.start_s - prev_end
            if gap >= 2.0:  # SPEC §5 silence_min_s default
                gaps.append(gap)
            prev_end = max(prev_end, s.end_s)
        non_talk, longest = sum(gaps) / duration, max(gaps, default=0.0)
    else:
        non_talk, longest = 0.0, 0.0
    share = (lambda k: words[k] / total) if total else (lambda k: 0.0)
    speakers = {s.speaker for s in segments if s.text.strip()}
    return [
        math.log1p(total),
        math.log1p(words[AGENT]),
        math.log1p(words[CUSTOMER]),
        math.log1p(words[UNKNOWN]),
        share(AGENT),
        share(CUSTOMER),
        share(UNKNOWN),
        math.log1p(len(segments)),
        math.log1p(turns),
        float(len(speakers)),
        float(timed),
        math.log1p(duration),
        ratio if ratio is not None else 0.5,
        float(ratio is None),
        min(1.0, max(0.0, non_talk)),
        math.log1p(longest),
        questions / max(1, len(segments)),
        math.log1p(digits),
        float(bool(segments) and segments[0].speaker == AGENT),
        float(bool(segments) and segments[-1].speaker == AGENT),
    ]


def call_doc(
    segments: Sequence[Segment], hits: Sequence[CueHit], features: ConversationFeatures | None = None
) -> CallDoc:
    """Everything the featurizer needs from one call (clean segments and their cue hits)."""
    cue_index = {c: i for i, c in enumerate(CUE_NAMES)}
    cue = [[0.0] * len(CUE_SLOTS) for _ in CUE_NAMES]
    for h in hits:
        row = cue[cue_index[h.cue]]
        row[0] = 1.0
        row[1] += 1
        row[{AGENT: 2, CUSTOMER: 3}.get(h.speaker, 4)] += 1
        row[5] = max(row[5], h.position)
    dense: list[float] = []
    for row in cue:
        dense += [row[0], math.log1p(row[1]), math.log1p(row[2]), math.log1p(row[3]), math.log1p(row[4]), row[5]]
    dense += _sequence(segments, hits)
    dense += _shape(segments, features)

    def text(speaker: str | None) -> str:
        return normalize_text(" ".join(s.text for s in segments if speaker is None or s.speaker == speaker))

    full = text(None)
    cut = int(len(full) * TAIL_START)
    tail = full[cut:].split(" ", 1)[-1] if cut > 0 else full
    return CallDoc(full, text(AGENT), text(CUSTOMER), tail, tuple(dense))


class CallFeaturizer:
    """Fit on training CallDocs; transform any CallDocs into one sparse matrix."""

    def __init__(
        self,
        *,
        word_max_features: int = 20000,
        speaker_max_features: int = 8000,
        char_max_features: int = 20000,
        min_df: int = 2,
    ):
        self.params = {
            "word_max_features": word_max_features,
            "speaker_max_features": speaker_max_features,
            "char_max_features": char_max_features,
            "min_df": min_df,
        }

    def _vectorizers(self) -> dict[str, Any]:
        from sklearn.feature_extraction.text import TfidfVectorizer

        p = self.params
        word = dict(ngram_range=(1, 2), min_df=p["min_df"], sublinear_tf=True, lowercase=False,
                    token_pattern=r"(?u)\b\w+\b", dtype=_float32())
        return {
            "all": TfidfVectorizer(max_features=p["word_max_features"], **word),
            "agent": TfidfVectorizer(max_features=p["speaker_max_features"], **word),
            "customer": TfidfVectorizer(max_features=p["speaker_max_features"], **word),
            "tail": TfidfVectorizer(max_features=p["speaker_max_features"], **word),
            "char": TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=p["min_df"],
                                    max_features=p["char_max_features"], sublinear_tf=True,
                                    lowercase=False, dtype=_float32()),
        }

    @staticmethod
    def _columns(docs: Sequence[CallDoc]) -> dict[str, list[str]]:
        all_text = [d.text_all for d in docs]
        return {
            "all": all_text,
            "agent": [d.text_agent for d in docs],
            "customer": [d.text_customer for d in docs],
            "tail": [d.text_tail for d in docs],
            "char": all_text,
        }

    def fit(self, docs: Sequence[CallDoc]) -> CallFeaturizer:
        import numpy as np
        from sklearn.preprocessing import MaxAbsScaler

        self.vectorizers_ = self._vectorizers()
        columns = self._columns(docs)
        for name, vec in self.vectorizers_.items():
            texts = columns[name]
            if not any(t.strip() for t in texts):
                texts = ["empty"]  # a corpus with no agent text at all (e.g. only robocalls)
            try:
                vec.fit(texts)
            except ValueError:  # too few documents for min_df: keep every term
                vec.set_params(min_df=1).fit(texts)
            # The terms cut by min_df/max_features are kept as a set, which pickles in a
            # different order in every process; it is not needed to transform.
            if hasattr(vec, "stop_words_"):
                del vec.stop_words_
        self.scaler_ = MaxAbsScaler().fit(np.asarray([d.dense for d in docs], dtype=np.float32))
        names = []
        for name, vec in self.vectorizers_.items():
            names += [f"{name}:{t}" for t in vec.get_feature_names_out()]
        names += dense_names()
        self.feature_names_ = np.asarray(names, dtype=object)
        self.dense_offset_ = len(names) - len(dense_names())
        return self

    def transform(self, docs: Sequence[CallDoc]) -> sp.csr_matrix:
        import numpy as np
        import scipy.sparse as sp

        columns = self._columns(docs)
        blocks = [vec.transform(columns[name]) for name, vec in self.vectorizers_.items()]
        dense = self.scaler_.transform(np.asarray([d.dense for d in docs], dtype=np.float32))
        blocks.append(sp.csr_matrix(dense.astype(np.float32)))
        return sp.hstack(blocks, format="csr", dtype=np.float32)

    def __getstate__(self) -> dict[str, Any]:
        # sklearn caches id(stop_words) on the vectorizers: a memory address, different
        # in every process, that would make identical models pickle to different bytes.
        for vec in self.__dict__.get("vectorizers_", {}).values():
            vec.__dict__.pop("_stop_words_id", None)
        return {k: v for k, v in self.__dict__.items() if k != "_word_analyzer"}

    def word_terms(self, text: str) -> set[str]:
        """Word n-grams of one piece of text, as named in feature_names_ (for evidence)."""
        analyzer = self.__dict__.get("_word_analyzer")
        if analyzer is None:  # built once per loaded featurizer, not pickled
            analyzer = self.__dict__["_word_analyzer"] = self.vectorizers_["all"].build_analyzer()
        return {f"all:{t}" for t in analyzer(normalize_text(text))}


def _float32() -> Any:
    import numpy as np

    return np.float32

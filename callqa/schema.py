"""Frozen dataclasses passed between stages.

Every stage takes these and returns new ones; none of them know about the store,
the CLI or any heavy library. Units are in the names (``start_s``, ``wait_s``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Speaker roles on the merged timeline.
AGENT = "agent"
CUSTOMER = "customer"
UNKNOWN = "unknown"
SPEAKERS = (AGENT, CUSTOMER, UNKNOWN)

# SPEC §3 label sets.
SPAM_LABELS = ("legit", "robocall", "telemarketing")
OUTCOME_LABELS = (
    "sale",
    "appointment_booked",
    "qualified_lead",
    "callback_requested",
    "not_interested",
    "support",
    "information",
    "voicemail",
    "no_conversation",
    "wrong_number",
)
RESOLUTION_LABELS = ("resolved", "unresolved", "follow_up", "not_applicable")
TASKS = ("spam", "outcome", "resolution", "escalated")

# Label sources (SPEC §3).
SOURCE_MODEL = "model"
SOURCE_RULE = "rule"
SOURCE_HUMAN = "human"


@dataclass(frozen=True)
class Segment:
    """One stretch of speech on the call timeline.

    ``index`` is the position on the merged timeline (0-based, ordered by start).
    ``suspect`` marks likely hallucinations: kept for display, left out of
    classification and metrics.
    """

    index: int
    speaker: str
    start_s: float
    end_s: float
    text: str
    confidence: float | None = None  # exp(avg_logprob), 0-1
    no_speech_prob: float | None = None
    channel: int | None = None  # 0 = left, 1 = right, None = mono
    suspect: bool = False
    suspect_reason: str | None = None

    @property
    def duration_s(self) -> float:
        return max(0.0, self.end_s - self.start_s)


@dataclass(frozen=True)
class AudioInfo:
    """What probing a recording found, before any decoding of the whole file."""

    path: str
    container: str
    codec: str
    channels: int
    sample_rate: int
    duration_s: float
    size_bytes: int
    dual_mono: bool = False  # two identical channels: treated as mono


@dataclass(frozen=True)
class Transcript:
    """All segments of one call, both channels merged on one timeline."""

    segments: tuple[Segment, ...]
    duration_s: float
    model: str
    channels: int = 1
    agent_channel: int | None = None  # which channel is the agent, None for mono
    role_confidence: float | None = None  # how sure the agent-channel decision is
    language: str = "en"

    @property
    def clean_segments(self) -> tuple[Segment, ...]:
        """Segments fit for classification and metrics (no suspect text)."""
        return tuple(s for s in self.segments if not s.suspect)

    def text(self, speaker: str | None = None) -> str:
        return " ".join(
            s.text.strip() for s in self.clean_segments if speaker is None or s.speaker == speaker
        )


@dataclass(frozen=True)
class ConversationFeatures:
    """Talk analytics from the segment timeline (SPEC §5 'talk analytics')."""

    duration_s: float
    agent_talk_s: float
    customer_talk_s: float
    unknown_talk_s: float
    agent_talk_ratio: float | None  # agent talk ÷ (agent + customer talk); None for mono
    non_talk_s: float  # sum of silences >= silence_min_s
    non_talk_share: float
    longest_silence_s: float
    silence_count: int
    interruptions: int  # customer/agent starts while the other is talking (stereo only)
    overlap_s: float
    agent_wpm: float | None
    customer_wpm: float | None
    longest_monologue_s: float
    longest_silence_start_s: float | None = None


@dataclass(frozen=True)
class Evidence:
    """A piece of a transcript that supports a label."""

    segment_index: int
    speaker: str
    start_s: float
    end_s: float
    text: str  # the matched span, not the whole segment
    cue: str  # name of the cue or feature that fired

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Label:
    """One task's answer for one call."""

    task: str  # one of TASKS
    value: str  # label name; "true"/"false" for escalated
    confidence: float
    source: str  # model | rule | human
    version: str  # model or rules version
    evidence: tuple[Evidence, ...] = ()  # model labels: strongest first; rule labels: timeline order


@dataclass(frozen=True)
class Classification:
    """The four SPEC §3 labels of one call."""

    spam: Label
    outcome: Label
    resolution: Label
    escalated: Label

    @property
    def is_spam(self) -> bool:
        return self.spam.value != "legit"

    def labels(self) -> tuple[Label, ...]:
        return (self.spam, self.outcome, self.resolution, self.escalated)

    def to_json(self, call_id: str) -> dict[str, Any]:
        """The SPEC §7 `classify` output line."""

        def part(label: Label) -> dict[str, Any]:
            return {
                "label": label.value,
                "confidence": round(label.confidence, 4),
                "source": label.source,
                "version": label.version,
                "evidence": [e.to_dict() for e in label.evidence],
            }

        spam = part(self.spam)
        spam = {"label": spam["label"], "is_spam": self.is_spam, **{k: v for k, v in spam.items() if k != "label"}}
        escalated = part(self.escalated)
        escalated = {"value": self.escalated.value == "true", **{k: v for k, v in escalated.items() if k != "label"}}
        return {
            "call_id": call_id,
            "spam": spam,
            "outcome": part(self.outcome),
            "resolution": part(self.resolution),
            "escalated": escalated,
        }


@dataclass(frozen=True)
class CallRecord:
    """One row of a phone system's call export, validated (SPEC §4)."""

    call_id: str
    recording: str | None = None
    started_at: str | None = None  # ISO 8601 in UTC, e.g. 2026-11-02T14:05:00+00:00
    direction: str = "inbound"
    caller: str | None = None  # E.164
    callee: str | None = None  # E.164
    status: str = "answered"
    agent: str | None = None
    queue: str | None = None
    source: str | None = None
    campaign: str | None = None
    tracking_number: str | None = None
    wait_s: float | None = None
    ring_s: float | None = None
    talk_s: float | None = None
    hold_s: float | None = None
    acw_s: float | None = None
    disposition: str | None = None
    revenue: float | None = None
    cost: float | None = None
    updated_at: str | None = None
    extra: dict[str, str] = field(default_factory=dict)  # unknown columns, kept


@dataclass(frozen=True)
class RowError:
    """A call-record row that was rejected, with its 1-based row number in the file."""

    row: int
    reason: str


@dataclass(frozen=True)
class MetricValue:
    """One metric for one group."""

    name: str
    value: float | None
    numerator: float | None
    denominator: float | None
    benchmark: str | None = None
    unit: str = "ratio"  # ratio | seconds | count | money

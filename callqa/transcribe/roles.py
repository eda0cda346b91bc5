"""Which channel of a stereo call is the agent: decided from evidence, with a confidence.

The evidence is what agents say and customers do not (the greeting, "how can I
help", "this call may be recorded", "is there anything else"), what customers say
(``I'm calling about``, ``I need``), and who speaks first given the call direction
(the party that answers speaks first: the agent on inbound calls, the customer on
outbound ones). The result is ``P(left channel is the agent)``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

ROLES_VERSION = "roles-1"

# Said when answering or opening a call; strong evidence (weight 3).
_OPENING = [
    r"\bthanks? (you )?for (calling|choosing|contacting)\b",
    r"\bhow (can|may|could|might) (i|we) (help|assist|direct)\b",
    r"\bwhat can i (do|help) (for|with) you\b",
    r"\byou('ve| have) reached\b",
    r"\bthis call (may|might|will|is|can) (be )?(being )?(recorded|monitored)\b",
    r"\b(recorded|monitored) for (quality|training)\b",
    r"\b(this is|my name is|i'm|i am) \w+( \w+)? (from|with|at|calling from|calling on behalf of)\b",
    # "<Company>, this is Emily": a name introduced after a company name, not after "hi".
    r"^(?!(hi|hello|hey|yes|yeah|oh|um|uh)\b)([\w']+,? ){1,5}(this is|my name is) \w+",
    r"^[\w' ,.-]{0,40}\b\w+ speaking\b",
    r"\b(good )?(morning|afternoon|evening),? (and )?(thank|welcome)\b",
]
# Said by agents during a call (weight 1 each, counted once per channel).
_AGENT = [
    r"\b(is there )?anything else (i|we) can\b",
    r"\blet me (check|look|see|pull|get|transfer|put|confirm|verify|find)\b",
    r"\b(can|could|may) i (have|get|take|confirm|verify) (your|the) (full )?(name|account|number|phone|address|email|date|order|zip|card)\b",
    r"\b(one|just a) (moment|second|minute)\b",
    r"\bplease hold\b",
    r"\bthanks? (you )?for (your patience|holding|waiting)\b",
    r"\bhave a (great|good|nice|wonderful|lovely) (day|evening|afternoon|weekend|night)\b",
    r"\bi('ll| will) (transfer|connect|put you|escalate|send|schedule|book|set|go ahead|note|open|create)\b",
    r"\byou('re| are) all set\b",
    r"\b(calling|reaching out) (from|on behalf of)\b",
    r"\bour (technician|team|office|special|price|prices|hours|policy|records|system)\b",
    r"\bi (can|could) (help|offer|schedule|book|transfer|set)\b",
]
# Said by customers (weight 1 each, counted once per channel).
_CUSTOMER = [
    r"\bi('m| am) calling (about|because|to|regarding|for)\b",
    r"\bi (need|want|would like|'d like)\b",
    r"\bi was (wondering|hoping|calling)\b",
    r"\bi have (a|an) (question|problem|issue|appointment|order|account)\b",
    r"\bcan you (help|tell|send|check|fix|come)\b",
    r"\bhow much (is|does|will|would|do)\b",
    r"\bdo you (have|guys|offer|do|sell|carry)\b",
    r"\bi (got|received) (a|an|your) (call|bill|letter|message|email|text)\b",
    r"\bwho is this\b",
    r"\bmy (\w+ )?(is|isn't|was|has|won't|doesn't|keeps|stopped)\b",
]
_COMPILED = {name: [re.compile(p) for p in pats] for name, pats in (("opening", _OPENING), ("agent", _AGENT), ("customer", _CUSTOMER))}
_WEIGHT = {"opening": 3.0, "agent": 1.0, "customer": 1.0}
_SLOPE = 0.8  # logistic slope: one opening phrase (3 points) gives P = 0.92


def _normalize(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9' ,.?-]", " ", text.lower().replace("’", "'")).split())


def channel_scores(
    segments: Iterable[tuple[int, float, str]],
    *,
    direction: str | None = None,
    opening_segments: int = 3,
) -> tuple[dict[int, float], list[str]]:
    """Agent-likeness score per channel (0 and 1) and the cues that fired.

    Args:
      segments: ``(channel, start_s, text)`` of clean (non-suspect) segments.
      direction: ``inbound``, ``outbound`` or None (from the call record).
      opening_segments: how many first segments of a channel count as its opening.
    """
    by_channel: dict[int, list[tuple[float, str]]] = {0: [], 1: []}
    for channel, start_s, text in segments:
        if channel in by_channel and text.strip():
            by_channel[channel].append((start_s, _normalize(text)))
    scores = {0: 0.0, 1: 0.0}
    cues: list[str] = []
    for channel, items in by_channel.items():
        items.sort()
        side = "left" if channel == 0 else "right"
        opening = " | ".join(t for _, t in items[:opening_segments])
        whole = " | ".join(t for _, t in items)
        for kind, patterns in _COMPILED.items():
            haystack = opening if kind == "opening" else whole
            for pattern in patterns:
                m = pattern.search(haystack)
                if m:
                    sign = -1.0 if kind == "customer" else 1.0
                    scores[channel] += sign * _WEIGHT[kind]
                    cues.append(f"{side}:{kind}:{m.group(0)}")
    firsts = [(items[0][0], ch) for ch, items in by_channel.items() if items]
    if len(firsts) == 2 and direction in ("inbound", "outbound") and abs(firsts[0][0] - firsts[1][0]) > 0.3:
        first = min(firsts)[1]
        # The answering party speaks first: the agent on inbound calls, the customer on outbound.
        answering_is_agent = direction == "inbound"
        scores[first] += 1.0 if answering_is_agent else -1.0
        cues.append(f"{'left' if first == 0 else 'right'}:first_speaker:{direction}")
    return scores, cues


def decide_agent_channel(
    segments: Iterable[tuple[int, float, str]],
    *,
    mode: str = "left",
    direction: str | None = None,
    min_confidence: float = 0.7,
) -> tuple[int, float, list[str]]:
    """Pick the agent channel and say how sure that pick is.

    ``mode`` ``left``/``right`` fixes the channel; the confidence then says how well the
    evidence agrees (low means the channels are probably swapped). ``auto`` follows
    the evidence, but keeps the left channel when it is less than ``min_confidence`` sure.

    Returns:
      ``(agent_channel, role_confidence, cues)``; role_confidence is the probability that
      ``agent_channel`` is really the agent, 0.5 when there is no evidence either way.
    """
    if mode not in ("left", "right", "auto"):
        raise ValueError(f"agent_channel must be left, right or auto, not {mode!r}")
    scores, cues = channel_scores(segments, direction=direction)
    p_left = 1.0 / (1.0 + math.exp(-_SLOPE * (scores[0] - scores[1])))
    if mode == "left":
        channel = 0
    elif mode == "right":
        channel = 1
    else:
        channel = 0 if p_left >= 0.5 else 1
        if max(p_left, 1 - p_left) < min_confidence:
            channel = 0
    confidence = p_left if channel == 0 else 1.0 - p_left
    return channel, round(confidence, 4), cues

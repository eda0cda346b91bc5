"""Talk analytics from a call's segment timeline (SPEC §5 'talk analytics', issue 3).

Only clean segments count (suspect text is left out). Talk time is the union of
a speaker's segments, so overlapping segments are not counted twice. Silences are
the stretches where nobody speaks, including before the first and after the last
word (dead air at either end is still dead air).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from callqa.schema import AGENT, CUSTOMER, UNKNOWN, ConversationFeatures, Segment, Transcript

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")

Interval = tuple[float, float]


def union(intervals: Iterable[Interval]) -> list[Interval]:
    """Merge overlapping or touching intervals; drop empty ones."""
    merged: list[list[float]] = []
    for start, end in sorted((s, e) for s, e in intervals if e > s):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _length(intervals: Iterable[Interval]) -> float:
    return sum(e - s for s, e in intervals)


def _intersection(a: list[Interval], b: list[Interval]) -> list[Interval]:
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if end > start:
            out.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def silence_spans(transcript: Transcript, *, silence_min_s: float = 2.0) -> list[Interval]:
    """Stretches of at least ``silence_min_s`` where nobody speaks (dead air, hold)."""
    speech = union((s.start_s, s.end_s) for s in transcript.clean_segments)
    spans, cursor = [], 0.0
    for start, end in speech:
        if start - cursor >= silence_min_s:
            spans.append((cursor, start))
        cursor = max(cursor, end)
    end_of_call = max(transcript.duration_s, cursor)
    if end_of_call - cursor >= silence_min_s:
        spans.append((cursor, end_of_call))
    return spans


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _monologues(segments: list[Segment], gap_s: float) -> float:
    """Longest stretch one speaker holds the floor: their consecutive segments with pauses under ``gap_s``."""
    longest = 0.0
    run_speaker, run_start, run_end = None, 0.0, 0.0
    for seg in sorted(segments, key=lambda s: (s.start_s, s.end_s)):
        if seg.speaker == run_speaker and seg.start_s - run_end < gap_s:
            run_end = max(run_end, seg.end_s)
        else:
            run_speaker, run_start, run_end = seg.speaker, seg.start_s, seg.end_s
        longest = max(longest, run_end - run_start)
    return longest


def _interruptions(agent: list[Segment], customer: list[Segment], min_overlap_s: float) -> int:
    """Times one side starts talking while the other is mid-segment, for at least ``min_overlap_s``."""
    count = 0
    for mine, theirs in ((agent, customer), (customer, agent)):
        for seg in mine:
            for other in theirs:
                if other.start_s < seg.start_s < other.end_s and min(seg.end_s, other.end_s) - seg.start_s >= min_overlap_s:
                    count += 1
                    break
    return count


def conversation_features(
    transcript: Transcript, *, silence_min_s: float = 2.0, interruption_min_overlap_s: float = 0.5
) -> ConversationFeatures:
    """Compute talk analytics for one call.

    Args:
      transcript: the merged timeline; suspect segments are ignored.
      silence_min_s: gaps at least this long count as non-talk time (SPEC default 2 s).
      interruption_min_overlap_s: a start inside the other side's segment counts as an
        interruption when the two overlap at least this long (shorter is a backchannel).
    """
    segments = list(transcript.clean_segments)
    by_speaker = {sp: [s for s in segments if s.speaker == sp] for sp in (AGENT, CUSTOMER, UNKNOWN)}
    talk = {sp: union((s.start_s, s.end_s) for s in segs) for sp, segs in by_speaker.items()}
    talk_s = {sp: _length(iv) for sp, iv in talk.items()}

    duration = max(transcript.duration_s, max((s.end_s for s in segments), default=0.0))
    spans = silence_spans(transcript, silence_min_s=silence_min_s)
    non_talk = _length(spans)
    longest = max(spans, key=lambda iv: iv[1] - iv[0], default=None)

    two_sided = talk_s[AGENT] + talk_s[CUSTOMER] > 0
    ratio = talk_s[AGENT] / (talk_s[AGENT] + talk_s[CUSTOMER]) if two_sided else None

    def wpm(speaker: str) -> float | None:
        if talk_s[speaker] <= 0:
            return None
        words = sum(word_count(s.text) for s in by_speaker[speaker])
        return round(words / (talk_s[speaker] / 60.0), 1)

    return ConversationFeatures(
        duration_s=round(duration, 3),
        agent_talk_s=round(talk_s[AGENT], 3),
        customer_talk_s=round(talk_s[CUSTOMER], 3),
        unknown_talk_s=round(talk_s[UNKNOWN], 3),
        agent_talk_ratio=None if ratio is None else round(ratio, 4),
        non_talk_s=round(non_talk, 3),
        non_talk_share=round(non_talk / duration, 4) if duration > 0 else 0.0,
        longest_silence_s=round(longest[1] - longest[0], 3) if longest else 0.0,
        silence_count=len(spans),
        interruptions=_interruptions(by_speaker[AGENT], by_speaker[CUSTOMER], interruption_min_overlap_s),
        overlap_s=round(_length(_intersection(talk[AGENT], talk[CUSTOMER])), 3),
        agent_wpm=wpm(AGENT),
        customer_wpm=wpm(CUSTOMER),
        longest_monologue_s=round(_monologues(segments, silence_min_s), 3),
        longest_silence_start_s=round(longest[0], 3) if longest else None,
    )

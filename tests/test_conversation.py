"""Talk analytics on hand-built timelines, where every figure can be worked out by hand."""

from __future__ import annotations

import pytest

from callqa.schema import Segment, Transcript
from callqa.scoring.conversation import conversation_features, silence_spans, union


def transcript(rows, *, duration_s: float, channels: int = 2) -> Transcript:
    segments = []
    for i, row in enumerate(sorted(rows, key=lambda r: r[1])):
        speaker, start, end, text, *rest = row
        suspect = bool(rest and rest[0])
        segments.append(
            Segment(index=i, speaker=speaker, start_s=start, end_s=end, text=text, suspect=suspect,
                    suspect_reason="non_speech_phrase" if suspect else None,
                    channel=None if speaker == "unknown" else (0 if speaker == "agent" else 1))
        )
    return Transcript(segments=tuple(segments), duration_s=duration_s, model="test", channels=channels)


def test_union_merges_overlaps_and_drops_empty() -> None:
    assert union([(5, 6), (0, 2), (1, 3), (7, 7)]) == [(0, 3), (5, 6)]


def test_talk_time_ratio_and_words_per_minute() -> None:
    t = transcript(
        [
            ("agent", 0.0, 6.0, "one two three four five six seven eight nine ten"),  # 10 words in 6 s
            ("customer", 7.0, 10.0, "yes I'm here it's me"),  # 5 words in 3 s
            ("agent", 11.0, 17.0, "one two three four five six seven eight nine ten"),
        ],
        duration_s=18.0,
    )
    f = conversation_features(t)
    assert f.agent_talk_s == 12.0 and f.customer_talk_s == 3.0 and f.unknown_talk_s == 0.0
    assert f.agent_talk_ratio == pytest.approx(0.8)
    assert f.agent_wpm == pytest.approx(100.0)  # 20 words / 0.2 min
    assert f.customer_wpm == pytest.approx(100.0)  # 5 words / 0.05 min
    assert f.non_talk_s == 0.0 and f.silence_count == 0  # every gap is 1 s, under the 2 s threshold
    assert f.longest_silence_start_s is None


def test_silences_include_the_ends_and_respect_the_threshold() -> None:
    t = transcript(
        [
            ("agent", 3.0, 5.0, "hello"),
            ("customer", 6.5, 8.0, "hi"),  # gap 1.5 s: not a silence
            ("agent", 40.0, 42.0, "thanks for holding"),  # gap 32 s: hold
        ],
        duration_s=45.0,
    )
    f = conversation_features(t)
    assert silence_spans(t) == [(0.0, 3.0), (8.0, 40.0), (42.0, 45.0)]
    assert f.silence_count == 3
    assert f.non_talk_s == pytest.approx(3.0 + 32.0 + 3.0)
    assert f.non_talk_share == pytest.approx(38.0 / 45.0, abs=1e-4)
    assert f.longest_silence_s == pytest.approx(32.0) and f.longest_silence_start_s == pytest.approx(8.0)
    higher = conversation_features(t, silence_min_s=5.0)
    assert higher.silence_count == 1 and higher.non_talk_s == pytest.approx(32.0)


def test_overlap_and_interruptions_ignore_short_backchannels() -> None:
    t = transcript(
        [
            ("agent", 0.0, 10.0, "let me explain the whole plan to you in detail"),
            ("customer", 4.0, 4.3, "mhm"),  # backchannel: 0.3 s overlap, not an interruption
            ("customer", 8.0, 14.0, "wait that is not what I asked for"),  # barges in: 2 s overlap
            ("agent", 13.0, 16.0, "sorry go ahead"),  # agent cuts back in: 1 s overlap
        ],
        duration_s=16.0,
    )
    f = conversation_features(t)
    assert f.interruptions == 2
    assert f.overlap_s == pytest.approx(0.3 + 2.0 + 1.0)


def test_longest_monologue_joins_short_pauses_of_one_speaker() -> None:
    t = transcript(
        [
            ("agent", 0.0, 10.0, "a"),
            ("agent", 11.0, 25.0, "b"),  # 1 s pause: same monologue, 0 -> 25
            ("customer", 26.0, 28.0, "c"),
            ("agent", 29.0, 35.0, "d"),
            ("agent", 40.0, 45.0, "e"),  # 5 s pause: a new stretch
        ],
        duration_s=45.0,
    )
    assert conversation_features(t).longest_monologue_s == pytest.approx(25.0)


def test_suspect_segments_are_left_out() -> None:
    t = transcript(
        [
            ("agent", 0.0, 2.0, "hello"),
            ("agent", 10.0, 40.0, "thank you for watching", True),  # hallucinated over hold music
            ("customer", 41.0, 43.0, "hi"),
        ],
        duration_s=44.0,
    )
    f = conversation_features(t)
    assert f.agent_talk_s == 2.0
    assert f.longest_silence_s == pytest.approx(39.0) and f.longest_silence_start_s == pytest.approx(2.0)


def test_mono_call_has_no_ratio_and_dead_air_is_one_silence() -> None:
    mono = transcript([("unknown", 1.0, 9.0, "press one to speak to an agent")], duration_s=10.0, channels=1)
    f = conversation_features(mono)
    assert f.agent_talk_ratio is None and f.agent_wpm is None and f.customer_wpm is None
    assert f.unknown_talk_s == 8.0 and f.interruptions == 0 and f.overlap_s == 0.0

    dead = conversation_features(transcript([], duration_s=20.0))
    assert dead.non_talk_s == 20.0 and dead.non_talk_share == 1.0
    assert dead.longest_silence_s == 20.0 and dead.longest_silence_start_s == 0.0
    assert dead.agent_talk_ratio is None and dead.longest_monologue_s == 0.0

"""Hallucination guards and agent-channel decisions, on text alone (no audio, no model)."""

from __future__ import annotations

import pytest

from callqa.transcribe.guards import compression_ratio, is_loop, looped_segments, repeated_ngram, segment_suspect, words
from callqa.transcribe.roles import decide_agent_channel
from callqa.transcribe.whisper import _RawSegment, build_transcript


def suspect(text: str, **kw) -> str | None:
    return segment_suspect(text, no_speech_prob=kw.get("no_speech_prob", 0.05), avg_logprob=kw.get("avg_logprob", -0.3))


@pytest.mark.parametrize(
    "text,reason",
    [
        ("Thank you for watching!", "non_speech_phrase"),
        ("Subtitles by the Amara.org community", "non_speech_phrase"),
        ("[Music]", "non_speech_annotation"),
        ("(upbeat music)", "non_speech_annotation"),
        ("♪ ♪", "non_speech_annotation"),
        ("...", "non_speech_annotation"),
        ("okay okay okay okay okay", "repeated_ngram"),
        ("I'm sorry, I'm sorry, I'm sorry, I'm sorry, I'm sorry, I'm sorry", "compression_ratio"),
    ],
)
def test_suspect_text(text: str, reason: str) -> None:
    assert (suspect(text) or "").startswith(reason)


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for calling Blue River Internet, how can I help?",
        "Thank you so much, have a great day.",
        "No, no, that's fine.",
        "My account number is 4 4 7 1.",
        "Visit www.acme.com for the form.",
        "Yes, it's four one five, five five five five, zero one seven eight.",  # digits do repeat
        "My card number is 4444 4444 4444 1234.",
    ],
)
def test_real_speech_is_not_suspect(text: str) -> None:
    assert suspect(text) is None


def test_no_speech_needs_both_high_no_speech_and_low_logprob() -> None:
    assert suspect("you", no_speech_prob=0.9, avg_logprob=-1.5) == "no_speech"
    assert suspect("you", no_speech_prob=0.9, avg_logprob=-0.2) is None  # confident words over noise
    assert suspect("you", no_speech_prob=0.2, avg_logprob=-1.5) is None  # unsure but speech-like


def test_ngram_and_compression_helpers() -> None:
    assert repeated_ngram(words("press one press one press one press one now"), 4) == "press one"
    assert repeated_ngram(words("press one for sales press two for support"), 4) is None
    assert compression_ratio("a" * 200) > 2.4 > compression_ratio("The quick brown fox jumps over the lazy dog.")


def test_window_loops_are_told_from_a_repeated_sentence() -> None:
    assert is_loop("I have a few questions. " + "The address is 12.03. " * 20)  # Whisper stuck
    assert is_loop("so " + "the address is twelve oak street " * 4)  # a five-word phrase, four times
    repeated = ("Can you tell me the address where the service is needed? " * 2
                + "I reset your line from our side. The connection should be stable now.")
    assert not is_loop(repeated)  # an agent saying the same sentence twice
    assert not is_loop("My number is 555 5555, that's five five five, five five five five.")


def test_looped_segments_keep_the_first_and_spare_short_answers() -> None:
    texts = ["Please hold the line.", "Please hold the line.", "Please hold the line.", "Hello?", "Yes.", "Yes.", "Yes."]
    assert looped_segments(texts) == [False, True, True, False, False, False, False]
    assert looped_segments(["Please hold the line."] * 2) == [False, False]  # said twice is plausible


GREETING = "Thank you for calling Blue River Internet, this is Emily. How can I help you today?"
CUSTOMER = "Hi, I'm calling about my bill, I was charged twice this month."


def test_auto_follows_the_greeting_on_either_side() -> None:
    normal = [(0, 0.5, GREETING), (1, 6.0, CUSTOMER), (0, 12.0, "Let me check your account.")]
    swapped = [(1 - ch, start, text) for ch, start, text in normal]
    channel, confidence, cues = decide_agent_channel(normal, mode="auto")
    assert channel == 0 and confidence > 0.9 and any("opening" in c for c in cues)
    channel, confidence, _ = decide_agent_channel(swapped, mode="auto")
    assert channel == 1 and confidence > 0.9


def test_fixed_channel_reports_a_likely_swap() -> None:
    swapped = [(1, 0.5, GREETING), (0, 6.0, CUSTOMER)]
    channel, confidence, _ = decide_agent_channel(swapped, mode="left")
    assert channel == 0 and confidence < 0.1  # kept as asked, flagged as probably swapped


def test_no_evidence_keeps_left_with_low_confidence() -> None:
    vague = [(0, 0.5, "Hello?"), (1, 2.0, "Hello, yes.")]
    channel, confidence, _ = decide_agent_channel(vague, mode="auto")
    assert channel == 0 and confidence == pytest.approx(0.5)
    # Direction alone is weak evidence: on an outbound call the first voice is the customer.
    channel, confidence, _ = decide_agent_channel(vague, mode="auto", direction="outbound")
    assert channel == 0 and confidence < 0.7  # too weak to switch: keep left, flag it
    assert decide_agent_channel(vague, mode="left", direction="outbound")[1] < 0.5


def test_company_then_name_is_an_agent_opening_but_hi_this_is_is_not() -> None:
    agent_first = [(0, 0.5, "Blue River Internet billing, this is Marcus speaking."), (1, 4.0, "Hello.")]
    channel, confidence, cues = decide_agent_channel(agent_first, mode="auto")
    assert channel == 0 and confidence > 0.9 and any("this is marcus" in c for c in cues)
    customer_intro = [(0, 0.5, "Hi, this is John Miller."), (1, 4.0, "Hello.")]
    assert decide_agent_channel(customer_intro, mode="auto")[1] == pytest.approx(0.5)


def test_outbound_agent_introduction_wins() -> None:
    outbound = [(1, 0.4, "Hello?"), (0, 1.5, "Hi, this is Mark from Sunny Solar, do you have a minute?"),
                (1, 5.0, "Who is this?")]
    channel, confidence, _ = decide_agent_channel(outbound, mode="auto", direction="outbound")
    assert channel == 0 and confidence > 0.9


def raw(channel: int, start: float, text: str, **kw) -> _RawSegment:
    return _RawSegment(channel, start, start + 2.0, text, kw.get("logprob", -0.2), kw.get("no_speech", 0.05))


def test_build_transcript_merges_channels_and_marks_suspects() -> None:
    segments = [
        raw(1, 4.0, CUSTOMER),
        raw(0, 0.5, GREETING),
        raw(0, 30.0, "Thank you for watching."),
        raw(0, 9.0, "Let me check your account."),
    ]
    t = build_transcript(segments, duration_s=40.0, stereo=True, model="m", agent_channel="auto")
    assert [s.index for s in t.segments] == [0, 1, 2, 3]
    assert [s.start_s for s in t.segments] == [0.5, 4.0, 9.0, 30.0]
    assert [s.speaker for s in t.segments] == ["agent", "customer", "agent", "agent"]
    assert [s.channel for s in t.segments] == [0, 1, 0, 0]
    assert t.segments[3].suspect and t.segments[3].suspect_reason.startswith("non_speech_phrase")
    assert "watching" not in t.text()
    assert t.agent_channel == 0 and t.role_confidence > 0.9 and t.channels == 2
    assert t.segments[0].confidence == pytest.approx(0.8187, abs=1e-4)  # exp(-0.2)


def test_build_transcript_mono_is_unknown_speaker() -> None:
    t = build_transcript([raw(0, 1.0, "Press 1 to speak to an agent.")], duration_s=5.0, stereo=False, model="m")
    assert t.segments[0].speaker == "unknown" and t.segments[0].channel is None
    assert t.channels == 1 and t.agent_channel is None and t.role_confidence is None

"""Hallucination guards: mark segments whose text is likely not what was said.

Whisper invents text on silence, tones and hold music ("thank you for watching",
a phrase looped ten times). Suspect segments are kept with a reason, for display,
and left out of classification and metrics (``Transcript.clean_segments``).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

GUARDS_VERSION = "guards-1"

# Phrases Whisper produces on non-speech (subtitle credits of its training data).
NON_SPEECH_PHRASES = (
    "thank you for watching",
    "thanks for watching",
    "thank you so much for watching",
    "please subscribe",
    "like and subscribe",
    "subscribe to my channel",
    "subscribe to the channel",
    "don't forget to subscribe",
    "see you in the next video",
    "in the next video",
    "subtitles by",
    "subtitled by",
    "captions by",
    "captioning by",
    "transcribed by",
    "translated by",
    "transcription by",
    "amara.org",
)
# Whole-segment annotations instead of words: "[Music]", "(upbeat music)", "♪ ♪".
_ANNOTATION = re.compile(r"^[\s\W]*([\[(*][^\])*]*[\])*][\s\W]*)+$|^[\s♪♫#*.\-]*$")
_WORD = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True)
class GuardOptions:
    """Thresholds of the guards (defaults follow OpenAI Whisper's own fallbacks).

    Attributes:
      no_speech_prob: suspect when no_speech_prob is above this and ...
      logprob: ... the mean token log-probability is below this.
      compression_ratio: suspect when the gzip compression ratio of the text is above this.
      repeat_ngram_times: an n-gram (n = 1..4) repeated this many times in a row is a loop.
      repeat_segments: the same text this many segments in a row on one channel is a loop.
    """

    no_speech_prob: float = 0.6
    logprob: float = -1.0
    compression_ratio: float = 2.4
    repeat_ngram_times: int = 4
    repeat_segments: int = 3


def compression_ratio(text: str) -> float:
    data = text.encode("utf-8")
    return len(data) / len(zlib.compress(data)) if data else 0.0


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


_NUMBER_WORDS = frozenset("zero oh one two three four five six seven eight nine ten hundred thousand".split())


def repeated_ngram(tokens: list[str], times: int) -> str | None:
    """The first n-gram (n = 1..4) repeated ``times`` times in a row, or None.

    A single word needs one more repeat, and digits never count: phone numbers
    ("five five five five") and card numbers repeat digits for real.
    """
    for n in range(1, 5):
        needed = times + 1 if n == 1 else times
        for i in range(0, len(tokens) - n * needed + 1):
            gram = tokens[i : i + n]
            if all(t.isdigit() or t in _NUMBER_WORDS for t in gram):
                continue
            if all(tokens[i + k * n : i + (k + 1) * n] == gram for k in range(1, needed)):
                return " ".join(gram)
    return None


def is_loop(text: str, *, max_compression_ratio: float = 3.0, times: int = 4) -> bool:
    """Whisper stuck repeating itself over a whole window.

    Stricter than the per-segment guard: a 30-second window where someone repeats a
    sentence twice compresses to about 2.6 and is fine; a loop compresses to 8 or more.
    """
    lowered = " ".join(text.lower().split())
    if compression_ratio(lowered) > max_compression_ratio:
        return True
    tokens = words(lowered)
    for n in range(5, 9):  # longer phrases than repeated_ngram looks at
        for i in range(0, len(tokens) - n * times + 1):
            gram = tokens[i : i + n]
            if all(tokens[i + k * n : i + (k + 1) * n] == gram for k in range(1, times)):
                return True
    return repeated_ngram(tokens, times) is not None


def segment_suspect(
    text: str,
    *,
    no_speech_prob: float | None,
    avg_logprob: float | None,
    options: GuardOptions = GuardOptions(),
) -> str | None:
    """Why one segment's text is suspect, or None when it looks like speech."""
    lowered = " ".join(text.lower().split())
    if not words(lowered) or _ANNOTATION.match(lowered):
        return "non_speech_annotation"
    if (
        no_speech_prob is not None
        and avg_logprob is not None
        and no_speech_prob > options.no_speech_prob
        and avg_logprob < options.logprob
    ):
        return "no_speech"
    for phrase in NON_SPEECH_PHRASES:
        if phrase in lowered:
            return f"non_speech_phrase: {phrase}"
    if compression_ratio(lowered) > options.compression_ratio:
        return "compression_ratio"
    gram = repeated_ngram(words(lowered), options.repeat_ngram_times)
    if gram is not None:
        return f"repeated_ngram: {gram}"
    return None


def looped_segments(texts: list[str], *, times: int = 3) -> list[bool]:
    """Mark segments that repeat the same text ``times`` or more times in a row on one channel.

    Short answers ("yes", "okay") are left alone: people do say them twice.
    The first of a run is kept; the repeats are marked.
    """
    keys = [" ".join(words(t)) for t in texts]
    marks = [False] * len(texts)
    i = 0
    while i < len(keys):
        j = i
        while j + 1 < len(keys) and keys[j + 1] == keys[i]:
            j += 1
        if keys[i] and len(keys[i].split()) >= 3 and j - i + 1 >= times:
            for k in range(i + 1, j + 1):
                marks[k] = True
        i = j + 1
    return marks

"""Transcripts made elsewhere: the SPEC §7 `classify --transcripts` JSON-lines input."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from callqa.errors import InputFileError
from callqa.schema import SPEAKERS, UNKNOWN, RowError, Segment, Transcript

EXTERNAL_MODEL = "external"


class TranscriptFormatError(ValueError):
    """One JSON object is not a SPEC §7 transcript; the message is one line for the user."""


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise TranscriptFormatError(f"{what} must be a number of seconds, got {value!r}")
    return float(value)


def transcript_from_json(obj: dict) -> Transcript:
    """Build a Transcript from a SPEC §7 object (``segments`` list or plain ``text``).

    Plain text becomes one segment by an ``unknown`` speaker with no timing (0-0 s).
    Segments are put in time order and numbered on that timeline.

    Raises:
        TranscriptFormatError: a field is missing or has the wrong type.
    """
    if not isinstance(obj, dict):
        raise TranscriptFormatError("each line must be a JSON object")
    if "segments" in obj and obj["segments"] is not None:
        raw = obj["segments"]
        if not isinstance(raw, list):
            raise TranscriptFormatError("'segments' must be a list of {speaker, start, end, text} objects")
        parsed = []
        for i, seg in enumerate(raw):
            if not isinstance(seg, dict):
                raise TranscriptFormatError(f"segment {i} must be an object with speaker, start, end, text")
            text = seg.get("text")
            if not isinstance(text, str):
                raise TranscriptFormatError(f"segment {i} has no 'text' string")
            speaker = seg.get("speaker", UNKNOWN)
            speaker = UNKNOWN if speaker is None else str(speaker).strip().lower()
            if speaker not in SPEAKERS:
                raise TranscriptFormatError(
                    f"segment {i} speaker {seg.get('speaker')!r} must be one of agent, customer, unknown"
                )
            if "start" not in seg or "end" not in seg:
                raise TranscriptFormatError(f"segment {i} needs 'start' and 'end' in seconds")
            start = _number(seg["start"], f"segment {i} 'start'")
            end = _number(seg["end"], f"segment {i} 'end'")
            if start < 0 or end < start:
                raise TranscriptFormatError(f"segment {i} has start {start} and end {end}; need 0 <= start <= end")
            parsed.append((start, end, i, speaker, text))
        parsed.sort()
        segments = tuple(
            Segment(index=n, speaker=speaker, start_s=start, end_s=end, text=text)
            for n, (start, end, _, speaker, text) in enumerate(parsed)
        )
    elif "text" in obj:
        text = obj["text"]
        if not isinstance(text, str):
            raise TranscriptFormatError("'text' must be a string")
        segments = (Segment(index=0, speaker=UNKNOWN, start_s=0.0, end_s=0.0, text=text),) if text.strip() else ()
    else:
        raise TranscriptFormatError("needs 'segments' (a list) or 'text' (a string)")
    speakers = {s.speaker for s in segments}
    duration = max((s.end_s for s in segments), default=0.0)
    return Transcript(
        segments=segments,
        duration_s=duration,
        model=str(obj.get("model") or EXTERNAL_MODEL),
        channels=2 if speakers & {"agent", "customer"} else 1,
        language=str(obj.get("language") or "en"),
    )


def read_transcripts_jsonl(path: str | Path) -> Iterator[tuple[int, str, Transcript] | RowError]:
    """Yield ``(line_no, call_id, transcript)`` per line, or a RowError for a bad line.

    Blank lines are skipped; line numbers are 1-based as an editor shows them.

    Raises:
        InputFileError: the file is missing or unreadable as a whole.
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"transcripts file {path} not found; fix: pass a JSON-lines file to --transcripts")
    try:
        handle = path.open(encoding="utf-8")
    except OSError as e:
        raise InputFileError(f"cannot read {path}: {e.strerror}; fix: check the path and its permissions") from e
    with handle:
        line_no = 0
        while True:
            try:
                line = handle.readline()
            except UnicodeDecodeError:
                raise InputFileError(f"{path} line {line_no + 1} is not UTF-8 text; fix: save the file as UTF-8") from None
            if not line:
                return
            line_no += 1
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                yield RowError(line_no, f"not valid JSON ({e.msg} at column {e.colno})")
                continue
            call_id = obj.get("call_id") if isinstance(obj, dict) else None
            if isinstance(call_id, (int, float)) and not isinstance(call_id, bool):
                call_id = str(call_id)
            if not isinstance(call_id, str) or not call_id.strip():
                yield RowError(line_no, "missing 'call_id' (a non-empty string)")
                continue
            try:
                transcript = transcript_from_json(obj)
            except TranscriptFormatError as e:
                yield RowError(line_no, f"call {call_id}: {e}")
                continue
            yield line_no, call_id, transcript

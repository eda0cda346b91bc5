"""SPEC §7 transcript input: segments or plain text per line; bad lines become RowErrors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from callqa.classify.io import TranscriptFormatError, read_transcripts_jsonl, transcript_from_json
from callqa.errors import InputFileError
from callqa.schema import RowError


def test_segments_are_ordered_and_indexed() -> None:
    t = transcript_from_json({"call_id": "a", "segments": [
        {"speaker": "Customer", "start": 3.0, "end": 4.0, "text": "second"},
        {"speaker": "agent", "start": 0.5, "end": 2.0, "text": "first"},
    ]})
    assert [(s.index, s.speaker, s.text) for s in t.segments] == [(0, "agent", "first"), (1, "customer", "second")]
    assert t.duration_s == 4.0 and t.channels == 2


def test_plain_text_is_one_unknown_segment() -> None:
    t = transcript_from_json({"call_id": "a", "text": "press one now"})
    assert [(s.speaker, s.start_s, s.end_s, s.text) for s in t.segments] == [("unknown", 0.0, 0.0, "press one now")]
    assert transcript_from_json({"text": "  "}).segments == ()


@pytest.mark.parametrize("obj, fragment", [
    ({"segments": "nope"}, "must be a list"),
    ({"segments": [{"speaker": "bob", "start": 0, "end": 1, "text": "x"}]}, "speaker 'bob'"),
    ({"segments": [{"speaker": "agent", "start": 2, "end": 1, "text": "x"}]}, "start 2.0 and end 1.0"),
    ({"segments": [{"speaker": "agent", "text": "x"}]}, "needs 'start' and 'end'"),
    ({"segments": [{"speaker": "agent", "start": "0", "end": 1, "text": "x"}]}, "must be a number"),
    ({"call_id": "x"}, "needs 'segments'"),
])
def test_bad_objects_say_why(obj: dict, fragment: str) -> None:
    with pytest.raises(TranscriptFormatError, match=fragment):
        transcript_from_json(obj)


def test_reader_reports_bad_lines_by_number_and_keeps_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join([
        json.dumps({"call_id": "ok1", "text": "hello"}),
        "",
        "{broken",
        json.dumps({"text": "no id"}),
        json.dumps({"call_id": 42, "segments": [{"speaker": "agent", "start": 0, "end": 1, "text": "hi"}]}),
    ]) + "\n")
    out = list(read_transcripts_jsonl(path))
    assert [o[:2] if not isinstance(o, RowError) else o.row for o in out] == [(1, "ok1"), 3, 4, (5, "42")]
    assert "not valid JSON" in out[1].reason and "call_id" in out[2].reason


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="not found"):
        list(read_transcripts_jsonl(tmp_path / "missing.jsonl"))

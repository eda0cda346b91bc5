"""The main job with the fake transcriber: caching, failures, resume. Real Whisper is in test_end_to_end.py."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import wave
from pathlib import Path

import numpy as np
import pytest

from callqa.config import Settings
from callqa.pipeline import RunOptions, find_recordings, run
from callqa.store import Store

SCRIPTS = {
    "escalation": [
        ("agent", "Thank you for calling Acme support, this is Dana, how can I help?"),
        ("customer", "My internet has been down for three days and nobody fixed it. I want a manager."),
        ("agent", "I understand. Let me transfer you to my supervisor now, please hold."),
    ],
    "robocall": [
        ("unknown", "This is an automated message about your vehicle's extended warranty. Press 1 to speak to a specialist. Press 9 to be removed from our list."),
    ],
    "resolved": [
        ("agent", "Thanks for calling Acme, this is Sam, how can I help you today?"),
        ("customer", "I can't log into my account, it says my password is wrong."),
        ("agent", "I've sent you a reset link. Can you try it now?"),
        ("customer", "Okay, I reset it and I'm logged in. It works now, thank you so much."),
        ("agent", "Great, is there anything else I can help with? Have a good day."),
    ],
}


def write_wav(path: Path, seconds: float, *, channels: int = 2, rate: int = 8000) -> None:
    """A quiet noise WAV: valid audio whose 'transcript' comes from the sidecar."""
    rng = np.random.default_rng(sum(path.name.encode()) + int(seconds * 10))  # distinct content per file
    data = (rng.normal(0, 50, size=(int(seconds * rate), channels))).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(data.tobytes())


def write_sidecar(audio: Path, turns: list[tuple[str, str]]) -> None:
    t, segments = 0.0, []
    for speaker, text in turns:
        dur = max(1.0, len(text.split()) / 2.5)
        segments.append({"speaker": speaker, "start": t, "end": t + dur, "text": text})
        t += dur + 0.8
    Path(str(audio) + ".transcript.json").write_text(json.dumps({"segments": segments}))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    rec = tmp_path / "recordings"
    rec.mkdir()
    for name, turns in SCRIPTS.items():
        audio = rec / f"{name}.wav"
        write_wav(audio, 12.0, channels=1 if name == "robocall" else 2)
        write_sidecar(audio, turns)
    return rec


def run_fake(store: Store, folder: Path, **kw) -> object:
    return run(store, [folder], settings=Settings(), options=RunOptions(model="fake", workers=1, **kw), progress=False,
               log=lambda m: None)


def test_find_recordings_skips_non_audio(folder: Path) -> None:
    (folder / "notes.txt").write_text("not a call")
    names = [name for _, name in find_recordings([folder])]
    assert names == ["escalation.wav", "resolved.wav", "robocall.wav"]


def test_run_labels_calls_and_second_run_reuses_everything(tmp_path: Path, folder: Path) -> None:
    store = Store.open(tmp_path / "c.db")
    first = run_fake(store, folder)
    assert first.ok and first.transcribed == 3 and first.reused == 0 and first.classified == 3

    facts = {r["call_id"]: r for r in store.query("SELECT * FROM call_facts")}
    assert facts["robocall"]["is_spam"] == 1
    assert facts["escalation"]["escalated"] == 1
    assert facts["resolved"]["resolution"] == "resolved"

    created = store.query("SELECT key, created_at FROM transcripts ORDER BY key")
    second = run_fake(store, folder)
    assert second.ok and second.transcribed == 0 and second.reused == 3 and second.classified == 0
    assert store.query("SELECT key, created_at FROM transcripts ORDER BY key") == created


def test_a_rerun_with_nothing_to_do_does_not_load_the_classifier(tmp_path: Path, folder: Path, monkeypatch) -> None:
    """spaCy and the models take seconds to load; a re-run of a finished batch needs neither."""
    import callqa.classify

    store = Store.open(tmp_path / "c.db")
    assert run_fake(store, folder).classified == 3

    def must_not_load(*a, **k):
        raise AssertionError("the classifier was loaded although every call is labelled by these models")

    monkeypatch.setattr(callqa.classify, "load_classifier", must_not_load)
    again = run_fake(store, folder)
    assert again.ok and again.reused == 3 and again.classified == 0


def test_changed_audio_is_transcribed_again(tmp_path: Path, folder: Path) -> None:
    store = Store.open(tmp_path / "c.db")
    run_fake(store, folder)
    write_wav(folder / "resolved.wav", 13.0)  # new content, same name
    again = run_fake(store, folder)
    assert again.transcribed == 1 and again.reused == 2
    assert store.query("SELECT COUNT(*) AS n FROM labels WHERE call_id = 'resolved' AND task = 'spam'")[0]["n"] == 1


def test_bad_files_fail_with_a_reason_and_the_batch_goes_on(tmp_path: Path, folder: Path) -> None:
    good = folder / "resolved.wav"
    (folder / "truncated.wav").write_bytes(good.read_bytes()[:60])
    (folder / "notes.mp3").write_text("this is a text file with an mp3 name\n" * 20)
    store = Store.open(tmp_path / "c.db")
    summary = run_fake(store, folder)

    failed = {name: (kind, reason) for name, kind, reason in summary.failed}
    assert set(failed) == {"truncated.wav", "notes.mp3"}
    for kind, reason in failed.values():
        assert kind in ("corrupt", "decode_error", "unsupported", "too_short", "empty")
        assert "\n" not in reason and len(reason) > 20
    assert summary.classified == 3
    rows = store.query("SELECT file_name, status, failure_kind FROM recordings ORDER BY file_name")
    assert {r["file_name"]: r["status"] for r in rows} == {
        "escalation.wav": "classified", "notes.mp3": "failed", "resolved.wav": "classified",
        "robocall.wav": "classified", "truncated.wav": "failed",
    }
    # Failures are remembered, not retried, unless asked.
    again = run_fake(store, folder)
    assert len(again.failed) == 2 and again.transcribed == 0
    assert all("--retry-failed" in reason for _, _, reason in again.failed)


def test_call_records_join_recordings_by_file_name(tmp_path: Path, folder: Path) -> None:
    csv = tmp_path / "calls.csv"
    csv.write_text(
        "call_id,recording,started_at,direction,caller,callee,status,agent,talk_s\n"
        "C1,escalation.wav,2026-11-02T10:00:00,inbound,(415) 555-0134,+14155550100,answered,dana,40\n"
        "C2,,2026-11-02T10:05:00,inbound,415-555-0199,+14155550100,abandoned,,\n"
    )
    store = Store.open(tmp_path / "c.db")
    run(store, [folder], settings=Settings(), metadata=csv, options=RunOptions(model="fake", workers=1),
        progress=False, log=lambda m: None)
    facts = {r["call_id"]: r for r in store.query("SELECT * FROM call_facts")}
    assert set(facts) == {"C1", "C2", "resolved", "robocall"}
    assert facts["C1"]["agent"] == "dana" and facts["C1"]["escalated"] == 1
    assert facts["C1"]["caller_key"] == "+14155550134"
    assert facts["C2"]["recording_path"] is None and facts["C2"]["status"] == "abandoned"


def test_killed_batch_resumes_without_redoing_finished_calls(tmp_path: Path) -> None:
    """SIGKILL a real `callqa run` mid-batch, run it again: every call analyzed exactly once."""
    rec = tmp_path / "recordings"
    rec.mkdir()
    turns = SCRIPTS["resolved"]
    for i in range(8):
        audio = rec / f"call{i:02d}.wav"
        write_wav(audio, 3.0 + i * 0.1)
        write_sidecar(audio, turns)
    db = tmp_path / "c.db"
    cmd = [sys.executable, "-m", "callqa", "run", str(rec), "--db", str(db), "--model", "fake", "--workers", "1", "--quiet"]
    env = {**os.environ, "CALLQA_FAKE_DELAY_S": "1.0"}  # the fake transcriber sleeps per file, so we can kill mid-way
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240  # model loading is slow on a busy machine
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            store = Store.open(db)
            done = store.query("SELECT COUNT(*) AS n FROM recordings WHERE status = 'classified'")[0]["n"]
            store.close()
            if done >= 2:
                break
        time.sleep(0.1)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 2 <= done < 8, "the batch should have been killed part-way"

    store = Store.open(db)
    finished_before = {r["key"] for r in store.query("SELECT key FROM transcripts")}
    store.close()

    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    store = Store.open(db)
    assert store.query("SELECT COUNT(*) AS n FROM recordings WHERE status = 'classified'")[0]["n"] == 8
    assert store.query("SELECT COUNT(*) AS n FROM transcripts")[0]["n"] == 8
    assert store.query("SELECT COUNT(*) AS n FROM labels")[0]["n"] == 8 * 4
    # The transcripts finished before the kill were not made again.
    assert finished_before <= {r["key"] for r in store.query("SELECT key FROM transcripts")}
    assert f"{8 - len(finished_before)} transcribed" in result.stderr

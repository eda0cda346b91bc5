"""The transcription front end: real Whisper tiny.en on committed example calls, the pool, the fake.

Real Whisper runs on a few example calls (under a minute of audio each); the
session-scoped ``whisper`` fixture loads the model once.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from callqa.errors import AudioError, ModelNotFoundError
from callqa.scoring.conversation import conversation_features
from callqa.transcribe import TranscribeJob, TranscribePool, TranscribeResult, get_transcriber, transcriber_id
from callqa.transcribe.audio import SAMPLE_RATE, iter_blocks, probe
from callqa.transcribe.pool import run_job
from callqa.transcribe.roles import decide_agent_channel
from callqa.transcribe.whisper import WhisperOptions, _ChannelVad, _Chunk, _Packer
from conftest import encode_audio, tone


def example(folder: Path, stem: str) -> Path:
    found = sorted(folder.glob(f"{stem}.*"))
    if not found:
        pytest.skip(f"example {stem} is missing")
    return found[0]


def reference(stem: str) -> list[dict]:
    refs = Path(__file__).resolve().parent.parent / "examples" / "references.jsonl"
    for line in refs.read_text().splitlines():
        item = json.loads(line)
        if Path(item["recording"]).stem == stem:
            return item["segments"]
    pytest.skip(f"no reference for {stem}")


def test_import_does_not_load_heavy_libraries() -> None:
    code = (
        "import sys, callqa.transcribe, callqa.scoring.conversation; "
        "heavy = [m for m in ('faster_whisper', 'ctranslate2', 'av', 'onnxruntime', 'spacy') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- model resolution -----------------------------------------------------------------------


def test_unknown_model_name_lists_what_is_available() -> None:
    with pytest.raises(ModelNotFoundError) as caught:
        get_transcriber("no-such-model")
    assert "bundled tiny.en" in str(caught.value) and "small.en" in str(caught.value)


def test_model_directory_must_hold_a_ctranslate2_model(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="not a CTranslate2 Whisper model"):
        get_transcriber(str(tmp_path))
    with pytest.raises(ModelNotFoundError, match="does not exist"):
        get_transcriber(str(tmp_path / "missing-model"))


def test_id_is_known_without_loading_and_changes_with_options(whisper) -> None:
    assert transcriber_id() == whisper.id
    assert "tiny.en" in whisper.id and "int8" in whisper.id
    assert transcriber_id(options=WhisperOptions(beam_size=1)) != whisper.id
    assert transcriber_id(options=WhisperOptions(batch_size=2)) == whisper.id  # batching does not change text
    assert transcriber_id("fake") == get_transcriber("fake").id


def test_kernels_are_pinned_on_import_and_named_in_the_id(monkeypatch) -> None:
    """CTranslate2 kernels differ by CPU; with CALLQA_CPU_KERNELS=portable (set for the whole
    test suite in conftest.py) callqa pins one path, and the id says which was used."""
    import os

    from callqa.transcribe import kernels

    assert transcriber_id().endswith(f";cpu={kernels.key()}")
    if kernels.key() != "avx2":
        pytest.skip("this CPU has no AVX2: CTranslate2 chooses its kernels")
    assert {name: os.environ[name] for name in kernels.PINNED} == kernels.PINNED
    pinned_id = transcriber_id()
    monkeypatch.setenv("CT2_FORCE_CPU_ISA", "AVX512")  # the user's choice wins, and changes the id
    assert kernels.key() != "avx2" and transcriber_id() != pinned_id
    for name in kernels.PINNED:
        monkeypatch.delenv(name)
    monkeypatch.setenv(kernels.SWITCH, "native")  # speed over reproducibility: CTranslate2 picks
    kernels.pin()
    assert not any(name in os.environ for name in kernels.PINNED)
    assert kernels.key().startswith("native") and transcriber_id() != pinned_id


# --- real Whisper on example calls ---------------------------------------------------------


@pytest.mark.slow
def test_same_file_gives_the_same_transcript_whatever_the_workers_threads_or_order(whisper, example_recordings: Path) -> None:
    """Cached transcripts are keyed by content hash and transcriber id, so output must not depend
    on the worker count, CTranslate2 threads, or which file a process transcribed before."""
    paths = [str(example(example_recordings, stem)) for stem in ("wrong_number", "voicemail_greeting")]
    here = {p: whisper.transcribe(p, probe(p)) for p in reversed(paths)}  # this process, CTranslate2's default threads
    with TranscribePool(workers=2, threads=1) as pool:  # one file per worker process, one thread each
        pooled = {job.path: result for job, result in pool.imap_unordered(TranscribeJob(p) for p in paths)}
    for p in paths:
        assert isinstance(pooled[p], TranscribeResult), pooled[p]
        assert pooled[p].transcript.segments, p
        assert pooled[p].transcript == here[p], p


def test_stereo_call_is_transcribed_per_channel_with_roles(whisper, example_recordings: Path) -> None:
    path = example(example_recordings, "support_password_resolved")
    info = probe(str(path))
    t = whisper.transcribe(str(path), info, agent_channel="auto", direction="inbound")
    assert t.channels == 2 and t.agent_channel == 0 and t.role_confidence > 0.9
    assert t.model == whisper.id and t.duration_s == pytest.approx(info.duration_s, abs=0.1)
    assert [s.index for s in t.segments] == list(range(len(t.segments)))
    assert all(type(v) is float for s in t.segments for v in (s.start_s, s.end_s, s.confidence, s.no_speech_prob))
    assert [s.start_s for s in t.segments] == sorted(s.start_s for s in t.segments)
    assert all(0 <= s.start_s <= s.end_s <= t.duration_s + 0.05 for s in t.segments)
    assert {s.speaker for s in t.segments} == {"agent", "customer"}
    assert all(s.channel == (0 if s.speaker == "agent" else 1) for s in t.segments)
    assert all(0 < s.confidence <= 1 and 0 <= s.no_speech_prob <= 1 for s in t.segments)
    agent, customer = t.text("agent").lower(), t.text("customer").lower()
    assert "thank you for calling" in agent and "password" in agent
    assert "password" in customer and "log" in customer

    # Timestamps follow the audio: each reference turn overlaps a segment of the same speaker.
    for ref in reference(path.stem):
        assert any(
            s.speaker == ref["speaker"] and s.start_s < ref["end"] and s.end_s > ref["start"] for s in t.segments
        ), ref
    f = conversation_features(t)
    assert 0.4 < f.agent_talk_ratio < 0.8 and f.agent_wpm > 60 and f.customer_wpm > 60


def test_swapped_channels_are_detected(whisper, example_recordings: Path, tmp_path: Path) -> None:
    source = example(example_recordings, "support_billing_resolved")
    audio = np.concatenate(list(iter_blocks(str(source), channels=2)), axis=1)
    swapped = encode_audio(tmp_path / "swapped.wav", audio[::-1], SAMPLE_RATE)
    t = whisper.transcribe(str(swapped), probe(str(swapped)), agent_channel="auto")
    assert t.agent_channel == 1 and t.role_confidence >= 0.7
    assert "phone number" in t.text("agent").lower() and "twice" in t.text("customer").lower()
    # Told "left", it keeps left but says the evidence disagrees (a flag for the coach).
    clean = [(s.channel, s.start_s, s.text) for s in t.clean_segments]
    channel, confidence, _ = decide_agent_channel(clean, mode="left")
    assert channel == 0 and confidence < 0.3


def test_mono_robocall_has_unknown_speaker(whisper, example_recordings: Path) -> None:
    path = example(example_recordings, "robocall_warranty")
    t = whisper.transcribe(str(path), probe(str(path)), agent_channel="auto")
    assert t.channels == 1 and t.agent_channel is None and t.role_confidence is None
    assert {s.speaker for s in t.segments} == {"unknown"} and all(s.channel is None for s in t.segments)
    assert "warranty" in t.text().lower() and "press" in t.text().lower()


def test_dead_air_is_an_empty_transcript_not_a_failure(whisper, tmp_path: Path) -> None:
    noise = np.random.default_rng(3).normal(0, 0.002, size=(2, 8000 * 12)).astype(np.float32)
    path = encode_audio(tmp_path / "dead.wav", noise, 8000, codec="pcm_mulaw", fmt="wav")
    t = whisper.transcribe(str(path), probe(str(path)))
    assert t.segments == () and t.duration_s == pytest.approx(12.0, abs=0.01)
    assert conversation_features(t).non_talk_share == 1.0


def test_hold_tone_and_music_yield_no_clean_text(whisper, tmp_path: Path) -> None:
    rate = 8000
    beeps = tone(40.0, rate, 440) * ((np.arange(40 * rate) / rate) % 4.0 < 0.5)
    chords = sum(tone(40.0, rate, f, amplitude=0.08) for f in (261.6, 329.6, 392.0))
    path = encode_audio(tmp_path / "hold.mp3", np.stack([beeps, chords]), rate, codec="libmp3lame")
    t = whisper.transcribe(str(path), probe(str(path)))
    assert t.clean_segments == ()


def test_dual_mono_is_transcribed_once(whisper, example_recordings: Path, tmp_path: Path) -> None:
    source = example(example_recordings, "robocall_warranty")
    mono = np.concatenate(list(iter_blocks(str(source), channels=1)), axis=1)[0]
    path = encode_audio(tmp_path / "dual.wav", np.stack([mono, mono]), SAMPLE_RATE)
    info = probe(str(path))
    assert info.channels == 2 and info.dual_mono
    t = whisper.transcribe(str(path), info)
    assert t.channels == 1 and {s.speaker for s in t.segments} == {"unknown"}
    assert t.text().lower().count("warranty") == whisper.transcribe(str(source), probe(str(source))).text().lower().count("warranty")


# --- streaming VAD and chunk packing --------------------------------------------------------


def test_chunk_maps_packed_time_back_to_call_time_and_channel() -> None:
    chunk = _Chunk()
    chunk.add(np.zeros(2 * SAMPLE_RATE, np.float32), 10 * SAMPLE_RATE, 0)  # left, call 10-12 s
    chunk.add(np.zeros(3 * SAMPLE_RATE, np.float32), 11 * SAMPLE_RATE, 1)  # right, call 11-14 s
    chunk.add(np.zeros(1 * SAMPLE_RATE, np.float32), 100 * SAMPLE_RATE, 0)  # left, call 100-101 s
    assert chunk.to_call_time(1.0) == 11.0 and chunk.region_at(1.0).channel == 0
    assert chunk.to_call_time(2.5) == 11.5 and chunk.region_at(2.5).channel == 1
    assert chunk.to_call_time(5.5) == 100.5 and chunk.region_at(5.5).channel == 0
    assert chunk.to_call_time(9.0) == 101.0  # clamped to the last region
    first = chunk.region_at(0.5)
    assert chunk.to_call_time(2.4, first) == 12.0  # a word's end is clamped to the region of its middle
    assert chunk.audio.shape == (6 * SAMPLE_RATE,)


def test_streaming_vad_and_packing_stay_bounded_on_a_long_stream(example_recordings: Path) -> None:
    source = example(example_recordings, "support_escalated")
    stereo = np.concatenate(list(iter_blocks(str(source), channels=2)), axis=1)
    talk_s = stereo.shape[1] / SAMPLE_RATE
    silence = np.zeros((2, 60 * SAMPLE_RATE), np.float32)
    stream = np.concatenate([stereo, silence, stereo, silence], axis=1)  # ~4 min: talk, a minute of dead air, talk
    options = WhisperOptions()
    vads, packers = [_ChannelVad(options), _ChannelVad(options)], [_Packer(options.chunk_s), _Packer(options.chunk_s)]
    block = 10 * SAMPLE_RATE
    chunks, largest_buffer = [], 0
    for i in range(0, stream.shape[1], block):
        found = sorted((start, ch, audio) for ch, vad in enumerate(vads) for start, audio in vad.feed(stream[ch, i : i + block]))
        for start, ch, audio in found:
            chunks += packers[ch].add(audio, start, ch)
        largest_buffer = max(largest_buffer, *(len(v.buffer) for v in vads))
    for ch, vad in enumerate(vads):
        for start, audio in vad.feed(np.zeros(0, np.float32), final=True):
            chunks += packers[ch].add(audio, start, ch)
        chunks += packers[ch].flush()
    assert largest_buffer <= block + 32 * SAMPLE_RATE  # one block plus at most one open region
    assert all(c.length <= options.chunk_s * SAMPLE_RATE for c in chunks)
    regions = [r for c in chunks for r in c.regions]
    assert {r.channel for r in regions} == {0, 1} and all(len({r.channel for r in c.regions}) == 1 for c in chunks)
    for ch in (0, 1):
        spans = [(r.call_start, r.call_start + r.length) for r in regions if r.channel == ch]
        assert spans == sorted(spans) and all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))  # in order, no overlap
    speech_s = sum(c.length for c in chunks) / SAMPLE_RATE
    assert speech_s < 0.8 * 2 * stream.shape[1] / SAMPLE_RATE  # silence is not sent to Whisper
    in_dead_air = [r for r in regions if talk_s + 2 < r.call_start / SAMPLE_RATE < talk_s + 58]
    assert in_dead_air == []


# --- the pool ------------------------------------------------------------------------------


def sidecar(audio: Path, segments: list[dict]) -> None:
    Path(str(audio) + ".transcript.json").write_text(json.dumps({"segments": segments}))


@pytest.fixture
def batch(tmp_path: Path) -> list[Path]:
    good = encode_audio(tmp_path / "good.wav", np.stack([tone(3.0, 8000, 300), tone(3.0, 8000, 500)]), 8000)
    sidecar(good, [{"speaker": "agent", "start": 0.1, "end": 1.0, "text": "Thanks for calling, how can I help?"},
                   {"speaker": "customer", "start": 1.2, "end": 2.5, "text": "My order is late."}])
    mono = encode_audio(tmp_path / "mono.flac", tone(2.0, 8000, 300)[None, :], 8000, codec="flac")
    sidecar(mono, [{"speaker": "unknown", "start": 0.0, "end": 1.5, "text": "Press 1 now."}])
    truncated = tmp_path / "truncated.wav"
    truncated.write_bytes(good.read_bytes()[:4000])
    text = tmp_path / "notes.mp3"
    text.write_text("not audio at all\n" * 30)
    return [good, mono, truncated, text, tmp_path / "gone.wav"]


def check_batch(results: dict[str, TranscribeResult | AudioError]) -> None:
    assert isinstance(results["good.wav"], TranscribeResult)
    t = results["good.wav"].transcript
    assert [s.speaker for s in t.segments] == ["agent", "customer"] and t.channels == 2
    assert results["good.wav"].info.channels == 2
    assert isinstance(results["mono.flac"], TranscribeResult)
    assert results["mono.flac"].transcript.segments[0].speaker == "unknown"
    assert {k: v.kind for k, v in results.items() if isinstance(v, AudioError)} == {
        "truncated.wav": "corrupt", "notes.mp3": "corrupt", "gone.wav": "missing"}


def test_pool_in_process_reports_each_failure_and_goes_on(batch: list[Path]) -> None:
    with TranscribePool("fake", workers=1) as pool:
        assert pool.id == "fake-1"
        out = list(pool.imap_unordered(TranscribeJob(str(p)) for p in batch))
    assert len(out) == len(batch)
    check_batch({Path(job.path).name: result for job, result in out})


def test_pool_with_worker_processes(batch: list[Path]) -> None:
    with TranscribePool("fake", workers=2, agent_channel="right") as pool:
        out = list(pool.imap_unordered(TranscribeJob(str(p), agent_channel="left") for p in batch))
    assert sorted(Path(j.path).name for j, _ in out) == sorted(p.name for p in batch)  # each job exactly once
    check_batch({Path(job.path).name: result for job, result in out})


def test_a_worker_that_dies_mid_job_costs_only_its_file(tmp_path: Path) -> None:
    """A native crash kills the worker process: the pool restarts its workers, reruns the jobs
    that were in flight one at a time, and blames only the file that kills a worker again."""
    good = [encode_audio(tmp_path / f"ok{i}.wav", tone(1.0, 8000, 300)[None, :], 8000) for i in range(4)]
    for p in good:
        Path(str(p) + ".transcript.json").write_text(json.dumps({"text": f"hello from {p.stem}"}))
    bad = encode_audio(tmp_path / "killer.wav", tone(1.0, 8000, 300)[None, :], 8000)
    Path(str(bad) + ".transcript.json").write_text(json.dumps({"crash": True}))
    paths = [good[0], bad, *good[1:]]
    with TranscribePool("fake", workers=2) as pool:
        out = list(pool.imap_unordered(TranscribeJob(str(p)) for p in paths))
    assert sorted(Path(j.path).name for j, _ in out) == sorted(p.name for p in paths)  # each job exactly once
    results = {Path(j.path).name: r for j, r in out}
    error = results.pop("killer.wav")
    assert isinstance(error, AudioError) and error.kind == "decode_error"
    assert "crashed the transcription worker" in str(error)
    for name, result in results.items():
        assert isinstance(result, TranscribeResult), (name, result)
        assert result.transcript.segments[0].text == f"hello from {Path(name).stem}"


def test_any_exception_in_a_job_becomes_a_one_line_decode_error(tmp_path: Path) -> None:
    class Exploding:
        id = "boom"

        def transcribe(self, path, info, *, agent_channel="left", direction=None):
            raise RuntimeError("CTranslate2 ran into\nsomething odd")

    path = encode_audio(tmp_path / "ok.wav", tone(1.0, 8000, 300)[None, :], 8000)
    error = run_job(Exploding(), TranscribeJob(str(path)), "left")
    assert isinstance(error, AudioError) and error.kind == "decode_error"
    assert "\n" not in str(error) and "something odd" in str(error) and "ok.wav" in str(error)


def test_pool_with_a_missing_model_fails_before_any_work() -> None:
    with pytest.raises(ModelNotFoundError):
        TranscribePool("/nonexistent/model/dir")


def test_fake_without_sidecar_is_dead_air(tmp_path: Path) -> None:
    path = encode_audio(tmp_path / "quiet.wav", np.zeros((2, 8000), np.float32), 8000)
    t = get_transcriber("fake").transcribe(str(path), probe(str(path)))
    assert t.segments == () and t.channels == 2

"""Probe and streamed decode: format coverage, channel layouts, the failure taxonomy."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from callqa.errors import FAILURE_KINDS, AudioError
from callqa.transcribe.audio import SAMPLE_RATE, hash_file, iter_blocks, probe
from conftest import encode_audio, tone

# (name, extension, encoder, muxer, canonical codec name)
FORMATS = [
    ("wav-pcm", ".wav", "pcm_s16le", None, "pcm_s16le"),
    ("wav-mulaw", ".wav", "pcm_mulaw", "wav", "pcm_mulaw"),
    ("wav-alaw", ".wav", "pcm_alaw", "wav", "pcm_alaw"),
    ("mp3", ".mp3", "libmp3lame", None, "mp3"),
    ("m4a-aac", ".m4a", "aac", "ipod", "aac"),
    ("ogg-opus", ".opus", "libopus", "ogg", "opus"),
    ("flac", ".flac", "flac", None, "flac"),
]
LOSSY = {"mp3", "m4a-aac", "ogg-opus"}


def dominant_hz(x: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.argmax(spectrum) * SAMPLE_RATE / len(x))


def layout_data(layout: str, rate: int) -> np.ndarray:
    left, right = tone(3.0, rate, 440), tone(3.0, rate, 880)
    return {"mono": left[None, :], "stereo": np.stack([left, right]), "dual-mono": np.stack([left, left])}[layout]


@pytest.mark.parametrize("rate", [8000, 16000])
@pytest.mark.parametrize("layout", ["mono", "stereo", "dual-mono"])
@pytest.mark.parametrize("name,ext,encoder,muxer,codec", FORMATS, ids=[f[0] for f in FORMATS])
def test_probe_and_decode_every_format(tmp_path: Path, name, ext, encoder, muxer, codec, layout, rate) -> None:
    path = encode_audio(tmp_path / f"call{ext}", layout_data(layout, rate), rate, codec=encoder, fmt=muxer)
    info = probe(str(path))
    assert info.codec == codec
    assert info.container == ext.lstrip(".") or (ext == ".opus" and info.container == "ogg")
    assert info.channels == (1 if layout == "mono" else 2)
    assert info.sample_rate == rate
    assert info.duration_s == pytest.approx(3.0, abs=0.2 if name in LOSSY else 0.01)
    assert info.size_bytes == path.stat().st_size
    assert info.dual_mono is (layout == "dual-mono")

    channels = 1 if layout == "mono" else 2
    blocks = list(iter_blocks(str(path), channels=channels, block_s=1.0))
    audio = np.concatenate(blocks, axis=1)
    assert audio.dtype == np.float32 and audio.shape[0] == channels
    assert audio.shape[1] / SAMPLE_RATE == pytest.approx(info.duration_s, abs=0.15)
    assert all(b.shape[1] == SAMPLE_RATE for b in blocks[:-1])  # fixed-size blocks: bounded memory
    middle = audio[:, SAMPLE_RATE // 2 : 2 * SAMPLE_RATE]
    assert dominant_hz(middle[0]) == pytest.approx(440, abs=15)
    if layout == "stereo":
        assert dominant_hz(middle[1]) == pytest.approx(880, abs=15)  # left and right kept apart


def test_stereo_with_one_silent_channel_is_not_dual_mono(tmp_path: Path) -> None:
    data = np.stack([tone(3.0, 8000, 300), np.zeros(24000, dtype=np.float32)])
    assert probe(str(encode_audio(tmp_path / "one_side.wav", data, 8000))).dual_mono is False


def test_dual_mono_needs_identical_channels_past_a_silent_start(tmp_path: Path) -> None:
    # 5 s of digital silence on both sides, then the same signal on both: still dual-mono.
    signal = np.concatenate([np.zeros(5 * 8000, dtype=np.float32), tone(3.0, 8000, 500)])
    path = encode_audio(tmp_path / "late.wav", np.stack([signal, signal]), 8000)
    assert probe(str(path), scan_s=2.0).dual_mono is True
    other = signal.copy()
    other[6 * 8000 :] = tone(2.0, 8000, 700)  # differs from the second second of signal
    path = encode_audio(tmp_path / "late_stereo.wav", np.stack([signal, other]), 8000)
    assert probe(str(path), scan_s=2.0).dual_mono is False


def test_hash_file_matches_sha256(tmp_path: Path) -> None:
    path = tmp_path / "blob.bin"
    payload = np.random.default_rng(0).bytes(3_000_001)
    path.write_bytes(payload)
    assert hash_file(str(path), chunk_bytes=65536) == hashlib.sha256(payload).hexdigest()


def test_long_file_decodes_in_fixed_blocks(tmp_path: Path) -> None:
    path = encode_audio(tmp_path / "long.flac", np.stack([tone(150.0, 8000, 300), tone(150.0, 8000, 600)]), 8000, codec="flac")
    sizes = [b.shape[1] for b in iter_blocks(str(path), channels=2, block_s=60.0)]
    assert sizes == [60 * SAMPLE_RATE, 60 * SAMPLE_RATE, 30 * SAMPLE_RATE]


# --- failure taxonomy ------------------------------------------------------------------------


def failure(path: Path) -> AudioError:
    with pytest.raises(AudioError) as caught:
        probe(str(path))
    error = caught.value
    assert error.kind in FAILURE_KINDS
    message = str(error)
    assert "\n" not in message and str(path.name) in message and ";" in message  # one line: cause; fix
    return error


def test_truncated_wav_is_corrupt(tmp_path: Path) -> None:
    whole = encode_audio(tmp_path / "whole.wav", tone(5.0, 8000, 400)[None, :], 8000)
    cut = tmp_path / "cut.wav"
    cut.write_bytes(whole.read_bytes()[:30000])
    error = failure(cut)
    assert error.kind == "corrupt" and "truncated" in str(error)


def test_text_renamed_mp3_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "notes.mp3"
    path.write_text("Call notes: customer asked about billing.\n" * 20)
    error = failure(path)
    assert error.kind == "corrupt" and "not audio" in str(error)


def test_random_bytes_are_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "noise.wav"
    path.write_bytes(np.random.default_rng(1).bytes(20000))
    assert failure(path).kind == "corrupt"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.wav"
    path.write_bytes(b"")
    assert failure(path).kind == "empty"


def test_too_short(tmp_path: Path) -> None:
    path = encode_audio(tmp_path / "blip.wav", tone(0.2, 8000, 400)[None, :], 8000)
    error = failure(path)
    assert error.kind == "too_short" and "0.20 s" in str(error)


def test_missing(tmp_path: Path) -> None:
    assert failure(tmp_path / "gone.wav").kind == "missing"


def test_file_without_audio_stream_is_unsupported(tmp_path: Path) -> None:
    import av

    path = tmp_path / "video_only.mkv"
    with av.open(str(path), "w") as out:
        stream = out.add_stream("mpeg4", rate=5)
        stream.width, stream.height, stream.pix_fmt = 32, 32, "yuv420p"
        for i in range(5):
            frame = av.VideoFrame.from_ndarray(np.full((32, 32, 3), i * 40, dtype=np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    error = failure(path)
    assert error.kind == "unsupported" and "no audio stream" in str(error)

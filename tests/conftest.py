"""Shared fixtures. Audio is generated here (PyAV, numpy), never downloaded."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

# Same CTranslate2 kernels on every CI runner, so Whisper output on the example calls does
# not change with the CPU model (callqa.transcribe.kernels); set before callqa is imported,
# and inherited by the `callqa` subprocesses the tests start.
os.environ.setdefault("CALLQA_CPU_KERNELS", "portable")

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE_RECORDINGS = EXAMPLES / "recordings"


def encode_audio(path: Path, data: np.ndarray, rate: int, *, codec: str = "pcm_s16le", fmt: str | None = None) -> Path:
    """Write ``data`` (channels × samples, floats in [-1, 1]) with any PyAV encoder."""
    import av

    data = np.atleast_2d(np.asarray(data, dtype=np.float32))
    layout = "mono" if data.shape[0] == 1 else "stereo"
    pcm = np.ascontiguousarray((np.clip(data, -1, 1) * 32767).astype(np.int16))
    with av.open(str(path), "w", format=fmt) as out:
        stream = out.add_stream(codec, rate=rate, layout=layout)
        frame = av.AudioFrame.from_ndarray(pcm, format="s16p", layout=layout)
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return path


def tone(seconds: float, rate: int, freq: float, *, amplitude: float = 0.3) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)


@pytest.fixture
def write_audio():
    """``write_audio(path, data, rate, codec=..., fmt=...)`` encodes test audio with PyAV."""
    return encode_audio


@pytest.fixture(scope="session")
def example_recordings() -> Path:
    """The committed example calls; tests that need real speech skip when they are absent."""
    if not EXAMPLE_RECORDINGS.is_dir() or not any(EXAMPLE_RECORDINGS.iterdir()):
        pytest.skip("examples/recordings is missing")
    return EXAMPLE_RECORDINGS


@pytest.fixture(scope="session")
def whisper():
    """The bundled Whisper tiny.en, loaded once for the whole session."""
    from callqa.transcribe import get_transcriber

    return get_transcriber()


@pytest.fixture(scope="session")
def example_run(tmp_path_factory) -> dict:
    """One real `callqa run` (Whisper tiny.en) on a copy of examples/ plus two broken files, run twice.

    Here rather than in a test module so that every module using it (test_end_to_end,
    test_example_metrics) shares the one expensive run per session.
    """
    work = tmp_path_factory.mktemp("e2e")
    recordings = work / "recordings"
    shutil.copytree(EXAMPLES / "recordings", recordings)
    some_wav = next(p for p in sorted(recordings.iterdir()) if p.suffix == ".wav")
    (recordings / "truncated.wav").write_bytes(some_wav.read_bytes()[:200])
    (recordings / "not_audio.mp3").write_text("Subject: call notes\nThis is a text file renamed to .mp3.\n" * 10)
    db = work / "callqa.db"
    args = [sys.executable, "-m", "callqa", "run", str(recordings), "--metadata", str(EXAMPLES / "calls.csv"), "--db", str(db)]
    started = time.monotonic()
    first = subprocess.run(args, capture_output=True, text=True, timeout=900)
    first_s = time.monotonic() - started
    second = subprocess.run(args, capture_output=True, text=True, timeout=900)
    return {"db": str(db), "first": first, "second": second, "first_s": first_s, "recordings": recordings}

"""The call-audio front end: probe, decode, transcribe per channel, guard, assign roles.

Importing this package is cheap: faster-whisper, CTranslate2 and PyAV are imported
inside the functions that use them.

Example:
    from callqa.transcribe import TranscribeJob, TranscribePool

    with TranscribePool(workers=2, agent_channel="auto") as pool:
        for job, result in pool.imap_unordered(TranscribeJob(p) for p in paths):
            ...  # result is a TranscribeResult or an errors.AudioError
"""

from __future__ import annotations

from typing import Protocol

from callqa.schema import AudioInfo, Transcript
from callqa.transcribe import kernels
from callqa.transcribe.pool import TranscribeJob, TranscribePool, TranscribeResult, default_workers

# Before CTranslate2 runs anything in this process (or in the workers, which inherit the
# environment): one kernel path on every CPU, so the same file gives the same transcript.
kernels.pin()

__all__ = [
    "TranscribeJob",
    "TranscribePool",
    "TranscribeResult",
    "Transcriber",
    "default_workers",
    "get_transcriber",
    "transcriber_id",
]


class Transcriber(Protocol):
    """Turns one recording into a Transcript.

    ``id`` names the model and every option that changes the output; it is part of
    the cache key of stored transcripts.
    """

    id: str

    def transcribe(
        self, path: str, info: AudioInfo, *, agent_channel: str = "left", direction: str | None = None
    ) -> Transcript: ...


def transcriber_id(model: str | None = None, *, options=None) -> str:
    """The ``id`` that ``get_transcriber(model, options=options)`` will have, without loading it.

    Raises:
        errors.ModelNotFoundError: the model cannot be found.
    """
    from callqa.transcribe.models import resolve_model

    ref = resolve_model(model)
    if ref.kind == "fake":
        from callqa.transcribe.fake import FAKE_ID

        return FAKE_ID
    from callqa.transcribe.whisper import WhisperOptions, whisper_id

    return whisper_id(ref.identity, options or WhisperOptions())


def get_transcriber(model: str | None = None, *, threads: int = 0, options=None) -> Transcriber:
    """Load a transcriber.

    Args:
      model: None or "tiny.en" for the bundled Whisper tiny.en; a CTranslate2 model
        directory; a faster-whisper model name (downloaded, so only online); "fake"
        for tests (reads ``<audio>.transcript.json`` sidecars).
      threads: CTranslate2 threads; 0 lets CTranslate2 choose.
      options: ``whisper.WhisperOptions``; None for the defaults.

    Raises:
        errors.ModelNotFoundError: with a message listing what is available.
    """
    from callqa.transcribe.models import resolve_model

    ref = resolve_model(model)
    if ref.kind == "fake":
        from callqa.transcribe.fake import FakeTranscriber

        return FakeTranscriber()
    from callqa.transcribe.whisper import WhisperOptions, WhisperTranscriber

    return WhisperTranscriber(ref.location, identity=ref.identity, threads=threads, options=options or WhisperOptions())

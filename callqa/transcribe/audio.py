"""Probe and decode recordings with PyAV, in bounded memory.

``probe`` reads the container header and the first seconds of audio, never the
whole file. ``iter_blocks`` decodes a file as a stream of fixed-length blocks at
16 kHz, so an hour-long call is never held in memory at once (faster-whisper's
``decode_audio`` buffers the whole file, then copies it twice).
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from callqa.errors import AudioError
from callqa.schema import AudioInfo

SAMPLE_RATE = 16000  # what Whisper and the Silero VAD expect
MIN_DURATION_S = 0.5
_FIX_EXPORT = "re-export it from the phone system or remove it from the folder"


def hash_file(path: str, *, chunk_bytes: int = 1 << 20) -> str:
    """Return the sha256 hex digest of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk_bytes):
            digest.update(block)
    return digest.hexdigest()


def probe(path: str, *, scan_s: float = 60.0, max_scan_s: float = 600.0) -> AudioInfo:
    """Describe a recording and check that it can be decoded.

    Reads the header, then decodes only the start of the audio: enough to prove it
    decodes and to tell dual-mono (two identical channels) from real stereo, which
    takes ``scan_s`` seconds that carry signal (at most ``max_scan_s`` seconds).

    Raises:
        AudioError: kind is one of ``errors.FAILURE_KINDS``; the message says the
            cause and the fix in one line.
    """
    p = Path(path)
    if not p.exists():
        raise AudioError("missing", f"{path} does not exist; check the path or the recording column of the call records.")
    if not p.is_file():
        raise AudioError("unsupported", f"{path} is not a file; pass recordings or the folder that holds them.")
    size = p.stat().st_size
    if size == 0:
        raise AudioError("empty", f"{path} is empty (0 bytes); {_FIX_EXPORT}.")

    import av

    try:
        container = av.open(path, mode="r", metadata_errors="ignore")
    except PermissionError:
        raise AudioError("decode_error", f"{path} cannot be read (permission denied); fix the file permissions.") from None
    except (av.error.FFmpegError, OSError, UnicodeDecodeError) as e:
        raise AudioError("corrupt", f"{path} is not audio ({_reason(e)}); {_FIX_EXPORT}.") from None

    with container:
        if not container.streams.audio:
            raise AudioError("unsupported", f"{path} has no audio stream ({container.format.name} container); {_FIX_EXPORT}.")
        stream = container.streams.audio[0]
        ctx = stream.codec_context
        # The codec's canonical name ("mp3"), not the decoder's ("mp3float").
        codec = (getattr(ctx.codec, "canonical_name", None) or ctx.name) if ctx is not None else "unknown"
        channels = int(ctx.channels or 0) if ctx is not None else 0
        sample_rate = int(ctx.sample_rate or 0) if ctx is not None else 0
        if ctx is None or channels <= 0 or sample_rate <= 0:
            raise AudioError("unsupported", f"{path} uses an audio codec this build cannot decode ({codec}); convert it to wav, mp3 or flac.")
        container_name = _container_name(container.format.name, path)
        if codec == "opus":
            sample_rate = _opus_input_rate(ctx) or sample_rate
        declared_s = _declared_duration(container, stream)

        if container_name == "wav":
            _check_wav_header(path, size)

        scanned_s, dual_mono, total_s = _scan(container, stream, path, channels, scan_s, max_scan_s, need_length=declared_s is None)

    duration_s = declared_s if declared_s is not None else total_s
    if scanned_s <= 0 and (duration_s or 0) <= 0:
        raise AudioError("corrupt", f"{path} has no decodable audio frames; {_FIX_EXPORT}.")
    if duration_s < MIN_DURATION_S:
        raise AudioError(
            "too_short",
            f"{path} is only {duration_s:.2f} s long (minimum {MIN_DURATION_S} s); nothing to analyze, remove it from the folder.",
        )
    return AudioInfo(
        path=str(path),
        container=container_name,
        codec=codec,
        channels=channels,
        sample_rate=sample_rate,
        duration_s=round(float(duration_s), 3),
        size_bytes=size,
        dual_mono=dual_mono,
    )


def _container_name(names: str, path: str) -> str:
    """FFmpeg names demuxers by alias lists ("mov,mp4,m4a,3gp,3g2,mj2"): prefer the file's extension."""
    aliases = names.split(",")
    ext = Path(path).suffix.lower().lstrip(".")
    return ext if ext in aliases else aliases[0]


def _opus_input_rate(ctx) -> int | None:
    """Opus always decodes at 48 kHz; the OpusHead header keeps the rate it was recorded at."""
    extra = bytes(ctx.extradata or b"")
    if len(extra) >= 16 and extra[:8] == b"OpusHead":
        rate = int.from_bytes(extra[12:16], "little")
        return rate or None
    return None


def _reason(error: Exception) -> str:
    """A short, single-line cause from a PyAV/FFmpeg error."""
    text = getattr(error, "strerror", None) or str(error)
    return " ".join(str(text).split()).rstrip(".").lower() or type(error).__name__


def _declared_duration(container, stream) -> float | None:
    """Duration from the header, if the container states one."""
    if stream.duration is not None and stream.time_base is not None and stream.duration > 0:
        return float(stream.duration * stream.time_base)
    if container.duration is not None and container.duration > 0:
        import av

        return container.duration / av.time_base
    return None


def _check_wav_header(path: str, size: int) -> None:
    """Fail on a WAV whose data chunk is cut short (FFmpeg silently decodes what is left).

    Streaming writers put 0 or 0xFFFFFFFF in the size fields; those are accepted.
    """
    with open(path, "rb") as f:
        head = f.read(1 << 16)
    if len(head) < 12 or head[:4] not in (b"RIFF", b"RIFX") or head[8:12] != b"WAVE":
        return  # RF64 or another variant: leave it to FFmpeg
    fmt = "<I" if head[:4] == b"RIFF" else ">I"
    pos = 12
    while pos + 8 <= len(head):
        chunk_id = head[pos : pos + 4]
        (chunk_size,) = struct.unpack(fmt, head[pos + 4 : pos + 8])
        if chunk_id == b"data":
            if chunk_size in (0, 0xFFFFFFFF):
                return
            expected = pos + 8 + chunk_size
            if size < expected:
                have = max(0, size - pos - 8)
                raise AudioError(
                    "corrupt",
                    f"{path} is truncated (the WAV header declares {chunk_size} bytes of audio, "
                    f"the file holds {have}); {_FIX_EXPORT}.",
                )
            return
        pos += 8 + chunk_size + (chunk_size & 1)


def _scan(container, stream, path: str, channels: int, scan_s: float, max_scan_s: float, *, need_length: bool):
    """Decode the start of the stream; return (seconds scanned, dual-mono, seconds if read to the end)."""
    import av

    stream.thread_type = "AUTO"
    rate = stream.codec_context.sample_rate
    samples = 0
    diff_energy = 0.0
    energy = 0.0
    stereo_seen = False  # channels differ somewhere: real stereo
    signal_samples = 0
    bad_frames = 0
    good_frames = 0
    resampler = av.audio.resampler.AudioResampler(format="fltp", layout="stereo" if channels >= 2 else "mono", rate=rate)
    packets = container.demux(stream)
    while True:
        try:
            packet = next(packets)
        except StopIteration:
            break
        except av.error.FFmpegError as e:
            if good_frames == 0:
                raise AudioError("corrupt", f"{path} cannot be read ({_reason(e)}); {_FIX_EXPORT}.") from None
            break  # a damaged tail: keep what decoded
        try:
            frames = packet.decode()
        except av.error.InvalidDataError:
            bad_frames += 1
            if good_frames == 0 and bad_frames >= 20:
                raise AudioError("decode_error", f"{path} does not decode as {stream.codec_context.name}: the first frames are all invalid; {_FIX_EXPORT}.") from None
            continue
        except av.error.FFmpegError as e:
            raise AudioError("decode_error", f"{path} failed to decode ({_reason(e)}); {_FIX_EXPORT}.") from None
        for frame in frames:
            good_frames += 1
            samples += frame.samples
            if channels >= 2 and not stereo_seen:
                for out in resampler.resample(frame):
                    a = out.to_ndarray()
                    left, right = a[0].astype(np.float64), a[1].astype(np.float64)
                    frame_energy = float(np.sum(left**2 + right**2)) / 2
                    diff_energy += float(np.sum((left - right) ** 2))
                    energy += frame_energy
                    if frame_energy > 1e-7 * len(left):  # above digital silence (-70 dBFS)
                        signal_samples += len(left)
                # Lossy stereo coding leaves tiny differences between identical channels.
                if energy > 1e-6 and diff_energy > 1e-4 * energy:
                    stereo_seen = True
        seconds = samples / rate
        # Judge dual-mono on scan_s seconds that carry signal: a silent start proves nothing.
        enough = channels < 2 or stereo_seen or signal_samples / rate >= scan_s or seconds >= max_scan_s
        if enough and not need_length:
            break
    if good_frames == 0 and bad_frames:
        raise AudioError("decode_error", f"{path} does not decode as {stream.codec_context.name} (all frames invalid); {_FIX_EXPORT}.")
    dual_mono = channels >= 2 and not stereo_seen and energy > 1e-6
    return samples / rate, dual_mono, samples / rate


def iter_blocks(path: str, *, channels: int, block_s: float = 60.0) -> Iterator[np.ndarray]:
    """Decode a file to 16 kHz float32 blocks of shape ``(channels, n)``.

    ``channels`` is 1 (downmix) or 2 (left, right). Every block but the last holds
    exactly ``block_s`` seconds. Invalid frames are skipped, as faster-whisper does.
    """
    import av

    if channels not in (1, 2):
        raise ValueError("channels must be 1 or 2")
    block = int(block_s * SAMPLE_RATE)
    resampler = av.audio.resampler.AudioResampler(format="fltp", layout="mono" if channels == 1 else "stereo", rate=SAMPLE_RATE)
    parts: list[np.ndarray] = []
    held = 0
    with av.open(path, mode="r", metadata_errors="ignore") as container:
        stream = container.streams.audio[0]
        stream.thread_type = "AUTO"
        frames = _valid_frames(container.decode(stream))
        for frame in _chain_flush(frames):
            for out in resampler.resample(frame):
                a = out.to_ndarray()
                if a.ndim == 1:
                    a = a.reshape(channels, -1)
                parts.append(a[:channels].astype(np.float32, copy=False))
                held += a.shape[1]
            while held >= block:
                buf = np.concatenate(parts, axis=1)
                yield np.ascontiguousarray(buf[:, :block])
                rest = buf[:, block:]
                parts = [rest] if rest.shape[1] else []
                held = rest.shape[1]
    if held:
        yield np.ascontiguousarray(np.concatenate(parts, axis=1))
    # PyAV resamplers hold native buffers until collected (faster-whisper issue 390).
    del resampler
    import gc

    gc.collect()


def _valid_frames(frames):
    iterator = iter(frames)
    while True:
        try:
            yield next(iterator)
        except StopIteration:
            return
        except Exception as e:  # noqa: BLE001 - only FFmpeg's bad-data errors are skipped
            import av

            if isinstance(e, av.error.InvalidDataError):
                continue
            raise


def _chain_flush(frames):
    """Yield the frames, then None so the resampler flushes its tail."""
    yield from frames
    yield None

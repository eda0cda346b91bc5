"""The faster-whisper adapter: streamed decode, VAD, batched Whisper, guards, roles.

How one recording goes through:

1. ``audio.iter_blocks`` decodes fixed-length 16 kHz blocks (bounded memory).
2. Per channel, Silero VAD runs on a rolling buffer; finished speech regions are
   packed, silence removed, into chunks of at most 30 s (Whisper's window), one
   channel per chunk so every word's speaker is certain.
3. Chunks from both channels are batched together through
   ``BatchedInferencePipeline`` with word timestamps.
4. Speech that got no words, or a window Whisper looped on, is decoded again in
   15 s windows, then one region per window (batched decoding has no seek loop,
   so it sometimes drops the start or end of a window).
5. Words are mapped back to call time and split into segments at pauses, so
   silences and turns stay visible on the timeline.
6. Guards mark suspect segments; the agent channel is decided; both channels are
   merged on one timeline.

faster-whisper's lazy generators are consumed here; none of its types leave this module.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field

import numpy as np

from callqa.errors import AudioError
from callqa.schema import AGENT, CUSTOMER, UNKNOWN, AudioInfo, Segment, Transcript
from callqa.transcribe import guards, kernels, roles
from callqa.transcribe.audio import SAMPLE_RATE, iter_blocks

PIPELINE_VERSION = "callqa-whisper-6"  # 6: CPU kernels pinned (kernels.py)


@dataclass(frozen=True)
class WhisperOptions:
    """Options of the Whisper adapter.

    Attributes:
      compute_type: CTranslate2 compute type; int8 is the fastest on CPUs.
      beam_size: beam search width per chunk.
      batch_size: chunks (from both channels) decoded together. Each one costs about 110 MB
        at peak (the encoder's attention over 1500 frames); 2 keeps a worker near 550 MB.
      chunk_s: speech is packed into chunks of at most this many seconds (Whisper's window).
      vad_threshold: Silero speech probability threshold.
      vad_min_silence_ms: a pause this long ends a speech region.
      vad_speech_pad_ms: audio kept on each side of a speech region.
      split_gap_s: a pause this long between words starts a new segment.
      block_s: seconds decoded at a time; bounds memory on long files.
      timestamps: let Whisper predict segment timestamps inside a chunk.
      retry_gap_s: speech at least this long with no word in Whisper's output is decoded again.
      no_speech_retry: a chunk with no words at all is retried only when Whisper's
        no-speech probability is below this (otherwise it was noise, not speech).
    """

    compute_type: str = "int8"
    beam_size: int = 5
    batch_size: int = 2
    chunk_s: float = 30.0
    vad_threshold: float = 0.5
    vad_min_silence_ms: int = 160
    vad_speech_pad_ms: int = 400
    split_gap_s: float = 1.0
    block_s: float = 60.0
    timestamps: bool = False
    retry_gap_s: float = 2.0
    no_speech_retry: float = 0.5

    def output_key(self) -> str:
        """The options that change the transcript (not batch size or block size)."""
        return (
            f"{self.compute_type},beam{self.beam_size},chunk{self.chunk_s:g},"
            f"vad{self.vad_threshold:g}/{self.vad_min_silence_ms}/{self.vad_speech_pad_ms},gap{self.split_gap_s:g}"
            f"{',ts' if self.timestamps else ''},retry{self.retry_gap_s:g}/{self.no_speech_retry:g}"
        )


def whisper_id(identity: str, options: WhisperOptions) -> str:
    """Transcriber identity: the weights plus every option, rule version and kernel path that shapes the output."""
    return (
        f"{identity};{options.output_key()};{guards.GUARDS_VERSION};{roles.ROLES_VERSION};{PIPELINE_VERSION};"
        f"cpu={kernels.key()}"
    )


@dataclass(frozen=True)
class _Region:
    """A stretch of speech found by VAD: where it sits in its chunk and in the call."""

    chunk_start: int  # samples into the chunk
    call_start: int  # samples into the call
    length: int
    channel: int


@dataclass
class _Chunk:
    """Speech regions of one channel, silence removed, concatenated into one Whisper window.

    Each region keeps its place in the call (and its channel), so every word maps back
    to call time.
    """

    pieces: list[np.ndarray] = field(default_factory=list)
    regions: list[_Region] = field(default_factory=list)
    length: int = 0

    def add(self, audio: np.ndarray, call_start: int, channel: int) -> None:
        self.pieces.append(audio)
        self.regions.append(_Region(self.length, call_start, len(audio), channel))
        self.length += len(audio)

    @property
    def audio(self) -> np.ndarray:
        return np.concatenate(self.pieces) if len(self.pieces) > 1 else self.pieces[0]

    def region_at(self, t: float) -> _Region:
        """The region holding chunk time ``t`` (seconds)."""
        i = bisect.bisect_right([r.chunk_start for r in self.regions], t * SAMPLE_RATE) - 1
        return self.regions[max(0, i)]

    def to_call_time(self, t: float, region: _Region | None = None) -> float:
        """Map chunk seconds to call seconds, clamped to the region (by default the one holding ``t``)."""
        r = region or self.region_at(t)
        offset = min(max(t * SAMPLE_RATE - r.chunk_start, 0.0), float(r.length))
        return (r.call_start + offset) / SAMPLE_RATE


class _ChannelVad:
    """Finds speech in one channel's stream of blocks.

    VAD runs on a rolling buffer: regions that end well before the buffer end are
    final; the open tail is carried to the next block, so a region never splits
    at a block edge and memory stays bounded by one block plus one region.
    """

    _MARGIN_S = 2.0  # VAD needs to see this much audio after a region to close it for good
    _MAX_CARRY_S = 120.0

    def __init__(self, options: WhisperOptions):
        from faster_whisper.vad import VadOptions

        self.vad = VadOptions(
            threshold=options.vad_threshold,
            min_silence_duration_ms=options.vad_min_silence_ms,
            speech_pad_ms=options.vad_speech_pad_ms,
            max_speech_duration_s=options.chunk_s,
        )
        self.buffer = np.zeros(0, dtype=np.float32)
        self.buffer_start = 0  # call sample index of buffer[0]

    def feed(self, samples: np.ndarray, *, final: bool = False) -> list[tuple[int, np.ndarray]]:
        """Add samples; return the finished speech regions as ``(call_start, audio)``."""
        from faster_whisper.vad import get_speech_timestamps

        buf = np.concatenate([self.buffer, samples]) if len(self.buffer) else np.asarray(samples, dtype=np.float32)
        speeches = get_speech_timestamps(buf, self.vad) if len(buf) >= 512 else []
        final = final or len(buf) > self._MAX_CARRY_S * SAMPLE_RATE
        if final:
            done, cut = speeches, len(buf)
        else:
            horizon = len(buf) - int(self._MARGIN_S * SAMPLE_RATE)
            done = [s for s in speeches if s["end"] <= horizon]
            open_ = speeches[len(done) :]
            last_end = done[-1]["end"] if done else 0
            cut = max(open_[0]["start"], last_end) if open_ else max(horizon, last_end, 0)
        regions = [(self.buffer_start + s["start"], buf[s["start"] : s["end"]].copy()) for s in done]
        self.buffer = buf[cut:].copy()
        self.buffer_start += cut
        return regions


class _Packer:
    """Packs speech regions into chunks of at most ``chunk_s`` seconds."""

    def __init__(self, chunk_s: float):
        self.chunk_samples = int(chunk_s * SAMPLE_RATE)
        self.current = _Chunk()

    def add(self, audio: np.ndarray, call_start: int, channel: int) -> list[_Chunk]:
        ready = []
        for i in range(0, len(audio), self.chunk_samples):  # VAD caps regions at chunk_s; this is a safety net
            piece = audio[i : i + self.chunk_samples]
            if self.current.length + len(piece) > self.chunk_samples:
                ready.append(self.current)
                self.current = _Chunk()
            self.current.add(piece, call_start + i, channel)
        return ready

    def flush(self) -> list[_Chunk]:
        ready = [self.current] if self.current.length else []
        self.current = _Chunk()
        return ready


def _unheard(chunk: _Chunk, spans: list[tuple[float, float]], min_gap_s: float) -> list[tuple[int, np.ndarray, int]]:
    """Stretches of a chunk (at least ``min_gap_s``) that no word covers, as ``(call_start, audio, channel)``."""
    pad = 0.25
    covered = sorted((max(0.0, a - pad), b + pad) for a, b in spans)
    gaps, cursor = [], 0.0
    for a, b in covered:
        if a - cursor >= min_gap_s:
            gaps.append((cursor, a))
        cursor = max(cursor, b)
    end = chunk.length / SAMPLE_RATE
    if end - cursor >= min_gap_s:
        gaps.append((cursor, end))
    out = []
    for a, b in gaps:
        lo, hi = int(a * SAMPLE_RATE), int(b * SAMPLE_RATE)
        for audio, r in zip(chunk.pieces, chunk.regions):
            s, e = max(lo, r.chunk_start), min(hi, r.chunk_start + r.length)
            if e > s:
                out.append((r.call_start + (s - r.chunk_start), audio[s - r.chunk_start : e - r.chunk_start], r.channel))
    return out


@dataclass
class _RawSegment:
    channel: int
    start_s: float
    end_s: float
    text: str
    avg_logprob: float | None
    no_speech_prob: float | None
    suspect_reason: str | None = None


class WhisperTranscriber:
    """Transcribes call recordings with a faster-whisper (CTranslate2) model, loaded once."""

    def __init__(self, model_path: str, *, identity: str, threads: int = 0, options: WhisperOptions = WhisperOptions()):
        from callqa.errors import ModelNotFoundError

        try:
            from faster_whisper import BatchedInferencePipeline, WhisperModel

            self._model = WhisperModel(
                model_path, device="cpu", compute_type=options.compute_type, cpu_threads=threads, num_workers=1
            )
        except Exception as e:  # noqa: BLE001 - any load failure is a model problem for the user
            raise ModelNotFoundError(
                f"cannot load the Whisper model {model_path!r} ({' '.join(str(e).split())[:200]}); "
                "use the bundled tiny.en (the default), a local CTranslate2 model directory, "
                "or a faster-whisper model name while online."
            ) from None
        self._pipeline = BatchedInferencePipeline(self._model)
        self.options = options
        self.id = whisper_id(identity, options)

    def transcribe(
        self, path: str, info: AudioInfo, *, agent_channel: str = "left", direction: str | None = None
    ) -> Transcript:
        """Transcribe one recording; stereo channels become agent and customer."""
        stereo = info.channels >= 2 and not info.dual_mono
        n_channels = 2 if stereo else 1
        vads = [_ChannelVad(self.options) for _ in range(n_channels)]
        # One packer per channel: a window never mixes the two voices, so every word's
        # speaker is certain (mixed windows made Whisper blur words across the turn change).
        packers = [_Packer(self.options.chunk_s) for _ in range(n_channels)]
        # Speech Whisper skipped or looped on gets two more chances: packed into half-size
        # windows, then one region per window. Only the failures pay for the extra passes.
        retry_packers = [_Packer(self.options.chunk_s / 2) for _ in range(n_channels)]
        batch = self.options.batch_size
        queues: list[list[_Chunk]] = [[], [], []]  # chunks waiting for pass 1, 2, 3
        raw: list[_RawSegment] = []
        total = 0

        def run(level: int, *, flush: bool) -> None:
            queue = queues[level]
            while len(queue) >= batch or (flush and queue):
                segments, missed = self._decode(queue[:batch], find_missed=level < 2)
                raw.extend(segments)
                for call_start, audio, channel in missed:
                    if level == 0:
                        queues[1].extend(retry_packers[channel].add(audio, call_start, channel))
                    else:
                        alone = _Chunk()
                        alone.add(audio, call_start, channel)
                        queues[2].append(alone)
                del queue[:batch]

        def pack(found: list[tuple[int, int, np.ndarray]]) -> None:
            for call_start, channel, audio in sorted(found, key=lambda f: (f[0], f[1])):
                queues[0].extend(packers[channel].add(audio, call_start, channel))

        for block in iter_blocks(path, channels=n_channels, block_s=self.options.block_s):
            total += block.shape[1]
            pack([(start, ch, audio) for ch, vad in enumerate(vads) for start, audio in vad.feed(block[ch])])
            for level in range(3):
                run(level, flush=False)
        empty = np.zeros(0, dtype=np.float32)
        pack([(start, ch, audio) for ch, vad in enumerate(vads) for start, audio in vad.feed(empty, final=True)])
        for p in packers:
            queues[0].extend(p.flush())
        run(0, flush=True)
        for p in retry_packers:
            queues[1].extend(p.flush())
        run(1, flush=True)
        run(2, flush=True)
        if total == 0:
            raise AudioError("corrupt", f"{path} has no decodable audio frames; re-export it from the phone system or remove it from the folder.")
        return build_transcript(
            raw,
            duration_s=total / SAMPLE_RATE,
            stereo=stereo,
            model=self.id,
            agent_channel=agent_channel,
            direction=direction,
        )

    def _decode(
        self, chunks: list[_Chunk], *, find_missed: bool
    ) -> tuple[list[_RawSegment], list[tuple[int, np.ndarray, int]]]:
        """Run one batch of chunks through Whisper.

        Returns the segments in call time and, when ``find_missed``, the stretches of
        speech Whisper skipped or looped on (batched decoding without a seek loop sometimes
        drops the start or end of a chunk, or repeats one phrase) as
        ``(call_start, audio, channel)`` for one more pass in a smaller window.
        """
        audios = [c.audio for c in chunks]
        clips = []
        seek_to_chunk: dict[int, int] = {}
        pos = 0
        fps = self._model.frames_per_second
        for i, a in enumerate(audios):
            # +0.25 sample keeps int(seconds * rate) inside faster-whisper from rounding down.
            clips.append({"start": (pos + 0.25) / SAMPLE_RATE, "end": (pos + len(a) + 0.25) / SAMPLE_RATE})
            seek_to_chunk[int(pos / SAMPLE_RATE * fps)] = i
            pos += len(a)
        # The pipeline carries the last word's end from one call to the next and resets it only
        # when a generator is consumed to the end; start every batch from the same state.
        self._pipeline.last_speech_timestamp = 0.0
        segments, _ = self._pipeline.transcribe(
            np.concatenate(audios),
            language="en",
            clip_timestamps=clips,
            batch_size=len(chunks),
            beam_size=self.options.beam_size,
            word_timestamps=True,
            without_timestamps=not self.options.timestamps,
            log_progress=False,
        )
        out: list[_RawSegment] = []
        heard: list[list[tuple[float, float]]] = [[] for _ in chunks]  # chunk-time spans with words
        no_speech = [1.0] * len(chunks)
        for seg in segments:  # consume the lazy generator here
            i = seek_to_chunk.get(seg.seek)
            if i is None:
                i = max(0, bisect.bisect_right([c["start"] for c in clips], seg.start) - 1)
            offset = seg.seek / fps
            no_speech[i] = min(no_speech[i], seg.no_speech_prob)
            if find_missed and guards.is_loop(seg.text):
                continue  # a repetition loop: decode this speech again in a smaller window instead
            if seg.words:
                heard[i].extend((w.start - offset, w.end - offset) for w in seg.words)
            elif seg.text.strip():
                heard[i].append((seg.start - offset, seg.end - offset))
            out.extend(self._split(seg, chunks[i], offset))
        missed: list[tuple[int, np.ndarray, int]] = []
        if find_missed:
            for chunk, spans, p_none in zip(chunks, heard, no_speech):
                if spans or p_none < self.options.no_speech_retry:
                    missed.extend(_unheard(chunk, spans, self.options.retry_gap_s))
        return out, missed

    def _split(self, seg, chunk: _Chunk, offset: float) -> list[_RawSegment]:
        """Map a Whisper segment's words to call time; split it at pauses."""
        if not seg.text.strip():
            return []
        if not seg.words:
            region = chunk.region_at(seg.start - offset)
            start = chunk.to_call_time(seg.start - offset, region)
            end = chunk.to_call_time(seg.end - offset, region)
            return [_RawSegment(region.channel, start, max(start, end), seg.text.strip(), seg.avg_logprob, seg.no_speech_prob)]
        mapped = []
        for w in seg.words:
            # Both ends move with the word's middle, so a word never straddles a removed silence.
            region = chunk.region_at((w.start + w.end) / 2 - offset)
            start = chunk.to_call_time(w.start - offset, region)
            end = max(start, chunk.to_call_time(w.end - offset, region))
            mapped.append((region.channel, start, end, w.word, w.probability))
        mapped.sort(key=lambda m: (m[0], m[1]))
        groups: list[list[tuple[int, float, float, str, float]]] = [[mapped[0]]]
        for m in mapped[1:]:
            last = groups[-1][-1]
            if m[0] != last[0] or m[1] - last[2] >= self.options.split_gap_s:
                groups.append([m])
            else:
                groups[-1].append(m)
        out = []
        for g in groups:
            text = "".join(m[3] for m in g).strip()
            if not text:
                continue
            logprob = sum(math.log(max(m[4], 1e-6)) for m in g) / len(g)
            out.append(_RawSegment(g[0][0], g[0][1], max(g[-1][2], g[0][1]), text, logprob, seg.no_speech_prob))
        return out


def build_transcript(
    raw: list[_RawSegment],
    *,
    duration_s: float,
    stereo: bool,
    model: str,
    agent_channel: str = "left",
    direction: str | None = None,
    guard_options: guards.GuardOptions = guards.GuardOptions(),
) -> Transcript:
    """Guard, assign roles and merge per-channel segments into one Transcript."""
    by_channel: dict[int, list[_RawSegment]] = {}
    for r in raw:
        by_channel.setdefault(r.channel, []).append(r)
    for segs in by_channel.values():
        segs.sort(key=lambda r: (r.start_s, r.end_s))
        for r in segs:
            r.suspect_reason = guards.segment_suspect(
                r.text, no_speech_prob=r.no_speech_prob, avg_logprob=r.avg_logprob, options=guard_options
            )
        loops = guards.looped_segments([r.text for r in segs], times=guard_options.repeat_segments)
        for r, looped in zip(segs, loops):
            if looped and r.suspect_reason is None:
                r.suspect_reason = "repeated_segment"

    agent_ch: int | None = None
    role_confidence: float | None = None
    if stereo:
        clean = [(r.channel, r.start_s, r.text) for r in raw if r.suspect_reason is None]
        agent_ch, role_confidence, _ = roles.decide_agent_channel(clean, mode=agent_channel, direction=direction)

    ordered = sorted(raw, key=lambda r: (r.start_s, r.end_s, r.channel))
    segments = []
    for i, r in enumerate(ordered):
        if stereo:
            speaker = AGENT if r.channel == agent_ch else CUSTOMER
        else:
            speaker = UNKNOWN
        segments.append(
            Segment(
                index=i,
                speaker=speaker,
                start_s=round(float(r.start_s), 3),
                end_s=round(float(r.end_s), 3),
                text=r.text,
                confidence=None if r.avg_logprob is None else round(math.exp(float(r.avg_logprob)), 4),
                no_speech_prob=None if r.no_speech_prob is None else round(float(r.no_speech_prob), 4),
                channel=r.channel if stereo else None,
                suspect=r.suspect_reason is not None,
                suspect_reason=r.suspect_reason,
            )
        )
    return Transcript(
        segments=tuple(segments),
        duration_s=round(float(duration_s), 3),
        model=model,
        channels=2 if stereo else 1,
        agent_channel=agent_ch,
        role_confidence=role_confidence,
    )

"""The main job: ingest call records, transcribe recordings, classify, store.

This is the only module that joins stages with the store and the progress bar.
Per-call failures are recorded in the store and counted, never raised: one bad
recording never stops a batch. Each finished call is committed on its own, so a
killed batch resumes where it stopped and redoes no finished call.
"""

from __future__ import annotations

import functools
import hashlib
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from callqa.config import Settings
from callqa.errors import AudioError, InputFileError
from callqa.schema import CallRecord, RowError, Transcript
from callqa.store import Store

# Files we try to decode. Anything else in a recordings folder (notes, CSVs, our own
# sidecars) is skipped; a non-audio file *named* like audio is reported as failed.
AUDIO_EXTENSIONS = frozenset(
    ".wav .wave .mp3 .m4a .aac .mp4 .ogg .oga .opus .flac .wma .amr .webm .3gp .gsm .au .aif .aiff .caf .mka .ulaw .alaw".split()
)


@dataclass(frozen=True)
class RunOptions:
    model: str | None = None  # None: bundled Whisper tiny.en
    workers: int | None = None  # None: the transcription pool's default for this machine
    threads: int = 0  # CPU threads per worker; 0: let CTranslate2 decide
    agent_channel: str | None = None  # None: settings.agent_channel
    retry_failed: bool = False
    redact: bool = False  # store transcripts and evidence with PII masked
    column_map: dict[str, str] | None = None


@dataclass
class RunSummary:
    recordings: int = 0
    transcribed: int = 0
    reused: int = 0  # transcripts found in the store (same audio, model and options)
    classified: int = 0
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (file, kind, reason)
    records_loaded: int = 0
    record_errors: list[RowError] = field(default_factory=list)
    audio_s: float = 0.0
    elapsed_s: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass(frozen=True)
class _Work:
    """One recording found on disk, with what the store already knows about it."""

    path: str
    file_name: str
    call_id: str
    audio_sha256: str
    transcript_key: str
    direction: str | None


def find_recordings(inputs: Sequence[str | Path]) -> list[tuple[Path, str]]:
    """Expand files and folders into (absolute path, name relative to its folder), sorted.

    Raises:
        InputFileError: an input does not exist.
    """
    found: list[tuple[Path, str]] = []
    for item in inputs:
        p = Path(item)
        if not p.exists():
            raise InputFileError(f"{p} does not exist. Pass a recordings folder or audio files that exist.")
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in AUDIO_EXTENSIONS:
                    found.append((f.resolve(), f.relative_to(p).as_posix()))
        else:
            found.append((p.resolve(), p.name))
    return found


def transcript_key(audio_sha256: str, transcriber_id: str, agent_channel: str) -> str:
    """Content-hash key of a transcript: same audio, model and options -> same transcript."""
    return hashlib.sha256(f"{audio_sha256}\0{transcriber_id}\0{agent_channel}".encode()).hexdigest()


def import_call_records(
    store: Store, path: str | Path, *, settings: Settings, column_map: dict[str, str] | None = None
) -> tuple[int, list[RowError]]:
    """Load a call-record file into the store. Returns (records loaded, rejected rows)."""
    from callqa.scoring.records import read_call_records

    result = read_call_records(path, settings=settings, column_map=column_map)
    store.upsert_call_records(result.records, source_file=str(path), rows=result.rows)
    store.record_import_errors(str(path), result.errors)
    return len(result.records), list(result.errors)


class _Progress:
    """A progress bar with ETA and ×realtime on stderr (silent when stderr is not a terminal and quiet)."""

    def __init__(self, total: int, *, enabled: bool):
        self.enabled = enabled
        self.started = time.monotonic()
        self.audio_s = 0.0
        if enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

            self._bar = Progress(
                TextColumn("[bold]transcribing"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[speed]}"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self._task = self._bar.add_task("run", total=total, speed="")
            self._bar.start()

    def advance(self, audio_s: float) -> None:
        self.audio_s += audio_s
        if self.enabled:
            wall = max(time.monotonic() - self.started, 1e-6)
            self._bar.update(self._task, advance=1, speed=f"{self.audio_s / wall:.1f}× realtime")

    def close(self) -> None:
        if self.enabled:
            self._bar.stop()


def run(
    store: Store,
    inputs: Sequence[str | Path],
    *,
    settings: Settings,
    metadata: str | Path | None = None,
    options: RunOptions = RunOptions(),
    progress: bool = True,
    log: Callable[[str], None] = lambda msg: print(msg, file=sys.stderr),
) -> RunSummary:
    """Ingest, transcribe, classify and store. Never raises for a single bad recording."""
    from callqa.classify import classifier_version, load_classifier
    from callqa.scoring.conversation import conversation_features
    from callqa.scoring.rubric import load_rubric
    from callqa.transcribe import TranscribeJob, TranscribePool

    started = time.monotonic()
    summary = RunSummary()
    agent_channel = options.agent_channel or settings.agent_channel

    if metadata is not None:
        summary.records_loaded, summary.record_errors = import_call_records(
            store, metadata, settings=settings, column_map=options.column_map
        )
        for err in summary.record_errors[:20]:
            log(f"{metadata}: row {err.row}: {err.reason}")
        if len(summary.record_errors) > 20:
            log(f"{metadata}: … {len(summary.record_errors) - 20} more rejected rows (see `callqa calls --import-errors`)")

    files = find_recordings(inputs)
    summary.recordings = len(files)
    # spaCy and the models take seconds to load: only when a call needs them, then once.
    version = classifier_version()
    classifier = functools.cache(load_classifier)

    rubric = load_rubric(settings.rubric)
    redactor = None
    if options.redact:
        from callqa.classify.redact import Redactor

        redactor = Redactor()
    # workers=0 lets the pool choose for this machine (cores and free memory).
    with TranscribePool(options.model, workers=options.workers or 0, threads=options.threads,
                        agent_channel=agent_channel) as pool:
        todo: dict[str, _Work] = {}  # path -> work needing transcription
        ready: list[_Work] = []  # transcript already in the store: classify only
        for path, file_name in files:
            work_or_none = _plan(store, path, file_name, pool_id=pool.id + (":redacted" if options.redact else ""),
                                 agent_channel=agent_channel, summary=summary,
                                 retry_failed=options.retry_failed)
            if work_or_none is None:
                continue
            work, needs_transcript = work_or_none
            if needs_transcript:
                todo[work.path] = work
            else:
                ready.append(work)

        for work in ready:
            summary.classified += _classify_and_store(store, work, classifier=classifier, version=version,
                                                      settings=settings, rubric=rubric)
            summary.reused += 1

        bar = _Progress(len(todo), enabled=progress and bool(todo))
        try:
            jobs = (TranscribeJob(path=w.path, direction=w.direction) for w in todo.values())
            for job, result in pool.imap_unordered(jobs):
                work = todo[job.path]
                if isinstance(result, AudioError):
                    _record_failure(store, work, result)
                    summary.failed.append((work.file_name, result.kind, str(result)))
                    bar.advance(0.0)
                    continue
                info, transcript = result.info, result.transcript
                features = conversation_features(transcript, silence_min_s=settings.silence_min_s)
                classification = classifier().classify(transcript, features=features,
                                                       record=_load_record(store, work.call_id))
                scored_transcript = transcript
                if redactor is not None:
                    # Classify on the words as heard, then keep only the redacted text.
                    classification = redactor.redact_classification(classification, transcript)
                    transcript = redactor.redact_transcript(transcript)
                with store.transaction():  # the whole call or nothing, so a kill never leaves half a call
                    store.save_transcript(
                        work.transcript_key,
                        audio_sha256=work.audio_sha256,
                        transcript=transcript,
                        features=features,
                        options={"transcriber": pool.id, "agent_channel": agent_channel, "redacted": options.redact},
                    )
                    store.upsert_recording(
                        {
                            **_recording_row(work),
                            "container": info.container,
                            "codec": info.codec,
                            "channels": info.channels,
                            "sample_rate": info.sample_rate,
                            "duration_s": info.duration_s,
                            "dual_mono": int(info.dual_mono),
                            "status": "classified",
                        }
                    )
                    store.save_classification(work.call_id, classification, transcript_key=work.transcript_key)
                    score_and_store(store, work.call_id, scored_transcript, rubric)
                summary.transcribed += 1
                summary.classified += 1
                summary.audio_s += info.duration_s
                bar.advance(info.duration_s)
        finally:
            bar.close()

    # Bring the metrics cache up to date now, so the first `callqa metrics` is quick.
    from callqa.scoring.facts import facts_table

    facts_table(store, settings)
    summary.elapsed_s = time.monotonic() - started
    return summary


def _recording_row(work: _Work) -> dict:
    return {
        "path": work.path,
        "file_name": work.file_name,
        "call_id": work.call_id,
        "audio_sha256": work.audio_sha256,
        "transcript_key": work.transcript_key,
        "failure_kind": None,
        "failure_reason": None,
    }


def _plan(store: Store, path: Path, file_name: str, *, pool_id: str, agent_channel: str, summary: RunSummary,
          retry_failed: bool) -> tuple[_Work, bool] | None:
    """Decide what a recording needs. Returns (work, needs transcription) or None when nothing is left to do."""
    from callqa.transcribe.audio import hash_file

    spath = str(path)
    call_id = store.call_id_for_recording(file_name) or _call_id_from_name(file_name)
    record = store.query("SELECT direction FROM call_records WHERE call_id = :c", {"c": call_id})
    direction = record[0]["direction"] if record else None
    try:
        audio_sha256 = hash_file(spath)
    except OSError as e:
        err = AudioError("missing", f"{file_name} cannot be read ({e.strerror}); check the file's permissions.")
        work = _Work(spath, file_name, call_id, "", "", direction)
        _record_failure(store, work, err)
        summary.failed.append((file_name, err.kind, str(err)))
        return None

    key = transcript_key(audio_sha256, pool_id, agent_channel)
    work = _Work(spath, file_name, call_id, audio_sha256, key, direction)
    previous = store.get_recording(spath)

    if previous and previous["audio_sha256"] == audio_sha256 and previous["status"] == "failed" and not retry_failed:
        summary.failed.append((file_name, previous["failure_kind"], previous["failure_reason"] + " (recorded by an earlier run; use --retry-failed to try again)"))
        return None
    if previous and previous["call_id"] != call_id:
        # The call record arrived after the recording: move machine labels to the new call_id.
        with store.transaction():
            store.delete_machine_labels(previous["call_id"])
    if store.has_transcript(key):
        with store.transaction():
            store.upsert_recording({**_recording_row(work), **_info_columns(previous), "status": previous["status"] if previous and previous["status"] != "failed" else "transcribed"})
        return work, False
    with store.transaction():
        store.upsert_recording({**_recording_row(work), "status": "pending"})
    return work, True


def _info_columns(previous: dict | None) -> dict:
    if not previous:
        return {}
    return {k: previous[k] for k in ("container", "codec", "channels", "sample_rate", "duration_s", "dual_mono")}


def _call_id_from_name(file_name: str) -> str:
    """A recording with no call record is its own call, named after the file (without extension)."""
    return str(Path(file_name).with_suffix("")).replace("\\", "/")


def _record_failure(store: Store, work: _Work, err: AudioError) -> None:
    with store.transaction():
        store.upsert_recording(
            {**_recording_row(work), "status": "failed", "failure_kind": err.kind, "failure_reason": str(err)}
        )


def _classify_and_store(store: Store, work: _Work, *, classifier: Callable[[], Any], version: str,
                        settings: Settings, rubric) -> bool:
    """Classify and score a stored transcript, unless this classifier and rubric already did.

    ``classifier`` returns the loaded classifier (loading it on first use); ``version`` is its
    version, known without loading. Returns whether the call was classified again.
    """
    labelled = store.labels_version(work.call_id, work.transcript_key) == version
    scored = store.scorecard_version(work.call_id) == rubric.label
    if labelled and scored:
        with store.transaction():
            store.set_recording_status(work.path, "classified")
        return False
    from callqa.scoring.conversation import conversation_features

    transcript = store.load_transcript(work.transcript_key)
    with store.transaction():
        if not labelled:
            features = conversation_features(transcript, silence_min_s=settings.silence_min_s)
            classification = classifier().classify(transcript, features=features,
                                                   record=_load_record(store, work.call_id))
            store.save_classification(work.call_id, classification, transcript_key=work.transcript_key)
        score_and_store(store, work.call_id, transcript, rubric)
        store.set_recording_status(work.path, "classified")
    return not labelled


def score_and_store(store: Store, call_id: str, transcript: Transcript, rubric) -> None:
    """QA-score a call with its effective labels (a human's outcome counts). Call inside a transaction."""
    from callqa.scoring.rubric import score_call

    labels = {r["task"]: r["value"] for r in store.query(
        "SELECT task, value FROM effective_labels WHERE call_id = :c", {"c": call_id})}
    card = score_call(transcript, rubric, outcome=labels.get("outcome"), is_spam=labels.get("spam", "legit") != "legit")
    store.save_scorecard(call_id, card)


def rescore_call(store: Store, call_id: str, settings: Settings) -> None:
    """Score a call again after a review changed its outcome or spam label (which rubric items apply)."""
    from callqa.scoring.rubric import load_rubric

    rows = store.query("SELECT transcript_key FROM recordings WHERE call_id = :c AND transcript_key IS NOT NULL "
                       "AND status != 'failed' ORDER BY updated_at DESC LIMIT 1", {"c": call_id})
    transcript = store.load_transcript(rows[0]["transcript_key"]) if rows else None
    if transcript is None:
        return
    with store.transaction():
        score_and_store(store, call_id, transcript, load_rubric(settings.rubric))


def _load_record(store: Store, call_id: str) -> CallRecord | None:
    rows = store.query("SELECT * FROM call_records WHERE call_id = :c", {"c": call_id})
    if not rows:
        return None
    fields = set(CallRecord.__dataclass_fields__) - {"extra"}
    return CallRecord(**{k: v for k, v in rows[0].items() if k in fields})


def classify_transcripts(
    items: Iterable[tuple[int, str, Transcript] | RowError], *, classifier, batch_size: int = 256
) -> Iterable[dict | RowError]:
    """Classify transcripts made elsewhere (SPEC §7 `classify`), in input order; bad lines pass through as RowError."""
    batch: list[tuple[int, str, Transcript] | RowError] = []

    def flush() -> Iterable[dict | RowError]:
        good = [item for item in batch if not isinstance(item, RowError)]
        results = iter(classifier.classify_many([(t, None, None) for _, _, t in good]))
        for item in batch:
            yield item if isinstance(item, RowError) else next(results).to_json(item[1])

    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from flush()
            batch = []
    yield from flush()

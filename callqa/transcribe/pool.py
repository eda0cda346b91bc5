"""Transcribe many recordings: in-process, or in worker processes that load the model once.

Every job ends as a ``TranscribeResult`` or an ``AudioError`` for that job only;
the batch always goes on. Worker processes are started with ``spawn`` (no forked
CTranslate2 or ONNX threads) and at most ``2 × workers`` jobs are in flight, so
memory does not grow with the batch.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from callqa.errors import AudioError, CallqaError, ModelNotFoundError
from callqa.schema import AudioInfo, Transcript

_FIX = "re-export it from the phone system or remove it from the folder"


@dataclass(frozen=True)
class TranscribeJob:
    """One recording to transcribe. None options take the pool's defaults."""

    path: str
    direction: str | None = None  # inbound | outbound, from the call record
    agent_channel: str | None = None  # left | right | auto


@dataclass(frozen=True)
class TranscribeResult:
    info: AudioInfo
    transcript: Transcript


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


WORKER_MEMORY_BYTES = 700 * 2**20  # peak of one worker with tiny.en at the default batch size, plus headroom


def available_memory_bytes() -> int | None:
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def default_workers() -> int:
    """Worker processes when none are asked for: one per core, at most 4, and no more than memory allows.

    One process per core beats one process with many threads: decoding, VAD and
    feature extraction are single-threaded, so threads would sit idle during them.
    """
    memory = available_memory_bytes()
    by_memory = max(1, memory // WORKER_MEMORY_BYTES) if memory else 4
    return max(1, min(4, cpu_count(), by_memory))


def run_job(transcriber, job: TranscribeJob, agent_channel: str) -> TranscribeResult | AudioError:
    """Probe and transcribe one recording; any failure becomes an AudioError for this job."""
    from callqa.transcribe.audio import probe

    try:
        info = probe(job.path)
        transcript = transcriber.transcribe(
            job.path, info, agent_channel=job.agent_channel or agent_channel, direction=job.direction
        )
        return TranscribeResult(info, transcript)
    except AudioError as e:
        return e
    except ModelNotFoundError:
        raise
    except MemoryError:
        return AudioError("decode_error", f"{job.path} ran out of memory while transcribing; run with fewer --workers.")
    except Exception as e:  # noqa: BLE001 - one bad file never stops the batch
        reason = " ".join(f"{type(e).__name__}: {e}".split())[:200]
        return AudioError("decode_error", f"{job.path} failed to transcribe ({reason}); {_FIX}.")


# --- worker process side -------------------------------------------------------------------

_worker_state: dict = {}


def _init_worker(model: str | None, threads: int, options) -> None:
    from callqa.transcribe import get_transcriber

    try:
        _worker_state["transcriber"] = get_transcriber(model, threads=threads, options=options)
    except ModelNotFoundError as e:
        _worker_state["fatal"] = str(e)


def _work(job: TranscribeJob, agent_channel: str) -> tuple:
    # AudioError does not pickle (two-argument constructor), so it travels as a tuple.
    if "fatal" in _worker_state:
        return ("fatal", _worker_state["fatal"])
    result = run_job(_worker_state["transcriber"], job, agent_channel)
    if isinstance(result, AudioError):
        return ("error", result.kind, str(result))
    return ("ok", result)


# --- driver side ---------------------------------------------------------------------------


def _largest_first(jobs: Iterable[TranscribeJob], *, lookahead: int) -> Iterator[TranscribeJob]:
    """Reorder jobs, biggest file first, within a bounded read-ahead window.

    A long recording started last keeps one worker busy while the others idle;
    started early, it overlaps with the short ones.
    """

    def size(job: TranscribeJob) -> int:
        try:
            return os.path.getsize(job.path)
        except OSError:
            return -1  # missing: fails fast whenever it runs

    window: list[tuple[int, int, TranscribeJob]] = []
    counter = 0
    for job in jobs:
        window.append((-size(job), counter, job))
        counter += 1
        if len(window) >= lookahead:
            window.sort()
            yield window.pop(0)[2]
    window.sort()
    for _, _, job in window:
        yield job


class TranscribePool:
    """The pipeline's entry point for transcription.

    Example:
        with TranscribePool(workers=2) as pool:
            for job, result in pool.imap_unordered(TranscribeJob(p) for p in paths):
                ...

    Args:
      model: None for the bundled tiny.en, a CTranslate2 directory, a model name, or "fake".
      workers: 0 (the default) picks ``default_workers()``; 1 runs in this process; more start
        worker processes that each load the model once.
      threads: CTranslate2 threads per worker; 0 splits the cores between workers.
      agent_channel: default for jobs: left, right or auto.
      options: ``WhisperOptions``; None for the defaults.
    """

    def __init__(
        self,
        model: str | None = None,
        *,
        workers: int = 0,
        threads: int = 0,
        agent_channel: str = "left",
        options=None,
    ):
        from callqa.transcribe import transcriber_id

        if agent_channel not in ("left", "right", "auto"):
            raise ValueError(f"agent_channel must be left, right or auto, not {agent_channel!r}")
        self.model = model
        self.workers = default_workers() if workers <= 0 else workers
        self.threads = threads if threads > 0 else max(1, cpu_count() // self.workers)
        self.agent_channel = agent_channel
        self.options = options
        self.id = transcriber_id(model, options=options)  # resolves the model: fails early when it is missing
        self._transcriber = None
        self._executor = None

    def __enter__(self) -> TranscribePool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def imap_unordered(self, jobs: Iterable[TranscribeJob]) -> Iterator[tuple[TranscribeJob, TranscribeResult | AudioError]]:
        """Yield ``(job, result or AudioError)`` as each job finishes.

        Raises:
            ModelNotFoundError: the model cannot be loaded (nothing can be transcribed).
        """
        if self.workers == 1:
            yield from self._in_process(jobs)
        else:
            yield from self._in_workers(jobs)

    def _in_process(self, jobs: Iterable[TranscribeJob]):
        for job in jobs:
            if self._transcriber is None:
                from callqa.transcribe import get_transcriber

                self._transcriber = get_transcriber(self.model, threads=self.threads, options=self.options)
            yield job, run_job(self._transcriber, job, self.agent_channel)

    def _new_executor(self):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.model, self.threads, self.options),
        )

    def _in_workers(self, jobs: Iterable[TranscribeJob]):
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        pending_jobs = _largest_first(jobs, lookahead=16 * self.workers)
        suspects: list[TranscribeJob] = []  # in flight when a worker died: rerun one at a time
        crashed: set[TranscribeJob] = set()
        in_flight: dict = {}
        limit = 2 * self.workers
        if self._executor is None:
            self._executor = self._new_executor()

        def submit_more() -> None:
            if suspects:
                if not in_flight:
                    job = suspects.pop(0)
                    in_flight[self._executor.submit(_work, job, self.agent_channel)] = job
                return
            while len(in_flight) < limit:
                job = next(pending_jobs, None)
                if job is None:
                    return
                in_flight[self._executor.submit(_work, job, self.agent_channel)] = job

        answered = False  # has any worker finished a job? If not, a crash is the pool's, not a file's

        def crash(job: TranscribeJob):
            """A worker died (native crash, out of memory) while this job was in flight."""
            if job in crashed:  # it ran alone and the worker died again: this file is the cause
                if not answered:
                    raise CallqaError(
                        "transcription worker processes die before finishing any file; run with --workers 1, "
                        "or, when calling callqa from a script, put the calling code under "
                        "`if __name__ == \"__main__\":` (workers are started with spawn)."
                    ) from None
                return AudioError("decode_error", f"{job.path} crashed the transcription worker; {_FIX}.")
            crashed.add(job)
            suspects.append(job)
            return None

        submit_more()
        while in_flight:
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                job = in_flight.pop(future)
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    broken = True
                    error = crash(job)
                    if error is not None:
                        yield job, error
                    continue
                answered = True
                if outcome[0] == "fatal":
                    raise ModelNotFoundError(outcome[1])
                if outcome[0] == "error":
                    yield job, AudioError(outcome[1], outcome[2])
                else:
                    yield job, outcome[1]
            if broken:
                for job in list(in_flight.values()):
                    error = crash(job)
                    if error is not None:
                        yield job, error
                in_flight.clear()
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = self._new_executor()
            submit_more()

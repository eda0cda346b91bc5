"""Throughput of classifying transcripts already made (issue 4: >= 200 calls/s on 2 cores).

Usage:  .venv/bin/python bench/classify.py [--calls 2000] [--models-dir models]

Loads the classifier once, then labels the same generated calls two ways in one run:
``classify_many`` in batches (what `callqa classify` and `callqa run` use) and
``classify()`` one call at a time, and prints calls/s for both and their ratio.
"""

from __future__ import annotations

import argparse
import time

from callqa.classify import load_classifier
from callqa.classify import synth
from callqa.classify.io import transcript_from_json


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000, help="number of generated calls to label")
    parser.add_argument("--batch", type=int, default=256, help="batch size for classify_many")
    parser.add_argument("--models-dir", default=None, help="models folder (default: the repo's models/)")
    parser.add_argument("--seed", type=int, default=12345, help="generator seed (not the training seed)")
    args = parser.parse_args()

    t0 = time.perf_counter()
    classifier = load_classifier(args.models_dir)
    load_s = time.perf_counter() - t0
    calls = synth.generate_calls(args.calls, seed=args.seed)
    transcripts = [transcript_from_json({"segments": list(c.segments)}) for c in calls]
    words = sum(len(s.text.split()) for t in transcripts for s in t.segments)
    print(f"classifier {classifier.version} loaded in {load_s:.2f} s")
    print(f"{len(transcripts)} generated calls, {words / len(transcripts):.0f} words per call on average")

    classifier.classify_many([(t, None, None) for t in transcripts[:50]])  # warm caches
    t0 = time.perf_counter()
    for i in range(0, len(transcripts), args.batch):
        classifier.classify_many([(t, None, None) for t in transcripts[i : i + args.batch]])
    batched = len(transcripts) / (time.perf_counter() - t0)

    n_single = min(len(transcripts), 500)
    t0 = time.perf_counter()
    for t in transcripts[:n_single]:
        classifier.classify(t)
    single = n_single / (time.perf_counter() - t0)

    print(f"classify_many (batch {args.batch}): {batched:8.1f} calls/s  ({batched * words / len(transcripts):,.0f} words/s)")
    print(f"classify() one by one:       {single:8.1f} calls/s   ({n_single} calls)")
    print(f"batched / one-by-one:        {batched / single:8.2f}x")
    print(f"target >= 200 calls/s: {'met' if batched >= 200 else 'NOT met'} "
          "(generated calls are short; a 5-minute call has ~700 words, so divide by words per call)")


if __name__ == "__main__":
    main()

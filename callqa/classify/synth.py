"""Synthetic labeled call transcripts: seed training data for the SPEC §3 classifiers.

There is no public corpus of labeled legitimate business calls, so callqa writes its
own: scenario templates (``synth_sales``, ``synth_support``, ``synth_other``,
``synth_spam``) played through a conversation builder (``synth_lang``) across trade
profiles (``synth_industries``), then laid on a timeline with speech-rate timings and,
optionally, ASR-style noise and mono (speaker-less) rendering. Every call carries the
labels of its scenario; the scenario name (``support/password_reset/resolved``) is the
unit for held-out splits, so a model scored on scenarios it never saw is scored on
conversations it never saw.

Usage::

    calls = generate_calls(2000, seed=0)
    write_jsonl(calls, "calls.jsonl")
    # python -m callqa.classify.synth --n 2000 --seed 0 --out calls.jsonl

Limits (the model cards quote this section):

- The language is templated. Each scenario has a fixed skeleton with several
  paraphrases per turn, fillers, restarts and optional blocks (identity checks, hold,
  small talk, contact details), but real calls wander further: people change topic,
  talk over each other for long stretches, tell stories, and combine several needs in
  one call. Expect scores on real calls to be lower than on held-out scenarios.
- US English only, written by one author; no regional dialects, no code-switching,
  no non-native phrasing beyond a few fixed lines. Names, places and prices are invented.
- No real calls were used and no real audio exists behind these transcripts: timings
  come from a words-per-second model (about 2.5 words/s, gaps, holds, a few overlaps and
  backchannels), not from speech. Generated conversations are shorter than real ones
  (median about 75 s and 17 segments; real handled calls average several minutes), so
  duration-based features will see longer calls in production than in training.
- ASR noise is simulated by rules (lowercasing, dropped punctuation, homophone swaps,
  dropped short words and fillers, split/merged words and brand names, a small table of
  wrong words, truncated starts), and a few stereo calls have their roles swapped
  (``swap_rate``). It does not reproduce Whisper's real errors on 8 kHz audio,
  hallucinated text in silence, or speakers misattributed segment by segment.
- Labels follow SPEC §3 by construction, one label set per scenario, checked at import
  (spam calls are not_interested/no_conversation, not_applicable, never escalated;
  resolution is not_applicable exactly when the outcome is not support/information).
  Where SPEC leaves room, each scenario's ``note`` records the choice; the main ones:
  a rescheduled visit is ``appointment_booked``, a cancelled one is ``support``/resolved;
  a new customer's urgent repair visit is ``appointment_booked``, a visit to fix an
  existing customer's problem is ``support``/follow_up; a hand-off at the end of a
  recording is ``follow_up`` + escalated; "I'll have our sales manager call you" in a
  lead call is ``callback_requested`` + escalated; "we'll be in touch" or "we'll come by
  this weekend" with no agreed time is ``qualified_lead``; a mailbox reached with no
  message is ``voicemail``, a robocall or solicitor recorded by the business mailbox is
  spam + ``no_conversation``; dead air, pocket dials and callers lost in the queue are
  legit ``no_conversation``; "we don't handle that, call the manufacturer" is
  ``information``/unresolved. Real annotators may disagree on such calls.
- Label-bearing moments (transfers, escalation promises, transfer offers, "that fixed
  it", "nothing else I can do", follow-up promises) come from shared phrase banks in
  ``synth_lang.Conv``, so held-out scenarios share that wording with training ones; a
  split by scenario therefore measures new conversations, not new ways of saying them.
- Robocall and telemarketing scripts here are few and were written for this generator;
  the real robocall transcripts in ``../shared/data/robocall`` are the main spam source.
- By default a fifth of the calls are "brisk" (``brisk_rate``): the same scenarios with only
  their label-bearing turns, down to three or four turns, so that short calls of every
  outcome exist, not only short refusals.
- Class balance is a sampling choice (``balance``: outcome, spam, resolution, escalated or
  scenario), not a property of real traffic. By default 15% of calls are mono
  (``mono_rate``) and 3% of stereo calls have agent and customer swapped (``swap_rate``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

# Importing the scenario modules registers their scenarios.
from callqa.classify import synth_other, synth_sales, synth_spam, synth_support  # noqa: F401
from callqa.classify.synth_industries import INDUSTRIES
from callqa.classify.synth_lang import RECORDING, TALK, Conv, Turn
from callqa.classify.synth_registry import SCENARIOS, Scenario
from callqa.errors import InputFileError, UsageError
from callqa.schema import AGENT, CUSTOMER, UNKNOWN

BALANCE_MODES = ("outcome", "scenario", "spam", "resolution", "escalated")
GENERATOR_VERSION = "synth-2"


@dataclass(frozen=True)
class SyntheticCall:
    """One generated call: SPEC §7 transcript input plus its SPEC §3 labels."""

    call_id: str
    scenario: str  # e.g. "support/password_reset/resolved"; the unit for held-out splits
    industry: str
    segments: tuple[dict, ...]  # {"speaker", "start", "end", "text"}
    labels: dict  # {"spam", "outcome", "resolution", "escalated"}

    def to_dict(self) -> dict:
        return {"call_id": self.call_id, "scenario": self.scenario, "industry": self.industry,
                "segments": [dict(s) for s in self.segments], "labels": dict(self.labels)}

    @property
    def text(self) -> str:
        return " ".join(s["text"] for s in self.segments)


def scenario_names() -> list[str]:
    """All scenario names, sorted."""
    return sorted(SCENARIOS)


def scenario_info() -> list[dict]:
    """Every scenario with its labels, industries and the note explaining hard labels."""
    return [{"scenario": s.name, "labels": s.labels, "industries": list(s.industries), "note": s.note}
            for s in (SCENARIOS[name] for name in scenario_names())]


def scenario_counts() -> dict[str, dict[str, int]]:
    """How many scenarios carry each class, per task (for model cards and reports)."""
    counts: dict[str, Counter] = {task: Counter() for task in ("spam", "outcome", "resolution", "escalated")}
    for sc in SCENARIOS.values():
        for task, value in sc.labels.items():
            counts[task][str(value).lower()] += 1
    return {task: dict(sorted(c.items())) for task, c in counts.items()}


def industry_names() -> list[str]:
    return sorted(INDUSTRIES)


def generate_calls(n: int, *, seed: int = 0, scenarios: Sequence[str] | None = None, asr_noise: float = 0.3,
                   mono_rate: float = 0.15, swap_rate: float = 0.03, brisk_rate: float = 0.2,
                   balance: str = "outcome") -> list[SyntheticCall]:
    """Generate ``n`` labeled calls, deterministically for a given seed.

    Args:
        n: number of calls.
        seed: the same seed (and options) always gives the same calls; call ``i`` does not
            depend on ``n``, so a larger ``n`` extends a smaller one.
        scenarios: scenario names or prefixes (``"support"``, ``"support/billing_double_charge"``)
            to draw from; all scenarios when None.
        asr_noise: probability that a call gets ASR-style noise (0 = clean text).
        mono_rate: probability that a call is rendered as a mono recording (all speakers unknown).
        swap_rate: probability that a stereo call has agent and customer swapped, as when the
            pipeline picks the wrong agent channel.
        brisk_rate: probability that a call keeps only its label-bearing turns (no identity
            check, contact details, side talk or "anything else?"), as short real calls do.
        balance: ``"outcome"`` (or ``"spam"``, ``"resolution"``, ``"escalated"``) draws that
            task's classes evenly, then scenarios evenly within a class; ``"scenario"`` draws
            scenarios evenly.
    """
    if n < 0:
        raise UsageError(f"n must be 0 or more, got {n}.")
    for name, value in (("asr_noise", asr_noise), ("mono_rate", mono_rate), ("swap_rate", swap_rate),
                        ("brisk_rate", brisk_rate)):
        if not 0.0 <= value <= 1.0:
            raise UsageError(f"{name} must be between 0 and 1, got {value}.")
    if balance not in BALANCE_MODES:
        raise UsageError(f"balance must be one of {', '.join(BALANCE_MODES)}, got {balance!r}.")
    chosen = _select(scenarios)
    schedule = _schedule(chosen, seed, balance)
    calls = []
    for i in range(n):
        sc = next(schedule)
        rng = random.Random(f"synth:{seed}:{i}:{sc.name}")
        calls.append(_generate_one(sc, rng, f"syn{seed}-{i:06d}", asr_noise=asr_noise, mono_rate=mono_rate,
                                   swap_rate=swap_rate, brisk_rate=brisk_rate))
    return calls


def write_jsonl(calls: Iterable[SyntheticCall], path: str | Path) -> None:
    """Write one JSON line per call: SPEC §7 transcript input plus scenario, industry and labels."""
    with open(path, "w", encoding="utf-8") as out:
        for call in calls:
            out.write(json.dumps(call.to_dict(), ensure_ascii=False) + "\n")


def read_jsonl(path: str | Path) -> list[SyntheticCall]:
    """Read calls written by :func:`write_jsonl`."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputFileError(f"Cannot read {path}: {exc.strerror}. Check the path.") from None
    calls = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            calls.append(SyntheticCall(row["call_id"], row["scenario"], row["industry"],
                                       tuple(row["segments"]), row["labels"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputFileError(f"{path} line {number} is not a synthetic call ({exc}); "
                                 "regenerate it with `python -m callqa.classify.synth`.") from None
    return calls


# ---------------------------------------------------------------- selection and schedule

def _select(patterns: Sequence[str] | None) -> list[Scenario]:
    if patterns is None:
        return [SCENARIOS[name] for name in scenario_names()]
    if isinstance(patterns, str):
        patterns = [patterns]
    chosen: dict[str, Scenario] = {}
    for pattern in patterns:
        stem = pattern.rstrip("/")
        hits = [s for name, s in sorted(SCENARIOS.items()) if name == stem or name.startswith(stem + "/")]
        if not hits:
            raise UsageError(f"Unknown scenario {pattern!r}. List them with `python -m callqa.classify.synth --list`.")
        chosen.update((s.name, s) for s in hits)
    return list(chosen.values())


def _schedule(chosen: list[Scenario], seed: int, balance: str):
    """Endless deterministic stream of scenarios: shuffled decks, refilled when empty."""
    rng = random.Random(f"synth-schedule:{seed}:{balance}")
    if balance == "scenario":
        groups = {"all": chosen}
    else:
        groups = {}
        for sc in chosen:
            groups.setdefault(str(sc.labels[balance]), []).append(sc)
    keys = sorted(groups)
    decks: dict[str, list[Scenario]] = {k: [] for k in keys}
    while True:
        order = keys[:]
        rng.shuffle(order)
        for key in order:
            if not decks[key]:
                decks[key] = groups[key][:]
                rng.shuffle(decks[key])
            yield decks[key].pop()


# ---------------------------------------------------------------- one call

def _generate_one(sc: Scenario, rng: random.Random, call_id: str, *, asr_noise: float, mono_rate: float,
                  swap_rate: float, brisk_rate: float) -> SyntheticCall:
    industry = rng.choice(sc.industries)
    conv = Conv(rng, INDUSTRIES[industry])
    conv.brisk = rng.random() < brisk_rate
    sc.build(conv)
    turns = [t for t in conv.turns if t.text.strip()]
    segments = _timeline(turns, rng)
    if rng.random() < asr_noise:
        segments = _asr(segments, rng)
    if rng.random() < mono_rate:
        segments = _mono(segments, rng)
    elif rng.random() < swap_rate:
        swap = {AGENT: CUSTOMER, CUSTOMER: AGENT}
        segments = [{**seg, "speaker": swap.get(seg["speaker"], seg["speaker"])} for seg in segments]
    return SyntheticCall(call_id, sc.name, industry, tuple(segments), dict(sc.labels))


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_BACKCHANNELS = ("Mm-hmm.", "Okay.", "Right.", "Yeah.", "Uh-huh.", "I see.", "Sure.", "Got it.", "Okay, okay.")


def _timeline(turns: list[Turn], rng: random.Random) -> list[dict]:
    """Lay turns on a clock: ~2.5 words/s per speaker, gaps, overlaps, split long turns."""
    rate = {AGENT: min(3.4, max(1.9, rng.gauss(2.7, 0.3))), CUSTOMER: min(3.4, max(1.7, rng.gauss(2.5, 0.35)))}
    speakers = {t.speaker for t in turns if t.kind != RECORDING}
    segments: list[dict] = []
    t = rng.uniform(0.0, 1.5)
    prev_speaker, prev_start, prev_end = None, 0.0, 0.0
    for number, turn in enumerate(turns):
        chunks = _chunks(turn.text, rng) if turn.kind != RECORDING else [turn.text]
        for k, chunk in enumerate(chunks):
            words = len(chunk.split())
            speed = 2.4 if turn.kind == RECORDING else rate[turn.speaker] * rng.uniform(0.88, 1.12)
            duration = max(0.35, words / speed + rng.uniform(0.05, 0.3))
            if k == 0 and turn.pause_before_s is not None:
                gap = turn.pause_before_s
            elif k > 0 or prev_speaker == turn.speaker:
                gap = rng.uniform(0.25, 1.1)
            else:
                roll = rng.random()
                if roll < 0.1 and prev_end - prev_start > 1.5 and turn.kind == TALK:
                    gap = -rng.uniform(0.1, min(0.8, (prev_end - prev_start) / 3))  # talk-over
                elif roll < 0.85:
                    gap = rng.uniform(0.12, 0.9)
                else:
                    gap = rng.uniform(1.0, 3.2)
            start = max(prev_start + 0.05, prev_end + gap) if segments else t
            end = start + duration
            segments.append({"speaker": turn.speaker, "start": start, "end": end, "text": chunk})
            listener = CUSTOMER if turn.speaker == AGENT else AGENT
            if turn.kind == TALK and number >= 2 and duration > 5.5 and listener in speakers and rng.random() < 0.3:
                at = start + duration * rng.uniform(0.35, 0.7)
                segments.append({"speaker": listener, "start": at, "end": at + rng.uniform(0.35, 0.8),
                                 "text": rng.choice(_BACKCHANNELS)})
            prev_speaker, prev_start, prev_end = turn.speaker, start, end
    segments.sort(key=lambda s: s["start"])
    for s in segments:
        s["start"], s["end"] = round(s["start"], 2), round(s["end"], 2)
    return segments


def _chunks(text: str, rng: random.Random) -> list[str]:
    """Split a long turn at sentence ends (sometimes at commas), the way ASR cuts at pauses."""
    sentences = _SENTENCE_END.split(text)
    if rng.random() < 0.25:
        sentences = [part for s in sentences for part in re.split(r"(?<=,)\s+(?=\w{4,})", s)]
    limit = rng.randint(14, 32)
    chunks, current = [], ""
    for sentence in sentences:
        if current and len((current + " " + sentence).split()) > limit:
            chunks.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        chunks.append(current)
    return chunks


# ---------------------------------------------------------------- ASR-style noise

_HOMOPHONES = {
    "their": ("there", "they're"), "there": ("their", "they're"), "they're": ("there", "their"),
    "to": ("too", "two"), "too": ("to",), "two": ("to", "too"), "for": ("four",), "four": ("for",),
    "your": ("you're",), "you're": ("your",), "its": ("it's",), "it's": ("its",), "then": ("than",),
    "hear": ("here",), "here": ("hear",), "by": ("buy", "bye"),
    "buy": ("by",), "bye": ("by",), "week": ("weak",), "one": ("won",), "right": ("write",),
    "whole": ("hole",), "wait": ("weight",), "our": ("are", "hour"), "would": ("wood",), "new": ("knew",),
    "ate": ("eight",), "eight": ("ate",), "weather": ("whether",), "sale": ("sail",), "mail": ("male",),
    "we'll": ("will", "wheel"), "I'll": ("all", "aisle"), "meet": ("meat",), "sent": ("cent", "scent"),
}
_SPLITS = {
    "into": "in to", "maybe": "may be", "cannot": "can not", "anyway": "any way", "everyday": "every day",
    "someone": "some one", "alright": "all right", "okay": "ok", "setup": "set up", "login": "log in",
    "voicemail": "voice mail", "anytime": "any time", "checkup": "check up", "online": "on line",
    "tomorrow": "to morrow", "callback": "call back",
}
_MERGES = {("all", "right"): "alright", ("a", "lot"): "alot", ("set", "up"): "setup", ("log", "in"): "login",
           ("any", "more"): "anymore", ("every", "one"): "everyone", ("check", "up"): "checkup"}
_WRONG = {
    "billing": ("building", "billings"), "router": ("rooter", "rotor"), "modem": ("modern", "mode"),
    "account": ("a count", "count"), "tier": ("tear", "here"), "manager": ("manner", "manage"),
    "appointment": ("a point meant", "appointments"), "refund": ("we fund", "refunds"),
    "fifteen": ("fifty",), "fifty": ("fifteen",), "thirteen": ("thirty",), "thirty": ("thirteen",),
    "Tuesday": ("Thursday",), "Thursday": ("Tuesday",), "estimate": ("estimated", "the state"),
    "technician": ("technicians", "tech mission"), "warranty": ("warranted", "warrant"),
    "escalate": ("escalator", "scale it"), "transfer": ("transfers", "trance for"),
    "supervisor": ("super visor",), "cancel": ("council", "cancelled"), "schedule": ("scheduled", "schedules"),
    "invoice": ("in voice",), "thermostat": ("thermostats",), "insurance": ("ensurance", "assurance"),
    "password": ("pass word",), "quote": ("coat", "quota"), "roof": ("proof", "roofs"), "pest": ("pets", "best"),
}
_SHORT = {"a", "the", "to", "of", "and", "uh", "um", "so", "is", "it", "that", "just", "oh"}
_FILLER_WORDS = {"um", "uh", "um,", "uh,"}
_TOKEN = re.compile(r"^(\W*)(.*?)(\W*)$")
_CAMEL = re.compile(r"^([A-Z][a-z]+)([A-Z][a-z]+)$")  # brand names: "BrightDesk" → "Bright desk"
_PUNCT = re.compile(r"[,.?!;:\"]")


def _asr(segments: list[dict], rng: random.Random) -> list[dict]:
    """ASR-style damage, at a per-call intensity."""
    level = rng.uniform(0.3, 1.0)
    lower = rng.random() < 0.55
    no_punct = rng.random() < 0.45
    drop_fillers = rng.random() < 0.6  # Whisper tends to omit "um" and "uh"
    out = []
    for i, seg in enumerate(segments):
        words = seg["text"].split()
        if i == 0 and len(words) > 4 and rng.random() < 0.15:
            words = words[rng.randint(1, 3):]  # recording starts mid-sentence
        words = _damage_words(words, rng, level, drop_fillers)
        text = " ".join(words)
        if no_punct:
            text = _PUNCT.sub("", text)
        if lower:
            text = text.lower()
        text = re.sub(r"\s+", " ", text).strip()
        if text:
            out.append({**seg, "text": text})
    return out or segments


def _damage_words(words: list[str], rng: random.Random, level: float, drop_fillers: bool) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        lead, core, trail = _TOKEN.match(words[i]).groups()
        key = core.lower()
        nxt = _TOKEN.match(words[i + 1]).group(2).lower() if i + 1 < len(words) else ""
        roll = rng.random()
        if drop_fillers and (key in {"um", "uh"} or (out and key and _TOKEN.match(out[-1]).group(2).lower() == key)):
            i += 1  # Whisper tends to drop fillers and stutters
            continue
        if _CAMEL.match(core) and roll < 0.5 * level:
            first, second = _CAMEL.match(core).groups()
            out.append(lead + first + " " + (second.lower() if rng.random() < 0.5 else second) + trail)
            i += 1
            continue
        if key in ("mm-hmm", "uh-huh") and roll < 0.6 * level:
            core = _keep_case(core, rng.choice(("mhm", "mm hmm", "uh huh", "hmm")))
        if (key, nxt) in _MERGES and roll < 0.5 * level:
            out.append(lead + _MERGES[(key, nxt)] + _TOKEN.match(words[i + 1]).group(3))
            i += 2
            continue
        if key in _HOMOPHONES and roll < 0.12 * level:
            core = _keep_case(core, rng.choice(_HOMOPHONES[key]))
        elif key in _SPLITS and roll < 0.35 * level:
            core = _keep_case(core, _SPLITS[key])
        elif core in _WRONG and roll < 0.15 * level:
            core = rng.choice(_WRONG[core])
        elif key in _WRONG and roll < 0.15 * level:
            core = _keep_case(core, rng.choice(_WRONG[key]))
        elif key in _SHORT and roll < 0.08 * level:
            i += 1
            continue
        elif roll < 0.004 * level and len(key) > 3:
            i += 1  # a swallowed word
            continue
        out.append(lead + core + trail)
        i += 1
    return out


def _keep_case(original: str, replacement: str) -> str:
    return replacement[:1].upper() + replacement[1:] if original[:1].isupper() else replacement


# ---------------------------------------------------------------- mono rendering

def _mono(segments: list[dict], rng: random.Random) -> list[dict]:
    """A mono recording: no speaker roles, and sometimes both sides merged into one segment."""
    merge = rng.random() < 0.5
    out: list[dict] = []
    for seg in sorted(segments, key=lambda s: s["start"]):
        seg = {**seg, "speaker": UNKNOWN}
        if out and seg["start"] < out[-1]["end"] - 0.05:
            # One channel cannot hold two overlapping segments: fold the overlap in.
            last = out[-1]
            out[-1] = {**last, "end": max(last["end"], seg["end"]), "text": f"{last['text']} {seg['text']}"}
            continue
        if (merge and out and seg["start"] - out[-1]["end"] < 0.7
                and len(out[-1]["text"].split()) + len(seg["text"].split()) < 40):
            last = out[-1]
            out[-1] = {**last, "end": seg["end"], "text": f"{last['text']} {seg['text']}"}
            continue
        out.append(seg)
    return out


# ---------------------------------------------------------------- CLI

def _stats(calls: list[SyntheticCall]) -> str:
    lines = [f"{len(calls)} calls, {len({c.scenario for c in calls})} scenarios, "
             f"{len({c.industry for c in calls})} industries"]
    for task in ("spam", "outcome", "resolution", "escalated"):
        counts = Counter(str(c.labels[task]) for c in calls)
        lines.append(f"{task}: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m callqa.classify.synth",
        description="Generate labeled synthetic call transcripts (JSONL). "
                    "Example: python -m callqa.classify.synth --n 2000 --seed 0 --out calls.jsonl")
    parser.add_argument("--n", type=int, default=1000, help="number of calls (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed; same seed, same calls")
    parser.add_argument("--out", default="-", help="output JSONL file, '-' for stdout (default)")
    parser.add_argument("--asr-noise", type=float, default=0.3, help="share of calls with ASR-style noise (0-1)")
    parser.add_argument("--mono-rate", type=float, default=0.15, help="share of calls rendered mono (0-1)")
    parser.add_argument("--swap-rate", type=float, default=0.03, help="share of stereo calls with roles swapped (0-1)")
    parser.add_argument("--brisk-rate", type=float, default=0.2,
                        help="share of calls with only their label-bearing turns (0-1)")
    parser.add_argument("--scenario", action="append", help="scenario name or prefix; repeat to add more")
    parser.add_argument("--balance", choices=BALANCE_MODES, default="outcome", help="what to draw evenly")
    parser.add_argument("--list", action="store_true", help="list scenarios with their labels and exit")
    args = parser.parse_args(argv)
    try:
        if args.list:
            for info in scenario_info():
                lab = info["labels"]
                print(f"{info['scenario']}\t{lab['spam']}\t{lab['outcome']}\t{lab['resolution']}\t"
                      f"escalated={str(lab['escalated']).lower()}\t{len(info['industries'])} industries")
            return 0
        calls = generate_calls(args.n, seed=args.seed, scenarios=args.scenario, asr_noise=args.asr_noise,
                               mono_rate=args.mono_rate, swap_rate=args.swap_rate, brisk_rate=args.brisk_rate,
                               balance=args.balance)
        if args.out == "-":
            for call in calls:
                sys.stdout.write(json.dumps(call.to_dict(), ensure_ascii=False) + "\n")
        else:
            write_jsonl(calls, args.out)
        print(_stats(calls), file=sys.stderr)
    except (UsageError, InputFileError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"Error: cannot write {args.out}: {exc.strerror}. Check the folder exists and is writable.",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

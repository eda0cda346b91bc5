"""Build the transcription benchmark corpus: two-channel call audio with reference transcripts.

Three sources, all with the text that was really spoken:
- the committed example calls (``examples/recordings`` + ``examples/references.jsonl``);
- long generated calls (espeak-ng voices, agent left / customer right, 8 kHz) with hold
  tones, hold music, dead air and long pauses, stored as wav (PCM and mu-law), mp3 and flac;
- real robocall scripts from ``../shared/data/robocall/transcripts.csv`` spoken by espeak-ng
  (mono, as a business line records them), when that folder is present.

Needs espeak-ng and PyAV. Deterministic for a given seed. Each item of the manifest:
``{"path", "kind", "duration_s", "channels", "refs": [left text, right text] or [mono text],
"hold_spans": [[start, end], ...]}``.
"""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
RATE = 8000

AGENT_VOICES = [("en-us+m8", 50), ("en-us+david", 50), ("en-us+steph", 50)]
CUSTOMER_VOICES = [("en-us+rob", 38), ("en-us+f2", 50), ("en-us+m3", 50), ("en-us+belinda", 50)]

COMPANIES = ["Blue River Internet", "Acme Plumbing", "Northside Dental", "Summit Insurance", "Green Valley Energy"]
NAMES = ["Emily", "Marcus", "Jason", "Sarah", "Karen", "David"]

OPENINGS = [
    "Thank you for calling {company}, this is {name}. How can I help you today?",
    "{company}, this is {name} speaking. How may I help you?",
    "Good morning, thank you for calling {company}. My name is {name}. What can I do for you?",
]
CUSTOMER_ISSUES = [
    "Hi, I'm calling about my bill. I was charged twice this month.",
    "My internet keeps dropping every few minutes since yesterday.",
    "I would like to book an appointment for next week if possible.",
    "I have a leak under my kitchen sink and the floor is getting wet.",
    "I received a letter about my policy renewal and I have a few questions.",
    "I want to change the address on my account because I moved last month.",
    "My heater stopped working this morning and it is very cold in the house.",
]
AGENT_QUESTIONS = [
    "I'm sorry to hear that. Can I have your full name and the phone number on the account?",
    "Let me pull up your account. Can you confirm your date of birth for me?",
    "Okay. When did you first notice the problem?",
    "Have you already tried turning the device off and on again?",
    "Can you tell me the address where the service is needed?",
    "Which day would work best for you, Tuesday or Thursday?",
    "Do you have your account number handy? It is on the top of your statement.",
]
CUSTOMER_ANSWERS = [
    "Sure, my name is John Miller and the number is four one five, five five five, zero one seven eight.",
    "It started on Monday evening, right after the storm.",
    "Yes, I restarted it twice already and nothing changed.",
    "The address is twelve Oak Street, apartment four.",
    "Thursday would be better for me, in the morning if you can.",
    "I don't have it with me right now, but my email is on the account.",
    "It's the third of May, nineteen eighty two.",
]
HOLD_ANNOUNCE = [
    "Thank you. Please hold for a moment while I check that for you.",
    "Let me check with my team. I'm going to put you on a short hold.",
]
AFTER_HOLD = [
    "Thank you for holding. I found the problem on our side.",
    "Thanks for waiting. I have an update for you.",
]
RESOLUTIONS = [
    "I have processed a refund, you will see it in three to five business days.",
    "I reset your line from our side, the connection should be stable now.",
    "I booked a technician for Thursday between nine and eleven in the morning.",
    "I updated the address on your account, the next bill will go to the new one.",
    "I opened a ticket and our network team will call you back tomorrow.",
]
CUSTOMER_REACTIONS = [
    "Okay, that sounds good. Thank you for checking.",
    "Great, I really appreciate your help with this.",
    "Alright. And how long will that take exactly?",
    "That works for me. Will I get a confirmation by email?",
]
AGENT_FOLLOWUPS = [
    "Yes, you will get an email confirmation within the next hour.",
    "It usually takes about two days, but I will keep an eye on it.",
    "Is there anything else I can help you with today?",
]
CLOSINGS_CUSTOMER = ["No, that's everything. Thanks again.", "No, that's all for today. Have a nice day."]
CLOSINGS_AGENT = ["You're welcome. Thank you for calling {company}. Have a great day.", "Thanks for calling, goodbye."]


def espeak(text: str, voice: str, pitch: int, wpm: int) -> np.ndarray:
    """Speak ``text`` with espeak-ng; return 8 kHz float32 mono, trimmed and normalized."""
    import av

    wav = subprocess.run(
        ["espeak-ng", "-v", voice, "-p", str(pitch), "-s", str(wpm), "-g", "2", "--stdout", text],
        check=True,
        capture_output=True,
    ).stdout
    with wave.open(io.BytesIO(wav)) as w:
        rate = w.getframerate()
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32) / 32768.0
    resampler = av.audio.resampler.AudioResampler(format="flt", layout="mono", rate=RATE)
    frame = av.AudioFrame.from_ndarray((pcm * 0.5)[None, :], format="flt", layout="mono")
    frame.sample_rate = rate
    out = [f.to_ndarray().reshape(-1) for f in resampler.resample(frame)]
    out += [f.to_ndarray().reshape(-1) for f in resampler.resample(None)]
    audio = np.concatenate(out) if out else np.zeros(0, np.float32)
    loud = np.flatnonzero(np.abs(audio) > 0.005)
    audio = audio[loud[0] : loud[-1] + 1] if loud.size else audio
    return (audio / max(1e-6, float(np.max(np.abs(audio))))).astype(np.float32)


def hold_tone(seconds: float) -> np.ndarray:
    """A hold beep: 440 Hz for 0.5 s every 4 s."""
    t = np.arange(int(seconds * RATE)) / RATE
    on = (t % 4.0) < 0.5
    return (0.25 * np.sin(2 * np.pi * 440 * t) * on).astype(np.float32)


def hold_music(seconds: float, rng: random.Random) -> np.ndarray:
    """Simple synthesized hold music: a chord that changes every half second."""
    n = int(seconds * RATE)
    out = np.zeros(n, np.float32)
    step = RATE // 2
    roots = [220.0, 246.9, 261.6, 293.7, 329.6, 349.2, 392.0]
    for i in range(0, n, step):
        t = np.arange(min(step, n - i)) / RATE
        root = rng.choice(roots)
        chord = sum(np.sin(2 * np.pi * root * r * t) for r in (1.0, 1.26, 1.5))
        envelope = np.minimum(1.0, np.minimum(t, t[::-1]) * 40)
        out[i : i + len(t)] = 0.08 * chord * envelope
    return out


def generate_call(seed: int, minutes: float) -> tuple[np.ndarray, list[str], list[tuple[float, float]]]:
    """A long two-party call: returns (2 × n float32, [agent text, customer text], hold spans)."""
    rng = random.Random(seed)
    agent_voice, customer_voice = rng.choice(AGENT_VOICES), rng.choice(CUSTOMER_VOICES)
    company, name = rng.choice(COMPANIES), rng.choice(NAMES)
    pieces: list[tuple[int, float, np.ndarray]] = []  # (channel, start_s, audio)
    texts: dict[int, list[str]] = {0: [], 1: []}
    holds: list[tuple[float, float]] = []
    t = rng.uniform(0.3, 1.0)

    def say(channel: int, text: str) -> None:
        nonlocal t
        voice, pitch = agent_voice if channel == 0 else customer_voice
        audio = espeak(text, voice, pitch, 165 if channel == 0 else 158) * (0.55 if channel == 0 else 0.42)
        pieces.append((channel, t, audio))
        texts[channel].append(text)
        t += len(audio) / RATE + rng.uniform(0.3, 1.5)

    say(0, rng.choice(OPENINGS).format(company=company, name=name))
    target = minutes * 60
    while t < target - 20:
        say(1, rng.choice(CUSTOMER_ISSUES))
        for _ in range(rng.randint(1, 3)):
            say(0, rng.choice(AGENT_QUESTIONS))
            say(1, rng.choice(CUSTOMER_ANSWERS))
        roll = rng.random()
        if roll < 0.5:
            say(0, rng.choice(HOLD_ANNOUNCE))
            length = rng.uniform(20, 90)
            audio = hold_tone(length) if rng.random() < 0.5 else hold_music(length, rng)
            pieces.append((0, t, audio))
            holds.append((t, t + length))
            t += length + rng.uniform(0.5, 2.0)
            say(0, rng.choice(AFTER_HOLD))
        elif roll < 0.75:
            t += rng.uniform(6, 25)  # dead air: someone looks something up without a word
        say(0, rng.choice(RESOLUTIONS))
        say(1, rng.choice(CUSTOMER_REACTIONS))
        say(0, rng.choice(AGENT_FOLLOWUPS))
    say(1, rng.choice(CLOSINGS_CUSTOMER))
    say(0, rng.choice(CLOSINGS_AGENT).format(company=company))
    n = int((t + 1.0) * RATE)
    noise = np.random.default_rng(seed)
    mix = noise.normal(0.0, 3e-4, size=(2, n)).astype(np.float32)  # faint line noise
    for channel, start, audio in pieces:
        i = int(start * RATE)
        mix[channel, i : i + len(audio)] += audio[: n - i]
    return mix, [" ".join(texts[0]), " ".join(texts[1])], holds


def encode(path: Path, data: np.ndarray, *, codec: str, fmt: str | None = None) -> None:
    import av

    data = np.atleast_2d(data)
    layout = "mono" if data.shape[0] == 1 else "stereo"
    pcm = np.ascontiguousarray((np.clip(data, -1, 1) * 32767).astype(np.int16))
    with av.open(str(path), "w", format=fmt) as out:
        stream = out.add_stream(codec, rate=RATE, layout=layout)
        step = RATE * 10  # encode in 10 s frames: bounded memory for long files
        for i in range(0, pcm.shape[1], step):
            frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(pcm[:, i : i + step]), format="s16p", layout=layout)
            frame.sample_rate = RATE
            frame.pts = i
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)


ENCODINGS = [(".wav", "pcm_s16le", None), (".mp3", "libmp3lame", None), (".wav", "pcm_mulaw", "wav"), (".flac", "flac", None)]


def robocall_scripts(limit: int, seed: int) -> list[str]:
    path = ROOT.parent / "shared" / "data" / "robocall" / "transcripts.csv"
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["language"] == "en" and 25 <= len(r["transcript"].split()) <= 120]
    by_cluster: dict[str, dict] = {}
    for row in rows:
        by_cluster.setdefault(row["script_cluster"], row)  # one per script: no near-duplicates
    picked = sorted(by_cluster.values(), key=lambda r: r["file_name"])
    random.Random(seed).shuffle(picked)
    return [r["transcript"].strip() for r in picked[:limit]]


def build(out: Path, *, long_calls: int = 4, long_minutes: float = 5.0, robocalls: int = 8, seed: int = 7) -> list[dict]:
    """Build (or reuse) the corpus in ``out``; return the manifest."""
    out = out.resolve()
    manifest_path = out / "manifest.json"
    key = {"long_calls": long_calls, "long_minutes": long_minutes, "robocalls": robocalls, "seed": seed, "version": 2}
    if manifest_path.exists():
        saved = json.loads(manifest_path.read_text())
        if saved.get("key") == key and all(Path(i["path"]).exists() for i in saved["items"]):
            return saved["items"]
    if shutil.which("espeak-ng") is None:
        raise SystemExit("espeak-ng not found: install it (Debian: apt-get install espeak-ng) or pass --corpus")
    out.mkdir(parents=True, exist_ok=True)
    items = examples()
    for i in range(long_calls):
        ext, codec, fmt = ENCODINGS[i % len(ENCODINGS)]
        audio, refs, holds = generate_call(seed + i, long_minutes)
        path = out / f"long_{i:02d}{ext}"
        encode(path, audio, codec=codec, fmt=fmt)
        items.append({"path": str(path), "kind": "long", "duration_s": audio.shape[1] / RATE, "channels": 2,
                      "refs": refs, "hold_spans": [list(h) for h in holds]})
    for i, text in enumerate(robocall_scripts(robocalls, seed)):
        audio = espeak(text, "en-us+klatt" if i % 2 else "en-us+m8", 50, 160) * 0.5
        audio = np.concatenate([np.zeros(RATE // 2, np.float32), audio, np.zeros(RATE, np.float32)])
        audio += np.random.default_rng(seed + 100 + i).normal(0, 3e-4, audio.shape).astype(np.float32)
        path = out / f"robocall_{i:02d}.wav"
        encode(path, audio[None, :], codec="pcm_s16le")
        items.append({"path": str(path), "kind": "robocall", "duration_s": len(audio) / RATE, "channels": 1,
                      "refs": [text], "hold_spans": []})
    manifest_path.write_text(json.dumps({"key": key, "items": items}, indent=1))
    return items


def examples() -> list[dict]:
    """The committed example calls with their per-channel references."""
    refs_path = ROOT / "examples" / "references.jsonl"
    if not refs_path.exists():
        return []
    from callqa.transcribe.audio import probe

    items = []
    for line in refs_path.read_text().splitlines():
        ref = json.loads(line)
        path = ROOT / "examples" / "recordings" / ref["recording"]
        if not path.exists():
            continue
        info = probe(str(path))
        stereo = info.channels >= 2 and not info.dual_mono
        segs = ref["segments"]
        if stereo:
            refs = [" ".join(s["text"] for s in segs if s["speaker"] == sp) for sp in ("agent", "customer")]
        else:
            refs = [" ".join(s["text"] for s in segs)]
        items.append({"path": str(path), "kind": "example", "duration_s": info.duration_s,
                      "channels": 2 if stereo else 1, "refs": refs, "hold_spans": []})
    return items

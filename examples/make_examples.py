"""Generate the bundled example corpus: synthetic phone calls, call records and ground truth.

Run once from the repository root and commit the output::

    python examples/make_examples.py

Needs espeak-ng and sox (Debian: ``apt-get install espeak-ng sox libsox-fmt-mp3``) and
PyAV (a faster-whisper dependency) for the Ogg Opus file and to measure decoder delay.
The output is deterministic: every gap, level and noise sample comes from fixed values or
a seeded generator, sox runs in repeatable mode and the Ogg muxer in bit-exact mode.

Writes, next to this file:
    recordings/<name>.<ext>   agent on the LEFT channel, customer on the RIGHT, 8 kHz
    calls.csv                 call records in the SPEC §4 columns (with and without recordings)
    references.jsonl          the scripted text of every utterance with its real start/end seconds
    expected_labels.csv       SPEC §3 ground-truth labels per recorded call
"""

from __future__ import annotations

import csv
import json
import math
import random
import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
RECORDINGS = HERE / "recordings"
SAMPLE_RATE = 8000  # narrowband telephony
ESPEAK = "espeak-ng"
# -R: repeatable (seeded) and -D: no dither, so the same script writes the same bytes.
SOX = ("sox", "-R", "-D")

CSV_COLUMNS = (
    "call_id recording started_at direction caller callee status agent queue source campaign "
    "tracking_number wait_s ring_s talk_s hold_s acw_s disposition revenue cost updated_at"
).split()
COST_PER_MINUTE = 0.05  # carrier rate for connected calls, per started minute of ring + talk + hold

@dataclass(frozen=True)
class Voice:
    """An espeak-ng voice (language + variant) and its pitch (0-99, espeak's default 50)."""

    name: str
    pitch: int = 50


# The espeak-ng variants Whisper tiny.en transcribed best at 8 kHz among the ones we
# tried (there are no MBROLA voices). Agents and customers get clearly different ones.
JASON = Voice("en-us+m8")
MARCUS = Voice("en-us+david")
ROBERT = Voice("en-us+rob", 38)
EMILY = Voice("en-us+steph")
LINDA = Voice("en-us+steph", 40)
FEMALE_1 = Voice("en-us+f2")
FEMALE_2 = Voice("en-us+belinda")
FEMALE_3 = Voice("en-us+aunty")
MALE_1 = Voice("en-us+rob")
MALE_2 = Voice("en-us+m3")
ROBOT = Voice("en-us+klatt")


@dataclass(frozen=True)
class Turn:
    """One utterance. ``say`` is what espeak-ng is given when it differs from the transcript
    text (digits read one by one); ``gap_s`` is the silence before it."""

    speaker: str  # agent | customer | unknown | beep
    text: str
    say: str | None = None
    gap_s: float | None = None  # None: a seeded gap between 0.3 and 1.2 s
    voice: Voice | None = None  # None: the call's voice for this speaker


@dataclass(frozen=True)
class Call:
    """One scripted call and how its recording is stored."""

    name: str
    call_id: str
    encoding: str  # pcm16 | ulaw | mp3 | flac | opus
    agent_voice: Voice
    customer_voice: Voice
    turns: tuple[Turn, ...]
    labels: tuple[str, str, str, bool]  # spam, outcome, resolution, escalated
    mono: bool = False
    rate_wpm: int = 170
    noise_rms: float = 3.0  # faint line noise floor, int16 units
    length_s: float | None = None  # fixed length for calls with no speech

    @property
    def file_name(self) -> str:
        ext = {"pcm16": "wav", "ulaw": "wav", "mp3": "mp3", "flac": "flac", "opus": "opus"}[self.encoding]
        return f"{self.name}.{ext}"


def A(text: str, say: str | None = None, gap: float | None = None, voice: Voice | None = None) -> Turn:
    """An agent turn (left channel)."""
    return Turn("agent", text, say, gap, voice)


def C(text: str, say: str | None = None, gap: float | None = None, voice: Voice | None = None) -> Turn:
    """A customer turn (right channel)."""
    return Turn("customer", text, say, gap, voice)


def digits(text: str) -> str:
    """Spell every digit apart ("0178" -> "0 1 7 8"), as people read phone and card numbers."""
    return " ".join(text)


CALLS: tuple[Call, ...] = (
    Call(
        "support_password_resolved", "C1001", "ulaw", EMILY, MALE_1,
        (
            A("Thank you for calling Blue River Internet, this is Emily. How can I help you today?"),
            C("Hi. I can't log in to my account. It keeps saying my password is wrong."),
            A("I'm sorry about that. I just sent a password reset link to the email on your account. "
              "Can you open it and choose a new password?"),
            C("Okay, I got the email. I'm choosing a new password now."),
            A("Take your time."),
            C("Alright, I'm logged in. It works now.", gap=2.2),
            A("Great. Is there anything else I can help you with?"),
            C("No, that's all. Thanks for your help."),
            A("You're welcome. Have a great day."),
        ),
        ("legit", "support", "resolved", False),
    ),
    Call(
        "support_billing_resolved", "C1002", "ulaw", MARCUS, FEMALE_1,
        (
            A("Blue River Internet billing, this is Marcus. How can I help?"),
            C("Hi, I was charged twice for my bill this month. I see two payments of 64 dollars on my card."),
            A("Let me check. Can you confirm the phone number on the account?"),
            C("Yes, it's 415 555 0178.", say=f"Yes, it's {digits('415')}, {digits('555')}, {digits('0178')}."),
            A("Thank you. I see the duplicate payment. I have processed a refund of 64 dollars to your card. "
              "You will see it in three to five business days, so the problem is resolved."),
            C("Oh good, thank you. That was quick."),
            A("Is there anything else I can do for you?"),
            C("No, that's everything. I appreciate it."),
            A("Thanks for calling Blue River. Goodbye."),
        ),
        ("legit", "support", "resolved", False),
    ),
    Call(
        "info_hours", "C1003", "pcm16", JASON, FEMALE_3,
        (
            A("Good morning, Oak Street Hardware, this is Jason."),
            C("Hi, how late are you open today?"),
            A("We are open until 8 pm on weekdays, and from 9 to 5 on Saturday."),
            C("And where are you exactly? Near the train station?"),
            A("Yes, we are on Oak Street, right across from the train station, next to the bank."),
            C("Perfect, that's all I needed. Thanks."),
            A("You're welcome. See you soon."),
        ),
        ("legit", "information", "resolved", False),
    ),
    Call(
        "support_internet_unresolved", "C1004", "ulaw", JASON, FEMALE_1,
        (
            A("Blue River Internet support, this is Jason. How can I help you?"),
            C("My internet has been dropping every few minutes since yesterday. "
              "I work from home and I can't get anything done."),
            A("I'm sorry to hear that. Have you tried restarting the modem?"),
            C("Yes, three times already. It didn't help."),
            A("I don't see an outage in your area, and the line test looks normal on my side. "
              "I'm afraid there is nothing else I can do from here."),
            C("So what am I supposed to do? Nobody can fix it?"),
            A("You can try restarting the modem again tonight."),
            C("This is ridiculous. Forget it."),
        ),
        ("legit", "support", "unresolved", False),
    ),
    Call(
        "support_internet_repeat", "C1005", "flac", MARCUS, FEMALE_1,
        (
            A("Thank you for calling Blue River Internet, this is Marcus. How can I help?"),
            C("Hi, I called two days ago. My internet keeps dropping and nobody fixed it."),
            A("I'm sorry about that. I can see your last call here. I could transfer you to our network team, "
              "but let me try something first. I'm resetting your line from our side now."),
            C("Okay, I'll wait."),
            A("The reset is done. Can you check your connection now?", gap=2.5),
            C("Let me see. Yes, the light is green again and the video is playing. It works now."),
            A("Great, so that's resolved. I also updated your modem settings, so it should stay stable."),
            C("Thank you, finally. That's all I needed."),
            A("You're welcome. Have a good evening."),
        ),
        ("legit", "support", "resolved", False),
    ),
    Call(
        "support_escalated", "C1006", "pcm16", MARCUS, FEMALE_2,
        (
            A("Blue River Internet, this is Marcus. How can I help you?"),
            C("This is the second time I'm calling about this. My internet was down for two days "
              "and you still charged me the full price. I want this fixed now."),
            A("I understand, and I'm sorry. I'm not able to give a credit for an outage myself."),
            C("Then I want to talk to someone who can. Get me your manager."),
            A("Of course. Let me transfer you to my supervisor. Please hold for a moment."),
            # After the hold (the recorder skips hold music) the supervisor picks up on the agent leg.
            A("Hello, this is Robert, the supervisor. I'm sorry for the trouble. I will review the outage "
              "and add a credit to your account. I will call you back tomorrow to confirm.",
              gap=3.5, voice=ROBERT),
            C("Fine. I will wait for your call tomorrow."),
            A("Thank you for your patience. Goodbye.", voice=ROBERT),
        ),
        ("legit", "support", "follow_up", True),
    ),
    Call(
        "support_technician_followup", "C1007", "mp3", EMILY, FEMALE_3,
        (
            A("Blue River Internet support, Emily speaking."),
            C("Hi, my TV box shows no signal, and the cable outlet in the wall looks damaged."),
            A("Thanks for checking that. It sounds like a wiring problem, so I can't fix it over the phone. "
              "I have opened a ticket for you, number 4817.",
              say="Thanks for checking that. It sounds like a wiring problem, so I can't fix it over the phone. "
                  f"I have opened a ticket for you, number {digits('4817')}."),
            A("A technician will visit on Friday afternoon, between 1 and 5, to replace the outlet.", gap=0.8),
            C("Friday afternoon works. Will they call before they come?"),
            A("Yes, the technician will call 30 minutes before arriving."),
            C("Great, thank you."),
            A("You're welcome. Goodbye."),
        ),
        ("legit", "support", "follow_up", False),
    ),
    Call(
        "sale_order", "C1008", "mp3", LINDA, MALE_1,
        (
            A("Oak Street Hardware, this is Linda. How can I help you?"),
            C("Hi, I'd like to order the pressure washer I saw on your website."),
            A("Sure. The pressure washer is 249 dollars. Would you like to buy it?"),
            C("Yes, I'll take it. I can pay by card now."),
            A("Great, go ahead with the card number."),
            C("It's a Visa, 4539 1488 0343 6467, expiring August 2028.",
              say="It's a Visa, " + ", ".join(digits(g) for g in "4539 1488 0343 6467".split())
                  + ", expiring August 20 28."),
            A("Thank you, the payment went through. Your order number is 5520. "
              "You can pick it up tomorrow after 10 in the morning at the front desk.",
              say=f"Thank you, the payment went through. Your order number is {digits('5520')}. "
                  "You can pick it up tomorrow after 10 in the morning at the front desk."),
            C("Perfect, I'll come by tomorrow."),
            A("Thanks for your order. See you tomorrow."),
        ),
        ("legit", "sale", "not_applicable", False),
    ),
    Call(
        "appointment_booked", "C1009", "mp3", EMILY, FEMALE_2,
        (
            A("Good morning, Doctor Lee's dental office, this is Emily. How may I help you?"),
            C("Hi, how much is a teeth cleaning? I don't have insurance."),
            A("A cleaning with an exam is 120 dollars without insurance."),
            C("Okay, that's fine. Do you have anything next week?"),
            A("We have an opening on Tuesday morning at 10."),
            C("Tuesday morning works for me."),
            A("Great, your appointment is booked for Tuesday morning at 10. Can I have your name?"),
            C("Maria Lopez."),
            A("Thank you, Maria. We will send you a reminder the day before."),
            C("Thanks, see you Tuesday."),
        ),
        ("legit", "appointment_booked", "not_applicable", False),
    ),
    Call(
        "qualified_lead_roofing", "C1010", "mp3", JASON, MALE_1,
        (
            A("Sunset Roofing, this is Jason. How can I help?"),
            C("Hi, I want to replace the roof on my house. It's about 20 years old, "
              "and it started leaking last month."),
            A("I can help with that. How big is the house?"),
            C("It's about 2000 square feet, two stories."),
            A("And do you have a budget in mind?"),
            C("Around 15000 dollars. We want it done before winter, so in the next month or two."),
            A("That works. I will prepare a quote and email it to you by Thursday. What is your email?"),
            C("It's david dot park at yahoo dot com."),
            A("Thank you, David. You'll have the quote by Thursday."),
        ),
        ("legit", "qualified_lead", "not_applicable", False),
    ),
    Call(
        "callback_sales", "C1011", "opus", LINDA, MALE_2,
        (
            A("Hi, this is Linda from Blue River Internet. You asked about our internet plans on our website. "
              "Is now a good time?"),
            C("Oh, hi. Sure, I have a minute."),
            A("Our home plan is 50 dollars a month for the first year, with free installation."),
            C("That sounds interesting, but I need to talk to my wife first. Can you call me back next week?"),
            A("Of course. Would Monday afternoon work for you?"),
            C("Yes, Monday after 2 o'clock is better."),
            A("Great, I will call you back on Monday after 2. Have a nice day."),
            C("Thanks, bye."),
        ),
        ("legit", "callback_requested", "not_applicable", False),
    ),
    Call(
        "robocall_warranty", "C1012", "pcm16", ROBOT, ROBOT,
        (
            Turn("unknown", "Hello. This is an automated message about your vehicle's extended warranty. "
                 "Our records show that your factory warranty may have expired."),
            Turn("unknown", "This is your final courtesy call before we close your file. "
                 "Press 1 to speak to a specialist about your coverage options. "
                 "Press 9 to be removed from our list.", gap_s=0.7),
        ),
        ("robocall", "no_conversation", "not_applicable", False),
        mono=True,
        rate_wpm=150,
    ),
    Call(
        "telemarketer_seo", "C1013", "mp3", EMILY, MALE_2,
        (
            A("Good afternoon, Doctor Lee's dental office, this is Emily."),
            C("Hi, am I speaking with the business owner? I'm calling from Local Rank Pros about your "
              "Google business listing. Your business is not showing on the first page of Google, "
              "and our SEO package can fix that."),
            A("We are not interested, thank you."),
            C("It's only 299 dollars a month, and we guarantee first page results."),
            A("No, thank you. Please take us off your list."),
            C("Okay, have a nice day."),
        ),
        ("telemarketing", "not_interested", "not_applicable", False),
    ),
    Call(
        "voicemail_greeting", "C1014", "mp3", JASON, MALE_1,
        (
            C("Hi, you have reached David Park. I can't take your call right now. "
              "Please leave a message after the tone.", gap=1.2),
            Turn("beep", "", gap_s=0.4),
            A("Hi David, this is Jason from Sunset Roofing. I'm calling about the roof quote I emailed you "
              "on Thursday. Please give me a call back at 415 555 0190 when you have a moment. Thanks, bye.",
              say="Hi David, this is Jason from Sunset Roofing. I'm calling about the roof quote I emailed you "
                  f"on Thursday. Please give me a call back at {digits('415')}, {digits('555')}, {digits('0190')} "
                  "when you have a moment. Thanks, bye.",
              gap=0.5),
        ),
        ("legit", "voicemail", "not_applicable", False),
    ),
    Call(
        "dead_air", "C1015", "ulaw", MARCUS, FEMALE_1,
        (),
        ("legit", "no_conversation", "not_applicable", False),
        noise_rms=40.0,
        length_s=20.0,
    ),
    Call(
        "wrong_number", "C1016", "mp3", EMILY, MALE_1,
        (
            A("Good afternoon, Doctor Lee's dental office, this is Emily."),
            C("Oh, hi. Is this Tony's Pizza? I wanted to order a large pizza."),
            A("No, I'm sorry, this is a dental office."),
            C("Oh, sorry, wrong number. Bye."),
        ),
        ("legit", "wrong_number", "not_applicable", False),
    ),
)


# ---------------------------------------------------------------- audio


def run(cmd: list[str]) -> None:
    subprocess.run(cmd, check=True, capture_output=True)


def read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1, path
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32)


def synthesize(text: str, voice: Voice, rate_wpm: int, tmp: Path) -> np.ndarray:
    """espeak-ng at its native 22.05 kHz, resampled to 8 kHz by sox, trimmed, as float32 in [-1, 1]."""
    raw, narrow = tmp / "raw.wav", tmp / "narrow.wav"
    run([ESPEAK, "-v", voice.name, "-p", str(voice.pitch), "-s", str(rate_wpm), "-g", "2", "-w", str(raw), text])
    # Headroom first: espeak-ng peaks at full scale and the resampler would clip.
    run([*SOX, str(raw), "-r", str(SAMPLE_RATE), "-b", "16", str(narrow), "gain", "-6", "rate", "-h"])
    audio = read_wav(narrow) / 32768.0
    loud = np.flatnonzero(np.abs(audio) > 0.01)
    if loud.size == 0:
        raise RuntimeError(f"espeak-ng produced silence for {text!r}")
    audio = audio[loud[0] : loud[-1] + 1]
    return audio / np.max(np.abs(audio))


def beep(seconds: float = 0.5, hz: float = 1000.0) -> np.ndarray:
    """The answering machine tone, from sox's synth so it is a real generated tone."""
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "beep.wav"
        run([*SOX, "-n", "-r", str(SAMPLE_RATE), "-b", "16", "-c", "1", str(out),
             "synth", str(seconds), "sine", str(hz), "fade", "0.01", str(seconds), "0.01"])
        return read_wav(out) / 32768.0


def render(call: Call, seed: int, tmp: Path) -> tuple[np.ndarray, list[dict]]:
    """Lay the turns on a timeline; return int16 samples (frames × channels) and reference segments."""
    rng = random.Random(seed)
    levels = {"agent": 0.55, "customer": 0.42, "unknown": 0.5, "beep": 0.3}  # customers sound a bit quieter
    channel_of = {"agent": 0, "customer": 1, "beep": 1, "unknown": 0}
    pieces: list[tuple[int, int, np.ndarray]] = []  # (channel, start sample, audio)
    segments: list[dict] = []
    t = 0.3 + rng.uniform(0.0, 0.5)  # the recorder starts a moment before anyone speaks
    for turn in call.turns:
        if pieces:
            t += turn.gap_s if turn.gap_s is not None else round(rng.uniform(0.3, 1.2), 2)
        elif turn.gap_s is not None:
            t = turn.gap_s
        if turn.speaker == "beep":
            audio = beep()
        else:
            voice = turn.voice or (call.agent_voice if turn.speaker == "agent" else call.customer_voice)
            rate = call.rate_wpm - (5 if turn.speaker == "customer" else 0)
            audio = synthesize(turn.say or turn.text, voice, rate, tmp)
        start = int(round(t * SAMPLE_RATE))
        pieces.append((channel_of[turn.speaker], start, audio * levels[turn.speaker]))
        if turn.speaker != "beep":
            segments.append({
                "speaker": turn.speaker,
                "start": round(start / SAMPLE_RATE, 2),
                "end": round((start + len(audio)) / SAMPLE_RATE, 2),
                "text": turn.text,
            })
        t = (start + len(audio)) / SAMPLE_RATE
    length_s = call.length_s if call.length_s is not None else t + 0.5 + rng.uniform(0.0, 0.5)
    n = int(round(length_s * SAMPLE_RATE))
    channels = 1 if call.mono else 2
    rs = np.random.default_rng(seed)
    # Faint line noise on every channel, so "silent" is a noise floor as on a real line.
    mix = rs.normal(0.0, call.noise_rms / 32768.0, size=(n, channels)).astype(np.float32)
    for channel, start, audio in pieces:
        mix[start : start + len(audio), channel] += audio
    return np.clip(np.round(mix * 32767.0), -32768, 32767).astype("<i2"), segments


def write_recording(call: Call, samples: np.ndarray, tmp: Path) -> Path:
    """Write the samples in the call's container and codec."""
    out = RECORDINGS / call.file_name
    pcm = tmp / "pcm.wav"
    with wave.open(str(pcm), "wb") as w:
        w.setnchannels(samples.shape[1])
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(samples.tobytes())
    if call.encoding == "pcm16":
        shutil.copyfile(pcm, out)
    elif call.encoding == "ulaw":
        run([*SOX, str(pcm), "-e", "u-law", "-b", "8", str(out)])
    elif call.encoding == "flac":
        run([*SOX, str(pcm), "-C", "8", str(out)])
    elif call.encoding == "mp3":
        run([*SOX, str(pcm), "-C", "32", str(out)])  # 32 kbit/s; at 24 Whisper's error rate doubles
    elif call.encoding == "opus":
        encode_opus(samples, out)
    else:
        raise ValueError(call.encoding)
    return out


def encode_opus(samples: np.ndarray, out: Path) -> None:
    """Ogg Opus through PyAV (sox here cannot write Opus)."""
    import av

    layout = "stereo" if samples.shape[1] == 2 else "mono"
    # bitexact: a fixed Ogg serial number and no library version tag, so the bytes repeat.
    with av.open(str(out), "w", format="ogg", options={"fflags": "+bitexact", "serial_offset": "1"}) as container:
        stream = container.add_stream("libopus", rate=SAMPLE_RATE, layout=layout)
        stream.bit_rate = 32000  # below this libopus folds the channels together (crosstalk)
        frame_size = SAMPLE_RATE // 50  # 20 ms
        for i in range(0, len(samples), frame_size):
            chunk = samples[i : i + frame_size]
            if len(chunk) < frame_size:
                chunk = np.vstack([chunk, np.zeros((frame_size - len(chunk), chunk.shape[1]), "<i2")])
            frame = av.AudioFrame.from_ndarray(chunk.reshape(1, -1), format="s16", layout=layout)
            frame.sample_rate = SAMPLE_RATE
            frame.pts = i
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)


def decode(path: Path) -> np.ndarray:
    """Decode as faster-whisper will (PyAV), resampled to 8 kHz: float32 (channels × frames)."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="fltp", layout=stream.layout.name, rate=SAMPLE_RATE)
        chunks = [f.to_ndarray() for frame in container.decode(stream) for f in resampler.resample(frame)]
        chunks += [f.to_ndarray() for f in resampler.resample(None)]
    return np.concatenate(chunks, axis=1)


def decoder_delay_s(path: Path, samples: np.ndarray) -> float:
    """How late the audio starts when decoded, compared with what was encoded.

    MP3 encoders put ~0.14 s of priming samples in front and sox writes no gapless tag,
    so decoders play them; reference times must match what a decoder gives.
    """
    decoded = decode(path).mean(axis=0)
    original = samples.astype(np.float32).mean(axis=1) / 32768.0
    n = min(len(original), len(decoded), 10 * SAMPLE_RATE)
    max_lag = SAMPLE_RATE // 2
    a, b = original[:n], decoded[: n + max_lag]
    # Cross-correlation by FFT, lags 0..max_lag (decoders only ever add delay).
    size = 1 << int(np.ceil(np.log2(len(a) + len(b))))
    corr = np.fft.irfft(np.fft.rfft(b, size) * np.conj(np.fft.rfft(a, size)), size)[: max_lag + 1]
    return float(np.argmax(corr)) / SAMPLE_RATE


# ---------------------------------------------------------------- call records


def cost_for(ring_s: int, talk_s: int, hold_s: int) -> str:
    return f"{math.ceil((ring_s + talk_s + hold_s) / 60) * COST_PER_MINUTE:.2f}"


# Tracking numbers: one per source/campaign, as a call-tracking service assigns them.
TRACK = {
    "blueriver_main": "+14155550100",
    "blueriver_ads": "+14155550111",
    "oakstreet_main": "+14155550120",
    "leedental_yelp": "+14155550130",
    "leedental_ads": "+14155550131",
    "sunset_ads": "+14155550140",
    "sunset_web": "+14155550141",
}

# Per recorded call: the CDR fields the audio does not decide. talk_s comes from the audio.
RECORDED_ROWS: dict[str, dict] = {
    "C1001": dict(started_at="2026-11-16 09:04:12", direction="inbound", caller="(415) 555-0134",
                  callee=TRACK["blueriver_main"], agent="Emily Chen", queue="support", source="direct",
                  campaign="", tracking_number=TRACK["blueriver_main"], wait_s=14, ring_s=4, hold_s=0,
                  acw_s=35, disposition="support", revenue="", updated_at="2026-11-16 09:06:01"),
    "C1002": dict(started_at="2026-11-17T10:15:40-08:00", direction="inbound", caller="415-555-0178",
                  callee=TRACK["blueriver_main"], agent="Marcus Bell", queue="support", source="direct",
                  campaign="", tracking_number=TRACK["blueriver_main"], wait_s=31, ring_s=3, hold_s=0,
                  acw_s=62, disposition="", revenue="", updated_at="2026-11-17T10:18:02-08:00"),
    "C1003": dict(started_at="2026-11-16 11:42:05", direction="inbound", caller="+16505550147",
                  callee=TRACK["oakstreet_main"], agent="Jason Ortiz", queue="sales", source="website",
                  campaign="oakstreet-store-page", tracking_number=TRACK["oakstreet_main"], wait_s=6, ring_s=5,
                  hold_s=0, acw_s=10, disposition="", revenue="", updated_at="2026-11-16 11:43:40"),
    "C1004": dict(started_at="2026-11-16T14:03:27-08:00", direction="inbound", caller="(510) 555-0162",
                  callee=TRACK["blueriver_main"], agent="Jason Ortiz", queue="support", source="direct",
                  campaign="", tracking_number=TRACK["blueriver_main"], wait_s=48, ring_s=4, hold_s=0,
                  acw_s=20, disposition="support", revenue="", updated_at="2026-11-16T14:05:10-08:00"),
    "C1005": dict(started_at="2026-11-18T16:20:02-08:00", direction="inbound", caller="510-555-0162",
                  callee=TRACK["blueriver_main"], agent="Marcus Bell", queue="support", source="direct",
                  campaign="", tracking_number=TRACK["blueriver_main"], wait_s=22, ring_s=3, hold_s=0,
                  acw_s=41, disposition="support", revenue="", updated_at="2026-11-18T16:23:15-08:00"),
    "C1006": dict(started_at="2026-11-18 09:31:55", direction="inbound", caller="+1 (628) 555-0119",
                  callee=TRACK["blueriver_ads"], agent="Marcus Bell", queue="support", source="google_ads",
                  campaign="blueriver-fiber-fall", tracking_number=TRACK["blueriver_ads"], wait_s=67, ring_s=3,
                  hold_s=38, acw_s=95, disposition="support", revenue="", updated_at="2026-11-18 09:40:12"),
    "C1007": dict(started_at="2026-11-19 13:10:44", direction="inbound", caller="(415) 555-0185",
                  callee=TRACK["blueriver_main"], agent="Emily Chen", queue="support", source="direct",
                  campaign="", tracking_number=TRACK["blueriver_main"], wait_s=9, ring_s=4, hold_s=0,
                  acw_s=58, disposition="appointment_booked", revenue="", updated_at="2026-11-19 13:13:20"),
    "C1008": dict(started_at="2026-11-19T15:47:09-08:00", direction="inbound", caller="650.555.0147",
                  callee=TRACK["oakstreet_main"], agent="Linda Reyes", queue="sales", source="website",
                  campaign="oakstreet-store-page", tracking_number=TRACK["oakstreet_main"], wait_s=4, ring_s=6,
                  hold_s=0, acw_s=75, disposition="sale", revenue="249.00",
                  updated_at="2026-11-19T15:51:30-08:00"),
    "C1009": dict(started_at="2026-11-17 08:52:30", direction="inbound", caller="(408) 555-0126",
                  callee=TRACK["leedental_yelp"], agent="Emily Chen", queue="sales", source="yelp",
                  campaign="leedental-yelp", tracking_number=TRACK["leedental_yelp"], wait_s=12, ring_s=4,
                  hold_s=0, acw_s=30, disposition="appointment_booked", revenue="",
                  updated_at="2026-11-17 08:54:45"),
    "C1010": dict(started_at="2026-11-16T10:05:18-08:00", direction="inbound", caller="+14085550153",
                  callee=TRACK["sunset_ads"], agent="Jason Ortiz", queue="sales", source="google_ads",
                  campaign="sunset-roof-replacement", tracking_number=TRACK["sunset_ads"], wait_s=26, ring_s=5,
                  hold_s=0, acw_s=120, disposition="qualified_lead", revenue="",
                  updated_at="2026-11-16T10:09:02-08:00"),
    "C1011": dict(started_at="2026-11-20 11:30:00", direction="outbound", caller=TRACK["blueriver_main"],
                  callee="(925) 555-0171", agent="Linda Reyes", queue="sales", source="website",
                  campaign="blueriver-fiber-fall", tracking_number="", wait_s=0, ring_s=11, hold_s=0,
                  acw_s=25, disposition="callback_requested", revenue="", updated_at="2026-11-20 11:31:40"),
    "C1012": dict(started_at="2026-11-17T12:01:33-08:00", direction="inbound", caller="+18885550199",
                  callee=TRACK["sunset_web"], agent="Linda Reyes", queue="sales", source="website",
                  campaign="sunset-website", tracking_number=TRACK["sunset_web"], wait_s=2, ring_s=4, hold_s=0,
                  acw_s=5, disposition="", revenue="", updated_at="2026-11-17T12:02:10-08:00"),
    "C1013": dict(started_at="2026-11-18 14:22:51", direction="inbound", caller="(213) 555-0144",
                  callee=TRACK["leedental_ads"], agent="Emily Chen", queue="sales", source="google_ads",
                  campaign="leedental-cleaning", tracking_number=TRACK["leedental_ads"], wait_s=3, ring_s=4,
                  hold_s=0, acw_s=5, disposition="not_interested", revenue="", updated_at="2026-11-18 14:23:40"),
    "C1014": dict(started_at="2026-11-20T09:15:26-08:00", direction="outbound", caller=TRACK["sunset_ads"],
                  callee="408-555-0153", agent="Jason Ortiz", queue="sales", source="google_ads",
                  campaign="sunset-roof-replacement", tracking_number="", wait_s=0, ring_s=24, hold_s=0, acw_s=15,
                  disposition="", revenue="", updated_at="2026-11-20T09:16:30-08:00"),
    "C1015": dict(started_at="2026-11-21 10:02:14", direction="inbound", caller="(707) 555-0111",
                  callee=TRACK["oakstreet_main"], agent="Linda Reyes", queue="sales", source="direct",
                  campaign="", tracking_number=TRACK["oakstreet_main"], wait_s=5, ring_s=3, hold_s=0, acw_s=3,
                  disposition="", revenue="", updated_at="2026-11-21 10:02:45"),
    "C1016": dict(started_at="2026-11-21T16:45:03-08:00", direction="inbound", caller="+1 415 555 0166",
                  callee=TRACK["leedental_yelp"], agent="Emily Chen", queue="sales", source="yelp",
                  campaign="leedental-yelp", tracking_number=TRACK["leedental_yelp"], wait_s=1, ring_s=3,
                  hold_s=0, acw_s=0, disposition="", revenue="", updated_at="2026-11-21T16:45:30-08:00"),
}

# Calls with no recording: never answered, blocked, or sent to the business voicemail.
UNRECORDED_ROWS: list[dict] = [
    dict(call_id="C2001", started_at="2026-11-17T10:02:11-08:00", direction="inbound", caller="(415) 555-0178",
         callee=TRACK["blueriver_main"], status="abandoned", agent="", queue="support", source="direct",
         campaign="", tracking_number=TRACK["blueriver_main"], wait_s=95, ring_s=0,
         updated_at="2026-11-17T10:03:50-08:00"),
    dict(call_id="C2002", started_at="2026-11-16 12:15:09", direction="inbound", caller="415.555.0192",
         callee=TRACK["blueriver_ads"], status="abandoned", agent="", queue="support", source="google_ads",
         campaign="blueriver-fiber-fall", tracking_number=TRACK["blueriver_ads"], wait_s=3, ring_s=0,
         updated_at="2026-11-16 12:15:13"),
    dict(call_id="C2003", started_at="2026-11-19 17:58:40", direction="inbound", caller="+16285550177",
         callee=TRACK["sunset_ads"], status="abandoned", agent="", queue="sales", source="google_ads",
         campaign="sunset-roof-replacement", tracking_number=TRACK["sunset_ads"], wait_s=2, ring_s=0,
         updated_at="2026-11-19 17:58:43"),
    dict(call_id="C2004", started_at="2026-11-20T12:40:05-08:00", direction="inbound", caller="(650) 555-0139",
         callee=TRACK["leedental_ads"], status="abandoned", agent="", queue="sales", source="google_ads",
         campaign="leedental-cleaning", tracking_number=TRACK["leedental_ads"], wait_s=41, ring_s=0,
         updated_at="2026-11-20T12:40:50-08:00"),
    dict(call_id="C2005", started_at="2026-11-18 19:05:30", direction="inbound", caller="925-555-0108",
         callee=TRACK["oakstreet_main"], status="missed", agent="Linda Reyes", queue="sales", source="website",
         campaign="oakstreet-store-page", tracking_number=TRACK["oakstreet_main"], wait_s=0, ring_s=30,
         updated_at="2026-11-18 19:06:05"),
    dict(call_id="C2006", started_at="2026-11-19T08:01:12-08:00", direction="outbound", caller=TRACK["blueriver_main"],
         callee="(925) 555-0171", status="missed", agent="Linda Reyes", queue="sales", source="website",
         campaign="blueriver-fiber-fall", tracking_number="", wait_s=0, ring_s=28,
         updated_at="2026-11-19T08:01:45-08:00"),
    dict(call_id="C2007", started_at="2026-11-17T23:30:02Z", direction="inbound", caller="+12135550160",
         callee=TRACK["sunset_web"], status="blocked", agent="", queue="sales", source="website",
         campaign="sunset-website", tracking_number=TRACK["sunset_web"], wait_s=0, ring_s=0,
         updated_at="2026-11-17T23:30:02Z"),
    dict(call_id="C2008", started_at="2026-11-21T18:20:44-08:00", direction="inbound", caller="(408) 555-0181",
         callee=TRACK["leedental_yelp"], status="voicemail", agent="", queue="sales", source="yelp",
         campaign="leedental-yelp", tracking_number=TRACK["leedental_yelp"], wait_s=0, ring_s=25,
         updated_at="2026-11-21T18:21:40-08:00"),
    # The escalated caller (C1006) gave up waiting the day before: "the second time I'm calling".
    dict(call_id="C2009", started_at="2026-11-17 16:48:20", direction="inbound", caller="628-555-0119",
         callee=TRACK["blueriver_ads"], status="abandoned", agent="", queue="support", source="google_ads",
         campaign="blueriver-fiber-fall", tracking_number=TRACK["blueriver_ads"], wait_s=142, ring_s=0,
         updated_at="2026-11-17 16:50:45"),
    # An older version of C2004 from before the queue statistics were finalized: the
    # loader must keep the row with the latest updated_at (SPEC §4).
    dict(call_id="C2004", started_at="2026-11-20T12:40:05-08:00", direction="inbound", caller="(650) 555-0139",
         callee=TRACK["leedental_ads"], status="abandoned", agent="", queue="sales", source="google_ads",
         campaign="leedental-cleaning", tracking_number=TRACK["leedental_ads"], wait_s=38, ring_s=0,
         updated_at="2026-11-20T12:40:46-08:00"),
]


def call_rows(durations: dict[str, float]) -> list[dict]:
    """All CSV rows: recorded calls in call_id order, then the unrecorded ones."""
    by_id = {c.call_id: c for c in CALLS}
    rows = []
    for call_id, r in RECORDED_ROWS.items():
        talk_s = int(round(durations[call_id]))
        rows.append({**r, "call_id": call_id, "recording": by_id[call_id].file_name, "status": "answered",
                     "talk_s": talk_s, "cost": cost_for(r["ring_s"], talk_s, r["hold_s"])})
    for r in UNRECORDED_ROWS:
        rows.append({**r, "recording": "", "talk_s": 0, "hold_s": 0, "acw_s": 0, "disposition": "",
                     "revenue": "", "cost": "0.00"})  # carriers bill connected calls only
    return [{k: row[k] for k in CSV_COLUMNS} for row in rows]


# ---------------------------------------------------------------- main


def main() -> None:
    for tool in (ESPEAK, SOX[0]):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} not found: install it (Debian: apt-get install espeak-ng sox libsox-fmt-mp3)")
    RECORDINGS.mkdir(parents=True, exist_ok=True)
    for old in RECORDINGS.iterdir():
        old.unlink()
    references, durations = [], {}
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for seed, call in enumerate(CALLS, start=1):
            samples, segments = render(call, seed, tmp)
            path = write_recording(call, samples, tmp)
            delay_s = decoder_delay_s(path, samples) if call.turns else 0.0
            for seg in segments:
                seg["start"], seg["end"] = round(seg["start"] + delay_s, 2), round(seg["end"] + delay_s, 2)
            durations[call.call_id] = len(samples) / SAMPLE_RATE
            references.append({"recording": call.file_name, "call_id": call.call_id, "segments": segments})
            print(f"{path.name:36s} {len(samples) / SAMPLE_RATE:5.1f} s {path.stat().st_size / 1024:7.1f} KiB"
                  f"  decoder delay {delay_s:.3f} s")
    with open(HERE / "references.jsonl", "w") as f:
        for ref in references:
            f.write(json.dumps(ref) + "\n")
    with open(HERE / "expected_labels.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["call_id", "spam", "outcome", "resolution", "escalated"])
        for call in CALLS:
            spam, outcome, resolution, escalated = call.labels
            w.writerow([call.call_id, spam, outcome, resolution, "true" if escalated else "false"])
    with open(HERE / "calls.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=CSV_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(call_rows(durations))
    total = sum(p.stat().st_size for p in RECORDINGS.iterdir())
    print(f"{len(CALLS)} recordings, {total / 1024 / 1024:.2f} MiB")


if __name__ == "__main__":
    main()

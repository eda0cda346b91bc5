"""A transcriber for tests: reads the transcript from a sidecar JSON file next to the audio.

The sidecar ``<audio>.transcript.json`` (or ``<audio stem>.transcript.json``) uses the
SPEC §7 form: ``{"segments": [{"speaker": ..., "start": ..., "end": ..., "text": ...}]}``
or ``{"text": "..."}``. No sidecar means an empty transcript (dead air). Setting
``CALLQA_FAKE_DELAY_S`` makes each file take that long, so tests can kill a run mid-way;
``{"crash": true}`` in a sidecar ends the process at once, as a native crash in a decoder
would, so tests can check that the worker pool survives it.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from callqa.errors import AudioError
from callqa.schema import AGENT, CUSTOMER, SPEAKERS, UNKNOWN, AudioInfo, Segment, Transcript

FAKE_ID = "fake-1"


def sidecar_path(path: str) -> Path | None:
    for candidate in (Path(str(path) + ".transcript.json"), Path(path).with_suffix(".transcript.json")):
        if candidate.exists():
            return candidate
    return None


class FakeTranscriber:
    """Returns the sidecar's segments as the transcript; same contract as the Whisper adapter."""

    id = FAKE_ID

    def transcribe(
        self, path: str, info: AudioInfo, *, agent_channel: str = "left", direction: str | None = None
    ) -> Transcript:
        delay = float(os.environ.get("CALLQA_FAKE_DELAY_S", "0") or 0)
        if delay > 0:
            time.sleep(delay)
        stereo = info.channels >= 2 and not info.dual_mono
        agent_ch = 1 if agent_channel == "right" else 0
        side = sidecar_path(path)
        items: list[dict] = []
        if side is not None:
            try:
                data = json.loads(side.read_text(encoding="utf-8"))
            except (OSError, ValueError) as e:
                raise AudioError("decode_error", f"{side} is not valid JSON ({e}); fix or delete the sidecar file.") from None
            if isinstance(data, dict) and data.get("crash"):
                os._exit(70)  # no cleanup, no exception: what a segfault looks like to the pool
            if isinstance(data, dict) and "segments" in data:
                items = list(data["segments"])
            elif isinstance(data, dict) and "text" in data:
                items = [{"speaker": UNKNOWN, "start": 0.0, "end": info.duration_s, "text": data["text"]}]
            elif isinstance(data, list):
                items = data
        segments = []
        ordered = sorted(items, key=lambda s: (float(s.get("start", 0.0)), float(s.get("end", 0.0))))
        for i, item in enumerate(ordered):
            speaker = item.get("speaker", UNKNOWN)
            speaker = speaker if speaker in SPEAKERS else UNKNOWN
            if not stereo:
                speaker = UNKNOWN
            channel = None
            if stereo and speaker != UNKNOWN:
                channel = agent_ch if speaker == AGENT else 1 - agent_ch
            segments.append(
                Segment(
                    index=i,
                    speaker=speaker if stereo else UNKNOWN,
                    start_s=float(item.get("start", 0.0)),
                    end_s=float(item.get("end", item.get("start", 0.0))),
                    text=str(item.get("text", "")),
                    confidence=item.get("confidence"),
                    no_speech_prob=item.get("no_speech_prob"),
                    channel=item.get("channel", channel),
                    suspect=bool(item.get("suspect", False)),
                    suspect_reason=item.get("suspect_reason"),
                )
            )
        has_roles = any(s.speaker in (AGENT, CUSTOMER) for s in segments)
        return Transcript(
            segments=tuple(segments),
            duration_s=info.duration_s,
            model=self.id,
            channels=2 if stereo else 1,
            agent_channel=agent_ch if stereo else None,
            role_confidence=(1.0 if has_roles else 0.5) if stereo else None,
        )

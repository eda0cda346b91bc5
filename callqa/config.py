"""Settings: metric definitions and thresholds (SPEC §5), flags (SPEC §6), defaults.

Precedence: ``callqa.toml`` (the path given, else ``./callqa.toml`` if present)
> ``CALLQA_<NAME>`` environment variables > the defaults below.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from callqa.errors import ConfigError

DEFAULT_CONFIG_FILE = "callqa.toml"


@dataclass(frozen=True)
class Settings:
    # Call records (SPEC §4)
    default_region: str = "US"  # for E.164 normalization of national numbers
    timezone: str = "UTC"  # for naive started_at values

    # Metrics (SPEC §5)
    short_abandon_s: float = 5.0
    service_level_s: float = 20.0
    fcr_window_days: int = 7
    fcr_windows_days: tuple[int, ...] = (1, 7, 30)
    lead_min_duration_s: float = 60.0
    lead_first_time_only: bool = False
    short_call_s: float = 30.0
    long_call_s: float = 360.0
    duration_thresholds_s: tuple[float, ...] = (30.0, 60.0, 120.0, 300.0, 600.0)
    silence_min_s: float = 2.0
    operating_cost_per_call: float | None = None  # used for cost per call when no cost column

    # Flags (SPEC §6)
    review_confidence: float = 0.6
    flag_total_silence_s: float = 10.0
    flag_single_silence_s: float = 30.0
    flag_agent_talk_ratio: float = 0.65
    flag_interruptions: int = 5
    flag_spam_min_talk_s: float = 60.0
    flag_reasons: tuple[str, ...] = (  # which reasons `callqa flagged` reports (callqa.scoring.flags.REASONS)
        "escalated", "unresolved", "follow_up", "spam_with_conversation", "low_confidence", "long_silence_total",
        "long_silence", "agent_talk_ratio", "interruptions", "no_greeting", "no_closing", "disposition_mismatch",
    )  # fmt: skip

    # Transcription
    agent_channel: str = "left"  # left | right | auto

    # QA scorecard: a rubric TOML file; None uses the packaged callqa/rubric.toml
    rubric: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(self).items()}

    def key(self, *names: str) -> str:
        """A stable string of the named settings, for content-hash cache keys."""
        d = self.to_dict()
        return json.dumps({n: d[n] for n in names}, sort_keys=True)


def _coerce(name: str, raw: Any, default: Any, annotation: str) -> Any:
    """Turn a TOML or environment value into the type of the default."""
    try:
        if isinstance(raw, str) and not annotation.startswith("str"):
            if isinstance(default, bool):
                if raw.lower() in ("1", "true", "yes", "on"):
                    return True
                if raw.lower() in ("0", "false", "no", "off"):
                    return False
                raise ValueError(raw)
            if isinstance(default, tuple):
                raw = [x for x in raw.split(",") if x.strip()]
            elif raw.lower() in ("", "none"):
                return None
            else:
                raw = float(raw) if "float" in annotation else int(raw)
        if isinstance(default, tuple):
            item_type = type(default[0]) if default else float
            return tuple(item_type(x) for x in raw)
        if isinstance(default, bool):
            if not isinstance(raw, bool):
                raise ValueError(raw)
            return raw
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float) or "float" in annotation:
            return None if raw is None else float(raw)
        return raw
    except (TypeError, ValueError):
        raise ConfigError(
            f"Setting {name!r} has the value {raw!r}, which is not a valid {annotation}. "
            f"Fix it in callqa.toml or the CALLQA_{name.upper()} environment variable."
        ) from None


def load_settings(path: str | Path | None = None, *, env: dict[str, str] | None = None) -> Settings:
    """Load settings from a TOML file and the environment.

    Args:
        path: a callqa.toml; when None, ``./callqa.toml`` is used if it exists.
        env: environment to read CALLQA_* from (defaults to os.environ).
    """
    env = dict(os.environ) if env is None else env
    values: dict[str, Any] = {}
    known = {f.name: f for f in fields(Settings)}
    defaults = Settings()

    for f in fields(Settings):
        raw = env.get(f"CALLQA_{f.name.upper()}")
        if raw is not None:
            values[f.name] = _coerce(f.name, raw, getattr(defaults, f.name), str(f.type))

    config_path = Path(path) if path is not None else Path(DEFAULT_CONFIG_FILE)
    if path is not None and not config_path.exists():
        raise ConfigError(f"Config file {config_path} does not exist. Check the path, or leave out --config to use the defaults.")
    if config_path.exists():
        try:
            data = tomllib.loads(config_path.read_text())
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"{config_path} is not valid TOML ({e}). Fix the file or remove it to use the defaults.") from None
        # Accept both flat keys and [metrics] / [flags] / [records] / [transcribe] tables.
        flat: dict[str, Any] = {}
        for k, v in data.items():
            if isinstance(v, dict) and k not in known:
                flat.update(v)
            else:
                flat[k] = v
        for k, v in flat.items():
            if k not in known:
                raise ConfigError(
                    f"{config_path}: unknown setting {k!r}. Known settings: {', '.join(sorted(known))}."
                )
            values[k] = _coerce(k, v, getattr(defaults, k), str(known[k].type))

    return dataclasses.replace(defaults, **values)

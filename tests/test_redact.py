"""PII redaction: typed tokens, tricky spoken numbers, names that are words, offsets, idempotence."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

from callqa.classify.redact import ALL_KINDS, Redacted, Redactor, _luhn, redact_text
from callqa.errors import UsageError
from callqa.schema import Classification, Evidence, Label, Segment, Transcript

ROBOCALLS = Path(__file__).resolve().parents[2] / "shared" / "data" / "robocall" / "transcripts.csv"


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


def kinds(red: Redacted) -> list[str]:
    return [r.kind for r in red.replacements]


# ---------------------------------------------------------------- card numbers


def test_card_read_in_written_groups_across_commas(redactor):
    red = redactor.redact("Sure, the card is 4111, 1111, 1111, 1111, expiring next year.")
    assert red.text == "Sure, the card is [CARD_NUMBER], expiring next year."
    assert red.replacements[0].original == "4111, 1111, 1111, 1111"


def test_card_read_in_spoken_groups_with_double_and_oh(redactor):
    assert _luhn("4400123456789005")  # the number read out below
    text = "ok it's double four, double oh, one two three four, five six seven eight, nine oh oh five"
    red = redactor.redact(text)
    assert red.text == "ok it's [CARD_NUMBER]"


def test_card_split_across_single_digit_words(redactor):
    text = "my card number is four one one one one one one one one one one one one one one one thanks"
    assert redactor.redact(text).text == "my card number is [CARD_NUMBER] thanks"
    assert redactor.redact("5500 0000 0000 0004").text == "[CARD_NUMBER]"  # Mastercard test number


def test_card_after_an_interjection_still_typed(redactor):
    # "Oh," is not part of the number: the run is split at the pause and the card found.
    red = redactor.redact("Oh, four one one one, one one one one, one one one one, one one one one.")
    assert red.text == "Oh, [CARD_NUMBER]."
    assert redactor.redact("Oh, 4111111111111111.").text == "Oh, [CARD_NUMBER]."


def test_non_luhn_sixteen_digits_are_digits_not_card(redactor):
    assert not _luhn("4111111111111112")
    spoken = "four one one one, one one one one, one one one one, one one one two"
    for text in ("my card is 4111 1111 1111 1112", spoken):
        red = redactor.redact(text)
        assert kinds(red) == ["DIGITS"], text
        assert "CARD_NUMBER" not in red.text


# ---------------------------------------------------------------- phone numbers


def test_agent_reads_back_phone_number(redactor):
    red = redactor.redact("so that's four one five, five five five, zero one three four, correct?")
    assert red.text == "so that's [PHONE_NUMBER], correct?"
    assert red.replacements[0].original == "four one five, five five five, zero one three four"


def test_written_phone_formats(redactor):
    red = redactor.redact("call me at (415) 555-0134 or +44 20 7946 0958, or 1-800-555-0199.")
    assert red.text == "call me at [PHONE_NUMBER] or [PHONE_NUMBER], or [PHONE_NUMBER]."


def test_spoken_toll_free_with_hundred(redactor):
    assert redactor.redact("call one eight hundred five five five one two one two").text == "call [PHONE_NUMBER]"


def test_seven_digit_phone_needs_a_cue_in_the_previous_turn(redactor):
    red = redactor.redact("five five five one two three four", context="What's a good number to reach you?")
    assert kinds(red) == ["PHONE_NUMBER"]
    assert kinds(redactor.redact("five five five one two three four")) == ["DIGITS"]


def test_phone_and_zip_read_back_to_back(redactor):
    red = redactor.redact("it's 415-555-0134, 94107 is my zip")
    assert red.text == "it's [PHONE_NUMBER], [DIGITS] is my zip"


# ---------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("this is Faith from billing", "this is [PERSON] from billing"),
        ("my name is Bill", "my name is [PERSON]"),
        ("Hi, this is Mark Johnson from Acme Plumbing.", "Hi, this is [PERSON] from Acme Plumbing."),
        # Lowercase ASR output: NER misses these, the introduction gives them away.
        ("my name is bill and I'm calling about my bill", "my name is [PERSON] and I'm calling about my bill"),
        ("hi this is faith from billing, how can I help?", "hi this is [PERSON] from billing, how can I help?"),
    ],
)
def test_names_are_redacted(redactor, text, expected):
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "the bill is high this month",
        "I have faith in you guys",
        "can you mark it as resolved",
        "this is fine with me, I'm okay with that",
        "Hi this is Amazon calling about your order",
        "it's cold at night",
    ],
)
def test_common_words_are_not_names(redactor, text):
    assert redactor.redact(text).text == text


def test_name_given_in_answer_and_spelled(redactor):
    assert redactor.redact("yeah it's bill smith", context="Can I get your name please?").text == "yeah it's [PERSON]"
    assert redactor.redact("S-M-I-T-H", context="can you spell your last name?").text == "[PERSON]"
    # The same words without the question are not a name.
    assert redactor.redact("yeah it's bill smith").text == "yeah it's bill smith"


# ---------------------------------------------------------------- email, SSN, dates of birth


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my email is john dot smith at gmail dot com", "my email is [EMAIL]"),
        ("it's j o h n s m i t h at yahoo dot com", "it's [EMAIL]"),
        ("email me at jane underscore doe at g mail dot com thanks", "email me at [EMAIL] thanks"),
        ("sure, jsmith42@example.org works", "sure, [EMAIL] works"),
        ("send it to jsmith at gmail", "send it to [EMAIL]"),
    ],
)
def test_emails(redactor, text, expected):
    assert redactor.redact(text).text == expected


def test_at_without_a_domain_is_not_an_email(redactor):
    for text in ("I'm at home right now", "I'm at work dot com", "we met at noon"):
        assert redactor.redact(text).text == text


def test_ssn_written_spoken_and_last_four(redactor):
    assert redactor.redact("my social is 123-45-6789").text == "my social is [SSN]"
    assert redactor.redact("it's one two three, four five, six seven eight nine").text == "it's [SSN]"
    assert redactor.redact("one two three four", context="and the last four of your social?").text == "[SSN]"


def test_date_of_birth_only_with_a_birth_cue(redactor):
    assert redactor.redact("my date of birth is March 5th, 1980").text == "my date of birth is [DATE_OF_BIRTH]"
    assert redactor.redact("I was born on the fifth of March nineteen eighty").text == "I was born on [DATE_OF_BIRTH]"
    assert redactor.redact("DOB 03/05/1980").text == "DOB [DATE_OF_BIRTH]"
    for text in ("it should be delivered on March 5th, 2024", "delivery date 03/05/2024", "you may one day need it"):
        assert redactor.redact(text).text == text
    # The cue can be the agent's question in the previous turn.
    red = redactor.redact("March fifth, nineteen eighty", context="And what's your date of birth?")
    assert red.text == "[DATE_OF_BIRTH]"


def test_birth_cue_does_not_reach_past_another_date(redactor):
    red = redactor.redact("My date of birth is March 5th, 1980, and the package arrives March 9th.")
    assert red.text == "My date of birth is [DATE_OF_BIRTH], and the package arrives March 9th."


# ---------------------------------------------------------------- digits, and numbers that stay


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my account number is 12345678 and zip is 94107", "my account number is [DIGITS] and zip is [DIGITS]"),
        ("my zip code is nine four one oh seven", "my zip code is [DIGITS]"),
        ("the order number AMZ0987 was charged $1499", "the order number [DIGITS] was charged $1499"),
        ("and the security code is seven three one", "and the security code is [DIGITS]"),
    ],
)
def test_digit_runs(redactor, text, expected):
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "I waited two minutes and it costs forty nine dollars",
        "the total is $1,299.00, or 1500 dollars with install",
        "The plan is 79.99 a month, zero percent APR for sixty months.",
        "I've been a customer since 2015",
        "twenty twenty-three was a rough year, nineteen eighty five too",
        "press 1 for sales, press 2 for support",
        "we open at 10:30 and close at 5",
        "It was about three or four weeks ago.",
    ],
)
def test_plain_numbers_stay(redactor, text):
    assert redactor.redact(text).text == text


# ---------------------------------------------------------------- offsets and idempotence

TRICKY = [
    "Sure, the card is 4111, 1111, 1111, 1111, expiring next year.",
    "so that's four one five, five five five, zero one three four, correct?",
    "this is Faith from billing, my name is Bill, and the bill is high",
    "my email is john dot smith at gmail dot com and my social is 123-45-6789",
    "my date of birth is March 5th, 1980 and the zip is 94107",
    "call me at (415) 555-0134 or +44 20 7946 0958",
    "four one one one one one one one one one one one one one one two",
]


@pytest.mark.parametrize("text", TRICKY)
def test_redaction_is_idempotent_and_offsets_consistent(redactor, text):
    red = redactor.redact(text)
    assert red.replacements, text
    assert redactor.redact(red.text).text == red.text
    for r in red.replacements:
        assert text[r.start : r.end] == r.original
        assert red.text[r.new_start : r.new_end] == f"[{r.kind}]"
        assert red.map_offset(r.start) == r.new_start
        assert red.map_offset(r.end) == r.new_end
    # Text outside replacements maps character for character.
    inside = {i for r in red.replacements for i in range(r.start, r.end)}
    for i, ch in enumerate(text):
        if i not in inside:
            assert red.text[red.map_offset(i)] == ch
    assert red.map_offset(len(text)) == len(red.text)


def test_map_offset_inside_a_span_and_map_span_widens(redactor):
    text = "call 415 555 0134 now"
    red = redactor.redact(text)
    assert red.text == "call [PHONE_NUMBER] now"
    assert red.map_offset(text.index("555")) == red.text.index("[")
    start, end = red.map_span(0, text.index("555") + 3)  # a span that cuts the number
    assert red.text[start:end] == "call [PHONE_NUMBER]"


def test_transcript_and_evidence_redacted_consistently(redactor):
    segments = (
        Segment(0, "agent", 0.0, 3.0, "Thanks for calling, this is Faith. Can I get your date of birth?"),
        Segment(1, "customer", 3.2, 6.0, "March fifth, nineteen eighty"),
        Segment(2, "customer", 6.5, 11.0, "my number is 415 555 0134 and I want a manager now"),
        Segment(3, "agent", 11.2, 13.0, "I'll transfer you to my supervisor."),
    )
    transcript = Transcript(segments=segments, duration_s=13.0, model="test")
    red_t = redactor.redact_transcript(transcript)
    assert [s.text for s in red_t.segments] == [
        "Thanks for calling, this is [PERSON]. Can I get your date of birth?",
        "[DATE_OF_BIRTH]",
        "my number is [PHONE_NUMBER] and I want a manager now",
        "I'll transfer you to my supervisor.",
    ]
    assert [(s.index, s.speaker, s.start_s, s.end_s) for s in red_t.segments] == [
        (s.index, s.speaker, s.start_s, s.end_s) for s in segments
    ]

    def ev(i: int, text: str, cue: str) -> Evidence:
        s = segments[i]
        return Evidence(s.index, s.speaker, s.start_s, s.end_s, text, cue)

    plain = Label("spam", "legit", 0.9, "model", "v1")
    escalated = Label(
        "escalated",
        "true",
        0.8,
        "rule",
        "v1",
        (
            ev(2, "number is 415 555", "cut_through_pii"),  # the span cuts the phone number
            ev(2, "I want a manager", "asks_manager"),
            ev(3, "transfer you to my supervisor", "transfer"),
            ev(0, "this is Faith", "greeting"),
            Evidence(9, "agent", 0.0, 1.0, "call 415 555 0134", "elsewhere"),  # no such segment
        ),
    )
    classification = Classification(spam=plain, outcome=plain, resolution=plain, escalated=escalated)
    red_c = redactor.redact_classification(classification, transcript)
    texts = [e.text for e in red_c.escalated.evidence]
    assert texts == [
        "number is [PHONE_NUMBER]",
        "I want a manager",
        "transfer you to my supervisor",
        "this is [PERSON]",
        "call [PHONE_NUMBER]",
    ]
    # Every evidence span that came from a segment is a substring of the redacted segment.
    by_index = {s.index: s.text for s in red_t.segments}
    for e in red_c.escalated.evidence[:4]:
        assert e.text in by_index[e.segment_index]
    assert red_c.spam == plain


# ---------------------------------------------------------------- API


def test_redact_many_matches_redact_and_kinds_filter(redactor):
    texts = TRICKY + ["", "nothing to see here"]
    assert [r.text for r in redactor.redact_many(texts)] == [redactor.redact(t).text for t in texts]
    numbers_only = Redactor(kinds={"CARD_NUMBER", "PHONE_NUMBER"})
    red = numbers_only.redact("this is Faith, card 4111 1111 1111 1111, phone 415 555 0134, zip 94107")
    assert red.text == "this is Faith, card [CARD_NUMBER], phone [PHONE_NUMBER], zip 94107"
    assert numbers_only._nlp is None  # no PERSON, so spaCy was never loaded


def test_bad_arguments_are_one_line_errors(redactor):
    with pytest.raises(UsageError, match="unknown redaction kind"):
        Redactor(kinds={"PERSON", "ADDRESS"})
    with pytest.raises(UsageError, match="pass strings"):
        redactor.redact_many(["ok", None])  # type: ignore[list-item]
    with pytest.raises(UsageError, match="one context per text"):
        redactor.redact_many(["a", "b"], contexts=["x"])
    assert set(ALL_KINDS) == {"PERSON", "PHONE_NUMBER", "EMAIL", "CARD_NUMBER", "SSN", "DATE_OF_BIRTH", "DIGITS"}


def test_model_loaded_once_with_ner_only(redactor):
    nlp = redactor.nlp
    assert redactor.nlp is nlp
    enabled = [name for name in nlp.pipe_names if name not in redactor._disable]
    assert enabled == ["ner"]


def test_redact_text_convenience():
    assert redact_text("my name is Bill, call 415 555 0134") == "my name is [PERSON], call [PHONE_NUMBER]"


def test_importing_redact_does_not_import_spacy():
    code = "import sys, callqa.classify.redact; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.skipif(not ROBOCALLS.exists(), reason="../shared/data/robocall not present")
def test_real_robocalls_keep_no_phone_numbers(redactor):
    with ROBOCALLS.open(newline="", encoding="utf-8") as f:
        rows = [r["transcript"] for r in csv.DictReader(f) if r["language"] == "en"]
    phone = re.compile(r"\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b")
    with_phones = [t for t in rows if phone.search(t)][:40]
    assert len(with_phones) >= 10
    for red in redactor.redact_many(with_phones):
        assert not phone.search(red.text), red.text
        assert redactor.redact(red.text).text == red.text
    # Amounts and "press 1" survive: the classifiers need them.
    red = redactor.redact(next(t for t in rows if "$1499" in t))
    assert "$1499" in red.text and "press 1" in red.text.lower()

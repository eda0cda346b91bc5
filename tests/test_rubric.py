"""QA scorecard: rubric loading, phrase matching, windows, weights, auto-fail, not-scored calls."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pytest

from callqa.errors import ConfigError
from callqa.schema import Segment, Transcript
from callqa.scoring.rubric import Rubric, RubricItem, Scorecard, load_rubric, score_call

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric()


def call(*turns: tuple[str, float, str], suspect: tuple[int, ...] = ()) -> Transcript:
    """Turns are (speaker, start_s, text); each lasts 4 s."""
    segs = tuple(
        Segment(i, spk, start, start + 4.0, text, suspect=i in suspect) for i, (spk, start, text) in enumerate(turns)
    )
    return Transcript(segs, max(s.end_s for s in segs) + 1.0, "test")


MODEL_CALL = (
    ("agent", 0.5, "Thank you for calling Blue River Internet, this is Emily. This call may be recorded for quality."),
    ("customer", 5.0, "Hi, my internet keeps dropping."),
    ("agent", 10.0, "I'm sorry to hear that. Can I have your account number, please?"),
    ("customer", 15.0, "Sure, it's 4 4 1 7."),
    ("agent", 20.0, "Thanks. I've reset your line, it should be stable now."),
    ("customer", 25.0, "Yes, it works now."),
    ("agent", 30.0, "Great. Is there anything else I can help you with?"),
    ("customer", 35.0, "No, that's all."),
    ("agent", 40.0, "Thank you for calling Blue River, have a great day!"),
)


def by_name(card: Scorecard) -> dict:
    return {i.name: i for i in card.items}


def test_default_rubric_items_and_weights_add_up_to_100(rubric: Rubric) -> None:
    names = [i.name for i in rubric.items]
    assert names == ["greeting", "recording_disclosure", "identity_check", "empathy", "further_help", "closing"]
    assert sum(i.weight for i in rubric.items) == 100
    assert all(i.speaker == "agent" for i in rubric.items)
    assert rubric.label.startswith("default-1.")


def test_model_call_passes_every_item_with_evidence(rubric: Rubric) -> None:
    card = score_call(call(*MODEL_CALL), rubric, outcome="support")
    assert card.score == 1.0 and not card.auto_failed
    assert all(i.passed for i in card.items) and len(card.items) == 6
    assert card.rubric_version == rubric.label
    items = by_name(card)
    greeting = items["greeting"].evidence[0]
    assert (greeting.segment_index, greeting.speaker, greeting.start_s, greeting.end_s, greeting.cue) == (0, "agent", 0.5, 4.5, "greeting")
    assert greeting.text == "Blue River Internet, this is Emily"
    assert items["recording_disclosure"].evidence[0].text == "call may be recorded"
    assert items["identity_check"].evidence[0].text == "Can I have your account number"
    assert items["empathy"].evidence[0].text == "I'm sorry to hear that"
    assert items["further_help"].evidence[0].segment_index == 6
    # "Thank you for calling" is in the greeting too, but only the last turns count for the closing.
    assert [e.segment_index for e in items["closing"].evidence] == [8, 8]
    assert items["greeting"].reason == 'said by agent at 0.5 s: "Blue River Internet, this is Emily"'
    json.dumps(card.to_dict())  # storable as is


def test_no_greeting_fails_with_empty_evidence_and_a_reason(rubric: Rubric) -> None:
    turns = (("agent", 0.5, "Yeah, what do you need?"),) + MODEL_CALL[1:]
    card = score_call(call(*turns), rubric, outcome="support")
    greeting = by_name(card)["greeting"]
    assert not greeting.passed and greeting.evidence == ()
    assert greeting.reason == "no greeting phrase from the agent in the call"
    # The replaced first turn also carried the disclosure: 100 - 20 greeting - 15 disclosure points.
    assert card.score == pytest.approx(0.65)


def test_greeting_late_in_the_call_fails_the_position_rule(rubric: Rubric) -> None:
    turns = (
        ("agent", 0.5, "Hello?"),
        ("customer", 5.0, "Hi, is this the internet company?"),
        ("agent", 10.0, "Hold on."),
        ("agent", 95.0, "Sorry about that. Blue River Internet, this is Emily."),
        ("customer", 100.0, "Finally."),
    )
    greeting = by_name(score_call(call(*turns), rubric, outcome="support"))["greeting"]
    assert not greeting.passed
    assert greeting.reason.startswith("only outside the first 30 s and first 2 agent turns: agent at 95.0 s")
    assert [e.segment_index for e in greeting.evidence] == [3]  # where it was said, for the coach

    # Within 30 s but in the agent's third turn: fails the turn rule alone.
    turns = (
        ("agent", 0.5, "Hello?"),
        ("customer", 4.0, "Hi?"),
        ("agent", 8.0, "Hello, can you hear me?"),
        ("customer", 12.0, "Yes."),
        ("agent", 16.0, "Okay. Blue River Internet, this is Emily."),
    )
    assert not by_name(score_call(call(*turns), rubric, outcome="support"))["greeting"].passed


def test_missing_disclosure_with_auto_fail_zeroes_the_score(rubric: Rubric) -> None:
    strict = dataclasses.replace(
        rubric, items=tuple(dataclasses.replace(i, auto_fail=i.name == "recording_disclosure") for i in rubric.items)
    )
    turns = (("agent", 0.5, "Thank you for calling Blue River Internet, this is Emily."),) + MODEL_CALL[1:]
    card = score_call(call(*turns), strict, outcome="support")
    assert card.score == 0.0 and card.auto_failed
    assert card.reason == "auto-failed: recording_disclosure missing"
    assert by_name(card)["recording_disclosure"].reason.endswith("; auto-fail item")
    assert sum(i.passed for i in card.items) == 5  # the other items are still reported
    # Same call with the default rubric (disclosure not auto-fail): loses its 15 points only.
    assert score_call(call(*turns), rubric, outcome="support").score == pytest.approx(0.85)
    assert card.rubric_version != rubric.label  # editing an item changes the stored version


def test_score_is_passed_weights_over_applicable_weights(rubric: Rubric) -> None:
    # An information call: identity check and empathy apply to support only, so the
    # applicable weights are greeting 20 + disclosure 15 + further help 15 + closing 20 = 70.
    turns = (
        ("agent", 0.5, "Good morning, Oak Street Hardware, this is Jason."),
        ("customer", 5.0, "What time are you open until?"),
        ("agent", 10.0, "Until 8 pm. Have a good evening."),
    )
    card = score_call(call(*turns), rubric, outcome="information")
    assert [i.name for i in card.items] == ["greeting", "recording_disclosure", "further_help", "closing"]
    assert [i.passed for i in card.items] == [True, False, False, True]
    assert card.score == pytest.approx((20 + 20) / 70)
    assert by_name(card)["greeting"].evidence[0].text == "Oak Street Hardware, this is Jason"
    # Outcome unknown: items limited to some outcomes are left out.
    assert [i.name for i in score_call(call(*turns), rubric).items] == ["greeting", "recording_disclosure", "closing"]


def test_calls_the_rubric_does_not_apply_to_score_none(rubric: Rubric) -> None:
    spam = call(("agent", 0.5, "Thank you for calling Blue River, this is Emily."), ("customer", 4.0, "Press 1 now."))
    card = score_call(spam, rubric, outcome="not_interested", is_spam=True)
    assert card.score is None and card.items == () and card.reason == "not scored: spam call"
    assert score_call(spam, rubric, outcome="voicemail").score is None
    assert score_call(spam, rubric, outcome="wrong_number").reason == "not scored: outcome is wrong_number"
    customer_only = call(("customer", 0.0, "Hello? Hello?"))
    assert score_call(customer_only, rubric, outcome="support").reason == "not scored: no agent speech on the transcript"
    all_suspect = call(("agent", 0.0, "Thank you for watching."), suspect=(0,))
    assert score_call(all_suspect, rubric).reason == "not scored: no speech on the transcript"


def test_suspect_segments_are_ignored(rubric: Rubric) -> None:
    card = score_call(call(*MODEL_CALL, suspect=(0,)), rubric, outcome="support")
    assert not by_name(card)["greeting"].passed


def test_mono_call_counts_any_speaker_and_says_so(rubric: Rubric) -> None:
    turns = tuple(("unknown", start, text) for _, start, text in MODEL_CALL)
    card = score_call(call(*turns), rubric, outcome="support")
    assert card.score == 1.0
    assert all(i.reason.endswith("(mono recording: any speaker counted)") for i in card.items)


def test_loose_slots_reject_fillers_and_contractions_match_both_ways(rubric: Rubric) -> None:
    def greeted(text: str) -> bool:
        return by_name(score_call(call(("agent", 0.5, text)), rubric))["greeting"].passed

    assert greeted("Blue River Internet support, Jason speaking.")
    assert greeted("Hi, this is Sarah from Blue River Internet.")
    assert greeted("blue river internet this is emily")  # lower-case ASR output, no punctuation
    assert not greeted("Hi, this is ridiculous.")
    assert not greeted("Hello, this is the second time I call.")
    assert not greeted("Thank you for calling, how can I help?")  # no company, no name

    def empathic(text: str) -> bool:
        return by_name(score_call(call(("agent", 0.5, text)), rubric, outcome="support"))["empathy"].passed

    assert empathic("I'm sorry about that.") and empathic("im sorry about that") and empathic("I am so sorry for the wait")
    assert empathic("That must be really frustrating.")
    assert not empathic("Sorry, could you repeat that?")


def test_custom_rubric_from_toml(tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    path.write_text(
        """
[rubric]
name = "acme"
version = "2026-01"
company_names = ["Acme Plumbing", "Acme"]
not_scored_outcomes = []

[[items]]
name = "greeting"
weight = 3
within_first_turns = 1
phrases = ["{company} ?this is {name}"]

[[items]]
name = "callback_number"
description = "the customer leaves a number"
weight = 1
speaker = "customer"
phrases = ["my number is {num}"]

[[items]]
name = "sign_off"
weight = 1
within_last_turns = 1
auto_fail = true
applies_to = ["sale"]
phrases = ["bye"]
"""
    )
    acme = load_rubric(path)
    assert (acme.name, acme.version, acme.company_names) == ("acme", "2026-01", ("Acme Plumbing", "Acme"))
    assert acme.items[1] == RubricItem(
        name="callback_number", description="the customer leaves a number", weight=1.0, speaker="customer",
        phrases=("my number is {num}",), within_first_s=None, within_last_s=None, auto_fail=False, applies_to=(),
    )
    turns = (
        ("agent", 0.0, "Acme Plumbing, this is Dana."),
        ("customer", 4.0, "Hi, my number is 415 555 0101, please call back."),
        ("agent", 8.0, "Will do."),
    )
    card = score_call(call(*turns), acme, outcome="support")
    assert [i.name for i in card.items] == ["greeting", "callback_number"]  # sign_off applies to sales only
    assert card.score == 1.0
    assert by_name(card)["callback_number"].evidence[0].text == "my number is 415"
    # company_names makes {company} strict: another business does not count.
    other = call(("agent", 0.0, "Best Plumbing, this is Dana."), ("customer", 4.0, "my number is five"))
    assert score_call(other, acme).score == pytest.approx(1 / 4)
    # On a sale, the auto-fail sign-off must be in the agent's last turn.
    card = score_call(call(*turns), acme, outcome="sale")
    assert card.auto_failed and card.score == 0.0
    assert by_name(card)["sign_off"].reason == "no sign off phrase from the agent in the call; auto-fail item"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[items]\nname = 'x'", "is not valid TOML"),
        ("[rubric]\nname = 'x'\ncolour = 'red'\n[[items]]\nname='a'\nweight=1\nphrases=['hi']", "unknown key(s) 'colour'"),
        ("[[items]]\nname='a'\nweight=1\nphrases=['hi']\nwithin_first=30", "unknown key(s) 'within_first'"),
        ("[[items]]\nname='a'\nphrases=['hi']", "'weight' is missing"),
        ("[[items]]\nname='a'\nweight=-1\nphrases=['hi']", "'weight' must be a number >= 0"),
        ("[[items]]\nname='a'\nweight=1\nspeaker='bot'\nphrases=['hi']", "'speaker' must be one of agent, customer, any"),
        ("[[items]]\nname='a'\nweight=1\nphrases=['hi {company']", "unknown slot '{company'"),
        ("[[items]]\nname='a'\nweight=1\nphrases=['?hi']", "no required word"),
        ("[[items]]\nname='a'\nweight=1\napplies_to=['sales']\nphrases=['hi']", "unknown value(s) 'sales'"),
        ("[[items]]\nname='a'\nweight=1\nwithin_last_turns=0\nphrases=['hi']", "'within_last_turns' must be a whole number >= 1"),
        ("[[items]]\nname='a'\nweight=1\nphrases=['hi']\n[[items]]\nname='a'\nweight=1\nphrases=['yo']", "used twice"),
        ("[[items]]\nname='a'\nweight=0\nphrases=['hi']", "all weights are 0"),
        ("[rubric]\nname = 'x'", "no [[items]]"),
    ],
)
def test_bad_rubric_files_give_one_line_config_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_rubric(path)
    assert message in str(err.value) and str(path) in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_rubric_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_rubric(tmp_path / "nope.toml")


@pytest.mark.skipif(not (EXAMPLES / "references.jsonl").exists(), reason="examples/references.jsonl not present")
def test_bundled_examples_get_greeting_and_closing_credit(rubric: Rubric) -> None:
    expected = {r["call_id"]: r for r in csv.DictReader((EXAMPLES / "expected_labels.csv").open())}
    cards = {}
    for line in (EXAMPLES / "references.jsonl").read_text().splitlines():
        d = json.loads(line)
        segs = tuple(Segment(i, s["speaker"], s["start"], s["end"], s["text"]) for i, s in enumerate(d["segments"]))
        labels = expected[d["call_id"]]
        transcript = Transcript(segs, max((s.end_s for s in segs), default=0.0), "reference")
        cards[d["call_id"]] = score_call(transcript, rubric, outcome=labels["outcome"], is_spam=labels["spam"] != "legit")
    support = [cid for cid, r in expected.items() if r["outcome"] == "support"]
    assert len(support) >= 5
    for cid in support:
        items = by_name(cards[cid])
        assert items["greeting"].passed, (cid, items["greeting"].reason)
    # Every support call closes politely except the unresolved one, where the agent's last
    # words are advice and the customer hangs up ("Forget it").
    for cid in support:
        closing = by_name(cards[cid])["closing"]
        assert closing.passed == (expected[cid]["resolution"] != "unresolved"), (cid, closing.reason)
    # Spam, voicemail, dead air and wrong numbers are not scored.
    for cid, r in expected.items():
        not_scored = r["spam"] != "legit" or r["outcome"] in ("voicemail", "no_conversation", "wrong_number")
        assert (cards[cid].score is None) == not_scored, cid

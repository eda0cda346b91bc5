"""Cue rules on hand-written snippets: the phrases a QA reviewer listens for."""

from __future__ import annotations

import pytest

from callqa.classify.cues import CUE_NAMES, CUES, CueMatcher, compile_phrase, load_nlp, rules_version
from callqa.classify.rules import rule_classify
from callqa.schema import Segment


@pytest.fixture(scope="module")
def matcher() -> CueMatcher:
    return CueMatcher(load_nlp())


def segs(*turns: tuple[str, str]) -> list[Segment]:
    return [Segment(i, spk, i * 3.0, i * 3.0 + 2.5, text) for i, (spk, text) in enumerate(turns)]


def cues_in(matcher: CueMatcher, *turns: tuple[str, str]) -> dict[str, list[tuple[int, str, str]]]:
    out: dict[str, list[tuple[int, str, str]]] = {}
    for h in matcher.find(segs(*turns)):
        out.setdefault(h.cue, []).append((h.segment_index, h.speaker, h.text))
    return out


def test_every_cue_compiles_and_names_are_unique(matcher: CueMatcher) -> None:
    assert len(set(CUE_NAMES)) == len(CUES)
    for cue in CUES:
        for phrase in cue.phrases:
            assert compile_phrase(matcher.nlp, phrase), phrase


def test_contractions_and_asr_spellings_match_alike(matcher: CueMatcher) -> None:
    for text in ("It's working now", "its working now", "it is working now", "IT'S WORKING NOW!"):
        assert "works_now" in cues_in(matcher, ("customer", text)), text
    for text in ("I'll transfer you to billing", "ill transfer you to billing", "I will transfer you to billing"):
        assert "transfer_action" in cues_in(matcher, ("agent", text)), text


def test_offer_without_transfer_is_an_offer_not_an_action(matcher: CueMatcher) -> None:
    found = cues_in(
        matcher,
        ("agent", "Would you like me to transfer you to our billing team?"),
        ("customer", "No that's okay, can you just fix it?"),
        ("agent", "Sure, actually I can do that for you. Okay, I've reset it."),
    )
    assert found["transfer_offer"] == [(0, "agent", "Would you like me to transfer")]
    assert "transfer_action" not in found
    assert "transfer_declined" in found and "agent_self_solve" in found


def test_real_transfer_is_an_action_with_speaker_and_time(matcher: CueMatcher) -> None:
    hits = matcher.find(segs(("customer", "this is the third time I call"), ("agent", "I understand. I'm transferring you to my supervisor now, please hold.")))
    action = [h for h in hits if h.cue == "transfer_action"]
    assert len(action) == 1
    assert (action[0].segment_index, action[0].speaker, action[0].start_s, action[0].end_s) == (1, "agent", 3.0, 5.5)
    seg_text = "I understand. I'm transferring you to my supervisor now, please hold."
    assert seg_text[action[0].char_start:action[0].char_end] == action[0].text == "I'm transferring you"


def test_customer_demanding_a_manager_is_not_a_handover(matcher: CueMatcher) -> None:
    turns = (
        ("customer", "This is ridiculous. Let me speak to your manager."),
        ("agent", "I understand your frustration. Let me see what I can do."),
        ("agent", "Okay, I've applied the credit to your account."),
    )
    found = cues_in(matcher, *turns)
    assert found["manager_demand"][0][:2] == (0, "customer")
    assert "transfer_action" not in found and "handover_greeting" not in found
    labels = rule_classify(segs(*turns), matcher.find(segs(*turns)), "t")
    assert labels.escalated.value == "false"


def test_robocall_cues(matcher: CueMatcher) -> None:
    found = cues_in(matcher, ("unknown", "This is an automated message about your vehicle warranty. Press one to speak with an agent or press nine to be removed."))
    assert {"automated_message", "scam_topic", "press_digit", "removal_option"} <= set(found)
    assert [t for _, _, t in found["press_digit"]] == ["Press one", "press nine"]


def test_voicemail_price_booking_and_wrong_number(matcher: CueMatcher) -> None:
    assert "voicemail_greeting" in cues_in(matcher, ("unknown", "Please leave a message after the tone."))
    found = cues_in(matcher, ("agent", "That would be 89 dollars. I've got you down for Tuesday at 3 pm."))
    assert {"price_quote", "booked_time"} <= set(found)
    assert "wrong_number" in cues_in(matcher, ("customer", "Sorry, I think you have the wrong number."))


def test_rules_version_is_stable() -> None:
    assert rules_version() == rules_version()
    assert rules_version().startswith("rules-")

"""The trained classifier: SPEC §7 input, evidence, consistency, loading errors, cue-driven cases."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from callqa.classify import Classifier, default_models_dir, load_classifier
from callqa.classify.io import read_transcripts_jsonl, transcript_from_json
from callqa.errors import ModelNotFoundError
from callqa.schema import OUTCOME_LABELS, RESOLUTION_LABELS, SPAM_LABELS, Classification, Segment, Transcript

pytestmark = pytest.mark.skipif(
    not (default_models_dir() / "spam" / "model.joblib").is_file(), reason="models/ not trained (run `callqa train`)"
)


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return load_classifier()


def dialog(*turns: tuple[str, str]) -> Transcript:
    t = 0.0
    segments = []
    for i, (speaker, text) in enumerate(turns):
        dur = max(1.0, len(text.split()) / 2.5)
        segments.append(Segment(i, speaker, round(t, 2), round(t + dur, 2), text))
        t += dur + 0.4
    return Transcript(tuple(segments), t, "test", channels=2)


def check_consistent(c: Classification) -> None:
    assert c.spam.value in SPAM_LABELS and c.outcome.value in OUTCOME_LABELS
    assert c.resolution.value in RESOLUTION_LABELS and c.escalated.value in ("true", "false")
    for label in c.labels():
        assert 0.0 <= label.confidence <= 1.0 and label.source in ("model", "rule") and label.version
    if c.is_spam:
        assert c.outcome.value in ("not_interested", "no_conversation")
        assert c.resolution.value == "not_applicable" and c.escalated.value == "false"
    assert (c.resolution.value == "not_applicable") == (c.outcome.value not in ("support", "information"))


def check_evidence(c: Classification, transcript: Transcript) -> None:
    clean = {s.index: s for s in transcript.clean_segments}
    for label in c.labels():
        for e in label.evidence:
            seg = clean[e.segment_index]  # never a suspect or invented segment
            assert (e.speaker, e.start_s, e.end_s) == (seg.speaker, seg.start_s, seg.end_s)
            assert e.text and e.text in seg.text
            assert e.cue


SPEC_LINES = [
    {"call_id": "robo", "text": "Hello, this is an important message about your car's extended warranty. "
     "Our records show it is about to expire. Press 1 now to speak to a warranty specialist, or press 9 to be removed from our list."},
    {"call_id": "esc", "segments": [
        {"speaker": "agent", "start": 0.0, "end": 3.0, "text": "Thanks for calling Northwind Internet, this is Dana, how can I help?"},
        {"speaker": "customer", "start": 3.2, "end": 7.0, "text": "My internet has been dropping every hour since Monday and I already called twice."},
        {"speaker": "agent", "start": 7.2, "end": 11.0, "text": "I'm sorry. I restarted the line from here, is it working now?"},
        {"speaker": "customer", "start": 11.2, "end": 13.0, "text": "No, it's still not working. Let me speak to your supervisor."},
        {"speaker": "agent", "start": 13.2, "end": 17.0, "text": "Of course, I'm transferring you to my supervisor now, please hold."},
        {"speaker": "agent", "start": 25.0, "end": 29.0, "text": "Hi, this is Mark, I'm the supervisor. I've opened a ticket and a technician will come out tomorrow morning."},
    ]},
    {"call_id": "fixed", "segments": [
        {"speaker": "agent", "start": 0.0, "end": 3.0, "text": "Thank you for calling Acme Bank, how may I help you?"},
        {"speaker": "customer", "start": 3.0, "end": 6.0, "text": "Hi, I can't log in to the app, it says my password is wrong."},
        {"speaker": "agent", "start": 6.0, "end": 10.0, "text": "I've reset your password and sent you a link. Can you try logging in now?"},
        {"speaker": "customer", "start": 10.0, "end": 13.0, "text": "Okay, I'm in. It works now, thank you so much."},
        {"speaker": "agent", "start": 13.0, "end": 15.0, "text": "Great. Have a great day."},
    ]},
]


def test_spec_lines_with_evidence(classifier: Classifier, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in SPEC_LINES) + "\n")
    items = [i for i in read_transcripts_jsonl(path)]
    results = classifier.classify_many([(t, None, None) for _, _, t in items])
    by_id = {cid: (t, c) for (_, cid, t), c in zip(items, results)}
    for t, c in by_id.values():
        check_consistent(c)
        check_evidence(c, t)
    robo = by_id["robo"][1]
    assert robo.spam.value == "robocall" and robo.spam.evidence
    assert {"press_digit", "removal_option"} <= {e.cue for e in robo.spam.evidence}
    esc = by_id["esc"][1]
    assert esc.spam.value == "legit" and esc.outcome.value == "support"
    assert esc.escalated.value == "true"
    assert any(e.cue == "transfer_action" and e.segment_index == 4 and e.speaker == "agent" for e in esc.escalated.evidence)
    assert esc.resolution.value == "follow_up"
    fixed = by_id["fixed"][1]
    assert (fixed.outcome.value, fixed.resolution.value, fixed.escalated.value) == ("support", "resolved", "false")
    assert any(e.cue == "works_now" and e.speaker == "customer" for e in fixed.resolution.evidence)
    out = robo.to_json("robo")
    assert out["spam"]["is_spam"] is True and out["escalated"]["value"] is False
    assert json.loads(json.dumps(out)) == out


def test_evidence_only_cues_that_mean_the_label_strongest_first(classifier: Classifier) -> None:
    """A legit label is not 'supported' by escalation cues, and an escalation points first at
    the agent's transfer, not at the customer's demand that came before it."""
    from callqa.classify.model import EVIDENCE_CUES

    t = transcript_from_json(SPEC_LINES[1])
    c = classifier.classify_many([(t, None, None)])[0]
    for label in c.labels():
        if label.source != "model":
            continue
        allowed = EVIDENCE_CUES[label.task].get(label.value, ())
        for e in label.evidence:
            assert e.cue in allowed or e.cue.startswith("words:"), (label.task, label.value, e.cue)
    assert not {"transfer_action", "manager_demand", "handover_greeting"} & {e.cue for e in c.spam.evidence}
    first = c.escalated.evidence[0]
    assert (first.cue, first.speaker, first.segment_index) == ("transfer_action", "agent", 4)


def test_no_escalation_has_no_evidence_to_point_at(classifier: Classifier) -> None:
    c = classifier.classify_many([(transcript_from_json(SPEC_LINES[2]), None, None)])[0]
    assert c.escalated.value == "false" and c.escalated.evidence == ()


def test_offer_not_carried_out_is_not_an_escalation(classifier: Classifier) -> None:
    offered = dialog(
        ("agent", "Thank you for calling Brightway Energy, this is Lena, how can I help you?"),
        ("customer", "Hi, my bill is twice what it normally is this month."),
        ("agent", "I'm sorry about that. Would you like me to transfer you to our billing department?"),
        ("customer", "No, that's okay, can you just look at it?"),
        ("agent", "Sure, actually I can do that for you. I see a meter reading error, I've corrected it and credited forty dollars."),
        ("customer", "Oh great, that fixed it, thank you."),
        ("agent", "You're welcome, have a great day."),
    )
    transferred = dialog(*offered_turns_with_transfer())
    c_offer, c_transfer = classifier.classify_many([(offered, None, None), (transferred, None, None)])
    assert c_offer.escalated.value == "false"
    assert c_offer.resolution.value == "resolved"
    assert c_transfer.escalated.value == "true"


def offered_turns_with_transfer() -> list[tuple[str, str]]:
    return [
        ("agent", "Thank you for calling Brightway Energy, this is Lena, how can I help you?"),
        ("customer", "Hi, my bill is twice what it normally is this month."),
        ("agent", "I'm sorry about that. Would you like me to transfer you to our billing department?"),
        ("customer", "Yes please."),
        ("agent", "Okay, I'm transferring you to billing now, please hold."),
    ]


def test_customer_demanding_a_manager_without_handover_is_not_an_escalation(classifier: Classifier) -> None:
    c = classifier.classify(dialog(
        ("agent", "Good morning, Cedar Dental, this is Amy speaking."),
        ("customer", "I was charged twice for my cleaning. Let me speak to your manager."),
        ("agent", "I understand. Let me look first. You're right, I see the duplicate charge, I've refunded it just now."),
        ("customer", "Okay, thanks, that's all I needed."),
        ("agent", "You're welcome, take care."),
    ))
    assert c.escalated.value == "false"
    assert c.outcome.value == "support" and c.resolution.value == "resolved"


def test_empty_transcript_is_no_conversation(classifier: Classifier) -> None:
    for t in (Transcript((), 0.0, "x"), transcript_from_json({"text": ""}),
              Transcript((Segment(0, "unknown", 0, 2, "Thank you.", suspect=True),), 2.0, "x")):
        c = classifier.classify(t)
        check_consistent(c)
        assert (c.spam.value, c.outcome.value, c.resolution.value, c.escalated.value) == (
            "legit", "no_conversation", "not_applicable", "false")
        assert all(label.source == "rule" and label.evidence == () for label in c.labels())


def test_suspect_segments_are_ignored(classifier: Classifier) -> None:
    t = dialog(
        ("agent", "Thanks for calling Pine Hardware, how can I help?"),
        ("customer", "Hi, what time do you close today?"),
        ("agent", "We close at six tonight."),
        ("customer", "Great, thanks, bye."),
    )
    hallucinated = Segment(4, "unknown", 20.0, 22.0, "Press one now to be removed from our list. Press nine.", suspect=True)
    t2 = Transcript(t.segments + (hallucinated,), 22.0, "test", channels=2)
    c = classifier.classify(t2)
    assert c.spam.value == "legit"
    check_evidence(c, t2)


def test_batch_equals_one_by_one_and_is_consistent(classifier: Classifier) -> None:
    from callqa.classify import synth

    calls = synth.generate_calls(40, seed=987)
    transcripts = [transcript_from_json({"segments": list(c.segments)}) for c in calls]
    batch = classifier.classify_many([(t, None, None) for t in transcripts])
    for t, c in zip(transcripts[:8], batch[:8]):
        assert classifier.classify(t) == c
    for t, c in zip(transcripts, batch):
        check_consistent(c)
        check_evidence(c, t)
    assert all(label.version == classifier.version for c in batch for label in c.labels())
    assert "+models-" in classifier.version


def test_missing_models_say_how_to_fix(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="callqa train"):
        load_classifier(tmp_path)


def test_other_sklearn_version_refuses_to_load(tmp_path: Path) -> None:
    models = tmp_path / "models"
    shutil.copytree(default_models_dir(), models)
    card_path = models / "spam" / "card.json"
    card = json.loads(card_path.read_text())
    card["libraries"]["scikit-learn"] = "0.0.1"
    card_path.write_text(json.dumps(card))
    with pytest.raises(ModelNotFoundError, match=r"scikit-learn 0\.0\.1.*callqa train"):
        load_classifier(models)


def test_a_short_call_of_three_turns_keeps_its_outcome(classifier: Classifier) -> None:
    """Short calls are not all refusals: the seed corpus has brisk versions of every scenario."""
    t = dialog(
        ("agent", "Thanks for calling Northside Dental, this is Amy."),
        ("customer", "Hi, how much is a cleaning? Could I come in Tuesday?"),
        ("agent", "It is 89 dollars. I have you booked for Tuesday at 10 am."),
    )
    c = classifier.classify_many([(t, None, None)])[0]
    assert (c.spam.value, c.outcome.value) == ("legit", "appointment_booked")
    assert c.outcome.evidence[0].cue == "booked_time"

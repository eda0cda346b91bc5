"""Flags for coaches (SPEC §6): reason, second and detail, thresholds, overrides, reviews."""

from __future__ import annotations

from pathlib import Path

import pytest

from callqa.config import Settings
from callqa.errors import UsageError
from callqa.schema import CallRecord, Classification, ConversationFeatures, Evidence, Label, Segment, Transcript
from callqa.scoring.flags import REASONS, Flag, compute_flags, disposition_outcome, flag_counts
from callqa.scoring.rubric import ItemScore, Scorecard
from callqa.store import Store


def feats(*, dur: float = 120.0, agent: float = 50.0, customer: float = 50.0, non_talk: float = 4.0,
          longest_silence: float = 2.5, silence_at: float | None = 10.0, interruptions: int = 0) -> ConversationFeatures:  # fmt: skip
    return ConversationFeatures(
        duration_s=dur, agent_talk_s=agent, customer_talk_s=customer, unknown_talk_s=0.0,
        agent_talk_ratio=agent / (agent + customer), non_talk_s=non_talk, non_talk_share=non_talk / dur,
        longest_silence_s=longest_silence, silence_count=2, interruptions=interruptions, overlap_s=0.0,
        agent_wpm=150.0, customer_wpm=140.0, longest_monologue_s=20.0, longest_silence_start_s=silence_at,
    )  # fmt: skip


def ev(start: float, text: str) -> tuple[Evidence, ...]:
    return (Evidence(segment_index=0, speaker="agent", start_s=start, end_s=start + 2, text=text, cue="test"),)


def labels(spam: str = "legit", outcome: str = "support", resolution: str = "resolved", escalated: bool = False, *,
           conf: dict[str, float] | None = None, evidence: dict[str, tuple[Evidence, ...]] | None = None) -> Classification:  # fmt: skip
    conf = conf or {}
    evidence = evidence or {}

    def label(task: str, value: str) -> Label:
        return Label(task, value, conf.get(task, 0.9), "model", "test-1", evidence.get(task, ()))

    return Classification(label("spam", spam), label("outcome", outcome), label("resolution", resolution),
                          label("escalated", "true" if escalated else "false"))  # fmt: skip


AGENT_OPENS = (
    Segment(0, "agent", 1.2, 5.0, "thanks for calling"),
    Segment(1, "customer", 5.5, 20.0, "my internet is down"),
    Segment(2, "agent", 21.0, 110.0, "ok have a great day"),
)


def add_call(store: Store, call_id: str, minute: int, f: ConversationFeatures, c: Classification, *,
             segments: tuple[Segment, ...] = AGENT_OPENS, disposition: str | None = None) -> None:  # fmt: skip
    store.upsert_call_records(
        [CallRecord(call_id=call_id, started_at=f"2026-11-02T10:{minute:02d}:00+00:00", caller=f"+1415555{minute:04d}",
                    talk_s=f.duration_s, agent="ann", disposition=disposition)],  # fmt: skip
        source_file="test",
    )
    key = f"k-{call_id}"
    transcript = Transcript(segments=segments, duration_s=f.duration_s, model="test", channels=2, agent_channel=0)
    with store.transaction():
        store.upsert_recording({"path": f"/r/{call_id}.wav", "file_name": f"{call_id}.wav", "call_id": call_id,
                                "status": "classified", "transcript_key": key})  # fmt: skip
        store.save_transcript(key, audio_sha256=call_id, transcript=transcript, features=f, options={})
        store.save_classification(call_id, c, transcript_key=key)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "flags.db")
    add_call(s, "ok", 0, feats(), labels())
    add_call(s, "esc", 1, feats(), labels(resolution="follow_up", escalated=True, evidence={
        "escalated": ev(42.0, "let me get my supervisor"), "resolution": ev(50.0, "we will call you back")}))  # fmt: skip
    add_call(s, "unres", 2, feats(), labels(resolution="unresolved", evidence={"resolution": ev(30.5, "I can't fix that")}))
    add_call(s, "spam", 3, feats(agent=40, customer=35), labels("robocall", "not_interested", "not_applicable",
                                                                  evidence={"spam": ev(2.0, "press one")}))  # fmt: skip
    add_call(s, "lowconf", 4, feats(), labels(conf={"outcome": 0.42, "resolution": 0.55}))
    add_call(s, "silent", 5, feats(non_talk=45, longest_silence=35, silence_at=33.0), labels())
    add_call(s, "talker", 6, feats(agent=80, customer=20), labels())
    overlap = (
        Segment(0, "agent", 0.5, 6.0, "thanks for calling acme"),
        Segment(1, "customer", 3.0, 9.0, "yes hi"),  # starts while the agent talks: an interruption at 3.0
        Segment(2, "agent", 9.5, 100.0, "bye"),
    )
    add_call(s, "interrupt", 7, feats(interruptions=6), labels(), segments=overlap)
    add_call(s, "rude", 8, feats(), labels())
    add_call(s, "dispo", 9, feats(), labels(outcome="information"), disposition="SOLD - paid in full")
    add_call(s, "dispo_ok", 10, feats(), labels(outcome="support"), disposition="Support ticket opened")
    add_call(s, "dispo_unknown", 11, feats(), labels(outcome="support"), disposition="xyz-17")
    add_call(s, "human", 12, feats(), labels(escalated=True, evidence={"escalated": ev(9.0, "transfer")}))
    add_call(s, "reviewed", 13, feats(), labels(resolution="unresolved"))
    # A robocall with a long silence is not an agent's silence: no coaching flags on spam.
    add_call(s, "robo", 14, feats(agent=0.1, customer=50, non_talk=40, longest_silence=31), labels("robocall", "no_conversation", "not_applicable"))
    with s.transaction():
        s.save_scorecard("rude", Scorecard(score=0.6, auto_failed=False, rubric_version="test", items=(
            ItemScore("greeting", False, 20.0, (), "no greeting phrase in the agent's first 2 turns"),
            ItemScore("closing", False, 20.0, (), "no closing phrase in the agent's last 3 turns"),
            ItemScore("empathy", False, 10.0, (), "no empathy phrase"),
        )))  # fmt: skip
        s.save_scorecard("ok", Scorecard(score=1.0, auto_failed=False, rubric_version="test", items=(
            ItemScore("greeting", True, 20.0, (), "ok"), ItemScore("closing", True, 20.0, (), "ok"))))  # fmt: skip
        s.save_human_label("human", "escalated", "false", reviewer="coach", at="2026-11-03T00:00:00+00:00")
        s.add_reviews([{"call_id": "reviewed", "task": None, "old_value": None, "new_value": None, "reviewer": "coach",
                        "note": "listened, fine", "created_at": "2026-11-03T00:00:00+00:00"}])  # fmt: skip
    return s


def by_call(flags: list[Flag]) -> dict[str, list[tuple[str, float | None]]]:
    out: dict[str, list[tuple[str, float | None]]] = {}
    for f in flags:
        out.setdefault(f.call_id, []).append((f.reason, f.at_s))
    return out


def test_each_reason_with_its_second(store: Store) -> None:
    flags = compute_flags(store, Settings())
    assert by_call(flags) == {
        "esc": [("escalated", 42.0), ("follow_up", 50.0)],
        "unres": [("unresolved", 30.5)],
        "spam": [("spam_with_conversation", 2.0)],
        "lowconf": [("low_confidence", None)],
        "silent": [("long_silence_total", 33.0), ("long_silence", 33.0)],
        "talker": [("agent_talk_ratio", None)],
        "interrupt": [("interruptions", 3.0)],
        "rude": [("no_greeting", 1.2), ("no_closing", 21.0)],
        "dispo": [("disposition_mismatch", None)],
    }
    detail = {(f.call_id, f.reason): f.detail for f in flags}
    assert detail[("esc", "escalated")] == 'the call was escalated: "let me get my supervisor"'
    assert detail[("lowconf", "low_confidence")] == "label confidence below 0.6: outcome 0.42, resolution 0.55"
    assert "80%" in detail[("talker", "agent_talk_ratio")] and "65%" in detail[("talker", "agent_talk_ratio")]
    assert detail[("dispo", "disposition_mismatch")] == "disposition 'SOLD - paid in full' says sale, the transcript says information"
    assert "first 2 turns" in detail[("rude", "no_greeting")]
    assert "45 s of silence" in detail[("silent", "long_silence_total")]
    assert flag_counts(flags) == {"escalated": 1, "unresolved": 1, "follow_up": 1, "spam_with_conversation": 1,
                                  "low_confidence": 1, "long_silence_total": 1, "long_silence": 1, "agent_talk_ratio": 1,
                                  "interruptions": 1, "no_greeting": 1, "no_closing": 1, "disposition_mismatch": 1}  # fmt: skip


def test_reviews_clear_flags_and_human_labels_override(store: Store) -> None:
    flagged = {f.call_id for f in compute_flags(store, Settings())}
    assert "reviewed" not in flagged and "human" not in flagged
    everything = by_call(compute_flags(store, Settings(), include_reviewed=True))
    assert everything["reviewed"] == [("unresolved", None)]
    assert "human" not in everything  # the human said: not escalated


def test_thresholds_and_reason_selection_come_from_settings(store: Store) -> None:
    relaxed = Settings(flag_agent_talk_ratio=0.9, flag_single_silence_s=40, flag_total_silence_s=50, flag_interruptions=6,
                       review_confidence=0.4, flag_spam_min_talk_s=100)  # fmt: skip
    reasons = {f.reason for f in compute_flags(store, relaxed)}
    assert not reasons & {"agent_talk_ratio", "long_silence", "long_silence_total", "interruptions", "low_confidence",
                          "spam_with_conversation"}  # fmt: skip
    strict = compute_flags(store, Settings(review_confidence=0.95))
    # 15 calls, less the reviewed one; "human" still has three machine labels at 0.9.
    low = {f.call_id: f.detail for f in strict if f.reason == "low_confidence"}
    assert len(low) == 14 and "escalated" not in low["human"] and "spam 0.90" in low["human"]
    only = compute_flags(store, Settings(flag_reasons=("escalated", "no_greeting")))
    assert {f.reason for f in only} == {"escalated", "no_greeting"}
    assert [f.call_id for f in compute_flags(store, Settings(), reasons=["unresolved"], call_ids=["unres", "ok"])] == ["unres"]
    with pytest.raises(UsageError, match="Unknown flag reason 'rudeness'"):
        compute_flags(store, Settings(), reasons=["rudeness"])


def test_flags_follow_new_labels(store: Store) -> None:
    with store.transaction():
        store.save_human_label("esc", "escalated", "false", reviewer="coach", at="2026-11-04T00:00:00+00:00")
    assert by_call(compute_flags(store, Settings(), include_reviewed=True))["esc"] == [("follow_up", 50.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sold", "sale"), ("SALE - card", "sale"), ("No sale", "not_interested"), ("Not interested", "not_interested"),
        ("Appt booked Tue 3pm", "appointment_booked"), ("Left VM", "voicemail"), ("Call back tomorrow", "callback_requested"),
        ("Wrong number", "wrong_number"), ("Robocall", "spam"), ("Billing question", "support"),
        ("Store hours", "information"), ("Quote sent", "qualified_lead"), ("", None), (None, None), ("ok", None),
    ],
)  # fmt: skip
def test_disposition_outcome(text: str | None, expected: str | None) -> None:
    assert disposition_outcome(text) == expected


def test_reasons_default_matches_settings() -> None:
    assert Settings().flag_reasons == REASONS


def test_limit_keeps_the_most_recent_flagged_calls(store: Store) -> None:
    every = compute_flags(store, Settings())
    latest = compute_flags(store, Settings(), limit=2)
    assert {f.call_id for f in latest} == {"rude", "dispo"}  # the last two flagged calls (minutes 8 and 9)
    assert latest == [f for f in every if f.call_id in {"rude", "dispo"}]
    assert compute_flags(store, Settings(), limit=0) == []


def test_a_flag_points_at_the_strongest_evidence_not_the_earliest(tmp_path: Path) -> None:
    """Machine evidence is stored strongest first: the agent's transfer at 60 s decided the
    escalation, the customer's demand at 20 s only led to it."""
    s = Store.open(tmp_path / "strongest.db")
    strongest_first = ev(60.0, "I'm transferring you to my supervisor") + ev(20.0, "get me your manager")
    add_call(s, "esc", 1, feats(), labels(resolution="follow_up", escalated=True,
                                          evidence={"escalated": strongest_first}))
    flag = next(f for f in compute_flags(s, Settings()) if f.reason == "escalated")
    assert flag.at_s == 60.0
    assert flag.detail == 'the call was escalated: "I\'m transferring you to my supervisor"'

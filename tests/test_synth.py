"""Tests for the synthetic labeled call generator (callqa.classify.synth)."""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter

import pytest

from callqa.classify import synth
from callqa.classify.synth import generate_calls, read_jsonl, scenario_info, scenario_names, write_jsonl
from callqa.classify.synth_registry import SCENARIOS
from callqa.errors import UsageError
from callqa.schema import OUTCOME_LABELS, RESOLUTION_LABELS, SPAM_LABELS


@pytest.fixture(scope="module")
def calls():
    return generate_calls(1200, seed=11)


def _calls_of(name: str, n: int = 12, **kw) -> list[synth.SyntheticCall]:
    return generate_calls(n, seed=5, scenarios=[name], asr_noise=kw.pop("asr_noise", 0.0),
                          mono_rate=kw.pop("mono_rate", 0.0), swap_rate=kw.pop("swap_rate", 0.0), **kw)


# Every way the phrase banks hand a call on or promise to (synth_lang.Conv.transfer / escalate_promise).
ESCALATION_CUE = re.compile(r"escalat|transfer|send this up|kick this up|flagging this|have .{3,40} (call|reach)|"
                            r"hand you|put you through|connect you|send you over|bring in|on the line")
OFFER_CUE = re.compile(r"transfer|send you to|put you through|get you over")


_FILLERS = re.compile(r"\b(um|uh|like|you know|i mean|so)\b,?\s*")


def _text(call, speaker: str | None = None) -> str:
    """Lowercased text of one side, with fillers removed so cue phrases read whole."""
    text = " ".join(s["text"] for s in call.segments if speaker is None or s["speaker"] == speaker).lower()
    text = _FILLERS.sub("", text)
    return re.sub(r"\b(\w+) \1\b", r"\1", text)  # stutters: "the the"


# ---------------------------------------------------------------- the catalogue

def test_catalogue_is_large_and_covers_every_class():
    infos = scenario_info()
    assert len(infos) >= 60
    industries = {ind for info in infos for ind in info["industries"]}
    assert len(industries) >= 12
    labels = [info["labels"] for info in infos]
    assert {lab["outcome"] for lab in labels} == set(OUTCOME_LABELS)
    assert {lab["resolution"] for lab in labels} == set(RESOLUTION_LABELS)
    assert {lab["spam"] for lab in labels} == set(SPAM_LABELS)
    assert {lab["escalated"] for lab in labels} == {True, False}
    per_outcome = Counter(lab["outcome"] for lab in labels)
    assert min(per_outcome.values()) >= 4, per_outcome
    # Escalation and resolution vary inside support, so a model cannot read them off the outcome.
    support = [lab for lab in labels if lab["outcome"] == "support"]
    assert {(lab["resolution"], lab["escalated"]) for lab in support} >= {
        ("resolved", False), ("resolved", True), ("unresolved", False), ("unresolved", True),
        ("follow_up", False), ("follow_up", True)}


def test_every_scenario_respects_spec_boundaries():
    for info in scenario_info():
        lab = info["labels"]
        if lab["spam"] != "legit":
            assert lab["outcome"] in ("not_interested", "no_conversation"), info["scenario"]
            assert lab["resolution"] == "not_applicable" and lab["escalated"] is False, info["scenario"]
        if lab["outcome"] in ("support", "information"):
            assert lab["resolution"] != "not_applicable", info["scenario"]
        else:
            assert lab["resolution"] == "not_applicable", info["scenario"]


# ---------------------------------------------------------------- generation

def test_deterministic_and_prefix_stable():
    a = [c.to_dict() for c in generate_calls(40, seed=3)]
    b = [c.to_dict() for c in generate_calls(40, seed=3)]
    assert a == b
    assert [c.to_dict() for c in generate_calls(15, seed=3)] == a[:15]
    assert [c.to_dict() for c in generate_calls(40, seed=4)] != a


def test_every_class_present_in_a_sample(calls):
    for task, expected in (("spam", SPAM_LABELS), ("outcome", OUTCOME_LABELS), ("resolution", RESOLUTION_LABELS)):
        assert {c.labels[task] for c in calls} == set(expected), task
    assert {c.labels["escalated"] for c in calls} == {True, False}
    # Outcome balance: every outcome drawn equally often.
    counts = Counter(c.labels["outcome"] for c in calls)
    assert max(counts.values()) - min(counts.values()) <= 1
    assert len({c.scenario for c in calls}) >= 0.9 * len(scenario_names())
    assert len({c.industry for c in calls}) >= 12


def test_calls_carry_their_scenario_labels(calls):
    for call in calls:
        sc = SCENARIOS[call.scenario]
        assert call.labels == sc.labels
        assert call.industry in sc.industries


def test_segments_are_well_formed(calls):
    for call in calls:
        assert call.segments, call.call_id
        starts = [s["start"] for s in call.segments]
        assert starts == sorted(starts)
        for s in call.segments:
            assert set(s) == {"speaker", "start", "end", "text"}
            assert s["speaker"] in ("agent", "customer", "unknown")
            assert 0 <= s["start"] < s["end"]
            assert s["text"].strip() and "<" not in s["text"] and "{" not in s["text"]


def test_lengths_and_timings_are_plausible(calls):
    conversations = [c for c in calls if c.labels["outcome"] not in ("voicemail", "no_conversation", "wrong_number")
                     and c.segments[0]["speaker"] != "unknown"]
    turns = [len(c.segments) for c in conversations]
    assert min(turns) <= 8 and max(turns) >= 40
    rates = [len(s["text"].split()) / (s["end"] - s["start"])
             for c in calls for s in c.segments if len(s["text"].split()) >= 5]
    assert 1.8 <= statistics.median(rates) <= 3.2
    durations = [c.segments[-1]["end"] for c in conversations]
    assert min(durations) < 60 and max(durations) > 240
    # Some turns overlap the previous speaker (talk-over or backchannel).
    overlaps = sum(1 for c in calls for a, b in zip(c.segments, c.segments[1:])
                   if b["speaker"] != a["speaker"] and b["start"] < a["end"])
    assert overlaps > 50


def test_disfluencies_and_spoken_numbers_appear(calls):
    text = " ".join(c.text.lower() for c in calls)
    for filler in (" um", " uh", "you know", "i mean"):
        assert filler in text
    assert re.search(r"\b(one|two|three|four|five|six|seven|eight|nine) (thirty|fifteen|o'clock|forty-five)\b", text)
    assert re.search(r"\$\d", text) and " dollars" in text


def test_asr_noise_damages_text_and_zero_keeps_it_clean():
    clean = generate_calls(150, seed=8, asr_noise=0.0, mono_rate=0.0)
    noisy = generate_calls(150, seed=8, asr_noise=1.0, mono_rate=0.0)
    changed = sum(1 for a, b in zip(clean, noisy) if a.text != b.text)
    assert changed >= 0.9 * len(clean)
    assert sum(1 for c in noisy if c.text == c.text.lower()) >= 0.3 * len(noisy)
    assert sum(1 for c in clean if c.text == c.text.lower()) == 0
    homophones = re.compile(r"\b(too hear|there account|your welcome|four you|know problem|by the way|won more)\b")
    assert any(homophones.search(c.text.lower()) for c in noisy) or \
        sum(1 for c in noisy if re.search(r"\b(they're|too|four|write|hole|weight)\b", c.text.lower())) > 10


def test_mono_calls_have_no_speaker_roles():
    mono = generate_calls(30, seed=2, mono_rate=1.0)
    assert all(s["speaker"] == "unknown" for c in mono for s in c.segments)
    stereo = generate_calls(30, seed=2, mono_rate=0.0)
    assert not any(s["speaker"] == "unknown" for c in stereo for s in c.segments)
    default = generate_calls(400, seed=2)
    share = sum(1 for c in default if c.segments[0]["speaker"] == "unknown") / len(default)
    assert 0.05 < share < 0.3


def test_scenario_filter_and_errors():
    support = generate_calls(30, seed=1, scenarios=["support"])
    assert {c.labels["outcome"] for c in support} == {"support"}
    one = generate_calls(5, seed=1, scenarios=["support/password_reset/resolved"])
    assert {c.scenario for c in one} == {"support/password_reset/resolved"}
    with pytest.raises(UsageError, match="Unknown scenario"):
        generate_calls(1, scenarios=["no/such/scenario"])
    with pytest.raises(UsageError):
        generate_calls(1, asr_noise=1.5)
    with pytest.raises(UsageError):
        generate_calls(-1)
    assert generate_calls(0) == []


# ---------------------------------------------------------------- SPEC §3 hard cases

def test_offered_transfer_then_solved_is_not_escalated():
    for call in _calls_of("support/troubleshoot/offered_transfer_self_solved"):
        assert call.labels["escalated"] is False and call.labels["resolution"] == "resolved"
        assert OFFER_CUE.search(_text(call, "agent"))
    for call in _calls_of("information/offered_transfer_answered/resolved"):
        assert call.labels["escalated"] is False and OFFER_CUE.search(_text(call, "agent"))


def test_demanding_a_manager_is_not_an_escalation_until_handed_over():
    for name in ("support/demand_manager_no_handover/resolved", "support/demand_manager_refused/unresolved"):
        for call in _calls_of(name):
            assert call.labels["escalated"] is False
            assert re.search(r"manager|supervisor|someone above", _text(call, "customer"))
    for call in _calls_of("support/supervisor_callback_promised/follow_up"):
        assert call.labels["escalated"] is True and call.labels["resolution"] == "follow_up"
        assert ESCALATION_CUE.search(_text(call, "agent"))


def test_promised_tier2_escalation_is_escalated():
    for call in _calls_of("support/troubleshoot/escalated_tier2_followup"):
        assert call.labels == {"spam": "legit", "outcome": "support", "resolution": "follow_up", "escalated": True}
        assert ESCALATION_CUE.search(_text(call, "agent"))


def test_support_callbacks_and_visits_are_follow_up_not_bookings():
    for name in ("support/technician_visit/follow_up", "support/agent_callback_promised/follow_up",
                 "support/technician_no_show/follow_up"):
        for call in _calls_of(name):
            assert call.labels["outcome"] == "support" and call.labels["resolution"] == "follow_up"
    for call in _calls_of("support/agent_callback_promised/follow_up"):
        assert "call you back" in _text(call, "agent")


def test_sales_boundaries():
    for call in _calls_of("sale/phone_order/pickup") + _calls_of("sale/price_question_then_buy/pickup"):
        assert call.labels["outcome"] == "sale"
        assert re.search(r"pick|ready", _text(call))
    for call in _calls_of("appointment/price_question/booked"):
        assert call.labels["outcome"] == "appointment_booked"
        assert re.search(r"how much|price", _text(call, "customer"))
    for call in _calls_of("callback/outbound_customer_busy/agreed"):
        assert call.labels["outcome"] == "callback_requested" and "call" in _text(call, "agent")


def test_voicemail_from_a_real_caller_is_legit_and_spam_takes_spam_outcomes():
    for call in _calls_of("voicemail/after_hours_customer_message/left"):
        assert call.labels["spam"] == "legit" and call.labels["outcome"] == "voicemail"
    for call in generate_calls(60, seed=4, scenarios=["telemarketing", "robocall"]):
        assert call.labels["spam"] in ("telemarketing", "robocall")
        assert call.labels["outcome"] in ("not_interested", "no_conversation")
        assert call.labels["resolution"] == "not_applicable" and call.labels["escalated"] is False


def test_every_escalated_scenario_says_so_and_offers_are_not_escalations():
    for name in scenario_names():
        sc = SCENARIOS[name]
        if sc.spam != "legit" or sc.outcome in ("voicemail", "no_conversation", "wrong_number"):
            continue
        for call in _calls_of(name, n=4):
            agent = _text(call, "agent")
            if sc.escalated:
                assert ESCALATION_CUE.search(agent), (name, agent[:300])


def test_thanks_is_not_resolution_and_customer_alone_can_confirm_it():
    for call in _calls_of("support/troubleshoot/unresolved_thanks_anyway"):
        assert call.labels["resolution"] == "unresolved"
        assert re.search(r"thank", _text(call, "customer"))
    for call in _calls_of("support/troubleshoot/failed_anything_else"):
        assert call.labels["resolution"] == "unresolved" and "anything else" in _text(call, "agent")
    for call in _calls_of("support/troubleshoot/resolved_by_customer"):
        assert call.labels["resolution"] == "resolved"
        assert "resolved" not in _text(call, "agent")


# ---------------------------------------------------------------- files and CLI

def test_jsonl_round_trip(tmp_path):
    calls = generate_calls(25, seed=9)
    path = tmp_path / "calls.jsonl"
    write_jsonl(calls, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 25
    first = json.loads(lines[0])
    assert set(first) == {"call_id", "scenario", "industry", "segments", "labels"}
    assert set(first["labels"]) == {"spam", "outcome", "resolution", "escalated"}
    assert [c.to_dict() for c in read_jsonl(path)] == [c.to_dict() for c in calls]


def test_cli_writes_file_and_reports_bad_options(tmp_path, capsys):
    out = tmp_path / "calls.jsonl"
    assert synth.main(["--n", "20", "--seed", "1", "--out", str(out)]) == 0
    assert len(out.read_text().splitlines()) == 20
    assert "20 calls" in capsys.readouterr().err
    assert synth.main(["--n", "1", "--scenario", "nope", "--out", str(out)]) == 2
    assert capsys.readouterr().err.startswith("Error: Unknown scenario")
    assert synth.main(["--list"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(scenario_names())


def test_swapped_roles_keep_text_and_labels():
    plain = generate_calls(20, seed=6, swap_rate=0.0, mono_rate=0.0)
    swapped = generate_calls(20, seed=6, swap_rate=1.0, mono_rate=0.0)
    for a, b in zip(plain, swapped):
        assert a.labels == b.labels and a.text == b.text
        flip = {"agent": "customer", "customer": "agent"}
        assert [flip[s["speaker"]] for s in a.segments] == [s["speaker"] for s in b.segments]


def test_balance_by_task():
    calls = generate_calls(300, seed=1, balance="escalated")
    counts = Counter(c.labels["escalated"] for c in calls)
    assert counts[True] == counts[False] == 150
    calls = generate_calls(300, seed=1, balance="resolution", scenarios=["support", "information"])
    assert set(Counter(c.labels["resolution"] for c in calls).values()) == {100}
    with pytest.raises(UsageError, match="balance"):
        generate_calls(3, balance="industry")


def test_scenario_counts_add_up():
    counts = synth.scenario_counts()
    for task, per_class in counts.items():
        assert sum(per_class.values()) == len(scenario_names()), task
    assert counts["escalated"]["true"] >= 15
    assert counts["resolution"]["unresolved"] >= 6 and counts["resolution"]["follow_up"] >= 10


def test_same_output_across_processes_and_hash_seeds():
    import subprocess
    import sys

    outputs = set()
    for hash_seed in ("1", "2"):
        run = subprocess.run([sys.executable, "-m", "callqa.classify.synth", "--n", "40", "--seed", "3"],
                             capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": hash_seed})
        outputs.add(run.stdout)
    assert len(outputs) == 1
    assert [json.loads(line) for line in outputs.pop().splitlines()] == [c.to_dict() for c in generate_calls(40, seed=3)]

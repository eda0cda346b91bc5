"""The metric catalog (SPEC §5) against hand computations on a small store.

The store below has 18 calls. Every expected value is worked out by hand in the
comments next to it, from the table in ``build_store``.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from callqa.config import Settings
from callqa.errors import UsageError
from callqa.schema import CallRecord, Classification, ConversationFeatures, Label, Segment, Transcript
from callqa.scoring.facts import CACHE_TABLE, facts_table
from callqa.scoring.metrics import BY_DIMENSIONS, compute_metrics, metric_rows
from callqa.store import Store


def features(dur: float, agent: float | None = None, customer: float | None = None, *, non_talk: float = 0.0,
             interruptions: int | None = None, awpm: float | None = None, cwpm: float | None = None,
             monologue: float = 0.0) -> ConversationFeatures:  # fmt: skip
    """Talk features; agent=None means a mono recording (no sides)."""
    stereo = agent is not None
    return ConversationFeatures(
        duration_s=dur,
        agent_talk_s=agent or 0.0,
        customer_talk_s=customer or 0.0,
        unknown_talk_s=0.0 if stereo else dur - non_talk,
        agent_talk_ratio=agent / (agent + customer) if stereo else None,
        non_talk_s=non_talk,
        non_talk_share=non_talk / dur,
        longest_silence_s=non_talk,
        silence_count=1 if non_talk else 0,
        interruptions=interruptions if stereo else 0,
        overlap_s=0.0,
        agent_wpm=awpm,
        customer_wpm=cwpm,
        longest_monologue_s=monologue,
        longest_silence_start_s=1.0 if non_talk else None,
    )


def classification(spam: str, outcome: str, resolution: str, escalated: bool, conf: float = 0.9) -> Classification:
    def label(task: str, value: str) -> Label:
        return Label(task=task, value=value, confidence=conf, source="model", version="test-1")

    return Classification(
        spam=label("spam", spam),
        outcome=label("outcome", outcome),
        resolution=label("resolution", resolution),
        escalated=label("escalated", "true" if escalated else "false"),
    )


def analyze(store: Store, call_id: str, feats: ConversationFeatures, labels: Classification, *, status: str = "classified") -> None:
    """What `callqa run` stores for one recording: recording row, transcript + features, labels."""
    key = f"key-{call_id}"
    transcript = Transcript(
        segments=(Segment(index=0, speaker="agent", start_s=0.0, end_s=feats.duration_s, text="hello"),),
        duration_s=feats.duration_s,
        model="test",
        channels=2 if feats.agent_talk_ratio is not None else 1,
    )
    with store.transaction():
        store.upsert_recording({"path": f"/rec/{call_id}.wav", "file_name": f"{call_id}.wav", "call_id": call_id,
                                "status": status, "transcript_key": key, "duration_s": feats.duration_s})  # fmt: skip
        store.save_transcript(key, audio_sha256=call_id, transcript=transcript, features=feats, options={})
        store.save_classification(call_id, labels, transcript_key=key)


X, Y, Z, W, V, U, T, S, R, Q, P, N = (f"+1415555{i:04d}" for i in range(12))


def rec(call_id: str, at: str, status: str, number: str | None, *, direction: str = "inbound", **kw) -> CallRecord:
    who = {"caller": number} if direction == "inbound" else {"callee": number}
    return CallRecord(call_id=call_id, started_at=f"2026-11-{at}:00+00:00", direction=direction, status=status, **who, **kw)


def build_store(path: Path) -> Store:
    store = Store.open(path)
    records = [
        # inbound
        rec("A1", "02T09:00", "answered", X, wait_s=10, talk_s=120, hold_s=0, acw_s=30, agent="ann", source="google", cost=1.5),
        rec("A2", "05T10:00", "answered", X, wait_s=30, talk_s=200, hold_s=20, acw_s=10, agent="bob", source="google"),
        rec("A3", "21T10:00", "abandoned", X, wait_s=3, source="google"),  # short abandon
        rec("B1", "03T11:00", "answered", Y, wait_s=5, talk_s=300, agent="ann", source="yelp"),
        rec("C1", "03T12:00", "answered", Z, wait_s=15, talk_s=45, agent="ann", source="yelp"),
        rec("D1", "04T13:00", "answered", W, wait_s=25, talk_s=400, hold_s=60, acw_s=20, agent="bob", source="google",
            revenue=500, cost=2),  # fmt: skip
        rec("E1", "04T14:00", "answered", V, wait_s=8, talk_s=90, agent="bob", source="yelp"),
        rec("F1", "05T09:30", "abandoned", U, wait_s=40, source="google"),
        rec("G1", "05T09:45", "missed", T, wait_s=20),
        rec("H1", "06T10:00", "blocked", S),
        rec("I1", "06T11:00", "voicemail", R, wait_s=30),
        rec("J1", "06T12:00", "answered", Q, wait_s=12, talk_s=70, agent="ann", source="google"),
        rec("K1", "06T13:00", "answered", P, wait_s=22, talk_s=25, agent="ann", source="yelp"),
        rec("Y2", "12T11:00", "answered", Y, wait_s=18, talk_s=100, agent="bob", source="yelp"),
        # outbound
        rec("O1", "07T10:00", "answered", X, direction="outbound", talk_s=60, agent="ann"),
        rec("O2", "07T11:00", "missed", N, direction="outbound", agent="ann"),
        rec("O3", "08T11:00", "answered", N, direction="outbound", talk_s=20, agent="ann"),
    ]
    store.upsert_call_records(records, source_file="test")
    analyze(store, "A1", features(120, 60, 40, non_talk=10, interruptions=2, awpm=150, cwpm=130, monologue=20),
            classification("legit", "support", "resolved", False))
    analyze(store, "A2", features(200, 100, 80, non_talk=5, interruptions=1, awpm=160, cwpm=140, monologue=30),
            classification("legit", "support", "resolved", False))
    analyze(store, "B1", features(300, non_talk=30, monologue=50),
            classification("legit", "information", "unresolved", False, conf=0.5))
    analyze(store, "C1", features(45), classification("robocall", "no_conversation", "not_applicable", False))
    analyze(store, "D1", features(400, 150, 200, non_talk=20, interruptions=4, awpm=170, cwpm=150, monologue=60),
            classification("legit", "sale", "not_applicable", False))
    analyze(store, "E1", features(90, 40, 30, non_talk=8, interruptions=0, awpm=140, cwpm=120, monologue=15),
            classification("legit", "support", "follow_up", True))
    # J1's recording failed after an earlier analysis: its stale labels must not count.
    analyze(store, "J1", features(70, 35, 35), classification("legit", "sale", "not_applicable", False), status="failed")
    analyze(store, "K1", features(25), classification("legit", "voicemail", "not_applicable", False))
    analyze(store, "Y2", features(100, 50, 40, non_talk=5, interruptions=1, awpm=150, cwpm=140, monologue=25),
            classification("legit", "information", "resolved", False))
    analyze(store, "O1", features(60, 30, 25, non_talk=2, interruptions=0, awpm=160, cwpm=150, monologue=10),
            classification("legit", "appointment_booked", "not_applicable", False))
    # A recording with no call record: inbound, answered, talk time from the audio, no number.
    analyze(store, "R1", features(50, 20, 20, non_talk=4, interruptions=0, awpm=150, cwpm=150, monologue=12),
            classification("legit", "information", "resolved", False))  # fmt: skip
    return store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return build_store(tmp_path / "callqa.db")


def check(metrics: dict, name: str, numerator: float, denominator: float | None) -> None:
    m = metrics[name]
    assert m["numerator"] == pytest.approx(numerator), name
    if denominator is None:
        assert m["denominator"] is None and m["value"] == pytest.approx(numerator), name
    else:
        assert m["denominator"] == pytest.approx(denominator), name
        expected = None if denominator == 0 else float(Fraction(numerator).limit_denominator() / Fraction(denominator).limit_denominator())
        assert m["value"] == pytest.approx(expected, abs=1e-6), name


def review(store: Store, call_id: str, task: str, value: str) -> None:
    with store.transaction():
        store.save_human_label(call_id, task, value, reviewer="coach", at="2026-11-20T00:00:00+00:00")


def test_every_metric_matches_the_hand_computation(store: Store) -> None:
    review(store, "B1", "resolution", "resolved")  # a human overrides the model's "unresolved"
    result = compute_metrics(store, Settings())
    m = result["metrics"]

    # Volume: 14 inbound records + 1 recording without record; 3 outbound.
    check(m, "calls", 18, None)
    check(m, "inbound_calls", 15, None)
    check(m, "outbound_calls", 3, None)
    check(m, "analyzed_calls", 10, None)  # A1 A2 B1 C1 D1 E1 K1 Y2 O1 R1 (J1 failed)

    # CDR. Answered inbound: A1 A2 B1 C1 D1 E1 J1 K1 Y2 R1.
    check(m, "answer_rate", 10, 15)
    # Offered = 10 answered + A3 F1 (abandoned) + G1 (missed) + I1 (voicemail) = 14; A3 waited 3 s < 5: out of both.
    check(m, "abandonment_rate", 1, 13)
    check(m, "blocked_rate", 1, 15)
    check(m, "asa_s", 10 + 30 + 5 + 15 + 25 + 8 + 12 + 22 + 18, 9)  # R1 has no wait_s
    # Within 20 s: A1 B1 C1 E1 J1 Y2, and R1 (no wait_s counts as 0).
    check(m, "service_level", 7, 13)
    # Answered with talk_s (both directions): 12 calls; handle = talk + hold + acw.
    handle = {"A1": 150, "A2": 230, "B1": 300, "C1": 45, "D1": 480, "E1": 90, "J1": 70, "K1": 25, "Y2": 100,
              "R1": 50, "O1": 60, "O3": 20}  # fmt: skip
    check(m, "aht_s_raw", sum(handle.values()), 12)
    check(m, "aht_s", sum(handle.values()) - handle["C1"] - handle["K1"], 10)  # spam and voicemail removed
    check(m, "avg_call_duration_s", 120 + 200 + 300 + 45 + 400 + 90 + 70 + 25 + 100 + 50 + 60 + 20, 12)
    # Inbound calls with a number: 14; not first-time: A2, A3 (X again), Y2 (Y again).
    check(m, "first_time_caller_rate", 11, 14)

    check(m, "spam_rate", 1, 10)
    check(m, "robocall_rate", 1, 10)
    check(m, "telemarketing_rate", 0, 10)

    # FCR. Base (non-spam answered inbound conversations, support/information): A1 A2 B1 E1 Y2 R1.
    # Contacts from X: A1 (2nd 09:00), A2 (+3.04 d), A3 (+16 d); from Y: B1 (3rd), Y2 (+9 d).
    # 7 days: eligible A1 B1 E1 Y2 R1 (A2 came 3 d after A1); A1 has a repeat in 3 d, E1 escalated -> B1 Y2 R1.
    check(m, "fcr", 3, 5)
    check(m, "fcr_7d", 3, 5)
    # 1 day: all six eligible; only E1 fails.
    check(m, "fcr_1d", 5, 6)
    # 30 days: eligible A1 B1 E1 R1; A1 (A2 in 3 d) and B1 (Y2 in 9 d) repeat, E1 escalated -> R1.
    check(m, "fcr_30d", 1, 4)
    check(m, "fcr_transcript_only", 5, 6)

    # Non-spam analyzed: A1 A2 B1 D1 E1 K1 Y2 O1 R1; with a resolution: A1 A2 B1 E1 Y2 R1.
    check(m, "resolution_rate", 5, 6)
    # Non-spam answered conversations (K1 is voicemail): A1 A2 B1 D1 E1 Y2 O1 R1; escalated: E1.
    check(m, "escalation_rate", 1, 8)
    check(m, "escalation_rate_raw", 1, 10)
    # Non-spam inbound analyzed: 8; qualified: D1 (sale, 400 s).
    check(m, "qualified_lead_rate", 1, 8)
    # All calls with talk_s >= 60 (SPEC: "calls >= threshold ÷ all calls"): A1 A2 B1 D1 E1 J1 Y2 and outbound O1.
    check(m, "lead_rate_duration_only", 8, 18)
    check(m, "conversion_rate", 2, 8)  # D1 sale, O1 appointment
    check(m, "conversion_rate_raw", 2, 10)
    check(m, "appointment_rate", 1, 8)
    check(m, "revenue_per_successful_call", 500, 1)
    check(m, "revenue_per_successful_call_raw", 500, 1)
    check(m, "cost_per_call", 3.5, 12)

    # Durations over the 12 answered calls with talk_s.
    check(m, "short_call_share", 2, 12)  # K1 25, O3 20
    check(m, "share_ge_30s", 10, 12)
    check(m, "share_ge_60s", 8, 12)  # A1 A2 B1 D1 E1 J1 Y2 O1
    check(m, "share_ge_120s", 4, 12)  # A1 A2 B1 D1
    check(m, "share_ge_300s", 2, 12)  # B1 D1
    check(m, "share_ge_600s", 0, 12)
    check(m, "long_call_share", 1, 12)  # D1 > 360

    # Outbound: O1 O3 connected, O2 missed; numbers called: X, N.
    check(m, "dial_efficiency", 2, 3)
    check(m, "missed_rate", 1, 3)
    check(m, "follow_ups_per_lead", 3, 2)

    # Talk analytics over non-spam conversations A1 A2 B1 D1 E1 Y2 O1 R1 (B1 is mono).
    check(m, "agent_talk_ratio", 60 + 100 + 150 + 40 + 50 + 30 + 20, 100 + 180 + 350 + 70 + 90 + 55 + 40)
    check(m, "non_talk_share", 10 + 5 + 30 + 20 + 8 + 5 + 2 + 4, 120 + 200 + 300 + 400 + 90 + 100 + 60 + 50)
    check(m, "interruptions_per_call", 2 + 1 + 4 + 0 + 1 + 0 + 0, 7)
    check(m, "agent_wpm", 150 + 160 + 170 + 140 + 150 + 160 + 150, 7)
    check(m, "customer_wpm", 130 + 140 + 150 + 120 + 140 + 150 + 150, 7)
    check(m, "longest_monologue_s", 20 + 30 + 50 + 60 + 15 + 25 + 10 + 12, 8)

    # Every metric has a definition naming its thresholds, a unit and a benchmark key.
    assert set(result["definitions"]) == set(m)
    assert "5 s" in result["definitions"]["abandonment_rate"] and "7 days" in result["definitions"]["fcr"]
    assert m["fcr"]["benchmark"] == "70–75%" and m["asa_s"]["unit"] == "seconds"
    assert result["groups"] == {}


def test_human_label_overrides_model_and_metrics_follow(store: Store) -> None:
    before = compute_metrics(store, Settings())["metrics"]
    check(before, "resolution_rate", 4, 6)  # B1 unresolved by the model
    check(before, "fcr", 2, 5)
    review(store, "B1", "resolution", "resolved")
    after = compute_metrics(store, Settings())["metrics"]
    check(after, "resolution_rate", 5, 6)
    check(after, "fcr", 3, 5)
    # A human can also clear a spam label: C1 becomes a legit no-conversation call.
    review(store, "C1", "spam", "legit")
    check(compute_metrics(store, Settings())["metrics"], "spam_rate", 0, 10)


def test_short_abandon_threshold_is_a_setting(store: Store) -> None:
    m = compute_metrics(store, Settings(short_abandon_s=2))["metrics"]
    check(m, "abandonment_rate", 2, 14)  # A3's 3 s wait now counts
    check(m, "service_level", 7, 14)


def test_group_by_agent(store: Store) -> None:
    review(store, "B1", "resolution", "resolved")
    groups = compute_metrics(store, Settings(), by=["agent"])["groups"]
    assert list(groups) == ["agent=(none)", "agent=ann", "agent=bob"]
    ann, bob, none = groups["agent=ann"], groups["agent=bob"], groups["agent=(none)"]
    check(ann, "calls", 8, None)  # A1 B1 C1 J1 K1 O1 O2 O3
    check(bob, "calls", 4, None)  # A2 D1 E1 Y2
    check(none, "calls", 6, None)  # A3 F1 G1 H1 I1 R1
    check(ann, "spam_rate", 1, 5)  # analyzed: A1 B1 C1 K1 O1
    check(ann, "escalation_rate", 0, 3)  # A1 B1 O1
    check(bob, "escalation_rate", 1, 4)  # A2 D1 E1 Y2
    check(ann, "fcr", 1, 2)  # A1 repeats within 7 days, B1 resolved
    check(bob, "fcr", 1, 2)  # E1 escalated, Y2 resolved (A2 is not a first contact)
    check(ann, "dial_efficiency", 2, 3)


def test_group_by_two_dimensions_and_calendar(store: Store) -> None:
    groups = compute_metrics(store, Settings(), by=["agent", "source"])["groups"]
    check(groups["agent=ann,source=google"], "calls", 2, None)  # A1 J1
    check(groups["agent=ann,source=yelp"], "spam_rate", 1, 3)  # B1 C1 K1
    check(groups["agent=ann,source=(none)"], "calls", 3, None)  # O1 O2 O3
    assert sum(g["calls"]["value"] for g in groups.values()) == 18

    cal = compute_metrics(store, Settings(), by=["weekday"])["groups"]
    check(cal["weekday=Mon"], "calls", 1, None)  # 2026-11-02: A1
    check(cal["weekday=Sat"], "calls", 3, None)  # 2026-11-07: O1 O2; 2026-11-21: A3
    hours = compute_metrics(store, Settings(), by=["hour"])["groups"]
    check(hours["hour=09"], "calls", 3, None)  # A1 F1 G1
    weeks = compute_metrics(store, Settings(), by=["week"])["groups"]
    assert set(weeks) == {"week=2026-W45", "week=2026-W46", "week=2026-W47", "week=(none)"}
    check(weeks["week=2026-W47"], "calls", 1, None)  # A3 on Saturday 2026-11-21


def test_local_time_zone_moves_calls_between_hours_and_days(store: Store) -> None:
    ny = Settings(timezone="America/New_York")  # EST, UTC-5, after 2026-11-01
    hours = compute_metrics(store, ny, by=["hour"])["groups"]
    check(hours["hour=04"], "calls", 3, None)  # A1 F1 G1 at 09:xx UTC
    check(hours["hour=09"], "calls", 1, None)  # E1 at 14:00 UTC
    assert facts_table(store, ny) == CACHE_TABLE


def test_date_range_keeps_full_history_for_repeat_checks(store: Store) -> None:
    m = compute_metrics(store, Settings(), start="2026-11-03", end="2026-11-05")["metrics"]
    check(m, "calls", 7, None)  # B1 C1, D1 E1, A2 F1 G1
    # A2 is still not a first contact: A1, before the range, is in the history.
    check(m, "fcr_1d", 1, 3)  # eligible A2 (3 d after A1) B1 E1 (unresolved B1, escalated E1) -> A2
    check(m, "fcr", 0, 2)  # B1 (model: unresolved) and E1
    m = compute_metrics(store, Settings(), start="2026-11-05T09:40:00", end="2026-11-05T10:00:00")["metrics"]
    check(m, "calls", 1, None)  # G1 at 09:45; A2 at 10:00 is excluded
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        compute_metrics(store, Settings(), start="last week")


def test_unknown_dimension_is_a_usage_error(store: Store) -> None:
    with pytest.raises(UsageError, match="Cannot group by 'colour'.*agent"):
        compute_metrics(store, Settings(), by=["colour"])
    assert "weekday" in BY_DIMENSIONS


def test_metric_rows_are_flat(store: Store) -> None:
    result = compute_metrics(store, Settings(), by=["agent"])
    rows = metric_rows(result)
    assert {r["group"] for r in rows} == {"all", "agent=(none)", "agent=ann", "agent=bob"}
    first = rows[0]
    assert list(first) == ["group", "metric", "value", "numerator", "denominator", "benchmark", "unit"]
    assert first["metric"] == "calls" and first["value"] == 18


def test_empty_store_gives_none_rates(tmp_path: Path) -> None:
    m = compute_metrics(Store.open(tmp_path / "empty.db"), Settings())["metrics"]
    assert m["calls"]["value"] == 0
    assert m["fcr"]["value"] is None and m["fcr"]["denominator"] == 0


def test_cache_matches_the_view(store: Store) -> None:
    """The bulk-built cache and the per-call view agree on every column they share."""
    review(store, "B1", "resolution", "resolved")
    table = facts_table(store, Settings())
    view = {r["call_id"]: r for r in store.query("SELECT * FROM call_facts")}
    cache = {r["call_id"]: r for r in store.query(f"SELECT * FROM {table}")}
    assert view.keys() == cache.keys()
    shared = set(next(iter(view.values()))) & set(next(iter(cache.values())))
    assert {"talk_s", "spam_label", "outcome", "resolution", "escalated", "min_confidence", "is_spam", "analyzed",
            "conversation", "recording_status", "transcript_key", "agent_talk_ratio", "caller_key"} <= shared  # fmt: skip
    for call_id, row in view.items():
        for column in shared:
            assert cache[call_id][column] == row[column], (call_id, column)
    # Point lookups on the view are cheap and still see the human label.
    assert store.query("SELECT resolution FROM call_facts WHERE call_id = 'B1'") == [{"resolution": "resolved"}]


def test_new_call_records_refresh_the_cache(store: Store) -> None:
    check(compute_metrics(store, Settings())["metrics"], "calls", 18, None)
    store.upsert_call_records([rec("Z9", "09T09:00", "missed", Z)], source_file="more")
    m = compute_metrics(store, Settings())["metrics"]
    check(m, "calls", 19, None)
    check(m, "first_time_caller_rate", 11, 15)  # Z called before (C1)


def test_changed_labels_patch_the_cache_like_a_rebuild(store: Store) -> None:
    from callqa.scoring.facts import refresh_facts

    settings = Settings()
    assert refresh_facts(store, settings) == "rebuilt"
    assert refresh_facts(store, settings) == "fresh"

    def snapshot() -> list[dict]:
        return store.query(f"SELECT * FROM {CACHE_TABLE} ORDER BY call_id")

    # A review, a label that changes X's repeat contacts (A1 becomes spam), a failed recording.
    review(store, "B1", "resolution", "resolved")
    review(store, "A1", "spam", "telemarketing")
    store.set_recording_status("/rec/K1.wav", "failed")
    assert refresh_facts(store, settings) == "patched"
    patched = snapshot()
    assert refresh_facts(store, settings, full=True) == "rebuilt"
    assert patched == snapshot()
    a2 = next(r for r in patched if r["call_id"] == "A2")
    assert a2["prev_contact_gap_days"] is None  # A1 is spam now: A2 is X's first contact
    # Eligible A2 B1 E1 Y2 R1; only E1 (escalated) fails: A2's repeat (A3) is 16 days later.
    check(compute_metrics(store, settings)["metrics"], "fcr_7d", 4, 5)

    # A new transcript rebuilds (its features may belong to any call).
    key = "key-A2"
    transcript = store.load_transcript(key)
    with store.transaction():
        store.save_transcript(key, audio_sha256="A2", transcript=transcript, features=features(200, 150, 30), options={})
    assert refresh_facts(store, settings) == "rebuilt"


def test_overall_metrics_are_the_same_with_and_without_groups(store: Store) -> None:
    plain = compute_metrics(store, Settings())["metrics"]
    for by in (["agent"], ["source", "week"], ["hour"]):
        grouped = compute_metrics(store, Settings(), by=by)["metrics"]
        for name, m in plain.items():
            for field in ("value", "numerator", "denominator"):
                assert grouped[name][field] == pytest.approx(m[field]), (by, name, field)
    assert plain["follow_ups_per_lead"]["denominator"] == 2  # a distinct count, not a sum over groups


def test_two_connection_split_gives_the_same_numbers(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from callqa.scoring import metrics

    single = compute_metrics(store, Settings())
    monkeypatch.setattr(metrics, "PARALLEL_MIN_CALLS", 0)
    assert compute_metrics(store, Settings()) == single


def test_reviewing_a_call_twice_patches_the_cache(store: Store) -> None:
    from callqa.scoring.facts import refresh_facts

    refresh_facts(store, Settings())
    review(store, "B1", "resolution", "unresolved")
    review(store, "B1", "resolution", "resolved")  # updates the human label row: NEW and OLD are the same call
    assert refresh_facts(store, Settings()) == "patched"
    check(compute_metrics(store, Settings())["metrics"], "resolution_rate", 5, 6)


def test_call_export_reads_the_cache_and_matches_the_view(store: Store, tmp_path: Path) -> None:
    """`export --grain call` reads the cache now; its rows are what the call_facts view gives."""
    import json

    from callqa.report.export import CALL_COLUMNS, export

    review(store, "B1", "resolution", "resolved")
    expected = store.query(f"SELECT {', '.join(CALL_COLUMNS)} FROM call_facts ORDER BY started_at, call_id")
    for row in expected:
        for task in ("spam", "outcome", "resolution", "escalated"):
            label = store.query("SELECT confidence, source, version FROM effective_labels WHERE call_id = :c AND task = :t",
                                {"c": row["call_id"], "t": task})  # fmt: skip
            for part in ("confidence", "source", "version"):
                row[f"{task}_{part}"] = label[0][part] if label else None
    out = tmp_path / "calls.jsonl"
    export(store, grain="call", fmt="jsonl", out=out, redact=False, settings=Settings())
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [list(r) for r in rows] == [list(r) for r in expected]  # same columns, same order
    assert rows == json.loads(json.dumps(expected))
    assert any(r["recording_path"] for r in rows) and any(r["failure_kind"] is None for r in rows)


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "UTC"])
def test_local_calendar_fields_match_python_in_any_zone(tmp_path: Path, zone: str) -> None:
    """Whole-hour zones take a per-hour shortcut; half-hour zones, DST switches and odd time
    formats go through SQL date arithmetic: both give Python's answer."""
    from datetime import datetime, timedelta, timezone
    from zoneinfo import ZoneInfo

    store = Store.open(tmp_path / "tz.db")
    base = datetime(2026, 3, 8, 5, 0, tzinfo=timezone.utc)  # US DST starts 07:00 UTC; Lord Howe's ends 2026-04-04
    times = [base + timedelta(minutes=17 * i) for i in range(200)]
    times += [datetime(2026, 4, 4, 14, m, tzinfo=timezone.utc) for m in range(0, 60, 7)]  # Lord Howe: -30 min at 15:00
    times += [datetime(2026, 12, 31, 23, 59, 59, tzinfo=timezone.utc)]
    records = [rec(f"T{i}", "01T00:00", "answered", X) for i in range(len(times))]
    records = [
        CallRecord(**{**r.__dict__, "started_at": t.isoformat().replace("+00:00", "Z" if i % 5 == 0 else "+00:00")})
        for i, (r, t) in enumerate(zip(records, times))
    ]
    store.upsert_call_records(records, source_file="tz")
    table = facts_table(store, Settings(timezone=zone))
    got = {r["call_id"]: r for r in store.query(f"SELECT call_id, day, hour, week, weekday FROM {table}")}
    for i, t in enumerate(times):
        local = t.astimezone(ZoneInfo(zone))
        year, week, weekday = local.isocalendar()
        want = {"call_id": f"T{i}", "day": local.date().isoformat(), "hour": local.hour,
                "week": f"{year}-W{week:02d}", "weekday": weekday}  # fmt: skip
        assert got[f"T{i}"] == want, (zone, t)


def test_definitions_without_computing_match_compute_metrics(store: Store) -> None:
    from callqa.scoring.metrics import definitions

    settings = Settings(fcr_windows_days=(1, 30), lead_first_time_only=True)
    assert definitions(settings) == compute_metrics(store, settings)["definitions"]


def test_import_rebuilds_the_facts_but_not_the_analysis(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Call records do not change what recordings and labels say: an import leaves
    call_analysis_cache alone, yet a review made before the next refresh still shows."""
    from callqa.scoring import facts

    settings = Settings()
    assert facts.refresh_facts(store, settings) == "rebuilt"
    store.upsert_call_records([rec("Z9", "09T09:00", "missed", Z)], source_file="more")
    review(store, "B1", "resolution", "resolved")
    calls = []
    real = facts._refresh_analysis
    monkeypatch.setattr(facts, "_refresh_analysis", lambda conn, **kw: calls.append(kw) or real(conn, **kw))
    assert facts.refresh_facts(store, settings) == "rebuilt"
    assert calls == [{"rebuild": False, "changes": 1}]  # patched for B1 only

    def snapshot() -> tuple[list[dict], list[dict]]:
        return (store.query(f"SELECT * FROM {CACHE_TABLE} ORDER BY call_id"),
                store.query(f"SELECT * FROM {facts.ANALYSIS_TABLE} ORDER BY call_id"))  # fmt: skip

    incremental = snapshot()
    assert facts.refresh_facts(store, settings, full=True) == "rebuilt"
    assert incremental == snapshot()
    assert store.query(f"SELECT resolution FROM {CACHE_TABLE} WHERE call_id = 'B1'") == [{"resolution": "resolved"}]
    check(compute_metrics(store, settings)["metrics"], "calls", 19, None)


def test_filter_clauses_give_the_same_aggregates(store: Store) -> None:
    """Every catalog aggregate rewritten with a FILTER clause gives what the plain one gives
    (a SUM over something other than 0/1 conditions would break this)."""
    from callqa.scoring.metrics import _filtered, catalog

    review(store, "B1", "resolution", "resolved")
    for settings in (Settings(), Settings(lead_first_time_only=True, operating_cost_per_call=2.0)):
        metrics, params = catalog(settings)
        table = facts_table(store, settings)
        exprs = list(dict.fromkeys(e for m in metrics for e in (m.numerator, m.denominator) if e is not None))
        assert sum(_filtered(e) != e for e in exprs) > 50
        for by in ("", " GROUP BY agent"):
            plain = store.db.execute(f"SELECT {', '.join(exprs)} FROM {table}{by}", params).fetchall()
            fast = store.db.execute(f"SELECT {', '.join(map(_filtered, exprs))} FROM {table}{by}", params).fetchall()
            assert [[v or 0 for v in row] for row in fast] == [[v or 0 for v in row] for row in plain]


def test_import_drops_the_stale_facts_table(store: Store) -> None:
    settings = Settings()
    facts_table(store, settings)
    store.upsert_call_records([rec("Z9", "09T09:00", "missed", Z)], source_file="more")
    assert not store.query("SELECT name FROM sqlite_master WHERE name = :t", {"t": CACHE_TABLE})
    assert store.query("SELECT dirty FROM facts_meta") == [{"dirty": 1}]
    check(compute_metrics(store, settings)["metrics"], "calls", 19, None)


def test_a_database_from_before_the_inbound_index_is_upgraded(tmp_path: Path) -> None:
    """m003 swaps the caller_key index for a partial one over inbound calls; facts read it in order."""
    path = tmp_path / "callqa.db"
    store = build_store(path)
    expected = compute_metrics(store, Settings())
    # Put the file back as migrations m001-m002 left it.
    with store.transaction():
        store.db.execute("DROP INDEX call_records_inbound_caller")
        store.db.execute("CREATE INDEX call_records_caller_key ON call_records(caller_key, started_at)")
        store.db.execute("DELETE FROM _migrations WHERE name = 'm003_inbound_caller_index'")
        store.db.execute("UPDATE facts_meta SET dirty = 1")
    store.close()
    store = Store.open(path)
    indexes = {r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "call_records_inbound_caller" in indexes and "call_records_caller_key" not in indexes
    plan = " ".join(
        r["detail"] for r in store.query(
            "EXPLAIN QUERY PLAN SELECT cr.rowid FROM call_records cr WHERE cr.direction = 'inbound' "
            "AND cr.caller_key IS NOT NULL AND cr.started_at IS NOT NULL ORDER BY cr.caller_key, cr.started_at, cr.rowid")
    )  # fmt: skip
    assert "call_records_inbound_caller" in plan and "TEMP B-TREE" not in plan
    assert compute_metrics(store, Settings()) == expected

"""Transparent cue-rule decisions: the baseline, and the labels for calls a model must not guess.

The rules read only cue hits (see ``cues.py``) and word counts. Their confidences are
fixed by hand for each rule, not calibrated; the trained models (``model.py``) replace
them for every call with speech. Two things stay rule-decided in every version:
a call with no usable speech, and SPEC §3 consistency (spam calls take
``not_interested``/``no_conversation``, resolution ``not_applicable`` unless the outcome
is support or information, escalated false for spam).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from callqa.classify.cues import CueHit
from callqa.schema import AGENT, CUSTOMER, SOURCE_RULE, Classification, Evidence, Label, Segment

SPAM_OUTCOMES = ("not_interested", "no_conversation")
RESOLVABLE_OUTCOMES = ("support", "information")


def evidence_from_hits(hits: Sequence[CueHit], limit: int = 5, *, keep_order: bool = False) -> tuple[Evidence, ...]:
    """Evidence rows for cue hits, one per (segment, cue): in timeline order, or as given
    (``keep_order``, for hits already ranked strongest first)."""
    seen: set[tuple[int, str]] = set()
    out = []
    for h in hits if keep_order else sorted(hits, key=lambda h: (h.segment_index, h.char_start)):
        if (h.segment_index, h.cue) in seen:
            continue
        seen.add((h.segment_index, h.cue))
        out.append(Evidence(h.segment_index, h.speaker, h.start_s, h.end_s, h.text, h.cue))
        if len(out) >= limit:
            break
    return tuple(out)


def word_count(segments: Sequence[Segment]) -> int:
    return sum(len(s.text.split()) for s in segments)


def empty_classification(version: str) -> Classification:
    """Labels for a call with no usable speech: nothing was said, so nothing else can be true."""

    def lab(task: str, value: str) -> Label:
        # No speech is near-certain evidence of no conversation; it is weaker evidence
        # that the call was not a silent robocall probe, hence 0.9 for spam.
        confidence = {"spam": 0.9}.get(task, 0.97)
        return Label(task, value, confidence, SOURCE_RULE, version, ())

    return Classification(
        spam=lab("spam", "legit"),
        outcome=lab("outcome", "no_conversation"),
        resolution=lab("resolution", "not_applicable"),
        escalated=lab("escalated", "false"),
    )


def rule_classify(segments: Sequence[Segment], hits: Sequence[CueHit], version: str) -> Classification:
    """Decide all four labels from cue hits alone (the rules-only baseline)."""
    if word_count(segments) == 0:
        return empty_classification(version)
    by_cue: dict[str, list[CueHit]] = {}
    for h in hits:
        by_cue.setdefault(h.cue, []).append(h)
    n = Counter({k: len(v) for k, v in by_cue.items()})
    speakers = {s.speaker for s in segments if s.text.strip()}
    turns = sum(1 for a, b in zip(segments, segments[1:]) if a.speaker != b.speaker)
    words = word_count(segments)

    def pick(*cues: str) -> list[CueHit]:
        return [h for c in cues for h in by_cue.get(c, [])]

    def label(task: str, value: str, confidence: float, support: list[CueHit]) -> Label:
        return Label(task, value, confidence, SOURCE_RULE, version, evidence_from_hits(support))

    # --- spam
    robo_cues = ("press_digit", "removal_option", "automated_message", "live_operator", "scam_topic",
                 "callback_number_recorded")
    robo = sum(n[c] for c in robo_cues)
    strong_robo = n["press_digit"] + n["removal_option"] + n["automated_message"]
    conversational = len(speakers & {AGENT, CUSTOMER}) == 2 and turns >= 4
    if (strong_robo >= 1 and robo >= 2) or (robo >= 3 and not conversational):
        spam = label("spam", "robocall", 0.9 if not conversational else 0.7, pick(*robo_cues))
    elif n["business_pitch"] >= 2 or (n["business_pitch"] >= 1 and n["not_interested"] >= 1):
        spam = label("spam", "telemarketing", 0.75, pick("business_pitch", "not_interested"))
    else:
        spam = label("spam", "legit", 0.8 if robo == 0 and n["business_pitch"] == 0 else 0.6, [])

    # --- outcome
    support_signal = n["problem_report"] + n["follow_up_promise"] + n["works_now"] + n["still_broken"]
    if spam.value != "legit":
        if conversational or n["not_interested"]:
            outcome = label("outcome", "not_interested", 0.7, pick("not_interested"))
        else:
            outcome = label("outcome", "no_conversation", 0.8, pick(*robo_cues))
    elif n["voicemail_greeting"] and turns <= 2:
        outcome = label("outcome", "voicemail", 0.85, pick("voicemail_greeting", "message_left"))
    elif n["wrong_number"]:
        outcome = label("outcome", "wrong_number", 0.75, pick("wrong_number"))
    elif words < 8 or (n["dead_air"] and turns <= 1 and words < 30):
        outcome = label("outcome", "no_conversation", 0.75, pick("dead_air"))
    elif n["purchase_commit"] or (n["payment"] and n["price_quote"] and not n["problem_report"]):
        outcome = label("outcome", "sale", 0.7, pick("purchase_commit", "payment", "price_quote"))
    elif n["problem_report"] or (support_signal >= 2):
        outcome = label("outcome", "support", 0.7, pick("problem_report", "follow_up_promise", "works_now"))
    elif n["booked_time"]:
        outcome = label("outcome", "appointment_booked", 0.7, pick("booked_time"))
    elif n["not_interested"]:
        outcome = label("outcome", "not_interested", 0.65, pick("not_interested"))
    elif n["callback_agreed"] and (n["buying_intent"] or n["price_question"] or n["price_quote"]):
        outcome = label("outcome", "callback_requested", 0.6, pick("callback_agreed"))
    elif n["buying_intent"] or n["price_question"]:
        outcome = label("outcome", "qualified_lead", 0.55, pick("buying_intent", "price_question", "price_quote"))
    elif n["info_question"]:
        outcome = label("outcome", "information", 0.6, pick("info_question"))
    else:
        outcome = label("outcome", "information", 0.35, [])

    # --- resolution
    if outcome.value not in RESOLVABLE_OUTCOMES:
        resolution = label("resolution", "not_applicable", outcome.confidence, [])
    else:
        last_fixed = max((h.position for h in pick("works_now", "resolved_by_agent")), default=-1.0)
        last_broken = max((h.position for h in pick("still_broken")), default=-1.0)
        if n["follow_up_promise"]:
            resolution = label("resolution", "follow_up", 0.7, pick("follow_up_promise"))
        elif last_fixed > last_broken:
            resolution = label("resolution", "resolved", 0.7, pick("works_now", "resolved_by_agent"))
        elif last_broken >= 0:
            resolution = label("resolution", "unresolved", 0.65, pick("still_broken"))
        else:
            resolution = label("resolution", "unresolved" if outcome.value == "support" else "resolved", 0.4, [])

    # --- escalated: only a carried-out or firmly promised handover counts (SPEC §3)
    if spam.value != "legit":
        escalated = label("escalated", "false", spam.confidence, [])
    elif n["transfer_action"] or n["handover_greeting"] and (n["manager_demand"] or n["transfer_offer"]):
        escalated = label("escalated", "true", 0.8, pick("transfer_action", "handover_greeting"))
    else:
        declined = pick("transfer_offer", "transfer_declined", "agent_self_solve", "manager_demand")
        escalated = label("escalated", "false", 0.75 if declined else 0.85, declined)
    return Classification(spam=spam, outcome=outcome, resolution=resolution, escalated=escalated)

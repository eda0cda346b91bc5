"""The metric catalog (SPEC §5), computed in one SQL aggregate over the per-call facts.

Each metric is a numerator and a denominator, both SQL aggregate expressions over
``call_facts_cache`` (see facts.py), plus its unit, benchmark and definition text.
All metrics of a group come out of one ``SELECT … GROUP BY``; thresholds are SQL
parameters taken from Settings, so nothing is recomputed per call in Python.

Conventions:
- rates are fractions (0–1); times are seconds; a rate over an empty set is None.
- CDR metrics use every call (call records, plus recordings without a record);
  label metrics use only *analyzed* calls: calls with labels whose recording did not fail.
- ``*_raw`` keys are the naive form (spam and non-conversations kept) beside the quality form.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from callqa.config import Settings
from callqa.errors import UsageError
from callqa.scoring.facts import facts_table
from callqa.store import Store

BY_DIMENSIONS = ("agent", "queue", "source", "campaign", "day", "week", "hour", "weekday")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
NONE_KEY = "(none)"


@dataclass(frozen=True)
class Metric:
    """One catalog entry. ``denominator`` None means the value is the numerator (a count)."""

    name: str
    numerator: str  # SQL aggregate expression
    denominator: str | None
    unit: str  # ratio | seconds | count | money | per_call | wpm
    definition: str
    benchmark: str | None = None


# Reusable conditions on call_facts_cache columns (0/1 columns are built in facts.py).
SHORT_ABANDON = "(abandoned AND COALESCE(wait_s < :short_abandon_s, 0))"
CONNECTED_TALK = "(answered AND talk_s IS NOT NULL)"
STEREO_CONV = "(ns_conv AND agent_talk_ratio IS NOT NULL)"
SALE_OR_APPT = "outcome IN ('sale', 'appointment_booked')"


def _secs(x: float) -> str:
    return f"{x:g} s"


def catalog(settings: Settings) -> tuple[list[Metric], dict[str, Any]]:
    """The metrics and the SQL parameters (thresholds) they use, for these settings."""
    s = settings
    params: dict[str, Any] = {
        "short_abandon_s": s.short_abandon_s,
        "service_level_s": s.service_level_s,
        "lead_min_duration_s": s.lead_min_duration_s,
        "short_call_s": s.short_call_s,
        "long_call_s": s.long_call_s,
        "operating_cost": s.operating_cost_per_call,
    }
    m: list[Metric] = []

    # --- volume -------------------------------------------------------------
    m += [
        Metric("calls", "COUNT(*)", None, "count", "calls: call records, plus recordings that have no record"),
        Metric("inbound_calls", "SUM(inbound)", None, "count", "inbound calls"),
        Metric("outbound_calls", "SUM(outbound)", None, "count", "outbound calls"),
        Metric("analyzed_calls", "SUM(analyzed)", None, "count",
               "calls with transcript labels (recording transcribed and classified, or labeled by a human)"),
    ]  # fmt: skip

    # --- call records (CDR) ---------------------------------------------------
    offered_less_short = f"SUM(offered AND NOT {SHORT_ABANDON})"
    m += [
        Metric("answer_rate", "SUM(inbound AND answered)", "SUM(inbound)", "ratio",
               "answered inbound calls ÷ inbound calls attempted (every status)"),
        Metric("abandonment_rate", f"SUM(abandoned AND NOT {SHORT_ABANDON})", offered_less_short, "ratio",
               f"abandoned inbound calls ÷ offered inbound calls (answered, abandoned, missed, voicemail); "
               f"abandons after less than short_abandon_s = {_secs(s.short_abandon_s)} of wait_s are left out of both "
               f"(an abandon without wait_s counts)", "5–8%"),
        Metric("blocked_rate", "SUM(blocked)", "SUM(inbound)", "ratio",
               "blocked inbound calls (busy, rejected, failed to reach the business) ÷ inbound calls", "≤ 5%"),
        Metric("asa_s", "TOTAL(CASE WHEN inbound AND answered THEN wait_s END)",
               "SUM(inbound AND answered AND wait_s IS NOT NULL)", "seconds",
               "average speed of answer: mean wait_s of answered inbound calls that have wait_s", "34.4 s"),
        Metric("service_level", "SUM(inbound AND answered AND COALESCE(wait_s, 0) <= :service_level_s)",
               offered_less_short, "ratio",
               f"inbound calls answered within service_level_s = {_secs(s.service_level_s)} of wait_s (a missing "
               f"wait_s counts as 0) ÷ (offered inbound calls − abandons under {_secs(s.short_abandon_s)})",
               f"80% in {s.service_level_s:g} s"),
        Metric("aht_s", "TOTAL(CASE WHEN answered AND NOT (analyzed AND (is_spam OR outcome = 'voicemail')) "
               "THEN talk_s + COALESCE(hold_s, 0) + COALESCE(acw_s, 0) END)",
               f"SUM({CONNECTED_TALK} AND NOT (analyzed AND (is_spam OR outcome = 'voicemail')))", "seconds",
               "average handle time: mean talk_s + hold_s + acw_s of answered calls, without calls labeled spam or "
               "voicemail (calls not analyzed stay in)", "6 min"),
        Metric("aht_s_raw", f"TOTAL(CASE WHEN {CONNECTED_TALK} THEN talk_s + COALESCE(hold_s, 0) + COALESCE(acw_s, 0) END)",
               f"SUM({CONNECTED_TALK})", "seconds",
               "average handle time, raw: mean talk_s + hold_s + acw_s of every answered call", "6 min"),
        Metric("avg_call_duration_s", f"TOTAL(CASE WHEN {CONNECTED_TALK} THEN talk_s END)", f"SUM({CONNECTED_TALK})",
               "seconds", "mean talk_s of connected (answered) calls", "302 s"),
        Metric("first_time_caller_rate", "SUM(first_time_caller)", "COUNT(first_time_caller)", "ratio",
               "inbound calls from a number with no earlier inbound call in the loaded history ÷ inbound calls "
               "from a known number"),
    ]  # fmt: skip

    # --- labels ---------------------------------------------------------------
    m += [
        Metric("spam_rate", "SUM(analyzed AND is_spam)", "SUM(analyzed)", "ratio",
               "analyzed calls labeled robocall or telemarketing ÷ analyzed calls"),
        Metric("robocall_rate", "SUM(analyzed AND spam_label = 'robocall')", "SUM(analyzed)", "ratio",
               "analyzed calls labeled robocall ÷ analyzed calls"),
        Metric("telemarketing_rate", "SUM(analyzed AND spam_label = 'telemarketing')", "SUM(analyzed)", "ratio",
               "analyzed calls labeled telemarketing ÷ analyzed calls"),
    ]  # fmt: skip

    eligible = (
        "eligible first contacts: analyzed, non-spam, answered, inbound calls with a conversation and outcome "
        "support or information, with no earlier non-spam inbound call from the same number within {w} days"
    )
    windows = sorted({*s.fcr_windows_days, s.fcr_window_days})
    for days in windows:
        params[f"fcr_w{days}"] = days
        first = f"fcr_base AND COALESCE(prev_contact_gap_days > :fcr_w{days}, 1)"
        success = f"{first} AND resolved_not_escalated AND COALESCE(next_contact_gap_days > :fcr_w{days}, 1)"
        definition = (
            f"first-contact resolution, {days}-day window: calls resolved, not escalated and with no repeat non-spam "
            f"inbound call from the same number within {days} days ÷ " + eligible.format(w=days)
        )
        metric = Metric(f"fcr_{days}d", f"SUM({success})", f"SUM({first})", "ratio", definition, "70–75%")
        if days == s.fcr_window_days:
            m.append(Metric("fcr", metric.numerator, metric.denominator, "ratio",
                            definition.replace("first-contact resolution", "first-contact resolution (default window)"),
                            "70–75%"))  # fmt: skip
        if days in s.fcr_windows_days:
            m.append(metric)
    m += [
        Metric("fcr_transcript_only", "SUM(fcr_base AND resolved_not_escalated)", "SUM(fcr_base)", "ratio",
               "first-contact resolution from the transcript alone (no repeat-call check): resolved and not escalated "
               "÷ analyzed, non-spam, answered, inbound conversations with outcome support or information", "70–75%"),
        Metric("resolution_rate", "SUM(ns AND resolution = 'resolved')",
               "SUM(ns AND resolution IN ('resolved', 'unresolved', 'follow_up'))", "ratio",
               "resolved ÷ analyzed non-spam calls whose resolution is resolved, unresolved or follow_up", "70–79%"),
        Metric("escalation_rate", "SUM(ns_conv AND answered AND escalated)", "SUM(ns_conv AND answered)", "ratio",
               "escalated ÷ analyzed non-spam answered calls with a conversation (not voicemail or no_conversation)",
               "10%"),
        Metric("escalation_rate_raw", "SUM(analyzed AND escalated)", "SUM(analyzed)", "ratio",
               "escalated ÷ every analyzed call (spam and non-conversations kept)", "10%"),
    ]  # fmt: skip

    lead_extra = ""
    lead_text = ""
    if s.lead_first_time_only:
        lead_extra = " AND COALESCE(first_time_caller, 1)"
        lead_text = ", from a first-time caller (an unknown number counts as first-time)"
    m += [
        Metric("qualified_lead_rate",
               f"SUM(ns AND inbound AND lead_outcome AND talk_s >= :lead_min_duration_s{lead_extra})",
               "SUM(ns AND inbound)", "ratio",
               f"qualified leads ÷ analyzed non-spam inbound calls; qualified = non-spam, talk_s >= "
               f"lead_min_duration_s = {_secs(s.lead_min_duration_s)}, outcome sale, appointment_booked, "
               f"qualified_lead or callback_requested{lead_text}"),
        Metric("lead_rate_duration_only", "SUM(talk_s >= :lead_min_duration_s)", "COUNT(*)", "ratio",
               f"the naive lead rate: calls with talk_s >= {_secs(s.lead_min_duration_s)} ÷ all calls "
               f"(no transcript, spam counted)"),
        Metric("conversion_rate", f"SUM(ns_conv AND {SALE_OR_APPT})", "SUM(ns_conv)", "ratio",
               "outcome sale or appointment_booked ÷ analyzed non-spam calls with a conversation", "2.35% (outbound)"),
        Metric("conversion_rate_raw", f"SUM(analyzed AND {SALE_OR_APPT})", "SUM(analyzed)", "ratio",
               "outcome sale or appointment_booked ÷ every analyzed call", "2.35% (outbound)"),
        Metric("appointment_rate", "SUM(ns_conv AND outcome = 'appointment_booked')", "SUM(ns_conv)", "ratio",
               "outcome appointment_booked ÷ analyzed non-spam calls with a conversation", "14.09%"),
        Metric("revenue_per_successful_call", "TOTAL(revenue)", "SUM(analyzed AND outcome = 'sale')", "money",
               "Σ revenue of all calls ÷ analyzed calls with outcome sale"),
        Metric("revenue_per_successful_call_raw", "TOTAL(revenue)", "SUM(revenue > 0)", "money",
               "Σ revenue ÷ calls with revenue > 0 (call records only)"),
    ]  # fmt: skip
    cost_text = "Σ cost ÷ handled (answered) calls"
    if s.operating_cost_per_call is not None:
        cost_text += f"; answered calls without a cost count operating_cost_per_call = {s.operating_cost_per_call:g}"
    m.append(Metric("cost_per_call", "TOTAL(COALESCE(cost, CASE WHEN answered THEN :operating_cost END))",
                    "SUM(answered)", "money", cost_text))  # fmt: skip

    # --- duration thresholds --------------------------------------------------
    den = f"SUM({CONNECTED_TALK})"
    m.append(Metric("short_call_share", "SUM(answered AND talk_s < :short_call_s)", den, "ratio",
                    f"answered calls with talk_s < short_call_s = {_secs(s.short_call_s)} ÷ answered calls with talk_s"))  # fmt: skip
    for i, t in enumerate(s.duration_thresholds_s):
        params[f"ge_{i}"] = t
        m.append(Metric(f"share_ge_{t:g}s", f"SUM(answered AND talk_s >= :ge_{i})", den, "ratio",
                        f"answered calls with talk_s >= {_secs(t)} ÷ answered calls with talk_s",
                        "30 s / 60 s spam floors" if t in (30, 60) else None))  # fmt: skip
    m.append(Metric("long_call_share", "SUM(answered AND talk_s > :long_call_s)", den, "ratio",
                    f"answered calls with talk_s > long_call_s = {_secs(s.long_call_s)} ÷ answered calls with talk_s"))  # fmt: skip

    # --- outbound -------------------------------------------------------------
    m += [
        Metric("dial_efficiency", "SUM(outbound AND answered)", "SUM(outbound)", "ratio",
               "outbound calls connected (answered) ÷ outbound calls attempted", "80%"),
        Metric("missed_rate", "SUM(outbound AND NOT answered)", "SUM(outbound)", "ratio",
               "outbound calls not answered ÷ outbound calls attempted"),
        Metric("follow_ups_per_lead", "SUM(outbound)", "COUNT(DISTINCT CASE WHEN outbound THEN caller_key END)",
               "per_call", "outbound calls ÷ distinct numbers called"),
    ]  # fmt: skip

    # --- talk analytics (analyzed non-spam conversations) ----------------------
    m += [
        Metric("agent_talk_ratio", f"TOTAL(CASE WHEN {STEREO_CONV} THEN agent_talk_s END)",
               f"TOTAL(CASE WHEN {STEREO_CONV} THEN agent_talk_s + customer_talk_s END)", "ratio",
               "agent talk seconds ÷ agent + customer talk seconds, over non-spam conversations recorded in stereo",
               "≈ 43% in won sales calls"),
        Metric("non_talk_share", "TOTAL(CASE WHEN ns_conv THEN non_talk_s END)",
               "TOTAL(CASE WHEN ns_conv AND non_talk_s IS NOT NULL THEN audio_duration_s END)", "ratio",
               f"seconds of silence in gaps >= silence_min_s = {_secs(s.silence_min_s)} ÷ recorded seconds, over "
               f"non-spam conversations"),
        Metric("interruptions_per_call", f"TOTAL(CASE WHEN {STEREO_CONV} THEN interruptions END)",
               f"SUM({STEREO_CONV} AND interruptions IS NOT NULL)", "per_call",
               "interruptions (one side starts while the other is talking) per non-spam stereo conversation"),
        Metric("agent_wpm", "TOTAL(CASE WHEN ns_conv THEN agent_wpm END)", "SUM(ns_conv AND agent_wpm IS NOT NULL)",
               "wpm", "mean agent words per minute of speaking time, over non-spam conversations"),
        Metric("customer_wpm", "TOTAL(CASE WHEN ns_conv THEN customer_wpm END)",
               "SUM(ns_conv AND customer_wpm IS NOT NULL)", "wpm",
               "mean customer words per minute of speaking time, over non-spam conversations"),
        Metric("longest_monologue_s", "TOTAL(CASE WHEN ns_conv THEN longest_monologue_s END)",
               "SUM(ns_conv AND longest_monologue_s IS NOT NULL)", "seconds",
               "mean of each non-spam conversation's longest uninterrupted stretch of one speaker"),
    ]  # fmt: skip
    return m, params


def _date_filter(start: str | None, end: str | None, settings: Settings) -> tuple[list[str], dict[str, Any]]:
    """WHERE terms for a date range: dates are local calendar days (both ends included),
    full timestamps are instants (start included, end excluded)."""
    where: list[str] = []
    params: dict[str, Any] = {}
    for name, value in (("start", start), ("end", end)):
        if value is None or value == "":
            continue
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                datetime.strptime(value, "%Y-%m-%d")
            except ValueError:
                raise UsageError(f"--{name} {value!r} is not a real date. Use YYYY-MM-DD, like 2026-11-02.") from None
            where.append("day >= :start_day" if name == "start" else "day <= :end_day")
            params[f"{name}_day"] = value
            continue
        try:
            dt = datetime.fromisoformat(value)
        except ValueError:
            raise UsageError(
                f"--{name} {value!r} is not a date or time. Use YYYY-MM-DD or an ISO 8601 time like 2026-11-02T09:00."
            ) from None
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=ZoneInfo(settings.timezone))
        where.append("started_at >= :start_ts" if name == "start" else "started_at < :end_ts")
        params[f"{name}_ts"] = dt.astimezone(timezone.utc).replace(microsecond=0).isoformat()
    return where, params


def _number(x: Any) -> int | float | None:
    if x is None:
        return None
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return round(x, 6) if isinstance(x, float) else x


def _values(catalog_: list[Metric], aggregates: list[str], row: Sequence[Any], offset: int) -> dict[str, dict[str, Any]]:
    """Metric dicts from one result row whose aggregates start at ``offset``."""
    at = {expr: row[offset + i] for i, expr in enumerate(aggregates)}
    out: dict[str, dict[str, Any]] = {}
    for metric in catalog_:
        num = at[metric.numerator] or 0
        if metric.denominator is None:
            value, den = num, None
        else:
            den = at[metric.denominator] or 0
            value = num / den if den else None
        out[metric.name] = {
            "value": _number(value),
            "numerator": _number(num),
            "denominator": _number(den),
            "benchmark": metric.benchmark,
            "unit": metric.unit,
        }
    return out


def _group_key(dims: Sequence[str], values: Sequence[Any]) -> str:
    parts = []
    for dim, v in zip(dims, values):
        if v is None or v == "":
            text = NONE_KEY
        elif dim == "hour":
            text = f"{int(v):02d}"
        elif dim == "weekday":
            text = WEEKDAYS[int(v) - 1]
        else:
            text = str(v)
        parts.append(f"{dim}={text}")
    return ",".join(parts)


def _filtered(expr: str) -> str:
    """The same aggregate with its condition as a FILTER clause, so rows that fail it skip the
    aggregate step (a third of the cost of a metrics pass): ``SUM(cond)`` (every SUM in the
    catalog adds 0/1 conditions) -> ``COUNT(*) FILTER (WHERE cond)``, and
    ``TOTAL(CASE WHEN cond THEN x END)`` -> ``TOTAL(x) FILTER (WHERE cond)``. A SUM over no
    rows is NULL where the COUNT is 0: both read as 0 in ``_values``.
    """
    m = re.fullmatch(r"SUM\((.*)\)", expr, re.S)
    if m:
        return f"COUNT(*) FILTER (WHERE {m.group(1)})"
    m = re.fullmatch(r"TOTAL\(CASE WHEN (.*) THEN (.*) END\)", expr, re.S)
    if m and "CASE" not in m.group(1) + m.group(2):
        return f"TOTAL({m.group(2)}) FILTER (WHERE {m.group(1)})"
    return expr


# From this many calls on, the aggregates are split over two connections, one per core.
PARALLEL_MIN_CALLS = 200_000


def _query_read_only(path: str, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA temp_store = MEMORY")
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _aggregate(store: Store, table: str, dims: Sequence[str], aggregates: list[str], where_sql: str,
               params: dict[str, Any]) -> list[tuple[Any, ...]]:  # fmt: skip
    """Rows of (dims..., aggregates...) ordered by dims.

    SQLite runs one query on one core, and the cost is per aggregate per call: on a big
    store, half of the aggregates of an ungrouped run go to a second read-only connection
    in a thread (sqlite3 releases the GIL while it works), so both cores share the pass.
    Grouped runs stay on one connection: each half would sort every call again, which
    costs more than it saves when the other core is busy.
    """
    cols = ", ".join(dims)

    def sql(part: list[str]) -> str:
        group = f" GROUP BY {cols} ORDER BY {cols}" if dims else ""
        return f"SELECT {cols + ', ' if dims else ''}{', '.join(map(_filtered, part))} FROM {table}{where_sql}{group}"

    store.db.execute("PRAGMA temp_store = MEMORY")  # GROUP BY sorts up to a million rows
    calls = 0 if dims else store.db.execute(f"SELECT MAX(rowid) FROM {table}").fetchone()[0] or 0
    # A second connection sees only committed data: stay on ours inside an open transaction.
    if dims or calls < PARALLEL_MIN_CALLS or store.db.conn.in_transaction or not Path(store.path).is_file():
        return list(store.db.execute(sql(aggregates), params))
    half = len(aggregates) // 2
    with ThreadPoolExecutor(max_workers=1) as pool:
        second = pool.submit(_query_read_only, store.path, sql(aggregates[half:]), params)
        first = list(store.db.execute(sql(aggregates[:half]), params))
        rest = second.result()
    return [a + b[len(dims) :] for a, b in zip(first, rest, strict=True)]


def compute_metrics(
    store: Store,
    settings: Settings,
    *,
    by: Sequence[str] = (),
    start: str | None = None,
    end: str | None = None,
) -> dict[str, Any]:
    """Every SPEC §5 metric, overall and per group, as the SPEC §7 JSON shape.

    Args:
        by: up to a few of BY_DIMENSIONS, e.g. ``("agent", "week")``.
        start, end: date range, YYYY-MM-DD local days (inclusive) or ISO times (end exclusive).

    Returns:
        ``{"definitions": {name: text}, "metrics": {name: {value, numerator, denominator,
        benchmark, unit}}, "groups": {"agent=ann,week=2026-W45": {name: {...}}}}``.
    """
    dims = list(dict.fromkeys(by))
    for dim in dims:
        if dim not in BY_DIMENSIONS:
            raise UsageError(f"Cannot group by {dim!r}. Use one or more of: {', '.join(BY_DIMENSIONS)}.")
    metrics, params = catalog(settings)
    where, range_params = _date_filter(start, end, settings)
    params.update(range_params)
    table = facts_table(store, settings)

    # Many metrics share a denominator: compute each distinct aggregate once.
    aggregates: list[str] = []
    for metric in metrics:
        for expr in (metric.numerator, metric.denominator):
            if expr is not None and expr not in aggregates:
                aggregates.append(expr)
    where_sql = f" WHERE {' AND '.join(where)}" if where else ""

    groups: dict[str, dict[str, Any]] = {}
    if not dims:
        overall = _aggregate(store, table, [], aggregates, where_sql, params)[0]
    else:
        # Sums add up across groups, so the overall row comes from the group rows instead of a
        # second pass over every call; only distinct counts need their own (narrow) query.
        totals: list[Any] = [0] * len(aggregates)
        for row in _aggregate(store, table, dims, aggregates, where_sql, params):
            groups[_group_key(dims, row[: len(dims)])] = _values(metrics, aggregates, row, len(dims))
            for i, value in enumerate(row[len(dims) :]):
                if value is not None:
                    totals[i] += value
        distinct = [i for i, expr in enumerate(aggregates) if "DISTINCT" in expr]
        if distinct:
            exact = store.db.execute(
                f"SELECT {', '.join(aggregates[i] for i in distinct)} FROM {table}{where_sql}", params
            ).fetchone()
            for i, value in zip(distinct, exact):
                totals[i] = value
        overall = totals
    result = {
        "definitions": {metric.name: metric.definition for metric in metrics},
        "metrics": _values(metrics, aggregates, overall, 0),
        "groups": groups,
    }
    _add_scorecard_metrics(store, table, dims, where_sql, params, result)
    return result


# QA scorecard metrics (issue 5): means over calls the rubric scored. Scorecards are joined
# live (not cached with the facts), so a rescore after a review shows at once.
SCORECARD_METRICS = (
    Metric("qa_score", "TOTAL(sc.score)", "COUNT(sc.score)", "ratio",
           "mean QA scorecard score (0–1, weighted rubric items passed) over calls the rubric scored"),
    Metric("qa_auto_fail_rate", "TOTAL(CASE WHEN sc.score IS NOT NULL THEN sc.auto_failed END)", "COUNT(sc.score)",
           "ratio", "scored calls that failed an auto-fail rubric item ÷ scored calls"),
)


def _add_scorecard_metrics(store: Store, table: str, dims: Sequence[str], where_sql: str,
                           params: dict[str, Any], result: dict[str, Any]) -> None:
    aggregates = [expr for m in SCORECARD_METRICS for expr in (m.numerator, m.denominator)]
    cols = ", ".join(f"f.{d}" for d in dims)
    where = where_sql.replace(" WHERE ", " AND ", 1) if where_sql else ""
    sql = (
        f"SELECT {cols + ', ' if dims else ''}{', '.join(aggregates)} "
        f"FROM scorecards sc JOIN {table} f ON f.call_id = sc.call_id WHERE 1 = 1{where}"
        + (f" GROUP BY {cols}" if dims else "")
    )
    totals = [0.0] * len(aggregates)
    for row in store.db.execute(sql, params):
        values = _values(list(SCORECARD_METRICS), aggregates, row, len(dims))
        if dims:
            result["groups"].setdefault(_group_key(dims, row[: len(dims)]), {}).update(values)
        totals = [t + (v or 0) for t, v in zip(totals, row[len(dims):])]
    result["metrics"].update(_values(list(SCORECARD_METRICS), aggregates, totals, 0))
    result["definitions"].update({m.name: m.definition for m in SCORECARD_METRICS})


def definitions(settings: Settings) -> dict[str, str]:
    """The definition text of every metric, as ``compute_metrics`` returns it, without computing any."""
    metrics, _ = catalog(settings)
    return {m.name: m.definition for m in (*metrics, *SCORECARD_METRICS)}


def metric_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Flat rows (group, metric, value, numerator, denominator, benchmark, unit) for tables and CSV.

    The overall metrics have group ``all``.
    """
    rows: list[dict[str, Any]] = []
    sections = [("all", result["metrics"]), *result.get("groups", {}).items()]
    for group, metrics in sections:
        for name, m in metrics.items():
            rows.append({"group": group, "metric": name, "value": m["value"], "numerator": m["numerator"],
                         "denominator": m["denominator"], "benchmark": m["benchmark"], "unit": m["unit"]})  # fmt: skip
    return rows

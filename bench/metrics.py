"""Bench (issue 5): a million call records through callqa, and the same by hand with pandas.

Generates a call-record CSV (default 1,000,000 rows: national and E.164 phone formats,
naive local times, duplicates, a few bad rows) and the analysis of every answered call
(recording, transcript features, four labels, some human overrides), then times side by
side in one run:

- import: callqa ``read_call_records`` + ``Store.upsert_call_records`` versus pandas
  ``read_csv`` + the same validation / normalization / de-duplication + ``to_sql``;
- metrics, cold: the first callqa ``compute_metrics`` after the import, which rebuilds the
  facts cache (the analysis of the recordings is stored before the import, with its cache,
  as ``callqa run`` leaves it), versus the same metrics computed with pandas (which has no
  cache: every run is cold); and cold from scratch, both caches rebuilt;
- metrics, warm: the same again with the cache up to date; then by agent;
- export: ``callqa export --grain call`` (CSV, not redacted) versus pandas ``to_csv`` of
  the same calls joined with their labels.

It checks that both give the same numbers, and prints times and ratios side by side,
with the machine's load average (other processes on the 2 cores skew wall times; the
cpu column counts this process only). Not a test.

Usage: .venv/bin/python bench/metrics.py [--rows 1000000] [--workdir /tmp/callqa-bench]
Needs pandas (``pip install pandas``), only for the comparison.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import re
import shutil
import time
from datetime import datetime, timedelta
from pathlib import Path

from callqa.config import Settings
from callqa.report.export import export
from callqa.scoring.facts import refresh_facts
from callqa.scoring.metrics import compute_metrics
from callqa.scoring.records import DIRECTIONS, STATUSES, read_call_records
from callqa.store import Store

TZ = "America/New_York"
AGENTS = [f"agent{i:02d}" for i in range(60)]
QUEUES = ["sales", "support", "billing", "retention", "general"]
SOURCES = ["google_ads", "organic", "facebook", "direct", "yelp", "bing", "referral", "email"]
CAMPAIGNS = [f"campaign{i:02d}" for i in range(12)]
OUTCOMES = [
    ("support", 30), ("information", 18), ("sale", 6), ("appointment_booked", 8), ("qualified_lead", 6),
    ("callback_requested", 5), ("not_interested", 7), ("voicemail", 8), ("no_conversation", 7), ("wrong_number", 5),
]  # fmt: skip


def _phone(rng: random.Random, area: int, exchange: int, line: int) -> str:
    r = rng.random()
    if r < 0.65:
        return f"({area}) {exchange}-{line:04d}"
    if r < 0.85:
        return f"+1{area}{exchange}{line:04d}"
    if r < 0.97:
        return f"{area}-{exchange}-{line:04d}"
    if r < 0.99:
        return f"+44 20 79{exchange % 100:02d} {line:04d}"  # international: phonenumbers' slow path
    return "anonymous"


def generate(path: Path, rows: int, *, seed: int = 7) -> dict[str, list]:
    """Write the call-record CSV; return the synthetic analysis of every answered call with a recording."""
    rng = random.Random(seed)
    customers = [(rng.randint(201, 989), rng.randint(200, 999), rng.randint(0, 9999)) for _ in range(rows * 2 // 5)]
    tracking = [f"(800) 555-{1000 + i}" for i in range(20)]
    outcome_names = [o for o, _ in OUTCOMES]
    outcome_weights = [w for _, w in OUTCOMES]
    start = datetime(2026, 8, 1)
    analysis: dict[str, list] = {k: [] for k in (
        "call_id", "spam", "outcome", "resolution", "escalated", "confidence", "human_resolution", "duration_s",
        "agent_talk_s", "customer_talk_s", "non_talk_s", "interruptions", "agent_wpm", "customer_wpm",
        "longest_monologue_s")}  # fmt: skip
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["call_id", "recording", "started_at", "direction", "caller", "callee", "status", "agent", "queue",
                    "source", "campaign", "tracking_number", "wait_s", "ring_s", "talk_s", "hold_s", "acw_s",
                    "disposition", "revenue", "cost", "updated_at", "crm_id"])  # fmt: skip
        written = 0
        i = 0
        while written < rows:
            i += 1
            call_id = f"C{i:08d}"
            # Repeat callers: a fifth of calls come from a small pool of frequent numbers.
            cust = customers[rng.randrange(len(customers) // 20)] if rng.random() < 0.2 else rng.choice(customers)
            number = _phone(rng, *cust)
            outbound = rng.random() < 0.22
            t = start + timedelta(days=rng.randrange(92), hours=rng.choice(range(7, 20)), seconds=rng.randrange(3600))
            r = rng.random()
            if outbound:
                status = "completed" if r < 0.6 else ("no-answer" if r < 0.9 else "busy")
            else:
                status = ("answered" if r < 0.78 else "abandoned" if r < 0.86 else "missed" if r < 0.93
                          else "voicemail" if r < 0.97 else "blocked")  # fmt: skip
            answered = status in ("answered", "completed")
            wait = round(rng.expovariate(1 / 25), 1) if not outbound else ""
            talk = round(rng.lognormvariate(5.0, 0.9), 1) if answered else ""
            hold = round(rng.expovariate(1 / 30), 1) if answered and rng.random() < 0.3 else ""
            acw = round(rng.expovariate(1 / 40), 1) if answered else ""
            recording = f"rec/{call_id}.wav" if answered else ""
            revenue = f"{rng.uniform(50, 2000):.2f}" if answered and rng.random() < 0.05 else ""
            cost = f"{rng.uniform(0.5, 3):.2f}"
            row = [call_id, recording, t.isoformat(" "), "outbound" if outbound else "inbound",
                   "(555) 010-0000" if outbound else number, number if outbound else rng.choice(tracking), status,
                   rng.choice(AGENTS), rng.choice(QUEUES), rng.choice(SOURCES), rng.choice(CAMPAIGNS),
                   rng.choice(tracking), wait, round(rng.uniform(2, 15), 1), talk, hold, acw, "", revenue, cost,
                   (t + timedelta(hours=1)).isoformat(" "), f"crm-{i}"]  # fmt: skip
            if rng.random() < 0.001:  # a bad row
                row[14] = "n/a" if rng.random() < 0.5 else "-12"
            w.writerow(row)
            written += 1
            if written < rows and rng.random() < 0.005:  # an older duplicate export of the same call
                dup = list(row)
                dup[20] = t.isoformat(" ")
                dup[6] = "missed"
                w.writerow(dup)
                written += 1
            if answered and row[14] not in ("n/a", "-12"):
                spam = "legit" if rng.random() < 0.88 else rng.choice(("robocall", "telemarketing"))
                outcome = rng.choices(outcome_names, outcome_weights)[0]
                if spam != "legit":
                    outcome = rng.choice(("not_interested", "no_conversation"))
                resolution = "not_applicable"
                if outcome in ("support", "information"):
                    resolution = rng.choices(("resolved", "unresolved", "follow_up"), (70, 15, 15))[0]
                a = analysis
                a["call_id"].append(call_id)
                a["spam"].append(spam)
                a["outcome"].append(outcome)
                a["resolution"].append(resolution)
                a["escalated"].append(spam == "legit" and rng.random() < 0.1)
                a["confidence"].append(round(rng.uniform(0.4, 1.0), 3))
                a["human_resolution"].append(
                    rng.choice(("resolved", "unresolved")) if resolution != "not_applicable" and rng.random() < 0.02 else None
                )
                dur = float(talk)
                agent_talk = round(dur * rng.uniform(0.3, 0.6), 2)
                customer_talk = round(dur * rng.uniform(0.2, 0.5), 2)
                a["duration_s"].append(dur)
                a["agent_talk_s"].append(agent_talk)
                a["customer_talk_s"].append(customer_talk)
                a["non_talk_s"].append(round(max(0.0, dur - agent_talk - customer_talk) * 0.5, 2))
                a["interruptions"].append(rng.randrange(8))
                a["agent_wpm"].append(round(rng.uniform(120, 190), 1))
                a["customer_wpm"].append(round(rng.uniform(110, 180), 1))
                a["longest_monologue_s"].append(round(min(dur, rng.uniform(5, 60)), 1))
    return analysis


def store_analysis(store: Store, analysis: dict[str, list]) -> None:
    """Insert recordings, transcripts and labels as `callqa run` would have (not timed)."""
    a = analysis
    now = "2026-11-05T00:00:00+00:00"
    conn = store.db.conn
    with conn:
        conn.executemany(
            "INSERT INTO recordings (path, file_name, call_id, status, transcript_key, duration_s, updated_at) "
            "VALUES (?, ?, ?, 'classified', ?, ?, ?)",
            ((f"/rec/{c}.wav", f"rec/{c}.wav", c, f"k{c}", d, now) for c, d in zip(a["call_id"], a["duration_s"])),
        )
        conn.executemany(
            "INSERT INTO transcripts (key, audio_sha256, model, options, duration_s, channels, agent_talk_s, "
            "customer_talk_s, agent_talk_ratio, non_talk_s, non_talk_share, interruptions, agent_wpm, customer_wpm, "
            "longest_monologue_s, created_at) VALUES (?, ?, 'tiny.en', '{}', ?, 2, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (f"k{c}", c, d, at, ct, at / (at + ct), nt, nt / d, it, aw, cw, lm, now)
                for c, d, at, ct, nt, it, aw, cw, lm in zip(
                    a["call_id"], a["duration_s"], a["agent_talk_s"], a["customer_talk_s"], a["non_talk_s"],
                    a["interruptions"], a["agent_wpm"], a["customer_wpm"], a["longest_monologue_s"])
            ),
        )  # fmt: skip

        def labels():
            for c, sp, oc, rs, es, cf, hr in zip(a["call_id"], a["spam"], a["outcome"], a["resolution"],
                                                 a["escalated"], a["confidence"], a["human_resolution"]):  # fmt: skip
                for task, value in (("spam", sp), ("outcome", oc), ("resolution", rs), ("escalated", str(es).lower())):
                    yield (c, task, "model", value, cf, "bench-1", "[]", f"k{c}", now)
                if hr is not None:
                    yield (c, "resolution", "human", hr, 1.0, "human", "[]", f"k{c}", now)

        conn.executemany(
            "INSERT INTO labels (call_id, task, source, value, confidence, version, evidence, transcript_key, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            labels(),
        )


# --- the same by hand with pandas --------------------------------------------------


def pandas_import(path: Path, settings: Settings, db_path: Path):
    """read_csv + validation + E.164 + time zones + de-duplication + to_sql, vectorized."""
    import pandas as pd
    import phonenumbers

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    bad = pd.Series(False, index=df.index)
    for col in ("wait_s", "ring_s", "talk_s", "hold_s", "acw_s", "revenue", "cost"):
        num = pd.to_numeric(df[col].where(df[col] != ""), errors="coerce")
        bad |= (df[col] != "") & (num.isna() | (num < 0))
        df[col] = num
    for col in ("started_at", "updated_at"):
        ts = pd.to_datetime(df[col].where(df[col] != ""), errors="coerce", format="ISO8601")
        bad |= (df[col] != "") & ts.isna()
        ts = ts.dt.tz_localize(settings.timezone, ambiguous="NaT", nonexistent="shift_forward").dt.tz_convert("UTC")
        df[col] = ts.dt.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    key = df["status"].str.lower().str.replace(r"[^a-z0-9]", "", regex=True)
    df["status"] = key.map(STATUSES)
    bad |= (key != "") & df["status"].isna()
    key = df["direction"].str.lower().str.replace(r"[^a-z0-9]", "", regex=True)
    df["direction"] = key.map(DIRECTIONS).fillna("inbound")

    def e164(raw: str) -> str | None:
        try:
            n = phonenumbers.parse(raw, settings.default_region)
        except phonenumbers.NumberParseException:
            return None
        return phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164) if phonenumbers.is_possible_number(n) else None

    for col in ("caller", "callee", "tracking_number"):
        compact = df[col].str.replace(r"[\s().\-/]", "", regex=True)
        m = compact.str.extract(r"^\+?1?([2-9]\d{9})$")[0]
        out = ("+1" + m).where(m.notna() & compact.str.len().between(10, 12))
        rest = df[col][out.isna() & (df[col] != "")]
        out.loc[rest.index] = rest.map({u: e164(u) for u in rest.unique()})
        df[col] = out.where(out.notna(), df[col].replace("", None))
    df = df[~bad]
    df = df.sort_values(["call_id", "updated_at"], kind="stable", na_position="first")
    df = df.drop_duplicates("call_id", keep="last")
    df["caller_key"] = df["caller"].where(df["direction"] == "inbound", df["callee"])
    df["caller_key"] = df["caller_key"].where(df["caller_key"].str.startswith("+", na=False))
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        df.to_sql("call_records", conn, index=False, if_exists="replace", chunksize=50_000)
    return df


def pandas_metrics(calls, analysis, settings: Settings, by: str | None = None) -> dict[str, dict[str, float | None]]:
    """The callqa metrics by hand: per-call 0/1 contributions, then sums (overall or per group)."""
    import numpy as np
    import pandas as pd

    s = settings
    lab = pd.DataFrame(analysis)
    lab["resolution"] = lab["human_resolution"].fillna(lab["resolution"])
    lab = lab.rename(columns={"spam": "spam_label"})
    d = calls.merge(lab, on="call_id", how="left")
    d["talk_s"] = d["talk_s"].fillna(d["duration_s"])
    analyzed = d["spam_label"].notna()
    inbound = d["direction"] == "inbound"
    outbound = d["direction"] == "outbound"
    answered = d["status"] == "answered"
    is_spam = analyzed & (d["spam_label"] != "legit")
    ns = analyzed & ~is_spam
    conv = analyzed & ~d["outcome"].isin(["voicemail", "no_conversation"])
    ns_conv = ns & conv
    escalated = d["escalated"].fillna(False).astype(bool)
    offered = inbound & d["status"].isin(["answered", "abandoned", "missed", "voicemail"])
    abandoned = inbound & (d["status"] == "abandoned")
    short = abandoned & (d["wait_s"] < s.short_abandon_s)
    wait = d["wait_s"]
    talk = d["talk_s"]
    connected = answered & talk.notna()
    handle = talk + d["hold_s"].fillna(0) + d["acw_s"].fillna(0)
    quality = ~(analyzed & (is_spam | (d["outcome"] == "voicemail")))

    # Repeat contacts: inbound non-spam calls from a known number, ordered in time.
    t = pd.to_datetime(d["started_at"], utc=True)
    contact = inbound & ~is_spam & d["caller_key"].notna() & t.notna()
    c = pd.DataFrame({"key": d["caller_key"], "t": t, "id": d["call_id"]})[contact].sort_values(["key", "t", "id"])
    g = c.groupby("key", sort=False)["t"]
    prev_gap = ((c["t"] - g.shift(1)).dt.total_seconds() / 86400).reindex(d.index)
    next_gap = ((g.shift(-1) - c["t"]).dt.total_seconds() / 86400).reindex(d.index)
    fi = pd.DataFrame({"key": d["caller_key"], "t": t, "id": d["call_id"]})[inbound & d["caller_key"].notna()]
    fi = fi.sort_values(["key", "t", "id"])
    first_time = (~fi.duplicated("key")).reindex(d.index)

    fcr_base = ns_conv & inbound & answered & d["outcome"].isin(["support", "information"])
    ok = (d["resolution"] == "resolved") & ~escalated
    lead = ns & inbound & d["outcome"].isin(["sale", "appointment_booked", "qualified_lead", "callback_requested"]) & (
        talk >= s.lead_min_duration_s
    )
    stereo = ns_conv & d["agent_talk_s"].notna()
    f = lambda x: x.astype(float)  # noqa: E731
    w = s.fcr_window_days
    first_w = fcr_base & ~(prev_gap <= w)
    parts = {
        "calls": (f(pd.Series(True, index=d.index)), None),
        "answer_rate": (f(inbound & answered), f(inbound)),
        "abandonment_rate": (f(abandoned & ~short), f(offered & ~short)),
        "blocked_rate": (f(inbound & (d["status"] == "blocked")), f(inbound)),
        "asa_s": (wait.where(inbound & answered).fillna(0), f(inbound & answered & wait.notna())),
        "service_level": (f(inbound & answered & (wait.fillna(0) <= s.service_level_s)), f(offered & ~short)),
        "aht_s": (handle.where(connected & quality).fillna(0), f(connected & quality)),
        "aht_s_raw": (handle.where(connected).fillna(0), f(connected)),
        "avg_call_duration_s": (talk.where(connected).fillna(0), f(connected)),
        "first_time_caller_rate": (f(first_time.fillna(False).astype(bool)), f(first_time.notna())),
        "spam_rate": (f(is_spam), f(analyzed)),
        "fcr": (f(first_w & ok & ~(next_gap <= w)), f(first_w)),
        "fcr_transcript_only": (f(fcr_base & ok), f(fcr_base)),
        "resolution_rate": (f(ns & (d["resolution"] == "resolved")),
                            f(ns & d["resolution"].isin(["resolved", "unresolved", "follow_up"]))),
        "escalation_rate": (f(ns_conv & answered & escalated), f(ns_conv & answered)),
        "escalation_rate_raw": (f(analyzed & escalated), f(analyzed)),
        "qualified_lead_rate": (f(lead), f(ns & inbound)),
        "lead_rate_duration_only": (f(talk >= s.lead_min_duration_s), f(pd.Series(True, index=d.index))),
        "conversion_rate": (f(ns_conv & d["outcome"].isin(["sale", "appointment_booked"])), f(ns_conv)),
        "appointment_rate": (f(ns_conv & (d["outcome"] == "appointment_booked")), f(ns_conv)),
        "revenue_per_successful_call": (d["revenue"].fillna(0), f(analyzed & (d["outcome"] == "sale"))),
        "cost_per_call": (d["cost"].fillna(0), f(answered)),
        "short_call_share": (f(answered & (talk < s.short_call_s)), f(connected)),
        "long_call_share": (f(answered & (talk > s.long_call_s)), f(connected)),
        "dial_efficiency": (f(outbound & answered), f(outbound)),
        "missed_rate": (f(outbound & ~answered), f(outbound)),
        "agent_talk_ratio": (d["agent_talk_s"].where(stereo).fillna(0),
                             (d["agent_talk_s"] + d["customer_talk_s"]).where(stereo).fillna(0)),
        "interruptions_per_call": (d["interruptions"].where(stereo).fillna(0), f(stereo)),
        "agent_wpm": (d["agent_wpm"].where(ns_conv).fillna(0), f(ns_conv & d["agent_wpm"].notna())),
    }  # fmt: skip
    for th in s.duration_thresholds_s:
        parts[f"share_ge_{th:g}s"] = (f(answered & (talk >= th)), f(connected))
    cols = {}
    for name, (num, den) in parts.items():
        cols[name + "|n"] = num.to_numpy()
        if den is not None:
            cols[name + "|d"] = den.to_numpy()
    frame = pd.DataFrame(cols)
    if by is None:
        sums = {"all": frame.sum()}
    else:
        frame[by] = d[by].fillna("(none)").to_numpy()
        sums = {f"{by}={k}": v for k, v in frame.groupby(by).sum().iterrows()}
    out = {}
    for group, row in sums.items():
        out[group] = {}
        for name, (num, den) in parts.items():
            n = float(row[name + "|n"])
            out[group][name] = n if den is None else (n / row[name + "|d"] if row[name + "|d"] else None)
    del np
    return out


def pandas_export(calls, analysis, out: Path) -> None:
    """The call grain by hand: calls joined with their (effective) labels, sorted like callqa's, to CSV."""
    import pandas as pd

    lab = pd.DataFrame(analysis)
    lab["resolution"] = lab["human_resolution"].fillna(lab["resolution"])
    d = calls.merge(lab.drop(columns=["human_resolution"]), on="call_id", how="left")
    d.sort_values(["started_at", "call_id"], na_position="first").to_csv(out, index=False)


def compare(ours: dict, theirs: dict, group: str) -> list[str]:
    bad = []
    for name, value in theirs.items():
        mine = ours[name]["value"]
        if value is None or mine is None:
            if value is not mine:
                bad.append(f"{group} {name}: callqa {mine} pandas {value}")
        elif not math.isclose(mine, value, rel_tol=1e-6, abs_tol=1e-6):
            bad.append(f"{group} {name}: callqa {mine} pandas {value}")
    return bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/callqa-bench"))
    parser.add_argument("--skip-pandas", action="store_true")
    args = parser.parse_args()
    work = args.workdir
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    settings = Settings(timezone=TZ, default_region="US")
    csv_path = work / "calls.csv"

    t0 = time.perf_counter()
    analysis = generate(csv_path, args.rows)
    print(f"generated {args.rows:,} rows ({csv_path.stat().st_size / 1e6:.0f} MB) and "
          f"{len(analysis['call_id']):,} analyzed calls in {time.perf_counter() - t0:.1f} s (not timed)")  # fmt: skip

    times: dict[str, float] = {}
    cpu: dict[str, float] = {}
    load_start = os.getloadavg()

    def timed(name: str, fn, *args, **kwargs):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        out = fn(*args, **kwargs)
        times[name], cpu[name] = time.perf_counter() - wall0, time.process_time() - cpu0
        return out

    # The analysis of the recordings is in the store first, with its caches built, as `callqa run`
    # leaves it (not timed); then a bulk import of call records arrives.
    store = Store.open(work / "callqa.db")
    store_analysis(store, analysis)
    refresh_facts(store, settings)
    result = timed("callqa read", read_call_records, csv_path, settings=settings)
    timed("callqa store", store.upsert_call_records, result.records, source_file=str(csv_path), rows=result.rows)
    times["callqa import"] = times["callqa read"] + times["callqa store"]
    cpu["callqa import"] = cpu["callqa read"] + cpu["callqa store"]
    print(f"callqa: {len(result.records):,} records, {len(result.errors)} rejected rows, "
          f"{result.duplicates} duplicates, {len(result.warnings)} warnings")  # fmt: skip
    del result

    # Cold: the first metrics after the import rebuild the facts cache (the analysis cache stays).
    ours = timed("callqa metrics cold", compute_metrics, store, settings)
    timed("callqa metrics warm", compute_metrics, store, settings)
    ours_by = timed("callqa metrics by agent", compute_metrics, store, settings, by=["agent"])
    timed("callqa metrics by agent x week", compute_metrics, store, settings, by=["agent", "week"])

    def from_scratch() -> dict:
        refresh_facts(store, settings, full=True)  # both caches, as after a change of every transcript
        return compute_metrics(store, settings)

    scratch = timed("callqa metrics cold, from scratch", from_scratch)
    assert scratch == ours
    exported = timed("callqa export", export, store, grain="call", fmt="csv", out=work / "export.csv", redact=False,
                     settings=settings)  # fmt: skip

    if not args.skip_pandas:
        calls = timed("pandas import", pandas_import, csv_path, settings, work / "pandas.db")
        theirs = timed("pandas metrics", pandas_metrics, calls, analysis, settings)
        theirs_by = timed("pandas metrics by agent", pandas_metrics, calls, analysis, settings, by="agent")
        timed("pandas export", pandas_export, calls, analysis, work / "pandas_export.csv")
        print(f"pandas: {len(calls):,} records")
        mismatches = compare(ours["metrics"], theirs["all"], "all")
        for group, values in theirs_by.items():
            mismatches += compare(ours_by["groups"][group], values, group)
        checked = len(theirs["all"]) * (1 + len(theirs_by))
        print(f"values: {checked} metric values compared, {len(mismatches)} differ")
        for line in mismatches[:20]:
            print("  DIFF", line)
        rows = sum(exported.values())
        print(f"export: callqa {rows:,} rows, pandas {len(calls):,} records "
              f"(+ {rows - len(calls):,} recordings without a record in callqa)")  # fmt: skip

    load = os.getloadavg()
    print(f"\nload average 1/5/15 min: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores "
          f"(at the start: {load_start[0]:.2f} {load_start[1]:.2f} {load_start[2]:.2f})")  # fmt: skip
    print(f"{'':32s} {'wall s':>8s} {'cpu s':>8s}   (cpu: this process only, both threads)")
    for name, secs in times.items():
        print(f"{name:32s} {secs:8.2f} {cpu[name]:8.2f}")
    if not args.skip_pandas:
        pairs = [
            ("import (read+validate+normalize+dedupe+store)", "callqa import", "pandas import"),
            ("metrics, cold: first after the import", "callqa metrics cold", "pandas metrics"),
            ("metrics, cold from scratch (both caches)", "callqa metrics cold, from scratch", "pandas metrics"),
            ("metrics, warm", "callqa metrics warm", "pandas metrics"),
            ("metrics by agent, warm", "callqa metrics by agent", "pandas metrics by agent"),
            ("export, call grain, CSV", "callqa export", "pandas export"),
        ]
        print(f"\n{'side by side':48s} {'callqa':>8s} {'pandas':>8s} {'ratio':>6s}   "
              f"{'callqa':>8s} {'pandas':>8s} {'ratio':>6s}")  # fmt: skip
        print(f"{'':48s} {'wall s':>8s} {'wall s':>8s} {'':>6s}   {'cpu s':>8s} {'cpu s':>8s}")
        for label, a, b in pairs:
            print(f"{label:48s} {times[a]:8.2f} {times[b]:8.2f} {times[a] / times[b]:6.2f}   "
                  f"{cpu[a]:8.2f} {cpu[b]:8.2f} {cpu[a] / cpu[b]:6.2f}")  # fmt: skip
        print("ratio = callqa / pandas (below 1: callqa is faster)")
    print(json.dumps({k: [round(times[k], 3), round(cpu[k], 3)] for k in times}))
    store.close()


if __name__ == "__main__":
    main()

"""One row per call for metrics and flags: SQL views plus a materialized cache table.

Views hold no data and are recreated on every open of the store, so they always
match the code:

- ``effective_labels``: the label that counts per call and task (human > model > rule).
- ``calls_all``: every call record (with its recording, if any) plus recordings that have no record.
- ``call_facts``: calls_all with transcript features and effective labels. Cheap for
  one call (``WHERE call_id = ?``); the views never compute anything across calls.

Metrics need facts that *do* look across calls (repeat contacts from the same
number, first-time callers) and local calendar fields, over up to millions of
calls, in seconds. ``facts_table()`` returns ``call_facts_cache``: the same per-call
facts computed in bulk, with those columns added. It is rebuilt after call records
are imported or the time zone changed, and patched (only the calls concerned) after
labels or recordings change, e.g. by a review. Its per-call analysis part (latest
recording, transcript features, effective labels) is kept in ``call_analysis_cache``,
which does not depend on call records: an import of call records does not recompute
it, and it is rebuilt only when transcripts are saved. Thresholds are *not* baked in:
the cache exposes raw gaps and values, and metrics.py compares them with the
configured thresholds.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from callqa.errors import ConfigError

if TYPE_CHECKING:
    from callqa.config import Settings
    from callqa.store import Store

# Bump when ANALYSIS_STEPS, CACHE_STEPS or the columns of call_facts change: forces a rebuild of both caches.
FACTS_VERSION = "10"
CACHE_TABLE = "call_facts_cache"

# Tables whose writes make the caches stale (see _triggers_sql).
_SOURCE_TABLES = ("call_records", "recordings", "transcripts", "labels")

_RANK = "CASE {a}.source WHEN 'human' THEN 0 WHEN 'model' THEN 1 ELSE 2 END"


def _label(task: str) -> str:
    return (
        f"(SELECT l.value FROM labels l WHERE l.call_id = c.call_id AND l.task = '{task}' "
        f"ORDER BY {_RANK.format(a='l')} LIMIT 1)"
    )


def _triggers_sql() -> str:
    """Triggers that keep the two cache tables honest.

    Labels and recordings change one call at a time (a review, a re-run): they list the
    call in ``facts_changes`` and both tables are patched for it. Transcripts mark the
    analysis table (and so the facts) stale; updates or deletes of call records mark the
    facts stale. Bulk imports of call records go through Store.upsert_call_records, which
    marks the facts stale once: a trigger per row would cost seconds per million rows.
    """
    parts = []
    for table in _SOURCE_TABLES:
        for op in ("INSERT", "UPDATE", "DELETE"):
            name = f"facts_stale_{table}_{op.lower()}"
            parts.append(f"DROP TRIGGER IF EXISTS {name};")
            # Changes are listed only while the analysis table is current (a rebuild recomputes all).
            pending = "WHEN (SELECT dirty FROM facts_analysis_meta WHERE id = 1) = 0"
            if table in ("labels", "recordings"):
                rows = {"INSERT": ["NEW"], "UPDATE": ["NEW", "OLD"], "DELETE": ["OLD"]}[op]
                # No OR IGNORE: the statement that fires a trigger imposes its own conflict
                # policy on the trigger's statements (an upsert would turn it into ABORT).
                body = " ".join(
                    f"INSERT INTO facts_changes SELECT {r}.call_id "
                    f"WHERE NOT EXISTS (SELECT 1 FROM facts_changes WHERE call_id = {r}.call_id);"
                    for r in rows
                )
            elif table == "transcripts":
                body = "UPDATE facts_analysis_meta SET dirty = 1 WHERE id = 1;"
            elif op == "INSERT":  # call_records: see above
                continue
            else:
                pending = "WHEN (SELECT dirty FROM facts_meta WHERE id = 1) = 0"
                body = "UPDATE facts_meta SET dirty = 1 WHERE id = 1;"
            parts.append(f"CREATE TRIGGER {name} AFTER {op} ON {table} {pending} BEGIN {body} END;")
    return "\n".join(parts)


VIEWS_SQL = f"""
DROP VIEW IF EXISTS call_facts;
DROP VIEW IF EXISTS calls_all;
DROP VIEW IF EXISTS effective_labels;

-- The label that counts for each call and task: human > model > rule.
CREATE VIEW effective_labels AS
SELECT l.call_id, l.task, l.value, l.confidence, l.source, l.version
FROM labels l
WHERE NOT EXISTS (
    SELECT 1 FROM labels b
    WHERE b.call_id = l.call_id AND b.task = l.task AND {_RANK.format(a='b')} < {_RANK.format(a='l')}
);

-- Every call: call records (with their latest recording, if any) plus recordings that have no record.
CREATE VIEW calls_all AS
SELECT cr.call_id, r.path AS recording_path, r.status AS recording_status, r.failure_kind,
       r.transcript_key, cr.started_at, cr.direction, cr.caller, cr.callee, cr.caller_key,
       cr.status, cr.agent, cr.queue, cr.source, cr.campaign, cr.tracking_number,
       cr.wait_s, cr.ring_s, COALESCE(cr.talk_s, t.duration_s) AS talk_s,
       cr.hold_s, cr.acw_s, cr.disposition, cr.revenue, cr.cost, 1 AS has_record
FROM call_records cr
LEFT JOIN recordings r ON r.path = (
    SELECT r2.path FROM recordings r2 WHERE r2.call_id = cr.call_id ORDER BY r2.updated_at DESC, r2.path DESC LIMIT 1)
LEFT JOIN transcripts t ON t.key = r.transcript_key
UNION ALL
SELECT r.call_id, r.path, r.status, r.failure_kind, r.transcript_key, NULL, 'inbound', NULL, NULL, NULL,
       'answered', NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, t.duration_s, NULL, NULL, NULL, NULL, NULL, 0
FROM recordings r
LEFT JOIN transcripts t ON t.key = r.transcript_key
-- a recording that failed and has no call record is not known to be a call at all
WHERE NOT EXISTS (SELECT 1 FROM call_records cr WHERE cr.call_id = r.call_id) AND r.status != 'failed'
  AND r.path = (SELECT r2.path FROM recordings r2 WHERE r2.call_id = r.call_id ORDER BY r2.updated_at DESC, r2.path DESC LIMIT 1);

CREATE VIEW call_facts AS
SELECT f.*,
    -- analyzed: has labels, and its recording did not fail (stale labels of a failed file do not count)
    (f.spam_label IS NOT NULL AND f.outcome IS NOT NULL AND COALESCE(f.recording_status, '') != 'failed') AS analyzed,
    COALESCE(f.spam_label != 'legit', 0) AS is_spam,
    -- a real human exchange happened (for escalation / conversion denominators)
    (f.outcome IS NOT NULL AND f.outcome NOT IN ('voicemail', 'no_conversation')) AS conversation
FROM (
    SELECT c.*,
        t.duration_s AS audio_duration_s, t.channels, t.agent_talk_s, t.customer_talk_s, t.unknown_talk_s,
        t.agent_talk_ratio, t.non_talk_s, t.non_talk_share, t.longest_silence_s, t.longest_silence_start_s,
        t.silence_count, t.interruptions, t.overlap_s, t.agent_wpm, t.customer_wpm, t.longest_monologue_s,
        t.role_confidence,
        {_label('spam')} AS spam_label,
        {_label('outcome')} AS outcome,
        {_label('resolution')} AS resolution,
        ({_label('escalated')} = 'true') AS escalated,
        -- lowest confidence among the effective labels that a machine set (a human's need no review)
        (SELECT MIN(e.confidence) FROM effective_labels e WHERE e.call_id = c.call_id AND e.source != 'human')
            AS min_confidence
    FROM calls_all c
    LEFT JOIN transcripts t ON t.key = c.transcript_key
) f;

-- Staleness of call_facts_cache: set by triggers on writes to its source tables.
CREATE TABLE IF NOT EXISTS facts_meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    dirty INTEGER NOT NULL,
    key TEXT,
    built_at TEXT
);
INSERT OR IGNORE INTO facts_meta (id, dirty) VALUES (1, 1);
-- Staleness of call_analysis_cache (the per-call part that does not depend on call records).
CREATE TABLE IF NOT EXISTS facts_analysis_meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    dirty INTEGER NOT NULL,
    key TEXT
);
INSERT OR IGNORE INTO facts_analysis_meta (id, dirty) VALUES (1, 1);
-- Calls whose labels or recording changed since the caches were built (patched, not rebuilt).
CREATE TABLE IF NOT EXISTS facts_changes (call_id TEXT PRIMARY KEY);
{_triggers_sql()}
"""

def _lab_sql() -> list[str]:
    """Effective labels, one row per call, in one pass over labels plus one over the few reviewed calls.

    Most calls have labels from one source only (no human review yet): a plain pivot
    serves them, and flags the others (labels from two sources: ``dup``). A flagged call
    may have two labels for one task (a human over a model, a model over a rule): it is
    pivoted again by priority: per task, MAX over "<priority digit><value>" picks the
    human label, else the model's, else the rule's, and the confidence of that label,
    when a machine set it, comes from the matching source column (9 stands for none).
    """
    tasks = ("spam", "outcome", "resolution", "escalated")
    plain = (
        "INSERT INTO _lab SELECT call_id, "
        + ", ".join(f"MAX(CASE WHEN task = '{t}' THEN value END)" for t in tasks[:3])
        + ", MAX(CASE WHEN task = 'escalated' THEN value END) = 'true', "
        "MIN(CASE WHEN source != 'human' THEN confidence END), MIN(source) != MAX(source) "
        "FROM labels {scope_where} GROUP BY call_id"
    )
    priority = "(CASE source WHEN 'human' THEN '3' WHEN 'model' THEN '2' ELSE '1' END)"
    inner, confidences = [], []
    for t in tasks:
        inner += [
            f"MAX(CASE WHEN task = '{t}' THEN {priority} || value END) AS {t}_v",
            f"MAX(CASE WHEN task = '{t}' AND source = 'model' THEN confidence END) AS {t}_model",
            f"MAX(CASE WHEN task = '{t}' AND source NOT IN ('human', 'model') THEN confidence END) AS {t}_rule",
        ]
        confidences.append(
            f"CASE substr({t}_v, 1, 1) WHEN '2' THEN COALESCE({t}_model, 9) WHEN '1' THEN COALESCE({t}_rule, 9) ELSE 9 END"
        )
    ranked = (
        "INSERT OR REPLACE INTO _lab SELECT call_id, substr(spam_v, 2), substr(outcome_v, 2), substr(resolution_v, 2), "
        f"substr(escalated_v, 2) = 'true', NULLIF(MIN({', '.join(confidences)}), 9), 0 "
        f"FROM (SELECT call_id, {', '.join(inner)} FROM labels WHERE call_id IN (SELECT call_id FROM _lab WHERE dup) "
        "GROUP BY call_id)"
    )
    return [plain, ranked]


_LAB_SQL = _lab_sql()

# Transcript features the facts carry (the call_facts view has them all).
_FEATURES = ("agent_talk_s", "customer_talk_s", "agent_talk_ratio", "non_talk_s", "longest_silence_s",
             "longest_silence_start_s", "interruptions", "agent_wpm", "customer_wpm", "longest_monologue_s")  # fmt: skip

# The caches, built in bulk in a few statements (the views' per-call subqueries would
# cost seconds per 100,000 calls), in two tables:
#
# - call_analysis_cache: per call with a recording or labels, what the analysis says
#   (latest recording, transcript features, effective labels). It does not depend on call
#   records, so an import of call records leaves it as it is.
# - call_facts_cache: the same semantics as call_facts (a test checks they agree on every
#   column they share), plus 0/1 columns every metric filters on, repeat-contact gaps and
#   local calendar fields.
#
# Each temporary table is read by key once per call, so it is WITHOUT ROWID (one b-tree,
# one seek). Placeholders: {slow_local_ts} is an SQL expression for the local
# "YYYY-MM-DD HH:MM:SS" of started_at, for the calls temp._tz has no ready answer for;
# {scope_where} / {scope_and} / {scope_and_a} restrict a patch to the calls in temp._scope
# (empty for a full build).
ANALYSIS_TABLE = "call_analysis_cache"
ANALYSIS_STEPS = [
    "DROP TABLE IF EXISTS temp._lab",
    "DROP TABLE IF EXISTS temp._rec",
    # effective labels (per call and task, the row of the best source), pivoted to one row per call
    """
    CREATE TEMP TABLE _lab (call_id TEXT PRIMARY KEY, spam_label TEXT, outcome TEXT, resolution TEXT,
                            escalated INTEGER, min_confidence REAL, dup INTEGER) WITHOUT ROWID
    """,
    *_LAB_SQL,
    # the latest recording of each call (same choice as the calls_all view)
    "CREATE TEMP TABLE _rec (call_id TEXT PRIMARY KEY, path TEXT, status TEXT, transcript_key TEXT) WITHOUT ROWID",
    """
    INSERT INTO _rec
    SELECT call_id, path, status, transcript_key
    FROM (SELECT call_id, path, status, transcript_key, MAX(updated_at || '|' || path) FROM recordings {scope_where}
          GROUP BY call_id)
    """,
    f"""
    CREATE TABLE IF NOT EXISTS {ANALYSIS_TABLE} (
        call_id TEXT PRIMARY KEY, recording_status TEXT, transcript_key TEXT, audio_duration_s REAL,
        agent_talk_s REAL, customer_talk_s REAL, agent_talk_ratio REAL, non_talk_s REAL, longest_silence_s REAL,
        longest_silence_start_s REAL, interruptions INT, agent_wpm REAL, customer_wpm REAL,
        longest_monologue_s REAL, spam_label TEXT, outcome TEXT, resolution TEXT, escalated INT, min_confidence REAL
    ) WITHOUT ROWID
    """,
    f"""
    INSERT INTO {ANALYSIS_TABLE}
    SELECT r.call_id, r.status, r.transcript_key, t.duration_s, {', '.join(f't.{c}' for c in _FEATURES)},
        l.spam_label, l.outcome, l.resolution, l.escalated, l.min_confidence
    FROM _rec r LEFT JOIN transcripts t ON t.key = r.transcript_key LEFT JOIN _lab l ON l.call_id = r.call_id
    """,
    f"""
    INSERT INTO {ANALYSIS_TABLE} (call_id, spam_label, outcome, resolution, escalated, min_confidence)
    SELECT l.call_id, l.spam_label, l.outcome, l.resolution, l.escalated, l.min_confidence
    FROM _lab l WHERE NOT EXISTS (SELECT 1 FROM _rec r WHERE r.call_id = l.call_id)
    """,
    "DROP TABLE IF EXISTS temp._lab",
    "DROP TABLE IF EXISTS temp._rec",
]

_TEMP_TABLES = ("_seq", "_nc", "_cseq", "_x")
_SORT_KEY = "cr.caller_key, cr.started_at, cr.rowid"
_ANALYSIS_COLUMNS = (
    "a.recording_status, a.transcript_key, a.audio_duration_s, "
    + ", ".join(f"a.{c}" for c in _FEATURES)
    + ", a.spam_label, a.outcome, a.resolution, a.escalated, a.min_confidence"
)
# Calls with a record, with their local calendar fields and repeat-contact gaps.
_RECORD_CALLS = f"""
            SELECT cr.call_id, cr.started_at, cr.direction,
                cr.caller_key, cr.status, cr.agent, cr.queue, cr.source, cr.campaign, cr.wait_s, cr.talk_s, cr.hold_s,
                cr.acw_s, cr.disposition, cr.revenue, cr.cost, 1 AS has_record,
                -- local time: from the hour's row in _tz when it holds the answer, else computed
                CASE WHEN z.local_hour IS NOT NULL THEN z.local_hour || substr(cr.started_at, 14, 6)
                     ELSE {{slow_local_ts}} END AS local_ts,
                x.prev_gap AS prev_contact_gap_days, x.next_gap AS next_contact_gap_days,
                CASE WHEN cr.direction = 'inbound' AND cr.caller_key IS NOT NULL AND cr.started_at IS NOT NULL
                    THEN COALESCE(x.first_time, 0) END
                    AS first_time_caller,
                CASE WHEN z.local_hour IS NOT NULL THEN z.day ELSE substr({{slow_local_ts}}, 1, 10) END AS day,
                -- ISO 8601, 2026-W45
                CASE WHEN z.local_hour IS NOT NULL THEN z.week
                     ELSE (SELECT cal.week FROM _cal cal WHERE cal.day = substr({{slow_local_ts}}, 1, 10)) END AS week,
                CASE WHEN z.local_hour IS NOT NULL THEN z.local_hour_n
                     ELSE CAST(substr({{slow_local_ts}}, 12, 2) AS INTEGER) END AS hour,
                -- 1 = Monday … 7 = Sunday
                CASE WHEN z.local_hour IS NOT NULL THEN z.weekday
                     ELSE (SELECT cal.weekday FROM _cal cal WHERE cal.day = substr({{slow_local_ts}}, 1, 10)) END
                     AS weekday,
                {_ANALYSIS_COLUMNS}
            FROM call_records cr
            LEFT JOIN {ANALYSIS_TABLE} a ON a.call_id = cr.call_id
            LEFT JOIN _x x ON x.rid = cr.rowid
            -- only times in the form the import writes (YYYY-MM-DDTHH:MM:SS+00:00) take the shortcut
            LEFT JOIN _tz z ON z.hour = substr(cr.started_at, 1, 13) AND length(cr.started_at) = 25
                AND substr(cr.started_at, 20) = '+00:00'
            WHERE 1 = 1 {{scope_and}}
"""
# Recordings that have no call record (a failed one is not known to be a call at all).
_RECORDING_ONLY_CALLS = f"""
            SELECT a.call_id, NULL AS started_at, 'inbound' AS direction, NULL AS caller_key, 'answered' AS status,
                NULL AS agent, NULL AS queue, NULL AS source, NULL AS campaign, NULL AS wait_s, NULL AS talk_s,
                NULL AS hold_s, NULL AS acw_s, NULL AS disposition, NULL AS revenue, NULL AS cost, 0 AS has_record,
                NULL AS local_ts, NULL AS prev_contact_gap_days, NULL AS next_contact_gap_days,
                NULL AS first_time_caller, NULL AS day, NULL AS week, NULL AS hour, NULL AS weekday, {_ANALYSIS_COLUMNS}
            FROM {ANALYSIS_TABLE} a
            WHERE a.recording_status IS NOT NULL AND a.recording_status != 'failed' {{scope_and_a}}
                AND NOT EXISTS (SELECT 1 FROM call_records cr WHERE cr.call_id = a.call_id)
"""


def _facts_rows(calls_sql: str) -> str:
    """SELECT of the cache columns over ``calls_sql``: one row per call with its record fields
    (or NULLs) and its analysis; the flags metrics count are derived here, once for both kinds."""
    return f"""
    SELECT f.*,
        COALESCE(direction = 'inbound', 0) AS inbound,
        COALESCE(direction = 'outbound', 0) AS outbound,
        COALESCE(status = 'answered', 0) AS answered,
        COALESCE(direction = 'inbound' AND status IN ('answered', 'abandoned', 'missed', 'voicemail'), 0) AS offered,
        COALESCE(direction = 'inbound' AND status = 'abandoned', 0) AS abandoned,
        COALESCE(direction = 'inbound' AND status = 'blocked', 0) AS blocked,
        (analyzed AND NOT is_spam) AS ns,
        (analyzed AND NOT is_spam AND conversation) AS ns_conv,
        (analyzed AND NOT is_spam AND conversation AND direction = 'inbound' AND status = 'answered'
            AND outcome IN ('support', 'information')) AS fcr_base,
        COALESCE(resolution = 'resolved' AND NOT COALESCE(escalated, 0), 0) AS resolved_not_escalated,
        COALESCE(outcome IN ('sale', 'appointment_booked', 'qualified_lead', 'callback_requested'), 0) AS lead_outcome
    FROM (
        SELECT c.call_id, c.recording_status, c.transcript_key, c.started_at, c.direction, c.caller_key, c.status,
            c.agent, c.queue, c.source, c.campaign, c.wait_s, COALESCE(c.talk_s, c.audio_duration_s) AS talk_s,
            c.hold_s, c.acw_s, c.disposition, c.revenue, c.cost, c.has_record, c.local_ts,
            c.prev_contact_gap_days, c.next_contact_gap_days, c.first_time_caller,
            c.audio_duration_s, {', '.join(f'c.{col}' for col in _FEATURES)},
            c.spam_label, c.outcome, c.resolution, c.escalated, c.min_confidence,
            (c.spam_label IS NOT NULL AND c.outcome IS NOT NULL AND COALESCE(c.recording_status, '') != 'failed') AS analyzed,
            COALESCE(c.spam_label != 'legit', 0) AS is_spam,
            (c.outcome IS NOT NULL AND c.outcome NOT IN ('voicemail', 'no_conversation')) AS conversation,
            c.day, c.week, c.hour, c.weekday
        FROM (
{calls_sql}
        ) c
    ) f
    """


CACHE_STEPS = [
    *(f"DROP TABLE IF EXISTS temp.{t}" for t in _TEMP_TABLES),
    # Inbound calls from a known number in order: (caller_key, started_at), import order on ties.
    # The partial index call_records_inbound_caller (migration m003) holds exactly these calls in
    # this order, so a full build reads it without a sort and without touching the table. Outbound
    # calls take no part in repeat contacts or first-time callers.
    "CREATE TEMP TABLE _seq (seq INTEGER PRIMARY KEY, rid INTEGER, caller_key TEXT, jd REAL)",
    f"""
    INSERT INTO _seq (rid, caller_key, jd)
    SELECT cr.rowid, cr.caller_key, julianday(cr.started_at)
    FROM call_records cr
    WHERE cr.direction = 'inbound' AND cr.caller_key IS NOT NULL AND cr.started_at IS NOT NULL {{scope_and}}
    ORDER BY {_SORT_KEY}
    """,
    # Calls labelled spam are not contacts: found from the (fewer) spam labels, a seek by call_id
    # each, rather than a seek into the analysis table for every call in _seq.
    "CREATE TEMP TABLE _nc (rid INTEGER PRIMARY KEY)",
    f"""
    INSERT INTO _nc SELECT cr.rowid
    FROM {ANALYSIS_TABLE} a JOIN call_records cr ON cr.call_id = a.call_id
    WHERE a.spam_label != 'legit' {{scope_and}}
    """,
    # contacts (inbound, non-spam) alone, in the same order: the previous / next contact from
    # the same number is the neighbour row (a seek by rowid; window functions cost several times more)
    "CREATE TEMP TABLE _cseq (seq INTEGER PRIMARY KEY, rid INTEGER, caller_key TEXT, jd REAL)",
    "INSERT INTO _cseq (rid, caller_key, jd) SELECT rid, caller_key, jd FROM _seq "
    "WHERE NOT EXISTS (SELECT 1 FROM _nc WHERE _nc.rid = _seq.rid) ORDER BY seq",
    # per call: days since the previous / to the next contact from the same number, and whether
    # it is the first inbound call from its number in the loaded history
    "CREATE TEMP TABLE _x (rid INTEGER PRIMARY KEY, prev_gap REAL, next_gap REAL, first_time INTEGER)",
    """
    INSERT INTO _x
    SELECT a.rid, CASE WHEN p.caller_key = a.caller_key THEN a.jd - p.jd END,
        CASE WHEN n.caller_key = a.caller_key THEN n.jd - a.jd END, 0
    FROM _cseq a LEFT JOIN _cseq p ON p.seq = a.seq - 1 LEFT JOIN _cseq n ON n.seq = a.seq + 1
    """,
    """
    INSERT INTO _x (rid, first_time)
    SELECT a.rid, 1 FROM _seq a LEFT JOIN _seq b ON b.seq = a.seq - 1 WHERE b.caller_key IS NOT a.caller_key
    ON CONFLICT (rid) DO UPDATE SET first_time = 1
    """,
    # Two statements, not one UNION ALL: a compound subquery is not flattened, and copying every row
    # through it cost as much again as the rest.
    f"""
    {{into}}
    {_facts_rows(_RECORD_CALLS)}
    """,
    f"""
    INSERT INTO {CACHE_TABLE}
    {_facts_rows(_RECORDING_ONLY_CALLS)}
    """,
    *(f"DROP TABLE IF EXISTS temp.{t}" for t in _TEMP_TABLES),
    "DROP TABLE IF EXISTS temp._tz",
    "DROP TABLE IF EXISTS temp._cal",
]


def call_records_replaced(conn: sqlite3.Connection) -> None:
    """Mark the facts stale after a bulk write of call records (call inside its transaction).

    The facts table is dropped right away: every row of it is stale, the next build
    rebuilds it in full, and freeing the pages of a million rows takes a second that the
    first metrics after the import would otherwise wait for.
    """
    conn.execute("UPDATE facts_meta SET dirty = 1 WHERE id = 1")
    conn.execute(f"DROP TABLE IF EXISTS {CACHE_TABLE}")


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"timezone {name!r} is not a known IANA time zone. Use a name like UTC, America/New_York or Europe/Paris."
        ) from None


def _fill_offsets(conn: sqlite3.Connection, zone: ZoneInfo, lo: str | None, hi: str | None) -> str:
    """Fill ``temp._tz`` with the zone's UTC offsets; return the SQL expression of local time.

    One row per UTC hour ('YYYY-MM-DDTHH') in the range of started_at: the offset in
    minutes at the start of the hour and, when it changes inside that hour (a DST
    switch; some zones switch at :30 or :45 UTC), the minute it changes and the offset
    after. When the whole hour has one offset in whole hours (nearly always), the row
    also holds the local hour and its calendar fields, so most calls need no date
    arithmetic at all; the returned expression serves the others.
    """
    conn.execute("DROP TABLE IF EXISTS temp._tz")
    conn.execute(
        "CREATE TEMP TABLE _tz (hour TEXT PRIMARY KEY, off1 INTEGER, change_min TEXT, off2 INTEGER, "
        "local_hour TEXT, local_hour_n INTEGER, day TEXT, week TEXT, weekday INTEGER) WITHOUT ROWID"
    )

    def minutes(at: datetime) -> int:
        return int((at.astimezone(zone).utcoffset() or timedelta(0)).total_seconds() // 60)

    rows = []
    if lo is not None and hi is not None:
        try:
            start = datetime.fromisoformat(lo[:13] + ":00:00+00:00")
            end = datetime.fromisoformat(hi[:13] + ":00:00+00:00")
            count = int((end - start).total_seconds() // 3600) + 1
        except ValueError:  # not a time we can read: every call takes the SQL path
            count = 0
        if 0 < count <= 24 * 366 * 20:
            hours = [start + timedelta(hours=i) for i in range(count)]
        else:  # a few stray dates decades apart: only the hours that occur
            hours = []
            for (h,) in conn.execute(
                "SELECT DISTINCT substr(started_at, 1, 13) FROM call_records WHERE started_at IS NOT NULL"
            ):
                try:
                    hours.append(datetime.fromisoformat(h + ":00:00+00:00"))
                except ValueError:
                    continue
        for hour in hours:
            first, last = minutes(hour), minutes(hour + timedelta(minutes=59))
            change = None
            if first != last:
                change = next(m for m in range(60) if minutes(hour + timedelta(minutes=m)) == last)
            local = day = week = weekday = local_n = None
            if change is None and first % 60 == 0:
                at = (hour + timedelta(minutes=first)).replace(tzinfo=None)
                local, local_n, day = at.strftime("%Y-%m-%d %H"), at.hour, at.date().isoformat()
                year, iso_week, weekday = at.isocalendar()
                week = f"{year}-W{iso_week:02d}"
            rows.append((hour.strftime("%Y-%m-%dT%H"), first, None if change is None else f"{change:02d}", last,
                         local, local_n, day, week, weekday))  # fmt: skip
    conn.executemany("INSERT OR IGNORE INTO _tz VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return (
        "datetime(cr.started_at, (SELECT CASE WHEN z2.change_min IS NOT NULL AND substr(cr.started_at, 15, 2) >= z2.change_min "
        "THEN z2.off2 ELSE z2.off1 END FROM _tz z2 WHERE z2.hour = substr(cr.started_at, 1, 13)) || ' minutes')"
    )


def _fill_calendar(conn: sqlite3.Connection, lo: str | None, hi: str | None) -> None:
    """Fill ``temp._cal`` with the ISO week and weekday of every local day calls fall on.

    A few hundred rows computed in Python, looked up per call (the calls ``_tz`` has
    no answer for), instead of three date functions per call in SQL.
    """
    conn.execute("DROP TABLE IF EXISTS temp._cal")
    conn.execute("CREATE TEMP TABLE _cal (day TEXT PRIMARY KEY, week TEXT, weekday INTEGER) WITHOUT ROWID")
    if lo is None or hi is None:
        return
    # Local days are at most a day away from UTC days: pad the range by two.
    first = datetime.fromisoformat(lo[:10]).date() - timedelta(days=2)
    last = datetime.fromisoformat(hi[:10]).date() + timedelta(days=2)
    if (last - first).days <= 366 * 50:
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    else:  # a few stray dates decades apart: only the days that occur
        utc_days = {datetime.fromisoformat(d).date() for (d,) in conn.execute(
            "SELECT DISTINCT substr(started_at, 1, 10) FROM call_records WHERE started_at IS NOT NULL")}  # fmt: skip
        days = sorted({d + timedelta(days=k) for d in utc_days for k in (-1, 0, 1)})
    rows = []
    for day in days:
        year, week, weekday = day.isocalendar()
        rows.append((day.isoformat(), f"{year}-W{week:02d}", weekday))
    conn.executemany("INSERT INTO _cal VALUES (?, ?, ?)", rows)


def _cache_key(settings: Settings) -> str:
    return f"{FACTS_VERSION}|{settings.timezone}"


def _patch_scope(conn: sqlite3.Connection) -> int | None:
    """Fill temp._scope with the changed calls and every call sharing a number with one.

    Repeat-contact and first-time columns of inbound calls depend on all inbound calls from
    the same number, so those are recomputed too (outbound calls have none). Returns the scope size, or None when a full build is cheaper.
    """
    conn.execute("DROP TABLE IF EXISTS temp._scope")
    conn.execute("CREATE TEMP TABLE _scope (call_id TEXT PRIMARY KEY)")
    conn.execute("INSERT INTO _scope SELECT call_id FROM facts_changes")
    conn.execute(
        # only inbound calls have cross-call columns (the terms match the partial index's)
        "INSERT OR IGNORE INTO _scope SELECT cr.call_id FROM call_records cr "
        "WHERE cr.direction = 'inbound' AND cr.caller_key IS NOT NULL AND cr.started_at IS NOT NULL AND cr.caller_key IN "
        "(SELECT caller_key FROM call_records WHERE call_id IN (SELECT call_id FROM facts_changes) AND caller_key IS NOT NULL)"
    )
    size = conn.execute("SELECT COUNT(*) FROM _scope").fetchone()[0]
    total = conn.execute(f"SELECT COUNT(*) FROM {CACHE_TABLE}").fetchone()[0]
    return size if size <= max(1000, total // 5) else None


def _run(conn: sqlite3.Connection, steps: list[str], fill: dict[str, str]) -> None:
    for step in steps:
        for placeholder, value in fill.items():
            step = step.replace(placeholder, value)
        conn.execute(step)


def _refresh_analysis(conn: sqlite3.Connection, *, rebuild: bool, changes: int) -> None:
    """Rebuild ``call_analysis_cache``, or patch the calls listed in facts_changes."""
    if not rebuild:
        rows = conn.execute(f"SELECT COUNT(*) FROM {ANALYSIS_TABLE}").fetchone()[0]
        rebuild = changes > max(1000, rows // 5)
    if rebuild:
        conn.execute(f"DROP TABLE IF EXISTS {ANALYSIS_TABLE}")
        _run(conn, ANALYSIS_STEPS, {"{scope_where}": ""})
    elif changes:
        conn.execute(f"DELETE FROM {ANALYSIS_TABLE} WHERE call_id IN (SELECT call_id FROM facts_changes)")
        _run(conn, ANALYSIS_STEPS, {"{scope_where}": "WHERE call_id IN (SELECT call_id FROM facts_changes)"})
    conn.execute("UPDATE facts_analysis_meta SET dirty = 0, key = ? WHERE id = 1", [FACTS_VERSION])


def refresh_facts(store: Store, settings: Settings, *, full: bool = False) -> str:
    """Bring ``call_analysis_cache`` and ``call_facts_cache`` up to date, in one transaction.

    After an import of call records only the facts are rebuilt: the analysis of every call
    (recordings, transcripts, labels) did not change. Returns "fresh" (nothing to do),
    "patched" (only changed calls recomputed) or "rebuilt" (the facts of every call).
    """
    zone = _zone(settings.timezone)
    conn = store.db.conn
    # Sorts and joins of a million rows: keep them in memory.
    conn.execute("PRAGMA cache_size = -131072")
    conn.execute("PRAGMA temp_store = MEMORY")
    began = not conn.in_transaction
    if began:
        conn.execute("BEGIN IMMEDIATE")
    try:
        dirty, key, exists, changes, a_dirty, a_key, a_exists = conn.execute(
            "SELECT m.dirty, m.key, EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?), "
            "(SELECT COUNT(*) FROM facts_changes), a.dirty, a.key, "
            "EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?) "
            "FROM facts_meta m, facts_analysis_meta a WHERE m.id = 1 AND a.id = 1",
            [CACHE_TABLE, ANALYSIS_TABLE],
        ).fetchone()
        analysis_rebuild = full or a_dirty or a_key != FACTS_VERSION or not a_exists
        rebuild = analysis_rebuild or dirty or key != _cache_key(settings) or not exists
        if not rebuild and not changes:
            mode = "fresh"
        else:
            if analysis_rebuild or changes:
                _refresh_analysis(conn, rebuild=analysis_rebuild, changes=changes)
            scope = None if rebuild else _patch_scope(conn)
            mode = "rebuilt" if scope is None else "patched"
            # One scan for the range of times (no index on started_at alone).
            lo, hi = conn.execute("SELECT MIN(started_at), MAX(started_at) FROM call_records").fetchone()
            fill = {"{slow_local_ts}": _fill_offsets(conn, zone, lo, hi)}
            _fill_calendar(conn, lo, hi)
            if mode == "rebuilt":
                conn.execute(f"DROP TABLE IF EXISTS {CACHE_TABLE}")
                fill |= {"{into}": f"CREATE TABLE {CACHE_TABLE} AS", "{scope_and}": "", "{scope_and_a}": ""}
            else:
                conn.execute(f"DELETE FROM {CACHE_TABLE} WHERE call_id IN (SELECT call_id FROM _scope)")
                fill |= {
                    "{into}": f"INSERT INTO {CACHE_TABLE}",
                    "{scope_and}": "AND cr.call_id IN (SELECT call_id FROM _scope)",
                    "{scope_and_a}": "AND a.call_id IN (SELECT call_id FROM _scope)",
                }
            _run(conn, CACHE_STEPS, fill)
            conn.execute("DROP TABLE IF EXISTS temp._scope")
            conn.execute("DELETE FROM facts_changes")
            conn.execute(
                "UPDATE facts_meta SET dirty = 0, key = ?, built_at = ? WHERE id = 1",
                [_cache_key(settings), datetime.now(timezone.utc).isoformat(timespec="seconds")],
            )
    except BaseException:
        if began:
            conn.rollback()
        raise
    if began:
        conn.commit()
    return mode


def facts_table(store: Store, settings: Settings) -> str:
    """The name of the per-call facts table, brought up to date first."""
    refresh_facts(store, settings)
    return CACHE_TABLE

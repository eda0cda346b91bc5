"""SQL views that turn the store's tables into one row per call for metrics.

Recreated on every open of the store (views hold no data), so they always match
the code. Settings-dependent thresholds are *not* baked in: the views expose raw
gaps and values, and metrics.py compares them with the configured thresholds.
"""

VIEWS_SQL = """
DROP VIEW IF EXISTS call_facts;
DROP VIEW IF EXISTS calls_all;
DROP VIEW IF EXISTS effective_labels;

-- The label that counts for each call and task: human > model > rule.
CREATE VIEW effective_labels AS
SELECT call_id, task, value, confidence, source, version FROM (
    SELECT l.*, ROW_NUMBER() OVER (
        PARTITION BY call_id, task
        ORDER BY CASE source WHEN 'human' THEN 0 WHEN 'model' THEN 1 ELSE 2 END
    ) AS rank
    FROM labels l
) WHERE rank = 1;

-- Every call: call records (with their recording if any) plus recordings that have no record.
CREATE VIEW calls_all AS
SELECT cr.call_id, r.path AS recording_path, r.status AS recording_status, r.failure_kind,
       r.transcript_key, cr.started_at, cr.direction, cr.caller, cr.callee, cr.caller_key,
       cr.status, cr.agent, cr.queue, cr.source, cr.campaign, cr.tracking_number,
       cr.wait_s, cr.ring_s, COALESCE(cr.talk_s, t.duration_s) AS talk_s,
       cr.hold_s, cr.acw_s, cr.disposition, cr.revenue, cr.cost, 1 AS has_record
FROM call_records cr
LEFT JOIN recordings r ON r.call_id = cr.call_id
LEFT JOIN transcripts t ON t.key = r.transcript_key
UNION ALL
SELECT r.call_id, r.path, r.status, r.failure_kind, r.transcript_key, NULL, 'inbound', NULL, NULL, NULL,
       'answered', NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, t.duration_s, NULL, NULL, NULL, NULL, NULL, 0
FROM recordings r
LEFT JOIN transcripts t ON t.key = r.transcript_key
WHERE r.call_id NOT IN (SELECT call_id FROM call_records);

CREATE VIEW call_facts AS
WITH labelled AS (
    SELECT c.*,
        t.duration_s AS audio_duration_s, t.agent_talk_s, t.customer_talk_s, t.agent_talk_ratio,
        t.non_talk_s, t.non_talk_share, t.longest_silence_s, t.interruptions, t.overlap_s,
        t.agent_wpm, t.customer_wpm, t.longest_monologue_s, t.role_confidence,
        (c.transcript_key IS NOT NULL AND c.recording_status = 'classified') AS analyzed,
        (SELECT value FROM effective_labels e WHERE e.call_id = c.call_id AND e.task = 'spam') AS spam_label,
        (SELECT value FROM effective_labels e WHERE e.call_id = c.call_id AND e.task = 'outcome') AS outcome,
        (SELECT value FROM effective_labels e WHERE e.call_id = c.call_id AND e.task = 'resolution') AS resolution,
        (SELECT value = 'true' FROM effective_labels e WHERE e.call_id = c.call_id AND e.task = 'escalated') AS escalated,
        (SELECT MIN(confidence) FROM effective_labels e WHERE e.call_id = c.call_id) AS min_confidence
    FROM calls_all c
    LEFT JOIN transcripts t ON t.key = c.transcript_key
), flagged AS (
    SELECT *,
        COALESCE(spam_label IN ('robocall', 'telemarketing'), 0) AS is_spam,
        -- a real human exchange happened (for escalation / conversion denominators)
        (outcome IS NOT NULL AND outcome NOT IN ('voicemail', 'no_conversation')) AS conversation
    FROM labelled
)
SELECT f.*,
    date(f.started_at) AS day,
    strftime('%Y-W%W', f.started_at) AS week,
    CAST(strftime('%H', f.started_at) AS INTEGER) AS hour,
    CAST(strftime('%w', f.started_at) AS INTEGER) AS weekday,
    -- days to the next / since the previous non-spam contact from the same customer number
    CASE WHEN f.caller_key IS NULL OR f.is_spam THEN NULL ELSE
        julianday(LEAD(f.started_at) OVER w) - julianday(f.started_at) END AS next_contact_gap_days,
    CASE WHEN f.caller_key IS NULL OR f.is_spam THEN NULL ELSE
        julianday(f.started_at) - julianday(LAG(f.started_at) OVER w) END AS prev_contact_gap_days
FROM flagged f
WINDOW w AS (PARTITION BY f.caller_key, f.is_spam ORDER BY f.started_at, f.call_id);
"""

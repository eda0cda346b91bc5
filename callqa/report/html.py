"""`callqa report`: one self-contained HTML file (inline CSS and SVG charts, no network, no scripts)."""

from __future__ import annotations

import html
import json
from datetime import datetime, timezone
from typing import Any

from callqa import __version__
from callqa.config import Settings
from callqa.store import Store


HEADLINE = (
    "fcr", "resolution_rate", "escalation_rate", "spam_rate", "qualified_lead_rate", "lead_rate_duration_only",
    "conversion_rate", "appointment_rate", "answer_rate", "abandonment_rate", "blocked_rate", "service_level",
    "asa_s", "aht_s", "avg_call_duration_s", "first_time_caller_rate", "revenue_per_successful_call", "cost_per_call",
)
AGENT_COLUMNS = ("calls", "fcr", "escalation_rate", "resolution_rate", "conversion_rate", "aht_s", "agent_talk_ratio")  # then the QA scorecard mean

CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;color:#1d2430;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .2rem} h2{font-size:1.15rem;margin:2rem 0 .6rem;border-bottom:1px solid #dde3ea;padding-bottom:.3rem}
.muted{color:#5f6b7a} table{border-collapse:collapse;width:100%;margin:.4rem 0}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eef1f5;vertical-align:top} th{background:#f5f7fa;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums} code{background:#f3f4f6;padding:.05rem .3rem;border-radius:3px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(330px,1fr));gap:1.2rem}
.card{border:1px solid #e3e8ee;border-radius:8px;padding:.8rem 1rem;background:#fff}
.card h3{margin:0 0 .4rem;font-size:1rem} svg text{font:11px system-ui,sans-serif;fill:#3b4656}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:.8rem}
.kpi{border:1px solid #e3e8ee;border-radius:8px;padding:.6rem .8rem} .kpi b{display:block;font-size:1.4rem}
"""


def _fmt(value: Any, unit: str | None) -> str:
    if value is None:
        return "—"
    if unit == "ratio":
        return f"{value:.1%}"
    if unit == "seconds":
        return f"{value:.0f} s"
    if unit == "money":
        return f"{value:,.2f}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def bar_chart(items: list[tuple[str, float | None]], *, width: int = 330, height: int = 170, percent: bool = False) -> str:
    """A vertical bar chart as inline SVG."""
    values = [v or 0.0 for _, v in items]
    top = max(values + [1e-9])
    n = max(len(items), 1)
    left, bottom = 28, 22
    slot = (width - left - 4) / n
    bars = []
    for i, ((label, _), v) in enumerate(zip(items, values)):
        h = (height - bottom - 12) * v / top
        x = left + i * slot + slot * 0.12
        y = height - bottom - h
        tip = f"{label}: {v:.1%}" if percent else f"{label}: {v:g}"
        bars.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.76:.1f}" height="{h:.1f}" fill="#3b82f6"><title>{html.escape(tip)}</title></rect>')
        if n <= 24 and (n <= 12 or i % 2 == 0):
            bars.append(f'<text x="{x + slot * 0.38:.1f}" y="{height - 8}" text-anchor="middle">{html.escape(str(label))}</text>')
    top_label = f"{top:.0%}" if percent else f"{top:g}"
    axis = (f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" stroke="#c9d1db"/>'
            f'<text x="{left - 4}" y="14" text-anchor="end">{top_label}</text><text x="{left - 4}" y="{height - bottom}" text-anchor="end">0</text>')
    return f'<svg viewBox="0 0 {width} {height}" width="100%" role="img">{axis}{"".join(bars)}</svg>'


def line_chart(series: dict[str, list[tuple[str, float | None]]], *, width: int = 330, height: int = 170) -> str:
    """Lines of fractions (0–1) over the same x labels, as inline SVG with a legend."""
    colors = ("#2563eb", "#dc2626", "#059669", "#d97706")
    labels = sorted({x for points in series.values() for x, _ in points})
    left, bottom, right = 38, 22, 24
    if not labels:
        return "<p class='muted'>No data.</p>"
    step = (width - left - right) / max(len(labels) - 1, 1)
    xpos = {x: left + i * step for i, x in enumerate(labels)}
    parts = [f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" stroke="#c9d1db"/>',
             f'<text x="{left - 4}" y="14" text-anchor="end">100%</text>',
             f'<text x="{left - 4}" y="{height - bottom}" text-anchor="end">0%</text>']
    for k, (name, points) in enumerate(series.items()):
        color = colors[k % len(colors)]
        pts = [(xpos[x], height - bottom - (height - bottom - 12) * v) for x, v in points if v is not None]
        if pts:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>')
            parts.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{color}"/>' for x, y in pts)
        parts.append(f'<rect x="{left + 8 + k * 120}" y="2" width="10" height="10" fill="{color}"/>'
                     f'<text x="{left + 22 + k * 120}" y="11">{html.escape(name)}</text>')
    for i, x in enumerate(labels):
        if len(labels) <= 10 or i % max(len(labels) // 8, 1) == 0:
            parts.append(f'<text x="{xpos[x]:.1f}" y="{height - 8}" text-anchor="middle">{html.escape(x[5:] if len(x) == 10 else x)}</text>')
    return f'<svg viewBox="0 0 {width} {height}" width="100%" role="img">{"".join(parts)}</svg>'


def _table(headers: list[str], rows: list[list[str]], *, numeric: range | tuple[int, ...] = ()) -> str:
    """An HTML table; cells are already escaped. Columns in ``numeric`` are right-aligned."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(r)) + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def build_report(store: Store, settings: Settings, *, db_label: str | None = None, start: str | None = None,
                 end: str | None = None) -> str:
    """The whole report as one HTML string."""
    from callqa.scoring.facts import facts_table
    from callqa.scoring.metrics import WEEKDAYS, compute_metrics

    overall = compute_metrics(store, settings, start=start, end=end)
    by_day = compute_metrics(store, settings, by=["day"], start=start, end=end)["groups"]
    by_agent = compute_metrics(store, settings, by=["agent"], start=start, end=end)["groups"]
    by_source = compute_metrics(store, settings, by=["source"], start=start, end=end)["groups"]
    metrics, definitions = overall["metrics"], overall["definitions"]
    db_label = db_label or store.path

    by_hour = compute_metrics(store, settings, by=["hour"], start=start, end=end)["groups"]
    by_weekday = compute_metrics(store, settings, by=["weekday"], start=start, end=end)["groups"]
    volume_hour = {int(k.split("=", 1)[1]): g["calls"]["value"] for k, g in by_hour.items() if k.split("=", 1)[1].isdigit()}
    volume_weekday = {k.split("=", 1)[1]: g["calls"]["value"] for k, g in by_weekday.items()}

    def group_value(groups: dict, key: str, name: str) -> float | None:
        return (groups.get(key) or {}).get(name, {}).get("value")

    def strip(key: str) -> str:
        return key.split("=", 1)[1] if "=" in key else key

    days = sorted(by_day)
    trend = line_chart({
        "FCR": [(strip(d), group_value(by_day, d, "fcr")) for d in days],
        "escalation": [(strip(d), group_value(by_day, d, "escalation_rate")) for d in days],
    })
    spam_by_source = bar_chart([(strip(k), group_value(by_source, k, "spam_rate")) for k in sorted(by_source)], percent=True)
    hour_chart = bar_chart([(str(h), volume_hour.get(h, 0)) for h in range(24)])
    weekday_chart = bar_chart([(day, volume_weekday.get(day, 0)) for day in WEEKDAYS])

    kpis = "".join(
        f'<div class="kpi"><span class="muted">{html.escape(name)}</span><b>{_fmt(m["value"], m.get("unit"))}</b>'
        f'<span class="muted">{_fmt(m["numerator"], None) if m.get("denominator") is not None else ""}'
        f'{" / " + _fmt(m["denominator"], None) if m.get("denominator") is not None else ""}'
        f'{" · benchmark " + html.escape(m["benchmark"]) if m.get("benchmark") else ""}</span></div>'
        for name in ("fcr", "escalation_rate", "spam_rate", "qualified_lead_rate", "aht_s", "service_level")
        if (m := metrics.get(name))
    )
    headline_rows = [
        [f"<code>{name}</code>", _fmt(m["value"], m.get("unit")),
         "" if m.get("numerator") is None else _fmt(m["numerator"], None),
         "" if m.get("denominator") is None else _fmt(m["denominator"], None),
         html.escape(m.get("benchmark") or ""), html.escape(definitions.get(name, ""))]
        for name in HEADLINE if (m := metrics.get(name))
    ]
    agent_rows = []
    for key in sorted(by_agent):
        g = by_agent[key]
        cells = [_fmt((g.get(c) or {}).get("value"), (g.get(c) or {}).get("unit")) for c in AGENT_COLUMNS[1:]]
        volume = _fmt((g.get("calls") or {}).get("value"), None)
        agent_rows.append([html.escape(strip(key) or "(none)"), volume, *cells, _scorecard_cell(g)])
    flagged = _flag_rows(store, settings, db_label)
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    n_calls = store.query(f"SELECT COUNT(*) AS n, SUM(analyzed) AS a FROM {facts_table(store, settings)}")[0]

    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>callqa report</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head>
<body>
<h1>Call quality report</h1>
<p class="muted">{html.escape(db_label)} · {n_calls['n'] or 0} calls, {n_calls['a'] or 0} analyzed from recordings · generated {generated} by callqa {__version__}
{f' · {html.escape(start or "")} to {html.escape(end or "")}' if start or end else ''}</p>
<div class="kpis">{kpis}</div>

<h2>Volume and trends</h2>
<div class="grid">
<div class="card"><h3>Calls by hour of day</h3>{hour_chart}</div>
<div class="card"><h3>Calls by weekday</h3>{weekday_chart}</div>
<div class="card"><h3>FCR and escalation by day</h3>{trend}</div>
<div class="card"><h3>Spam share by source</h3>{spam_by_source}</div>
</div>

<h2>Agents</h2>
{_table(["agent", *AGENT_COLUMNS, "scorecard"], agent_rows, numeric=range(1, len(AGENT_COLUMNS) + 2))}

<h2>Flagged calls for coaching</h2>
{_table(["call", "agent", "reason", "at", "detail", "open with"], flagged) if flagged else "<p class='muted'>No flagged calls.</p>"}

<h2>Metrics and definitions</h2>
{_table(["metric", "value", "numerator", "denominator", "benchmark", "definition"], headline_rows, numeric=(1, 2, 3))}
</body></html>
"""


def _scorecard_cell(group: dict) -> str:
    m = group.get("qa_score")
    return _fmt(m.get("value"), "ratio") if m else "—"


def _flag_rows(store: Store, settings: Settings, db_label: str) -> list[list[str]]:
    from callqa.report.views import clock
    from callqa.scoring.facts import facts_table
    from callqa.scoring.flags import compute_flags

    flags = compute_flags(store, settings, limit=200)
    ids = sorted({f.call_id for f in flags})
    agents = {r["call_id"]: r["agent"] for r in store.query(
        f"SELECT call_id, agent FROM {facts_table(store, settings)} WHERE call_id IN (SELECT value FROM json_each(:ids))",
        {"ids": json.dumps(ids)})}
    rows = []
    for f in flags:
        at = "" if f.at_s is None else clock(f.at_s)
        rows.append([html.escape(f.call_id), html.escape(agents.get(f.call_id) or ""), html.escape(f.reason), at,
                     html.escape(f.detail or ""), f"<code>callqa show {html.escape(f.call_id)} --db {html.escape(db_label)}</code>"])
    return rows

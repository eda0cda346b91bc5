"""The HTML report is one self-contained file with charts; it renders in headless Chromium when available."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from callqa.config import Settings
from callqa.report.html import bar_chart, build_report
from callqa.schema import CallRecord, Classification, Label
from callqa.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "c.db")
    records = [
        CallRecord(call_id=f"C{i}", started_at=f"2026-11-0{2 + i % 4}T{9 + i % 6:02d}:00:00+00:00", direction="inbound",
                   caller=f"+1415555010{i}", status="answered", agent=("dana", "lee")[i % 2],
                   source=("google_ads", "website")[i % 2], talk_s=100.0 + i, wait_s=5.0 + i)
        for i in range(10)
    ]
    store.upsert_call_records(records, source_file="t.csv")
    with store.transaction():
        for i in range(10):
            spam = "robocall" if i == 9 else "legit"

            def lb(task: str, value: str) -> Label:
                return Label(task, value, 0.9, "model", "t", ())

            store.save_classification(f"C{i}", Classification(
                lb("spam", spam), lb("outcome", "not_interested" if spam != "legit" else "support"),
                lb("resolution", "not_applicable" if spam != "legit" else ("resolved" if i % 3 else "unresolved")),
                lb("escalated", "true" if i == 4 else "false")), transcript_key=None)
    return store


def test_report_is_self_contained_with_charts_and_agents(store: Store) -> None:
    page = build_report(store, Settings(), db_label="c.db")
    assert page.startswith("<!doctype html>")
    assert page.count("<svg") >= 4
    assert "dana" in page and "lee" in page
    assert "fcr" in page and "escalation_rate" in page
    # Nothing is fetched from the network: no external scripts, styles, fonts or images.
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page)
    assert "<script" not in page


def test_bar_chart_scales_to_the_largest_value() -> None:
    svg = bar_chart([("a", 1.0), ("b", 2.0)])
    heights = [float(h) for h in re.findall(r'height="([\d.]+)" fill=', svg)]
    assert heights[1] == pytest.approx(2 * heights[0])


@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")), reason="headless Chromium is not installed")
def test_report_renders_in_headless_chromium(store: Store, tmp_path: Path) -> None:
    html_file = tmp_path / "report.html"
    html_file.write_text(build_report(store, Settings(), db_label="c.db"))
    png = tmp_path / "report.png"
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,1600", f"--screenshot={png}", html_file.as_uri()],
        capture_output=True, timeout=120, check=False,
    )
    assert png.exists() and png.stat().st_size > 20_000, "Chromium produced no (or an empty) screenshot"

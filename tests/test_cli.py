"""The command line as a user meets it: errors are one line with the fix, data goes to stdout."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from callqa.cli import app

runner = CliRunner()


def test_import_keeps_good_rows_and_reports_bad_ones_by_number(tmp_path: Path) -> None:
    cdr = tmp_path / "cdr.csv"
    cdr.write_text(
        "call_id,call_start,direction,ani,status,wait_s\n"
        "X1,2026-11-02 10:00,inbound,(312) 555-0101,answered,12\n"
        "X2,yesterday,inbound,312-555-0102,answered,3\n"
        "X3,2026-11-02 11:00,inbound,312-555-0103,abandoned,40\n"
    )
    db = tmp_path / "c.db"
    result = runner.invoke(app, ["import", str(cdr), "--db", str(db), "--map", "caller=ani,started_at=call_start",
                                 "--timezone", "America/Chicago"])
    assert result.exit_code == 0, result.output
    assert "row 3: column 'started_at'" in result.output
    assert "2 loaded, 1 rejected" in result.output
    calls = json.loads(runner.invoke(app, ["calls", "--db", str(db), "--format", "json"]).stdout)
    assert {c["call_id"]: c["started_at"] for c in calls} == {
        "X1": "2026-11-02T16:00:00+00:00", "X3": "2026-11-02T17:00:00+00:00"}
    errors = json.loads(runner.invoke(app, ["calls", "--import-errors", "--db", str(db), "--format", "json"]).stdout)
    assert [e["row"] for e in errors] == [3]


def test_missing_database_is_one_line_with_the_fix(tmp_path: Path) -> None:
    result = runner.invoke(app, ["metrics", "--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "callqa run" in result.output
    assert "Traceback" not in result.output


def test_bad_dimension_is_a_usage_error(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    runner.invoke(app, ["import", "/dev/null", "--db", str(db)])
    result = runner.invoke(app, ["metrics", "--db", str(db), "--by", "planet"])
    assert result.exit_code == 2 and "use one of agent" in result.output


def test_classify_reports_bad_lines_and_classifies_the_rest(tmp_path: Path) -> None:
    f = tmp_path / "t.jsonl"
    f.write_text(
        json.dumps({"call_id": "a", "text": "This is an automated message. Press 1 to lower your credit card interest rate."}) + "\n"
        + "{not json\n"
        + json.dumps({"call_id": "b", "segments": [{"speaker": "agent", "start": 0, "end": 2, "text": "Thanks for calling Acme, how can I help?"},
                                                    {"speaker": "customer", "start": 2, "end": 5, "text": "My order never arrived."}]}) + "\n"
    )
    result = runner.invoke(app, ["classify", "--transcripts", str(f)])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [line["call_id"] for line in lines] == ["a", "b"]
    assert lines[0]["spam"]["is_spam"] is True
    assert set(lines[1]) == {"call_id", "spam", "outcome", "resolution", "escalated"}
    assert isinstance(lines[1]["escalated"]["value"], bool)
    assert "line 2" in result.stderr

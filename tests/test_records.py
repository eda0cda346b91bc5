"""Call-record import (SPEC §4): validation, normalization, de-duplication, formats."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path

import phonenumbers
import pytest

from callqa.config import Settings
from callqa.errors import ConfigError, InputFileError
from callqa.schema import CallRecord
from callqa.scoring.records import (
    _make_record,
    _PhoneNormalizer,
    _TimeParser,
    customer_number,
    read_call_records,
)
from callqa.store import Store

HEADER = "call_id,started_at,direction,caller,callee,status,agent,wait_s,talk_s,revenue,updated_at\n"


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_bad_rows_are_reported_by_row_number_and_good_rows_load(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "calls.csv",
        HEADER
        + "c1,2026-11-02 14:05:00,inbound,4155550100,,answered,ann,12,65,,\n"  # row 2
        + "c2,yesterday,inbound,4155550101,,answered,ann,12,65,,\n"  # row 3: bad time
        + "c3,2026-11-02 15:00:00,sideways,4155550102,,answered,ann,12,65,,\n"  # row 4: bad direction
        + "c4,2026-11-02 15:00:00,inbound,4155550103,,answered,ann,12,-5,,\n"  # row 5: negative duration
        + "c5,2026-11-02 15:00:00,inbound,4155550104,,on fire,ann,12,65,,\n"  # row 6: bad status
        + ",2026-11-02 15:00:00,inbound,4155550105,,answered,ann,12,65,,\n"  # row 7: no call_id
        + "c6,2026-11-02 15:00:00,inbound,4155550106,,answered,ann,12,abc,twelve,\n"  # row 8: two bad values
        + "c7,2026-11-02 16:00:00,outbound,,4155550107,no-answer,bob,,,,\n",  # row 9: fine
    )
    result = read_call_records(path, settings=Settings())
    assert [r.call_id for r in result.records] == ["c1", "c7"]
    assert result.rows == [2, 9]
    reasons = {e.row: e.reason for e in result.errors}
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8]
    assert "started_at" in reasons[3] and "'yesterday'" in reasons[3] and "ISO 8601" in reasons[3]
    assert "direction" in reasons[4] and "'sideways'" in reasons[4] and "inbound or outbound" in reasons[4]
    assert "talk_s" in reasons[5] and "'-5'" in reasons[5]
    assert "status" in reasons[6] and "'on fire'" in reasons[6] and "answered" in reasons[6]
    assert "call_id" in reasons[7]
    assert "talk_s" in reasons[8] and "revenue" in reasons[8] and "\n" not in reasons[8]
    assert result.records[1].status == "missed" and result.records[1].direction == "outbound"


def test_duplicates_keep_latest_updated_at_else_last_row(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "calls.csv",
        HEADER
        + "d1,2026-11-02 14:00:00,inbound,4155550100,,answered,ann,1,100,,2026-11-02T15:00:00Z\n"
        + "d1,2026-11-02 14:00:00,inbound,4155550100,,answered,bob,1,100,,2026-11-02T14:30:00Z\n"  # older: dropped
        + "d2,2026-11-02 14:00:00,inbound,4155550100,,answered,ann,1,100,,\n"
        + "d2,2026-11-02 14:00:00,inbound,4155550100,,answered,cy,1,100,,\n"  # no updated_at: last wins
        + "d3,2026-11-02 14:00:00,inbound,4155550100,,answered,ann,1,100,,2026-11-02T15:00:00Z\n"
        + "d3,2026-11-02 14:00:00,inbound,4155550100,,answered,dee,1,100,,2026-11-02T16:00:00Z\n",  # newer wins
    )
    result = read_call_records(path, settings=Settings())
    agents = {r.call_id: (r.agent, row) for r, row in zip(result.records, result.rows)}
    assert agents == {"d1": ("ann", 2), "d2": ("cy", 5), "d3": ("dee", 7)}
    assert result.duplicates == 3


def test_phone_numbers_in_mixed_formats_become_e164(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "calls.csv",
        "call_id,caller,callee\n"
        "p1,(415) 555-0100,+1 800 555 0199\n"
        "p2,415.555.0100,1-800-555-0199\n"
        "p3,+1 (415) 555-0100,18005550199\n"
        "p4,+44 20 7946 0958,4155550100\n"
        "p5,anonymous,4155550100\n",
    )
    result = read_call_records(path, settings=Settings(default_region="US"))
    by_id = {r.call_id: r for r in result.records}
    assert {by_id[c].caller for c in ("p1", "p2", "p3")} == {"+14155550100"}
    assert {by_id[c].callee for c in ("p1", "p2", "p3")} == {"+18005550199"}
    assert by_id["p4"].caller == "+442079460958"
    # Not a number: the row is kept with the raw value, a warning names it, and it is no customer number.
    assert by_id["p5"].caller == "anonymous"
    assert customer_number(by_id["p5"]) is None
    assert [(w.row, "caller" in w.reason and "anonymous" in w.reason) for w in result.warnings] == [(6, True)]

    # A national number depends on the default region.
    uk = read_call_records(write(tmp_path, "uk.csv", "call_id,caller\nu1,020 7946 0958\n"), settings=Settings(default_region="GB"))
    assert uk.records[0].caller == "+442079460958"


def test_north_american_shortcut_matches_phonenumbers() -> None:
    rng = random.Random(3)
    fast = _PhoneNormalizer("US")
    samples = []
    for _ in range(2000):
        area, exchange, line = rng.randint(200, 999), rng.randint(0, 999), rng.randint(0, 9999)
        samples += [
            f"({area}) {exchange:03d}-{line:04d}",
            f"{area}.{exchange:03d}.{line:04d}",
            f"1{area}{exchange:03d}{line:04d}",
            f"+1{area}{exchange:03d}{line:04d}",
            f"+1 {area} {exchange:03d} {line:04d}",
        ]
    for raw in samples:
        number = phonenumbers.parse(raw, "US")
        expected = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) if phonenumbers.is_possible_number(number) else None
        assert fast(raw) == expected, raw


def test_column_map_and_unknown_columns(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "export.csv",
        "ID,call_start,ani,dnis,Result,crm_id,caller\n"
        "m1,2026-11-02 09:00:00,4155550100,8005550199,completed,X9,ignored-because-mapped\n",
    )
    result = read_call_records(
        path, settings=Settings(), column_map={"call_id": "ID", "started_at": "call_start", "caller": "ani", "callee": "dnis", "status": "Result"}
    )
    record = result.records[0]
    assert (record.call_id, record.started_at, record.caller, record.callee, record.status) == (
        "m1", "2026-11-02T09:00:00+00:00", "+14155550100", "+18005550199", "answered",
    )  # fmt: skip
    assert record.extra == {"crm_id": "X9", "caller": "ignored-because-mapped"}

    with pytest.raises(InputFileError, match="no column 'from'.*Its columns are"):
        read_call_records(path, settings=Settings(), column_map={"call_id": "ID", "caller": "from"})
    with pytest.raises(InputFileError, match="'phone', which is not a call-record column"):
        read_call_records(path, settings=Settings(), column_map={"phone": "ani"})


def test_missing_file_and_missing_call_id_column(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="does not exist"):
        read_call_records(tmp_path / "nope.csv", settings=Settings())
    path = write(tmp_path, "calls.csv", "id,caller\n1,4155550100\n")
    with pytest.raises(InputFileError, match="no call_id column.*--map call_id="):
        read_call_records(path, settings=Settings())
    jsonl = write(tmp_path, "calls.jsonl", '{"id": 1}\n')
    with pytest.raises(InputFileError, match="no call_id field"):
        read_call_records(jsonl, settings=Settings())


def test_naive_times_use_the_configured_timezone(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "calls.csv",
        "call_id,started_at\n"
        "t1,2026-07-01 09:00:00\n"  # EDT, UTC-4
        "t2,2026-12-01 09:00:00\n"  # EST, UTC-5
        "t3,2026-12-01T09:00:00Z\n"  # explicit UTC stays
        "t4,2026-12-01T09:00:00+01:00\n"  # explicit offset
        "t5,2026/12/01 09:00\n"
        "t6,1793523600\n",  # epoch seconds
    )
    result = read_call_records(path, settings=Settings(timezone="America/New_York"))
    got = {r.call_id: r.started_at for r in result.records}
    assert got == {
        "t1": "2026-07-01T13:00:00+00:00",
        "t2": "2026-12-01T14:00:00+00:00",
        "t3": "2026-12-01T09:00:00+00:00",
        "t4": "2026-12-01T08:00:00+00:00",
        "t5": "2026-12-01T14:00:00+00:00",
        "t6": "2026-11-01T09:00:00+00:00",
    }
    with pytest.raises(ConfigError, match="not a known IANA time zone"):
        read_call_records(path, settings=Settings(timezone="Mars/Olympus"))


@pytest.mark.parametrize("zone", ["America/New_York", "Europe/Paris", "Australia/Lord_Howe", "Pacific/Chatham"])
def test_fast_time_path_matches_zoneinfo_across_dst_changes(zone: str) -> None:
    parse = _TimeParser(zone)
    day = datetime(2026, 1, 1)
    checked = 0
    while day.year == 2026:
        start = datetime.fromisoformat(day.isoformat()).replace(tzinfo=parse.zone)
        end = (day + timedelta(days=1)).replace(tzinfo=parse.zone)
        if start.utcoffset() != end.utcoffset():  # a transition day: check every minute
            for minute in range(0, 24 * 60):
                wall = (day + timedelta(minutes=minute, seconds=7)).isoformat(" ")
                assert parse(wall) == parse(wall + ".0"), wall  # ".0" takes the general path
                checked += 1
        day += timedelta(days=1)
    assert checked >= 2 * 24 * 60


def test_jsonl_input(tmp_path: Path) -> None:
    lines = [
        {"call_id": "j1", "started_at": "2026-11-02T14:05:00Z", "caller": "+14155550100", "talk_s": 65, "revenue": None,
         "answered": True, "extra": {"crm": "A1"}, "tags": ["vip"]},
        "not json",
        {"call_id": "j2", "status": "busy", "wait_s": "0:42"},
        [1, 2],
    ]  # fmt: skip
    text = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    result = read_call_records(write(tmp_path, "calls.jsonl", text), settings=Settings())
    j1, j2 = result.records
    assert (j1.call_id, j1.talk_s, j1.revenue, j1.caller, j1.status) == ("j1", 65.0, None, "+14155550100", "answered")
    assert j1.extra == {"crm": "A1", "answered": "true", "tags": '["vip"]'}
    assert (j2.status, j2.wait_s) == ("blocked", 42.0)
    assert [e.row for e in result.errors] == [2, 4]
    assert "not valid JSON" in result.errors[0].reason


def test_sniffing_semicolons_and_windows_encoding(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_bytes("call_id;agent;revenue\nw1;Zoë;1.200,50\n".encode("cp1252"))
    record = read_call_records(path, settings=Settings()).records[0]
    assert (record.agent, record.revenue) == ("Zoë", 1200.50)


def test_fast_record_construction_equals_the_dataclass() -> None:
    values = {"call_id": "x", "recording": None, "started_at": "2026-11-02T14:05:00+00:00", "direction": "inbound",
              "caller": "+14155550100", "callee": None, "status": "answered", "agent": "ann", "queue": None,
              "source": None, "campaign": None, "tracking_number": None, "wait_s": 1.0, "ring_s": None,
              "talk_s": 2.0, "hold_s": None, "acw_s": None, "disposition": None, "revenue": None, "cost": None,
              "updated_at": None, "extra": {"a": "b"}}  # fmt: skip
    assert _make_record(values) == CallRecord(**values)


def test_store_round_trip(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "calls.csv",
        "call_id,direction,caller,callee,crm\n"
        "r1,inbound,4155550100,8005550199,A\n"
        "r2,outbound,8005550199,4155550111,\n",
    )
    result = read_call_records(path, settings=Settings())
    store = Store.open(tmp_path / "db.sqlite")
    assert store.upsert_call_records(result.records, source_file=str(path), rows=result.rows) == 2
    rows = {r["call_id"]: r for r in store.query("SELECT * FROM call_records")}
    assert rows["r1"]["caller_key"] == "+14155550100" and rows["r1"]["extra"] == '{"crm": "A"}'
    assert rows["r2"]["caller_key"] == "+14155550111" and rows["r2"]["source_row"] == 3
    # Importing again replaces, never duplicates.
    store.upsert_call_records(result.records, source_file=str(path), rows=result.rows)
    assert store.query("SELECT COUNT(*) AS n FROM call_records")[0]["n"] == 2

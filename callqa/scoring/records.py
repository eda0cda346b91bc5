"""Call records (SPEC §4): read a CSV or JSONL export, validate, normalize, de-duplicate.

One bad row never stops an import: it is reported with its row number and the
reason, and every good row still loads. Rows are numbered as a spreadsheet shows
them (CSV: the header is row 1, the first data row is row 2; JSONL: line numbers).

Phone numbers that cannot be read as a phone number (``anonymous``, ``Restricted``,
``123``) do not reject the row: the call still happened and still counts in the
call-record metrics. The raw value is kept, a warning names the row, and the call
gets no customer number, so it never takes part in repeat-caller detection.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import math
import re
import sys
from collections.abc import Iterator
from dataclasses import MISSING, dataclass, field, fields
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from callqa.config import Settings
from callqa.errors import ConfigError, InputFileError
from callqa.schema import CallRecord, RowError

# SPEC §4 columns, in CallRecord order.
COLUMNS = (
    "call_id",
    "recording",
    "started_at",
    "direction",
    "caller",
    "callee",
    "status",
    "agent",
    "queue",
    "source",
    "campaign",
    "tracking_number",
    "wait_s",
    "ring_s",
    "talk_s",
    "hold_s",
    "acw_s",
    "disposition",
    "revenue",
    "cost",
    "updated_at",
)
# Where each kind of column sits in a row of values in COLUMNS order.
_POS = {name: i for i, name in enumerate(COLUMNS)}
_TEXT_POS = tuple((n, _POS[n]) for n in ("recording", "agent", "queue", "source", "campaign", "disposition"))
_SECONDS_POS = tuple((n, _POS[n]) for n in ("wait_s", "ring_s", "talk_s", "hold_s", "acw_s"))
_MONEY_POS = tuple((n, _POS[n]) for n in ("revenue", "cost"))
_PHONE_POS = tuple((n, _POS[n]) for n in ("caller", "callee", "tracking_number"))
_TIME_POS = tuple((n, _POS[n]) for n in ("started_at", "updated_at"))

DIRECTIONS = {
    "inbound": "inbound", "in": "inbound", "incoming": "inbound", "inboundcall": "inbound",
    "outbound": "outbound", "out": "outbound", "outgoing": "outbound", "outboundapi": "outbound",
    "outbounddial": "outbound", "outboundcall": "outbound",
}  # fmt: skip
STATUSES = {
    "answered": "answered", "answer": "answered", "completed": "answered", "complete": "answered",
    "connected": "answered", "handled": "answered", "success": "answered", "successful": "answered",
    "true": "answered", "yes": "answered",
    "abandoned": "abandoned", "abandon": "abandoned", "callerabandoned": "abandoned",
    "canceled": "abandoned", "cancelled": "abandoned", "hungupinqueue": "abandoned",
    "missed": "missed", "noanswer": "missed", "unanswered": "missed", "notanswered": "missed",
    "ringnoanswer": "missed", "rna": "missed", "false": "missed", "no": "missed",
    "voicemail": "voicemail", "vm": "voicemail", "leftvoicemail": "voicemail", "voicemailleft": "voicemail",
    "blocked": "blocked", "busy": "blocked", "failed": "blocked", "rejected": "blocked", "declined": "blocked",
}  # fmt: skip
STATUS_VALUES = ("answered", "abandoned", "missed", "voicemail", "blocked")

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_E164 = re.compile(r"\+[1-9]\d{6,14}")
_PHONE_PUNCT = re.compile(r"[\s().\-/]+")
_NANP_NATIONAL = re.compile(r"1?([2-9]\d{9})")
# Countries of the North American Numbering Plan (+1): national numbers are 10 digits.
_NANP_REGIONS = frozenset(
    "US CA AG AI AS BB BM BS DM DO GD GU JM KN KY LC MP MS PR SX TC TT VC VG VI".split()
)


@dataclass(frozen=True)
class ImportResult:
    """What reading one call-record file produced."""

    records: list[CallRecord]  # valid, de-duplicated by call_id
    rows: list[int]  # source row number of each kept record
    errors: list[RowError]  # rejected rows
    duplicates: int  # rows dropped because a later version of the same call_id was kept
    warnings: list[RowError] = field(default_factory=list)  # kept rows with a value we could not normalize


def customer_number(record: CallRecord) -> str | None:
    """The customer's normalized number: caller for inbound calls, callee for outbound.

    Numbers that could not be normalized to E.164 return None, so that e.g. every
    "anonymous" caller is not taken for one repeat caller.
    """
    number = record.callee if record.direction == "outbound" else record.caller
    return number if number and number.startswith("+") else None


def _header_key(name: str) -> str:
    """``Call ID`` / ``call-id`` / ``CALL_ID`` -> ``call_id``."""
    return _NOT_ALNUM.sub("_", name.strip().lower()).strip("_")


class _PhoneNormalizer:
    """E.164 normalization with phonenumbers, memoized (exports repeat the same numbers).

    The common North-American national forms take a shortcut that gives the same
    result as phonenumbers (checked in tests) at a fraction of the cost, which is
    what lets a million-row import stay under a minute.
    """

    def __init__(self, region: str):
        import phonenumbers

        self.pn = phonenumbers
        self.region = region.upper()
        self.nanp = self.region in _NANP_REGIONS
        self.cache: dict[str, str | None] = {}
        try:
            phonenumbers.parse("2025550100", self.region)
        except phonenumbers.NumberParseException:
            raise ConfigError(
                f"default_region {region!r} is not a known region code. Use a two-letter code like US, GB or DE."
            ) from None

    def __call__(self, raw: str) -> str | None:
        """E.164 form of ``raw``, or None when it is not a phone number."""
        try:
            return self.cache[raw]
        except KeyError:
            pass
        compact = _PHONE_PUNCT.sub("", raw)
        result: str | None
        if self.nanp and (m := _NANP_NATIONAL.fullmatch(compact)):
            result = "+1" + m.group(1)
        elif compact.startswith("+1") and (m := _NANP_NATIONAL.fullmatch(compact[1:])) and len(compact) == 12:
            result = "+1" + m.group(1)
        else:
            result = self._slow(raw)
        self.cache[raw] = result
        return result

    def _slow(self, raw: str) -> str | None:
        pn = self.pn
        try:
            number = pn.parse(raw, self.region)
        except pn.NumberParseException:
            return None
        if not pn.is_possible_number(number):
            return None
        return pn.format_number(number, pn.PhoneNumberFormat.E164)


_VARIES = timedelta(days=-1)  # marks an hour with an offset change inside


class _TimeParser:
    """ISO 8601 (or epoch seconds) to a UTC ISO string; naive times are in ``tz``."""

    def __init__(self, tz: str):
        try:
            self.zone = ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(
                f"timezone {tz!r} is not a known IANA time zone. Use a name like UTC, America/New_York or Europe/Paris."
            ) from None
        self.offsets: dict[str, timedelta] = {}

    def _utcoffset(self, wall: str) -> timedelta:
        return datetime.fromisoformat(wall).replace(tzinfo=self.zone).utcoffset() or timedelta(0)

    def _offset(self, raw: str) -> timedelta:
        # The UTC offset is a function of the local wall-clock time (fold=0 in a repeated
        # hour, as on the general path). Cache it per hour when the offset is the same at
        # both ends of that hour (a transition inside it, like Chatham's at :45, goes per minute).
        hour = raw[:13]
        offset = self.offsets.get(hour)
        if offset is None:
            first, last = self._utcoffset(hour + ":00"), self._utcoffset(hour + ":59:59")
            offset = self.offsets[hour] = first if first == last else _VARIES
        if offset is _VARIES:
            return self._utcoffset(raw[:16])
        return offset

    def __call__(self, raw: str) -> str:
        """Raises ValueError when ``raw`` is not a time."""
        if len(raw) == 19 and raw[10] in " T" and raw[4] == "-":
            # The common naive "YYYY-MM-DD HH:MM:SS": skip the time-zone machinery.
            dt = datetime.fromisoformat(raw) - self._offset(raw)
            return dt.isoformat() + "+00:00"
        if len(raw) >= 9 and raw.replace(".", "", 1).isdigit():
            seconds = float(raw)
            if seconds > 1e11:  # epoch milliseconds
                seconds /= 1000.0
            dt = datetime.fromtimestamp(seconds, timezone.utc)
        else:
            if len(raw) >= 10 and raw[4] == "/" and raw[7] == "/":
                raw = raw[:4] + "-" + raw[5:7] + "-" + raw[8:]
            dt = datetime.fromisoformat(raw)
            if dt.tzinfo is None:
                dt = dt.replace(tzinfo=self.zone)
            dt = dt.astimezone(timezone.utc)
        return dt.replace(microsecond=0).isoformat()


def _seconds(raw: str) -> float:
    """``42``, ``42.5``, ``0:42`` or ``1:02:03`` -> seconds. Raises ValueError."""
    if ":" in raw:
        value = 0.0
        for part in raw.split(":"):
            value = value * 60 + float(part)
    else:
        value = float(raw)
    if not math.isfinite(value) or value < 0:
        raise ValueError(raw)
    return value


def _money(raw: str) -> float:
    """``1200``, ``$1,200.50``, ``1.200,50 €`` -> amount. Raises ValueError."""
    text = raw.strip().strip("$€£¥").strip().replace(" ", "")
    if "," in text and ("." not in text and re.fullmatch(r"-?\d+,\d{1,2}", text) or text.rfind(",") > text.rfind(".") >= 0):
        text = text.replace(".", "").replace(",", ".")  # decimal comma, dots (if any) group thousands
    value = float(text.replace(",", ""))
    if not math.isfinite(value):
        raise ValueError(raw)
    return value


# Every CallRecord field with its default: records are built from a copy of this.
_RECORD_DEFAULTS = {f.name: f.default for f in fields(CallRecord) if f.default is not MISSING}


def _make_record(values: dict[str, Any]) -> CallRecord:
    """A CallRecord from complete field values, without the generated frozen ``__init__``.

    That ``__init__`` sets 23 fields one by one through ``object.__setattr__``; filling the
    instance dict at once is five times faster, which matters at a million rows.
    """
    record = object.__new__(CallRecord)
    record.__dict__.update(values)
    return record


class _RowParser:
    """Turns one row of strings (by canonical column) into a CallRecord or a reason."""

    def __init__(self, settings: Settings):
        self.phone = _PhoneNormalizer(settings.default_region)
        self.time = _TimeParser(settings.timezone)
        self.region = settings.default_region
        self.intern: dict[str, str] = {}

    def parse(self, vals: list[str], extra: dict[str, str], row: int, warnings: list[RowError]) -> CallRecord | str:
        """A CallRecord from one row's values in COLUMNS order, or the one-line reason it is rejected.

        One loop per kind of column, not one dispatch per field: this runs a million times.
        """
        problems: list[str] = []
        notes: list[RowError] = []
        out = dict(_RECORD_DEFAULTS)
        out["extra"] = dict(extra)
        if vals[0]:
            out["call_id"] = vals[0]
        else:
            problems.append("column 'call_id' is empty (every row needs a unique call id)")
        intern = self.intern
        for name, i in _TEXT_POS:
            v = vals[i]
            if v:
                # Grouping columns repeat a handful of values a million times: share one string.
                out[name] = intern.setdefault(v, v)
        for name, i in _TIME_POS:
            v = vals[i]
            if v:
                try:
                    out[name] = self.time(v)
                except (ValueError, OverflowError, OSError):
                    problems.append(
                        f"column {name!r}: {v!r} is not a time (expected ISO 8601 like 2026-11-02T14:05:00 or 2026-11-02 14:05:00)"
                    )
        v = vals[_POS["direction"]]
        if v:
            direction = DIRECTIONS.get(v) or DIRECTIONS.get(_NOT_ALNUM.sub("", v.lower()))
            if direction is None:
                problems.append(f"column 'direction': {v!r} is not a direction (expected inbound or outbound)")
            out["direction"] = direction
        for name, i in _SECONDS_POS:
            v = vals[i]
            if v:
                try:
                    out[name] = _seconds(v)
                except ValueError:
                    problems.append(f"column {name!r}: {v!r} is not a duration (expected seconds >= 0, like 42 or 0:42)")
        for name, i in _MONEY_POS:
            v = vals[i]
            if v:
                try:
                    out[name] = _money(v)
                except ValueError:
                    problems.append(f"column {name!r}: {v!r} is not an amount (expected a number like 120 or 120.50)")
        v = vals[_POS["status"]]
        if v:
            status = STATUSES.get(v) or STATUSES.get(_NOT_ALNUM.sub("", v.lower()))
            if status is None:
                problems.append(f"column 'status': {v!r} is not a call status (expected one of {', '.join(STATUS_VALUES)})")
            out["status"] = status
        if problems:
            return "; ".join(problems)
        if not v:
            # No status: a call with talk time or a recording was answered.
            out["status"] = "answered" if out["talk_s"] or out["recording"] else "missed"
        for name, i in _PHONE_POS:
            v = vals[i]
            if v:
                number = self.phone(v)
                if number is None:
                    if name != "tracking_number":  # tracking "numbers" are often plain ids
                        notes.append(RowError(row, f"column {name!r}: {v!r} is not a phone number for region {self.region}; kept as written, not used to match repeat callers"))  # fmt: skip
                    number = v
                out[name] = number
        warnings += notes
        return _make_record(out)


def _resolve_columns(header: list[str], column_map: dict[str, str] | None, path: Path) -> dict[str, int]:
    """Canonical column -> index in the file's header."""
    keys = [_header_key(h) for h in header]
    index: dict[str, int] = {}
    for i, k in enumerate(keys):
        if k in COLUMNS and k not in index:
            index[k] = i
    for canonical, column in (column_map or {}).items():
        if canonical not in COLUMNS:
            raise InputFileError(
                f"Column map names {canonical!r}, which is not a call-record column. Map onto one of: {', '.join(COLUMNS)}."
            )
        wanted = _header_key(column)
        if wanted not in keys:
            raise InputFileError(
                f"Column map {canonical}={column} but {path.name} has no column {column!r}. Its columns are: {', '.join(header)}."
            )
        index[canonical] = keys.index(wanted)
    if "call_id" not in index:
        raise InputFileError(
            f"{path.name} has no call_id column (columns: {', '.join(header) or 'none'}). "
            "Rename the id column to call_id, or map it with --map call_id=YOUR_COLUMN."
        )
    return index


Row = tuple[int, "list[str] | str", dict[str, str]]


def _csv_rows(text: io.TextIOBase, path: Path, column_map: dict[str, str] | None) -> Iterator[Row]:
    """(row number, values in COLUMNS order or a reason, extra columns) for each data row."""
    sample = text.read(65536)
    text.seek(0)
    delimiter = ","
    if path.suffix.lower() == ".tsv":
        delimiter = "\t"
    else:
        first_line = sample.split("\n", 1)[0]
        counts = {d: first_line.count(d) for d in ",;\t|"}
        best = max(counts, key=counts.__getitem__)
        if counts[best] > counts[","]:
            delimiter = best
    reader = csv.reader(text, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputFileError(f"{path} is empty. Export the call records with a header row (call_id, started_at, …).") from None
    index = _resolve_columns(header, column_map, path)
    width = len(header)
    positions = [index.get(c, width) for c in COLUMNS]  # index `width` is an empty string
    used = set(index.values())
    extra_cols = [(i, h.strip()) for i, h in enumerate(header) if i not in used and h.strip()]
    row = 1
    no_extra: dict[str, str] = {}
    for fields in reader:
        row += 1
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue  # blank line
        if len(fields) > width and any(f.strip() for f in fields[width:]):
            yield row, f"row has {len(fields)} fields but the header has {width} (an unquoted delimiter in a value?)", no_extra
            continue
        n = len(fields)
        if n <= width:
            fields += [""] * (width + 1 - n)  # short rows, and the empty slot of absent columns
        values = [fields[i].strip() for i in positions]
        extra = {h: fields[i].strip() for i, h in extra_cols if i < n and fields[i].strip()} if extra_cols else no_extra
        yield row, values, extra


def _json_value(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dict, list)):
        return json.dumps(v, sort_keys=True)
    return str(v).strip()


def _jsonl_rows(text: io.TextIOBase, path: Path, column_map: dict[str, str] | None) -> Iterator[Row]:
    """Like _csv_rows, for one JSON object per line (line numbers are the row numbers)."""
    mapped: dict[str, str] = {}  # the file's field (normalized) -> canonical column
    for canonical, column in (column_map or {}).items():
        if canonical not in COLUMNS:
            raise InputFileError(
                f"Column map names {canonical!r}, which is not a call-record column. Map onto one of: {', '.join(COLUMNS)}."
            )
        mapped[_header_key(column)] = canonical
    overridden = set(mapped.values())
    objects = with_call_id = 0
    for row, line in enumerate(text, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield row, f"line is not valid JSON ({e.msg} at column {e.colno})", {}
            continue
        if not isinstance(obj, dict):
            yield row, 'line is not a JSON object (expected {"call_id": ..., ...})', {}
            continue
        objects += 1
        values: dict[str, str] = {}
        extra: dict[str, str] = {}
        for k, v in obj.items():
            key = _header_key(k)
            if key in mapped:
                values[mapped[key]] = _json_value(v)
            elif key in COLUMNS and key not in overridden:
                values[key] = _json_value(v)
            elif k == "extra" and isinstance(v, dict):
                extra.update({str(ek): _json_value(ev) for ek, ev in v.items() if ev not in (None, "")})
            elif v is not None and v != "":
                extra[k] = _json_value(v)
        with_call_id += "call_id" in values
        yield row, [values.get(c, "") for c in COLUMNS], extra
    if objects and not with_call_id:
        raise InputFileError(
            f"{path.name} has no call_id field in any line. Add call_id to each object, or map it with --map call_id=YOUR_FIELD."
        )


def _is_jsonl(path: Path, head: str) -> bool:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return True
    if suffix in (".csv", ".tsv", ".txt"):
        return False
    return head.lstrip().startswith("{")


def read_call_records(
    path: str | Path, *, settings: Settings, column_map: dict[str, str] | None = None
) -> ImportResult:
    """Read, validate, normalize and de-duplicate a call-record export.

    Args:
        path: a CSV (any of , ; tab | as delimiter) or JSONL file.
        settings: ``default_region`` for phone numbers, ``timezone`` for naive times.
        column_map: canonical column -> the file's column, e.g. ``{"caller": "ani"}``.

    Raises:
        InputFileError: the file is missing, unreadable, or has no call_id column.
    """
    path = Path(path)
    if not path.exists():
        raise InputFileError(f"Call-record file {path} does not exist. Check the path given to --metadata.")
    if path.is_dir():
        raise InputFileError(f"{path} is a folder. Pass the call-record CSV or JSONL file itself.")
    # A million rows allocate millions of objects and no reference cycles: the cyclic
    # garbage collector would only re-scan them over and over (a third of the time).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _read_any(path, settings, column_map)
    finally:
        if gc_was_enabled:
            gc.enable()


def _read_any(path: Path, settings: Settings, column_map: dict[str, str] | None) -> ImportResult:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return _read(path, settings, column_map, encoding)
        except UnicodeDecodeError:
            continue  # Excel on Windows writes cp1252: try that before giving up
        except OSError as e:
            raise InputFileError(f"Cannot read {path}: {e.strerror or e}. Check the file's permissions.") from None
    raise InputFileError(f"{path} is neither UTF-8 nor Windows-1252 text. Save it as UTF-8 CSV and import it again.")


def _read(path: Path, settings: Settings, column_map: dict[str, str] | None, encoding: str) -> ImportResult:
    parser = _RowParser(settings)
    errors: list[RowError] = []
    warnings: list[RowError] = []
    kept: dict[str, tuple[CallRecord, int]] = {}
    duplicates = 0
    with open(path, encoding=encoding, newline="") as text:
        head = text.read(4096)
        text.seek(0)
        rows = _jsonl_rows(text, path, column_map) if _is_jsonl(path, head) else _csv_rows(text, path, column_map)
        try:
            for row, values, extra in rows:
                if isinstance(values, str):
                    errors.append(RowError(row, values))
                    continue
                record = parser.parse(values, extra, row, warnings)
                if isinstance(record, str):
                    errors.append(RowError(row, record))
                    continue
                previous = kept.get(record.call_id)
                if previous is not None:
                    duplicates += 1
                    old = previous[0].updated_at
                    # Latest updated_at wins; without both times, the later row wins.
                    if old is not None and record.updated_at is not None and record.updated_at < old:
                        continue
                kept[record.call_id] = (record, row)
        except csv.Error as e:
            raise InputFileError(f"{path} is not a readable CSV file ({e}). Check the quoting, or export it again.") from None
    records = [r for r, _ in kept.values()]
    rows_kept = [n for _, n in kept.values()]
    return ImportResult(records=records, rows=rows_kept, errors=errors, duplicates=duplicates, warnings=warnings)


if __name__ == "__main__":  # pragma: no cover - handy for a quick look at a file
    result = read_call_records(sys.argv[1], settings=Settings())
    print(f"{len(result.records)} records, {len(result.errors)} errors, {result.duplicates} duplicates")
    for e in result.errors[:20]:
        print(f"row {e.row}: {e.reason}")

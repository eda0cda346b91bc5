"""The `callqa` command line: a thin shell over the library.

The only module that imports typer. Each command parses its options, calls one
library function and prints the result: data to stdout, progress and messages to
stderr. A CallqaError becomes a one-line ``Error: …`` and exit code 1 (2 for usage).
"""

from __future__ import annotations

import functools
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from callqa import __version__
from callqa.errors import CallqaError, UsageError

app = typer.Typer(
    name="callqa",
    help="Local, batch-first call-quality analyzer: transcribe recordings, label every call with evidence, "
    "and compute quality-aware call metrics.\n\nQuick start: callqa run examples/recordings --metadata examples/calls.csv && callqa metrics",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
config_app = typer.Typer(help="Show the effective settings (callqa.toml > CALLQA_* env > defaults).", no_args_is_help=True)
app.add_typer(config_app, name="config")

DbOption = Annotated[Path, typer.Option("--db", help="The callqa SQLite database file.", envvar="CALLQA_DB")]
ConfigOption = Annotated[Optional[Path], typer.Option("--config", help="A callqa.toml (default: ./callqa.toml if present).")]
DEFAULT_DB = Path("callqa.db")


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


class Grain(str, Enum):
    call = "call"
    segment = "segment"
    label = "label"


class AgentChannel(str, Enum):
    left = "left"
    right = "right"
    auto = "auto"


def err(message: str) -> None:
    typer.echo(message, err=True)


def handle_errors(fn):
    """Turn library errors into one-line messages with the right exit code."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except UsageError as e:
            err(f"Error: {e}")
            raise typer.Exit(2)
        except CallqaError as e:
            err(f"Error: {e}")
            raise typer.Exit(1)
        except KeyboardInterrupt:
            err("Interrupted. Finished calls are saved; run the same command again to resume.")
            raise typer.Exit(130)

    return wrapper


def _settings(config: Path | None):
    from callqa.config import load_settings

    return load_settings(config)


def _open_store(db: Path, *, create: bool = False):
    from callqa.store import Store

    return Store.open(db, create=create)


def _parse_map(values: list[str] | None) -> dict[str, str] | None:
    if not values:
        return None
    mapping = {}
    for item in ",".join(values).split(","):
        if not item.strip():
            continue
        if "=" not in item:
            raise UsageError(f"--map expects canonical=column pairs, like --map caller=ani,started_at=call_start; got {item!r}.")
        canonical, column = (x.strip() for x in item.split("=", 1))
        mapping[canonical] = column
    return mapping


def _print_rows(rows: list[dict], fmt: OutputFormat, *, title: str | None = None) -> None:
    if fmt is OutputFormat.json:
        typer.echo(json.dumps(rows, indent=2, default=str))
    elif fmt is OutputFormat.csv:
        import csv

        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    else:
        from rich import box
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, box=box.SIMPLE_HEAD)
        columns = list(rows[0]) if rows else []
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*("" if r[c] is None else str(r[c]) for c in columns))
        console = Console()
        # A pipe or file gets the whole table, not a table squeezed to 80 columns.
        Console(width=console.width if console.is_terminal else 220).print(table)


@app.callback(invoke_without_command=True)
def main(version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False) -> None:
    if version:
        typer.echo(f"callqa {__version__}")
        raise typer.Exit()


@app.command()
@handle_errors
def run(
    recordings: Annotated[list[Path], typer.Argument(help="Recording files or folders (searched recursively).")],
    metadata: Annotated[Optional[Path], typer.Option("--metadata", "-m", help="Call records (CSV or JSONL, SPEC §4 columns).")] = None,
    db: DbOption = DEFAULT_DB,
    model: Annotated[Optional[str], typer.Option("--model", help="Whisper model: a CTranslate2 model folder, or a name faster-whisper can resolve online. Default: bundled tiny.en.")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, help="Transcription worker processes (default: chosen for this machine).")] = None,
    threads: Annotated[int, typer.Option("--threads", min=0, help="CPU threads per worker (0: automatic).")] = 0,
    agent_channel: Annotated[Optional[AgentChannel], typer.Option("--agent-channel", help="Which stereo channel is the agent (default from config: left).")] = None,
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="Try recordings that failed in an earlier run again.")] = False,
    redact: Annotated[bool, typer.Option("--redact", help="Store transcripts and evidence with names, numbers and emails masked.")] = False,
    column_map: Annotated[Optional[list[str]], typer.Option("--map", help="Map call-record columns: --map caller=ani,started_at=call_start")] = None,
    timezone: Annotated[Optional[str], typer.Option("--timezone", help="Time zone of naive started_at values in --metadata (default from config: UTC).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    config: ConfigOption = None,
) -> None:
    """Transcribe, classify and store a batch of calls (the main job).

    Re-running on the same inputs reuses stored transcripts and labels; a killed run resumes
    where it stopped. Exit 0 when every recording was analyzed, 1 when some failed (each
    failure is recorded with its reason: `callqa calls --failed`), 2 on bad usage.

    Example: callqa run examples/recordings --metadata examples/calls.csv --db callqa.db
    """
    import dataclasses

    from callqa.pipeline import RunOptions, run as run_pipeline

    settings = _settings(config)
    if timezone:
        settings = dataclasses.replace(settings, timezone=timezone)
    store = _open_store(db, create=True)
    options = RunOptions(
        model=model,
        workers=workers,
        threads=threads,
        agent_channel=agent_channel.value if agent_channel else None,
        retry_failed=retry_failed,
        redact=redact,
        column_map=_parse_map(column_map),
    )
    summary = run_pipeline(store, recordings, settings=settings, metadata=metadata, options=options,
                           progress=not quiet and sys.stderr.isatty())
    if summary.records_loaded or summary.record_errors:
        err(f"call records: {summary.records_loaded} loaded, {len(summary.record_errors)} rejected")
    speed = f" ({summary.audio_s / summary.elapsed_s:.1f}× realtime)" if summary.transcribed and summary.elapsed_s else ""
    err(
        f"recordings: {summary.recordings} found, {summary.transcribed} transcribed{speed}, "
        f"{summary.reused} reused from the store, {summary.classified} classified, {len(summary.failed)} failed "
        f"in {summary.elapsed_s:.1f} s"
    )
    for file_name, kind, reason in summary.failed:
        err(f"  failed [{kind}] {reason}")
    if not summary.ok:
        raise typer.Exit(1)


@app.command("import")
@handle_errors
def import_records(
    records: Annotated[Path, typer.Argument(help="Call records: CSV or JSONL with the SPEC §4 columns (or mapped ones).")],
    db: DbOption = DEFAULT_DB,
    column_map: Annotated[Optional[list[str]], typer.Option("--map", help="Map columns: --map caller=ani,started_at=call_start")] = None,
    timezone: Annotated[Optional[str], typer.Option("--timezone", help="Time zone of naive started_at values, e.g. America/Chicago (default from config: UTC).")] = None,
    config: ConfigOption = None,
) -> None:
    """Load call records without recordings (they count in call-record metrics; recordings join later by file name).

    Rejected rows are reported with their row number and reason; the good rows load.

    Example: callqa import cdr_export.csv --map caller=ani,started_at=call_start --timezone America/New_York
    """
    import dataclasses

    from callqa.pipeline import import_call_records

    settings = _settings(config)
    if timezone:
        settings = dataclasses.replace(settings, timezone=timezone)
    store = _open_store(db, create=True)
    loaded, errors = import_call_records(store, records, settings=settings, column_map=_parse_map(column_map))
    for e in errors[:20]:
        err(f"{records}: row {e.row}: {e.reason}")
    if len(errors) > 20:
        err(f"{records}: … {len(errors) - 20} more rejected rows (`callqa calls --import-errors` lists them all)")
    err(f"call records: {loaded} loaded, {len(errors)} rejected")


@app.command()
@handle_errors
def classify(
    transcripts: Annotated[Path, typer.Option("--transcripts", "-t", help="JSONL of transcripts made elsewhere (SPEC §7).")],
    format: Annotated[str, typer.Option("--format", help="Output format (jsonl).")] = "jsonl",
) -> None:
    """Classify transcripts made by another ASR; one JSON line out per line in.

    Input lines: {"call_id": "...", "segments": [{"speaker": "agent", "start": 0.0, "end": 2.5, "text": "..."}]}
    or {"call_id": "...", "text": "..."}. Bad lines are reported on stderr with their line number.

    Example: callqa classify --transcripts calls.jsonl > labels.jsonl
    """
    if format != "jsonl":
        raise UsageError(f"--format {format} is not supported for classify; use --format jsonl.")
    from callqa.classify import load_classifier
    from callqa.classify.io import read_transcripts_jsonl
    from callqa.pipeline import classify_transcripts
    from callqa.schema import RowError

    classifier = load_classifier()
    bad = 0
    for out in classify_transcripts(read_transcripts_jsonl(transcripts), classifier=classifier):
        if isinstance(out, RowError):
            bad += 1
            err(f"{transcripts}: line {out.row}: {out.reason}")
        else:
            typer.echo(json.dumps(out))
    if bad:
        raise typer.Exit(1)


@app.command()
@handle_errors
def metrics(
    db: DbOption = DEFAULT_DB,
    by: Annotated[Optional[list[str]], typer.Option("--by", help="Group by agent|queue|source|campaign|day|week|hour|weekday; repeat or comma-separate for two.")] = None,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    start: Annotated[Optional[str], typer.Option("--from", help="Only calls started on or after this date (YYYY-MM-DD).")] = None,
    end: Annotated[Optional[str], typer.Option("--to", help="Only calls started before the end of this date (YYYY-MM-DD).")] = None,
    config: ConfigOption = None,
) -> None:
    """Quality-aware call metrics with numerator, denominator and benchmark.

    Example: callqa metrics --by agent --format json
    """
    from callqa.scoring.metrics import BY_DIMENSIONS, compute_metrics, metric_rows

    dims = [d.strip() for d in ",".join(by or []).split(",") if d.strip()]
    for d in dims:
        if d not in BY_DIMENSIONS:
            raise UsageError(f"--by {d} is not a dimension; use one of {', '.join(BY_DIMENSIONS)}.")
    settings = _settings(config)
    store = _open_store(db)
    result = compute_metrics(store, settings, by=dims, start=start, end=end)
    if format is OutputFormat.json:
        typer.echo(json.dumps(result, indent=2))
        return
    rows = metric_rows(result)
    if format is OutputFormat.csv:
        _print_rows([{**r, "definition": result["definitions"].get(r["metric"], "")} for r in rows], format)
        return
    _print_rows([{**r, "value": _human_value(r["value"], r["unit"])} for r in rows], format, title="callqa metrics")
    # Every output repeats the definitions it used (SPEC §5).
    typer.echo("definitions (thresholds from `callqa config show`):")
    for name, text in result["definitions"].items():
        typer.echo(f"  {name}: {text}")


def _human_value(value, unit: str) -> str:
    """Percent for ratios and rounded seconds, for the table only (JSON and CSV keep fractions)."""
    if value is None:
        return "—"
    if unit == "ratio":
        return f"{value:.1%}"
    if unit == "seconds":
        return f"{value:.1f} s"
    if unit == "money":
        return f"{value:,.2f}"
    return f"{value:g}"


@app.command()
@handle_errors
def calls(
    db: DbOption = DEFAULT_DB,
    label: Annotated[Optional[list[str]], typer.Option("--label", "-l", help="Filter by label, e.g. outcome=sale, spam=robocall, resolution=unresolved, escalated=true.")] = None,
    failed: Annotated[bool, typer.Option("--failed", help="Only recordings that failed, with the reason.")] = False,
    import_errors: Annotated[bool, typer.Option("--import-errors", help="Call-record rows that were rejected, with row number and reason.")] = False,
    spam: Annotated[Optional[bool], typer.Option("--spam/--no-spam", help="Only spam calls, or only non-spam calls.")] = None,
    low_confidence: Annotated[bool, typer.Option("--low-confidence", help="Only calls with a label below review_confidence.")] = False,
    limit: Annotated[int, typer.Option("--limit", help="At most this many rows.")] = 200,
    format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
    config: ConfigOption = None,
) -> None:
    """List calls with their labels, or the recordings that failed.

    Example: callqa calls --label outcome=support --label resolution=unresolved
    """
    from callqa.report.views import list_calls, list_failed, list_import_errors

    store = _open_store(db)
    if failed:
        rows = list_failed(store)
    elif import_errors:
        rows = list_import_errors(store)
    else:
        rows = list_calls(store, _settings(config), labels=label or [], spam=spam, low_confidence=low_confidence, limit=limit)
    if not rows:
        err("No calls match.")
        return
    _print_rows(rows, format)


@app.command()
@handle_errors
def show(
    call_id: Annotated[str, typer.Argument(help="The call to show (see `callqa calls`).")],
    db: DbOption = DEFAULT_DB,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="table (readable) or json.")] = OutputFormat.table,
    redact: Annotated[bool, typer.Option("--redact/--no-redact", help="Mask names, phone and card numbers in the transcript.")] = False,
) -> None:
    """Show one call: record, labels with evidence, talk analytics and the transcript with speakers and times.

    Example: callqa show support_escalated
    """
    from callqa.report.views import call_detail, format_call_detail

    store = _open_store(db)
    detail = call_detail(store, call_id, redact=redact)
    if format is OutputFormat.json:
        typer.echo(json.dumps(detail, indent=2, default=str))
    else:
        typer.echo(format_call_detail(detail))


@app.command()
@handle_errors
def export(
    db: DbOption = DEFAULT_DB,
    grain: Annotated[Grain, typer.Option("--grain", help="One row per call, per transcript segment, or per label.")] = Grain.call,
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.csv,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Output file (default: stdout; required for parquet).")] = None,
    redact: Annotated[bool, typer.Option("--redact/--no-redact", help="Mask PII in exported text and hash phone numbers (default: on).")] = True,
    split: Annotated[Optional[str], typer.Option("--split", help="Split by caller into files, e.g. train=0.8,test=0.2 (the same caller never lands in two splits).")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the split.")] = 0,
    config: ConfigOption = None,
) -> None:
    """Export labeled calls, segments or labels for analysts (redacted by default).

    A file export also writes FILE.meta.json with the metric definitions, settings and model versions used.

    Example: callqa export --grain call --format csv --out calls.csv --split train=0.8,test=0.2 --seed 1
    """
    from callqa.report.export import export as export_rows, parse_split

    store = _open_store(db)
    counts = export_rows(store, grain=grain.value, fmt=format.value, out=out, redact=redact,
                         split=parse_split(split), seed=seed, settings=_settings(config))
    for path, n in counts.items():
        err(f"exported {n} {grain.value} rows" + (f" to {path}" if path != "-" else ""))


@app.command()
@handle_errors
def flagged(
    db: DbOption = DEFAULT_DB,
    agent: Annotated[Optional[str], typer.Option("--agent", help="Only this agent's calls.")] = None,
    reason: Annotated[Optional[list[str]], typer.Option("--reason", help="Only these reasons (repeatable), e.g. escalated, long_silence, no_greeting.")] = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Summarize counts by agent or reason instead of listing calls.")] = None,
    include_reviewed: Annotated[bool, typer.Option("--include-reviewed", help="Also list calls a coach has already reviewed.")] = False,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Only the N most recent flagged calls (default: 500).")] = 500,
    format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
    config: ConfigOption = None,
) -> None:
    """Calls flagged for coaching, each with its reason and the second to listen from.

    A review (`callqa review CALL_ID ...`) clears a call's flags.

    Example: callqa flagged --agent dana --reason escalated
    """
    from callqa.report.views import clock
    from callqa.scoring.facts import facts_table
    from callqa.scoring.flags import compute_flags

    if by not in (None, "agent", "reason"):
        raise UsageError(f"--by {by} is not supported here; use --by agent or --by reason.")
    settings = _settings(config)
    store = _open_store(db)
    flags = compute_flags(store, settings, reasons=reason or None, include_reviewed=include_reviewed, limit=limit)
    agents = {r["call_id"]: r["agent"] for r in store.query(f"SELECT call_id, agent FROM {facts_table(store, settings)}")}
    rows = [
        {"call_id": f.call_id, "agent": agents.get(f.call_id), "reason": f.reason,
         "at": None if f.at_s is None else clock(f.at_s), "at_s": f.at_s,
         "detail": f.detail, "open": f"callqa show {f.call_id} --db {db}"}
        for f in flags if agent is None or agents.get(f.call_id) == agent
    ]
    if by:
        counts: dict[tuple, int] = {}
        for r in rows:
            key = (r["agent"] or "(none)", r["reason"]) if by == "agent" else (r["reason"],)
            counts[key] = counts.get(key, 0) + 1
        cols = ("agent", "reason") if by == "agent" else ("reason",)
        rows = [{**dict(zip(cols, k)), "flags": n} for k, n in sorted(counts.items())]
    if not rows:
        err("No flagged calls.")
        return
    if format is OutputFormat.table and not by:
        rows = [{k: v for k, v in r.items() if k != "at_s"} for r in rows]
    _print_rows(rows, format, title="flagged calls")


@app.command()
@handle_errors
def review(
    call_id: Annotated[str, typer.Argument(help="The call to review.")],
    set_: Annotated[Optional[list[str]], typer.Option("--set", help="A human label: spam=legit, outcome=support, resolution=resolved, escalated=false. Repeatable.")] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="A note for the record.")] = None,
    reviewer: Annotated[Optional[str], typer.Option("--reviewer", help="Who reviewed (default: your user name).")] = None,
    db: DbOption = DEFAULT_DB,
    config: ConfigOption = None,
) -> None:
    """Set human labels on a call; they override machine labels in metrics, flags and exports.

    Example: callqa review C1042 --set resolution=resolved --set escalated=false --note "fixed on the call" --reviewer dana
    """
    from callqa.reviews import parse_assignments, review_call

    from callqa.pipeline import rescore_call

    labels = parse_assignments(set_ or [])
    store = _open_store(db)
    changes = review_call(store, call_id, labels=labels, note=note, reviewer=reviewer)
    if any(ch.task in ("outcome", "spam") for ch in changes):
        rescore_call(store, call_id, _settings(config))  # which rubric items apply depends on the outcome
    for ch in changes:
        err(f"{call_id}: {ch.task} {ch.old_value} -> {ch.new_value}")
    if not changes:
        err(f"{call_id}: note saved")


@app.command()
@handle_errors
def reviews(
    db: DbOption = DEFAULT_DB,
    call_id: Annotated[Optional[str], typer.Option("--call", help="Only this call's reviews.")] = None,
    agreement: Annotated[bool, typer.Option("--agreement", help="Show machine-vs-human agreement per task instead.")] = False,
    format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """List human reviews (who, when, old and new value, note), or the review agreement per task.

    Example: callqa reviews --agreement
    """
    from callqa.reviews import list_reviews, review_agreement

    store = _open_store(db)
    rows = review_agreement(store) if agreement else list_reviews(store, call_id=call_id)
    if not rows:
        err("No reviews yet. Add one with `callqa review CALL_ID --set task=value`.")
        return
    _print_rows(rows, format)


@app.command()
@handle_errors
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path("report.html"),
    db: DbOption = DEFAULT_DB,
    start: Annotated[Optional[str], typer.Option("--from", help="Only calls started on or after this date (YYYY-MM-DD).")] = None,
    end: Annotated[Optional[str], typer.Option("--to", help="Only calls started on or before this date (YYYY-MM-DD).")] = None,
    config: ConfigOption = None,
) -> None:
    """Write one self-contained HTML report (charts, per-agent table, flagged calls); opens offline.

    Example: callqa report --out report.html
    """
    from callqa.report.html import build_report

    store = _open_store(db)
    out.write_text(build_report(store, _settings(config), db_label=str(db), start=start, end=end), encoding="utf-8")
    err(f"report written to {out}")


@app.command()
@handle_errors
def train(
    labels: Annotated[Optional[Path], typer.Option("--labels", help="Your labels CSV: call_id plus any of spam, outcome, resolution, escalated (and text or segments, or calls in --db).")] = None,
    replace_seed: Annotated[bool, typer.Option("--replace-seed", help="Train on your labels only, without the seed corpus.")] = False,
    models_dir: Annotated[Optional[Path], typer.Option("--models-dir", help="Where to write the models (default: the models/ folder in use).")] = None,
    db: DbOption = DEFAULT_DB,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (training is deterministic for a seed).")] = 0,
) -> None:
    """(Re)build the classifiers and their model cards, deterministically.

    Example: callqa train --labels my_labels.csv
    """
    from callqa.classify import default_models_dir
    from callqa.classify.training import train_models

    lookup = _transcript_lookup(db) if labels else None
    target = models_dir or default_models_dir()
    cards = train_models(target, labels=labels, replace_seed=replace_seed, seed=seed, transcript_lookup=lookup)
    for task, card in cards.items():
        heldout = card.get("heldout", {}).get("macro_f1")
        err(f"{task}: trained on {card.get('n_train', '?')} examples" + (f", held-out macro-F1 {heldout:.3f}" if heldout is not None else ""))
    err(f"models written to {target}")


@app.command()
@handle_errors
def evaluate(
    labels: Annotated[Path, typer.Option("--labels", help="Labels CSV: call_id plus any of spam, outcome, resolution, escalated.")],
    models_dir: Annotated[Optional[Path], typer.Option("--models-dir", help="Models to evaluate (default: the models/ folder in use).")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Per-class precision, recall, F1 and the confusion matrix against your labels.

    Example: callqa evaluate --labels reviewed.csv
    """
    from callqa.classify.training import evaluate as evaluate_models, format_evaluation

    report = evaluate_models(labels, models_dir=models_dir, transcript_lookup=_transcript_lookup(db))
    typer.echo(format_evaluation(report))


def _transcript_lookup(db: Path):
    """Transcripts of stored calls by call_id, for labels files that only name calls."""
    if not db.exists():
        return None
    store = _open_store(db)

    def lookup(call_id: str):
        rows = store.query(
            "SELECT transcript_key FROM recordings WHERE call_id = :c AND transcript_key IS NOT NULL LIMIT 1", {"c": call_id}
        )
        return store.load_transcript(rows[0]["transcript_key"]) if rows else None

    return lookup


@config_app.command("show")
@handle_errors
def config_show(config: ConfigOption = None) -> None:
    """Print the effective settings as TOML-like lines.

    Example: callqa config show
    """
    settings = _settings(config)
    for key, value in settings.to_dict().items():
        typer.echo(f"{key} = {json.dumps(value)}")

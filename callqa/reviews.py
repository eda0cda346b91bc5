"""Human reviews: a coach sets labels on a call; human labels override machine labels everywhere."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from callqa.errors import CallqaError, UsageError
from callqa.schema import OUTCOME_LABELS, RESOLUTION_LABELS, SPAM_LABELS, TASKS
from callqa.store import Store, now_iso

ALLOWED = {
    "spam": SPAM_LABELS,
    "outcome": OUTCOME_LABELS,
    "resolution": RESOLUTION_LABELS,
    "escalated": ("true", "false"),
}
_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n"}


@dataclass(frozen=True)
class Change:
    task: str
    old_value: str | None
    new_value: str


def parse_assignments(items: list[str]) -> dict[str, str]:
    """Turn ["resolution=resolved", "escalated=false"] into a checked {task: value}."""
    out: dict[str, str] = {}
    for item in items:
        if "=" not in item:
            raise UsageError(f"--set expects task=value, like --set resolution=resolved; got {item!r}.")
        task, value = (x.strip() for x in item.split("=", 1))
        if task not in ALLOWED:
            raise UsageError(f"--set {task}=… is not a task; use one of {', '.join(TASKS)}.")
        if task == "escalated":
            value = "true" if value.lower() in _TRUE else "false" if value.lower() in _FALSE else value
        if value not in ALLOWED[task]:
            raise UsageError(f"{value!r} is not a {task} label; use one of {', '.join(ALLOWED[task])}.")
        out[task] = value
    return out


def review_call(store: Store, call_id: str, *, labels: dict[str, str], note: str | None = None,
                reviewer: str | None = None) -> list[Change]:
    """Store human labels (and a review row per change, or one for a note alone). Returns the changes."""
    if not store.query("SELECT 1 FROM call_facts WHERE call_id = :c", {"c": call_id}):
        raise CallqaError(f"No call {call_id!r} in {store.path}. List calls with `callqa calls --db {store.path}`.")
    if not labels and not note:
        raise UsageError("Nothing to review: pass --set task=value and/or --note TEXT.")
    reviewer = reviewer or getpass.getuser()
    at = now_iso()
    current = {r["task"]: r["value"] for r in store.query("SELECT task, value FROM effective_labels WHERE call_id = :c", {"c": call_id})}
    changes = [Change(task, current.get(task), value) for task, value in labels.items()]
    with store.transaction():
        for ch in changes:
            store.save_human_label(call_id, ch.task, ch.new_value, reviewer=reviewer, at=at)
        rows = [{"call_id": call_id, "task": ch.task, "old_value": ch.old_value, "new_value": ch.new_value,
                 "reviewer": reviewer, "note": note, "created_at": at} for ch in changes]
        if not rows:
            rows = [{"call_id": call_id, "task": None, "old_value": None, "new_value": None, "reviewer": reviewer,
                     "note": note, "created_at": at}]
        store.add_reviews(rows)
    return changes


def list_reviews(store: Store, *, call_id: str | None = None) -> list[dict]:
    where = "WHERE call_id = :c" if call_id else ""
    return store.query(f"SELECT call_id, task, old_value, new_value, reviewer, note, created_at FROM reviews {where} "
                       "ORDER BY created_at, id", {"c": call_id})


def review_agreement(store: Store) -> list[dict]:
    """Per task: how often the machine label matched the human one, over reviewed calls."""
    rows = store.query(
        """
        SELECT h.task, COUNT(*) AS reviewed, SUM(m.value = h.value) AS agreed
        FROM labels h JOIN labels m ON m.call_id = h.call_id AND m.task = h.task AND m.source != 'human'
        WHERE h.source = 'human'
        GROUP BY h.task ORDER BY h.task
        """
    )
    for r in rows:
        r["agreement"] = round(r["agreed"] / r["reviewed"], 4) if r["reviewed"] else None
    return rows

"""Undo and redo through the store, without a terminal."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.history import LIMIT, History


def on_disk(store: WorkshopStore) -> dict[str, object]:
    with WorkshopStore.open(store.path, readonly=True) as again:
        return dict(again.workshop.activities)


def test_add_edit_delete_undone_and_redone(store: WorkshopStore) -> None:
    history = History()
    original = next(iter(store.workshop.activities.values()))
    before = dict(store.workshop.activities)
    copy = replace(original, id="00000000-0000-4000-8000-000000000001", title="Copy")
    history.apply(store, None, copy, "add")
    edited = history.apply(store, copy, replace(copy, title="Copy 2"), "edit")
    assert edited is not None and edited.revision == copy.revision + 1
    history.apply(store, edited, None, "delete")
    assert copy.id not in on_disk(store)
    assert history.undo(store).label == "delete"
    assert store.workshop.activities[copy.id].title == "Copy 2"
    assert history.undo(store).label == "edit"
    assert store.workshop.activities[copy.id].title == "Copy"
    assert store.workshop.activities[copy.id].revision > edited.revision  # trainees re-notified
    assert history.undo(store).label == "add"
    assert store.workshop.activities == before
    assert on_disk(store).keys() == before.keys()
    assert history.undo(store) is None
    assert history.redo(store).label == "add"
    assert history.redo(store).label == "edit"
    assert store.workshop.activities[copy.id].title == "Copy 2"
    assert on_disk(store)[copy.id] == store.workshop.activities[copy.id]


def test_a_new_change_clears_redo(store: WorkshopStore) -> None:
    history = History()
    activity = next(iter(store.workshop.activities.values()))
    history.apply(store, activity, replace(activity, title="A"), "a")
    history.undo(store)
    assert history.can_redo
    history.apply(store, store.workshop.activities[activity.id],
                  replace(activity, title="B"), "b")
    assert not history.can_redo


def test_history_is_bounded(tmp_path: Path, store: WorkshopStore) -> None:
    history = History()
    activity = next(iter(store.workshop.activities.values()))
    with store.batch():
        for n in range(LIMIT + 5):
            current = store.workshop.activities[activity.id]
            history.apply(store, current, replace(current, title=f"T{n}"), str(n))
    steps = 0
    while history.undo(store):
        steps += 1
    assert steps == LIMIT

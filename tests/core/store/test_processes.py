"""The store across real processes: the write lock, and saves killed with SIGKILL."""

from __future__ import annotations

import dataclasses
import os
import random
import select
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest

from cistrat_tui.core.errors import DatabaseLockedError
from cistrat_tui.core.records.model import Trainee
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.store.repository import WorkshopStore
from tests.core.store.store_helpers import small_workshop

posix_only = pytest.mark.skipif(os.name != "posix", reason="uses fork and SIGKILL")

HOLDER = textwrap.dedent("""
    import sys
    from cistrat_tui.core.store.repository import WorkshopStore
    store = WorkshopStore.open(sys.argv[1])
    print("locked", flush=True)
    sys.stdin.readline()
    store.close()
    print("released", flush=True)
""")


def _start_holder(db: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_second_process_is_told_who_holds_the_database(tmp_path: Path) -> None:
    db = tmp_path / "workshop.json"
    WorkshopStore.open(db, create_from=small_workshop).close()
    holder = _start_holder(db)
    try:
        with pytest.raises(DatabaseLockedError) as caught:
            WorkshopStore.open(db)
        message = str(caught.value)
        assert str(db) in message and f"process {holder.pid}" in message
        with WorkshopStore.open(db, readonly=True) as reader:  # reading is still allowed
            assert reader.workshop.programme.title
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=10)
    with WorkshopStore.open(db) as store:  # released cleanly: not a stale lock
        assert store.stale_lock_holder is None


@posix_only
def test_lock_of_a_killed_process_is_taken_over(tmp_path: Path) -> None:
    db = tmp_path / "workshop.json"
    WorkshopStore.open(db, create_from=small_workshop).close()
    holder = _start_holder(db)
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    with WorkshopStore.open(db) as store:
        assert store.stale_lock_holder is not None
        assert f"process {holder.pid}" in store.stale_lock_holder
        store.put(Trainee("After The Crash"))


def _trainee(k: int) -> Trainee:
    return Trainee(f"Trainee {k}", id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"crash/{k}")))


def _state_after(base: Workshop, k: int) -> dict[str, object]:
    """The workshop after saves 1..k of the child's loop."""
    expected = Workshop.from_tables(base.to_tables())
    for n in range(1, k + 1):
        expected.put(_trainee(n))
    expected.put(dataclasses.replace(expected.programme, notes=f"save {k}"))
    return expected.to_tables()


def _child_saves(db: Path, report: int) -> None:
    """Save forever: save k adds trainee k and sets the programme's notes to 'save k'."""
    try:
        store = WorkshopStore.open(db)
        k = int(store.workshop.programme.notes.split()[-1])
        os.write(report, f"start {k}\n".encode())
        while True:
            k += 1
            with store.batch():
                store.put(_trainee(k))
                store.put(dataclasses.replace(store.workshop.programme, notes=f"save {k}"))
            os.write(report, f"saved {k}\n".encode())
    finally:
        os._exit(1)


@posix_only
def test_killed_saves_leave_the_state_before_or_after(tmp_path: Path) -> None:
    db = tmp_path / "workshop.json"
    base = small_workshop()
    WorkshopStore.open(db, create_from=lambda: dataclasses.replace(
        Workshop.from_tables(base.to_tables()))).close()
    with WorkshopStore.open(db) as store:
        store.put(dataclasses.replace(store.workshop.programme, notes="save 0"))
    rng = random.Random(20270307)
    kills = 0
    last_done = 0
    while kills < 120:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            _child_saves(db, write_end)
        os.close(write_end)
        ready, _, _ = select.select([read_end], [], [], 20)
        assert ready, "the saving child never started"
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with os.fdopen(read_end) as reports:
            lines = reports.read().split()
        done = [int(n) for word, n in zip(lines[::2], lines[1::2], strict=True)
                if word == "saved"]
        last_done = done[-1] if done else last_done
        with WorkshopStore.open(db, readonly=True) as after:
            found = after.workshop
        k = int(found.programme.notes.split()[-1])
        assert k in (last_done, last_done + 1), (k, last_done)
        assert found.to_tables() == _state_after(base, k)
        last_done = k
        kills += 1
    assert last_done > 20  # the children did save, many times, between the kills

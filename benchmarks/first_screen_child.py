"""The child process of tui_bench.py's cold-start measurement (not a benchmark of its own).

``python first_screen_child.py minimal|app DATABASE``: import only what that app needs, show
its first screen headless until idle, print the wall-clock time (``time.time()``) it was idle,
exit. The parent counts from before it started the process to that time.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class MinimalApp(App[None]):
    """The baseline, as in tui_bench.py: a header, one line of text, a footer."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Hello")
        yield Footer()


async def first_screen(kind: str, database: Path) -> None:
    if kind == "minimal":
        async with MinimalApp().run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            print(time.time())
        return
    from cistrat_tui.core.store.repository import WorkshopStore
    from cistrat_tui.tui.app import CistratApp

    with WorkshopStore.open(database, readonly=True) as store:
        async with CistratApp(store).run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            print(time.time())


if __name__ == "__main__":
    asyncio.run(first_screen(sys.argv[1], Path(sys.argv[2])))

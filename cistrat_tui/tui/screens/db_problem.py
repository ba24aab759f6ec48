"""A screen for a database that cannot be opened: locked by another copy, unreadable, or too
new. It says what is wrong and what to do, and touches nothing; any of q, escape, enter or
ctrl+q closes it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from cistrat_tui.core.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    SchemaTooNewError,
)
from cistrat_tui.tui.widgets.key_bar import KeyBar


def advice(error: Exception) -> tuple[str, list[str]]:
    """A heading and the steps that help, for the error that stopped the database opening."""
    if isinstance(error, DatabaseLockedError):
        return ("The database is open in another copy of cistrat-tui", [
            f"Another copy is writing to it: {error.owner}.",
            "Switch to that copy and quit it (ctrl+q); then start this one again.",
            "Or look without changing anything: cistrat-tui --read-only",
            "If that copy crashed, starting again takes its lock over by itself."])
    if isinstance(error, CorruptDatabaseError):
        steps = [f"What is wrong: {error.problem}.",
                 "The file has not been changed, and this app will not write to it."]
        if error.backups:
            steps += [f"The newest backup is {error.backups[0]}.",
                      f"To go back to it: copy it over {error.path} (keep the broken "
                      "file aside first), then start again."]
        else:
            steps.append("No backups were found beside it; restore it from your own copy.")
        return ("The database file cannot be read", steps)
    if isinstance(error, SchemaTooNewError):
        return ("The database was written by a newer cistrat-tui", [
            f"It has schema version {error.found}; this version reads up to "
            f"{error.supported}.", "Upgrade cistrat-tui. The file has not been changed."])
    return ("The database cannot be opened", [str(error),
                                              "Nothing was changed."])


class DatabaseProblemScreen(Screen[None]):
    """The explanation, centred."""

    DEFAULT_CSS = """
    #db-problem-box { width: 90%; max-width: 100; height: auto; border: thick $error;
                      padding: 1 2; }
    DatabaseProblemScreen { align: center middle; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape,enter", "app.quit", "Close", id="db-problem.close"),
    ]

    def __init__(self, error: Exception, path: str) -> None:
        super().__init__()
        self.error = error
        self.path = path

    def compose(self) -> ComposeResult:
        heading, steps = advice(self.error)
        text = Text()
        text.append(heading + "\n\n", "bold red")
        text.append(f"Database: {self.path}\n\n", "bold")
        for step in steps:
            text.append(f"• {step}\n")
        text.append("\nPress q, enter or escape to close.", "dim")
        with Vertical(id="db-problem-box"):
            yield Static(text, id="db-problem-text")
        yield KeyBar()


class DatabaseProblemApp(App[None]):
    """A one-screen app that explains why the database did not open."""

    CSS_PATH = "../app.tcss"
    TITLE = "cistrat-tui"

    def __init__(self, error: Exception, path: str) -> None:
        super().__init__()
        self.error = error
        self.path = path

    def on_mount(self) -> None:
        self.push_screen(DatabaseProblemScreen(self.error, self.path))

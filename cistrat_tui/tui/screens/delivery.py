"""Publish (CalDAV) or send (e-mail) from the exports area: a modal with the few settings
each needs, run in a thread worker with a progress bar and a summary.

The work is :func:`cistrat_tui.delivery.publish.publish_calendars` and
:func:`cistrat_tui.delivery.send.send_messages`, exactly as the ``publish`` and ``send``
commands run them. The store is not shared with the worker thread: the ledger writes those
functions make are passed to the app's thread (:class:`AppThreadLedger`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Static

from cistrat_tui.core.errors import CistratError
from cistrat_tui.core.records.ledger import LedgerEntry
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.exports.locations import programme_dir
from cistrat_tui.tui.problem_source import snapshot


class AppThreadLedger:
    """A ledger sink for a worker thread: each save runs in the app's thread, on the store."""

    def __init__(self, screen: ModalScreen[None], store: WorkshopStore) -> None:
        self._screen = screen
        self._store = store

    def put_all(self, records: Iterable[LedgerEntry], *,
                removed: Iterable[LedgerEntry] = ()) -> None:
        records, removed = list(records), list(removed)
        self._screen.app.call_from_thread(self._store.put_all, records, removed=removed)


class DeliveryProgress(Message):
    """One calendar published or one message sent."""

    def __init__(self, done: int, total: int, name: str) -> None:
        super().__init__()
        self.done, self.total, self.name = done, total, name


class DeliveryFinished(Message):
    """The worker stopped: ``lines`` summarise what was done, or ``error`` stopped it."""

    def __init__(self, lines: list[str], error: Exception | None) -> None:
        super().__init__()
        self.lines, self.error = lines, error


# Field id -> (label, placeholder) for each kind.
FIELDS: dict[str, list[tuple[str, str, str]]] = {
    "publish": [("url", "Server", "https://dav.example.org/"), ("user", "User", ""),
                ("password", "Password", "")],
    "send": [("smtp", "Server", "smtp.example.org:587"), ("sender", "From", ""),
             ("user", "User", "(none)"), ("password", "Password", "")],
}
PASSWORD_ENVS = {"publish": "CISTRAT_CALDAV_PASSWORD", "send": "CISTRAT_SMTP_PASSWORD"}


class DeliveryScreen(ModalScreen[None]):
    """Publish every calendar on a CalDAV server, or e-mail every trainee their files."""

    DEFAULT_CSS = """
    DeliveryScreen { align: center middle; }
    #delivery { width: 90; height: auto; max-height: 90%; border: thick $primary;
                background: $surface; padding: 1 2; }
    #delivery .form-row { height: auto; }
    #delivery .form-label { width: 10; }
    #delivery Input { width: 1fr; }
    #delivery-buttons { height: auto; margin-top: 1; }
    #delivery-status { height: auto; margin-top: 1; }
    #delivery-summary { height: auto; max-height: 16; overflow-y: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="delivery.close"),
    ]

    def __init__(self, kind: str, store: WorkshopStore, out: str | Path | None = None) -> None:
        super().__init__()
        if kind not in FIELDS:
            raise ValueError(f"unknown delivery {kind!r}")
        self.kind = kind
        self.store = store
        self.out = out
        self.running = False

    def compose(self) -> ComposeResult:
        title = "Publish the calendars (CalDAV)" if self.kind == "publish" else \
            "Send each trainee their files (e-mail)"
        defaults = {"sender": self.store.workshop.programme.coordinator.email,
                    "password": os.environ.get(PASSWORD_ENVS[self.kind], "")}
        with Vertical(id="delivery") as box:
            box.border_title = title
            for key, label, placeholder in FIELDS[self.kind]:
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="form-label")
                    yield Input(defaults.get(key, ""), placeholder=placeholder,
                                password=key == "password", id=f"delivery-{key}",
                                compact=True)
            if self.kind == "send":
                with Horizontal(classes="form-row"):
                    yield Checkbox("STARTTLS", id="delivery-starttls")
                    yield Checkbox("Dry run (.eml files)", True, id="delivery-dry-run")
            with Horizontal(id="delivery-buttons"):
                yield Button("Start", id="delivery-start", variant="primary")
                yield Button("Close", id="delivery-close")
            yield Static("", id="delivery-status")
            yield ProgressBar(total=1, id="delivery-progress", show_eta=False)
            yield Static("", id="delivery-summary")

    def value(self, key: str) -> str:
        return self.query_one(f"#delivery-{key}", Input).value.strip()

    def _status(self, text: str | Text) -> None:
        self.query_one("#delivery-status", Static).update(text)

    @on(Button.Pressed, "#delivery-start")
    def action_start(self) -> None:
        """Check the settings and start the worker."""
        if self.running:
            return
        settings: dict[str, Any] = {key: self.value(key) for key, _l, _p in FIELDS[self.kind]}
        if self.kind == "send":
            settings["starttls"] = self.query_one("#delivery-starttls", Checkbox).value
            settings["dry_run"] = self.query_one("#delivery-dry-run", Checkbox).value
        problem = self._problem(settings)
        if problem:
            self._status(Text(f"Not started: {problem}.", "bold red"))
            return
        self.running = True
        self.query_one("#delivery-start", Button).disabled = True
        self._status("Working...")
        self._run(settings)

    def _problem(self, settings: dict[str, Any]) -> str:
        if self.store.readonly:
            return "the database is open read-only (the ledger must be saved)"
        if self.kind == "publish":
            return "" if settings["url"] else "give the server's address"
        if not settings["sender"]:
            return "give the sender's address"
        if not settings["dry_run"]:
            host, _, port = settings["smtp"].rpartition(":")
            if not host or not port.isdigit():
                return "give the server as HOST:PORT"
        return ""

    @work(thread=True, exclusive=True, group="delivery", exit_on_error=False)
    def _run(self, settings: dict[str, Any]) -> None:
        workshop = snapshot(self.store.workshop)
        ledger = AppThreadLedger(self, self.store)

        def progress(done: int, total: int, name: str) -> None:
            self.post_message(DeliveryProgress(done, total, name))

        try:
            if self.kind == "publish":
                from cistrat_tui.delivery.publish import publish_calendars

                reports = publish_calendars(workshop, settings["url"], settings["user"],
                                            settings["password"], ledger=ledger,
                                            progress=progress)
                lines = [f"{r.name}: {r.put} sent, {r.unchanged} unchanged"
                         + (f", {r.deleted} removed" if r.deleted else "")
                         + (f", {len(r.conflicts)} not overwritten" if r.conflicts else "")
                         + f"\n  subscribe: {r.url}" for r in reports]
            else:
                from cistrat_tui.delivery.send import send_messages

                host, _, port = settings["smtp"].rpartition(":")
                folder = programme_dir(workshop, self.out) / "mail" \
                    if settings["dry_run"] else None
                sent = send_messages(workshop, settings["sender"], host=host,
                                     port=int(port or 0), starttls=settings["starttls"],
                                     user=settings["user"], password=settings["password"],
                                     dry_run=folder, ledger=ledger, progress=progress)
                lines = [f"{r.reader}: {r.changes} changes; {r.where}" for r in sent]
        except Exception as error:  # shown in the modal
            self.post_message(DeliveryFinished([], error))
            return
        self.post_message(DeliveryFinished(lines, None))

    def on_delivery_progress(self, message: DeliveryProgress) -> None:
        self.query_one("#delivery-progress", ProgressBar).update(total=message.total,
                                                                 progress=message.done)
        self._status(f"{message.done} of {message.total}: {message.name}")

    def on_delivery_finished(self, message: DeliveryFinished) -> None:
        self.running = False
        self.query_one("#delivery-start", Button).disabled = False
        if message.error is not None:
            error = message.error
            why = str(error) if isinstance(error, CistratError | OSError) else \
                f"unexpected {type(error).__name__}: {error}"
            self._status(Text(f"Stopped: {why}", "bold red"))
            return
        done = "Published" if self.kind == "publish" else "Done"
        self._status(Text(f"{done}: {len(message.lines)} "
                          f"{'calendars' if self.kind == 'publish' else 'people'}.",
                          "bold green"))
        self.query_one("#delivery-summary", Static).update("\n".join(message.lines))

    @on(Button.Pressed, "#delivery-close")
    def action_close(self) -> None:
        if not self.running:
            self.dismiss(None)

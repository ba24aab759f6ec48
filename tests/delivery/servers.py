"""Real servers for the delivery tests, started on 127.0.0.1 with a free port and stopped
after: Radicale (CalDAV, in a subprocess) and aiosmtpd (SMTP, in a thread)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

USER, PASSWORD = "coordinator", "s3cret-pass"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"radicale exited: {log.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("radicale did not start within 20 s")


@contextmanager
def radicale_server(folder: Path) -> Iterator[str]:
    """A Radicale server with one user (plain htpasswd) storing in ``folder``; yields its URL."""
    port = free_port()
    (folder / "users").write_text(f"{USER}:{PASSWORD}\n", encoding="utf-8")
    config = folder / "config"
    config.write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n"
        f"[auth]\ntype = htpasswd\nhtpasswd_filename = {folder / 'users'}\n"
        "htpasswd_encryption = plain\n"
        f"[storage]\nfilesystem_folder = {folder / 'collections'}\n"
        "[logging]\nlevel = warning\n", encoding="utf-8")
    log = folder / "radicale.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "radicale", "--config", str(config)],
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_for(port, process, log)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Mailbox:
    """An aiosmtpd handler that keeps every envelope it accepts."""

    def __init__(self) -> None:
        self.envelopes: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos),  # type: ignore[attr-defined]
                               bytes(envelope.original_content)))  # type: ignore[attr-defined]
        return "250 OK"


@contextmanager
def smtp_server(*, login: tuple[str, str] | None = None) -> Iterator[tuple[int, Mailbox]]:
    """An aiosmtpd server on 127.0.0.1 (a thread); with ``login``, AUTH is required (over
    plain text: the test has no certificate). Yields its port and mailbox."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    def authenticate(server: object, session: object, envelope: object, mechanism: str,
                     data: object) -> AuthResult:
        ok = login is not None and (data.login.decode(), data.password.decode()) == login  # type: ignore[attr-defined]
        return AuthResult(success=ok, handled=False)  # not handled: the server replies 535

    mailbox = Mailbox()
    port = free_port()
    options: dict[str, object] = {}
    if login is not None:
        options = {"authenticator": authenticate, "auth_required": True,
                   "auth_require_tls": False}
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield port, mailbox
    finally:
        controller.stop()

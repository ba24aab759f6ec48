"""The README's set-up commands, and .ci/run running exactly the README's test command."""

from __future__ import annotations

import os
import re
from pathlib import Path

from cistrat_tui.cli import main as cli

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
CI_RUN = ROOT / ".ci" / "run"


def section(title: str) -> str:
    """The README text under a level-two heading, up to the next one."""
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def code_lines(text: str) -> list[str]:
    """The non-blank lines of the fenced code blocks in ``text``."""
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", text, re.M | re.S)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def setup_commands() -> list[str]:
    return code_lines(section("Set up"))


def test_exactly_two_one_line_setup_commands() -> None:
    install, test = setup_commands()
    assert install.endswith(".venv/bin/cistrat-tui")
    assert "pip install -e ." in install
    assert '".[test]"' in test
    assert test.endswith("-m pytest")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    _, test_command = setup_commands()
    lines = CI_RUN.read_text(encoding="utf-8").splitlines()
    assert test_command in lines
    assert "set -euo pipefail" in lines
    assert ".venv/bin/ruff check" in lines
    assert lines[0].startswith("#!") and "bash" in lines[0]
    assert os.access(CI_RUN, os.X_OK), ".ci/run is not executable"


def test_usage_names_real_subcommands() -> None:
    usage = code_lines(section("Usage"))
    named = {m.group(1) for line in usage
             if (m := re.match(r"cistrat-tui ([a-z][a-z-]*)\b", line))}
    known = {command.name for command in cli.commands()}
    assert named, "the usage block names no subcommand"
    assert named <= known, f"README names unknown subcommands: {named - known}"
    assert "CISTRAT_DB" in README.read_text(encoding="utf-8")
    assert "--db" in README.read_text(encoding="utf-8")

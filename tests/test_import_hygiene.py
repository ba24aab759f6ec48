"""The core and the exporters run without the UI: importing them never loads textual or rich."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import cistrat_tui.core
import cistrat_tui.exports

UI_PACKAGES = ("textual", "rich")


def modules_under(*packages: object) -> list[str]:
    """Every module of the given packages, walked recursively."""
    names = []
    for package in packages:
        names.append(package.__name__)
        names += [info.name for info in pkgutil.walk_packages(package.__path__,
                                                              package.__name__ + ".")]
    return sorted(names)


MODULES = modules_under(cistrat_tui.core, cistrat_tui.exports)


def test_the_walk_finds_the_core_modules() -> None:
    assert "cistrat_tui.core.records.model" in MODULES
    assert "cistrat_tui.core.records.workshop" in MODULES
    assert "cistrat_tui.exports" in MODULES


@pytest.mark.parametrize("module", MODULES)
def test_module_does_not_import_the_ui(module: str) -> None:
    code = (f"import sys, importlib; importlib.import_module({module!r}); "
            f"print(sorted(m for m in {UI_PACKAGES!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"{module} imports {result.stdout.strip()}"


def test_the_check_can_fail() -> None:
    """The same check run on the UI package does see textual, so the test above can fail."""
    code = "import sys, cistrat_tui.tui.app; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False, timeout=60)
    assert result.stdout.strip() == "True", result.stderr

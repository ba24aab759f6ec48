"""Messages between the app's parts."""

from __future__ import annotations

from collections.abc import Sequence

from textual.message import Message

from cistrat_tui.tui.problem_source import ProblemLike


class ProblemsFound(Message):
    """The checks finished (in a worker) for the workshop as it was at ``generation``."""

    def __init__(self, problems: Sequence[ProblemLike], generation: int) -> None:
        super().__init__()
        self.problems = list(problems)
        self.generation = generation

"""Problems found in a map, located as precisely as the input allows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a map: where it is, which rule it breaks, and what to do."""

    file: str
    line: int | None
    node: str | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        node = f" {self.node}" if self.node else ""
        return f"{where}:{node} [{self.rule}] {self.message}"


class MapError(Exception):
    """Raised when maps cannot be loaded or built; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

"""Problems found in the coordinator's files, and the report that gathers all of them.

A problem names where it is — file, row as Excel shows it (the header is row 1), column and
value — and says what is wrong in Swedish and in English. Errors block matching; warnings do
not. Validation collects every problem before reporting, never stopping at the first.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    """Whether a problem blocks matching (error) or only deserves a look (warning)."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in one place of one file; ``row``/``column`` are ``None`` for whole-file ones."""

    severity: Severity
    file: str
    row: int | None
    column: str | None
    value: str | None
    message_sv: str
    message_en: str

    @property
    def message(self) -> str:
        """Both languages in one line, Swedish first."""
        return f"{self.message_sv} / {self.message_en}"

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict with ``message`` (both languages) and each language alone."""
        data = asdict(self)
        data["severity"] = self.severity.value
        data["message"] = self.message
        return data


@dataclass(frozen=True, slots=True)
class Report:
    """Every problem found, errors and warnings, in the order they were found."""

    problems: tuple[Problem, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that block matching."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems that do not block matching."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when nothing blocks matching."""
        return not self.errors

    def __add__(self, other: Report) -> Report:
        return Report(self.problems + other.problems)

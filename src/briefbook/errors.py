"""Diagnostics (errors as values) and the small exception tree.

Every stage reports problems by appending :class:`Diagnostic` values to a
:class:`Diagnostics` collection; nothing is raised for bad content until the
pipeline decides to stop, so one run reports every problem in every file.
"""

from __future__ import annotations

import errno
import functools
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class Severity(StrEnum):
    """How bad a diagnostic is: errors stop the build, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place: ``path:line:col: severity: message``.

    ``line`` and ``col`` are 1-based; 0 means "the whole file".
    """

    path: str
    line: int
    col: int
    severity: Severity
    message: str

    def format(self) -> str:
        """The compiler-style one-line form editors and CI logs understand."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity.value}: {self.message}"

    def format_github(self) -> str:
        """A GitHub Actions workflow command that annotates the pull request diff."""
        command = "error" if self.severity is Severity.ERROR else "warning"
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{command} file={self.path},line={self.line},col={self.col}::{message}"

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready mapping."""
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


class Diagnostics:
    """An ordered collection of diagnostics gathered across all files."""

    def __init__(self, items: Iterable[Diagnostic] = ()) -> None:
        self._items: list[Diagnostic] = list(items)

    def error(self, path: str, line: int, col: int, message: str) -> None:
        """Record an error."""
        self._items.append(Diagnostic(path, line, col, Severity.ERROR, message))

    def warning(self, path: str, line: int, col: int, message: str) -> None:
        """Record a warning."""
        self._items.append(Diagnostic(path, line, col, Severity.WARNING, message))

    @property
    def items(self) -> list[Diagnostic]:
        """Every diagnostic, in the order recorded."""
        return list(self._items)

    def extend(self, other: Iterable[Diagnostic]) -> None:
        """Add diagnostics from another collection."""
        self._items.extend(other)

    @property
    def has_errors(self) -> bool:
        """True when at least one diagnostic is an error."""
        return any(d.severity is Severity.ERROR for d in self._items)

    @property
    def errors(self) -> list[Diagnostic]:
        """Only the errors, sorted."""
        return [d for d in self.sorted() if d.severity is Severity.ERROR]

    def sorted(self) -> list[Diagnostic]:
        """Sorted by path, line, column; duplicates removed."""
        return sorted(set(self._items), key=lambda d: (d.path, d.line, d.col, d.message))

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self._items)

    def to_json(self) -> str:
        """A machine-readable list, one object per diagnostic."""
        return json.dumps([d.as_dict() for d in self.sorted()], indent=2, ensure_ascii=False)


class BriefbookError(Exception):
    """Base of every exception briefbook raises on purpose."""


class ContentError(BriefbookError):
    """The briefs (or templates) have problems; ``diagnostics`` lists them all."""

    def __init__(self, diagnostics: Diagnostics) -> None:
        self.diagnostics = diagnostics
        count = len(diagnostics.errors)
        plural = "s" if count != 1 else ""
        super().__init__(f"stopped: {count} error{plural} found, nothing was written")

    def __reduce__(self) -> tuple[type[ContentError], tuple[Diagnostics]]:
        # Picklable with its diagnostics: a worker process hands it to the parent.
        return ContentError, (self.diagnostics,)


class OutputError(BriefbookError):
    """The output folder cannot be written safely (it holds files briefbook did not write,
    another run is writing it, the disk is full, it is read-only...)."""


class UsageError(BriefbookError):
    """The command was called wrongly (bad option, missing folder)."""


_NO_SPACE = "free some disk space, then run again"
_NOT_WRITABLE = "make it writable, or choose another folder"
_IN_THE_WAY = "move what is in the way, or choose another folder"
_ADVICE = {
    errno.ENOSPC: _NO_SPACE,
    errno.EDQUOT: _NO_SPACE,
    errno.EFBIG: _NO_SPACE,
    errno.EACCES: _NOT_WRITABLE,
    errno.EPERM: _NOT_WRITABLE,
    errno.EROFS: "choose a folder on a file system that is not read-only",
    errno.ENOTDIR: "a file is where a folder should be, not a folder: " + _IN_THE_WAY,
    errno.EEXIST: _IN_THE_WAY,
    errno.EISDIR: "a folder is where a file should be: " + _IN_THE_WAY,
    errno.ENOTEMPTY: _IN_THE_WAY,
    errno.EBUSY: "it is in use (a mount point?): choose another folder",
    errno.EXDEV: "it is a mount point or on another file system: choose another folder",
}


def io_failure(error: OSError, doing: str = "write") -> OutputError:
    """An input or output failure as one line: what could not be done where, why, and
    what to do about it."""
    where = " -> ".join(str(name) for name in (error.filename, error.filename2) if name)
    reason = error.strerror or str(error) or type(error).__name__
    advice = _ADVICE.get(error.errno or 0, "check the folder, then run again")
    return OutputError(f"cannot {doing} {where or 'a file'}: {reason}; {advice}")


def one_line_io(function: Callable[P, R]) -> Callable[P, R]:
    """``function``, with an OSError it raises turned into one OutputError line
    (:func:`io_failure`)."""

    @functools.wraps(function)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except OSError as error:
            raise io_failure(error) from None

    return guarded


@contextmanager
def naming(path: object) -> Iterator[None]:
    """An OSError raised in the block without a file name (a failed write) names ``path``."""
    try:
        yield
    except OSError as error:
        if error.filename is not None or error.errno is None:
            raise
        raise OSError(error.errno, error.strerror, str(path)) from None

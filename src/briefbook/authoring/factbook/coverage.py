"""How much of a Factbook file a brief holds, counted honestly.

A leaf counts when the Factbook gives something (not ``NA``, not empty). It is held when
an item made from it is in the brief as written: a figure, a fact, or a structured
field (the capital, an office holder, a membership ...). A leaf that repeats another
section's leaf word for word (Land use under Geography and Environment) is held when the
one it repeats is. A leaf whose item the models refused and that could not be kept as
a fact either is not held, and is listed. The fields' notes are counted apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from .convert import Conversion
from .leaves import Leaf
from .text import one_line


@dataclass(frozen=True)
class Coverage:
    """One file's count: leaves with content, leaves held, the leaves not held, and the
    fields' notes (kept of given)."""

    display: str
    title: str
    leaves: int
    held: int
    missing: tuple[Leaf, ...]
    notes: int
    notes_kept: int

    @property
    def share(self) -> float:
        """Held leaves as a share of the leaves with content (1.0 for a file with none)."""
        return self.held / self.leaves if self.leaves else 1.0


def coverage_of(conversion: Conversion) -> Coverage:
    """The coverage of one conversion."""
    leaves = [leaf for leaf in conversion.entity.leaves if not leaf.empty]
    missing = tuple(leaf for leaf in leaves if not _held(conversion, leaf))
    notes = sum(1 for note in conversion.entity.notes if one_line(note.text).strip())
    return Coverage(conversion.entity.display, conversion.identity.title, len(leaves),
                    len(leaves) - len(missing), missing, notes, conversion.notes_kept)


def _held(conversion: Conversion, leaf: Leaf) -> bool:
    if leaf.path in conversion.held:
        return True
    first = conversion.repeats.get(leaf.path)
    return first is not None and first in conversion.held


def format_coverage(rows: list[Coverage]) -> list[str]:
    """A table of the coverage of each file, a total, and the leaves not held."""
    lines = [f"{'file':<28} {'entity':<28} {'held':>6} {'of':>6} {'share':>7} {'notes':>7}"]
    for row in rows:
        lines.append(f"{row.display[:28]:<28} {row.title[:28]:<28} {row.held:>6} "
                     f"{row.leaves:>6} {row.share:>7.1%} {row.notes_kept:>3}/{row.notes:<3}")
    held, total = sum(r.held for r in rows), sum(r.leaves for r in rows)
    if rows:
        lines.append(f"{'total':<57} {held:>6} {total:>6} "
                     f"{(held / total if total else 1.0):>7.1%}")
    for row in rows:
        for leaf in row.missing:
            text = one_line(leaf.text)
            lines.append(f"not held: {row.display}: {leaf.at}: "
                         f"'{text if len(text) <= 60 else text[:57] + '...'}'")
    return lines

"""How much of a Factbook file a brief holds, counted honestly.

A leaf counts when the Factbook gives something (not ``NA``, not empty). It is held when
an item made from it is in the brief as written: a figure, a fact, or a structured
field (the capital, an office holder, a membership ...); the table says which, a leaf
held by a figure counting as a figure, one held by a structured field (and no figure)
as a field, the rest as facts. A leaf that repeats another
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
    as_figures: int = 0
    as_fields: int = 0

    @property
    def as_facts(self) -> int:
        """Leaves held as facts only (text, not numbers or structured fields)."""
        return self.held - self.as_figures - self.as_fields

    @property
    def share(self) -> float:
        """Held leaves as a share of the leaves with content (1.0 for a file with none)."""
        return self.held / self.leaves if self.leaves else 1.0


def coverage_of(conversion: Conversion) -> Coverage:
    """The coverage of one conversion."""
    leaves = [leaf for leaf in conversion.entity.leaves if not leaf.empty]
    fields = [_held_by(conversion, leaf) for leaf in leaves]
    missing = tuple(leaf for leaf, held in zip(leaves, fields, strict=True) if not held)
    figures = sum(1 for held in fields if "figures" in held)
    structured = sum(1 for held in fields if "figures" not in held and held - {"facts"})
    notes = sum(1 for note in conversion.entity.notes if one_line(note.text).strip())
    return Coverage(conversion.entity.display, conversion.identity.title, len(leaves),
                    len(leaves) - len(missing), missing, notes, conversion.notes_kept,
                    figures, structured)


def _held_by(conversion: Conversion, leaf: Leaf) -> frozenset[str]:
    """The fields holding a leaf (those holding the leaf it repeats, for a repeat)."""
    path = conversion.repeats.get(leaf.path, leaf.path)
    return conversion.held.get(path, frozenset())


def format_coverage(rows: list[Coverage]) -> list[str]:
    """A table of the coverage of each file, a total, and the leaves not held."""
    lines = [f"{'file':<30} {'entity':<20} {'held':>5} {'of':>5} {'share':>7} "
             f"{'figures':>7} {'fields':>6} {'facts':>5} {'notes':>7}"]
    for row in rows:
        lines.append(f"{row.display[:30]:<30} {row.title[:20]:<20} {row.held:>5} "
                     f"{row.leaves:>5} {row.share:>7.1%} {row.as_figures:>7} "
                     f"{row.as_fields:>6} {row.as_facts:>5} {row.notes_kept:>3}/{row.notes:<3}")
    held, total = sum(r.held for r in rows), sum(r.leaves for r in rows)
    if rows:
        lines.append(f"{'total':<51} {held:>5} {total:>5} "
                     f"{(held / total if total else 1.0):>7.1%} "
                     f"{sum(r.as_figures for r in rows):>7} {sum(r.as_fields for r in rows):>6} "
                     f"{sum(r.as_facts for r in rows):>5}")
    for row in rows:
        for leaf in row.missing:
            text = one_line(leaf.text)
            lines.append(f"not held: {row.display}: {leaf.at}: "
                         f"'{text if len(text) <= 60 else text[:57] + '...'}'")
    return lines

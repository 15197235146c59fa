"""Markers that would cover one another drawn as one: a cluster showing how many places
it stands for.

Places whose markers would touch (closer than :data:`MERGE_PX` on the map) are one
marker; two places are one marker with both names ("Bolashak / Serhetyaka"), more a
marker with their number; a map with more than
:data:`MAX_MARKERS` markers merges them over a wider distance, step by step, until it
has no more (an overview of every place of a large site stays readable and small). A
marker whose places all bear the same name (a town two corridors end at) is that one
place. Everything the map shows is still in its text alternative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MERGE_PX = 10.0  # a marker is 4 px across its centre and 1 px of stroke
MAX_MARKERS = 60
MAX_NAMED = 2  # names a marker gives before it gives a number instead
GROWTH = 1.5  # how much wider the merging distance gets at each step
Point = tuple[float, float, str]


@dataclass(frozen=True)
class Spot:
    """A marker: where it is drawn (the middle of its places) and their names."""

    x: float
    y: float
    names: tuple[str, ...]

    @property
    def single(self) -> bool:
        """Whether the marker is drawn as one place: its places bear one name, or a few."""
        return len(set(self.names)) <= MAX_NAMED

    @property
    def label(self) -> str:
        """The marker's label (a single one's): its places' names, each once."""
        return " / ".join(dict.fromkeys(self.names))

    @property
    def radius(self) -> float:
        """The marker's radius in pixels: a cluster is large enough for its number."""
        return 4.0 if self.single else 6.0 + 2.0 * len(str(len(self.names)))


def spots(points: Sequence[Point]) -> list[Spot]:
    """The markers of ``points`` (x, y, name), in the order of their first place."""
    distance = MERGE_PX
    found = _merged(points, distance)
    while len(found) > MAX_MARKERS:
        distance *= GROWTH
        found = _merged(points, distance)
    return found


def _merged(points: Sequence[Point], distance: float) -> list[Spot]:
    """Each place joins the first group whose first place is within ``distance``."""
    groups: list[list[Point]] = []
    for point in points:
        for group in groups:
            if (point[0] - group[0][0]) ** 2 + (point[1] - group[0][1]) ** 2 < distance ** 2:
                group.append(point)
                break
        else:
            groups.append([point])
    return [Spot(sum(p[0] for p in group) / len(group), sum(p[1] for p in group) / len(group),
                 tuple(p[2] for p in group)) for group in groups]

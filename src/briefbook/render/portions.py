"""What brief pages need for portion markings (:mod:`briefbook.models.portions`): the
marking their banners show, and talking points grouped by topic.

The resolve stage has already taken out every portion the audience may not read; what
is left is shown, each portion labelled where its marking differs from its brief's
(the ``portion_marking`` macro), and the banners show the highest marking the page holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from briefbook.models.portions import TalkingPoint
from briefbook.models.topics import TOPICS
from briefbook.resolve.site import ResolvedBrief, highest_marking


def page_marking(resolved: ResolvedBrief, site: Any, index: Any) -> str:
    """The highest marking on the page of ``resolved``: its own kept portions', and on a
    country's page, that of the relations whose figures it shows (read through the
    recording views ``site`` and ``index``, so the page depends on what it read)."""
    markings = {resolved.marking}
    if resolved.kind == "country" and index is not None:
        for relation_id in index.relations_of.get(resolved.id, []):
            relation = site.briefs[relation_id].brief
            markings.add(relation.marking)
            markings.update(f.marking for f in relation.figures if f.marking)
    return highest_marking(markings)


def by_topic(points: Iterable[TalkingPoint]) -> list[tuple[dict[str, str] | None,
                                                           list[TalkingPoint]]]:
    """Talking points in groups: those without a topic first (under no heading), then one
    group a topic, each with the topic's title, in the order the brief first names each
    topic (its writer's order of importance); within a group, the order written."""
    groups: dict[str | None, list[TalkingPoint]] = {None: []}
    for point in points:
        groups.setdefault(point.topic, []).append(point)
    return [(None if topic is None else TOPICS[topic], listed)
            for topic, listed in groups.items() if listed]

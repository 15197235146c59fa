"""Where every generated page lives: the one module that makes page paths.

Paths are relative to the generated folder, with ``/`` separators; MkDocs serves
``x/y.md`` at ``/x/y/``. A brief's page is its id, so it never moves when its title
changes.
"""

from __future__ import annotations

HOME = "index.md"
SOURCES = "sources.md"
CHANGES = "changes.md"
TAGS = "tags/index.md"
TIMELINE_DIR = "timeline"
TIMELINE = f"{TIMELINE_DIR}.md"
FEED_PATH = "feed.xml"
EXPORT_PATH = "data/briefs.json"
GUIDE_PATH = "writing-briefs.md"


def brief_page(brief_id: str) -> str:
    """A brief's page: its id plus ``.md``."""
    return f"{brief_id}.md"


def kind_page(kind: str) -> str:
    """A kind's listing."""
    return f"{kind}/index.md"


def tag_page(tag: str) -> str:
    """The listing of one tag's briefs."""
    return f"tags/{tag}.md"


def timeline_filter_page(key: str, *, tag: bool = False) -> str:
    """The timeline page of one country (by brief id) or one tag."""
    return f"{TIMELINE_DIR}/tag/{key}.md" if tag else f"{TIMELINE_DIR}/{key}.md"

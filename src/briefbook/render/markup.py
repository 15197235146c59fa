"""Turning brief text into safe Markdown.

Brief text is data, never markup: :func:`escape_text` makes a plain string show
as the same characters on the page whatever Markdown, HTML or template syntax it
contains, and leaves out the invisible characters that could reorder or disguise the
page around it (bidirectional controls, zero-width characters: stripped, not wrapped in
``<bdi>``; see :mod:`briefbook.load.invisible` for the list and the reasons). Fields
meant as Markdown go through :func:`safe_markdown`, which keeps Markdown formatting but
disables raw HTML.
"""

from __future__ import annotations

import functools
import re

from markupsafe import Markup

from briefbook.load.invisible import INVISIBLE, INVISIBLE_PATTERN, strip_invisible

Safe = Markup
"""Markdown produced by briefbook itself (or its templates); output unescaped."""


# Characters that start Markdown, HTML, attribute-list or extension syntax, written
# as numeric character references so that every Markdown engine shows them literally.
_ESCAPES = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()<>#+!|~^=:$&\"'"}
_ESCAPE_TABLE = str.maketrans(_ESCAPES)
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(_ESCAPES) + INVISIBLE) + "]")


def escape_text(value: object) -> Safe:
    """Plain text as inline Markdown that displays exactly these characters."""
    if isinstance(value, Markup):
        return value
    if hasattr(value, "__html__"):
        return Safe(value)
    return _escape_str(value if type(value) is str else str(value))


@functools.lru_cache(maxsize=1 << 16)
def _escape_str(value: str) -> Safe:
    # Cached: titles, dates and labels recur on many pages of one build.
    # Whitespace runs (line breaks included) become one space: a text field is one line.
    text = " ".join(value.split())
    if _NEEDS_ESCAPE.search(text) is None:  # most text: skip the slower translate
        return Safe(text)
    if INVISIBLE_PATTERN.search(text):  # stripped first: "a \u200b b" is "a b"
        text = " ".join(strip_invisible(text).split())
    return Safe(text.translate(_ESCAPE_TABLE))


def safe_markdown(value: object) -> Safe:
    """A Markdown field (summary, body) with raw HTML shown as text.

    Link targets were already restricted to http, https, mailto and relative
    links by the validate stage; ``<`` and ``&`` are escaped here so no tag, comment
    or entity trick reaches the page as HTML.
    """
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    # Curly braces would let a brief attach attributes ({: onclick=...}) via attr_list.
    text = text.replace("{", "&#123;").replace("}", "&#125;")
    return Safe(text.strip())


def relative_link(from_page: str, to_page: str) -> str:
    """Relative link from one generated Markdown file to another (both posix paths)."""
    # Both paths are relative to the same root, so no filesystem lookup is needed
    # (posixpath.relpath calls os.getcwd() twice per link: the main cost of big listings).
    start = from_page.split("/")[:-1]
    target = to_page.split("/")
    common = 0
    while common < len(start) and common < len(target) - 1 and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:])


def markdown_link(label: object, from_page: str, to_page: str) -> Safe:
    """``[label](relative path)`` between two generated pages, the label escaped as text."""
    return Safe(f"[{escape_text(label)}]({relative_link(from_page, to_page)})")


def safe_url(value: object) -> Safe:
    """A validated address for a Markdown link or autolink: parentheses, spaces and
    invisible characters percent-encoded, as a browser would send them."""
    url = str(value).replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    if INVISIBLE_PATTERN.search(url):
        url = INVISIBLE_PATTERN.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()),
                                    url)
    return Safe(url)

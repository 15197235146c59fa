"""Characters that show as nothing, yet reorder or disguise the text around them.

* Bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) make a
  browser or a terminal show text in another order than it is written: a title holding
  U+202E RIGHT-TO-LEFT OVERRIDE shows whatever follows it on its line backwards.
* Zero-width and other invisible format characters (U+200B–U+200D, U+2060–U+2064,
  U+206A–U+206F, U+FEFF, U+180E, and the tag characters U+E0001 and U+E0020–U+E007F)
  make two different texts look alike, or hide text.

Validation warns, naming each character, wherever a brief holds one in its id (its file
name) or in a one-line text: titles, names, labels, notes, every string but the Markdown
fields (:mod:`briefbook.validate.tree`). Every message quoting a file's content shows them
escaped (:func:`briefbook.load.safeyaml.one_line`).

Render **strips** them from every one-line text it writes, rather than wrapping the text
in ``<bdi>``: stripping works wherever the text goes (Markdown headings and links, HTML
attributes, the page title in front matter, the search index, the Atom feed, chart
labels), where ``<bdi>`` works only in HTML bodies; and text without them is written
byte for byte as before. The Markdown fields (``summary``, ``body``) keep them on a
brief's own page: each is a paragraph of its own, which they cannot reach out of, and
some scripts need the joiners there. The JSON export keeps text as written (it is data).
"""

from __future__ import annotations

import re
import unicodedata

INVISIBLE = "".join([
    "\u061c\u200e\u200f", "".join(map(chr, range(0x202A, 0x202F))),
    "".join(map(chr, range(0x2066, 0x206A))),  # bidirectional controls
    "\u200b\u200c\u200d", "".join(map(chr, range(0x2060, 0x2065))),
    "".join(map(chr, range(0x206A, 0x2070))), "\ufeff\u180e",  # zero-width, invisible
    "\U000e0001", "".join(map(chr, range(0xE0020, 0xE0080))),  # tag characters
])
"""Every character this module is about."""

INVISIBLE_PATTERN = re.compile(f"[{re.escape(INVISIBLE)}]")

_ENCODED = frozenset(c.encode() for c in INVISIBLE)
_LEADS = frozenset(code[0] for code in _ENCODED)
_NOT_LEADS = bytes(b for b in range(256) if b not in _LEADS)


def bytes_hold_invisible(raw: bytes) -> bool:
    """Whether UTF-8 bytes hold an invisible character. Fast on most text, which holds
    none of the bytes those characters start with (one ``translate`` drops every other
    byte); otherwise each such byte is looked at (a regular expression would take ten
    times as long on a file of Russian text with a few dashes)."""
    if not raw.translate(None, _NOT_LEADS):
        return False
    for lead in _LEADS:
        size = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
        at = raw.find(lead)
        while at != -1:
            if raw[at:at + size] in _ENCODED:
                return True
            at = raw.find(lead, at + 1)
    return False


def invisible_in(text: str) -> list[str]:
    """The invisible characters ``text`` holds, each once, in order of appearance."""
    return list(dict.fromkeys(INVISIBLE_PATTERN.findall(text)))


def describe(characters: list[str]) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE and U+200B ZERO WIDTH SPACE``."""
    names = [f"U+{ord(c):04X} {unicodedata.name(c, 'FORMAT CHARACTER')}" for c in characters]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def warning(where: str, characters: list[str], *, left_out: bool = True) -> str:
    """The message of a diagnostic about ``characters`` found in ``where`` (a field, a
    file name); ``left_out``: the site leaves them out."""
    one = len(characters) == 1
    what, them = ("a character that shows", "it") if one else ("characters that show", "them")
    return (f"{where} holds {describe(characters)}, {what} as nothing but can reorder or "
            f"disguise the text around {them}: remove {them}"
            + (f" (the site leaves {them} out)" if left_out else ""))


def strip_invisible(text: str) -> str:
    """``text`` without its invisible characters (itself when it has none)."""
    return INVISIBLE_PATTERN.sub("", text) if INVISIBLE_PATTERN.search(text) else text

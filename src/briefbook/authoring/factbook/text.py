"""Factbook text made safe for briefs: HTML out, names in their usual case, slugs.

The Factbook's values are HTML fragments (``<p>``, ``<br>``, ``<strong>``, ``<em>``,
``<b>``, entities such as ``&eacute;``). Briefs hold no HTML: :func:`plain` gives a
one-paragraph-per-line text for facts, labels and names; :func:`markdown` gives the
body's Markdown, with emphasis kept and every character that Markdown or HTML would
read as markup escaped. Characters that show as nothing (``load/invisible.py``) are
dropped, so that an imported brief gives no warning about them.
"""

from __future__ import annotations

import html
import re
import unicodedata

from briefbook.load.invisible import INVISIBLE_PATTERN

_BREAK = re.compile(r"<\s*br\s*/?\s*>", re.IGNORECASE)
_PARAGRAPH = re.compile(r"<\s*/?\s*p\b[^>]*>", re.IGNORECASE)
_STRONG = re.compile(r"<\s*(strong|b)\s*>(.*?)<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
_EMPHASIS = re.compile(r"<\s*(em|i)\s*>(.*?)<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*>")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_MANY_BREAKS = re.compile(r"\n{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+\.)(\s)", re.MULTILINE)


def _clean(text: str) -> str:
    text = INVISIBLE_PATTERN.sub("", text)
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_BREAKS.sub("\n\n", "\n".join(lines)).strip()


def _blocks(fragment: str) -> str:
    """HTML line and paragraph breaks as newlines (a paragraph: an empty line)."""
    text = _PARAGRAPH.sub("\n\n", fragment)
    return _BREAK.sub("\n", text)


def plain(fragment: str) -> str:
    """The text of an HTML fragment, without tags or entities; paragraphs kept as
    blank lines, runs of spaces made one."""
    text = _blocks(fragment)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = html.unescape(_TAG.sub("", text))
    return _clean(text)


def one_line(fragment: str) -> str:
    """:func:`plain` on one line: line breaks become '; ' (for labels and names)."""
    parts = [part.strip(" ;") for part in plain(fragment).split("\n")]
    return "; ".join(part for part in parts if part)


def _escape(text: str) -> str:
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(r"\1\\\2\3", text)


def markdown(fragment: str) -> str:
    """Markdown of an HTML fragment: ``<strong>``/``<b>`` as ``**``, ``<em>``/``<i>`` as
    ``*``, paragraphs as blank lines, a line break as a new paragraph, and no HTML:
    ``<``, ``>`` and Markdown's own signs are escaped."""
    pieces: list[str] = []
    position = 0
    text = _blocks(fragment)
    for match in re.finditer(r"<\s*(strong|b|em|i)\s*>(.*?)<\s*/\s*\1\s*>", text,
                             re.IGNORECASE | re.DOTALL):
        pieces.append(_escape(html.unescape(_TAG.sub("", text[position:match.start()]))))
        inner = _escape(html.unescape(_TAG.sub("", match[2]))).strip()
        mark = "**" if match[1].lower() in ("strong", "b") else "*"
        pieces.append(f"{mark}{inner}{mark}" if inner else "")
        position = match.end()
    pieces.append(_escape(html.unescape(_TAG.sub("", text[position:]))))
    cleaned = _clean("".join(pieces))
    return re.sub(r"(?<!\n)\n(?!\n)", "\n\n", cleaned)


_ROMAN = re.compile(r"^(X{0,3})(IX|IV|V?I{0,3})$")
_NAME_PART = re.compile(r"([^\W\d_]+)", re.UNICODE)


def _is_capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _capitalise(word: str) -> str:
    return _NAME_PART.sub(lambda m: m[1][:1].upper() + m[1][1:].lower(), word)


def name_case(name: str) -> str:
    """A Factbook name with the surname in capitals as people write it:
    ``Kasym-Zhomart TOKAYEV`` → ``Kasym-Zhomart Tokayev``, ``XI Jinping`` → ``Xi
    Jinping``; regnal numbers stay (``CHARLES III``), as do words not all in capitals
    (``bin``, ``de``, ``McDonald``)."""
    words = name.split()
    out: list[str] = []
    for index, word in enumerate(words):
        bare = word.strip(".,;()")
        if index > 0 and bare and _ROMAN.match(bare):
            out.append(word)  # a regnal number: CHARLES III
        else:
            parts = re.split(r"(-)", word)
            out.append("".join(_capitalise(part) if _is_capitals(part) else part
                               for part in parts))
    return " ".join(out)


def slug(text: str) -> str:
    """A lower-case ASCII slug: ``Côte d'Ivoire`` → ``cote-divoire``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.replace("'", "").replace("\u2019", "").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def strip_key_echo(text: str, key: str) -> str:
    """``arable land: 11% (2023 est.)`` under the key ``agricultural land: arable land``
    is ``11% (2023 est.)``: the Factbook repeats the end of the key before the value."""
    head, sep, rest = text.partition(":")
    if sep and head.strip() and key.lower().endswith(head.strip().lower()):
        return rest.strip()
    return text

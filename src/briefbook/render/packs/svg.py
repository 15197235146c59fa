"""The site's SVG charts and maps, fitted for print.

Two things a browser does that a print needs done another way: the pictures are sized by
the page (``max-width:100%;height:auto``), which WeasyPrint does not scale by the picture's
proportions, so each gets its printed size in millimetres from its ``viewBox``; and the
white halo under labels (``paint-order="stroke"``), which WeasyPrint paints over the
letters, is drawn as a copy under the label instead. The pictures stay vectors.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from briefbook.render.markup import Safe

_SIZE = re.compile(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)" width="[0-9.]+" height="[0-9.]+" '
                   r'style="max-width:100%;height:auto"')
_HALO = re.compile(r'(<text\b[^>]*?) stroke="#fff" stroke-width="3" paint-order="stroke"'
                   r"(\s*[^>]*)>(.*?)</text>", re.S)


def _sized(width_mm: float, height_mm: float) -> Callable[[re.Match[str]], str]:
    def size(match: re.Match[str]) -> str:
        width, height = float(match.group(1)), float(match.group(2))
        scale = min(width_mm / width, height_mm / height)
        return (f'viewBox="0 0 {match.group(1)} {match.group(2)}" '
                f'width="{width * scale:.1f}mm" height="{height * scale:.1f}mm"')
    return size


def printable(html: str, width_mm: float, height_mm: float) -> Safe:
    """``html`` with each SVG at most ``width_mm`` by ``height_mm``, in proportion, and
    its labels' halos drawn under them."""
    html = _SIZE.sub(_sized(width_mm, height_mm), html)
    html = _HALO.sub(r'\1 stroke="#fff" stroke-width="3" aria-hidden="true"\2>\3</text>'
                     r"\1\2>\3</text>", html)
    return Safe(html)

"""Addresses taken twice: brief ids and tags whose pages would collide with other pages.

Every generated page has its path from :mod:`briefbook.render.paths`, and MkDocs builds
the generated pages and the hand-written ones of the docs folder into one site, ``x.md``
and ``x/index.md`` both into ``x/index.html`` (:func:`~briefbook.render.paths.site_file`).
Two pages with one site file would overwrite each other: the writer would stop after
rendering ("page written twice"), or MkDocs after emptying the site folder. This check
finds every such collision first, from what validation made, and reports it where a
writer can fix it: at line 1 of the brief whose id (its file name) takes the address, at
every place a colliding tag is listed, or at line 1 of a hand-written page that takes the
address of a page briefbook always makes.

Brief ids are also kept out of the folders of the pages made one per tag or per country
(``tags/``, ``timeline/``, :func:`~briefbook.render.paths.page_families`): a brief's
address must not depend on which tags other briefs use.

The check belongs to the render stage, which owns page paths (validation cannot import
them); the pipeline calls it between validation and resolution, on every command.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import chain
from typing import NamedTuple

from briefbook.errors import Diagnostics
from briefbook.render.paths import (
    address,
    brief_page,
    page_families,
    site_file,
    site_wide_pages,
    tag_page,
    timeline_filter_page,
)
from briefbook.validate.tree import Entry

COUNTRY = "country"
"""The kind whose briefs each get a timeline page (``timeline/<id>.md``)."""


class _Claim(NamedTuple):
    """A page wanting an address: whose it is (claims of one owner never collide with
    each other) and its path."""

    owner: str
    """``brief``, ``tag``, ``docs`` (a hand-written page) or ``page`` (a site-wide one)."""
    key: str
    """The brief id, the tag, or the page's path."""
    page: str


class _Site(NamedTuple):
    """What the messages name: the briefs' files and the hand-written pages."""

    files: Mapping[str, str]
    docs: Mapping[str, str]
    entries: list[Entry]


def check_collisions(files: Mapping[str, str], entries: Iterable[Entry],
                     hand_written: Iterable[tuple[str, str]], diagnostics: Diagnostics) -> None:
    """Report every brief id and tag whose page would take the address of another page.

    ``files``: the path (as diagnostics show it) of every brief file by id, valid or not;
    ``entries``: the valid briefs; ``hand_written``: the files of the docs folder, as
    (path relative to it, path as diagnostics show it)."""
    site = _Site(files, dict(hand_written), list(entries))
    claims: dict[str, list[_Claim]] = defaultdict(list)
    for claim in _claims(site, diagnostics):
        claims[site_file(claim.page)].append(claim)
    for built, claimed in claims.items():
        if len(claimed) > 1 and len({(c.owner, c.key) for c in claimed}) > 1:
            _report(site, built, claimed, diagnostics)


def _claims(site: _Site, diagnostics: Diagnostics) -> Iterable[_Claim]:
    yield from (_Claim("page", path, path) for path in site_wide_pages())
    yield from (_Claim("docs", path, path) for path in site.docs)
    reserved = _in_families(site.files, diagnostics)
    yield from (_Claim("brief", ident, brief_page(ident)) for ident in site.files
                if ident not in reserved)
    for entry in site.entries:
        if entry.brief.kind == COUNTRY and entry.id not in reserved:
            yield _Claim("brief", entry.id, timeline_filter_page(entry.id))
    for tag in sorted(set(chain.from_iterable(entry.brief.tags for entry in site.entries))):
        yield _Claim("tag", tag, tag_page(tag))
        yield _Claim("tag", tag, timeline_filter_page(tag, tag=True))


def _in_families(files: Mapping[str, str], diagnostics: Diagnostics) -> set[str]:
    """The ids whose pages would lie among the pages made per tag or per country,
    each reported."""
    families = page_families()
    prefixes = tuple(folder + "/" for folder in families)
    reserved = set()
    for ident, display in files.items():
        page = brief_page(ident)
        if page.startswith(prefixes):
            folder = next(f for f in families if page.startswith(f + "/"))
            diagnostics.error(display, 1, 1, f"brief id '{ident}' is in the folder {folder}/ "
                                             f"of {families[folder]}: move the file")
            reserved.add(ident)
    return reserved


def _report(site: _Site, built: str, claimed: list[_Claim], diagnostics: Diagnostics) -> None:
    """Each brief and tag among ``claimed`` reported where it is written; hand-written
    pages only when no brief or tag is there to blame."""
    blamed = [c for c in claimed if c.owner in ("brief", "tag")] or \
        [c for c in claimed if c.owner == "docs" and any(o.owner == "page" for o in claimed)]
    for claim in blamed:
        others = " and ".join(_name(site, other) for other in claimed
                              if (other.owner, other.key) != (claim.owner, claim.key))
        message = f"{_subject(site, claim)} takes the address {address(built)} of {others}: " \
                  f"{_FIXES[claim.owner]}"
        for path, line, col in _places(site, claim):
            diagnostics.error(path, line, col, message)


_FIXES = {"brief": "rename or move the file", "tag": "choose another tag",
          "docs": "rename the hand-written page"}


def _subject(site: _Site, claim: _Claim) -> str:
    if claim.owner == "brief":
        return f"brief id '{claim.key}'" if claim.page == brief_page(claim.key) else \
            f"the timeline of country '{claim.key}' ({claim.page})"
    if claim.owner == "tag":
        return f"tag '{claim.key}'" if claim.page == tag_page(claim.key) else \
            f"tag '{claim.key}' (its timeline page {claim.page})"
    return f"the hand-written page {site.docs[claim.key]}"


def _name(site: _Site, claim: _Claim) -> str:
    if claim.owner == "page":
        return f"{site_wide_pages()[claim.key]} ({claim.page})"
    if claim.owner == "docs":
        return f"the hand-written page {site.docs[claim.key]}"
    if claim.owner == "brief" and claim.page == brief_page(claim.key):
        return f"the page of brief '{claim.key}' ({site.files[claim.key]})"
    if claim.owner == "brief":
        return f"the timeline of country '{claim.key}' ({claim.page})"
    if claim.page == tag_page(claim.key):
        return f"the page of tag '{claim.key}' ({claim.page})"
    return f"the timeline of tag '{claim.key}' ({claim.page})"


def _places(site: _Site, claim: _Claim) -> list[tuple[str, int, int]]:
    """Where a writer fixes the claim: line 1 of a brief or hand-written page, or every
    place a tag is listed."""
    if claim.owner == "brief":
        return [(site.files[claim.key], 1, 1)]
    if claim.owner == "docs":
        return [(site.docs[claim.key], 1, 1)]
    return [(entry.file.display, *entry.file.position(("tags", index)))
            for entry in site.entries for index, tag in enumerate(entry.brief.tags)
            if tag == claim.key]

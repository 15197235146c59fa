"""Who a Factbook file is about: its title, id, kind of entity and ISO 3166 codes.

The Factbook has no ISO codes (its own codes, the file names, are not ISO's: ``kz`` is
Kazakhstan but ``rs`` is Russia). The conventional short name (or the long one, when the
short one is "none") is looked up in pycountry's ISO 3166-1; ``ISO_BY_NAME`` holds the
Factbook names pycountry does not match. Entities that ISO 3166 gives no code, or that
are not states, say what they are in ``entity``: ``territory`` (the file has a
"Dependency status"), ``disputed`` (``DISPUTED``), ``organisation`` (the European
Union) or ``other`` (the World, the oceans, Antarctica); only a ``state`` must have codes.
The id is ``country/<slug of the name>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .leaves import Entity
from .text import one_line, slug

EntityKind = Literal["state", "territory", "organisation", "disputed", "other"]

ISO_BY_NAME: dict[str, str | None] = {
    "Congo (Brazzaville)": "CG", "DRC": "CD", "The Gambia": "GM", "The Bahamas": "BS",
    "Côte d'Ivoire": "CI", "The Dominican": "DO", "Russia": "RU", "Burma": "MM",
    "Brunei": "BN", "Macau": "MO", "Turkey": "TR", "Holy See (Vatican City)": "VA",
    "Saint Helena, Ascension, and Tristan da Cunha": "SH",
    "French Southern and Antarctic Lands": "TF", "Pitcairn Islands": "PN",
    "Sint Maarten": "SX", "Saint Martin": "MF", "Saint Barthelemy": "BL", "Curacao": "CW",
    "Virgin Islands": "VI", "Falkland Islands (Islas Malvinas)": "FK",
    "South Georgia and South Sandwich Islands": "GS", "Svalbard": "SJ",
    "Baker Island, Howland Island, Jarvis Island, Johnston Atoll, Kingman Reef, "
    "Midway Islands, Palmyra Atoll": "UM",
    "Korea, North": "KP", "Korea, South": "KR", "Micronesia, Federated States of": "FM",
    "Laos": "LA", "Iran": "IR", "Syria": "SY", "Vietnam": "VN", "Bolivia": "BO",
    "Venezuela": "VE", "Tanzania": "TZ", "Moldova": "MD", "Taiwan": "TW",
    # No ISO 3166-1 code of their own:
    "Kosovo": None, "Jan Mayen": None, "Navassa Island": None, "Wake Island": None,
    "Clipperton Island": None, "Akrotiri": None, "Dhekelia": None,
    "Ashmore and Cartier Islands": None, "Coral Sea Islands": None,
    "Gaza, Gaza Strip": None, "West Bank": None, "Paracel Islands": None,
    "Spratly Islands": None,
}
"""Factbook names pycountry does not match (or matches wrongly), with their ISO code."""

NAME_BY_CODE = {"ee": "European Union", "xx": "World", "oo": "Southern Ocean",
                "xo": "Indian Ocean", "xq": "Arctic Ocean", "zh": "Atlantic Ocean",
                "zn": "Pacific Ocean"}
"""Files that give no country name, by Factbook code."""

KIND_BY_CODE: dict[str, EntityKind] = {
    "ee": "organisation", "xx": "other", "oo": "other", "xo": "other", "xq": "other",
    "zh": "other", "zn": "other", "ay": "other",
    "gz": "disputed", "we": "disputed", "pf": "disputed", "pg": "disputed",
    "kv": "disputed", "wi": "disputed",
}
"""Entities that are not states, by Factbook code (beyond those with a dependency status)."""


@dataclass(frozen=True)
class Identity:
    """The brief's title and long name, its id, the kind of entity and its ISO codes."""

    title: str
    long_name: str | None
    id: str
    kind: EntityKind
    iso2: str | None
    iso3: str | None
    name_at: str | None


def _named(entity: Entity, field: str) -> str | None:
    text = entity.text("Government", "Country name", field)
    name = one_line(text) if text else ""
    return None if name.lower() in ("", "none", "na") else name


def _title(name: str) -> str:
    """The name without a long aside: ``Svalbard (sometimes referred to as ...)``."""
    return re.sub(r"\s*\([^()]{30,}\)", "", name).strip() or name


def iso_codes(name: str) -> tuple[str, str] | None:
    """ISO 3166-1 alpha-2 and alpha-3 of a Factbook name, or None."""
    import pycountry

    if name in ISO_BY_NAME:
        alpha2 = ISO_BY_NAME[name]
        if alpha2 is None:
            return None
        country = pycountry.countries.get(alpha_2=alpha2)
    else:
        try:
            country = pycountry.countries.lookup(name)
        except LookupError:
            return None
    if country is None:
        return None
    return str(country.alpha_2), str(country.alpha_3)


def identify(entity: Entity) -> Identity:
    """Title, id, kind and codes of an entity (never fails: the file's code is the last
    resort for a name)."""
    short = _named(entity, "conventional short form")
    long = _named(entity, "conventional long form")
    union = entity.text("Government", "Union name", "conventional long form")
    name = short or long or (one_line(union) if union else None) or NAME_BY_CODE.get(entity.code)
    at = ("Government › Country name › conventional short form" if short else
          "Government › Country name › conventional long form" if long else
          "Government › Union name › conventional long form" if union else None)
    title = _title(name) if name else entity.code.upper()
    codes = iso_codes(name) if name else None
    kind: EntityKind = KIND_BY_CODE.get(entity.code, "state")
    if kind == "state" and entity.text("Government", "Dependency status"):
        kind = "territory"
    if kind == "state" and codes is None:
        kind = "other"
    brief_slug = slug(title) or slug(entity.code) or "unnamed"
    return Identity(title, long if long and long != title else None, f"country/{brief_slug}",
                    kind, codes[0] if codes else None, codes[1] if codes else None, at)

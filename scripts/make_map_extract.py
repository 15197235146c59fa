"""Make the committed country-shape extract the maps draw (src/briefbook/models/geodata/).

Source: the npm package ``world-atlas`` pinned in package.json (Natural Earth admin-0
countries at 1:50m as TopoJSON; install it with ``npm ci --ignore-scripts``). Nothing is
downloaded here: the script reads ``node_modules/world-atlas/countries-50m.json``.

Steps:

1. Decode the TopoJSON arcs (delta-encoded, quantized) into lon/lat lines. The decoding
   is the few lines of the TopoJSON specification, done here: the PyPI package
   ``topojson`` encodes topologies but does not read them back, and the reference
   decoder (``topojson-client``) is JavaScript.
2. Simplify each *arc* (Douglas-Peucker, shapely, endpoints kept) before the arcs are put
   together into rings: a border shared by two countries is simplified once, so
   neighbours still meet without gaps or overlaps.
3. Build each country's polygons (shapely), repair what simplification made invalid,
   clip to the region (lon 25–95, lat 20–58), and drop what falls outside it.
4. Name each country: ISO 3166 alpha-3 and alpha-2 from the numeric code world-atlas
   gives (pycountry); English and Russian names from CLDR territory names (Babel).
   The two shapes Natural Earth draws without an ISO code that fall in the region
   (Siachen Glacier, Northern Cyprus) keep Natural Earth's own ADM0_A3 codes (KAS, CYN).
5. Write the extract (GeoJSON FeatureCollection, coordinates rounded to 0.001°, keys
   sorted, so that the same package always gives the same bytes) and PROVENANCE.md.

Run:  .venv/bin/python scripts/make_map_extract.py
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import babel
import pycountry
from shapely import make_valid
from shapely.geometry import LineString, MultiPolygon, Polygon, box, mapping
from shapely.geometry.base import BaseGeometry

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "world-atlas"
SOURCE = PACKAGE / "countries-50m.json"
OUT_DIR = ROOT / "src" / "briefbook" / "models" / "geodata"
REGION = (25.0, 20.0, 95.0, 58.0)  # lon min, lat min, lon max, lat max
TOLERANCE = 0.01  # degrees (about 1 km): under a pixel on a map of one small country
DIGITS = 3
NATURAL_EARTH_EDITION = "4.1.0"
# Shapes without an ISO 3166 code: Natural Earth's ADM0_A3 code and names.
NO_ISO = {
    "Siachen Glacier": ("KAS", "Siachen Glacier", "Ледник Сиачен"),
    "N. Cyprus": ("CYN", "Northern Cyprus", "Северный Кипр"),
}

Line = list[tuple[float, float]]


def decode_arcs(topology: dict[str, Any]) -> list[Line]:
    """The topology's arcs in lon/lat (TopoJSON specification, 2.1.3 and 2.2)."""
    (kx, ky), (dx, dy) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        line = []
        for step_x, step_y in arc:
            x += step_x
            y += step_y
            line.append((x * kx + dx, y * ky + dy))
        arcs.append(line)
    return arcs


def simplify_arcs(arcs: list[Line], tolerance: float) -> list[Line]:
    """Each arc simplified on its own (its ends stay, so shared borders stay shared)."""
    out = []
    for arc in arcs:
        if len(arc) > 2:
            arc = list(LineString(arc).simplify(tolerance, preserve_topology=False).coords)
        out.append(arc)
    return out


def ring(indexes: list[int], arcs: list[Line]) -> Line:
    """A ring from arc indexes (a negative index ~i is arc i reversed)."""
    points: Line = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict[str, Any], arcs: list[Line]) -> Iterator[Polygon]:
    parts = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    for rings in parts:
        shell, *holes = (ring(r, arcs) for r in rings)
        if len(shell) >= 4:
            yield Polygon(shell, [h for h in holes if len(h) >= 4])


def clipped(shapes: list[Polygon]) -> BaseGeometry | None:
    whole = make_valid(MultiPolygon(shapes)).intersection(box(*REGION))
    parts = [g for g in getattr(whole, "geoms", [whole]) if isinstance(g, Polygon | MultiPolygon)]
    polys = [p for g in parts for p in getattr(g, "geoms", [g]) if p.area > 0]
    if not polys:
        return None
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def names(geometry: dict[str, Any]) -> dict[str, Any] | None:
    """ISO codes and names of a world-atlas geometry (None when it is nobody's country)."""
    label = geometry.get("properties", {}).get("name", "")
    if "id" not in geometry:
        if label not in NO_ISO:
            return None
        code, en, ru = NO_ISO[label]
        return {"iso3": code, "iso2": None, "numeric": None, "name_en": en, "name_ru": ru}
    country = pycountry.countries.get(numeric=geometry["id"])
    if country is None:
        raise SystemExit(f"unknown ISO 3166 numeric code {geometry['id']} ({label})")
    return {"iso3": country.alpha_3, "iso2": country.alpha_2, "numeric": geometry["id"],
            "name_en": babel.Locale("en").territories[country.alpha_2],
            "name_ru": babel.Locale("ru").territories[country.alpha_2]}


def rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, DIGITS)
    if isinstance(value, list | tuple):
        return [rounded(v) for v in value]
    return value


def extract(topology: dict[str, Any], tolerance: float) -> dict[str, Any]:
    arcs = simplify_arcs(decode_arcs(topology), tolerance)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        shape = clipped(list(polygons(geometry, arcs))) if geometry.get("arcs") else None
        if shape is None:
            continue
        properties = names(geometry)
        if properties is None:
            continue
        geo = mapping(shape)
        features.append({"type": "Feature", "id": properties["iso3"], "properties": properties,
                         "geometry": {"type": geo["type"],
                                      "coordinates": rounded(geo["coordinates"])}})
    features.sort(key=lambda f: f["id"])
    return {"type": "FeatureCollection", "bbox": list(REGION), "features": features}


PROVENANCE = """\
# Country shapes: provenance

`countries.json` is made by `scripts/make_map_extract.py` from a pinned npm package;
run the script again to make it again (it gives the same bytes from the same package).

| | |
| --- | --- |
| Package | `world-atlas` {version} (npm, pinned in `package.json` and `package-lock.json`) |
| Source file | `countries-50m.json`, sha256 `{source_sha}` |
| Data | Natural Earth {edition}, Admin 0 – Countries, 1:50m |
| Region | lon {region[0]:g}–{region[2]:g}, lat {region[1]:g}–{region[3]:g} (clipped) |
| Simplification | Douglas-Peucker on each shared arc, tolerance {tolerance:g}° |
| Coordinates | lon/lat (WGS 84), rounded to {digits} decimals |
| Countries | {count} |
| Extract | `countries.json`, {size} bytes, sha256 `{extract_sha}` |

Codes: ISO 3166-1 alpha-3 and alpha-2 from the numeric code world-atlas gives (pycountry).
Two shapes in the region have no ISO code and keep Natural Earth's ADM0_A3 code:
KAS (Siachen Glacier) and CYN (Northern Cyprus). Names: CLDR territory names in
English and Russian (Babel {babel_version}).

## Licence

Natural Earth data is in the public domain (naturalearthdata.com, "Terms of use").
The `world-atlas` package is under the ISC licence (© Mike Bostock); the extract keeps
only Natural Earth's data, converted.

## Boundaries are not authoritative

Natural Earth draws each boundary once, by its *de facto* view (who controls a place),
and that view is not the position of this site or of any government. Disputed areas
(Kashmir, Crimea, Abkhazia and South Ossetia, Nagorno-Karabakh, Northern Cyprus and
others) appear as Natural Earth draws them. The Caspian Sea is drawn as water outside
every country; its legal status and the division of its seabed are themselves disputed
and partly settled by treaty. Every map built from this extract says that its
boundaries are not authoritative.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--tolerance", type=float, default=TOLERANCE)
    args = parser.parse_args()
    raw = args.source.read_bytes()
    data = extract(json.loads(raw), args.tolerance)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / "countries.json").write_text(text, encoding="utf-8")
    version = json.loads((args.source.parent / "package.json").read_text())["version"]
    encoded = text.encode("utf-8")
    (OUT_DIR / "PROVENANCE.md").write_text(PROVENANCE.format(
        version=version, source_sha=hashlib.sha256(raw).hexdigest(),
        edition=NATURAL_EARTH_EDITION, region=REGION, tolerance=args.tolerance,
        digits=DIGITS, count=len(data["features"]), size=len(encoded),
        extract_sha=hashlib.sha256(encoded).hexdigest(), babel_version=babel.__version__,
    ), encoding="utf-8")
    print(f"{len(data['features'])} countries, {len(encoded) / 1024:.0f} KB")


if __name__ == "__main__":
    main()

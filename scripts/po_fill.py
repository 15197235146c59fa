"""Fill msgstr of a catalog from a JSON mapping (msgid → text, or list for plurals), or from
another catalog's translated entries (used when merging two branches' catalogs).

    python scripts/po_fill.py ru strings.json
    python scripts/po_fill.py ru other.po
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

sys.path.insert(0, str(Path(__file__).resolve().parent))
from catalog import catalogs, key_of, read, translated  # noqa: E402


def main(code: str, source: str) -> None:
    path = catalogs()[code]
    catalog = read(path, code)
    if source.endswith(".po"):
        with open(source, "rb") as file:
            other = read_po(file, locale=code, domain="briefbook")
        found = {key_of(m): m.string for m in other if m.id and translated(m)}
    else:
        found = json.loads(Path(source).read_text("utf-8"))
    filled = 0
    for message in catalog:
        key = key_of(message)
        if key in found and not translated(message):
            value = found[key]
            message.flags.discard("fuzzy")
            message.string = tuple(value) if isinstance(value, list) else value
            filled += 1
    with path.open("wb") as file:
        write_po(file, catalog, width=100, sort_output=False, include_previous=False)
    print(f"{code}: {filled} filled")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

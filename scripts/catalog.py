"""The interface's gettext catalogs: extract the strings, update each language, check them.

    python scripts/catalog.py update   # extract; merge into every catalog (new strings empty)
    python scripts/catalog.py check    # exit 1 if a catalog lacks a translation or holds
                                       # one no longer used

Strings come from the templates (``{% trans %}``, ``_()``), from the package's Python
(``gettext(...)``, ``ngettext(...)``, ``N_(...)`` calls) and from what the models and
``mkdocs.yml`` name in English: kinds, the navigation's titles, and the models' and units'
descriptions the writers' guide shows. Catalogs live
in ``src/briefbook/locale/<code>/LC_MESSAGES/briefbook.po``, compiled in memory when a
site is built (:mod:`briefbook.render.language`). Style notes for translators are in the
header of each catalog.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "briefbook"
TEMPLATES = ROOT / "templates"
LOCALE = PACKAGE / "locale"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true",
                 "lstrip_blocks": "true", "newstyle_gettext": "true"}


def _model_words() -> Iterator[tuple[str, str]]:
    sys.path.insert(0, str(PACKAGE.parent))
    from briefbook.models import KIND_SINGULAR, KIND_TITLES

    for word in [*KIND_TITLES.values(), *KIND_SINGULAR.values()]:
        yield word, "models/kinds.py"


def _model_texts() -> Iterator[tuple[str, str]]:
    """What the writers' guide shows of the models, in English: each model's description
    (its docstring's first paragraph), each field's, and each unit's meaning and dimension."""
    sys.path.insert(0, str(PACKAGE.parent))
    from briefbook.models import KINDS, Brief, units
    from briefbook.render.guide import guide_parts

    for model in [Brief, *KINDS.values(), *guide_parts().values()]:
        where = f"models/{model.__name__}"
        doc = (model.__doc__ or "").strip().split("\n\n")[0]
        if doc:
            yield doc, where
        for info in model.model_fields.values():
            if info.description:
                yield info.description, where
    for info in units.UNITS.values():
        yield info.description, "models/units.py"
        yield info.dimension, "models/units.py"


def _part_names() -> tuple[str, list[str]]:
    """The catalog context of the parts' names and the names, as the writers' guide heads
    their sections (``Figure``)."""
    sys.path.insert(0, str(PACKAGE.parent))
    from briefbook.render.guide import PART_CONTEXT, guide_parts

    return PART_CONTEXT, sorted(guide_parts())


def _nav_titles() -> Iterator[tuple[str, str]]:
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)

    def walk(items: object) -> Iterator[str]:
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                for title, value in item.items():
                    yield str(title)
                    yield from walk(value)
    for title in walk(config.get("nav")):
        yield title, "mkdocs.yml"


def extract() -> Catalog:
    """Every interface string, with where it is used."""
    catalog = Catalog(project="briefbook", domain="briefbook", fuzzy=False)
    methods = [("**.j2", "jinja2"), ("**.html", "jinja2")]
    for found in extract_from_dir(str(TEMPLATES), methods, keywords=KEYWORDS,
                                  options_map={"**.j2": JINJA_OPTIONS, "**.html": JINJA_OPTIONS},
                                  comment_tags=("Translators:",), strip_comment_tags=True):
        name, line, message, comments, context = found
        catalog.add(message, locations=[(f"templates/{name}", line)],
                    auto_comments=comments, context=context)
    for folder, prefix in [(PACKAGE, "src/briefbook/")]:
        for found in extract_from_dir(str(folder), [("**.py", "python"),
                                                    ("**/theme/*.html", "jinja2")],
                                      keywords=KEYWORDS,
                                      options_map={"**/theme/*.html": JINJA_OPTIONS},
                                      comment_tags=("Translators:",), strip_comment_tags=True):
            name, line, message, comments, context = found
            catalog.add(message, locations=[(prefix + name, line)],
                        auto_comments=comments, context=context)
    for message, where in [*_model_words(), *_nav_titles(), *_model_texts()]:
        catalog.add(message, locations=[(where, 0)])
    context, names = _part_names()
    for name in names:
        catalog.add(name, locations=[("models/parts", 0)], context=context,
                    auto_comments=["The name of a part of a brief (a model) in the writers' "
                                   "guide's headings and tables"])
    return catalog


def catalogs() -> dict[str, Path]:
    """Every language's catalog file, by code."""
    return {p.parent.parent.name: p for p in sorted(LOCALE.glob("*/LC_MESSAGES/briefbook.po"))}


def read(path: Path, code: str) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=code, domain="briefbook")


def update() -> None:
    template = extract()
    for code, path in catalogs().items():
        catalog = read(path, code)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        with path.open("wb") as file:
            write_po(file, catalog, width=100, sort_output=False, include_previous=False,
                     omit_header=False)
        missing = [m.id for m in catalog if m.id and not m.string]
        print(f"{code}: {len(catalog)} strings, {len(missing)} untranslated")


def key_of(message: Message) -> str:
    """A message's msgid (the singular one of a plural message), after its context and
    gettext's separator (``part name\x04Figure``) if it has one; empty for the header."""
    if not message.id:
        return ""
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return f"{message.context}\x04{msgid}" if message.context else msgid


def translated(message: Message) -> bool:
    """Whether every form of a message has its translation (and none is only a guess)."""
    strings = [message.string] if isinstance(message.string, str) else list(message.string)
    return all(strings) and not message.fuzzy


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def problems() -> list[str]:
    """Strings a catalog lacks, and entries no longer used, as lines to show."""
    template = extract()
    wanted = {key_of(m) for m in template if m.id}
    lines = []
    for code, path in catalogs().items():
        have = {key_of(m): m for m in read(path, code) if m.id}
        for key in sorted(wanted):
            message = have.get(key)
            if message is None or not translated(message):
                lines.append(f"{_shown(path)}: untranslated: {key!r}")
        for key in sorted(set(have) - wanted):
            lines.append(f"{_shown(path)}: unused entry: {key!r}")
    return lines


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command == "update":
        update()
        return 0
    if command == "check":
        found = problems()
        print("\n".join(found) or "every catalog is complete")
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))

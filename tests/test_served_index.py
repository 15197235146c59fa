"""The preview's upkeep of the served folder, unit by unit: the search index kept page by
page (written as Material writes it), and deleting the built files of pages gone, never
a hand-written page's or a theme file's."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from mkdocs.structure.files import File, Files

from briefbook.engines.mkdocs.preview import remove_outputs
from briefbook.engines.mkdocs.searchindex import INDEX_PATH, ServedIndex

CONFIG = {"lang": ["en", "ru"], "separator": "[\\s\\-]+", "fields": {"title": {"boost": 1e3}}}


def _entry(location: str, text: str) -> dict[str, Any]:
    return {"location": location, "title": text.title(), "text": f"{text} «текст»"}


def _material(docs: list[dict[str, Any]]) -> str:
    """The index as Material's search plugin writes it."""
    return json.dumps({"config": CONFIG, "docs": docs}, separators=(",", ":"), default=str)


def _site(tmp_path: Path, docs: list[dict[str, Any]]) -> Path:
    (tmp_path / "search").mkdir(parents=True)
    (tmp_path / INDEX_PATH).write_text(_material(docs), "utf-8")
    return tmp_path


def test_the_kept_index_is_written_as_material_writes_the_same_pages(tmp_path: Path) -> None:
    home, a, b = _entry("", "home"), _entry("a/", "a"), _entry("b/", "b")
    a2 = _entry("a/#part", "a part")
    index = ServedIndex.read(_site(tmp_path, [home, a, a2, b]))
    assert index is not None
    assert index.text(["", "a/", "b/"]) == _material([home, a, a2, b])
    # a/ rendered again (one section now), c/ new, b/ gone, and the site's order kept.
    c, new_a = _entry("c/", "c"), _entry("a/", "a again")
    index.update(["a/", "c/"], [new_a, c])
    index.write(tmp_path, ["", "c/", "a/"])
    assert (tmp_path / INDEX_PATH).read_text("utf-8") == _material([home, c, new_a])
    assert sorted(p.name for p in (tmp_path / "search").iterdir()) == ["search_index.json"]


def test_a_page_rendered_with_no_entries_loses_its_old_ones(tmp_path: Path) -> None:
    index = ServedIndex.read(_site(tmp_path, [_entry("a/", "a"), _entry("b/", "b")]))
    assert index is not None
    index.update(["a/"], [])
    assert index.text(["a/", "b/"]) == _material([_entry("b/", "b")])


def test_an_index_not_in_materials_format_is_not_kept(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    assert ServedIndex.read(tmp_path) is None
    (tmp_path / INDEX_PATH).write_text('{"config": {}, "docs": [], "index": {}}')
    assert ServedIndex.read(tmp_path) is None
    (tmp_path / INDEX_PATH).write_text('{"config": ')
    assert ServedIndex.read(tmp_path) is None


def test_only_the_built_files_of_generated_pages_gone_are_deleted(tmp_path: Path) -> None:
    site, generated, docs = tmp_path / "site", tmp_path / "generated", tmp_path / "docs"
    for path in ("gone/page/index.html", "about/index.html", "assets/theme.css",
                 "kept/page/index.html", "gone/other.svg", "outside.html"):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(path)
    (tmp_path / "secret.txt").write_text("not the site's")
    config: Any = SimpleNamespace(site_dir=str(site), use_directory_urls=True)
    # The site still has a hand-written about.md and a theme file at those places.
    files = Files([File("about.md", str(docs), str(site), True),
                   File("assets/theme.css", str(docs), str(site), True),
                   File("kept/page.md", str(generated), str(site), True)])
    remove_outputs(["gone/page.md", "gone/other.svg", "about.md", "assets/theme.css",
                    "../secret.txt", "../site/outside.html"], str(generated), config, files)
    left = sorted(str(p.relative_to(site)) for p in site.rglob("*"))
    assert left == ["about", "about/index.html", "assets", "assets/theme.css", "kept",
                    "kept/page", "kept/page/index.html", "outside.html"]
    assert (tmp_path / "secret.txt").is_file()

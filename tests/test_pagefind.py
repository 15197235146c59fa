"""The site's search index (briefbook.engines.pagefind): Pagefind run over a built site,
one index per <html lang>, only what the theme marks indexed; its failures are one line."""

from __future__ import annotations

import stat
from pathlib import Path

import pagefind.service
import pytest

from briefbook.engines import pagefind as engine
from briefbook.engines import sitedir
from briefbook.errors import BriefbookError, OutputError

from .pagefind_files import fragments, languages

PAGE = """<!doctype html><html lang="{lang}"><head><title>{title}</title></head><body>
<nav>Navigation words everywhere</nav>
<div data-pagefind-body>
<div class="bb-marking">TLP:CLEAR</div>
<h1>{title}</h1>
<p class="bb-meta"><span class="bb-kind" data-pagefind-meta="kind">{kind}</span></p>
<div class="bb-summary" data-pagefind-meta="summary"><p>{summary}</p></div>
</div></body></html>
"""


def _site(root: Path) -> Path:
    pages = {
        "gas_field/a/index.html": ("en", "Galkynysh gas field", "Gas field", "The largest."),
        "ru/gas_field/a/index.html": ("ru", "Месторождение Галкыныш", "Газовое месторождение",
                                      "Крупнейшее."),
    }
    for path, (lang, title, kind, summary) in pages.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(PAGE.format(lang=lang, title=title, kind=kind,
                                             summary=summary), "utf-8")
    (root / "404.html").write_text("<html lang='en'><body>Not found</body></html>", "utf-8")
    return root


def test_one_run_indexes_each_language_apart(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    assert engine.index_site(site) == site / "pagefind"
    assert {"pagefind.js", "pagefind-worker.js", "pagefind-highlight.js"} <= {
        p.name for p in (site / "pagefind").iterdir()}
    assert not list((site / "pagefind").glob("pagefind-*ui.*"))  # the site's box is its own
    assert set(languages(site)) == {"en", "ru"}
    found = {f["url"]: f for f in fragments(site)}
    assert set(found) == {"/gas_field/a/", "/ru/gas_field/a/"}  # not 404.html: no body mark
    english, russian = found["/gas_field/a/"], found["/ru/gas_field/a/"]
    assert (english["lang"], russian["lang"]) == ("en", "ru")
    assert english["meta"] == {"title": "Galkynysh gas field", "kind": "Gas field",
                               "summary": "The largest."}
    assert russian["meta"]["kind"] == "Газовое месторождение"
    # Only the marked article, and not its banner.
    assert "Navigation" not in english["content"] and "TLP" not in english["content"]


def _digests(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_indexing_again_replaces_the_index(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    engine.index_site(site)
    first = _digests(site / "pagefind")
    for _ in range(3):  # the same pages, the same bytes (Pagefind orders its languages freely)
        engine.index_site(site)
        assert _digests(site / "pagefind") == first
    (site / "ru" / "gas_field" / "a" / "index.html").unlink()
    engine.index_site(site)
    assert set(languages(site)) == {"en"}
    assert [f["url"] for f in fragments(site)] == ["/gas_field/a/"]
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".")) == []


def test_a_site_without_pages_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    with pytest.raises(BriefbookError, match="^site search: Pagefind"):
        engine.index_site(tmp_path / "site")
    assert not (tmp_path / "site" / "pagefind").exists()


@pytest.fixture
def no_pagefind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No Pagefind anywhere briefbook looks: none named, none installed beside the
    environment's scripts (the folder returned, empty), none from the wheel."""
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    monkeypatch.setattr(engine.sysconfig, "get_path", lambda name: str(scripts))
    monkeypatch.setattr(pagefind.service, "get_executable", lambda: None)
    return scripts


def _failing(path: Path, says: str) -> Path:
    """An executable at ``path`` that fails saying ``says``."""
    path.write_text(f"#!/bin/sh\necho 'Error: {says}' >&2\nexit 3\n", "utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def test_a_missing_pagefind_is_one_clear_error(tmp_path: Path, no_pagefind: Path) -> None:
    with pytest.raises(BriefbookError, match=r"Pagefind is not installed \(pip install"):
        engine.index_site(_site(tmp_path / "site"))


def test_a_failing_pagefind_is_one_clear_error(tmp_path: Path, no_pagefind: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    broken = _failing(tmp_path / "pagefind", "something went wrong")
    monkeypatch.setattr(pagefind.service, "get_executable", lambda: broken)
    with pytest.raises(BriefbookError, match="^site search: Pagefind failed: Error: something"):
        engine.index_site(_site(tmp_path / "site"))


def test_pagefind_is_the_one_named_then_the_one_installed_then_the_wheels(
        tmp_path: Path, no_pagefind: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wheel = _failing(tmp_path / "wheel", "the wheel")
    monkeypatch.setattr(pagefind.service, "get_executable", lambda: wheel)
    with pytest.raises(BriefbookError, match="the wheel"):
        engine.index_site(_site(tmp_path / "site"))
    _failing(no_pagefind / "pagefind_extended", "the one make installed")
    with pytest.raises(BriefbookError, match="the one make installed"):
        engine.index_site(tmp_path / "site")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(_failing(tmp_path / "named", "the named")))
    with pytest.raises(BriefbookError, match="the named"):
        engine.index_site(tmp_path / "site")


def test_an_index_it_cannot_move_in_is_an_output_error(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path / "site")
    engine.index_site(site)

    def refused(new: Path, live: Path, aside: Path) -> None:
        raise PermissionError(13, "Permission denied", str(new))

    monkeypatch.setattr(sitedir, "swap", refused)
    with pytest.raises(OutputError, match="^site search: Permission denied"):
        engine.index_site(site)
    monkeypatch.undo()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()  # the old index stands
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".")) == []


def test_the_preview_indexes_in_the_background_until_the_last_save(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    errors: list[str] = []
    background = engine.Background(errors.append)
    background.request(site)
    (site / "ru" / "gas_field" / "a" / "index.html").unlink()  # a save while it runs
    background.request(site)
    background.wait(120)
    assert errors == []
    assert [f["url"] for f in fragments(site)] == ["/gas_field/a/"]
    (site / "gas_field" / "a" / "index.html").unlink()
    (site / "404.html").unlink()
    background.request(site)  # nothing left to index: the error is reported, not raised
    background.wait(120)
    assert len(errors) == 1 and errors[0].startswith("site search: Pagefind")

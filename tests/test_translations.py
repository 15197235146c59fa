"""Translation coverage: the text fields of a brief found from the models' annotations,
counted per occurrence; ``briefbook translations`` and its threshold; the template global."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import Field

from briefbook.models import KINDS
from briefbook.models.common import Strict
from briefbook.models.translation import Coverage, coverage, text_fields, translated_share
from briefbook.models.types import Text
from briefbook.render.environment import Renderer

from .test_cli import run

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-22"


class Inner(Strict):
    label: Text
    note: Text | None = None


class Outer(Strict):
    title: Text
    body: Text | None = None
    items: list[Inner] = Field(default_factory=list)
    topics: list[Text] = Field(default_factory=list)
    by_key: dict[str, Inner] = Field(default_factory=dict)
    maybe: Inner | None = None
    # Mappings of languages that are not Text: never counted, whatever their shape.
    aliases: dict[str, list[str]] = Field(default_factory=dict)
    names: dict[str, str] = Field(default_factory=dict)


def _outer() -> Outer:
    return Outer.model_validate({
        "title": {"en": "Title", "ru": "Заголовок"},
        "items": [{"label": "One"}, {"label": {"en": "Two", "ru": "Два"}, "note": "n"}],
        "topics": ["Gas", {"en": "Rail", "ru": "Железные дороги"}],
        "by_key": {"a": {"label": "A"}},
        "maybe": {"label": {"en": "M", "ru": "М"}},
        "aliases": {"en": ["Berdimuhamedov"], "ru": ["Бердымухамедов"]},
        "names": {"en": "Alpha", "ru": "Альфа"},
    })


def test_text_fields_come_from_the_annotations_with_dotted_paths() -> None:
    assert [path for path, _ in text_fields(_outer())] == [
        "title", "items[0].label", "items[1].label", "items[1].note", "topics[0]",
        "topics[1]", "by_key.a.label", "maybe.label"]


def test_coverage_counts_each_occurrence_and_names_what_lacks_the_language() -> None:
    found = coverage(_outer(), "ru")
    assert (found.translated, found.total) == (4, 8)
    assert found.missing == ("items[0].label", "items[1].note", "topics[0]", "by_key.a.label")
    assert coverage(_outer(), "en") == Coverage("en", 8, 8, ())
    assert translated_share(_outer(), "kk") == (0, 8)


def test_absent_optional_fields_are_not_counted() -> None:
    found = coverage(Outer.model_validate({"title": "Only"}), "ru")
    assert (found.translated, found.total, found.missing) == (0, 1, ("title",))


def test_a_figure_label_counts_once_per_figure() -> None:
    figure = {"value": 1, "unit": "%", "period": 2024, "sources": ["src-a"]}
    relation = KINDS["relation"].model_validate({
        "kind": "relation", "title": {"en": "A–B", "ru": "А–Б"}, "summary": "S",
        "marking": "TLP:CLEAR", "reviewed": "2026-01-01", "parties": ["country/a", "country/b"],
        "figures": [{**figure, "label": {"en": "Trade", "ru": "Товарооборот"}},
                    {**figure, "label": "Trade", "note": "Estimate",
                     "alternatives": [{"value": 2, "note": "Other", "sources": ["src-a"]}]}],
    }, context={"today": None})
    found = coverage(relation, "ru")
    assert (found.translated, found.total) == (2, 6)
    assert found.missing == ("summary", "figures[1].label", "figures[1].note",
                             "figures[1].alternatives[0].note")


@pytest.mark.parametrize(("translated", "total", "percent"), [
    (26, 30, 87), (0, 0, 100), (0, 5, 0), (299, 300, 99), (1, 300, 1), (30, 30, 100)])
def test_percent_is_never_100_while_incomplete_nor_0_once_begun(
        translated: int, total: int, percent: int) -> None:
    assert Coverage("ru", total, translated).percent == percent


def test_the_share_is_a_template_global(tmp_path: Path) -> None:
    (tmp_path / "t.md.j2").write_text(
        "{% set done, total = translated_share(brief, lang) %}{{ done }}/{{ total }}")
    renderer = Renderer(tmp_path, "Site", ("en", "ru"))
    template = renderer.env.get_template("t.md.j2")
    assert template.render(brief=_outer(), lang="ru") == "4/8"


# The command: a small corpus in a throw-away folder.

SOURCES = """\
src-a:
  title: Source A
  publisher: Publisher A
"""
ALPHA = """\
kind: country
title: {en: Alpha, ru: Альфа}
summary: {en: A country., ru: Страна.}
marking: TLP:CLEAR
reviewed: 2026-01-01
iso2: XA
iso3: XAA
figures:
  - label: {en: Population, ru: Население}
    value: 2.5
    unit: people
    scale: million
    period: 2024
    sources: [src-a]
  - label: Area
    value: 3
    unit: km2
    period: 2024
    sources: [src-a]
"""
PAT = """\
kind: person
title: Pat Example
summary: {en: Head of state of Alpha., ru: Глава государства Альфа.}
marking: TLP:CLEAR
reviewed: 2026-03-01
country: country/alpha
"""
CONFIG = """\
site_name: Test
plugins:
  - briefbook:
      languages: [en, ru]
"""


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """alpha: 3 of 4 fields in Russian; pat: 1 of 2; together 4 of 6 (66.7 %)."""
    briefs = tmp_path / "briefs"
    for name, text in {"_sources.yml": SOURCES, "country/alpha.yml": ALPHA,
                       "person/pat.yml": PAT}.items():
        (briefs / name).parent.mkdir(parents=True, exist_ok=True)
        (briefs / name).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return briefs


def test_report_per_brief_and_total(corpus: Path, capsys, monkeypatch) -> None:
    code, out, err = run(["translations", "--today", TODAY], capsys, monkeypatch)
    assert code == 0
    assert out.splitlines() == ["briefs/country/alpha.yml: ru 75% (3/4)",
                                "briefs/person/pat.yml: ru 50% (1/2)",
                                "total: ru 67% (4/6) in 2 brief(s)"]
    assert err == "briefbook: 2 brief(s), ru 67%\n"


def test_verbose_lists_the_fields_lacking_the_language(corpus: Path, capsys, monkeypatch) -> None:
    code, out, _ = run(["translations", "--today", TODAY, "-v"], capsys, monkeypatch)
    assert code == 0
    assert "briefs/country/alpha.yml: ru 75% (3/4)\n  ru missing: figures[1].label\n" in out
    assert "  ru missing: title\n" in out


def test_fails_under_the_threshold_and_passes_otherwise(corpus: Path, capsys,
                                                         monkeypatch) -> None:
    code, _, err = run(["translations", "--today", TODAY, "--fail-under", "70"],
                       capsys, monkeypatch)
    assert code == 1
    assert "under 70% translated: ru 66.7% (4/6)" in err
    code, _, _ = run(["translations", "--today", TODAY, "--fail-under", "66.6"],
                     capsys, monkeypatch)
    assert code == 0
    # Another language asked for: nothing of it yet.
    code, out, _ = run(["translations", "--today", TODAY, "--lang", "kk", "--fail-under", "1"],
                       capsys, monkeypatch)
    assert (code, out.splitlines()[-1]) == (1, "total: kk 0% (0/6) in 2 brief(s)")


def test_json_report(corpus: Path, capsys, monkeypatch) -> None:
    code, out, _ = run(["translations", "--today", TODAY, "--format", "json",
                        "--fail-under", "70"], capsys, monkeypatch)
    report = json.loads(out)
    assert code == 1 and report["failed"] == ["ru"]
    assert report["languages"] == ["ru"] and report["default"] == "en"
    assert report["total"]["ru"] == {"translated": 4, "total": 6, "percent": 67, "ratio": 0.6667}
    alpha = report["briefs"][0]
    assert (alpha["id"], alpha["path"]) == ("country/alpha", "briefs/country/alpha.yml")
    assert alpha["languages"]["ru"]["missing"] == ["figures[1].label"]


def test_languages_come_from_the_site_config(corpus: Path, capsys, monkeypatch) -> None:
    (corpus.parent / "mkdocs.yml").write_text(CONFIG.replace("[en, ru]", "[en, ru, kk]"))
    _, out, _ = run(["translations", "--today", TODAY], capsys, monkeypatch)
    assert out.splitlines()[0] == "briefs/country/alpha.yml: ru 75% (3/4), kk 0% (0/4)"
    (corpus.parent / "mkdocs.yml").write_text("site_name: Test\n")
    code, out, err = run(["translations", "--today", TODAY], capsys, monkeypatch)
    assert (code, out) == (0, "")
    assert "nothing to report" in err


def test_content_errors_are_reported_as_validate_reports_them(corpus: Path, capsys,
                                                              monkeypatch) -> None:
    (corpus / "person/pat.yml").write_text(PAT.replace("TLP:CLEAR", "TLP:WHITE"))
    code, out, err = run(["translations", "--today", TODAY], capsys, monkeypatch)
    assert code == 1 and out == ""
    assert "briefs/person/pat.yml:4:" in err and "stopped: 1 error found" in err


def test_a_bad_language_code_is_a_usage_error(corpus: Path, capsys, monkeypatch) -> None:
    code, _, err = run(["translations", "--lang", "Russian"], capsys, monkeypatch)
    assert code == 2 and "not a language code" in err

"""The bad-brief corpus: one flaw per file, each with its exact diagnostics.

Every case copies ``tests/bad_briefs/_base`` (a small valid tree) into a temporary
``briefs/`` folder, drops one file from ``tests/bad_briefs`` into it and runs the real
load → validate → resolve path. The diagnostics must be exactly the ones listed:
path, 1-based line and column, severity and message.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefbook.errors import Diagnostics
from briefbook.load.files import MAX_FILE_BYTES
from briefbook.pipeline import Settings, check

BAD = Path(__file__).parent / "bad_briefs"
TODAY = dt.date(2026, 11, 22)
GAMMA = "briefs/country/gamma.yml"
CORRIDOR = "briefs/transport_corridor/t.yml"

# case file stem → (where it goes under briefs/, [(path, line, col, severity, message)])
CASES: dict[str, tuple[str, list[tuple[str, int, int, str, str]]]] = {
    "python_tag": ("country/gamma.yml", [
        (GAMMA, 9, 10, "error", "YAML tag !!python/object/apply:os.system is not allowed")]),
    "duplicate_key": ("country/gamma.yml", [
        (GAMMA, 9, 1, "error", "duplicate key 'title' (first defined at line 3)")]),
    "unknown_key": ("country/gamma.yml", [
        (GAMMA, 1, 1, "error", "missing required key 'summary'"),
        (GAMMA, 4, 1, "error", "unknown key 'sumary'; did you mean 'summary'?")]),
    "nested_unknown_key": ("country/gamma.yml", [
        (GAMMA, 10, 5, "error", "missing required key 'sources'"),
        (GAMMA, 13, 5, "error", "unknown key 'source'; did you mean 'sources'?")]),
    "billion_laughs": ("country/gamma.yml", [
        (GAMMA, 8, 4, "error", "document expands to more than 100000 values (too many aliases?)")]),
    "recursive_alias": ("country/gamma.yml", [
        (GAMMA, 9, 7, "error", "recursive alias: an anchor refers to itself")]),
    "bad_alias_anchor": ("country/gamma.yml", [
        (GAMMA, 9, 7, "error", "invalid YAML: found undefined alias")]),
    "merge_key": ("country/gamma.yml", [
        (GAMMA, 4, 1, "error", "merge keys (<<) are not supported: write the keys out")]),
    "deep_nesting": ("country/gamma.yml", [
        (GAMMA, 9, 56, "error", "values are nested more than 50 levels deep")]),
    "non_utf8": ("country/gamma.yml", [
        (GAMMA, 2, 11, "error", "file is not valid UTF-8 text")]),
    "control_char": ("country/gamma.yml", [
        (GAMMA, 3, 11, "error",
         "invalid YAML: character U+0007 is not allowed (control characters are not allowed)")]),
    "empty": ("country/gamma.yml", [(GAMMA, 1, 1, "error", "file is empty")]),
    "comments_only": ("country/gamma.yml", [
        (GAMMA, 1, 1, "error", "file has no content (only comments)")]),
    "list_top": ("country/gamma.yml", [
        (GAMMA, 2, 1, "error", "the top level must be a mapping of keys to values")]),
    "invalid_yaml": ("country/gamma.yml", [
        (GAMMA, 5, 8, "error", "invalid YAML: did not find expected ',' or ']'")]),
    "two_documents": ("country/gamma.yml", [
        (GAMMA, 9, 1, "error", "invalid YAML: but found another document")]),
    "impossible_date": ("country/gamma.yml", [
        (GAMMA, 6, 11, "error", "'2025-02-30' is not a real date")]),
    "integer_date": ("country/gamma.yml", [
        (GAMMA, 6, 11, "error", "expected a date written YYYY-MM-DD")]),
    "future_reviewed": ("country/gamma.yml", [
        (GAMMA, 6, 11, "error",
         "reviewed date 2027-01-05 is in the future (today is 2026-11-22)")]),
    "bad_marking": ("country/gamma.yml", [
        (GAMMA, 5, 10, "error", "'TLP:WHITE' is not allowed: expected 'TLP:CLEAR', 'TLP:GREEN', "
                                "'TLP:AMBER', 'TLP:AMBER+STRICT' or 'TLP:RED'")]),
    "missing_title": ("country/gamma.yml", [
        (GAMMA, 1, 1, "error", "missing required key 'title'")]),
    "missing_kind": ("country/gamma.yml", [
        (GAMMA, 1, 1, "error", "missing required key 'kind'")]),
    "unknown_kind": ("country/gamma.yml", [
        (GAMMA, 2, 7, "error", "unknown kind 'contry'; did you mean 'country'?")]),
    "wrong_kind_value": ("country/gamma.yml", [
        (GAMMA, 2, 7, "error", "kind must be one of: country, person, relation, meeting, "
                               "gas_field, transport_corridor, industrial_park, initiative")]),
    "text_without_en": ("country/gamma.yml", [
        (GAMMA, 4, 3, "error", "an English text ('en') is required")]),
    "empty_translation": ("country/gamma.yml", [
        (GAMMA, 5, 7, "error", "the 'ru' text must not be empty")]),
    "bad_period": ("country/gamma.yml", [
        (GAMMA, 14, 13, "error", "'2024-H3' is not a period: use 2023, 2024-H1, 2024-Q1, "
                                 "2024-05, 2024-05-27, a fiscal year (FY2024, 2015/16) or a "
                                 "range like 2024-01..2024-04")]),
    "year_range_period": ("country/gamma.yml", [
        (GAMMA, 14, 13, "error", "'2020-25' looks like a range of years: write 2020..2025")]),
    "alias_listed_twice": ("person/sam.yml", [
        ("briefs/person/sam.yml", 9, 21, "error", "'Сэм Экзампл' is listed twice")]),
    "alias_not_a_language": ("country/gamma.yml", [
        (GAMMA, 11, 3, "error", "'Russian' is not a language code (use en, ru, kk, tk ...)")]),
    "bad_currency": ("country/gamma.yml", [
        (GAMMA, 12, 11, "error", "'USX' is not an ISO 4217 currency code")]),
    "figure_without_source": ("country/gamma.yml", [
        (GAMMA, 15, 14, "error", "'sources' needs at least 1 source")]),
    "quote_without_source": ("meeting/m.yml", [
        ("briefs/meeting/m.yml", 14, 5, "error", "missing required key 'sources'")]),
    "portion_looser": ("meeting/m.yml", [
        ("briefs/meeting/m.yml", 17, 14, "error", "this part is marked TLP:GREEN, less strict "
         "than its brief's TLP:AMBER: a part may only be as strict or stricter"),
        ("briefs/meeting/m.yml", 22, 14, "error", "this part is marked TLP:CLEAR, less strict "
         "than its brief's TLP:AMBER: a part may only be as strict or stricter")]),
    "unknown_source": ("country/gamma.yml", [
        (GAMMA, 15, 22, "error", "unknown source 'src-z': add it to briefs/_sources.yml or fix "
                                 "the id; did you mean 'src-b'?")]),
    "unused_source": ("_sources.yml", [
        ("briefs/_sources.yml", 8, 1, "warning", "source 'src-c' is not cited by any brief")]),
    "unknown_ref": ("country/gamma.yml", [
        (GAMMA, 9, 26, "error", "unknown brief 'country/gamme'; did you mean 'country/gamma'?")]),
    "wrong_kind_ref": ("country/gamma.yml", [
        (GAMMA, 9, 16, "error",
         "'country/beta' is a country brief; 'head_of_state' expects a person")]),
    "self_ref": ("country/gamma.yml", [
        (GAMMA, 9, 11, "error", "brief 'country/gamma' refers to itself")]),
    "javascript_link": ("country/gamma.yml", [
        (GAMMA, 4, 10, "error", "link target 'javascript:alert(document.cookie' is not allowed: "
                                "use http, https, mailto or a relative link")]),
    "bad_link_url": ("country/gamma.yml", [
        (GAMMA, 11, 10, "error", "a link must start with http://, https:// or mailto:")]),
    "range_backwards": ("country/gamma.yml", [
        (GAMMA, 12, 16, "error", "value_max (13) must be greater than value (20)")]),
    "boolean_value": ("country/gamma.yml", [
        (GAMMA, 11, 12, "error", "expected a number (write 1.5, not '1.5' or 1,5)")]),
    "nan_value": ("country/gamma.yml", [
        (GAMMA, 11, 12, "error", "expected a finite number")]),
    "tag_not_slug": ("country/gamma.yml", [
        (GAMMA, 9, 15, "error",
         "tag 'Natural Gas' must be lower-case letters, digits, '-' or '_'")]),
    "bad_iso2": ("country/gamma.yml", [
        (GAMMA, 7, 7, "error", "'xc' is not an ISO 3166-1 alpha-2 code: write two capital "
                               "letters, like KZ")]),
    "head_of_state_name": ("country/gamma.yml", [
        (GAMMA, 9, 16, "error", "'Pat' is not a brief id: give the id of a person brief (its "
                                "path under briefs/ without .yml), or 'name' and 'title' for "
                                "someone without a brief; did you mean 'person/pat'?")]),
    "name_as_ref": ("meeting/m.yml", [
        ("briefs/meeting/m.yml", 11, 16, "error", "'Pat S.' is not a brief id: give the id "
         "of a person brief (its path under briefs/ without .yml); did you mean 'person/pat'?"),
        ("briefs/meeting/m.yml", 11, 26, "error", "'Serdar Berdimuhamedov' is not a brief id: "
         "give the id of a person brief (its path under briefs/ without .yml); did you mean "
         "'person/serdar-berdimuhamedov'?")]),
    "position_backwards": ("person/sam.yml", [
        ("briefs/person/sam.yml", 10, 10, "error",
         "end (2019-01-01) is before start (2020-01-01)")]),
    "bad_id": ("country/Gamma Land.yml", [
        ("briefs/country/Gamma Land.yml", 1, 1, "error", "invalid brief id 'country/Gamma Land': "
         "use lower-case letters, digits, '-' and '_' in file and folder names")]),
    "wrong_folder": ("person/gamma.yml", [
        ("briefs/person/gamma.yml", 2, 7, "warning", "a country brief belongs in the folder "
         "country/ (its id, person/gamma, is its address on the site)")]),
    "placeholder": ("country/gamma.yml", [
        (GAMMA, 4, 10, "warning", "placeholder text left in 'summary': replace it")]),
    "geometry_out_of_range": ("transport_corridor/t.yml", [
        (CORRIDOR, 14, 15, "error", "latitude 95.52 is out of range: it must lie between -90 "
                                    "and 90; GeoJSON writes [longitude, latitude]: are the two "
                                    "swapped?")]),
    "geometry_one_point": ("transport_corridor/t.yml", [
        (CORRIDOR, 16, 11, "error", "a line needs at least 2 positions (it has 1)")]),
    "geometry_not_a_pair": ("transport_corridor/t.yml", [
        (CORRIDOR, 14, 7, "error",
         "a position is two numbers, [longitude, latitude] (got [54.05, 42.42, 120])"),
        (CORRIDOR, 20, 38, "error", "the longitude must be a number of degrees (got '54.05')")]),
    "geometry_without_sources": ("transport_corridor/t.yml", [
        (CORRIDOR, 10, 1, "error", "missing required key 'sources'")]),
    "polygon_not_closed": ("gas_field/f.yml", [
        ("briefs/gas_field/f.yml", 18, 11, "error",
         "the ring is not closed: its last position must repeat its first [62.2, 37.2]")]),
    "polygon_self_crossing": ("industrial_park/p.yml", [
        ("briefs/industrial_park/p.yml", 15, 10, "error", "the polygon is not valid: the ring "
                                                          "crosses itself at 68.25, 43.25 "
                                                          "(longitude, latitude)")]),
    "point_half_given": ("meeting/m.yml", [
        ("briefs/meeting/m.yml", 10, 3, "error",
         "a point needs both 'lat' and 'lon': 'lon' is missing")]),
    "point_out_of_range": ("gas_field/f.yml", [
        ("briefs/gas_field/f.yml", 9, 8, "error",
         "latitude 137.3 is out of range: it must lie between -90 and 90")]),
    "point_without_sources": ("industrial_park/p.yml", [
        ("briefs/industrial_park/p.yml", 10, 3, "error",
         "a point needs its 'sources': the sources that name the place")]),
    "duplicate_id": ("country/alpha.yaml", [
        ("briefs/country/alpha.yaml", 1, 1, "error",
         "duplicate brief id 'country/alpha': briefs/country/alpha.yml has it too; keep one")]),
}


def _tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the valid base tree at ``tmp_path/briefs``, with the cwd at ``tmp_path``."""
    shutil.copytree(BAD / "_base", tmp_path / "briefs")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "briefs"


def _run(briefs: Path) -> Diagnostics:
    return check(Settings(briefs_dir=briefs, today=TODAY, audience="internal")).diagnostics


def _as_tuples(diagnostics: Diagnostics) -> list[tuple[str, int, int, str, str]]:
    return [(d.path, d.line, d.col, d.severity.value, d.message) for d in diagnostics]


def test_every_case_file_is_in_the_table() -> None:
    files = {p.stem for p in BAD.iterdir() if p.is_file()}
    assert files == set(CASES)
    assert len(CASES) >= 30


def test_base_tree_is_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _as_tuples(_run(_tree(tmp_path, monkeypatch))) == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_brief(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    briefs = _tree(tmp_path, monkeypatch)
    target, expected = CASES[case]
    source = next(p for p in BAD.iterdir() if p.is_file() and p.stem == case)
    (briefs / target).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, briefs / target)
    assert _as_tuples(_run(briefs)) == expected


def test_billion_laughs_fails_fast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    briefs = _tree(tmp_path, monkeypatch)
    shutil.copyfile(BAD / "billion_laughs.yml", briefs / "country/gamma.yml")
    start = time.perf_counter()
    diagnostics = _run(briefs)
    elapsed = time.perf_counter() - start
    assert diagnostics.has_errors
    assert elapsed < 0.5, f"billion laughs took {elapsed:.3f}s"


def test_oversize_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    briefs = _tree(tmp_path, monkeypatch)
    big = briefs / "country/gamma.yml"
    big.write_text("kind: country\n" + "# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    size = big.stat().st_size
    assert _as_tuples(_run(briefs)) == [
        (GAMMA, 1, 1, "error", f"file is {size} bytes; the limit is {MAX_FILE_BYTES}")]


def test_symlink_outside_briefs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    briefs = _tree(tmp_path, monkeypatch)
    secret = tmp_path / "secret.yml"
    secret.write_text((briefs / "country/alpha.yml").read_text())
    os.symlink(secret, briefs / "country/gamma.yml")
    assert _as_tuples(_run(briefs)) == [
        (GAMMA, 1, 1, "error", "symbolic links are not allowed under the briefs folder "
                               f"(this one points outside it, to {secret.resolve()})")]


def test_symlinked_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    briefs = _tree(tmp_path, monkeypatch)
    os.symlink(briefs / "person", briefs / "people")
    assert _as_tuples(_run(briefs)) == [
        ("briefs/people", 1, 1, "error", "symbolic links are not allowed under the briefs folder")]


def test_duplicate_sources_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    briefs = _tree(tmp_path, monkeypatch)
    shutil.copyfile(briefs / "_sources.yml", briefs / "_sources.yaml")
    assert _as_tuples(_run(briefs)) == [
        ("briefs/_sources.yaml", 1, 1, "error",
         "duplicate sources registry: briefs/_sources.yml exists too; keep one")]


def test_every_problem_in_every_file_in_one_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Several broken files: all their diagnostics come out of one run, sorted."""
    briefs = _tree(tmp_path, monkeypatch)
    placed = {"python_tag": "country/delta.yml", "bad_marking": "country/gamma.yml",
              "quote_without_source": "meeting/m.yml", "unused_source": "_sources.yml"}
    expected = []
    for case, target in placed.items():
        (briefs / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(BAD / (case + ".yml"), briefs / target)
        expected += [(f"briefs/{target}", *rest) for _path, *rest in CASES[case][1]]
    assert _as_tuples(_run(briefs)) == sorted(expected, key=lambda d: (d[0], d[1], d[2], d[4]))


def test_failed_briefs_do_not_make_their_sources_look_unused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """alpha is the only brief citing src-a; when alpha fails, src-a is not reported unused."""
    briefs = _tree(tmp_path, monkeypatch)
    alpha = briefs / "country/alpha.yml"
    alpha.write_text(alpha.read_text().replace("marking: TLP:CLEAR", "marking: TLP:WHITE"))
    messages = [d.message for d in _run(briefs)]
    assert len(messages) == 1 and messages[0].startswith("'TLP:WHITE' is not allowed")


@pytest.mark.parametrize("spelling", ['"\\u0054ODO one or two sentences"',
                                      '"\\x54ODO one or two sentences"',
                                      '"TO\\\n  DO one or two sentences"'])
def test_placeholder_spelled_with_escapes_is_found(
    spelling: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Validation skips the placeholder search in files whose text cannot hold one; a
    placeholder spelled with YAML escapes must still be found, parsed or from the cache."""
    briefs = _tree(tmp_path, monkeypatch)
    text = (BAD / "placeholder.yml").read_text().replace('"TODO one or two sentences"', spelling)
    (briefs / "country/gamma.yml").write_text(text)
    (tmp_path / "generated").mkdir()
    settings = Settings(briefs_dir=briefs, today=TODAY, audience="internal",
                        out_dir=tmp_path / "generated")
    expected = [(GAMMA, 4, 10, "warning", "placeholder text left in 'summary': replace it")]
    monkeypatch.setenv("BRIEFBOOK_CACHE", "1")
    assert _as_tuples(check(settings).diagnostics) == expected  # parsed
    assert _as_tuples(check(settings).diagnostics) == expected  # values from the cache
    monkeypatch.setenv("BRIEFBOOK_CACHE", "0")
    assert _as_tuples(check(settings).diagnostics) == expected


def test_validated_briefs_share_unchangeable_sets_of_given_fields() -> None:
    """Each model's set of the fields its YAML gave is one shared set per shape (memory:
    one set per model was a third of a validated brief) that refuses changes, and still
    says which fields were given."""
    from pydantic import BaseModel

    from briefbook.models import Figure
    from briefbook.resolve.references import walk

    from .conftest import REPO

    result = check(Settings(briefs_dir=REPO / "briefs", today=TODAY))
    assert result.site is not None
    models = [value for resolved in result.site.briefs.values()
              for _, value in walk(resolved.brief) if isinstance(value, BaseModel)]
    by_shape: dict[frozenset[str], set[int]] = {}
    for model in models:
        given = model.model_fields_set
        by_shape.setdefault(frozenset(given), set()).add(id(given))
    assert len(by_shape) < len(models)
    assert all(len(ids) == 1 for ids in by_shape.values())
    figure = next(m for m in models if isinstance(m, Figure) and "value_max" not in
                  m.model_fields_set)
    assert "value_max" in figure.model_dump() and "value_max" not in figure.model_dump(
        exclude_unset=True)
    with pytest.raises(TypeError, match="not changed"):
        figure.note = {"en": "changed after validation"}


def _patterns(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            else:
                yield from _patterns(value)
    elif isinstance(node, list):
        for item in node:
            yield from _patterns(item)


def test_every_pattern_of_the_models_is_said_in_words() -> None:
    """A value that does not match a field's pattern is told what to write, never shown
    the regular expression: every pattern the models use has its words."""
    from briefbook.models import KINDS, Source
    from briefbook.models.types import REF_PATTERN
    from briefbook.validate.forms import PATTERN_WORDS

    found = {p for model in [*KINDS.values(), Source] for p in _patterns(model.model_json_schema())}
    assert found, "no pattern found: the search is broken"
    assert found - {REF_PATTERN} <= set(PATTERN_WORDS), found - {REF_PATTERN} - set(PATTERN_WORDS)


@pytest.mark.parametrize(("value", "kind", "expected"), [
    ("Kasym-Zhomart TOKAYEV", "person", "person/kassym-jomart-tokayev"),
    ("Serdar Berdimuhamedov", "person", "person/serdar-berdimuhamedow"),
    ("Gurbanguly Berdimuhamedov", "person", "person/gurbanguly-berdimuhamedov"),
    ("Kazakhstan", "country", "country/kazakhstan"),
    ("Shavkat Mirziyoyev", "person", "person/shavkat-mirziyoyev"),  # no brief close: the slug
    ("Kazakhstan", None, "country/kazakhstan"),
    ("Ölzhas Bektenov", None, None),  # no kind and no brief close: no guess at a folder
    ("!!!", "person", None),
])
def test_likely_id_of_a_name(value: str, kind: str | None, expected: str | None) -> None:
    from briefbook.validate.forms import likely_id

    ids = {"person/kassym-jomart-tokayev", "person/serdar-berdimuhamedow",
           "person/gurbanguly-berdimuhamedov", "country/kazakhstan", "relation/kazakhstan-x",
           "meeting/kassym-jomart-tokayev-visit"}
    assert likely_id(value, kind, ids) == expected


def test_a_name_given_for_a_reference_in_a_larger_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The issue's example: the suggestion is the closest person brief, not a brief of
    another kind with a closer name."""
    briefs = _tree(tmp_path, monkeypatch)
    person = (briefs / "person/pat.yml").read_text()
    (briefs / "person/kassym-jomart-tokayev.yml").write_text(person)
    (briefs / "relation").mkdir()
    (briefs / "relation/kasym-zhomart-tokayev.yml").write_text("kind: relation\n")
    alpha = briefs / "country/alpha.yml"
    alpha.write_text(alpha.read_text().replace("head_of_state: person/pat",
                                               "head_of_state: Kasym-Zhomart TOKAYEV"))
    messages = [d.message for d in _run(briefs) if d.path == "briefs/country/alpha.yml"]
    assert messages == ["'Kasym-Zhomart TOKAYEV' is not a brief id: give the id of a person "
                        "brief (its path under briefs/ without .yml), or 'name' and 'title' "
                        "for someone without a brief; did you mean "
                        "'person/kassym-jomart-tokayev'?"]


@pytest.mark.parametrize(("aliases", "loc", "message"), [
    ({"en": "Tokaev"}, ("en",), "the 'en' names must be a list of at least one name"),
    ({"ru": []}, ("ru",), "the 'ru' names must be a list of at least one name"),
    ({"ru": ["Токаев", " "]}, ("ru", 1), "a name must be text, not empty"),
    ({"en": ["Tokaev", 7]}, ("en", 1), "a name must be text, not empty"),
    ({"en": ["Tokaev", "Tokaev "]}, ("en", 1), "'Tokaev ' is listed twice"),
    ({"Russian": ["Токаев"]}, ("Russian",), "'Russian' is not a language code"),
    (["Tokaev"], None, "expected a mapping of language codes to lists of names"),
])
def test_aliases_are_refused_at_the_name_at_fault(
        aliases: object, loc: tuple[str | int, ...] | None, message: str) -> None:
    from briefbook.models.types import LocatedError, _to_aliases

    with pytest.raises(ValueError, match=message) as raised:
        _to_aliases(aliases)
    if loc is not None:
        assert isinstance(raised.value, LocatedError) and raised.value.loc == loc


def test_aliases_are_kept_by_language() -> None:
    from briefbook.models.types import _to_aliases

    given = {"en": ["Tokaev", "Qasym-Jomart Toqaev"], "ru": ["Токаев"], "kk": ["Тоқаев"]}
    assert _to_aliases(given) == given

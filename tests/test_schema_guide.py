"""The generated "How to write a brief" page."""

from __future__ import annotations

import re

import pytest
import yaml

from briefbook.models import KINDS, Brief, Figure, Source
from briefbook.models.common import Strict
from briefbook.models.types import BriefRef, Date, Text
from briefbook.render.guide import FIGURE_EXAMPLE, field_table, render_guide, type_name
from briefbook.render.markup import escape_text


@pytest.fixture(scope="module")
def guide() -> str:
    return render_guide()


def _section(guide: str, anchor: str) -> str:
    start = guide.index(f"{{#{anchor}}}")
    following = re.search(r"\n## ", guide[start:])
    return guide[start:start + following.start()] if following else guide[start:]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_documents_its_fields(guide: str, kind: str) -> None:
    section = _section(guide, f"kind-{kind}")
    model = KINDS[kind]
    for name, info in model.model_fields.items():
        if name in Brief.model_fields:
            continue
        row = next(line for line in section.splitlines() if line.startswith(f"| `{name}` |"))
        assert ("| yes |" in row) == info.is_required(), row
        assert escape_text(info.description or "") in row


def test_envelope_table_lists_every_envelope_field(guide: str) -> None:
    for name in Brief.model_fields:
        assert f"| `{name}` |" in guide


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_kind_example_is_a_valid_brief(guide: str, kind: str) -> None:
    section = _section(guide, f"kind-{kind}")
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    data = yaml.safe_load(example)
    brief = KINDS[kind].model_validate(data)
    assert brief.kind == kind


def test_figure_example_is_valid() -> None:
    data = yaml.safe_load(FIGURE_EXAMPLE)
    figure = Figure.model_validate(data["figures"][0])
    assert figure.alternatives[0].value == 500


def test_every_part_has_a_section(guide: str) -> None:
    for target in set(re.findall(r"\]\(#(part-[a-z]+)\)", guide)):
        assert f"{{#{target}}}" in guide, target


def test_type_names() -> None:
    assert type_name(list[BriefRef]) == "list of brief id"
    assert type_name(Text | None) == "text"
    assert type_name(Date) == "date (YYYY-MM-DD)"
    assert type_name(Source) == "[Source](#part-source)"


def test_descriptions_are_escaped() -> None:
    class Hostile(Strict):
        x: int = 0

    Hostile.model_fields["x"].description = "<script>alert(1)</script> | [a](javascript:x)"
    row = field_table(Hostile, ["x"])[2]
    assert "<script>" not in row and "](javascript" not in row
    assert row.count("|") == 5

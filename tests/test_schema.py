"""The committed JSON Schema files: up to date, draft-07, described, faithful to the models."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefbook.authoring.schema import DRAFT_07, all_schemas, dump, to_draft07, write_schemas
from briefbook.models import KINDS, Source

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schema"
# Keywords draft-07 does not know: their presence means a conversion was missed.
NOT_DRAFT_07 = {"$defs", "prefixItems", "unevaluatedProperties", "unevaluatedItems",
                "dependentRequired", "dependentSchemas", "$anchor", "$dynamicRef",
                "ge", "gt", "le", "lt"}


def _committed() -> dict[str, dict[str, Any]]:
    return {p.name: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(SCHEMA_DIR.glob("*.json"))}


def _objects(node: Any) -> Iterator[dict[str, Any]]:
    """Every subschema of a schema, depth first (not the name → schema maps themselves)."""
    if isinstance(node, list):
        for item in node:
            yield from _objects(item)
        return
    if not isinstance(node, dict):
        return
    yield node
    for key, value in node.items():
        if key in ("properties", "definitions") and isinstance(value, dict):
            for sub in value.values():
                yield from _objects(sub)
        else:
            yield from _objects(value)


def test_committed_schema_is_up_to_date() -> None:
    assert write_schemas(SCHEMA_DIR, check_only=True) == [], "run: briefbook schema"


def test_one_file_per_kind_plus_sources() -> None:
    assert set(_committed()) == {f"{kind}.json" for kind in KINDS} | {"sources.json"}


@pytest.mark.parametrize("name", sorted(all_schemas()))
def test_draft_07_form(name: str) -> None:
    schema = _committed()[name]
    assert schema["$schema"] == DRAFT_07
    definitions = schema.get("definitions", {})
    for node in _objects(schema):
        assert not NOT_DRAFT_07 & set(node), (name, sorted(NOT_DRAFT_07 & set(node)))
        if "$ref" in node:
            assert set(node) == {"$ref"}, f"{name}: $ref with siblings {sorted(node)}"
            prefix = "#/definitions/"
            assert node["$ref"].startswith(prefix)
            assert node["$ref"][len(prefix):] in definitions


@pytest.mark.parametrize("name", sorted(all_schemas()))
def test_every_field_has_a_description(name: str) -> None:
    schema = _committed()[name]
    missing = [field for node in _objects(schema) if isinstance(node.get("properties"), dict)
               for field, sub in node["properties"].items()
               if not (isinstance(sub, dict) and sub.get("description", "").strip())]
    assert missing == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_kind_schema_matches_model(kind: str) -> None:
    schema = _committed()[f"{kind}.json"]
    model = KINDS[kind]
    assert set(schema["properties"]) == set(model.model_fields)
    required = {name for name, field in model.model_fields.items() if field.is_required()}
    assert set(schema["required"]) == required
    assert schema["additionalProperties"] is False
    assert schema["properties"]["kind"]["const"] == kind


def test_sources_schema_maps_ids_to_sources() -> None:
    schema = _committed()["sources.json"]
    assert schema["additionalProperties"] == {"$ref": "#/definitions/Source"}
    source = schema["definitions"]["Source"]
    assert set(source["properties"]) == set(Source.model_fields)
    assert source["additionalProperties"] is False


def test_to_draft07_rewrites_2020_12_keywords() -> None:
    raw = {
        "$defs": {"A": {"type": "string"}},
        "properties": {
            "a": {"$ref": "#/$defs/A", "description": "An A"},
            "pair": {"type": "array", "prefixItems": [{"type": "number"}, {"type": "number"}],
                     "items": False},
            "n": {"type": "integer", "ge": 0, "lt": 10},
        },
    }
    assert to_draft07(raw) == {
        "definitions": {"A": {"type": "string"}},
        "properties": {
            "a": {"allOf": [{"$ref": "#/definitions/A"}], "description": "An A"},
            "pair": {"type": "array", "items": [{"type": "number"}, {"type": "number"}],
                     "additionalItems": False},
            "n": {"type": "integer", "minimum": 0, "exclusiveMaximum": 10},
        },
    }


def test_write_and_check(tmp_path: Path) -> None:
    assert sorted(write_schemas(tmp_path, check_only=True)) == sorted(all_schemas())
    assert list(tmp_path.iterdir()) == []
    assert sorted(write_schemas(tmp_path)) == sorted(all_schemas())
    assert write_schemas(tmp_path, check_only=True) == []
    meeting = tmp_path / "meeting.json"
    meeting.write_text(meeting.read_text().replace("Date of the meeting", "Old text"))
    assert write_schemas(tmp_path, check_only=True) == ["meeting.json"]
    assert "Old text" in meeting.read_text()
    assert write_schemas(tmp_path) == ["meeting.json"]
    assert meeting.read_text() == dump(all_schemas()["meeting.json"])

"""JSON Schema (draft-07) of every kind, for editors that complete and check YAML.

yaml-language-server reads draft-07; pydantic emits 2020-12 style (``$defs``,
``$ref`` with sibling keywords, ``prefixItems``), so :func:`to_draft07` rewrites
that. The files are committed under ``schema/``; ``briefbook schema --check`` (and
a test) fail when they no longer match the models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from briefbook.models import KINDS, Source

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
SOURCES_SCHEMA = "sources"

# Keywords of 2019-09/2020-12 with no draft-07 meaning, dropped from the output.
_DROPPED = {"discriminator", "unevaluatedProperties", "unevaluatedItems", "$comment"}
# Bounds pydantic leaves under their Python names when a validator wraps the type.
_BOUNDS = {"ge": "minimum", "gt": "exclusiveMinimum", "le": "maximum", "lt": "exclusiveMaximum"}


def to_draft07(node: Any) -> Any:
    """A copy of a pydantic JSON Schema in draft-07 form."""
    if isinstance(node, list):
        return [to_draft07(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DROPPED:
            continue
        if key == "$defs":
            out["definitions"] = {name: to_draft07(d) for name, d in value.items()}
        elif key == "$ref":
            out["$ref"] = value.replace("#/$defs/", "#/definitions/")
        elif key == "prefixItems":
            out["items"] = [to_draft07(item) for item in value]
            if "items" in node and node["items"] is False:
                out["additionalItems"] = False
        elif key == "items" and "prefixItems" in node:
            continue
        elif key in _BOUNDS and isinstance(value, int | float) and not isinstance(value, bool):
            out[_BOUNDS[key]] = value
        else:
            out[key] = to_draft07(value)
    if "$ref" in out and len(out) > 1:
        # In draft-07 a $ref ignores its siblings, so the reference moves into allOf.
        out = {"allOf": [{"$ref": out.pop("$ref")}], **out}
    return out


def kind_schema(kind: str) -> dict[str, Any]:
    """The draft-07 schema of one kind of brief."""
    model = KINDS[kind]
    raw = model.model_json_schema(mode="validation")
    schema = to_draft07(raw)
    schema["title"] = f"briefbook {kind} brief"
    return {"$schema": DRAFT_07, **schema}


def sources_schema() -> dict[str, Any]:
    """The draft-07 schema of ``briefs/_sources.yml``: source ids mapped to sources."""
    raw = Source.model_json_schema(mode="validation")
    source = to_draft07({k: v for k, v in raw.items() if k != "$defs"})
    definitions = {name: to_draft07(d) for name, d in raw.get("$defs", {}).items()}
    definitions["Source"] = source
    return {
        "$schema": DRAFT_07,
        "title": "briefbook sources registry",
        "description": "Every source, defined once and cited by id from any brief",
        "type": "object",
        "propertyNames": {"pattern": r"^[a-z0-9][a-z0-9_.-]*$"},
        "additionalProperties": {"$ref": "#/definitions/Source"},
        "definitions": definitions,
    }


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name → schema, for every kind and the sources registry."""
    schemas = {f"{kind}.json": kind_schema(kind) for kind in KINDS}
    schemas[f"{SOURCES_SCHEMA}.json"] = sources_schema()
    return schemas


def dump(schema: dict[str, Any]) -> str:
    """Stable text of a schema: same models, same bytes."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(out_dir: Path, check_only: bool = False) -> list[str]:
    """Write the schema files that differ from the models; return their names.

    With ``check_only`` nothing is written: the names returned are the files that
    are missing or out of date.
    """
    stale: list[str] = []
    for name, schema in all_schemas().items():
        path = out_dir / name
        text = dump(schema)
        try:
            current = path.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current == text:
            continue
        stale.append(name)
        if not check_only:
            out_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return stale


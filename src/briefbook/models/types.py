"""Field types shared by every kind: multilingual text, references, periods, units."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, GetCoreSchemaHandler, GetJsonSchemaHandler, WithJsonSchema
from pydantic_core import CoreSchema, core_schema

from . import citations
from .located import REF_PATTERN as REF_PATTERN
from .located import LocatedError as LocatedError
from .periods import Period as Period
from .periods import _to_period as _to_period
from .periods import period_bounds as period_bounds
from .units import Unit as Unit  # the unit registry (units.py); re-exported here

LANG_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
SAFE_URL_PATTERN = re.compile(r"^(https?://[^\s<>\"]+|mailto:[^\s<>\"]+)$", re.IGNORECASE)

Marking = Literal["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"]
Scale = Literal["thousand", "million", "billion", "trillion"]
FigureStatus = Literal["actual", "estimate", "target", "reported"]


def _to_text(value: Any) -> dict[str, str]:
    if isinstance(value, str):
        if value.strip():  # the common case, checked without building a mapping first
            return {"en": value}
        value = {"en": value}
    if not isinstance(value, dict):
        raise ValueError("expected text, or a mapping of language codes to text "
                         "like {en: ..., ru: ...}")
    for lang, text in value.items():
        if not LANG_PATTERN.match(str(lang)):
            raise LocatedError(f"'{lang}' is not a language code (use en, ru, kk, tk ...)",
                               (lang,), at_key=True)
        if not isinstance(text, str):
            raise LocatedError(f"the '{lang}' text must be a string", (lang,))
    if "en" not in value:
        raise ValueError("an English text ('en') is required")
    for lang, text in value.items():
        if not text.strip():
            raise LocatedError(f"the '{lang}' text must not be empty", (lang,))
    return dict(value)


_TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "properties": {"en": {"type": "string", "minLength": 1,
                                  "description": "The English text (required)"}},
            "required": ["en"],
            "additionalProperties": {"type": "string"},
            "propertyNames": {"pattern": LANG_PATTERN.pattern},
            "description": "The text by language code, e.g. {en: ..., ru: ...}",
        },
    ]
}

Text = Annotated[dict[str, str], BeforeValidator(_to_text), WithJsonSchema(_TEXT_SCHEMA)]
"""Human-readable text: a string (English) or ``{en: ..., ru: ...}``; English required."""


def _to_aliases(value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        raise ValueError("expected a mapping of language codes to lists of names, "
                         "like {en: [Tokaev], ru: [Токаев]}")
    for lang, names in value.items():
        if not LANG_PATTERN.match(str(lang)):
            raise LocatedError(f"'{lang}' is not a language code (use en, ru, kk, tk ...)",
                               (lang,), at_key=True)
        if not isinstance(names, list) or not names:
            raise LocatedError(f"the '{lang}' names must be a list of at least one name, "
                               f"e.g. {lang}: [Name]", (lang,))
        for index, name in enumerate(names):
            if not isinstance(name, str) or not name.strip():
                raise LocatedError("a name must be text, not empty", (lang, index))
            if name.strip() in (n.strip() for n in names[:index]):
                raise LocatedError(f"'{name}' is listed twice", (lang, index))
    return {str(lang): list(names) for lang, names in value.items()}


_ALIASES_SCHEMA = {
    "type": "object",
    "additionalProperties": {"type": "array", "uniqueItems": True,
                             "items": {"type": "string", "minLength": 1}},
    "propertyNames": {"pattern": LANG_PATTERN.pattern},
}

Aliases = Annotated[dict[str, list[str]], BeforeValidator(_to_aliases),
                    WithJsonSchema(_ALIASES_SCHEMA)]
"""Other spellings of a name, by language: ``{en: [Tokaev], ru: [Токаев]}``."""
ALIASES_DESCRIPTION = ("Other spellings of the name, by language, e.g. {en: [Tokaev], "
                       "ru: [Токаев]}: listed on the page, found by search")


class _RefBase(str):
    """A string that names something defined elsewhere; resolved in the resolve stage."""

    description = ""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(
            cls, core_schema.str_schema(pattern=REF_PATTERN)
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return {"type": "string", "pattern": REF_PATTERN, "description": cls.description}


class BriefRef(_RefBase):
    """The id of another brief, e.g. ``country/kazakhstan``."""

    description = ("Id of another brief: its path under briefs/ without .yml, "
                   "e.g. country/kazakhstan")


class SourceRef(_RefBase):
    """The id of a source in ``briefs/_sources.yml``, with, optionally, where in the source
    the fact is (``at``: a section and field, a page, a table). Written as the id alone or
    as ``{id: ..., at: ...}``. It is the id as a string (so code that collects, compares
    and looks up source ids is unchanged); :attr:`at` holds the locator
    (see :mod:`briefbook.models.citations`)."""

    description = "Id of a source defined in briefs/_sources.yml"
    at: str | None = None

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return citations.core_schema_of(cls)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return citations.json_schema(cls.description)


def add_days(day: date, days: int) -> date:
    """``day`` plus ``days``, held at the calendar's ends (0001-01-01, 9999-12-31) where
    the sum would fall outside it: date arithmetic on valid content never raises."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _to_url(value: Any) -> str:
    if not isinstance(value, str) or not SAFE_URL_PATTERN.match(value):
        raise ValueError("a link must start with http://, https:// or mailto:")
    return value


Url = Annotated[str, BeforeValidator(_to_url),
                WithJsonSchema({"type": "string", "pattern": "^(https?://|mailto:)"})]


_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _to_date(value: Any) -> date:
    if isinstance(value, datetime):
        raise ValueError("expected a date (YYYY-MM-DD) without a time")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE_RE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"'{value.strip()}' is not a real date") from None
    raise ValueError("expected a date written YYYY-MM-DD")


Date = Annotated[date, BeforeValidator(_to_date)]
"""A calendar date written ``YYYY-MM-DD``; numbers and date-times are refused."""


def _to_number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("expected a number (write 1.5, not '1.5' or 1,5)")
    try:
        number = float(value)
    except OverflowError:
        raise ValueError("the number is too large") from None
    if not math.isfinite(number):
        raise ValueError("expected a finite number")
    return number


Number = Annotated[float, BeforeValidator(_to_number)]
"""A finite number; booleans and quoted numbers are refused."""


def _to_integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("expected a whole number")
    return value


Integer = Annotated[int, BeforeValidator(_to_integer)]
"""A whole number; booleans, fractions and quoted numbers are refused."""

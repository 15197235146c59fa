"""The parts of a country profile: capital, officeholders, missions, memberships, holidays.

A desk's country baseline (imported from the World Factbook or written by hand) holds more
than codes and a capital: who governs, who represents whom where, which organisations the
country belongs to and how, its holidays. Each part cites its sources like a figure does.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, ClassVar, Literal

from pydantic import Field, GetJsonSchemaHandler, field_validator, model_validator
from pydantic_core import CoreSchema

from .common import Brief, Fact, Sources, Strict
from .currencies import Currency
from .dates import Precision, split_partial_dates
from .located import REF_PATTERN
from .types import ALIASES_DESCRIPTION, Aliases, BriefRef, Date, LocatedError, Number, Text, Url

Entity = Literal["state", "territory", "organisation", "disputed", "other"]
MembershipStatus = Literal["member", "observer", "associate", "partner", "dialogue_partner",
                           "candidate", "applicant", "signatory", "other"]


_UTC_RE = re.compile(r"^UTC([+-](0\d|1[0-4]):[0-5]\d)?$")


class Capital(Strict):
    """The capital: its name, and where it lies."""

    name: Text = Field(description="Name of the city")
    lat: Number | None = Field(None, ge=-90, le=90, description="Latitude in degrees (north +)")
    lon: Number | None = Field(None, ge=-180, le=180, description="Longitude in degrees (east +)")
    sources: Sources = Field(default_factory=list, description="Ids of the sources")

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: CoreSchema,
                                     handler: GetJsonSchemaHandler) -> dict[str, Any]:
        """A name alone (text) is also a capital."""
        mapping = handler.resolve_ref_schema(handler(schema))
        return {"anyOf": [{"type": "string", "minLength": 1},
                          {"type": "object", "required": ["en"],
                           "additionalProperties": {"type": "string"}}, dict(mapping)],
                "description": mapping.get("description", "")}

    @model_validator(mode="before")
    @classmethod
    def _name_alone(cls, data: Any) -> Any:
        """A capital given as text only (``capital: Astana``, or ``{en: .., ru: ..}``)."""
        if isinstance(data, str) or (isinstance(data, dict) and "name" not in data
                                     and "en" in data):
            return {"name": data}
        return data

    @model_validator(mode="after")
    def _both_coordinates(self) -> Capital:
        if (self.lat is None) != (self.lon is None):
            missing = "lat" if self.lat is None else "lon"
            raise LocatedError(f"give both 'lat' and 'lon' (missing '{missing}')", ("name",))
        return self


class Officeholder(Strict):
    """Who holds an office: a person brief's id, or a name when there is no brief."""

    person: BriefRef | None = Field(None, description="Id of the person brief")
    name: Text | None = Field(None, description="The person's name, when there is no brief")
    title: Text | None = Field(None, description="The office, e.g. 'Prime Minister'")
    since: Date | None = Field(None, description="In office since: a date, YYYY-MM or a year")
    since_precision: Precision = Field("day", description="day, month or year (set by "
                                                          "writing YYYY-MM or YYYY)")
    sources: Sources = Field(default_factory=list, description="Ids of the sources")

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: CoreSchema,
                                     handler: GetJsonSchemaHandler) -> dict[str, Any]:
        """The id of a person brief alone is also an officeholder."""
        mapping = handler.resolve_ref_schema(handler(schema))
        return {"anyOf": [{"type": "string", "pattern": REF_PATTERN,
                           "description": "Id of the person brief"}, dict(mapping)],
                "description": mapping.get("description", "")}

    @model_validator(mode="before")
    @classmethod
    def _id_alone(cls, data: Any) -> Any:
        """An officeholder given as a person brief's id alone."""
        if isinstance(data, str):
            return {"person": data}
        return split_partial_dates(data, "since")

    @model_validator(mode="after")
    def _someone(self) -> Officeholder:
        if self.person is None and self.name is None:
            raise LocatedError("give 'person' (the id of a person brief) or 'name'", ("title",))
        return self


class Mission(Strict):
    """A diplomatic mission: this country's abroad (outgoing) or another's here (incoming)."""

    direction: Literal["outgoing", "incoming"] = Field(
        description="outgoing: this country's mission abroad; incoming: another country's "
                    "mission here")
    counterpart: Text | None = Field(None, description="The other country, by name")
    counterpart_id: BriefRef | None = Field(None, description="Id of the other country's brief")
    chief: Officeholder | None = Field(None, description="Chief of mission (empty when vacant)")
    address: Text | None = Field(None, description="Address of the embassy or chancery")
    phone: str | None = Field(None, min_length=1, description="Telephone, as published")
    email: str | None = Field(None, min_length=3, description="E-mail address")
    website: Url | None = Field(None, description="Web address")
    consulates: list[Text] = Field(default_factory=list, description="Consulates, by city")
    sources: Sources = Field(min_length=1, description="Ids of the sources")

    @model_validator(mode="after")
    def _names_counterpart(self) -> Mission:
        if self.counterpart is None and self.counterpart_id is None:
            raise LocatedError("give 'counterpart' (the other country's name) or "
                               "'counterpart_id' (its brief)", ("direction",))
        return self


class Membership(Strict):
    """Membership of an international organisation."""

    organisation: Text = Field(description="The organisation, as its acronym or name (CIS, "
                                           "OSCE, UN ...)")
    status: MembershipStatus = Field("member", description="member, observer, associate, "
                                     "partner, dialogue_partner, candidate, applicant, "
                                     "signatory or other")
    note: Text | None = Field(None, description="e.g. 'NGOs', 'compliant country'")
    sources: Sources = Field(min_length=1, description="Ids of the sources")


class Holiday(Strict):
    """A national holiday."""

    name: Text = Field(description="Name of the holiday")
    date: str | None = Field(None, description="Day of the year, MM-DD (none for movable feasts)")
    note: Text | None = Field(None, description="e.g. the year it commemorates")
    sources: Sources = Field(min_length=1, description="Ids of the sources")

    @field_validator("date", mode="before")
    @classmethod
    def _month_day(cls, value: Any) -> Any:
        if value is None:
            return value
        text = value if isinstance(value, str) else ""
        try:
            dt.date(2000, int(text[:2]), int(text[3:]))  # 2000: a leap year, 29 Feb exists
        except ValueError:
            raise ValueError(f"'{value}' is not a day of the year: write MM-DD, e.g. "
                             "12-16") from None
        if len(text) != 5 or text[2] != "-":
            raise ValueError(f"'{value}' is not a day of the year: write MM-DD, e.g. 12-16")
        return text


class Country(Brief):
    """A country (or a territory or organisation briefed like one): codes, capital,
    currency, government, missions, memberships, facts and figures by topic."""

    default_review_days: ClassVar[int] = 365
    kind: Literal["country"] = Field(description="Always 'country'")
    entity: Entity = Field("state", description="state, territory, organisation, disputed or "
                                                "other; only a state must have ISO codes")
    iso2: str | None = Field(None, pattern=r"^[A-Z]{2}$",
                             description="ISO 3166-1 alpha-2 code, e.g. KZ (required for a state)")
    iso3: str | None = Field(None, pattern=r"^[A-Z]{3}$",
                             description="ISO 3166-1 alpha-3 code, e.g. KAZ (required for a state)")
    capital: Capital | None = Field(None, description="Capital city: a name, or name, lat, lon "
                                                      "and sources")
    currency: Currency | None = Field(None, description="ISO 4217 code of the currency in use")
    time_zones: list[str] = Field(default_factory=list, description="Time zones, e.g. UTC+05:00")
    government_type: Text | None = Field(None, description="e.g. 'presidential republic'")
    head_of_state: Officeholder | None = Field(
        None, description="Id of the person brief, or name, title, since and sources")
    head_of_government: Officeholder | None = Field(
        None, description="Id of the person brief, or name, title, since and sources")
    ministers: list[Officeholder] = Field(default_factory=list, description="Members of the "
                                                                            "government")
    missions: list[Mission] = Field(default_factory=list, description="Chiefs of mission and "
                                    "embassies, in both directions")
    memberships: list[Membership] = Field(default_factory=list, description="International "
                                          "organisations, with the status of membership")
    holidays: list[Holiday] = Field(default_factory=list, description="National holidays")
    facts: list[Fact] = Field(default_factory=list, description="Facts in words, by topic")
    aliases: Aliases = Field(default_factory=dict, description=ALIASES_DESCRIPTION)

    @field_validator("time_zones")
    @classmethod
    def _utc_offsets(cls, zones: list[str]) -> list[str]:
        for index, zone in enumerate(zones):
            if not isinstance(zone, str) or not _UTC_RE.match(zone):
                raise LocatedError(f"'{zone}' is not a time zone: write UTC, UTC+05:00 or "
                                   "UTC-03:30", (index,))
        return zones

    @model_validator(mode="after")
    def _state_has_codes(self) -> Country:
        for name in ("iso2", "iso3"):
            if self.entity == "state" and getattr(self, name) is None:
                raise LocatedError(f"missing required key '{name}': a state has ISO 3166 "
                                   "codes (set 'entity' to territory, organisation, disputed "
                                   "or other for one without)", ("kind",))
        return self

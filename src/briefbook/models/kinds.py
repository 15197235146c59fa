"""The eight kinds of brief, each with its own fields on top of the envelope."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from .common import Brief, Figure, Quote, Sources, Strict
from .country import Country
from .dates import Precision, split_partial_dates
from .geometry import AreaGeometry, Latitude, LineGeometry, Longitude, both_or_neither
from .portions import CounterpartPoint, Point, TalkingPoint
from .types import ALIASES_DESCRIPTION, Aliases, BriefRef, Date, Integer, LocatedError, Number, Text

Status = Literal["planned", "under_construction", "operational", "partly_operational", "suspended"]


class Position(Strict):
    """An office held by a person over a period."""

    title: Text = Field(description="The office, e.g. 'President of Kazakhstan'")
    organisation: Text | None = Field(None, description="Body the office belongs to")
    country: BriefRef | None = Field(None, description="Id of the country brief")
    start: Date | None = Field(None, description="When the person took office: a date, "
                                                 "YYYY-MM or a year")
    start_precision: Precision = Field("day", description="day, month or year (set by "
                                                          "writing YYYY-MM or YYYY)")
    end: Date | None = Field(None, description="When the person left office; empty if current")
    end_precision: Precision = Field("day", description="day, month or year")
    sources: Sources = Field(min_length=1, description="Ids of supporting sources")

    @model_validator(mode="before")
    @classmethod
    def _partial_dates(cls, data: Any) -> Any:
        return split_partial_dates(data, "start", "end")

    @model_validator(mode="after")
    def _ends_after_start(self) -> Position:
        if self.start and self.end and self.end < self.start:
            raise LocatedError(f"end ({self.end}) is before start ({self.start})", ("end",))
        return self


class Person(Brief):
    """A person: the offices they held and the countries they represent."""

    default_review_days: ClassVar[int] = 180
    kind: Literal["person"] = Field(description="Always 'person'")
    country: BriefRef | None = Field(None, description="Id of the country brief")
    born: Date | None = Field(None, description="Date of birth")
    positions: list[Position] = Field(default_factory=list, description="Offices, newest first")
    aliases: Aliases = Field(default_factory=dict, description=ALIASES_DESCRIPTION)


class Agreement(Strict):
    """A signed agreement, programme or treaty."""

    title: Text = Field(description="Name of the agreement")
    date: Date = Field(description="Date of signature")
    precision: Literal["day", "month", "year"] = Field(
        "day", description="How exact the date is: day, month or year")
    place: Text | None = Field(None, description="Where it was signed")
    note: Text | None = Field(None, description="What it covers")
    sources: Sources = Field(min_length=1, description="Ids of supporting sources")


class Relation(Brief):
    """A bilateral (or wider) relationship: parties, agreements, trade series, targets."""

    default_review_days: ClassVar[int] = 90
    kind: Literal["relation"] = Field(description="Always 'relation'")
    parties: list[BriefRef] = Field(min_length=2, description="Ids of the country briefs")
    established: Date | None = Field(None, description="Diplomatic relations since")
    agreements: list[Agreement] = Field(default_factory=list, description="Agreements signed")
    open_issues: list[Point] = Field(
        default_factory=list, description="Questions the parties have not settled yet, each "
                                          "with the briefs it concerns")


class PlaceAlternative(Strict):
    """Another published place for the same event."""

    name: Text = Field(description="The other place given")
    sources: Sources = Field(min_length=1, description="Ids of the sources that give it")


class Place(Strict):
    """Where something happened, with disagreeing reports kept."""

    name: Text = Field(description="City or venue")
    country: BriefRef | None = Field(None, description="Id of the country brief")
    lat: Latitude | None = Field(None, description="Latitude of the place in degrees north "
                                 "(for the map); with 'lon'")
    lon: Longitude | None = Field(None, description="Longitude of the place in degrees east; "
                                  "with 'lat'")
    sources: Sources = Field(min_length=1, description="Ids of the sources that give this place")
    alternatives: list[PlaceAlternative] = Field(default_factory=list,
                                                 description="Other places reported")

    @model_validator(mode="after")
    def _point(self) -> Place:
        both_or_neither(self.lat, self.lon, self.sources)
        return self


class Meeting(Brief):
    """A meeting: when, where, who, what was discussed and said, what came of it."""

    default_review_days: ClassVar[int] = 365
    kind: Literal["meeting"] = Field(description="Always 'meeting'")
    date: Date = Field(description="Date of the meeting")
    format: Literal["official", "state_visit", "informal", "working", "summit", "call"] = Field(
        "official", description="official, state_visit, informal, working, summit or call")
    place: Place = Field(description="Where it took place")
    participants: list[BriefRef] = Field(min_length=1, description="Ids of person briefs")
    topics: list[Text] = Field(default_factory=list, description="What was discussed")
    quotes: list[Quote] = Field(default_factory=list, description="Remarks, each with its source")
    outcomes: list[Text] = Field(default_factory=list, description="What was agreed or announced")
    sources: Sources = Field(min_length=1, description="Ids of sources reporting the meeting")
    objectives: list[Point] = Field(default_factory=list,
                                    description="What our side wants from the meeting")
    talking_points: list[TalkingPoint] = Field(
        default_factory=list, description="Points to make, optionally by topic")
    counterpart_may_raise: list[CounterpartPoint] = Field(
        default_factory=list, description="What the other side may raise, with the line to "
                                          "take in reply")
    deliverables: list[Point] = Field(
        default_factory=list, description="What should come out of it: statements, agreements "
                                          "or decisions sought (what did come out goes under "
                                          "'outcomes')")


class Location(Strict):
    """A point on the map with its region, and optionally an outline."""

    region: Text | None = Field(None, description="Province or region")
    near: Text | None = Field(None, description="Nearest town")
    lat: Latitude | None = Field(None, description="Latitude in degrees north; with 'lon'")
    lon: Longitude | None = Field(None, description="Longitude in degrees east; with 'lat'")
    note: Text | None = Field(None, description="How exact the point is, e.g. 'coarse: the "
                              "town named by the source'")
    outline: AreaGeometry | None = Field(
        None, description="The area itself, a GeoJSON Polygon with its own sources")
    sources: Sources = Field(default_factory=list, description="Ids of sources for the location "
                             "(required with 'lat' and 'lon')")

    @model_validator(mode="after")
    def _point(self) -> Location:
        both_or_neither(self.lat, self.lon, self.sources)
        return self


class GasField(Brief):
    """A gas field: where it is, its history and its reserves as figures."""

    kind: Literal["gas_field"] = Field(description="Always 'gas_field'")
    country: BriefRef = Field(description="Id of the country brief")
    location: Location | None = Field(None, description="Where the field lies")
    discovered: Date | None = Field(None, description="When the discovery was announced")
    production_start: Date | None = Field(None, description="When production began")
    operator: Text | None = Field(None, description="Operating company")
    reserves: list[Figure] = Field(default_factory=list, description="Reserve estimates")


class Segment(Strict):
    """A stretch of a corridor."""

    name: Text = Field(description="Name of the segment")
    country: BriefRef | None = Field(None, description="Id of the country it lies in")
    length: Figure | None = Field(None, description="Length as a figure with its source")
    status: Status | None = Field(None, description="planned, under_construction, operational ...")
    opened: Date | None = Field(None, description="When it opened")
    note: Text | None = Field(None, description="Context for the segment")
    geometry: LineGeometry | None = Field(
        None, description="The segment on the map: GeoJSON LineString or MultiLineString with "
                          "its sources")
    sources: Sources = Field(default_factory=list,
                             description="Ids of sources for the status and opening date")


class TransportCorridor(Brief):
    """A rail, road or multimodal route: countries, termini, segments, length."""

    kind: Literal["transport_corridor"] = Field(description="Always 'transport_corridor'")
    mode: Literal["rail", "road", "multimodal", "sea", "pipeline"] = Field(
        description="rail, road, multimodal, sea or pipeline")
    status: Status = Field(description="planned, under_construction, operational ...")
    countries: list[BriefRef] = Field(min_length=1, description="Ids of the countries crossed")
    termini: list[Text] = Field(default_factory=list, description="End points")
    length: Figure | None = Field(None, description="Total length as a figure")
    segments: list[Segment] = Field(default_factory=list, description="Stretches of the route")
    part_of: list[BriefRef] = Field(default_factory=list, description="Ids of wider corridors")
    geometry: LineGeometry | None = Field(
        None, description="The whole route on the map: GeoJSON LineString or MultiLineString "
                          "with its sources")


class Phase(Strict):
    """A phase of an industrial park."""

    name: Text = Field(description="Name of the phase")
    status: Status = Field(description="planned, under_construction, operational ...")
    projects: Integer | None = Field(None, ge=0, description="Number of investment projects")
    facilities: Integer | None = Field(None, ge=0, description="Number of facilities")
    area_ha: Number | None = Field(None, gt=0, description="Area in hectares")
    investment: Figure | None = Field(None, description="Investment as a figure")
    products: list[Text] = Field(default_factory=list, description="What the plants make")
    note: Text | None = Field(None, description="Context for the phase")
    sources: Sources = Field(default_factory=list,
                             description="Ids of sources for the counts, area and products")


class IndustrialPark(Brief):
    """An industrial park: where it is, its phases and the investment in it."""

    kind: Literal["industrial_park"] = Field(description="Always 'industrial_park'")
    country: BriefRef = Field(description="Id of the country brief")
    location: Location | None = Field(None, description="Where the park lies")
    phases: list[Phase] = Field(default_factory=list, description="Phases, earliest first")


class Initiative(Brief):
    """A diplomatic initiative, resolution or themed year."""

    default_review_days: ClassVar[int] = 365
    kind: Literal["initiative"] = Field(description="Always 'initiative'")
    proposed_by: list[BriefRef] = Field(default_factory=list, description="Ids of country briefs")
    declared_by: Text | None = Field(
        None, description="Body that declared it, e.g. UN General Assembly")
    declared: Date | None = Field(None, description="Date of the declaration")
    year: Integer | None = Field(None, ge=1900, le=2100, description="The year it covers, if any")


KINDS: dict[str, type[Brief]] = {
    "country": Country,
    "person": Person,
    "relation": Relation,
    "meeting": Meeting,
    "gas_field": GasField,
    "transport_corridor": TransportCorridor,
    "industrial_park": IndustrialPark,
    "initiative": Initiative,
}
"""Model class of each kind, in the order the site lists them."""

KIND_TITLES: dict[str, str] = {
    "country": "Countries",
    "person": "People",
    "relation": "Relations",
    "meeting": "Meetings",
    "gas_field": "Gas fields",
    "transport_corridor": "Transport corridors",
    "industrial_park": "Industrial parks",
    "initiative": "Initiatives",
}
"""Each kind's name as a heading of its listing."""

KIND_SINGULAR: dict[str, str] = {
    "country": "Country",
    "person": "Person",
    "relation": "Relation",
    "meeting": "Meeting",
    "gas_field": "Gas field",
    "transport_corridor": "Transport corridor",
    "industrial_park": "Industrial park",
    "initiative": "Initiative",
}
"""Each kind's name for one brief of it."""

REFERENCE_KINDS: dict[str, str] = {
    "participants": "person",
    "speaker": "person",
    "person": "person",
    "counterpart_id": "country",
    "country": "country",
    "countries": "country",
    "parties": "country",
    "proposed_by": "country",
    "part_of": "transport_corridor",
}
"""Reference fields whose target must be a brief of a given kind."""

"""Parts every kind shares: sources, figures, quotes, milestones, and the brief envelope."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .in_use import currencies_in_use
from .sharing import fields_holding as fields_holding
from .sharing import share_fields_sets as share_fields_sets
from .topics import Topic
from .types import (
    SLUG_PATTERN,
    BriefRef,
    Date,
    FigureStatus,
    Integer,
    LocatedError,
    Marking,
    Number,
    Period,
    Scale,
    SourceRef,
    Text,
    Unit,
    Url,
    add_days,
)


class Strict(BaseModel):
    """Base of every model: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False)


Sources = list[SourceRef]


class Ranged(Strict):
    """A value that may be a range: ``value_max``, when given, must exceed ``value``."""

    @model_validator(mode="after")
    def _range_ascends(self) -> Ranged:
        value, value_max = getattr(self, "value", None), getattr(self, "value_max", None)
        if value is not None and value_max is not None and value_max <= value:
            raise LocatedError(f"value_max ({value_max:g}) must be greater than value "
                               f"({value:g})", ("value_max",))
        return self


PORTION_MARKING = ("Marking of this part when stricter than the brief's (TLP:GREEN in a "
                   "TLP:CLEAR brief): only audiences that may read it get it; without it, "
                   "the brief's")


def _sources_field(description: str = "Ids of the sources that support this") -> Any:
    return Field(min_length=1, description=description)


class Source(Strict):
    """A publication cited by briefs; defined once in ``briefs/_sources.yml``."""

    title: Text = Field(description="Title of the article, report or release")
    publisher: str = Field(min_length=1, description="Who published it (outlet or agency)")
    url: Url | None = Field(None, description="Web address (http, https)")
    published: Date | None = Field(None, description="Date of publication (YYYY-MM-DD)")
    accessed: Date | None = Field(None, description="Date the address was last checked")
    language: str = Field("en", pattern=r"^[a-z]{2,3}$", description="Language code of the text")
    note: Text | None = Field(None, description="Anything a reader should know about this source")


class Alternative(Ranged):
    """Another published value for the same figure, when publications disagree."""

    value: Number = Field(description="The other published value")
    value_max: Number | None = Field(None, description="Upper end, when the value is a range")
    unit: Unit | None = Field(None, description="Unit, when it differs from the main figure's")
    scale: Scale | None = Field(None, description="Scale, when it differs from the main figure's")
    note: Text | None = Field(None, description="What this value counts, or how it differs")
    sources: Sources = _sources_field()


Qualifier = Literal["about", "less_than", "more_than", "at_least", "at_most"]


class Figure(Ranged):
    """A number a reader may quote: value, unit, scale, period, status and sources."""

    topic: Topic | None = Field(None, description="What the figure is about (economy, "
                                "energy, people ...): pages group figures by topic")
    label: Text = Field(description="What is measured, e.g. 'Bilateral trade turnover'")
    value: Number = Field(description="The number, in the given scale (563 with scale million)")
    value_max: Number | None = Field(None, description="Upper end, when the value is a range")
    unit: Unit = Field(description="ISO 4217 currency code (USD, KZT) or a unit (%, km, t, m3 ...)")
    scale: Scale | None = Field(None, description="thousand, million, billion or trillion")
    period: Period | None = Field(None, description="Period the value covers: 2023, 2024-H1 ...")
    cumulative: bool = Field(False, description="True for a partial-year running total")
    approximate: bool = Field(False, description="True when the source says 'about' or 'nearly'")
    qualifier: Qualifier | None = Field(
        None, description="about, less_than, more_than, at_least or at_most: how the source "
                          "qualifies the value ('less than 1 %')")
    status: FigureStatus = Field(
        "actual", description="actual, estimate, target or reported (a value published "
                              "without a date or qualifier). Without it: actual when a "
                              "period is given, reported otherwise")
    change: bool = Field(False, description="The value is a change on an earlier period: "
                                            "shown with its sign (+28 %)")
    headline: bool = Field(False, description="Show among the key figures on the home page")
    series: str | None = Field(None, pattern=SLUG_PATTERN,
                               description="Figures of one brief sharing a series id form a chart")
    note: Text | None = Field(None, description="Context for the number")
    sources: Sources = _sources_field()
    alternatives: list[Alternative] = Field(
        default_factory=list, description="Other published values, each with its own sources")
    marking: Marking | None = Field(None, description=PORTION_MARKING)

    @model_validator(mode="before")
    @classmethod
    def _status_by_period(cls, data: Any) -> Any:
        """An undated figure whose status is not given is 'reported', not 'actual'."""
        if isinstance(data, dict) and "status" not in data and data.get("period") is None:
            return {**data, "status": "reported"}
        return data

    @model_validator(mode="after")
    def _one_qualifier(self) -> Figure:
        if self.approximate and self.qualifier not in (None, "about"):
            raise LocatedError(f"'approximate' contradicts qualifier '{self.qualifier}': "
                               "keep one", ("approximate",))
        return self

    @property
    def qualified_by(self) -> str | None:
        """The qualifier, 'about' when only ``approximate`` is set."""
        return self.qualifier or ("about" if self.approximate else None)

    @model_validator(mode="after")
    def _currency_in_use_then(self) -> Figure:
        return currencies_in_use(self)  # a currency that left use fits only older figures


class Fact(Strict):
    """A sourced fact in words (a country's climate, legal system, flag ...)."""

    topic: Topic = Field(description="What the fact is about; pages group facts by topic")
    label: Text = Field(description="What the fact is, e.g. 'Climate'")
    text: Text = Field(description="The fact, as plain text (one paragraph)")
    sources: Sources = _sources_field()


class Quote(Strict):
    """A remark by a person, as one source rendered it."""

    speaker: BriefRef = Field(description="Id of the person brief of the speaker")
    text: Text = Field(description="The words quoted")
    sources: Sources = _sources_field("Ids of the sources that report this wording")
    note: Text | None = Field(None, description="Context, e.g. 'translation by the outlet'")
    marking: Marking | None = Field(None, description=PORTION_MARKING)


class Milestone(Strict):
    """A dated event shown on the brief and on the site timeline."""

    date: Date = Field(description="When it happened (YYYY-MM-DD)")
    precision: Literal["day", "month", "year"] = Field(
        "day", description="How exact the date is: day, month or year")
    title: Text = Field(description="What happened")
    type: Literal["agreement", "opening", "milestone", "announcement", "decision",
                  "election"] = Field(
        "milestone", description="agreement, opening, milestone, announcement, decision or "
                                 "election")
    status: Literal["happened", "scheduled"] = Field(
        "happened", description="happened, or scheduled for an event still to come (the "
                                "timeline shows it as upcoming)")
    sources: Sources = _sources_field()

    @model_validator(mode="after")
    def _happened_in_the_past(self, info: ValidationInfo) -> Milestone:
        today = (info.context or {}).get("today") or dt.date.today()
        if self.status == "happened" and self.date > today:
            raise LocatedError(f"{self.date} is in the future (today is {today}): an event "
                               "still to come needs 'status: scheduled'", ("date",))
        return self


class Link(Strict):
    """A further-reading link."""

    title: Text = Field(description="Link text")
    url: Url = Field(description="Address (http, https or mailto)")


class Section(Strict):
    """A titled section of text after the background; it may carry a stricter marking."""

    title: Text = Field(description="The section's heading")
    body: Text = Field(description="The section's text, Markdown without HTML")
    sources: Sources = Field(default_factory=list,
                             description="Ids of the section's sources (the brief's own "
                                         "`sources` cover it otherwise)")
    marking: Marking | None = Field(None, description=PORTION_MARKING)


class Brief(Strict):
    """The envelope every brief has, whatever its kind."""

    default_review_days: ClassVar[int] = 180

    kind: str = Field(description="What the brief is about; one of the eight kinds")
    title: Text = Field(description="Page title")
    summary: Text = Field(description="One or two sentences, Markdown without HTML")
    marking: Marking = Field(description="Traffic Light Protocol marking; decides who may see it")
    reviewed: Date = Field(description="When the content was last checked (YYYY-MM-DD)")
    review_every: Integer | None = Field(None, gt=0, le=3650,
                                     description="Days between reviews; each kind has a default")
    owner: str | None = Field(None, min_length=1, description="Who keeps this brief current")
    tags: list[str] = Field(default_factory=list, description="Topic tags (lower-case slugs)")
    related: list[BriefRef] = Field(default_factory=list, description="Ids of related briefs")
    figures: list[Figure] = Field(default_factory=list, description="Key figures with sources")
    milestones: list[Milestone] = Field(default_factory=list, description="Dated events")
    body: Text | None = Field(None, description="Longer text, Markdown without HTML")
    sections: list[Section] = Field(
        default_factory=list, description="Further sections of text after the body, each "
                                          "with a heading; a section may carry its own marking")
    sources: Sources = Field(default_factory=list,
                             description="Ids of the sources of the summary, the body and the "
                                         "brief's facts that do not cite their own")
    links: list[Link] = Field(default_factory=list, description="Further reading")

    @field_validator("tags")
    @classmethod
    def _tags_are_slugs(cls, tags: list[str]) -> list[str]:
        for index, tag in enumerate(tags):
            if not re.match(SLUG_PATTERN, tag):
                raise LocatedError(f"tag '{tag}' must be lower-case letters, digits, '-' or '_'",
                                   (index,))
            if tag in tags[:index]:
                raise LocatedError(f"tag '{tag}' is listed twice", (index,))
        return tags

    @field_validator("reviewed")
    @classmethod
    def _not_in_future(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        today = (info.context or {}).get("today") or dt.date.today()
        if value > today:
            raise ValueError(f"reviewed date {value} is in the future (today is {today})")
        return value

    @property
    def review_days(self) -> int:
        """Days between reviews: the brief's own setting or its kind's default."""
        return self.review_every or self.default_review_days

    @property
    def review_due(self) -> dt.date:
        """The date the next review is due: ``reviewed`` plus :attr:`review_days`, or
        9999-12-31 when that lies past the calendar's end (never overdue then)."""
        return add_days(self.reviewed, self.review_days)

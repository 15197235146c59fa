"""The declared mapping: which Factbook path goes where in a brief.

Each :class:`Rule` matches leaf paths (``fnmatch`` patterns per key, ``*`` for any one
key) and names a target: a structured field (``capital_name``, ``head_of_state``,
``memberships`` ...), a reader (``composition``, ``age``) or ``auto`` with a unit for
bare numbers. The first rule that matches a leaf wins; a leaf no rule matches is read by
``auto``: a year-keyed leaf (``Exports 2024``) is a figure of the field's series, a
text that is one number with its unit a figure, anything else a fact. Topics come from
the section (``SECTION_TOPICS``) unless the rule names one; labels from the path
(``Median age: male``) unless the rule names one (``{field}`` in it is the field's name).
The series ``population`` and ``gdp`` are those the key-facts box of a country page shows.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from dataclasses import dataclass

from .leaves import SEPARATOR

SECTION_TOPICS = {
    "Introduction": "government", "Geography": "geography", "People and Society": "people",
    "Environment": "environment", "Government": "government", "Economy": "economy",
    "Energy": "energy", "Communications": "communications", "Transportation": "transport",
    "Military and Security": "military", "Space": "space", "Terrorism": "transnational",
    "Transnational Issues": "transnational",
}
FALLBACK_TOPIC = "government"


@dataclass(frozen=True)
class Rule:
    """Where leaves matching ``pattern`` go."""

    pattern: str
    target: str = "auto"
    label: str | None = None
    unit: str | None = None
    topic: str | None = None
    loose: bool = False
    series: str | None = None

    def matches(self, path: tuple[str, ...]) -> bool:
        """Whether the rule's pattern matches the path, key by key."""
        keys = self.pattern.split(SEPARATOR)
        return len(keys) == len(path) and all(
            fnmatch.fnmatchcase(key, want) for key, want in zip(path, keys, strict=True))


RULES: tuple[Rule, ...] = (
    Rule("Introduction › Background", "body"),
    Rule("Government › Country name › conventional short form", "title"),
    Rule("Government › Government type", "government_type"),
    Rule("Government › Capital › name", "capital_name", "Capital"),
    Rule("Government › Capital › geographic coordinates", "capital_coordinates"),
    Rule("Government › Capital › time difference", "time_zone"),
    Rule("Government › Executive branch › chief of state", "head_of_state", "Chief of state"),
    Rule("Government › Executive branch › head of government", "head_of_government",
         "Head of government"),
    Rule("Government › Diplomatic representation in the US*", "mission"),
    Rule("Government › Diplomatic representation in the US › *", "mission"),
    Rule("Government › Diplomatic representation from the US*", "mission"),
    Rule("Government › Diplomatic representation from the US › *", "mission"),
    Rule("Government › International organization participation", "memberships"),
    Rule("Government › National holiday", "holidays", "National holiday"),
    Rule("Government › * › expected date of next election", "next_election"),
    Rule("Government › * › most recent election date", "last_election"),
    Rule("Government › Independence", "independence"),
    Rule("Government › National heritage › total World Heritage Sites", unit="count"),
    Rule("Government › * › number of seats", unit="count"),
    Rule("Government › * › parties elected and seats per party", "composition",
         "{field}: seats", unit="count"),
    Rule("Economy › Exchange rates", "exchange"),
    Rule("Economy › Exchange rates › *", "exchange"),
    Rule("Economy › Gini Index coefficient - distribution of family income › *",
         label="Gini index", unit="index"),
    Rule("Economy › Labor force", unit="people"),
    Rule("Economy › GDP (official exchange rate)", series="gdp"),
    Rule("People and Society › Age structure › *", "age"),
    Rule("People and Society › Ethnic groups", "composition"),
    Rule("People and Society › Languages", "composition"),
    Rule("People and Society › Languages › Languages", "composition", "Languages"),
    Rule("People and Society › Religions", "composition"),
    Rule("People and Society › Major urban areas - population", "composition",
         "Major urban areas", unit="people"),
    Rule("People and Society › Population", unit="people", series="population"),
    Rule("People and Society › Population › total", "auto", "Population", unit="people",
         series="population"),
    Rule("People and Society › Population › *", unit="people"),
    Rule("People and Society › Dependency ratios › *", unit="ratio"),
    Rule("People and Society › Gross reproduction rate", unit="ratio"),
    Rule("Economy › Exports - partners", "composition"),
    Rule("Economy › Imports - partners", "composition"),
    Rule("Geography › Land boundaries › border countries", "composition", "Border"),
    Rule("Geography › Land boundaries › regional borders", "composition", "Regional border"),
    Rule("Geography › Land boundaries › border sovereign base areas", "composition",
         "Border with sovereign base area"),
    Rule("Geography › Major lakes (area sq km) › *", "composition"),
    Rule("Geography › Major watersheds (area sq km) › *", "composition"),
    Rule("Geography › Major rivers (by length in km)", "composition", "Major rivers"),
    Rule("Geography › Elevation › *", loose=True),
    Rule("Geography › Coastline", loose=True),
    Rule("Transportation › Railways › *", loose=True),
    Rule("Transportation › Merchant marine › by type", "composition", "Merchant marine"),
    Rule("Transportation › Ports › *", unit="count"),
    Rule("Communications › * › subscriptions per 100 inhabitants",
         unit="per 100 inhabitants"),
    Rule("Military and Security › Military deployments", "composition",
         "Military deployments", unit="people"),
    Rule("Transnational Issues › Refugees and internally displaced persons › *",
         unit="people"),
    Rule("Energy › Nuclear energy › Number of *", unit="count"),
)
"""The mapping, first match wins; anything else is ``Rule(path, 'auto')``."""

YEAR_KEY = re.compile(r"^(?P<field>.+?)\s+(?P<year>\d{4})$")


@functools.cache
def rule_for(path: tuple[str, ...]) -> Rule:
    """The rule for a leaf path (``auto`` when no rule names it)."""
    for rule in RULES:
        if rule.matches(path):
            return rule
    return Rule(SEPARATOR.join(path))


def topic_for(path: tuple[str, ...], rule: Rule) -> str:
    """The topic of a leaf: the rule's, else its section's."""
    return rule.topic or SECTION_TOPICS.get(path[0], FALLBACK_TOPIC)


def label_for(path: tuple[str, ...], rule: Rule) -> str:
    """The label of a leaf: the rule's, else its keys below the section joined with ': ',
    leaving out a key that repeats the one above it (``Languages › Languages``) or
    names its year (``Exports › Exports 2024``)."""
    if rule.label:
        return rule.label.replace("{field}", path[1] if len(path) > 1 else path[0])
    keys: list[str] = []
    for key in path[1:] or path:
        previous = keys[-1] if keys else ""
        if key.lower() == previous.lower() or _repeats_year(key, previous):
            continue
        keys.append(key.strip())
    return ": ".join(keys) or path[-1]


def _repeats_year(key: str, above: str) -> bool:
    match = YEAR_KEY.match(key)
    if match is None or not above:
        return False
    field, parent = match["field"].lower(), above.lower()
    return field.endswith(parent) or parent.endswith(field)


def year_of(path: tuple[str, ...]) -> int | None:
    """The year a year-keyed leaf stands for (``Exports 2024`` under ``Exports``,
    ``Total energy consumption per capita 2023`` under ``Energy consumption per capita``)."""
    if len(path) < 2 or not _repeats_year(path[-1], path[-2]):
        return None
    match = YEAR_KEY.match(path[-1])
    return int(match["year"]) if match else None

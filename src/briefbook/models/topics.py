"""The topics figures and facts belong to, declared once, in the order pages show them.

A country page groups its figures and facts under one heading per topic, in this
order (what a diplomat reads first: who governs, the economy and energy, then the
country's people and land); a relation's figures use the last three. A topic's title
is given in every language the site may show (English required).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

TOPICS: dict[str, dict[str, str]] = {
    "government": {"en": "Government", "ru": "Государственное устройство"},
    "economy": {"en": "Economy", "ru": "Экономика"},
    "energy": {"en": "Energy", "ru": "Энергетика"},
    "transport": {"en": "Transport", "ru": "Транспорт"},
    "people": {"en": "People and society", "ru": "Население и общество"},
    "geography": {"en": "Geography", "ru": "География"},
    "environment": {"en": "Environment", "ru": "Окружающая среда"},
    "communications": {"en": "Communications", "ru": "Связь"},
    "military": {"en": "Military and security", "ru": "Оборона и безопасность"},
    "space": {"en": "Space", "ru": "Космос"},
    "transnational": {"en": "Transnational issues", "ru": "Транснациональные вопросы"},
    "trade": {"en": "Trade", "ru": "Торговля"},
    "investment": {"en": "Investment", "ru": "Инвестиции"},
    "diplomacy": {"en": "Diplomacy", "ru": "Дипломатия"},
}
"""Each topic's id and its titles, in page order."""


def _to_topic(value: Any) -> str:
    if not isinstance(value, str) or value not in TOPICS:
        raise ValueError(f"'{value}' is not a topic: use one of " + ", ".join(TOPICS))
    return value


Topic = Annotated[
    str,
    BeforeValidator(_to_topic),
    WithJsonSchema({"type": "string", "enum": list(TOPICS),
                    "description": "The topic: " + ", ".join(TOPICS)}),
]
"""The id of a topic in :data:`TOPICS`."""

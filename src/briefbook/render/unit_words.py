"""What a figure's unit is called in a language other than the house style's English.

A unit CLDR knows is named by CLDR (:data:`CLDR_UNITS`: its unit id and the length of
name a page uses), with the language's plural forms: "928 км", "72,3 года", "5 лет". The
others are the catalog's: each a pattern around the amount, singular and plural where
the words agree with the number ("1,5 млн человек", "2 страны"), one form where they do
not ("5 п. п.", "3,2 на 1000 человек"). English pages show the models' own symbols
(:data:`briefbook.models.units.UNITS`), so these msgids are only keys.
"""

from __future__ import annotations

from collections.abc import Callable

from briefbook.render.language import N_, Language

CLDR_UNITS: dict[str, tuple[str, str]] = {
    "km": ("length-kilometer", "short"),
    "m": ("length-meter", "short"),
    "km2": ("area-square-kilometer", "short"),
    "m2": ("area-square-meter", "short"),
    "ha": ("area-hectare", "short"),
    "m3": ("volume-cubic-meter", "short"),
    "l": ("volume-liter", "short"),
    "bbl": ("volume-barrel", "short"),
    "t": ("mass-tonne", "short"),
    "kg": ("mass-kilogram", "short"),
    "kWh": ("energy-kilowatt-hour", "short"),
    "Btu": ("energy-british-thermal-unit", "short"),
    "kW": ("power-kilowatt", "short"),
    "MW": ("power-megawatt", "short"),
    "GW": ("power-gigawatt", "short"),
    "years": ("duration-year", "long"),
    "months": ("duration-month", "long"),
    "days": ("duration-day", "long"),
}
"""Units CLDR names, by the models' spelling: (CLDR unit id, name length). Durations use
the long names (лет, месяцев), which read better than CLDR's short ones (л., мес.)."""

WORDS: dict[str, str] = {
    "pp": N_("%(amount)s pp"),
    "MWh": N_("%(amount)s MWh"),
    "GWh": N_("%(amount)s GWh"),
    "TWh": N_("%(amount)s TWh"),
    "kt": N_("%(amount)s kt"),
    "t CO2": N_("%(amount)s t CO₂"),
    "bbl/day": N_("%(amount)s bbl/day"),
    "m3/year": N_("%(amount)s m³/year"),
    "Btu/person": N_("%(amount)s Btu/person"),
    "l/person": N_("%(amount)s l/person"),
    "ug/m3": N_("%(amount)s µg/m³"),
    "per 1000 population": N_("%(amount)s per 1,000 population"),
    "per 1000 people": N_("%(amount)s per 1,000 people"),
    "per 100 inhabitants": N_("%(amount)s per 100 inhabitants"),
    "per 1000 live births": N_("%(amount)s per 1,000 live births"),
    "per 100000 live births": N_("%(amount)s per 100,000 live births"),
    "TEU": N_("%(amount)s TEU"),
}
"""Units whose words do not change with the number, as patterns around the amount."""

COUNTED: dict[str, Callable[[Language, int], str]] = {
    "nmi": lambda lg, n: lg.ngettext("%(amount)s nautical mile", "%(amount)s nautical miles", n),
    "people": lambda lg, n: lg.ngettext("%(amount)s person", "%(amount)s people", n),
    "projects": lambda lg, n: lg.ngettext("%(amount)s project", "%(amount)s projects", n),
    "facilities": lambda lg, n: lg.ngettext("%(amount)s facility", "%(amount)s facilities",
                                            n),
    "countries": lambda lg, n: lg.ngettext("%(amount)s country", "%(amount)s countries", n),
    "children per woman": lambda lg, n: lg.ngettext("%(amount)s child per woman",
                                                    "%(amount)s children per woman", n),
}
"""Units whose words agree with the number: the catalog's plural forms for ``n``."""


def catalog_unit(spoken: Language, unit: str, amount: str, n: int) -> str | None:
    """``amount`` with the catalog's words for ``unit`` (None for a unit without words:
    a count, an index, a ratio)."""
    counted = COUNTED.get(unit)
    if counted is not None:
        return counted(spoken, n) % {"amount": amount}
    pattern = WORDS.get(unit)
    return None if pattern is None else spoken.gettext(pattern) % {"amount": amount}

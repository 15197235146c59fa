"""Typed models of briefs and sources (the data contract)."""

from .common import Alternative, Brief, Figure, Link, Milestone, Quote, Source
from .kinds import KIND_SINGULAR, KIND_TITLES, KINDS, REFERENCE_KINDS
from .types import BriefRef, SourceRef, period_bounds

__all__ = [
    "KINDS",
    "KIND_SINGULAR",
    "KIND_TITLES",
    "REFERENCE_KINDS",
    "Alternative",
    "Brief",
    "BriefRef",
    "Figure",
    "Link",
    "Milestone",
    "Quote",
    "Source",
    "SourceRef",
    "period_bounds",
]

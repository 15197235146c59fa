"""Typed models of briefs and sources (the data contract)."""

from .common import Alternative, Brief, Figure, Link, Milestone, Quote, Source
from .kinds import KINDS
from .types import BriefRef, SourceRef, period_bounds

__all__ = [
    "KINDS",
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

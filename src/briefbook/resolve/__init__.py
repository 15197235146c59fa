"""Stage 3, resolve: audience filtering, cross-references, sources, backlinks, indexes."""

from briefbook.resolve.resolver import resolve
from briefbook.resolve.site import AUDIENCES, MARKING_ORDER, ResolvedBrief, Site, highest_marking

__all__ = ["AUDIENCES", "MARKING_ORDER", "ResolvedBrief", "Site", "highest_marking", "resolve"]

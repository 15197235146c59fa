"""Importing the CIA World Factbook: JSON files in, country and person briefs out.

``briefbook import factbook PATH... [--into briefs/] [--only CODES]``. The package reads
each file into leaves (``leaves``), sends each leaf where the declared mapping says
(``table``, ``route``) to generic readers of numbers, units and periods (``quantity``,
``periods``), lists (``figures``), places (``places``), people (``people``,
``persons``), missions, memberships and elections (``missions``, ``government``) and
money (``money``); assembles a country brief (``assemble``), checks it with the models
and repairs what they refuse (``convert``); writes it without overwriting anybody's
work (``output``, ``emit``); and counts what it holds (``coverage``). See
docs/data.md, "Importing the World Factbook".
"""

from .coverage import Coverage, format_coverage
from .items import EDITION, Edition
from .leaves import Notice
from .run import FileResult, ImportReport, import_factbook

__all__ = ["EDITION", "Coverage", "Edition", "FileResult", "ImportReport", "Notice",
           "format_coverage", "import_factbook"]

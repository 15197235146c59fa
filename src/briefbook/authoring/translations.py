"""How much of each brief is translated, per language: ``briefbook translations``.

The command checks the briefs for the internal audience, as ``briefbook validate`` does,
so every brief is counted whatever its marking, except TLP:RED briefs, which no site
ever shows. The languages are
those of the site (the plugin's ``languages`` in ``mkdocs.yml``) but the default, whose
text every brief has, or the ones asked for. Counting is
:func:`briefbook.models.translation.coverage`'s: every text field once per occurrence.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from briefbook.errors import UsageError
from briefbook.models.translation import Coverage, coverage
from briefbook.resolve.site import Site
from briefbook.settings import LANGUAGE_CODE, Settings


@dataclass(frozen=True)
class BriefCoverage:
    """One brief's coverage in each language reported."""

    id: str
    path: str
    """The brief's file as diagnostics show it (``briefs/gas_field/galkynysh.yml``)."""
    languages: dict[str, Coverage]


@dataclass(frozen=True)
class TranslationReport:
    """Every brief's coverage, in the order of their files, and the totals."""

    default: str
    languages: tuple[str, ...]
    briefs: list[BriefCoverage]
    fail_under: float | None = None
    """The lowest share (per cent) each language's total may have; None: any."""

    def total(self, lang: str) -> Coverage:
        """All briefs' text fields in ``lang``."""
        found = Coverage(lang, 0, 0)
        for brief in self.briefs:
            found += brief.languages[lang]
        return found

    @property
    def failed(self) -> list[str]:
        """The languages whose total is under :attr:`fail_under`."""
        if self.fail_under is None:
            return []
        return [lang for lang in self.languages
                if 100 * self.total(lang).ratio < self.fail_under]

    def lines(self, verbose: bool = False) -> list[str]:
        """The text report: a line a brief (``PATH: ru 87% (26/30)``), with ``verbose``
        each field it lacks beneath it, then a total line a language (none without one)."""
        if not self.languages:
            return []
        lines = []
        for brief in self.briefs:
            lines.append(f"{brief.path}: " + ", ".join(
                _share(found) for found in brief.languages.values()))
            if verbose:
                lines.extend(f"  {lang} missing: {path}"
                             for lang, found in brief.languages.items() for path in found.missing)
        lines.extend(f"total: {_share(self.total(lang))} in {len(self.briefs)} brief(s)"
                     for lang in self.languages)
        return lines

    def text(self, verbose: bool = False) -> str:
        """:meth:`lines` as text, each ending with a line break."""
        return "".join(line + "\n" for line in self.lines(verbose))

    def to_json(self) -> str:
        """The report as a JSON object (every missing field listed), with a line break."""
        return json.dumps({
            "default": self.default,
            "languages": list(self.languages),
            "fail_under": self.fail_under,
            "failed": self.failed,
            "total": {lang: _numbers(self.total(lang)) for lang in self.languages},
            "briefs": [{"id": brief.id, "path": brief.path,
                        "languages": {lang: {**_numbers(found), "missing": list(found.missing)}
                                      for lang, found in brief.languages.items()}}
                       for brief in self.briefs],
        }, ensure_ascii=False, indent=2) + "\n"

    @property
    def summary(self) -> str:
        """One line for stderr: what was reported, and which language is short."""
        if not self.languages:
            return (f"briefbook: the site has one language ({self.default}): nothing to "
                    "report; ask for one with --lang")
        short = [self.total(lang) for lang in self.failed]
        if short:
            return f"briefbook: under {self.fail_under:g}% translated: " + ", ".join(
                f"{t.lang} {100 * t.ratio:.1f}% ({t.translated}/{t.total})" for t in short)
        return (f"briefbook: {len(self.briefs)} brief(s), "
                + ", ".join(f"{lang} {self.total(lang).percent}%" for lang in self.languages))


def _share(found: Coverage) -> str:
    return f"{found.lang} {found.percent}% ({found.translated}/{found.total})"


def _numbers(found: Coverage) -> dict[str, int | float]:
    return {"translated": found.translated, "total": found.total, "percent": found.percent,
            "ratio": round(found.ratio, 4)}


def translation_report(site: Site, settings: Settings, languages: Sequence[str] = (),
                       fail_under: float | None = None) -> TranslationReport:
    """The translations into ``languages`` (default: every language of the site of
    ``settings`` but the first) of the briefs of ``site``, as checked with ``settings``
    (:func:`briefbook.pipeline.check`, which the caller runs: authoring does not
    import the pipeline).

    Raises :class:`UsageError` for a language code that is not one."""
    for code in languages:
        if not LANGUAGE_CODE.match(code):
            raise UsageError(f"'{code}' is not a language code (use ru, kk, tk ...)")
    wanted = tuple(dict.fromkeys(languages)) or settings.languages[1:]
    briefs = [BriefCoverage(brief.id, brief.entry.file.display,
                            {lang: coverage(brief.brief, lang) for lang in wanted})
              for brief in site.briefs.values()]
    briefs.sort(key=lambda brief: brief.path)
    return TranslationReport(settings.languages[0], wanted, briefs, fail_under)

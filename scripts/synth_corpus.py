"""Write a synthetic corpus of valid briefs for benchmarks and tests.

``write_corpus(folder, n)`` creates ``folder/<kind>/<name>.yml`` for ``n`` briefs
spread over all eight kinds, plus ``folder/_sources.yml``. Briefs are of
realistic size (about 1–4 KB), cite sources from the registry, carry figures,
tags and references to other briefs (so pages have backlinks), and are the same
for the same ``n`` and ``seed``. Run as a script to write one:

    python scripts/synth_corpus.py OUT_DIR N
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

# Share of each kind; countries get a fixed small number (see _counts).
SHARES = {
    "person": 0.22,
    "relation": 0.08,
    "meeting": 0.30,
    "gas_field": 0.10,
    "transport_corridor": 0.10,
    "industrial_park": 0.10,
    "initiative": 0.10,
}
WORDS = (
    "trade transit gas pipeline railway corridor cooperation agreement ministry export import "
    "investment partnership summit delegation border customs logistics energy water Caspian "
    "port terminal capacity tariff programme council commission industrial park freight "
    "container electricity reserves production contract protocol memorandum visit forum"
).split()
TAGS = [f"topic-{i:02d}" for i in range(40)]
TODAY = dt.date(2026, 11, 1)


def _counts(n: int) -> dict[str, int]:
    countries = max(2, min(40, n // 50))
    rest = max(0, n - countries)
    counts = {"country": countries}
    for kind, share in SHARES.items():
        counts[kind] = int(rest * share)
    counts["initiative"] += n - sum(counts.values())
    return counts


def _ids(n: int) -> dict[str, list[str]]:
    return {
        kind: [f"{kind}/{kind.replace('_', '-')}-{i:05d}" for i in range(count)]
        for kind, count in _counts(n).items()
    }


def _q(text: str) -> str:
    """A YAML double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Writer:
    def __init__(self, n: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.ids = _ids(n)
        self.all_ids = [i for ids in self.ids.values() for i in ids]
        self.n_sources = max(5, n // 4)

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high)))

    def sentence(self, low: int = 8, high: int = 18) -> str:
        text = self.words(low, high)
        return text[0].upper() + text[1:] + "."

    def source(self) -> str:
        return f"src-{self.rng.randrange(self.n_sources):05d}"

    def sources(self, k: int = 2) -> str:
        return "[" + ", ".join(sorted({self.source() for _ in range(k)})) + "]"

    def pick(self, kind: str, exclude: str = "") -> str:
        choices = [i for i in self.ids[kind][:50] if i != exclude] or self.ids["country"]
        return self.rng.choice(choices)

    def date(self, start: int = 1995, end: int = 2025) -> dt.date:
        return dt.date(
            self.rng.randint(start, end), self.rng.randint(1, 12), self.rng.randint(1, 28)
        )

    def figure(self, indent: str, series: str | None = None, year: int | None = None) -> str:
        lines = [
            f"{indent}- label: {_q(self.words(2, 4).capitalize())}",
            f"{indent}  value: {round(self.rng.uniform(1, 900), 1)}",
            f"{indent}  unit: {_q(self.rng.choice(['USD', 'KZT', 't', 'km', '%', 'm3']))}",
            f"{indent}  scale: {self.rng.choice(['thousand', 'million', 'billion'])}",
            f"{indent}  period: {year or self.rng.randint(2015, 2025)}",
        ]
        if series:
            lines.append(f"{indent}  series: {series}")
        if self.rng.random() < 0.4:
            lines.append(f"{indent}  note: {_q(self.sentence())}")
        lines.append(f"{indent}  sources: {self.sources()}")
        if self.rng.random() < 0.15:
            lines += [
                f"{indent}  alternatives:",
                f"{indent}    - value: {round(self.rng.uniform(1, 900), 1)}",
                f"{indent}      note: {_q(self.sentence(4, 8))}",
                f"{indent}      sources: {self.sources(1)}",
            ]
        return "\n".join(lines)

    def envelope(self, kind: str, brief_id: str, index: int) -> list[str]:
        reviewed = TODAY - dt.timedelta(days=self.rng.randint(0, 400))
        tags = sorted({self.rng.choice(TAGS) for _ in range(self.rng.randint(1, 3))})
        related = sorted(
            {self.rng.choice(self.all_ids) for _ in range(self.rng.randint(1, 3))} - {brief_id}
        )
        title_en, title_ru = _q(f"{self.words(2, 5).title()} {index}"), _q(f"Бриф {index}")
        lines = [
            f"kind: {kind}",
            f"title: {{en: {title_en}, ru: {title_ru}}}",
            "summary: >-",
            f"  {self.sentence(15, 30)}",
            "marking: TLP:CLEAR",
            f"reviewed: {reviewed.isoformat()}",
            "owner: Central Asia desk",
            f"tags: [{', '.join(tags)}]",
        ]
        if related:
            lines.append(f"related: [{', '.join(related)}]")
        figures = self.rng.randint(1, 4)
        series = f"series-{index}" if figures > 1 else None
        lines.append("figures:")
        lines += [self.figure("  ", series, 2018 + k) for k in range(figures)]
        lines.append("milestones:")
        for _ in range(self.rng.randint(1, 3)):
            lines += [
                f"  - date: {self.date().isoformat()}",
                f"    title: {_q(self.sentence(5, 10))}",
                f"    type: {self.rng.choice(['agreement', 'opening', 'milestone'])}",
                f"    sources: {self.sources(1)}",
            ]
        lines += ["body: |", *(f"  {self.sentence(20, 40)}" for _ in range(self.rng.randint(2, 6)))]
        lines += [
            "links:",
            f"  - title: {_q(self.words(3, 6))}",
            f"    url: https://example.org/{kind}/{index}",
        ]
        return lines

    def specific(self, kind: str, brief_id: str, index: int) -> list[str]:
        r = self.rng
        if kind == "country":
            code = f"{chr(65 + index // 26 % 26)}{chr(65 + index % 26)}"
            lines = [
                f"iso2: {code}",
                f"iso3: {code}X",
                "capital: {en: Capital, ru: Столица}",
                "currency: KZT",
            ]
            if self.ids["person"]:
                lines.append(f"head_of_state: {self.pick('person')}")
            return lines
        if kind == "person":
            return [
                f"country: {self.pick('country')}",
                f"born: {self.date(1940, 1990)}",
                "positions:",
                f"  - title: {_q(self.words(2, 4).title())}",
                f"    country: {self.pick('country')}",
                f"    start: {self.date(2000, 2024)}",
                f"    sources: {self.sources()}",
            ]
        if kind == "relation":
            a = self.pick("country")
            return [
                f"parties: [{a}, {self.pick('country', exclude=a)}]",
                f"established: {self.date(1991, 1995)}",
                "agreements:",
                f"  - title: {_q(self.words(3, 6).title())}",
                f"    date: {self.date()}",
                f"    sources: {self.sources()}",
            ]
        if kind == "meeting":
            people = self.ids["person"] or self.ids["country"][:0]
            participants = sorted({r.choice(people[:200]) for _ in range(2)}) if people else []
            lines = [
                f"date: {self.date(2015, 2025)}",
                "format: official",
                "place:",
                "  name: Astana",
                f"  country: {self.pick('country')}",
                f"  sources: {self.sources(1)}",
            ]
            lines.append(f"participants: [{', '.join(participants)}]")
            lines += ["topics:", *(f"  - {_q(self.sentence(4, 9))}" for _ in range(3))]
            if participants:
                lines += [
                    "quotes:",
                    f"  - speaker: {participants[0]}",
                    f"    text: {_q(self.sentence(20, 35))}",
                    f"    sources: {self.sources(1)}",
                ]
            lines += ["outcomes:", f"  - {_q(self.sentence(5, 12))}", f"sources: {self.sources(3)}"]
            return lines
        if kind == "gas_field":
            return [
                f"country: {self.pick('country')}",
                "location:",
                f"  region: {_q(self.words(1, 2).title())}",
                f"  lat: {round(r.uniform(36, 50), 3)}",
                f"  lon: {round(r.uniform(50, 70), 3)}",
                f"  sources: {self.sources(1)}",
                f"discovered: {self.date(1960, 2010)}",
                f"operator: {_q(self.words(2, 3).title())}",
                "reserves:",
                self.figure("  "),
            ]
        if kind == "transport_corridor":
            return [
                "mode: rail",
                "status: operational",
                f"countries: [{self.pick('country')}]",
                "termini: [North, South]",
                "length:",
                "  " + self.figure("")[2:],
                "segments:",
                f"  - name: {_q(self.words(2, 3).title())}",
                f"    country: {self.pick('country')}",
                "    status: operational",
            ]
        if kind == "industrial_park":
            return [
                f"country: {self.pick('country')}",
                "location:",
                "  region: Turkistan",
                "phases:",
                "  - name: Phase one",
                "    status: operational",
                "    projects: 12",
                "    products: [cement, textiles]",
            ]
        return [
            f"proposed_by: [{self.pick('country')}]",
            "declared_by: UN General Assembly",
            f"declared: {self.date(2000, 2025)}",
            f"year: {r.randint(2000, 2030)}",
        ]

    def brief(self, kind: str, brief_id: str, index: int) -> str:
        lines = self.envelope(kind, brief_id, index) + self.specific(kind, brief_id, index)
        return "\n".join(lines) + "\n"

    def registry(self) -> str:
        out = ["# Synthetic sources registry"]
        for i in range(self.n_sources):
            out += [
                f"src-{i:05d}:",
                f"  title: {_q(self.words(4, 9).capitalize())}",
                "  publisher: Synthetic News Agency",
                f"  url: https://example.org/news/{i}",
                f"  published: {self.date(2010, 2025)}",
                "  language: en",
            ]
        return "\n".join(out) + "\n"


def write_corpus(folder: Path, n: int, *, seed: int = 20261122) -> list[Path]:
    """Write ``n`` valid briefs and a sources registry below ``folder``; return the brief paths."""
    writer = _Writer(n, seed)
    paths: list[Path] = []
    index = 0
    for kind, ids in writer.ids.items():
        (folder / kind).mkdir(parents=True, exist_ok=True)
        for brief_id in ids:
            path = folder / f"{brief_id}.yml"
            path.write_text(writer.brief(kind, brief_id, index), "utf-8")
            paths.append(path)
            index += 1
    (folder / "_sources.yml").write_text(writer.registry(), "utf-8")
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args()
    paths = write_corpus(args.out, args.n, seed=args.seed)
    print(f"wrote {len(paths)} briefs to {args.out}")


if __name__ == "__main__":
    main()

"""People in office: ``President Kasym-Zhomart TOKAYEV (since 20 March 2019)``.

The Factbook writes an office, then the name with the surname in capitals, then the
date in office. The title is the longest run of words from ``TITLE_WORDS`` at the start
(with ``of``, ``the``, ``ad interim`` ... between them); the name is what follows, up to
the date, in the case people write it (``text.name_case``). A text with several holders
(``Ambassador (vacant); Chargé d'Affaires IZZATI Baharuddin (since 6 May 2025)``) gives
the first segment that names someone; the caller keeps the whole text as a fact when
there is more than that segment.

An office holder refers to a person brief when one exists: an existing brief whose
title is the same name (ignoring case, accents and punctuation, or close enough:
``Kassym-Jomart Tokayev`` is ``Kasym-Zhomart Tokayev``), else a new one the importer
writes at ``person/<slug of the name>``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .periods import When, take_since
from .text import name_case, one_line, slug

TITLE_WORDS = frozenset("""
    President Prime Minister Vice Deputy First Second Acting Interim Transitional Supreme
    Leader King Queen Emperor Emir Amir Sultan Sheikh Shaykh Crown Prince Princess Grand
    Duke Duchess Co-prince Co-Prince Pope Governor Governor-General General Lieutenant
    Lieutenant-Governor Administrator Chief Executive Chairman Chairwoman Chairperson Chair
    Premier State Counselor Counsellor Chancellor Federal Head Ambassador
    Ambassador-designate Chargé Charge d'Affaires Consul Consul-General Commissioner High
    Representative Secretary Secretary-General Captain Captains Regent Regents Mayor
    Council Presidential Sovereign Military Junta Sr. Gen. Lt. Col. Maj. Brig. Field
    Marshal Colonel Major Brigadier Commander Senior Territorial Monarch Paramount
    Taoiseach Bailiff Special Envoy Principal Officer Director Coordinator Delegate Head
    Council's Transition National Executive Assembly Union Commission European Government
    Resident Provisional Co-Chairs Office Presidency Deputy-Prime Taliban Cabinet
    Ministers Foreign
""".split())
TITLE_LINKS = frozenset({"of", "the", "and", "for", "ad", "interim", "a.i.", "to", "in", "de"})


@dataclass(frozen=True)
class Holder:
    """Someone in an office: the title (may be empty), the name, and since when."""

    title: str
    name: str
    since: When | None

    def officeholder(self, sources: list[Any]) -> dict[str, Any]:
        """The holder as the models' officeholder mapping, citing ``sources``."""
        value: dict[str, Any] = {"name": self.name}
        if self.title:
            value["title"] = self.title
        if self.since is not None:
            value["since"] = self.since.value()
        value["sources"] = sources
        return value


def _split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """The title's words and the name's. The title is the run of ``TITLE_WORDS`` at the
    start; when the run stops on a link (``President of French Polynesia Moetai
    BROTHERSON``) and the surname in capitals ends the text, the title runs to the word
    before the surname's given name."""
    index = 0
    end = 0
    while index < len(words):
        word = words[index].strip(",")
        if word in TITLE_WORDS:
            index += 1
            end = index
        elif word in TITLE_LINKS and end:
            index += 1
        else:
            break
    if index > end and len(words) - 2 > index and _has_capitals(words[-1]) and not any(
            _has_capitals(word) for word in words[index:-1]):
        end = len(words) - 2
    return words[:end], words[end:]


def _has_capitals(word: str) -> bool:
    return any(len([c for c in part if c.isalpha()]) >= 2 and part.upper() == part
               for part in re.split(r"[-']", word))


def _says_more(segment: str) -> bool:
    """Whether a segment's parentheses say more than the date in office."""
    for aside in re.findall(r"\(([^()]*)\)", segment):
        _, rest = take_since(f"({aside})")
        if rest.strip(" ();,"):
            return True
    return False


def _holder(segment: str) -> Holder | None:
    since, _ = take_since(segment)
    rest = re.sub(r"\([^()]*\)", " ", segment)
    rest = re.sub(r"\bsince\b.*$", "", rest).strip(" ,;")
    title, name = _split_title(rest.split())
    if not name or not name[0][:1].isupper():
        return None
    if not any(_has_capitals(word) for word in name):
        return None  # no surname in capitals: not a name as the Factbook writes one
    full = name_case(" ".join(name)).strip(" ,;")
    if len(full) > 80:
        return None
    return Holder(" ".join(title), full, since)


def parse_holder(text: str) -> tuple[Holder | None, bool]:
    """The first office holder the text names, and whether the text says more than that
    one holder (other segments, notes)."""
    segments = [part.strip() for part in
                re.split(r"(?:;|,(?=\s*represented by))(?![^()]*\))", one_line(text))]
    segments = [part for part in segments if part]
    for index, segment in enumerate(segments):
        holder = _holder(segment)
        if holder is not None:
            return holder, len(segments) > 1 or _says_more(segment)
        if index > 2:
            break
    return None, True


def _normal(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z ]+", " ", ascii_name.lower()).split())


def same_person(a: str, b: str) -> bool:
    """Whether two spellings name one person: equal once accents, case and punctuation go,
    or close (transliterations: Kassym-Jomart / Kasym-Zhomart) with the same surname start."""
    first, second = _normal(a), _normal(b)
    if not first or not second:
        return False
    if first == second or sorted(first.split()) == sorted(second.split()):
        return True
    last_a, last_b = first.split()[-1], second.split()[-1]
    close = difflib.SequenceMatcher(None, first, second).ratio() >= 0.85
    return close and last_a[:3] == last_b[:3]


def find_person(name: str, people: dict[str, str]) -> str | None:
    """The id of the person brief (``people``: id → name) naming ``name``, or None."""
    for person_id, person_name in sorted(people.items()):
        if same_person(name, person_name):
            return person_id
    return None


def person_id(name: str) -> str:
    """The id a new person brief gets: ``person/olzhas-bektenov``."""
    return f"person/{slug(name) or 'unnamed'}"

"""Property test (issue 18): random edits to the project of a running live preview.

Hypothesis draws a short sequence of edits (retitle or re-summarise a brief, change a
date, repoint a reference, tag a brief or move a tag to another, add, delete or rename
a brief, break one and mend it, edit a template, edit the sources registry, change the
audience, re-mark a brief) and applies them one by one to a copy of the demo project.
After every step the running preview's ``generate`` (a ``BuildState(resident=True)``
kept from run to run, and a cache beside the output) must give exactly what a run from
scratch gives:
every file, byte for byte (the manifest too), and the same diagnostics; when the
content is bad, both stop with the same diagnostics.

A step is drawn as an operation, a kind of brief and two small numbers, read against
the project as it stands when it is taken, so any sequence replays. A read that a
page does not record, or a value a listing's key leaves out, shows as a page that
differs from scratch: the failure names the files that differ, shows a short diff of the
first, and lists the steps taken.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, Phase, event, example, given, settings
from hypothesis import strategies as st

from briefbook import AUDIENCES, BuildState, ContentError, Settings, generate

from .conftest import REPO, TODAY, racy_window

MEETING = "meeting/2025-04-22-informal-meeting.yml"
EARLIER_MEETING = "meeting/2024-10-10-earlier-meeting.yml"
"""Added to the demo briefs: a meeting of the same parties, so that each meeting page
shows the other as its previous or next one."""
MARKINGS = ("TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:RED")
TITLE_PREFIXES = ("Zz ", "Aa ", "Renamed ", "Mm ")  # moving the brief in sorted listings
MEETING_DATES = ("2025-04-22", "2024-10-10", "2025-06-01", "2023-12-31")
REVIEWED_DATES = ("2026-11-21", "2026-06-01", "2025-01-15", "2026-11-18")
TAGS = ("gas", "trade", "added-tag", "diplomacy")
TEMPLATE_EDITS = (  # each is toggled: made, then undone by the next edit of it
    ("person.md.j2", "| Country |", "| Home country |"),
    ("brief.md.j2", "\n## Related\n", "\n## Related briefs\n"),
    ("kind_index.md.j2", "# {{ kind_titles[kind] }}\n",
     "# {{ kind_titles[kind] }}\n\nAn edited listing.\n"),
    ("_source_entry.md.j2", " · {{", " · edited · {{"),
    ("timeline.md.j2", "# {{ title }}\n", "# {{ title }} (edited)\n"),
    ("home.md.j2", "# {{ site_title }}\n", "# {{ site_title }}\n\nAn edited home page.\n"),
)
BREAKS = ("yaml", "marking", "field", "date", "reference")
KINDS = ("country", "gas_field", "industrial_park", "initiative", "meeting", "person",
         "relation", "transport_corridor")
# A brief id in a brief file (the $schema comment names no brief: ``schema/person.json``).
REFERENCE = re.compile(r"(?<![\w/.-])(?:country|person|relation|meeting|gas_field"
                       r"|transport_corridor|industrial_park|initiative)/[a-z0-9][a-z0-9_-]*"
                       r"(?![\w-])")
TITLE = re.compile(r"^title: \{en: |^title:\n  en: ", re.M)
DIFF_LINES = 40


class Step(NamedTuple):
    """One edit as drawn: the operation, the kind of brief it edits and which of them
    (``pick``, modulo how many there are), and how (``variant``): read against the
    project as it stands when the step is taken."""

    op: str
    kind: str
    pick: int
    variant: int


@dataclass
class Undo:
    """How to mend what a step broke. The file it holds is left alone meanwhile."""

    description: str
    holds: str
    original: bytes | None = None
    """Bytes to put back at ``holds`` (kept up to date with references renamed since)."""
    renamed_from: str | None = None
    """Where to rename ``holds`` back to."""


def _id(relative: str) -> str:
    return relative.rsplit(".", 1)[0]


def _kind(relative: str) -> str:
    return relative.split("/")[0]


def _mentions(brief_id: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w/.-]){re.escape(brief_id)}(?![\w-])")


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _contents(folder: Path) -> dict[str, object]:
    """Each file's bytes and each folder's listing, to tell what a step changed."""
    found: dict[str, object] = {".": sorted(p.name for p in folder.iterdir())}
    for path in folder.rglob("*"):
        found[path.relative_to(folder).as_posix()] = (
            sorted(p.name for p in path.iterdir()) if path.is_dir() else path.read_bytes())
    return found


def _difference(live: dict[str, bytes], scratch: dict[str, bytes]) -> str:
    """The files that differ, and a short diff of the first page among them."""
    only_live = sorted(live.keys() - scratch.keys())
    only_scratch = sorted(scratch.keys() - live.keys())
    # The manifest holds every file's digest: it differs whenever a page does, so it
    # comes after the pages, which tell what went wrong.
    differing = sorted((p for p in live.keys() & scratch.keys() if live[p] != scratch[p]),
                       key=lambda p: (p.startswith("."), p))
    lines = []
    if differing:
        lines.append(f"files that differ: {', '.join(differing)}")
    if only_live:
        lines.append(f"only in the preview's output: {', '.join(only_live)}")
    if only_scratch:
        lines.append(f"only in the output from scratch: {', '.join(only_scratch)}")
    if differing:
        first = differing[0]
        diff = list(difflib.unified_diff(
            scratch[first].decode("utf-8", "replace").splitlines(),
            live[first].decode("utf-8", "replace").splitlines(),
            f"from scratch/{first}", f"live preview/{first}", n=1, lineterm=""))
        if len(diff) > DIFF_LINES:
            diff = [*diff[:DIFF_LINES], f"... ({len(diff) - DIFF_LINES} more lines of diff)"]
        lines.extend(diff)
    return "\n".join(lines)


def _mirror(templates: Path, mirror: Path) -> None:
    """Make ``mirror`` hold the templates, rewriting only those that differ: the renderer
    the process keeps for that folder compiles again only those (on their new time of
    modification), so the mirror serves every example."""
    mirror.mkdir(exist_ok=True)
    for path in templates.rglob("*"):  # the packs' templates are in a folder of their own
        if not path.is_file():
            continue
        data, copy = path.read_bytes(), mirror / path.relative_to(templates)
        copy.parent.mkdir(parents=True, exist_ok=True)
        if not copy.exists() or copy.read_bytes() != data:
            copy.write_bytes(data)


Outcome = tuple[str, list[str]]


def _run(settings: Settings, state: BuildState | None = None) -> Outcome:
    """'ok' or 'stopped', and every diagnostic as a user sees it."""
    try:
        _, diagnostics = generate(settings, state)
    except ContentError as error:
        return "stopped", [d.format() for d in error.diagnostics]
    return "ok", [d.format() for d in diagnostics]


@dataclass
class Project:
    """A copy of the demo project, a live preview running over it, and the steps so far."""

    root: Path
    audience: str
    settled: bool
    """Whether every file a step changes gets a modification time of its own, trusted at
    once (no racy window): the preview then reads only files whose signature changed.
    Otherwise files just saved are within the racy window and read again."""
    monkeypatch: pytest.MonkeyPatch
    scratch_templates: Path
    """Where runs from scratch find the templates (see :meth:`check`)."""
    broken: list[Undo] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    made: int = 0
    """Names handed out to added and renamed briefs and to added sources."""
    before: dict[str, object] = field(default_factory=dict)
    state: BuildState = field(default_factory=lambda: BuildState(resident=True))
    """What the preview keeps from run to run."""

    def __post_init__(self) -> None:
        shutil.copytree(REPO / "briefs", self.briefs)
        shutil.copytree(REPO / "templates", self.templates)
        earlier = TITLE.sub(lambda m: f"{m[0]}Earlier copy of the ",
                            self.text(MEETING), count=1)
        self.write(EARLIER_MEETING, earlier.replace("\ndate: 2025-04-22", "\ndate: 2024-10-10"))
        if self.settled:
            racy_window(self.monkeypatch, 0)
        self.before = _contents(self.project)

    @property
    def project(self) -> Path:
        return self.root / "project"

    @property
    def briefs(self) -> Path:
        return self.project / "briefs"

    @property
    def templates(self) -> Path:
        return self.project / "templates"

    # --- what the steps read and write ---------------------------------------------------

    def brief_files(self, *, all_of_them: bool = False) -> list[str]:
        """Brief files, but those a pending mend holds (unless ``all_of_them``)."""
        found = sorted(p.relative_to(self.briefs).as_posix() for p in self.briefs.glob("*/*.yml"))
        held = {undo.holds for undo in self.broken}
        return found if all_of_them else [f for f in found if f not in held]

    def text(self, relative: str) -> str:
        return (self.briefs / relative).read_text("utf-8")

    def write(self, relative: str, text: str) -> None:
        (self.briefs / relative).write_text(text, "utf-8")

    def referenced(self, relative: str) -> bool:
        """Whether another brief refers to this one (on disk, or in bytes a mend puts back)."""
        mention = _mentions(_id(relative))
        return any(mention.search(self.text(other)) for other in self.brief_files(all_of_them=True)
                   if other != relative) or any(
            undo.original is not None and mention.search(undo.original.decode("utf-8"))
            for undo in self.broken)

    def name(self, stem: str) -> str:
        self.made += 1
        return f"{stem}-{self.made}"

    @staticmethod
    def choose(kind: str, pick: int, files: list[str]) -> str | None:
        """The brief ``pick`` among those of ``kind`` in ``files`` (among all of them when
        none is of that kind)."""
        of_kind = [f for f in files if _kind(f) == kind] or files
        return of_kind[pick % len(of_kind)] if of_kind else None

    def edit(self, relative: str, pattern: str | re.Pattern[str], replacement: str) -> None:
        """Replace the first match of ``pattern`` (a line-wise regular expression)."""
        edited, count = re.subn(pattern, lambda m: m.expand(replacement), self.text(relative),
                                count=1, flags=0 if isinstance(pattern, re.Pattern) else re.M)
        assert count, (relative, pattern)
        self.write(relative, edited)

    # --- the steps -----------------------------------------------------------------------

    def apply(self, step: Step) -> str:
        """Apply ``step``; a description of what it did."""
        if step.op in ("fix", "template", "audience"):
            return getattr(self, f"_{step.op}")(step.pick, step.variant)
        if step.op == "source":
            return self._source(step.kind, step.pick, step.variant)
        target = self.choose(step.kind, step.pick, self.brief_files())
        if target is None:
            return f"{step.op}: no brief left to edit"
        return getattr(self, f"_{step.op}")(target, step.variant)

    def _title(self, target: str, variant: int) -> str:
        prefix = TITLE_PREFIXES[variant % len(TITLE_PREFIXES)]
        self.edit(target, TITLE, rf"\g<0>{prefix}")
        return f"retitle {target} with {prefix.strip()!r}"

    def _summary(self, target: str, variant: int) -> str:
        self.edit(target, r"^summary:\n  en: (?:>-\n +)?", rf"\g<0>Edited {variant}. ")
        return f"edit the summary of {target}"

    def _date(self, target: str, variant: int) -> str:
        if _kind(target) == "meeting" and variant % 2:
            date = MEETING_DATES[variant // 2 % len(MEETING_DATES)]
            self.edit(target, r"^date: \S+", f"date: {date}")
            return f"date {target} {date}"
        date = REVIEWED_DATES[variant // 2 % len(REVIEWED_DATES)]
        self.edit(target, r"^reviewed: \S+", f"reviewed: {date}")
        return f"mark {target} reviewed {date}"

    def _move(self, target: str, variant: int) -> str:
        """Point the brief's first reference at another brief of the same kind: a person
        moved to another country moves the meetings of that person too."""
        lines = self.text(target).split("\n")
        found = [(n, m) for n, line in enumerate(lines) if not line.startswith("#")
                 for m in [REFERENCE.search(line)] if m]
        if not found:
            return f"move: {target} refers to no brief"
        number, match = found[0]
        others = [_id(f) for f in self.brief_files(all_of_them=True)
                  if _kind(f) == _kind(match[0]) and _id(f) not in (match[0], _id(target))]
        if not others:
            return f"move: no other {_kind(match[0])} brief for {target} to refer to"
        other = others[variant % len(others)]
        lines[number] = lines[number][:match.start()] + other + lines[number][match.end():]
        self.write(target, "\n".join(lines))
        return f"move {target} from {match[0]} to {other}"

    def tags(self, relative: str) -> list[str]:
        line = next(x for x in self.text(relative).split("\n") if x.startswith("tags: ["))
        return [t.strip() for t in line[len("tags: ["):-1].split(",") if t.strip()]

    def set_tags(self, relative: str, tags: list[str]) -> None:
        self.edit(relative, r"^tags: \[.*\]$", f"tags: [{', '.join(tags)}]")

    def _tag(self, target: str, variant: int) -> str:
        tag, tags = TAGS[variant % len(TAGS)], self.tags(target)
        removed = tag in tags
        self.set_tags(target, [t for t in tags if t != tag] if removed else [tag, *tags])
        return f"{'untag' if removed else 'tag'} {target} {tag}"

    def _retag(self, target: str, variant: int) -> str:
        """Move one of the brief's tags to a brief of another kind: two files saved
        between two runs (a search and replace, a checkout), the tag's count unchanged."""
        tags = self.tags(target)
        if not tags:
            return f"retag: {target} has no tag"
        tag = tags[variant % len(tags)]
        other = self.choose(KINDS[variant % len(KINDS)], variant, [
            f for f in self.brief_files() if _kind(f) != _kind(target) and tag not in self.tags(f)])
        if other is None:
            return f"retag: no brief of another kind than {target} to tag {tag}"
        self.set_tags(target, [t for t in tags if t != tag])
        self.set_tags(other, [tag, *self.tags(other)])
        return f"move tag {tag} from {target} to {other}"

    def _add(self, target: str, variant: int) -> str:
        added = f"{_kind(target)}/{self.name('added')}.yml"
        text = TITLE.sub(lambda m: f"{m[0]}Added {self.made} ", self.text(target), count=1)
        if _kind(target) != "country":
            self.write(added, text)
            return f"add {added}, a copy of {target}"
        # A country of its own has ISO codes of its own (user-assigned Q codes, unique to
        # this sequence); a copy keeping the codes is an error until given its own.
        letter = chr(ord("A") + self.made % 26)
        own = re.sub(r"^iso3: \S+", f"iso3: Q{letter}Q",
                     re.sub(r"^iso2: \S+", f"iso2: Q{letter}", text, count=1, flags=re.M),
                     count=1, flags=re.M)
        if variant % 2 == 0:
            self.write(added, own)
            return f"add {added}, a copy of {target} with codes of its own"
        self.write(added, text)
        self.broken.append(Undo(f"give {added} codes of its own", added,
                                original=own.encode("utf-8")))
        return f"add {added}, a copy of {target} with the same ISO codes"

    def _delete(self, target: str, variant: int) -> str:
        if variant % 2 == 0:  # rather one nothing refers to, of the same kind if there is one
            free = [f for f in self.brief_files() if not self.referenced(f)]
            target = self.choose(_kind(target), 0, free) or target
        referenced = self.referenced(target)
        if referenced:
            self.broken.append(Undo(f"put back {target}", target,
                                    original=(self.briefs / target).read_bytes()))
        (self.briefs / target).unlink()
        return f"delete {target}{', which others refer to' if referenced else ''}"

    def _rename(self, target: str, variant: int) -> str:
        renamed = f"{_kind(target)}/{self.name('renamed')}.yml"
        referenced = self.referenced(target)
        (self.briefs / target).rename(self.briefs / renamed)
        if variant % 2 == 0:
            self.rename_references(_id(target), _id(renamed))
            return f"rename {target} to {renamed}, references following"
        if referenced:
            self.broken.append(Undo(f"rename {renamed} back to {target}", renamed,
                                    renamed_from=target))
        return f"rename {target} to {renamed}{', references left' if referenced else ''}"

    def rename_references(self, old: str, new: str) -> None:
        mention = _mentions(old)
        for relative in self.brief_files(all_of_them=True):
            text = self.text(relative)
            if mention.search(text):
                self.write(relative, mention.sub(new, text))
        for undo in self.broken:
            if undo.original is not None:
                undo.original = mention.sub(new, undo.original.decode("utf-8")).encode("utf-8")

    def _break(self, target: str, variant: int) -> str:
        how = BREAKS[variant % len(BREAKS)]
        text = self.text(target)
        lines = text.split("\n")
        refs = [n for n, line in enumerate(lines)
                if not line.startswith("#") and REFERENCE.search(line)]
        if how == "reference" and not refs:
            how = "field"
        self.broken.append(Undo(f"mend {target} (broken: {how})", target,
                                original=text.encode("utf-8")))
        if how == "yaml":
            self.write(target, text + "broken: [\n")
        elif how == "field":
            self.write(target, text + "not_a_field: 1\n")
        elif how == "marking":
            self.edit(target, r"^marking: \S+", "marking: TLP:PURPLE")
        elif how == "date":
            self.edit(target, r"^reviewed: \S+", "reviewed: 2026-02-30")
        else:  # a reference to a brief that does not exist
            lines[refs[0]] = REFERENCE.sub(lambda m: f"{_kind(m[0])}/atlantis", lines[refs[0]],
                                           count=1)
            self.write(target, "\n".join(lines))
        return f"break {target} ({how})"

    def _fix(self, pick: int, variant: int = 0) -> str:
        if not self.broken:
            return "nothing to mend: nothing changed"
        undo = self.broken.pop(pick % len(self.broken))
        if undo.renamed_from is not None:
            (self.briefs / undo.holds).rename(self.briefs / undo.renamed_from)
        else:
            assert undo.original is not None
            (self.briefs / undo.holds).write_bytes(undo.original)
        return undo.description

    def _template(self, pick: int, variant: int) -> str:
        name, old, new = TEMPLATE_EDITS[pick % len(TEMPLATE_EDITS)]
        path = self.templates / name
        text = path.read_text("utf-8")
        if old in text:
            path.write_text(text.replace(old, new, 1), "utf-8")
            return f"edit template {name}"
        path.write_text(text.replace(new, old, 1), "utf-8")
        return f"undo the edit of template {name}"

    def _source(self, kind: str, pick: int, variant: int) -> str:
        registry = self.briefs / "_sources.yml"
        text = registry.read_text("utf-8")
        if variant % 2 == 0:  # every page listing the source shows its publisher
            publishers = list(re.finditer(r"^  publisher: ", text, flags=re.M))
            at = publishers[pick % len(publishers)].end()
            source = re.findall(r"^([\w-]+):$", text[:at], flags=re.M)[-1]
            registry.write_text(f"{text[:at]}Renamed {text[at:]}", "utf-8")
            return f"rename the publisher of source {source}"
        source = self.name("added-source")
        registry.write_text(f"{text}{source}:\n  title: An added source\n"
                            f"  publisher: Added Agency\n  published: 2026-11-{10 + variant}\n"
                            "  language: en\n", "utf-8")
        citing = self.choose(kind, pick, [f for f in self.brief_files()
                                          if "sources: [" in self.text(f)])
        if citing is None:
            return f"add source {source}, cited by no brief"
        self.edit(citing, r"sources: \[", rf"\g<0>{source}, ")
        return f"add source {source}, cited by {citing}"

    def _audience(self, pick: int, variant: int) -> str:
        others = [a for a in AUDIENCES if a != self.audience]
        self.audience = others[variant % len(others)]
        return f"audience {self.audience}"

    def _marking(self, target: str, variant: int) -> str:
        """Re-mark a brief; its parts marked less strictly (the demo meeting's and
        relation's points) are raised to the brief's marking, which keeps it valid."""
        marking = MARKINGS[variant % len(MARKINGS)]
        self.edit(target, r"^marking: \S+", f"marking: {marking}")
        looser = "|".join(re.escape(m) for m in MARKINGS[:MARKINGS.index(marking)])
        if looser:
            self.write(target, re.sub(rf"^( +marking: )({looser})$", rf"\g<1>{marking}",
                                      self.text(target), flags=re.M))
        return f"mark {target} {marking}"

    def _portion(self, target: str, variant: int) -> str:
        """Re-mark a part of a brief (one of the demo meeting's or relation's points), as
        strictly as its brief or more."""
        found = re.findall(r"^ +marking: \S+$", self.text(target), flags=re.M)
        if not found:
            return f"re-mark a part of {target}: it has none"
        brief = re.search(r"^marking: (\S+)", self.text(target), flags=re.M)
        assert brief is not None
        allowed = MARKINGS[MARKINGS.index(brief.group(1)):]
        marking = allowed[variant % len(allowed)]
        pick = variant % len(found)
        lines = self.text(target).split("\n")
        number = [i for i, line in enumerate(lines) if line in found][pick]
        lines[number] = lines[number].split("marking:")[0] + f"marking: {marking}"
        self.write(target, "\n".join(lines))
        return f"re-mark part {pick} of {target} {marking}"

    # --- the check after every step ------------------------------------------------------

    def settle(self) -> None:
        """With ``settled``, give every file and folder the step changed a modification
        time of its own, so that its signature changes however coarse the clock."""
        now = _contents(self.project)
        if self.settled:
            stamp = (1_700_000_000 + len(self.log)) * 1_000_000_000
            for key, value in now.items():
                if self.before.get(key) != value:
                    os.utime(self.project / key, ns=(stamp, stamp))
        self.before = now

    def settings_for(self, out_dir: Path, templates: Path) -> Settings:
        return Settings(briefs_dir=self.briefs, templates_dir=templates, out_dir=out_dir,
                        audience=self.audience, today=dt.date.fromisoformat(TODAY), jobs=1)

    def check(self, description: str) -> str:
        """The preview's run after this step gives what a run from scratch gives: 'ok'
        or 'stopped', as both did."""
        self.log.append(f"{len(self.log)}. {description}")
        self.settle()
        live = self.root / "live" / "generated"
        self.monkeypatch.setenv("BRIEFBOOK_CACHE", "1")
        outcome = _run(self.settings_for(live, self.templates), self.state)
        # From scratch: no cache, a new folder, and a copy of the templates. A process may
        # keep a renderer per templates folder, with what it made for the last site; a
        # run from scratch would have the preview's renderer forget that.
        self.monkeypatch.setenv("BRIEFBOOK_CACHE", "0")
        scratch = self.root / f"scratch-{len(self.log)}" / "generated"
        _mirror(self.templates, self.scratch_templates)
        expected = _run(self.settings_for(scratch, self.scratch_templates))
        context = (f"audience {self.audience}, files "
                   f"{'settled' if self.settled else 'just saved'}, steps:\n  "
                   + "\n  ".join(self.log))
        if outcome != expected:
            raise AssertionError(
                f"after step {description!r} the preview's run {outcome[0]}, one from "
                f"scratch {expected[0]}\npreview's diagnostics: {outcome[1]}\n"
                f"from scratch: {expected[1]}\n{context}")
        if outcome[0] == "ok":
            problem = _difference(_tree(live), _tree(scratch))
            if problem:
                raise AssertionError(f"after step {description!r} the preview's output "
                                     f"differs from a run from scratch:\n{problem}\n{context}")
        shutil.rmtree(scratch.parent, ignore_errors=True)
        return outcome[0]


OPERATIONS = ("title", "summary", "date", "move", "tag", "retag", "add", "delete", "rename",
              "break", "fix", "template", "source", "audience", "marking", "portion")
# No step twice in a sequence: besides sparing a run, it keeps Hypothesis from filling
# its few examples with copies of the same step (twice the operations, kinds and pairs
# of them are drawn, over 30 examples).
STEPS = st.lists(st.builds(Step, st.sampled_from(OPERATIONS), st.sampled_from(KINDS),
                           st.integers(0, 7), st.integers(0, 7)),
                 min_size=1, max_size=6, unique=True)


@pytest.fixture(scope="module")
def scratch_templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("scratch-templates")


# Derandomized, without a database: the same examples on every run. No shrinking: a
# failure is reported at once (with its steps and a diff) instead of minutes later;
# add Phase.shrink to the phases to have it reduced.
@settings(max_examples=30, deadline=None, derandomize=True, database=None,
          phases=[Phase.explicit, Phase.generate], suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS, settled=st.booleans(), audience=st.sampled_from(list(AUDIENCES)))
# Besides the drawn sequences (a few dozen Hypothesis examples are alike more often than
# not), four that take every operation at least once, where an edit shows on pages other
# than its brief's: a page shows a brief that neither refers to it nor is referred to by
# it (a country page lists the meetings of its people; a meeting page names the previous
# and next meeting of the same parties); a source shows on every page citing it; a
# timeline row shows its brief's title; the home page counts an old brief withheld; the
# tags page shows the kinds of a tag moved from one brief to another.
@example(steps=[Step("title", "transport_corridor", 0, 1), Step("source", "person", 0, 1),
                Step("delete", "meeting", 0, 0), Step("marking", "meeting", 0, 3),
                Step("tag", "transport_corridor", 1, 2), Step("break", "country", 0, 4)],
         settled=True, audience="internal")
@example(steps=[Step("title", "meeting", 0, 0), Step("date", "meeting", 1, 5),
                Step("source", "meeting", 0, 0), Step("marking", "country", 1, 2),
                Step("marking", "country", 1, 0), Step("summary", "relation", 0, 1)],
         settled=False, audience="public")
@example(steps=[Step("move", "person", 0, 0), Step("add", "meeting", 1, 0),
                Step("retag", "initiative", 0, 1), Step("rename", "country", 4, 0),
                Step("delete", "person", 1, 1), Step("fix", "person", 0, 0)],
         settled=True, audience="internal")
@example(steps=[Step("break", "meeting", 1, 0), Step("title", "person", 1, 1),
                Step("fix", "meeting", 0, 0), Step("template", "country", 1, 0),
                Step("audience", "country", 0, 1), Step("rename", "person", 2, 1)],
         settled=False, audience="community")
# A country added with the ISO codes of another (an error, found across briefs), another
# country edited meanwhile, then the copy given codes of its own.
@example(steps=[Step("add", "country", 0, 1), Step("title", "country", 1, 0),
                Step("fix", "country", 0, 0)],
         settled=True, audience="public")
# Parts of the demo meeting and relation re-marked for the community: a point comes in or
# goes, the relation's brief is re-marked with its parts, then a part again.
@example(steps=[Step("portion", "meeting", 0, 1), Step("portion", "relation", 0, 2),
                Step("marking", "relation", 0, 1), Step("portion", "relation", 0, 3)],
         settled=True, audience="community")
def test_random_edits_in_a_running_preview_match_runs_from_scratch(
    scratch_templates: Path, steps: list[Step], settled: bool, audience: str
) -> None:
    with tempfile.TemporaryDirectory(prefix="briefbook-property-") as folder, \
            pytest.MonkeyPatch.context() as monkeypatch:
        project = Project(Path(folder), audience, settled, monkeypatch, scratch_templates)
        project.check("the demo briefs, and a second meeting of the same parties")
        for step in steps:
            event(f"step: {step.op}")
            if project.check(project.apply(step)) == "stopped":
                event("a step after which the content is bad")
        while project.broken:  # what is still broken is mended, one file at a time
            project.check(project._fix(0))

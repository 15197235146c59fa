"""The ``briefbook`` command line (the only module that uses click). Exit codes: 0 success,
1 content errors, 2 usage errors."""

from __future__ import annotations

import datetime as dt
import gc
import logging
import sys
from pathlib import Path

import click

from briefbook.cli_options import (
    audience_option,
    briefs_option,
    config_option,
    engine_option,
    packs_option,
    templates_option,
    today_option,
)
from briefbook.errors import BriefbookError, ContentError, Diagnostics, UsageError, io_failure
from briefbook.pipeline import check, generate, pack
from briefbook.resolve.site import Site
from briefbook.settings import Settings


def _today(value: dt.datetime | None) -> dt.date:
    return value.date() if value else dt.date.today()


def _print_diagnostics(diagnostics: Diagnostics, output_format: str = "text") -> None:
    items = diagnostics.sorted()
    if output_format == "json":
        click.echo(diagnostics.to_json())
        return
    if output_format == "github":
        for diagnostic in items[:10]:
            click.echo(diagnostic.format_github())
    for diagnostic in items:
        click.echo(diagnostic.format(), err=output_format == "text")


def _fail_on_content(error: ContentError, output_format: str = "text") -> None:
    _print_diagnostics(error.diagnostics, output_format)
    click.echo(f"briefbook: {error}", err=True)
    sys.exit(1)


def _check_or_fail(settings: Settings) -> Site:
    result = check(settings)
    if result.site is None:
        raise ContentError(result.diagnostics)
    return result.site


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefbook")
def cli() -> None:
    """Validate YAML briefs and build them into a briefing site."""


@cli.command()
@briefs_option
@today_option
@click.option("--format", "output_format", type=click.Choice(["text", "github", "json"]),
              default="text", show_default=True, help="How to print problems.")
def validate(briefs_dir: Path, today: dt.datetime | None, output_format: str) -> None:
    """Check every brief and report every problem as PATH:LINE:COL."""
    result = check(Settings(briefs_dir=briefs_dir, today=_today(today), audience="internal"))
    _print_diagnostics(result.diagnostics, output_format)
    errors = len(result.diagnostics.errors)
    if output_format == "text":
        count = len(result.site.briefs) if result.site else 0
        summary = f"{errors} error(s)" if errors else f"{count} brief(s) valid"
        click.echo(f"briefbook: {summary}", err=True)
    sys.exit(1 if errors else 0)


@cli.command("render")
@briefs_option
@templates_option
@today_option
@audience_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("generated"),
              show_default=True, help="Folder for the generated Markdown (owned by briefbook).")
@click.option("--no-wait", is_flag=True, help="Fail at once if another run writes the folder.")
@packs_option
def render_command(briefs_dir: Path, templates_dir: Path, today: dt.datetime | None,
                   audience: str, out_dir: Path, no_wait: bool, packs: bool | None) -> None:
    """Write the generated Markdown tree (only files whose bytes change)."""
    # The packs only when asked for (--packs): printing them costs seconds a pack, and
    # the site build (build, serve, the plugin) prints them where mkdocs.yml says so.
    settings = Settings(briefs_dir, templates_dir, out_dir, audience, _today(today),
                        packs=bool(packs))
    report, diagnostics = generate(settings, wait=not no_wait)
    _print_diagnostics(diagnostics)
    click.echo(f"briefbook: {len(report.written)} written, {len(report.unchanged)} unchanged, "
               f"{len(report.deleted)} deleted in {out_dir}", err=True)


@cli.command()
@briefs_option
@today_option
@audience_option
@config_option
@click.option("--site-dir", type=click.Path(path_type=Path), default=None,
              help="Where to build the site (default: the config's site_dir).")
@engine_option
@packs_option
def build(briefs_dir: Path, today: dt.datetime | None, audience: str, config_file: Path,
          site_dir: Path | None, engine: str, packs: bool | None) -> None:
    """Validate, render and build the site in strict mode (MkDocs, or Zensical)."""
    from briefbook.engines import build_site

    settings = Settings(briefs_dir=briefs_dir, audience=audience, today=_today(today),
                        config_file=config_file, packs=packs)
    _check_or_fail(settings)  # every content error, before the engine starts
    built = build_site(engine, config_file, settings, site_dir=site_dir)
    click.echo(f"briefbook: built the {audience} site into {built}/", err=True)
    click.echo(f"briefbook: open {built}/index.html, or preview with: make serve", err=True)


@cli.command("pack")
@click.argument("brief_id")
@briefs_option
@templates_option
@config_option
@today_option
@audience_option
@click.option("--lang", help="Language of the pack (default: the site's first).")
@click.option("--out", "out", type=click.Path(path_type=Path), required=True, help="PDF to write.")
def pack_command(brief_id: str, briefs_dir: Path, templates_dir: Path, config_file: Path,
                 today: dt.datetime | None, audience: str, lang: str | None, out: Path) -> None:
    """Write the printable briefing pack (PDF) of a meeting, relation or country."""
    settings = Settings(briefs_dir, templates_dir, audience=audience, today=_today(today),
                        config_file=config_file)
    pdf, pages = pack(settings, brief_id, lang)
    out.write_bytes(pdf)
    click.echo(f"briefbook: wrote {out} ({pages} pages, {len(pdf) // 1024} KiB)", err=True)


@cli.command()
@briefs_option
@audience_option
@config_option
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True,
              help="Address to serve on.")
@click.option("--full", is_flag=True,
              help="Rebuild every page on each change (slower; search covers every page).")
def serve(briefs_dir: Path, audience: str, config_file: Path, dev_addr: str, full: bool) -> None:
    """Live preview: rebuilds the changed pages and reloads when a brief or template changes."""
    from briefbook.engines.mkdocs.build import serve_site

    settings = Settings(briefs_dir, audience=audience, config_file=config_file, packs=None)
    _check_or_fail(settings)
    serve_site(config_file, settings, dev_addr=dev_addr, full=full)


@cli.command()
@click.argument("kind")
@click.argument("brief_id")
@briefs_option
def new(kind: str, brief_id: str, briefs_dir: Path) -> None:
    """Write a valid skeleton brief of KIND at BRIEFS/ID.yml."""
    from briefbook.authoring.new import write_skeleton

    path = write_skeleton(kind, brief_id, briefs_dir)
    click.echo(f"briefbook: wrote {path}; edit it, then run: briefbook validate", err=True)


@cli.command()
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("schema"),
              show_default=True, help="Folder for the JSON Schema files.")
@click.option("--check", "check_only", is_flag=True, help="Exit 1 if the files are out of date.")
def schema(out_dir: Path, check_only: bool) -> None:
    """Write the JSON Schema (draft-07) of every kind, for editors."""
    from briefbook.authoring.schema import write_schemas

    stale = write_schemas(out_dir, check_only=check_only)
    if check_only and stale:
        click.echo("briefbook: schema out of date: " + ", ".join(stale)
                   + "; run: briefbook schema", err=True)
        sys.exit(1)
    done = "checked" if check_only else "written"
    click.echo(f"briefbook: schema {done} in {out_dir}/", err=True)


@cli.command()
@briefs_option
@today_option
@click.option("--fail", "fail_if_any", is_flag=True, help="Exit 1 when any brief is overdue.")
def stale(briefs_dir: Path, today: dt.datetime | None, fail_if_any: bool) -> None:
    """List briefs past their review date, with owner, reviewed and due date."""
    from briefbook.authoring.stale import format_table, stale_briefs

    rows, _ = stale_briefs(briefs_dir, _today(today))
    if rows:
        for line in format_table(rows):
            click.echo(line)
    click.echo(f"briefbook: {len(rows)} brief(s) overdue for review", err=True)
    sys.exit(1 if fail_if_any and rows else 0)


@cli.command()
@briefs_option
@today_option
@config_option
@click.option("--lang", "langs", multiple=True, help="Only this language (repeatable).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]),
              default="text", show_default=True, help="How to print the report.")
@click.option("--fail-under", type=click.FloatRange(0, 100), metavar="PCT",
              help="Exit 1 if a language's total is under PCT per cent translated.")
@click.option("--verbose", "-v", is_flag=True, help="List the fields each brief lacks.")
def translations(briefs_dir: Path, today: dt.datetime | None, config_file: Path,
                 langs: tuple[str, ...], output_format: str, fail_under: float | None,
                 verbose: bool) -> None:
    """Report how much of each brief is translated into the site's other languages."""
    from briefbook.authoring.translations import translation_report

    settings = Settings(briefs_dir=briefs_dir, today=_today(today), audience="internal",
                        config_file=config_file)
    report = translation_report(_check_or_fail(settings), settings, langs, fail_under)
    click.echo(report.to_json() if output_format == "json" else report.text(verbose), nl=False)
    click.echo(report.summary, err=True)
    sys.exit(1 if report.failed else 0)


@cli.group("import")
def import_group() -> None:
    """Make briefs from published data sets."""


@import_group.command("factbook")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option("--into", "briefs_dir", type=click.Path(path_type=Path), default=Path("briefs"),
              show_default=True, help="Folder of briefs to write into.")
@click.option("--only", default="", metavar="CODES",
              help="Import only these, comma-separated: Factbook codes (kz,tx) or ISO codes.")
@click.option("--report", is_flag=True,
              help="Print each file's coverage (leaves held of leaves given) and what is not held.")
@click.option("--dry-run", is_flag=True, help="Write nothing; say what would be written.")
def import_factbook_command(paths: tuple[Path, ...], briefs_dir: Path, only: str, report: bool,
                            dry_run: bool) -> None:
    """Convert CIA World Factbook JSON files (or folders of them) into country briefs.

    Never overwrites a brief somebody wrote or edited: such files are reported as skipped."""
    from briefbook.authoring.factbook import format_coverage, import_factbook

    done = import_factbook(list(paths), briefs_dir, only.split(",") if only else (),
                           dry_run=dry_run)
    for notice in done.notices:
        click.echo(f"warning: {notice.format()}", err=True)
    for line in done.lines():
        click.echo(line)
    if report:
        for line in format_coverage([result.coverage for result in done.files]):
            click.echo(line)
    click.echo(done.summary(dry_run), err=True)


def _show_notes() -> None:
    """What briefbook notes on its way (logger ``briefbook``), one line each on stderr."""
    logger = logging.getLogger("briefbook")
    if not any(getattr(handler, "briefbook_notes", False) for handler in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.briefbook_notes = True  # type: ignore[attr-defined]
        logger.addHandler(handler)


def main() -> None:
    """Entry point: run the CLI, turning briefbook errors into messages and exit codes."""
    _show_notes()
    try:
        cli.main(standalone_mode=False)
    except ContentError as error:
        _fail_on_content(error)
    except (UsageError, click.UsageError) as error:
        if isinstance(error, click.UsageError):
            error.show()
        else:
            click.echo(f"briefbook: error: {error}", err=True)
        sys.exit(2)
    except BriefbookError as error:  # an OutputError among others
        click.echo(f"briefbook: error: {error}", err=True)
        sys.exit(1)
    except OSError as error:  # a failure no stage turned into an OutputError (the site build)
        click.echo(f"briefbook: error: {io_failure(error)}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        sys.exit(130)
    except click.exceptions.Exit as exit_:
        sys.exit(exit_.exit_code)
    finally:
        # The process ends now: what the run left (a site's objects, in reference cycles)
        # is frozen so that the interpreter's last collection does not walk it (1.2 s of
        # the exit after 10,000 briefs, 0.2 s frozen); the system frees the memory anyway.
        gc.freeze()

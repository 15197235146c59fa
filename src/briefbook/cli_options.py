"""The options several ``briefbook`` commands share (part of the command line, the only
code that uses click: :mod:`briefbook.cli`)."""

from __future__ import annotations

from pathlib import Path

import click

from briefbook.engines import DEFAULT_ENGINE, ENGINES
from briefbook.resolve.site import AUDIENCES

briefs_option = click.option(
    "--briefs", "briefs_dir", type=click.Path(path_type=Path), default=Path("briefs"),
    show_default=True, help="Folder of YAML briefs.")
templates_option = click.option(
    "--templates", "templates_dir", type=click.Path(path_type=Path), default=Path("templates"),
    show_default=True, help="Folder of Jinja templates.")
today_option = click.option(
    "--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
    help="Pretend today is this date (YYYY-MM-DD).")
config_option = click.option(
    "--config", "config_file", type=click.Path(path_type=Path), default=Path("mkdocs.yml"),
    show_default=True, help="MkDocs configuration.")
audience_option = click.option(
    "--audience", type=click.Choice(list(AUDIENCES)), default="public", show_default=True,
    help="Who the site is for: decides which TLP markings are published.")
engine_option = click.option(
    "--engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE, show_default=True,
    help="What builds the site: MkDocs and Material, or Zensical (optional; "
         "see docs/engines.md).")
packs_option = click.option(
    "--packs/--no-packs", default=None,
    help="Print the briefing packs (default: the plugin's option).")

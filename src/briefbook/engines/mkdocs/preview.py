"""What the live preview (``briefbook serve``, MkDocs dirty rebuilds) does after its first build.

Every rebuild after the first is for one person looking at the page they just
saved. MkDocs's dirty rebuild renders only the pages whose Markdown changed (the
generator keeps the modification time of every file it did not change) and never
empties the served folder, so the preview keeps that folder what a full build
would make of the current pages:

* pages no longer generated (a brief deleted, or re-marked so that the audience may
  not see it, and every page that goes with it: its tag pages, its timeline pages)
  are deleted from the served folder after the rebuild: the built files of the
  generator's pages only, never a hand-written page or a theme file;
* the search index is made again from the served folder after every rebuild (every
  language's, by the plugin: :mod:`briefbook.engines.pagefind`), so it has the pages
  rendered again and not the pages gone, and is replaced in one step;
* ``404.html`` and ``sitemap.xml`` are made again only when the set of generated
  pages changed.

It skips what the first build already made: compiling the theme's templates again (the
first build's Jinja environment is reused; it still notices edited template files by
their modification time), and scanning the first build's long-lived objects in every
garbage collection.

``make site``, CI and ``briefbook serve --full`` always build everything.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


def _plain(path: str) -> bool:
    """A relative path that stays where it is put (no ``..``, not absolute)."""
    parts = PurePosixPath(path).parts
    return bool(parts) and not os.path.isabs(path) and ".." not in parts


def remove_outputs(gone: Iterable[str], src_dir: str, config: MkDocsConfig, files: Files) -> None:
    """Delete what a build made of the generated files ``gone`` (paths in ``src_dir``), and
    folders left empty; a file the site still has at that place (a hand-written page, a
    theme file) is kept."""
    site_dir = os.path.abspath(config.site_dir)
    kept = {os.path.abspath(file.abs_dest_path) for file in files}
    for path in sorted(filter(_plain, gone)):
        dest = os.path.abspath(File(path, src_dir, site_dir, config.use_directory_urls)
                               .abs_dest_path)
        if dest in kept or not _inside(dest, site_dir) or os.path.isdir(dest):
            continue
        Path(dest).unlink(missing_ok=True)
        folder = os.path.dirname(dest)
        while folder != site_dir and _inside(folder, site_dir) and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)


class PreviewState:
    """Kept by the plugin across the rebuilds of one ``mkdocs serve --dirty``."""

    def __init__(self) -> None:
        self.builds = 0
        self.theme_env: Any = None
        self.files: Files | None = None
        self.served: set[str] = set()
        """The generated files (paths in the generated folder) the served folder has."""

    def on_config(self, config: MkDocsConfig, generated: set[str]) -> None:
        """Before a rebuild: 404 and sitemap stay the first build's if no page came or went."""
        if self.builds and generated == self.served:
            config.theme.static_templates.clear()

    def on_env(self, env: Any, files: Files) -> Any:
        """The first build's theme environment, with its compiled templates."""
        self.files = files
        if self.theme_env is None:
            self.theme_env = env
        return self.theme_env

    def on_post_build(self, config: MkDocsConfig, generated: set[str], src_dir: str) -> None:
        """After a rebuild, bring the served folder up to the pages generated now; after
        the first build, move everything alive into the collector's permanent generation:
        later collections no longer walk its objects."""
        if self.builds == 0:
            gc.collect()
            gc.freeze()
        elif self.files is not None:
            remove_outputs(self.served - generated, src_dir, config, self.files)
        self.served = generated
        self.builds += 1

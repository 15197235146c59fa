"""What the live preview (``briefbook serve``, MkDocs dirty rebuilds) skips after its first build.

Every rebuild after the first is for one person looking at the page they just
saved, so it leaves out work whose result the first build already put in the
served folder (dirty rebuilds never empty it):

* the search index: it stays the first build's, so search finds pages as they
  were when the preview started (Material's dirty merge of the index would also
  drop unrelated pages from it);
* ``404.html`` and ``sitemap.xml``;
* compiling the theme's templates again: the first build's Jinja environment is
  reused (it still notices edited template files by their modification time);
* scanning the first build's long-lived objects in every garbage collection.

``make site``, CI and ``briefbook serve --full`` always build everything.
"""

from __future__ import annotations

import gc
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

SEARCH_PLUGINS = ("material/search", "search")


class PreviewState:
    """Kept by the plugin across the rebuilds of one ``mkdocs serve --dirty``."""

    def __init__(self) -> None:
        self.builds = 0
        self.theme_env: Any = None

    def on_config(self, config: MkDocsConfig) -> None:
        """Turn off, for a rebuild, what the first build already made."""
        if self.builds == 0:
            return
        for name in SEARCH_PLUGINS:
            plugin = config.plugins.get(name)
            if plugin is not None and hasattr(plugin.config, "enabled"):
                plugin.config.enabled = False
        config.theme.static_templates.clear()

    def on_env(self, env: Any) -> Any:
        """The first build's theme environment, with its compiled templates."""
        if self.theme_env is None:
            self.theme_env = env
        return self.theme_env

    def on_post_build(self) -> None:
        """After the first build, move everything alive into the collector's permanent
        generation: later collections no longer walk the first build's objects."""
        if self.builds == 0:
            gc.collect()
            gc.freeze()
        self.builds += 1

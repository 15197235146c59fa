"""The Zensical engine: the generated Markdown built with Zensical (optional: ``pip install
'briefbook[zensical]'``). Only this package imports Zensical."""

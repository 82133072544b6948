"""Sphinx configuration: the Markdown pages in docs/, built offline with furo and MyST.

Build with ``python -m sphinx -W --keep-going -b html docs build/docs`` (the
``[docs]`` extra installs what it needs). Nothing here fetches anything: no
intersphinx, no remote theme assets, no MathJax; ``tests/test_docs_build.py`` checks it.
"""

from __future__ import annotations

import revforensics

project = "revforensics"
author = "revforensics developers"
copyright = "revforensics developers"  # noqa: A001 - the name Sphinx reads
release = revforensics.__version__
version = ".".join(release.split(".")[:2])

extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# The pages link headings as `api.md#compare`, the GitHub way: MyST makes the same
# slugs for headings down to level 4.
myst_heading_anchors = 4
myst_enable_extensions = ["deflist"]

# Offline: no intersphinx (not loaded), no MathJax (not loaded: no math in the pages),
# and furo ships its CSS, JS and fonts inside the wheel.
html_theme = "furo"
html_title = f"revforensics {release}"
html_static_path: list[str] = []
html_show_sourcelink = False
# Reproducible output: no "last updated" date, no build-time stamp in the pages.
html_last_updated_fmt = None

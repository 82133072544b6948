"""Renderers: a comparison or a chain comparison in, text out; nothing recomputed."""

from __future__ import annotations

from revforensics.render.chain_html import render_chain_html, render_chain_html_fragment
from revforensics.render.chain_markdown import render_chain_markdown
from revforensics.render.chain_text import render_blame, render_chain_text
from revforensics.render.html import render_html, render_html_fragment
from revforensics.render.json import from_json, to_dict, to_json
from revforensics.render.markdown import render_markdown
from revforensics.render.terminal import render_terminal
from revforensics.render.text import render_text

__all__ = [
    "from_json",
    "render_blame",
    "render_chain_html",
    "render_chain_html_fragment",
    "render_chain_markdown",
    "render_chain_text",
    "render_html",
    "render_html_fragment",
    "render_markdown",
    "render_terminal",
    "render_text",
    "to_dict",
    "to_json",
]

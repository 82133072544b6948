"""The docs site builds offline, with every warning an error (a broken link, a page left out)."""

import importlib.util
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
MISSING = [m for m in ("sphinx", "furo", "myst_parser") if importlib.util.find_spec(m) is None]

pytestmark = pytest.mark.skipif(
    bool(MISSING),
    reason=f"the docs build needs {', '.join(MISSING)}: pip install 'revforensics[docs]'",
)
# Any request the build tried would go to a closed port and fail, and fail the build.
_NO_NETWORK = dict.fromkeys(
    ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"), "http://127.0.0.1:9"
)
_REMOTE_TAG = re.compile(
    r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=["']?(?:https?:)?//"""
)
_REMOTE_CSS = re.compile(r"""(?:url\(|@import)\s*["']?(?:https?:)?//""")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("docs")
    env = {
        **os.environ,
        **_NO_NETWORK,
        "no_proxy": "",
        "NO_PROXY": "",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
         "-d", str(out / "doctrees"), str(DOCS), str(out / "html")],
        capture_output=True, text=True, check=False, env=env, cwd=ROOT,
    )  # fmt: skip
    assert build.returncode == 0, (
        f"python -m sphinx -W --keep-going -b html docs build/docs failed:\n{build.stderr}"
    )
    return out / "html"


def test_every_page_is_built_and_in_the_navigation(site):
    """Each Markdown page becomes an HTML page that the index's navigation links to."""
    pages = sorted(p.relative_to(DOCS).with_suffix(".html") for p in DOCS.rglob("*.md"))
    assert len(pages) >= 15
    index = (site / "index.html").read_text(encoding="utf-8")
    for page in pages:
        assert (site / page).is_file(), page
        if page.name != "index.html":
            assert f'href="{page.as_posix()}"' in index, f"{page} is not in the index's toctree"


def test_the_site_loads_nothing_from_the_network(site):
    """No page loads a script, style sheet, font or image from another host."""
    for page in site.rglob("*.html"):
        assert not _REMOTE_TAG.search(page.read_text(encoding="utf-8")), page
    for css in site.rglob("*.css"):
        assert not _REMOTE_CSS.search(css.read_text(encoding="utf-8")), css


def test_the_network_patterns_catch_remote_assets_only():
    """Near misses: a link a reader clicks is fine; a script, style or font from a host is not."""
    assert _REMOTE_TAG.search('<script src="https://cdn.example/x.js">')
    assert _REMOTE_TAG.search("<link rel=stylesheet href=//fonts.example/a.css>")
    assert not _REMOTE_TAG.search('<script src="_static/furo.js">')
    assert not _REMOTE_TAG.search('<a href="https://www.gov.uk/">GOV.UK</a>')
    assert _REMOTE_CSS.search("@font-face{src:url(https://fonts.example/a.woff2)}")
    assert not _REMOTE_CSS.search("src:url(../fonts/a.woff2)")


def test_the_configuration_fetches_nothing():
    """No intersphinx and no MathJax: the extensions that would reach the network."""
    conf = runpy.run_path(str(DOCS / "conf.py"))
    loaded = " ".join(conf["extensions"])
    assert "intersphinx" not in loaded
    assert "mathjax" not in loaded
    assert not conf.get("intersphinx_mapping")


def test_the_api_page_keeps_its_anchors(site):
    """Links such as api.md#compare resolve to an id on the built API page."""
    api = (site / "reference" / "api.html").read_text(encoding="utf-8")
    for anchor in ("compare", "revisionchain", "watchlist", "the-revforensicsdiff1-json-contract"):
        assert f'id="{anchor}"' in api, anchor

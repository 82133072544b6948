"""Adapters that turn captures into :class:`~revforensics.model.Revision` objects.

Each adapter is a small module; a :class:`~revforensics.model.Revision` never sees the
file, the HTML or the git history it came from::

    text.py   read_text_file(path)               a UTF-8 text file
    html.py   revision_from_html(raw)            an HTML page (extra [html]: trafilatura)
              read_html_file(path)
    git.py    revisions_from_git(repo, path)     every committed version of a file
    wayback.py  revisions_from_wayback(url)      every distinct Wayback Machine capture
                                                 (extra [wayback]: httpx)
    warc.py   revisions_from_warc(paths, url=)   every capture of a URL in WARC/ARC files
              warc_urls(paths)                   (extra [warc]: warcio)
"""

from __future__ import annotations

from revforensics.ingest.git import revisions_from_git
from revforensics.ingest.harvest import Harvest, HarvestNote
from revforensics.ingest.html import read_html_file, revision_from_html
from revforensics.ingest.text import read_text_file
from revforensics.ingest.warc import revisions_from_warc, warc_urls
from revforensics.ingest.wayback import WaybackClient, revisions_from_wayback

__all__ = [
    "Harvest",
    "HarvestNote",
    "WaybackClient",
    "read_html_file",
    "read_text_file",
    "revision_from_html",
    "revisions_from_git",
    "revisions_from_warc",
    "revisions_from_wayback",
    "warc_urls",
]

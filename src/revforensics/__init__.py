"""revforensics: what did an edited statement stop saying, and what did it start saying?

Compare two versions of a statement and get typed findings with evidence offsets into
both original texts, ranked by severity, with cosmetic edits kept apart::

    >>> import revforensics as rf
    >>> text = "Forces struck two depots near Kursk."
    >>> cmp = rf.compare(text, text)
    >>> cmp.verdict
    <Verdict.UNCHANGED: 'unchanged'>
"""

from revforensics._version import __version__
from revforensics.align import align
from revforensics.archive import Archive, StoredRevision, VerifyReport
from revforensics.chain import (
    BlameLine,
    ChainComparison,
    EventKind,
    Lineage,
    LineageEvent,
    Revert,
    RevisionChain,
    Step,
    Suspect,
    SuspectReason,
    compare_chain,
)
from revforensics.compare import Comparer, compare
from revforensics.detect import DEFAULT_DETECTORS, Detector
from revforensics.diff import Hunk, diff_keys
from revforensics.errors import (
    ArchiveError,
    BatchError,
    GitError,
    InputError,
    InputTypeError,
    MissingExtraError,
    ReadError,
    RevForensicsError,
    SchemaError,
    WriteError,
)
from revforensics.findings import (
    Comparison,
    CosmeticEdit,
    CosmeticKind,
    Evidence,
    Finding,
    FindingKind,
    Level,
    Verdict,
)
from revforensics.model import Link, Revision, Sentence, Span
from revforensics.normalize import Normalized, normalize
from revforensics.pair import AlignedPair
from revforensics.render import (
    render_blame,
    render_chain_html,
    render_chain_html_fragment,
    render_chain_markdown,
    render_chain_text,
    render_html,
    render_html_fragment,
    render_markdown,
    render_text,
)
from revforensics.render.terminal import render_terminal
from revforensics.segment import segment
from revforensics.watch import WatchList

__all__ = [
    "DEFAULT_DETECTORS",
    "AlignedPair",
    "Archive",
    "ArchiveError",
    "BatchError",
    "BlameLine",
    "ChainComparison",
    "Comparer",
    "Comparison",
    "CosmeticEdit",
    "CosmeticKind",
    "Detector",
    "EventKind",
    "Evidence",
    "Finding",
    "FindingKind",
    "GitError",
    "Hunk",
    "InputError",
    "InputTypeError",
    "Level",
    "Lineage",
    "LineageEvent",
    "Link",
    "MissingExtraError",
    "Normalized",
    "ReadError",
    "RevForensicsError",
    "Revert",
    "Revision",
    "RevisionChain",
    "SchemaError",
    "Sentence",
    "Span",
    "Step",
    "StoredRevision",
    "Suspect",
    "SuspectReason",
    "Verdict",
    "VerifyReport",
    "WatchList",
    "WriteError",
    "__version__",
    "align",
    "compare",
    "compare_chain",
    "diff_keys",
    "normalize",
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
    "segment",
]

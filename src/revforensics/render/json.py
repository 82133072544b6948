"""The ``revforensics.diff/1`` JSON form of a comparison, both ways.

The document carries both texts, so it is complete evidence on its own: :func:`from_json`
checks every hash and every span against them before it rebuilds the comparison. The JSON
Schema ships in the package as ``revforensics/schemas/diff-1.schema.json``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.resources
import json
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from revforensics._version import __version__
from revforensics.errors import RevForensicsError, SchemaError
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
from revforensics.lexicon import LEXICON_VERSION
from revforensics.model import Link, Revision, Sentence, Span

__all__ = [
    "SCHEMA_ID",
    "from_dict",
    "from_json",
    "load_schema",
    "parse_json",
    "shipped_schema",
    "to_dict",
    "to_json",
]

SCHEMA_ID = "revforensics.diff/1"
_T = TypeVar("_T")


def _span(span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "text": span.text}


def _revision(rev: Revision, lang: str) -> dict[str, Any]:
    return {
        "label": rev.label,
        "sha256": rev.sha256,
        "chars": len(rev.text),
        "lang": lang,
        "captured_at": rev.captured_at.isoformat() if rev.captured_at else None,
        "source": rev.source,
        "digest": rev.digest,
        "text": rev.text,
    }


def _sentence(sentence: Sentence) -> dict[str, Any]:
    return {
        "start": sentence.span.start,
        "end": sentence.span.end,
        "paragraph": sentence.paragraph,
        "heading": sentence.heading,
        "clauses": [[c.start, c.end] for c in sentence.clauses],
    }


def to_dict(cmp: Comparison) -> dict[str, Any]:
    """The comparison as a ``revforensics.diff/1`` object of plain JSON types."""
    counts = {level.value: 0 for level in Level}
    for finding in cmp.findings:
        counts[finding.level.value] += 1
    counts["cosmetic"] = len(cmp.cosmetic)
    return {
        "schema": SCHEMA_ID,
        "engine": {"name": "revforensics", "version": __version__, "lexicon": LEXICON_VERSION},
        "old": _revision(cmp.old, cmp.languages[0]),
        "new": _revision(cmp.new, cmp.languages[1]),
        "verdict": cmp.verdict.value,
        "summary": {"counts": counts},
        "findings": [
            {
                "kind": f.kind.value,
                "severity": f.severity,
                "level": f.level.value,
                "old": _span(f.old),
                "new": _span(f.new),
                "evidence": [
                    {"kind": e.kind, "side": e.side, **(_span(e.span) or {}), "note": e.note}
                    for e in f.evidence
                ],
                "explanation": f.explanation,
                "rule": f.rule,
            }
            for f in cmp.findings
        ],
        "alignment": [
            {
                "op": link.op,
                "old": list(link.old),
                "new": list(link.new),
                "similarity": link.similarity,
                "moved": link.moved,
            }
            for link in cmp.alignment
        ],
        "cosmetic": [
            {"subtype": e.subtype.value, "old": _span(e.old), "new": _span(e.new)}
            for e in cmp.cosmetic
        ],
        "sentences": {
            "old": [_sentence(s) for s in cmp.old_sentences],
            "new": [_sentence(s) for s in cmp.new_sentences],
        },
    }


def to_json(cmp: Comparison, *, indent: int | None = 2) -> str:
    """The comparison as JSON text; keys in a fixed order, non-ASCII kept readable."""
    return json.dumps(to_dict(cmp), ensure_ascii=False, indent=indent)


class _Reader:
    """Reads a decoded JSON document, raising :class:`SchemaError` with a path on trouble."""

    def __init__(self, texts: Mapping[str, str] | None = None) -> None:
        self.texts = dict(texts or {})

    def get(self, obj: object, key: str, kind: type[_T], path: str) -> _T:
        if not isinstance(obj, dict):
            raise SchemaError("expected an object", path=path)
        if key not in obj:
            raise SchemaError(f"missing key {key!r}", path=path)
        value = obj[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            msg = f"{key!r} must be {kind.__name__}, got {type(value).__name__}"
            raise SchemaError(msg, path=path)
        return value

    def span(self, obj: object, side: str, path: str) -> Span:
        start = self.get(obj, "start", int, path)
        end = self.get(obj, "end", int, path)
        text = self.get(obj, "text", str, path)
        original = self.texts[side]
        if not 0 <= start <= end <= len(original) or original[start:end] != text:
            msg = f"span [{start}, {end}) does not match the {side} text"
            raise SchemaError(msg, path=path)
        return Span(start, end, text)

    def optional_span(self, obj: object, key: str, side: str, path: str) -> Span | None:
        if not isinstance(obj, dict) or obj.get(key) is None:
            return None
        return self.span(obj[key], side, f"{path}/{key}")

    def items(self, obj: object, key: str, path: str) -> list[Any]:
        return self.get(obj, key, list, path)


def _enum(factory: Callable[[str], _T], value: str, path: str) -> _T:
    try:
        return factory(value)
    except ValueError:
        raise SchemaError(f"unknown value {value!r}", path=path) from None


def _read_revision(reader: _Reader, obj: object, side: str) -> tuple[Revision, str]:
    path = f"/{side}"
    text = reader.get(obj, "text", str, path)
    sha = reader.get(obj, "sha256", str, path)
    if hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() != sha:
        raise SchemaError("sha256 does not match the text: the document was altered", path=path)
    captured = obj.get("captured_at") if isinstance(obj, dict) else None
    when = None
    if captured is not None:
        try:
            when = dt.datetime.fromisoformat(str(captured))
        except ValueError:
            raise SchemaError(f"captured_at {captured!r} is not ISO 8601", path=path) from None
    source = obj.get("source") if isinstance(obj, dict) else None
    # Absent in documents written before revisions had digests; null when there is none.
    digest = obj.get("digest") if isinstance(obj, dict) else None
    if digest is not None and not isinstance(digest, str):
        raise SchemaError(f"'digest' must be str or null, got {type(digest).__name__}", path=path)
    reader.texts[side] = text
    try:
        revision = Revision(
            text,
            label=reader.get(obj, "label", str, path),
            captured_at=when,
            source=source if isinstance(source, str) else None,
            digest=digest,
        )
    except RevForensicsError as exc:
        raise SchemaError(str(exc), path=path) from exc
    return revision, reader.get(obj, "lang", str, path)


def _read_findings(reader: _Reader, data: object) -> list[Finding]:
    findings = []
    for n, item in enumerate(reader.items(data, "findings", "")):
        path = f"/findings/{n}"
        evidence = []
        for m, ev in enumerate(reader.items(item, "evidence", path)):
            ev_path = f"{path}/evidence/{m}"
            side = reader.get(ev, "side", str, ev_path)
            if side not in ("old", "new"):
                raise SchemaError(f"side must be 'old' or 'new', got {side!r}", path=ev_path)
            evidence.append(
                Evidence(
                    reader.get(ev, "kind", str, ev_path),
                    side,
                    reader.span(ev, side, ev_path),
                    reader.get(ev, "note", str, ev_path),
                )
            )
        severity = reader.get(item, "severity", int, path)
        if not 0 <= severity <= 100:
            raise SchemaError(f"severity {severity} is outside 0..100", path=path)
        findings.append(
            Finding(
                kind=_enum(FindingKind, reader.get(item, "kind", str, path), f"{path}/kind"),
                severity=severity,
                old=reader.optional_span(item, "old", "old", path),
                new=reader.optional_span(item, "new", "new", path),
                evidence=evidence,
                explanation=reader.get(item, "explanation", str, path),
                rule=reader.get(item, "rule", str, path),
            )
        )
    return findings


def _read_links(reader: _Reader, data: object) -> list[Link]:
    links = []
    for n, item in enumerate(reader.items(data, "alignment", "")):
        path = f"/alignment/{n}"
        op = reader.get(item, "op", str, path)
        if op not in ("equal", "edited", "deleted", "inserted"):
            raise SchemaError(f"unknown op {op!r}", path=path)
        indices = []
        for side in ("old", "new"):
            values = reader.items(item, side, path)
            if not all(type(v) is int and v >= 0 for v in values):
                raise SchemaError(f"{side!r} must list sentence indices", path=path)
            indices.append(values)
        links.append(
            Link(
                op,  # type: ignore[arg-type] # checked just above
                indices[0],
                indices[1],
                reader.get(item, "similarity", float, path),
                reader.get(item, "moved", bool, path),
            )
        )
    return links


def _read_cosmetic(reader: _Reader, data: object) -> list[CosmeticEdit]:
    cosmetic = []
    for n, item in enumerate(reader.items(data, "cosmetic", "")):
        path = f"/cosmetic/{n}"
        subtype = _enum(CosmeticKind, reader.get(item, "subtype", str, path), f"{path}/subtype")
        cosmetic.append(
            CosmeticEdit(
                subtype,
                reader.span(reader.get(item, "old", dict, path), "old", f"{path}/old"),
                reader.span(reader.get(item, "new", dict, path), "new", f"{path}/new"),
            )
        )
    return cosmetic


def _read_sentences(reader: _Reader, data: object, side: str) -> list[Sentence]:
    sentences = reader.get(data, "sentences", dict, "")
    text = reader.texts[side]
    out = []
    for n, item in enumerate(reader.items(sentences, side, "/sentences")):
        path = f"/sentences/{side}/{n}"
        start, end = reader.get(item, "start", int, path), reader.get(item, "end", int, path)
        clauses = []
        for pair in reader.items(item, "clauses", path):
            if not (isinstance(pair, list) and len(pair) == 2):
                raise SchemaError("a clause is [start, end]", path=path)
            clauses.append(_checked(text, pair[0], pair[1], path))
        out.append(
            Sentence(
                index=n,
                span=_checked(text, start, end, path),
                paragraph=reader.get(item, "paragraph", int, path),
                heading=reader.get(item, "heading", bool, path),
            )
        )
    return out


def from_dict(data: object) -> Comparison:
    """Rebuild a :class:`Comparison` from :func:`to_dict` output, checking it first.

    Raises:
        SchemaError: If a key is missing or mistyped, the schema id is not
            ``revforensics.diff/1``, a hash does not match its text, or a span does not
            match the text it indexes.
    """
    reader = _Reader()
    schema = reader.get(data, "schema", str, "")
    if schema != SCHEMA_ID:
        raise SchemaError(f"schema is {schema!r}, expected {SCHEMA_ID!r}", path="/schema")
    old, old_lang = _read_revision(reader, reader.get(data, "old", dict, ""), "old")
    new, new_lang = _read_revision(reader, reader.get(data, "new", dict, ""), "new")
    cmp = Comparison(
        old=old,
        new=new,
        verdict=_enum(Verdict, reader.get(data, "verdict", str, ""), "/verdict"),
        findings=_read_findings(reader, data),
        alignment=_read_links(reader, data),
        cosmetic=_read_cosmetic(reader, data),
        old_sentences=_read_sentences(reader, data, "old"),
        new_sentences=_read_sentences(reader, data, "new"),
        languages=(old_lang, new_lang),
    )
    _check_consistency(cmp)
    return cmp


def _check_consistency(cmp: Comparison) -> None:
    """The alignment covers each sentence once, and the verdict agrees with the rest."""
    for side, count in (("old", len(cmp.old_sentences)), ("new", len(cmp.new_sentences))):
        indices = sorted(i for link in cmp.alignment for i in getattr(link, side))
        if indices != list(range(count)):
            msg = f"the alignment does not cover each of the {count} {side} sentences once"
            raise SchemaError(msg, path="/alignment")
    expected = (
        Verdict.MEANING_CHANGED
        if cmp.findings
        else Verdict.UNCHANGED
        if cmp.old.text == cmp.new.text
        else Verdict.COSMETIC
    )
    if cmp.verdict is not expected:
        msg = f"verdict {cmp.verdict.value!r} contradicts the document; expected {expected.value!r}"
        raise SchemaError(msg, path="/verdict")


def _checked(text: str, start: object, end: object, path: str) -> Span:
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
        raise SchemaError(f"[{start}, {end}) is not a range of the text", path=path)
    return Span(start, end, text[start:end])


def from_json(text: str | bytes) -> Comparison:
    """Parse and check ``revforensics.diff/1`` JSON; see :func:`from_dict`.

    Raises:
        SchemaError: If the text is not JSON or not a valid document.
    """
    return from_dict(parse_json(text))


def parse_json(text: str | bytes) -> object:
    """Parse JSON text, turning every parse failure into a :class:`SchemaError`."""
    try:
        return json.loads(text)
    except (ValueError, TypeError, RecursionError) as exc:
        raise SchemaError(f"not valid JSON: {exc}") from exc


def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``revforensics.diff/1``, shipped in the package.

    Example:
        >>> load_schema()["title"]
        'revforensics.diff/1'
    """
    return shipped_schema("diff-1.schema.json")


def shipped_schema(name: str) -> dict[str, Any]:
    """A JSON Schema file shipped in ``revforensics/schemas/``."""
    resource = importlib.resources.files("revforensics") / "schemas" / name
    loaded: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return loaded

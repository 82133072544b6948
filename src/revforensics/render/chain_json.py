"""The ``revforensics.chain/1`` JSON form of a chain comparison, both ways.

The document holds every version's text, each step as a complete ``revforensics.diff/1``
object, the lineage id of every sentence, the lineages with their events (findings are
referred to by step and position), the suspect versions and the reverts.
:func:`chain_from_json` checks hashes, spans and every cross-reference before it rebuilds
the :class:`~revforensics.chain.ChainComparison`. The JSON Schema ships in the package as
``revforensics/schemas/chain-1.schema.json``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from revforensics._version import __version__
from revforensics.chain import (
    ChainComparison,
    EventKind,
    Lineage,
    LineageEvent,
    Revert,
    RevisionChain,
    Step,
    Suspect,
    SuspectReason,
)
from revforensics.errors import RevForensicsError, SchemaError
from revforensics.findings import Comparison, Finding
from revforensics.ingest.harvest import HarvestNote
from revforensics.lexicon import LEXICON_VERSION
from revforensics.model import Revision, Sentence
from revforensics.render.json import from_dict as diff_from_dict
from revforensics.render.json import parse_json, shipped_schema
from revforensics.render.json import to_dict as diff_to_dict

__all__ = [
    "CHAIN_SCHEMA_ID",
    "chain_from_dict",
    "chain_from_json",
    "chain_to_dict",
    "chain_to_json",
    "load_chain_schema",
]

CHAIN_SCHEMA_ID = "revforensics.chain/1"


def _version(result: ChainComparison, k: int) -> dict[str, Any]:
    rev = result.chain[k]
    suspect = next((s for s in result.suspects if s.version == k), None)
    return {
        "index": k,
        "label": rev.label,
        "captured_at": rev.captured_at.isoformat() if rev.captured_at else None,
        "source": rev.source,
        "media_type": rev.media_type,
        "extractor": rev.extractor,
        "digest": rev.digest,
        "sha256": rev.sha256,
        "raw_sha256": rev.raw_sha256,
        "chars": len(rev.text),
        "text": rev.text,
        "suspect": None
        if suspect is None
        else {
            "reasons": [r.value for r in suspect.reasons],
            "detail": suspect.detail,
            "confirmed_by": suspect.confirmed_by,
        },
        "sentences": [
            {"start": s.span.start, "end": s.span.end, "lineage": lineage}
            for s, lineage in zip(result.sentences[k], result.lineage_ids[k], strict=True)
        ],
    }


def _finding_index(step: Step, finding: Finding) -> int:
    for n, candidate in enumerate(step.comparison.findings):
        if candidate is finding:
            return n
    return step.comparison.findings.index(finding)


def _event(result: ChainComparison, event: LineageEvent) -> dict[str, Any]:
    step = result.steps[event.step] if event.step is not None else None
    return {
        "kind": event.kind.value,
        "version": event.version,
        "step": event.step,
        "findings": [] if step is None else [_finding_index(step, f) for f in event.findings],
        "since": event.since,
        "into": event.into,
        "confirmed": event.confirmed,
    }


def chain_to_dict(result: ChainComparison) -> dict[str, Any]:
    """The chain comparison as a ``revforensics.chain/1`` object of plain JSON types."""
    return {
        "schema": CHAIN_SCHEMA_ID,
        "engine": {"name": "revforensics", "version": __version__, "lexicon": LEXICON_VERSION},
        "versions": [_version(result, k) for k in range(len(result.chain))],
        "steps": [
            {
                "old": step.old,
                "new": step.new,
                "bridge": step.bridge,
                "held": step.held,
                "confirmed_loss": step.confirmed_loss,
                "comparison": diff_to_dict(step.comparison),
            }
            for step in result.steps
        ],
        "net": {
            "old": result.net.old,
            "new": result.net.new,
            "comparison": diff_to_dict(result.net.comparison),
        },
        "lineages": [
            {
                "id": lin.id,
                "anchor": lin.anchor,
                "text": lin.text,
                "versions": list(lin.versions),
                "events": [_event(result, e) for e in lin.events],
            }
            for lin in result.lineages
        ],
        "reverts": [
            {"version": r.version, "to": r.to, "exact": r.exact, "similarity": r.similarity}
            for r in result.reverts
        ],
        "notes": [
            {"where": note.where, "message": note.message, "skipped": note.skipped}
            for note in result.chain.notes
        ],
    }


def chain_to_json(result: ChainComparison, *, indent: int | None = 2) -> str:
    """The chain comparison as JSON text; keys in a fixed order, non-ASCII kept readable."""
    return json.dumps(chain_to_dict(result), ensure_ascii=False, indent=indent)


# --------------------------------------------------------------------------- reading


def _get(obj: object, key: str, kind: type | tuple[type, ...], path: str) -> Any:  # noqa: ANN401 - JSON
    if not isinstance(obj, dict):
        raise SchemaError("expected an object", path=path)
    if key not in obj:
        raise SchemaError(f"missing key {key!r}", path=path)
    value = obj[key]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds:
        raise SchemaError(f"{key!r} must not be a boolean", path=path)
    if not isinstance(value, kinds):
        names = " or ".join("null" if k is type(None) else k.__name__ for k in kinds)
        raise SchemaError(f"{key!r} must be {names}, got {type(value).__name__}", path=path)
    return value


def _index(obj: object, key: str, limit: int, path: str, *, optional: bool = False) -> Any:  # noqa: ANN401
    value = _get(obj, key, (int, type(None)) if optional else int, path)
    if value is not None and not 0 <= value < limit:
        raise SchemaError(f"{key!r} is {value}, outside 0..{limit - 1}", path=path)
    return value


def _read_version(obj: object, k: int) -> tuple[Revision, dict[str, Any]]:
    path = f"/versions/{k}"
    if _get(obj, "index", int, path) != k:
        raise SchemaError(f"index must be {k}: versions are listed in order", path=path)
    text = _get(obj, "text", str, path)
    if hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() != _get(
        obj, "sha256", str, path
    ):
        raise SchemaError("sha256 does not match the text: the document was altered", path=path)
    captured = _get(obj, "captured_at", (str, type(None)), path)
    when = None
    if captured is not None:
        try:
            when = dt.datetime.fromisoformat(captured)
        except ValueError:
            raise SchemaError(f"captured_at {captured!r} is not ISO 8601", path=path) from None
    try:
        revision = Revision(
            text,
            label=_get(obj, "label", str, path),
            captured_at=when,
            source=_get(obj, "source", (str, type(None)), path),
            media_type=_get(obj, "media_type", (str, type(None)), path),
            extractor=_get(obj, "extractor", (str, type(None)), path),
            # Absent in documents written before revisions had digests.
            digest=_get(obj, "digest", (str, type(None)), path)
            if isinstance(obj, dict) and "digest" in obj
            else None,
        )
    except RevForensicsError as exc:
        raise SchemaError(str(exc), path=path) from exc
    assert isinstance(obj, dict)  # noqa: S101 - _get checked it
    return revision, obj


def _read_comparison(obj: object, path: str, chain: RevisionChain) -> tuple[int, int, Comparison]:
    old = _index(obj, "old", len(chain), path)
    new = _index(obj, "new", len(chain), path)
    try:
        cmp = diff_from_dict(_get(obj, "comparison", dict, path))
    except SchemaError as exc:
        raise SchemaError(str(exc), path=f"{path}/comparison") from exc
    for side, k, rev in (("old", old, cmp.old), ("new", new, cmp.new)):
        if rev.text != chain[k].text:
            msg = f"the comparison's {side} text is not version {k}'s text"
            raise SchemaError(msg, path=f"{path}/comparison/{side}")
    return old, new, cmp


def _read_steps(data: object, chain: RevisionChain) -> list[Step]:
    steps = []
    for n, item in enumerate(_get(data, "steps", list, "")):
        path = f"/steps/{n}"
        old, new, cmp = _read_comparison(item, path, chain)
        neighbour = n < len(chain) - 1
        if neighbour and (old, new) != (n, n + 1):
            msg = f"step {n} must compare versions {n} and {n + 1}, got {old} and {new}"
            raise SchemaError(msg, path=path)
        bridge = _get(item, "bridge", bool, path)
        if bridge == neighbour or not old < new:
            msg = "the first steps compare neighbours; the rest are bridges forward in time"
            raise SchemaError(msg, path=f"{path}/bridge")
        steps.append(
            Step(
                old,
                new,
                cmp,
                bridge=bridge,
                held=_get(item, "held", bool, path),
                confirmed_loss=_get(item, "confirmed_loss", bool, path),
            )
        )
    if len(steps) < len(chain) - 1:
        msg = f"{len(chain)} versions need {len(chain) - 1} neighbour steps, got {len(steps)}"
        raise SchemaError(msg, path="/steps")
    return steps


def _read_suspect(obj: dict[str, Any], k: int, count: int) -> Suspect | None:
    path = f"/versions/{k}/suspect"
    found = _get(obj, "suspect", (dict, type(None)), f"/versions/{k}")
    if found is None:
        return None
    reasons = []
    for value in _get(found, "reasons", list, path):
        try:
            reasons.append(SuspectReason(value))
        except ValueError:
            raise SchemaError(f"unknown reason {value!r}", path=path) from None
    if not reasons:
        raise SchemaError("a suspect version needs at least one reason", path=path)
    confirmed = _index(found, "confirmed_by", count, path, optional=True)
    if confirmed is not None and confirmed <= k:
        raise SchemaError("a loss is confirmed by a later version", path=path)
    return Suspect(k, reasons, _get(found, "detail", str, path), confirmed)


def _sentences(cmp: Comparison, side: str) -> tuple[Sentence, ...]:
    return cmp.old_sentences if side == "old" else cmp.new_sentences


def _read_sentences(
    raw: list[dict[str, Any]], steps: list[Step], net: Step, ids: set[str]
) -> tuple[list[tuple[Sentence, ...]], list[tuple[str, ...]]]:
    """Each version's sentences come from a comparison of it; the versions list them again."""
    sources: dict[int, tuple[Sentence, ...]] = {}
    for step in [*steps, net]:
        for side, k in (("old", step.old), ("new", step.new)):
            sentences = _sentences(step.comparison, side)
            if sources.setdefault(k, sentences) != sentences:
                msg = f"two comparisons split version {k} into different sentences"
                raise SchemaError(msg, path="/steps")
    all_sentences, all_ids = [], []
    for k, obj in enumerate(raw):
        path = f"/versions/{k}/sentences"
        listed = _get(obj, "sentences", list, f"/versions/{k}")
        sentences = sources.get(k, ())
        if len(listed) != len(sentences):
            msg = f"{len(listed)} sentences listed, the comparisons have {len(sentences)}"
            raise SchemaError(msg, path=path)
        lineage = []
        for n, (item, sentence) in enumerate(zip(listed, sentences, strict=True)):
            here = f"{path}/{n}"
            if (_get(item, "start", int, here), _get(item, "end", int, here)) != (
                sentence.span.start,
                sentence.span.end,
            ):
                raise SchemaError("the span differs from the comparisons' sentence", path=here)
            lineage_id = _get(item, "lineage", str, here)
            if lineage_id not in ids:
                raise SchemaError(f"unknown lineage {lineage_id!r}", path=here)
            lineage.append(lineage_id)
        all_sentences.append(sentences)
        all_ids.append(tuple(lineage))
    return all_sentences, all_ids


def _read_lineages(data: object, steps: list[Step], count: int) -> list[Lineage]:
    lineages = []
    for n, item in enumerate(_get(data, "lineages", list, "")):
        path = f"/lineages/{n}"
        if _get(item, "id", str, path) != f"L{n + 1}":
            raise SchemaError(f"lineage ids run L1, L2, …: expected L{n + 1}", path=path)
        versions = _get(item, "versions", list, path)
        if not versions or not all(type(v) is int and 0 <= v < count for v in versions):
            raise SchemaError("versions must list version indices", path=path)
        events = []
        for m, ev in enumerate(_get(item, "events", list, path)):
            here = f"{path}/events/{m}"
            try:
                kind = EventKind(_get(ev, "kind", str, here))
            except ValueError:
                raise SchemaError("unknown event kind", path=here) from None
            step = _index(ev, "step", len(steps), here, optional=True)
            found = steps[step].comparison.findings if step is not None else ()
            picked = []
            for value in _get(ev, "findings", list, here):
                if type(value) is not int or not 0 <= value < len(found):
                    raise SchemaError(f"finding {value!r} is not in step {step}", path=here)
                picked.append(found[value])
            events.append(
                LineageEvent(
                    kind,
                    _index(ev, "version", count, here),
                    step,
                    picked,
                    since=_index(ev, "since", count, here, optional=True),
                    into=_get(ev, "into", (str, type(None)), here),
                    confirmed=_get(ev, "confirmed", bool, here),
                )
            )
        lineages.append(
            Lineage(
                f"L{n + 1}",
                _get(item, "anchor", str, path),
                _get(item, "text", str, path),
                versions,
                events,
            )
        )
    return lineages


def _check_lineages(result: ChainComparison) -> None:
    """Each lineage lists exactly the versions its sentences are in."""
    where: dict[str, list[int]] = {lin.id: [] for lin in result.lineages}
    for k, ids in enumerate(result.lineage_ids):
        for lineage_id in dict.fromkeys(ids):
            where[lineage_id].append(k)
    for n, lin in enumerate(result.lineages):
        if list(lin.versions) != where[lin.id]:
            msg = f"versions {list(lin.versions)} disagree with the sentences: {where[lin.id]}"
            raise SchemaError(msg, path=f"/lineages/{n}/versions")


def chain_from_dict(data: object) -> ChainComparison:
    """Rebuild a chain comparison from :func:`chain_to_dict` output, checking it first.

    Raw capture bytes are not part of the document: the rebuilt revisions have none.

    Raises:
        SchemaError: If a key is missing or mistyped, a hash does not match its text, a
            step's texts are not its versions' texts, or a reference (version, step,
            finding, lineage) points nowhere.
    """
    schema = _get(data, "schema", str, "")
    if schema != CHAIN_SCHEMA_ID:
        raise SchemaError(f"schema is {schema!r}, expected {CHAIN_SCHEMA_ID!r}", path="/schema")
    raw_versions = _get(data, "versions", list, "")
    read = [_read_version(obj, k) for k, obj in enumerate(raw_versions)]
    notes = [
        HarvestNote(
            _get(item, "where", str, f"/notes/{n}"),
            _get(item, "message", str, f"/notes/{n}"),
            skipped=_get(item, "skipped", bool, f"/notes/{n}"),
        )
        for n, item in enumerate(
            _get(data, "notes", list, "") if isinstance(data, dict) and "notes" in data else []
        )
    ]
    try:
        # The document's order is the chain's, checked when it was made (a git history may
        # go back in time).
        chain = RevisionChain((rev for rev, _ in read), order="given", notes=notes)
    except RevForensicsError as exc:
        raise SchemaError(str(exc), path="/versions") from exc
    steps = _read_steps(data, chain)
    net_old, net_new, net_cmp = _read_comparison(_get(data, "net", dict, ""), "/net", chain)
    net = Step(net_old, net_new, net_cmp)
    lineages = _read_lineages(data, steps, len(chain))
    sentences, ids = _read_sentences(
        [obj for _, obj in read], steps, net, {lin.id for lin in lineages}
    )
    suspects = [s for k, (_, obj) in enumerate(read) if (s := _read_suspect(obj, k, len(chain)))]
    unconfirmed = {s.version for s in suspects if not s.confirmed}
    for n, step in enumerate(steps):
        if not step.bridge and step.held != bool({step.old, step.new} & unconfirmed):
            msg = "held must be true exactly for steps into or out of an unconfirmed suspect"
            raise SchemaError(msg, path=f"/steps/{n}/held")
    reverts = []
    for n, item in enumerate(_get(data, "reverts", list, "")):
        path = f"/reverts/{n}"
        reverts.append(
            Revert(
                _index(item, "version", len(chain), path),
                _index(item, "to", len(chain), path),
                exact=_get(item, "exact", bool, path),
                similarity=float(_get(item, "similarity", (int, float), path)),
            )
        )
    result = ChainComparison(chain, steps, net, sentences, ids, lineages, suspects, reverts)
    _check_lineages(result)
    return result


def chain_from_json(text: str | bytes) -> ChainComparison:
    """Parse and check ``revforensics.chain/1`` JSON; see :func:`chain_from_dict`.

    Raises:
        SchemaError: If the text is not JSON or not a valid document.
    """
    return chain_from_dict(parse_json(text))


def load_chain_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``revforensics.chain/1``, shipped in the package.

    Example:
        >>> load_chain_schema()["title"]
        'revforensics.chain/1'
    """
    return shipped_schema("chain-1.schema.json")

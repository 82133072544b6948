"""Compare many pairs of versions at once: processes on one machine, or a Dask cluster.

A record is a mapping ``{"id": ..., "old": str, "new": str, "lang": "en"}`` (``lang`` is
optional). ``old`` and ``new`` may also be revision objects, ``{"text": str, "label": str,
"captured_at": ISO 8601, "source": str, "digest": "algorithm:value"}`` (all but ``text``
optional), whose provenance the result's ``diff/1`` document then carries.
:func:`compare_many` spreads records over worker processes and yields one
:class:`BatchResult` per record, **in input order**, each with its record's id:

- a bad record (not a mapping, a missing or non-string text, an unknown language) yields a
  failed result with its id and the reason, and the batch goes on;
- a worker process that dies (a crash, ``os._exit``, SIGKILL by the out-of-memory killer)
  breaks the pool: the records it held are retried one at a time in a fresh pool, so the
  record that kills its worker is found, retried once more and then reported as failed,
  while the others complete;
- a record that runs past ``timeout`` seconds has its worker killed and is reported failed.

JSON Lines in and out: :func:`read_pairs` and :func:`compare_jsonl` (the ``revforensics
batch`` command). With the ``[dask]`` extra, :func:`compare_bag` and :func:`compare_dask`
take a corpus beyond one machine.

Example:
    >>> pairs = [
    ...     {"id": "a", "old": "Units held.", "new": "Units held."},
    ...     {"id": "b", "old": "Units held."},
    ... ]
    >>> [(r.id, r.status) for r in compare_many(pairs, workers=1)]
    [('a', 'ok'), ('b', 'failed')]

.. versionadded:: 0.1
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import time
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import IO, Any, Literal, Protocol

import attrs

from revforensics.compare import Comparer
from revforensics.errors import BatchError, InputError, MissingExtraError, RevForensicsError
from revforensics.findings import Comparison
from revforensics.model import Revision

__all__ = [
    "BATCH_SCHEMA_ID",
    "BadRecord",
    "BatchResult",
    "BatchSummary",
    "compare_bag",
    "compare_dask",
    "compare_jsonl",
    "compare_many",
    "read_pairs",
]

BATCH_SCHEMA_ID = "revforensics.batch/1"
"""The ``schema`` of each JSON line :meth:`BatchResult.to_line` writes."""

Form = Literal["comparison", "json"]


class _Compares(Protocol):
    def compare(self, old: str, new: str) -> Comparison: ...


@attrs.frozen
class BadRecord:
    """A record that could not even be read, such as a JSON line that is not JSON.

    :func:`read_pairs` yields one in place of the line; :func:`compare_many` turns it into
    a failed :class:`BatchResult`, so the line is reported and not lost.
    """

    id: str
    error: str


@attrs.frozen
class BatchResult:
    """The outcome of one record.

    Args:
        id: The record's ``id`` as a string, or ``#N`` (its 0-based position) if it has
            none.
        index: Its position in the input.
        status: ``ok`` or ``failed``.
        comparison: The comparison, when ``status`` is ``ok`` and the batch was asked for
            comparisons (the default).
        json: The comparison as ``revforensics.diff/1`` JSON text, when the batch was asked
            for JSON (``form="json"``).
        error: Why the record failed, or ``None``.
        attempts: How many times a worker ran the record.

    .. versionadded:: 0.1
    """

    id: str
    index: int
    status: Literal["ok", "failed"]
    comparison: Comparison | None = None
    json: str | None = None
    error: str | None = None
    attempts: int = 1

    @property
    def ok(self) -> bool:
        """Whether the record was compared."""
        return self.status == "ok"

    def to_line(self) -> str:
        r"""One JSON line: ``schema``, ``id``, ``status``, ``attempts``, ``error``, ``result``.

        ``result`` is the ``revforensics.diff/1`` document, or ``null`` for a failed
        record.

        The line always encodes as UTF-8: a lone surrogate in ``id`` or ``error`` is
        written as its escape (``\ud800``), and a result whose JSON holds one is written
        as a failed line, since UTF-8 cannot carry it.
        """
        document = self.json
        if document is None and self.comparison is not None:
            document = self.comparison.to_json(indent=None)
        if document is not None and _surrogate(document) is not None:
            return attrs.evolve(
                self, status="failed", comparison=None, json=None, error=_UNWRITABLE
            ).to_line()
        head = json.dumps(
            {
                "schema": BATCH_SCHEMA_ID,
                "id": _writable(self.id),
                "status": self.status,
                "attempts": self.attempts,
                "error": None if self.error is None else _writable(self.error),
            },
            ensure_ascii=False,
        )
        return f'{head[:-1]}, "result": {document or "null"}}}'


_UNWRITABLE = (
    "the comparison holds a lone surrogate, which UTF-8 cannot encode; the comparer made "
    "text that is not in the record: check it"
)


def _surrogate(text: str) -> str | None:
    r"""Describe the first lone surrogate in ``text`` (UTF-8 cannot encode one), or ``None``.

    Example:
        >>> _surrogate("Units \ud800 held.")
        "a lone surrogate '\\ud800' at character 6"
        >>> _surrogate("Київ") is None
        True
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"a lone surrogate {text[exc.start]!r} at character {exc.start}"
    return None


def _writable(text: str) -> str:
    """``text`` with any lone surrogate replaced by its escape, so UTF-8 can encode it."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


@attrs.frozen
class _Task:
    index: int
    id: str
    old: str | Revision
    new: str | Revision
    lang: str | None
    attempts: int = 0


def _failed(index: int, record_id: str, error: str, attempts: int = 0) -> BatchResult:
    return BatchResult(record_id, index, "failed", error=error, attempts=attempts)


def _prepare(index: int, record: object) -> _Task | BatchResult:  # noqa: PLR0911 - one per fault
    """Check a record in the parent, so a bad one never reaches a worker."""
    if isinstance(record, BadRecord):
        return _failed(index, record.id, record.error)
    if not isinstance(record, Mapping):
        return _failed(
            index, f"#{index}", f"record #{index} is a {type(record).__name__}, not an object"
        )
    raw_id = record.get("id", f"#{index}")
    if not isinstance(raw_id, str | int) or isinstance(raw_id, bool):
        return _failed(
            index,
            f"#{index}",
            f"record #{index}: 'id' must be a string or an integer, got {raw_id!r}",
        )
    record_id = str(raw_id)
    if (where := _surrogate(record_id)) is not None:
        return _failed(index, f"#{index}", f"record #{index}: 'id' holds {where}; {_FIX}")
    texts: list[str | Revision] = []
    for key in ("old", "new"):
        value = _side(record, key, record_id)
        if isinstance(value, _Fault):
            return _failed(index, record_id, value.error)
        texts.append(value)
    lang = record.get("lang")
    if lang is not None and not isinstance(lang, str):
        return _failed(index, record_id, f"record {record_id!r}: 'lang' must be a string or null")
    task = _Task(index, record_id, texts[0], texts[1], lang)
    return _unwritable(task) or task


@attrs.frozen
class _Fault:
    error: str


def _side(record: Mapping[str, Any], key: str, record_id: str) -> str | Revision | _Fault:
    """The record's ``old`` or ``new``: a text, a revision object read, or why not."""
    if key not in record:
        return _Fault(f"record {record_id!r} has no {key!r} text")
    value = record[key]
    if isinstance(value, Mapping):
        try:
            return _revision(value)
        except RevForensicsError as exc:
            return _Fault(f"record {record_id!r}: {key!r}: {exc}")
    if not isinstance(value, str):
        return _Fault(
            f"record {record_id!r}: {key!r} must be a string or a revision object, "
            f"got {type(value).__name__}"
        )
    return value


_REVISION_KEYS = ("text", "label", "captured_at", "source", "digest")


def _revision(obj: Mapping[str, Any]) -> Revision:
    """A revision object of a record as a :class:`Revision`; bad fields raise.

    Example:
        >>> _revision({"text": "Units held.", "digest": "sha1:2WAXX5NU"}).digest
        'sha1:2WAXX5NU'
    """
    unknown = sorted(str(key) for key in obj if key not in _REVISION_KEYS)
    if unknown:
        keys = ", ".join(map(repr, unknown))
        msg = f"unknown key(s) {keys}; a revision object has only {', '.join(_REVISION_KEYS)}"
        raise InputError(msg)
    if not isinstance(obj.get("text"), str):
        msg = f"a revision object needs 'text' as a string, got {type(obj.get('text')).__name__}"
        raise InputError(msg)
    for key in ("label", "captured_at", "source", "digest"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            msg = f"{key!r} must be a string or null, got {type(obj[key]).__name__}"
            raise InputError(msg)
    captured = obj.get("captured_at")
    try:
        when = None if captured is None else dt.datetime.fromisoformat(captured)
    except ValueError:
        msg = f"'captured_at' {captured!r} is not ISO 8601, such as 2024-03-01T09:12:00+02:00"
        raise InputError(msg) from None
    return Revision(
        obj["text"],
        obj.get("label") or "",
        when,
        source=obj.get("source"),
        digest=obj.get("digest"),
    )


def _unwritable(task: _Task) -> BatchResult | None:
    """A failed result if a text of ``task`` holds a lone surrogate, else ``None``."""
    fields: list[tuple[str, str | None]] = [("lang", task.lang)]
    for side, given in (("old", task.old), ("new", task.new)):
        if isinstance(given, str):
            fields.append((side, given))
        else:
            fields += [(f"{side}.text", given.text), (f"{side}.label", given.label)]
            fields.append((f"{side}.source", given.source))
    for key, value in sorted(fields, key=lambda kv: kv[0] == "lang"):
        if value is not None and (where := _surrogate(value)) is not None:
            msg = f"record {task.id!r}: {key!r} holds {where}; {_FIX}"
            return _failed(task.index, task.id, msg)
    return None


_FIX = (
    "it is not text (often half of a broken emoji or a mis-decoded file); "
    "fix the record at its source"
)


def _comparer_for(comparer: _Compares, lang: str | None) -> _Compares:
    if lang is None:
        return comparer
    if not isinstance(comparer, Comparer):
        msg = "a record's 'lang' needs a Comparer; set the language on your own comparer"
        raise InputError(msg)
    return attrs.evolve(comparer, lang=lang)


def _sides(comparer: _Compares, task: _Task) -> tuple[Any, Any]:
    if isinstance(comparer, Comparer) or (isinstance(task.old, str) and isinstance(task.new, str)):
        return task.old, task.new
    msg = "a record's revision objects need a Comparer; pass plain texts to your own comparer"
    raise InputError(msg)


def _work(comparer: _Compares, task: _Task, form: Form) -> tuple[bool, Any]:
    """Run in a worker: compare one record; return ``(ok, comparison or JSON or error)``."""
    try:
        cmp = _comparer_for(comparer, task.lang).compare(*_sides(comparer, task))
    except Exception as exc:  # noqa: BLE001 - one bad record must not stop the batch
        return False, f"{type(exc).__name__}: {exc}"
    if form == "comparison":
        return True, cmp
    text = cmp.to_json(indent=None)
    return (False, _UNWRITABLE) if _surrogate(text) is not None else (True, text)


def _result(task: _Task, outcome: tuple[bool, Any], attempts: int) -> BatchResult:
    ok, value = outcome
    if not ok:
        return _failed(task.index, task.id, value, attempts)
    if isinstance(value, str):
        return BatchResult(task.id, task.index, "ok", json=value, attempts=attempts)
    return BatchResult(task.id, task.index, "ok", comparison=value, attempts=attempts)


def _check_workers(workers: int | None) -> int:
    if workers is None:
        return os.cpu_count() or 1
    if type(workers) is not int or workers < 1:
        msg = f"workers must be a positive integer, got {workers!r}"
        raise InputError(msg)
    return workers


def _check_picklable(comparer: _Compares) -> _Compares:
    """Refuse, before any work starts, a comparer that cannot be sent to a worker process."""
    try:
        pickle.dumps(comparer)
    except (pickle.PicklingError, AttributeError, TypeError) as exc:
        msg = (
            f"the comparer must be picklable to reach the worker processes, and this "
            f"{type(comparer).__name__} is not ({type(exc).__name__}: {exc}); define its "
            f"detector functions and its class at module level, not as a lambda or inside "
            f"a function, so a worker can import them"
        )
        raise InputError(msg) from exc
    return comparer


def _kill(pool: ProcessPoolExecutor) -> None:
    """Stop a pool at once, killing workers that are still busy (a timeout or a crash)."""
    # ProcessPoolExecutor has no public way to kill a busy worker before Python 3.14.
    processes = dict(getattr(pool, "_processes", None) or {})
    for process in processes.values():
        process.kill()
    pool.shutdown(wait=True, cancel_futures=True)


class _Runner:
    """The pool, the records in flight, and the rules for crashes and timeouts."""

    def __init__(
        self, workers: int, comparer: _Compares, timeout: float | None, retries: int, form: Form
    ) -> None:
        self.workers = workers
        self.comparer = comparer
        self.timeout = timeout
        self.retries = retries
        self.form = form
        self.pool = ProcessPoolExecutor(workers)
        # Without a timeout, keep a few records queued per worker so none waits for the
        # parent between two short records; with one, a record's clock starts when it is
        # submitted, so only as many as there are workers are in flight.
        self.window = workers if timeout is not None else 4 * workers
        # Results are yielded in input order, so those behind a slow record wait in the
        # parent: reading stops once this many records are read and not yet yielded.
        self.ahead = 2 * self.window
        self.inflight: dict[Future[tuple[bool, Any]], tuple[_Task, float]] = {}

    def submit(self, task: _Task) -> list[BatchResult]:
        """Start a record; return the results a broken pool gave up meanwhile, if any.

        A worker can die while the parent reads the next record: the pool then refuses
        new work. The records it held are recovered as in :meth:`collect` before ``task``
        goes to the fresh pool; ``task`` itself never ran, so it is not a suspect.
        """
        task = attrs.evolve(task, attempts=task.attempts + 1)
        try:
            future = self.pool.submit(_work, self.comparer, task, self.form)
        except BrokenProcessPool:
            results = self._broken()
            future = self.pool.submit(_work, self.comparer, task, self.form)
        else:
            results = []
        self.inflight[future] = (task, time.monotonic())
        return results

    def close(self) -> None:
        if self.inflight:  # the caller stopped early: do not wait for work nobody reads
            _kill(self.pool)
        else:
            self.pool.shutdown(wait=True)

    def collect(self) -> list[BatchResult]:
        """Wait for at least one record to finish; return the results now known."""
        wait_for = None
        if self.timeout is not None:
            oldest = min(start for _, start in self.inflight.values())
            wait_for = max(0.0, oldest + self.timeout - time.monotonic())
        finished, _ = wait(list(self.inflight), timeout=wait_for, return_when=FIRST_COMPLETED)
        if any(isinstance(f.exception(), BrokenProcessPool) for f in finished):
            return self._broken()
        results = []
        for future in finished:
            task, _start = self.inflight.pop(future)
            results.append(_result(task, future.result(), task.attempts))
        if not finished:  # a record ran past the timeout
            return self._time_out()
        return results

    def _broken(self) -> list[BatchResult]:
        """The pool is broken: keep the results it finished, recover the rest."""
        results = []
        for future, (task, _start) in list(self.inflight.items()):
            if future.done() and future.exception() is None:
                del self.inflight[future]
                results.append(_result(task, future.result(), task.attempts))
        return results + self._recover()

    def _time_out(self) -> list[BatchResult]:
        now = time.monotonic()
        assert self.timeout is not None  # noqa: S101 - only reached with a timeout
        late = [t for t, start in self.inflight.values() if now - start >= self.timeout]
        others = [t for t, start in self.inflight.values() if now - start < self.timeout]
        self._restart()
        results = [
            _failed(
                t.index, t.id, f"timed out after {self.timeout:g} s; worker stopped", t.attempts
            )
            for t in late
        ]
        for task in others:  # not their fault: run them again, uncharged
            results += self.submit(attrs.evolve(task, attempts=task.attempts - 1))
        return results

    def _recover(self) -> list[BatchResult]:
        """A worker died: run each record it may have held alone, to find the culprit."""
        suspects = sorted((t for t, _ in self.inflight.values()), key=lambda t: t.index)
        self._restart(kill=True)
        # A sole suspect is the culprit; with several, none is charged until it dies alone.
        sole = len(suspects) == 1
        results = []
        for task in suspects:
            current = task if sole else attrs.evolve(task, attempts=task.attempts - 1)
            deaths = 1 if sole else 0
            while True:
                if deaths > self.retries:
                    msg = f"the worker process died {deaths} time(s) on this record"
                    results.append(_failed(current.index, current.id, msg, current.attempts))
                    break
                current = attrs.evolve(current, attempts=current.attempts + 1)
                outcome = self._alone(current)
                if outcome is not None:
                    results.append(_result(current, outcome, current.attempts))
                    break
                deaths += 1
        return results

    def _alone(self, task: _Task) -> tuple[bool, Any] | None:
        """Run one record in a pool of its own; ``None`` if its worker died."""
        pool = ProcessPoolExecutor(1)
        future = pool.submit(_work, self.comparer, task, self.form)
        try:
            outcome = future.result(timeout=self.timeout)
        except BrokenProcessPool:
            pool.shutdown(wait=True)
            return None
        except TimeoutError:
            _kill(pool)
            return False, f"timed out after {self.timeout:g} s; worker stopped"
        pool.shutdown(wait=True)
        return outcome

    def _restart(self, *, kill: bool = True) -> None:
        if kill:
            _kill(self.pool)
        self.inflight.clear()
        self.pool = ProcessPoolExecutor(self.workers)


def compare_many(  # noqa: PLR0913 - the options of a batch are independent keywords
    pairs: Iterable[Mapping[str, Any] | BadRecord | object],
    *,
    workers: int | None = None,
    comparer: _Compares | None = None,
    timeout: float | None = None,
    retries: int = 1,
    form: Form = "comparison",
) -> Iterator[BatchResult]:
    """Compare many records in worker processes; yield one result per record, in order.

    Records are read lazily and only a few per worker are in flight at once (exactly
    ``workers`` with a ``timeout``). Results behind a slow record wait for it, to keep
    the input order, but reading stops once ``8 * workers`` records (``2 * workers``
    with a ``timeout``) are read and not yet yielded, so a corpus of millions of pairs
    streams through in constant memory.

    Args:
        pairs: Records ``{"id", "old", "new", "lang"?}``; anything else yields a failed
            result. Ids are not checked for uniqueness.
        workers: Worker processes; ``os.cpu_count()`` when ``None``.
        comparer: What compares each pair: a :class:`~revforensics.compare.Comparer` (the
            default one when ``None``) or any picklable object with ``compare(old, new)``.
        timeout: Seconds one record may take; past it, its worker is killed and the record
            fails. No limit when ``None``.
        retries: How many more times a record runs after its worker died (default 1).
        form: ``comparison`` to get :attr:`BatchResult.comparison`, or ``json`` to get
            :attr:`BatchResult.json` (the diff/1 text, made in the worker: cheaper when
            the results go to a file).

    Yields:
        A :class:`BatchResult` for each record, in input order.

    Raises:
        InputError: If ``workers``, ``timeout``, ``retries`` or ``form`` is out of range, or
            the comparer cannot be pickled (a lambda detector, a class defined in a function).

    .. versionadded:: 0.1
    """
    count = _check_workers(workers)
    if timeout is not None and (not isinstance(timeout, int | float) or timeout <= 0):
        msg = f"timeout must be a positive number of seconds, got {timeout!r}"
        raise InputError(msg)
    if type(retries) is not int or retries < 0:
        msg = f"retries must be an integer >= 0, got {retries!r}"
        raise InputError(msg)
    if form not in ("comparison", "json"):
        msg = f"form must be 'comparison' or 'json', got {form!r}"
        raise InputError(msg)
    chosen = _check_picklable(comparer or Comparer())
    return _run(pairs, _Runner(count, chosen, timeout, retries, form))


def _run(pairs: Iterable[object], runner: _Runner) -> Iterator[BatchResult]:
    records = enumerate(pairs)
    ready: dict[int, BatchResult] = {}
    next_out = read = 0
    exhausted = False
    try:
        while True:
            # Every record read and not yet yielded is in ``ready`` or in flight, so
            # bounding ``read - next_out`` bounds memory even behind a slow record.
            while (
                not exhausted
                and len(runner.inflight) < runner.window
                and read < next_out + runner.ahead
            ):
                item = next(records, None)
                if item is None:
                    exhausted = True
                    break
                read += 1
                prepared = _prepare(*item)
                if isinstance(prepared, BatchResult):
                    ready[prepared.index] = prepared
                else:
                    for result in runner.submit(prepared):
                        ready[result.index] = result
            while next_out in ready:
                yield ready.pop(next_out)
                next_out += 1
            if not runner.inflight:
                if exhausted:
                    break
                continue
            for result in runner.collect():
                ready[result.index] = result
    finally:
        runner.close()


# --------------------------------------------------------------------------------------
# JSON Lines


def read_pairs(path: str | Path) -> Iterator[Mapping[str, Any] | BadRecord]:
    """Read records from a JSON Lines file, one object per line; blank lines are skipped.

    A line that is not JSON yields a :class:`BadRecord` with the id ``line N``, so it is
    reported by :func:`compare_many` rather than stopping the batch.

    Raises:
        BatchError: If the file cannot be opened or is not UTF-8 text.
    """
    try:
        handle = Path(path).open(encoding="utf-8")  # noqa: SIM115 - closed by the generator
    except OSError as exc:
        msg = f"{path}: cannot read it ({exc.strerror or exc}); check the path"
        raise BatchError(msg) from exc
    return _lines(handle, str(path))


def _lines(handle: IO[str], name: str) -> Iterator[Mapping[str, Any] | BadRecord]:
    with handle:
        number = 0
        while True:
            try:
                line = handle.readline()
            except UnicodeDecodeError as exc:
                msg = f"{name}: line {number + 1} is not UTF-8 ({exc.reason}); convert the file"
                raise BatchError(msg) from exc
            if not line:
                return
            number += 1
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                yield BadRecord(f"line {number}", f"line {number} is not valid JSON: {exc}")
                continue
            if isinstance(record, dict) and "id" not in record:
                record["id"] = f"line {number}"
            yield record


def _ids(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@attrs.frozen
class BatchSummary:
    """Counts of a batch run.

    Args:
        total: Records read.
        ok: Records compared.
        failed: The ids of the records that failed, in input order.
        seconds: Wall-clock time of the run.
    """

    total: int
    ok: int
    failed: tuple[str, ...] = attrs.field(converter=_ids)
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        """The counts as plain JSON types."""
        return {
            "total": self.total,
            "ok": self.ok,
            "failed": len(self.failed),
            "failed_ids": list(self.failed),
            "seconds": round(self.seconds, 3),
        }

    def __str__(self) -> str:
        """One line for a terminal."""
        line = f"{self.total} record(s): {self.ok} ok, {len(self.failed)} failed"
        if self.failed:
            shown = ", ".join(self.failed[:10]) + (", …" if len(self.failed) > 10 else "")
            line += f" ({shown})"
        return f"{line}; {self.seconds:.1f} s"


def compare_jsonl(
    source: str | Path,
    out: IO[str],
    *,
    workers: int | None = None,
    timeout: float | None = None,
    comparer: _Compares | None = None,
) -> BatchSummary:
    """Compare every record of a JSON Lines file; write one result line per record.

    Each output line is a ``revforensics.batch/1`` object (see :meth:`BatchResult.to_line`),
    in input order; failed records are written too, with their error.

    Raises:
        BatchError: If the file cannot be read.
        InputError: If ``workers`` or ``timeout`` is out of range.

    .. versionadded:: 0.1
    """
    start = time.monotonic()
    total = ok = 0
    failed: list[str] = []
    results = compare_many(
        read_pairs(source), workers=workers, timeout=timeout, comparer=comparer, form="json"
    )
    for result in results:
        out.write(result.to_line() + "\n")
        total += 1
        if result.ok:
            ok += 1
        else:
            failed.append(result.id)
    return BatchSummary(total, ok, failed, time.monotonic() - start)


# --------------------------------------------------------------------------------------
# Dask: beyond one machine


def _dask_bag() -> Any:  # noqa: ANN401 - the dask.bag module
    try:
        import dask.bag  # noqa: PLC0415 - optional extra
    except ImportError as exc:
        raise MissingExtraError("Comparing with Dask", extra="dask") from exc
    return dask.bag


def _line(comparer: _Compares, index: int, record: object) -> str:
    """Compare one record inside a Dask task; always a JSON line, never an exception."""
    prepared = _prepare(index, record)
    if isinstance(prepared, BatchResult):
        return prepared.to_line()
    outcome = _work(comparer, prepared, "json")
    return _result(prepared, outcome, 1).to_line()


def _parse(line: str) -> Mapping[str, Any] | BadRecord:
    try:
        record = json.loads(line)
    except ValueError as exc:
        return BadRecord("(unparsed line)", f"a line is not valid JSON: {exc}: {line[:80]!r}")
    return record  # type: ignore[no-any-return] # a mapping or not: _prepare checks


def compare_bag(bag: Any, *, comparer: _Compares | None = None) -> Any:  # noqa: ANN401 - dask.bag.Bag
    """Compare a Dask bag of records lazily; the result is a bag of JSON lines.

    Each element becomes one ``revforensics.batch/1`` line, failed or not, so a bad
    record never fails a partition. A worker that dies is handled by Dask itself: with
    ``dask.distributed`` its tasks are rescheduled on other workers (up to the
    scheduler's ``allowed-failures``), after which the computation raises ``KilledWorker``.

    Args:
        bag: Records as in :func:`compare_many`. Ids default to ``#N`` within the bag's
            partition order.
        comparer: As in :func:`compare_many`.

    Raises:
        MissingExtraError: If Dask is not installed (``pip install "revforensics[dask]"``).
        InputError: If the comparer cannot be pickled.

    .. versionadded:: 0.1
    """
    _dask_bag()
    chosen = _check_picklable(comparer or Comparer())
    return bag.map_partitions(_number_partition).starmap(_line_with, comparer=chosen)


def _number_partition(partition: Iterable[object]) -> list[tuple[int, object]]:
    return list(enumerate(partition))


def _line_with(index: int, record: object, *, comparer: _Compares) -> str:
    return _line(comparer, index, record)


def compare_dask(
    paths: str | Path | Iterable[str | Path],
    output: str | Path,
    *,
    comparer: _Compares | None = None,
    blocksize: int | str | None = "8MiB",
) -> list[str]:
    """Compare JSON Lines files with Dask; write JSON Lines part files to a folder.

    Run it under a ``dask.distributed.Client`` to use a cluster; without one Dask uses its
    default local scheduler. Parquet output is not offered yet: write JSON Lines and
    convert them where pyarrow is installed.

    Args:
        paths: Input JSON Lines files (globs allowed), as for ``dask.bag.read_text``.
        output: A folder; ``part-N.jsonl`` files are written in it, one per partition.
        comparer: As in :func:`compare_many`.
        blocksize: Bytes per partition of the input.

    Returns:
        The paths written.

    Raises:
        MissingExtraError: If Dask is not installed.

    .. versionadded:: 0.1
    """
    bag_module = _dask_bag()
    sources = [str(paths)] if isinstance(paths, str | Path) else [str(p) for p in paths]
    lines = bag_module.read_text(sources, blocksize=blocksize).filter(str.strip)
    records = lines.map(_parse)
    Path(output).mkdir(parents=True, exist_ok=True)
    target = str(Path(output) / "part-*.jsonl")
    written = compare_bag(records, comparer=comparer).to_textfiles(
        target, encoding="utf-8", last_endline=True
    )
    return [str(path) for path in written]

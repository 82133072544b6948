"""revforensics.batch: many pairs in worker processes, bad records, dying workers, Dask."""

import io
import json
import os
from pathlib import Path

import jsonschema
import pytest

import revforensics as rf
from batch_helpers import (
    EXIT,
    HANG,
    HEAD,
    KILL,
    DiesOnce,
    LoneSurrogate,
    Misbehaving,
    SlowHead,
)
from revforensics.batch import (
    BatchResult,
    compare_bag,
    compare_dask,
    compare_jsonl,
    compare_many,
    read_pairs,
)
from revforensics.cli import main
from revforensics.render.json import load_schema

SAME = "Units held the line."
CUT_OLD = "Units held the line, and launched new offensive operations in the Kursk region."


def pairs(n):
    return [{"id": f"p{i}", "old": CUT_OLD, "new": SAME if i % 2 else CUT_OLD} for i in range(n)]


def test_results_in_input_order_with_ids_and_comparisons():
    """Each record gives one result, in input order, matching compare() on its own."""
    results = list(compare_many(pairs(7), workers=2))
    assert [r.id for r in results] == [f"p{i}" for i in range(7)]
    assert [r.index for r in results] == list(range(7))
    assert all(r.ok and r.attempts == 1 for r in results)
    assert results[1].comparison == rf.compare(CUT_OLD, SAME)
    assert results[0].comparison.verdict is rf.Verdict.UNCHANGED


@pytest.mark.parametrize(
    ("record", "record_id", "message"),
    [
        ({"id": "x", "old": SAME}, "x", "record 'x' has no 'new' text"),
        (
            {"id": "x", "old": SAME, "new": 5},
            "x",
            "'new' must be a string or a revision object, got int",
        ),
        (
            {"id": 7, "old": None, "new": SAME},
            "7",
            "'old' must be a string or a revision object, got NoneType",
        ),
        ({"id": "x", "old": SAME, "new": SAME, "lang": "english"}, "x", "InputError: lang must"),
        ({"id": "x", "old": SAME, "new": SAME, "lang": 3}, "x", "'lang' must be a string"),
        ({"id": ["a"], "old": SAME, "new": SAME}, "#1", "'id' must be a string or an integer"),
        (["not", "a", "mapping"], "#1", "record #1 is a list, not an object"),
        ({"old": SAME, "new": 3}, "#1", "'new' must be a string"),
    ],
)
def test_a_bad_record_fails_alone_with_its_id(record, record_id, message):
    """A bad record is reported with its id and reason; the records around it complete."""
    good = {"id": "g", "old": SAME, "new": SAME}
    results = list(compare_many([good, record, good], workers=1))
    assert [r.status for r in results] == ["ok", "failed", "ok"]
    assert results[1].id == record_id
    assert message in results[1].error
    assert results[1].comparison is None


@pytest.mark.parametrize("trigger", [KILL, EXIT])
def test_a_worker_that_dies_is_retried_once_then_reported(trigger):
    """SIGKILL or os._exit in a worker: that record fails after a retry; no other is lost."""
    records = pairs(6)
    records[2]["new"] = SAME + trigger
    results = list(compare_many(records, workers=2, comparer=Misbehaving()))
    assert [r.id for r in results] == [f"p{i}" for i in range(6)]
    assert [r.status for r in results] == ["ok", "ok", "failed", "ok", "ok", "ok"]
    assert results[2].attempts == 2
    assert "worker process died 2 time(s)" in results[2].error


def test_a_worker_that_dies_once_succeeds_on_retry(tmp_path):
    """A transient crash (the first run only) is retried and the record completes."""
    marker = tmp_path / "crash-once"
    marker.write_text("")
    records = [{"id": "flaky", "old": SAME, "new": f"{SAME}|{marker}"}, *pairs(3)]
    # One worker and a timeout: one record in flight, so the crash is charged to it.
    results = list(compare_many(records, workers=1, comparer=DiesOnce(), timeout=60))
    assert all(r.ok for r in results), [r.error for r in results]
    assert [r.attempts for r in results] == [2, 1, 1, 1]
    assert not marker.exists()


def test_retries_zero_reports_the_first_death():
    """retries=0: a record whose worker dies fails at once."""
    records = [{"id": "k", "old": SAME, "new": SAME + EXIT}]
    (result,) = compare_many(records, workers=1, comparer=Misbehaving(), retries=0)
    assert result.status == "failed"
    assert result.attempts == 1
    assert "died 1 time(s)" in result.error


def test_a_record_past_the_timeout_is_stopped_and_reported():
    """A hanging record fails with a timeout; the others complete."""
    records = [*pairs(2), {"id": "slow", "old": SAME, "new": HANG}, *pairs(2)]
    results = list(compare_many(records, workers=2, comparer=Misbehaving(), timeout=3))
    assert [r.status for r in results] == ["ok", "ok", "failed", "ok", "ok"]
    assert "timed out after 3 s" in results[2].error


def test_a_comparer_that_raises_fails_the_record_only():
    """An exception in the comparer is the record's error, named with its type."""
    results = list(compare_many([{"id": "t", "old": 1, "new": 2}, *pairs(1)], workers=1))
    assert results[0].status == "failed"
    assert results[1].ok


@pytest.mark.parametrize(
    "kwargs",
    [{"workers": 0}, {"workers": "2"}, {"timeout": 0}, {"retries": -1}, {"form": "xml"}],
)
def test_bad_options_are_input_errors(kwargs):
    """Out-of-range options fail before any work starts."""
    with pytest.raises(rf.InputError):
        compare_many([], **kwargs)


def test_stopping_early_leaves_no_worker_behind():
    """Closing the iterator early shuts the pool down."""
    results = compare_many(pairs(20), workers=2)
    first = next(results)
    results.close()
    assert first.ok


def test_jsonl_round_trip_and_schema(tmp_path):
    """compare_jsonl writes one batch/1 line per record; each result validates as diff/1."""
    source = tmp_path / "pairs.jsonl"
    lines = [json.dumps(r) for r in pairs(3)]
    lines.insert(1, "{not json")
    lines.insert(2, "")
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = io.StringIO()
    summary = compare_jsonl(source, out, workers=2)
    written = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [w["id"] for w in written] == ["p0", "line 2", "p1", "p2"]
    assert [w["status"] for w in written] == ["ok", "failed", "ok", "ok"]
    assert all(w["schema"] == "revforensics.batch/1" for w in written)
    assert "not valid JSON" in written[1]["error"]
    validator = jsonschema.Draft202012Validator(load_schema())
    for w in written:
        if w["result"] is not None:
            validator.validate(w["result"])
            assert rf.Comparison.from_json(json.dumps(w["result"])).old.text == CUT_OLD
    assert (summary.total, summary.ok, summary.failed) == (4, 3, ("line 2",))
    assert "4 record(s): 3 ok, 1 failed (line 2)" in str(summary)


def test_read_pairs_names_missing_ids_by_line(tmp_path):
    """A record without an id is known by its line number."""
    source = tmp_path / "pairs.jsonl"
    source.write_text('{"old": "a", "new": "b"}\n\n{"id": 1, "old": "a", "new": "b"}\n')
    assert [r["id"] for r in read_pairs(source)] == ["line 1", 1]


def test_read_pairs_errors(tmp_path):
    """A missing file or a file that is not UTF-8 is a BatchError naming it."""
    with pytest.raises(rf.errors.BatchError, match="cannot read it"):
        read_pairs(tmp_path / "missing.jsonl")
    bad = tmp_path / "cp1251.jsonl"
    bad.write_bytes('{"id": "x", "old": "Київ", "new": "Київ"}\n'.encode("cp1251"))
    with pytest.raises(rf.errors.BatchError, match="line 1 is not UTF-8"):
        list(read_pairs(bad))


def test_batch_result_line_for_a_comparison():
    """to_line() embeds the diff/1 document, whichever form the result holds."""
    cmp = rf.compare(CUT_OLD, SAME)
    line = json.loads(BatchResult("a", 0, "ok", comparison=cmp).to_line())
    assert line["result"] == cmp.to_dict()


def test_cli_batch_writes_lines_and_a_summary(tmp_path, capsys):
    """revforensics batch PAIRS --workers 2 --output OUT; summary on stderr."""
    source = tmp_path / "pairs.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in [*pairs(2), {"id": "bad"}]) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(source), "--workers", "2", "--output", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("batch: 3 record(s): 2 ok, 1 failed (bad)")
    assert [json.loads(line)["status"] for line in out.read_text().splitlines()] == [
        "ok",
        "ok",
        "failed",
    ]
    assert main(["batch", str(source), "--workers", "1", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 3
    assert json.loads(captured.err)["failed_ids"] == ["bad"]


def test_cli_batch_missing_file(tmp_path, capsys):
    """A missing input is one error line and exit status 2."""
    assert main(["batch", str(tmp_path / "none.jsonl")]) == 2
    assert "cannot read it" in capsys.readouterr().err


def test_dask_missing_names_the_extra(monkeypatch):
    """Without Dask, the Dask functions raise MissingExtraError naming the extra."""
    import sys

    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    with pytest.raises(rf.errors.MissingExtraError, match=r"revforensics\[dask\]"):
        compare_bag([])


@pytest.fixture(scope="module")
def cluster():
    pytest.importorskip("dask.bag", reason="the [dask] extra is not installed")
    distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as local,
        distributed.Client(local) as client,
    ):
        yield client


@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::ResourceWarning")
def test_dask_local_cluster_two_workers(cluster, tmp_path):
    """compare_dask on a LocalCluster with 2 worker processes: every record, bad ones too."""
    source = tmp_path / "pairs.jsonl"
    records = [*pairs(6), {"id": "bad", "old": SAME}]
    source.write_text("\n".join(json.dumps(r) for r in records) + "\n{oops\n")
    written = compare_dask(source, tmp_path / "out", blocksize=200)
    assert len(written) > 1  # several partitions, spread over the workers
    lines = [json.loads(line) for path in written for line in Path(path).read_text().splitlines()]
    by_id = {line["id"]: line for line in lines}
    assert len(lines) == 8
    assert all(by_id[f"p{i}"]["status"] == "ok" for i in range(6))
    assert by_id["bad"]["status"] == "failed"
    assert by_id["(unparsed line)"]["status"] == "failed"
    assert len(cluster.scheduler_info()["workers"]) == 2
    validator = jsonschema.Draft202012Validator(load_schema())
    validator.validate(by_id["p1"]["result"])


@pytest.mark.skipif(os.cpu_count() is None, reason="needs a CPU count")
def test_default_workers_is_the_cpu_count():
    """workers=None uses one worker per CPU."""
    from revforensics.batch import _check_workers

    assert _check_workers(None) == os.cpu_count()


def test_cli_batch_never_writes_over_its_input(tmp_path, capsys):
    """--output naming the input file is refused, and the input is left as it was."""
    source = tmp_path / "pairs.jsonl"
    content = "\n".join(json.dumps(r) for r in pairs(2)) + "\n"
    source.write_text(content)
    assert main(["batch", str(source), "--output", str(tmp_path / "." / "pairs.jsonl")]) == 2
    assert "is the input file" in capsys.readouterr().err
    assert source.read_text() == content


def test_a_worker_that_dies_while_the_next_record_is_read(monkeypatch):
    """The pool breaks while the parent reads: submit must not leak BrokenProcessPool."""
    import time

    import revforensics.batch as batch_module

    pools = []

    class Recorded(batch_module.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            pools.append(self)

    monkeypatch.setattr(batch_module, "ProcessPoolExecutor", Recorded)

    def broken():
        return bool(pools[0]._broken)  # noqa: SLF001 - set when the pool saw its worker die

    def records():
        yield {"id": "dies", "old": SAME, "new": SAME + EXIT}
        deadline = time.monotonic() + 60
        while not broken() and time.monotonic() < deadline:  # a slow source
            time.sleep(0.01)
        assert broken(), "the worker did not die"
        yield from pairs(3)

    results = list(compare_many(records(), workers=1, comparer=Misbehaving()))
    assert [r.id for r in results] == ["dies", "p0", "p1", "p2"]
    assert [r.status for r in results] == ["failed", "ok", "ok", "ok"]
    assert "worker process died 2 time(s)" in results[0].error
    assert [r.attempts for r in results] == [2, 1, 1, 1]


def test_a_lone_surrogate_fails_its_record_and_the_batch_goes_on(tmp_path):
    """An escaped lone surrogate ("\\ud800" in JSON) is a failed record, not a crash."""
    source = tmp_path / "pairs.jsonl"
    source.write_text(
        '{"id": "a", "old": "Units held the line.", "new": "Units held."}\n'
        '{"id": "b", "old": "Units \\ud800 held.", "new": "Units held."}\n'
        '{"id": "\\udc80", "old": "x.", "new": "y."}\n'
        '{"id": "c", "old": "x.", "new": "y.", "lang": "\\ud800"}\n'
        '{"id": "d", "old": "x.", "new": "y."}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    with out.open("w", encoding="utf-8") as handle:  # strict: a surrogate would raise
        summary = compare_jsonl(source, handle, workers=1)
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [w["id"] for w in written] == ["a", "b", "#2", "c", "d"]
    assert [w["status"] for w in written] == ["ok", "failed", "failed", "failed", "ok"]
    assert "'old' holds a lone surrogate '\\ud800' at character 6" in written[1]["error"]
    assert "'id' holds a lone surrogate '\\udc80'" in written[2]["error"]
    assert "'lang' holds a lone surrogate" in written[3]["error"]
    assert summary.failed == ("b", "#2", "c")


def test_no_result_line_fails_to_encode():
    """to_line() is UTF-8 whatever the result holds; a result JSON cannot write fails."""
    line = BatchResult("a\ud800", 0, "failed", error="bad \udc80 text").to_line()
    assert json.loads(line.encode("utf-8"))["error"] == "bad \\udc80 text"
    cmp = rf.compare("Units held.\ud800", "Units left.")
    line = BatchResult("s", 0, "ok", comparison=cmp).to_line()
    document = json.loads(line.encode("utf-8"))
    assert (document["status"], document["result"]) == ("failed", None)
    assert "lone surrogate" in document["error"]
    (result,) = compare_many(
        [{"id": "s", "old": SAME, "new": SAME}], comparer=LoneSurrogate(), workers=1, form="json"
    )
    assert result.status == "failed"
    assert "lone surrogate" in result.error


def test_an_unpicklable_comparer_is_an_input_error_up_front():
    """A lambda detector cannot reach a worker: InputError saying how to fix it, no leak."""
    comparer = rf.Comparer(detectors=[lambda _pair: []])
    with pytest.raises(rf.InputError, match="must be picklable") as caught:
        compare_many(pairs(2), workers=1, comparer=comparer)
    assert "module level" in str(caught.value)
    assert "lambda" in str(caught.value)
    # A comparer of module-level parts is fine (the near miss).
    assert all(r.ok for r in compare_many(pairs(2), workers=1, comparer=rf.Comparer()))


def test_a_slow_first_record_does_not_let_results_pile_up(tmp_path):
    """Behind a slow head record, reading stops: at most 8 x workers results wait."""
    workers = 2
    consumed = 0
    waiting = []  # records read but not yet yielded, at each read

    def records():
        for i in range(100):
            waiting.append(i + 1 - consumed)
            (tmp_path / "read.tmp").write_text(str(i + 1))
            (tmp_path / "read.tmp").replace(tmp_path / "read")
            yield {"id": f"r{i}", "old": HEAD if i == 0 else CUT_OLD, "new": SAME}

    ids = []
    for result in compare_many(records(), workers=workers, comparer=SlowHead(tmp_path)):
        assert result.ok, result.error
        ids.append(result.id)
        consumed += 1
    assert ids == [f"r{i}" for i in range(100)]
    assert max(waiting) <= 8 * workers
    assert (tmp_path / "done").stat().st_size == 99


def test_cli_batch_fail_on_error(tmp_path, capsys):
    """--fail-on-error: exit 1 when a record failed, still writing every line; else 0."""
    source = tmp_path / "pairs.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in [*pairs(2), {"id": "bad"}]) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(source), "--workers", "1", "-o", str(out), "--fail-on-error"]) == 1
    assert capsys.readouterr().err.startswith("batch: 3 record(s): 2 ok, 1 failed (bad)")
    assert len(out.read_text().splitlines()) == 3
    clean = tmp_path / "clean.jsonl"
    clean.write_text("\n".join(json.dumps(r) for r in pairs(2)) + "\n")
    assert main(["batch", str(clean), "--workers", "1", "-o", str(out), "--fail-on-error"]) == 0
    # Without the flag a failed record still exits 0 (the default is unchanged).
    assert main(["batch", str(source), "--workers", "1", "-o", str(out)]) == 0

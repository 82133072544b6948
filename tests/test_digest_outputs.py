"""Revision.digest in JSON documents, report citations and batch records."""

import json

import jsonschema
import pytest

import revforensics as rf
from revforensics.batch import compare_many
from revforensics.chain import RevisionChain
from revforensics.errors import SchemaError
from revforensics.render.chain_json import chain_from_dict, chain_to_dict, load_chain_schema
from revforensics.render.chain_markdown import render_chain_markdown
from revforensics.render.json import from_dict, load_schema

DIGEST = "sha1:2WAXX5NUWNNCS2BDKCO5OVDQBJVNKIVV"
OLD = "Forces advanced near the town."
NEW = "Forces did not advance near the town."


def pair(digest=DIGEST):
    return rf.Revision(OLD, "v1", source="https://web.archive.org/x", digest=digest), rf.Revision(
        NEW, "v2"
    )


# -- diff/1 ---------------------------------------------------------------------------


def test_diff_json_carries_and_reads_back_the_digest():
    """The revision objects have "digest"; the document validates and round-trips."""
    cmp = rf.compare(*pair())
    data = cmp.to_dict()
    assert (data["old"]["digest"], data["new"]["digest"]) == (DIGEST, None)
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    back = from_dict(json.loads(json.dumps(data)))
    assert (back.old.digest, back.new.digest) == (DIGEST, None)
    assert back == cmp


def test_diff_json_without_a_digest_only_adds_a_null_key():
    """Control: without digests the revision objects are as before, plus "digest": null."""
    data = rf.compare(OLD, NEW).to_dict()
    before = {"label", "sha256", "chars", "lang", "captured_at", "source", "text"}
    assert set(data["old"]) == before | {"digest"}
    assert data["old"]["digest"] is None


def test_diff_json_written_before_digests_is_still_read():
    """A diff/1 document without the key (written by 0.2) reads with digest None."""
    data = rf.compare(*pair()).to_dict()
    del data["old"]["digest"], data["new"]["digest"]
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    assert from_dict(data).old.digest is None


@pytest.mark.parametrize(("value", "message"), [("sha1 2WAX", "algorithm:value"), (5, "str")])
def test_diff_json_with_a_bad_digest_is_a_schema_error(value, message):
    """A malformed digest in a document is refused with its place in the document."""
    data = rf.compare(*pair()).to_dict()
    data["old"]["digest"] = value
    with pytest.raises(SchemaError, match=message) as info:
        from_dict(data)
    assert info.value.path == "/old"
    assert not jsonschema.Draft202012Validator(load_schema()).is_valid(data)


# -- chain/1 --------------------------------------------------------------------------


def test_chain_json_carries_and_reads_back_the_digest():
    """Each version object has "digest"; the document validates and round-trips."""
    result = RevisionChain(pair()).compare()
    data = chain_to_dict(result)
    assert [v["digest"] for v in data["versions"]] == [DIGEST, None]
    jsonschema.Draft202012Validator(load_chain_schema()).validate(data)
    back = chain_from_dict(json.loads(json.dumps(data)))
    assert [rev.digest for rev in back.chain] == [DIGEST, None]
    assert back == result


def test_chain_json_written_before_digests_is_still_read():
    """Control: a version without the key reads as no digest; a bad one is refused."""
    data = chain_to_dict(RevisionChain(pair()).compare())
    for version in data["versions"]:
        del version["digest"]
    jsonschema.Draft202012Validator(load_chain_schema()).validate(data)
    assert [rev.digest for rev in chain_from_dict(data).chain] == [None, None]
    data["versions"][0]["digest"] = "nope"
    with pytest.raises(SchemaError, match="algorithm:value"):
        chain_from_dict(data)


# -- citations ------------------------------------------------------------------------


def test_citations_show_the_web_archive_digest_when_present():
    """Text, Markdown and HTML reports label the digest as the web archive's."""
    cmp = rf.compare(*pair())
    assert f"    web archive's digest: {DIGEST}" in rf.render_text(cmp)
    markdown = rf.render_markdown(cmp)
    assert f"| web archive's digest | `{DIGEST}` | — |" in markdown
    assert "look the capture up there by it" in markdown
    html = rf.render_html(cmp)
    assert f'<dt>web archive&#x27;s digest</dt><dd dir="auto"><code>{DIGEST}</code>' in html
    assert "look the capture up there by it" in html
    chain = render_chain_markdown(RevisionChain(pair()).compare())
    assert "| web archive's digest |" in chain
    assert f"`{DIGEST}` |" in chain


def test_citations_without_a_digest_are_unchanged():
    """Control: without a digest no report mentions one."""
    cmp = rf.compare(*pair(None))
    for report in (rf.render_text(cmp), rf.render_markdown(cmp), rf.render_html(cmp)):
        assert "digest" not in report
    assert "digest" not in render_chain_markdown(RevisionChain(pair(None)).compare())


# -- batch ----------------------------------------------------------------------------


def test_batch_reads_revision_objects_with_a_digest():
    """A record's old/new may be revision objects; the diff/1 result keeps their digest."""
    record = {
        "id": "r1",
        "old": {"text": OLD, "label": "v1", "captured_at": "2024-03-01T09:00:00+00:00"}
        | {"source": "https://web.archive.org/x", "digest": DIGEST},
        "new": NEW,
    }
    [result] = compare_many([record], workers=1)
    assert result.ok, result.error
    assert result.comparison.old.digest == DIGEST
    assert result.comparison.old.label == "v1"
    assert json.loads(result.to_line())["result"]["old"]["digest"] == DIGEST


@pytest.mark.parametrize(
    ("old", "message"),
    [
        ({"text": OLD, "digest": "sha1 2WAX"}, "'old': Revision.digest must be 'algorithm:value'"),
        ({"text": OLD, "digest": 7}, "'old': 'digest' must be a string or null, got int"),
        ({"text": OLD, "digets": DIGEST}, "unknown key(s) 'digets'"),
        ({"digest": DIGEST}, "needs 'text' as a string"),
        ({"text": OLD, "captured_at": "yesterday"}, "'captured_at' 'yesterday' is not ISO"),
    ],
)
def test_batch_bad_revision_object_fails_its_record_alone(old, message):
    """A malformed digest (or other field) fails that record, with its id; others go on."""
    good = {"id": "g", "old": OLD, "new": NEW}
    results = list(compare_many([good, {"id": "bad", "old": old, "new": NEW}, good], workers=1))
    assert [r.status for r in results] == ["ok", "failed", "ok"]
    assert results[1].id == "bad"
    assert message in results[1].error

import json

import jsonschema
import pytest

import revforensics as rf
from revforensics.render.json import load_schema

OLD = "Units launched new offensive operations near Kursk, officials said. 1,200 troops took part."
NEW = "Units continue operations near Kursk, officials said. 1 200 troops took part."


@pytest.fixture(scope="module")
def validator():
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize(("old", "new"), [(OLD, NEW), (OLD, OLD), ("", OLD), ("a  b", "a b")])
def test_output_follows_the_schema(validator, old, new):
    """to_dict() output validates against the shipped JSON Schema."""
    validator.validate(rf.compare(old, new).to_dict())


def test_round_trip():
    """from_json(to_json()) rebuilds an equal comparison."""
    cmp = rf.compare(OLD, NEW)
    assert rf.Comparison.from_json(cmp.to_json()) == cmp


def test_design_keys():
    """The keys the design promises are present."""
    data = json.loads(rf.compare(OLD, NEW).to_json())
    assert data["schema"] == "revforensics.diff/1"
    assert {"label", "sha256", "chars"} <= data["old"].keys()
    finding = data["findings"][0]
    assert {
        "kind",
        "severity",
        "level",
        "old",
        "new",
        "evidence",
        "explanation",
        "rule",
    } <= finding.keys()


def test_tampered_text_is_rejected():
    """Changing a text without its hash is caught."""
    data = rf.compare(OLD, NEW).to_dict()
    data["old"]["text"] = data["old"]["text"].replace("Kursk", "Sumy")
    with pytest.raises(rf.SchemaError, match="sha256"):
        rf.Comparison.from_json(json.dumps(data))


def test_tampered_span_is_rejected():
    """A span whose text no longer matches the original is caught, with its path."""
    data = rf.compare(OLD, NEW).to_dict()
    data["findings"][0]["old"]["text"] = "something else"
    with pytest.raises(rf.SchemaError, match="/findings/0"):
        rf.Comparison.from_json(json.dumps(data))


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("not json", "not valid JSON"),
        ("[]", "expected an object"),
        ('{"schema": "other/1"}', "expected 'revforensics.diff/1'"),
    ],
)
def test_bad_documents(text, match):
    """Bad JSON is a SchemaError (a ValueError) that says what is wrong."""
    with pytest.raises(rf.SchemaError, match=match) as info:
        rf.Comparison.from_json(text)
    assert isinstance(info.value, ValueError)


def test_unknown_kind():
    """An unknown finding kind is named."""
    data = rf.compare(OLD, NEW).to_dict()
    data["findings"][0]["kind"] = "invented"
    with pytest.raises(rf.SchemaError, match="invented"):
        rf.Comparison.from_json(json.dumps(data))


def test_deeply_nested_json_is_a_schema_error():
    """Pathological JSON does not leak a RecursionError."""
    with pytest.raises(rf.SchemaError):
        rf.Comparison.from_json("[" * 200_000)


def test_alignment_must_cover_the_sentences():
    """An alignment that points at no sentence is rejected."""
    data = rf.compare(OLD, NEW).to_dict()
    data["alignment"][0]["old"] = [99]
    with pytest.raises(rf.SchemaError, match="/alignment"):
        rf.Comparison.from_json(json.dumps(data))


def test_verdict_must_agree_with_findings():
    """A verdict that contradicts the findings is rejected."""
    data = rf.compare(OLD, NEW).to_dict()
    data["verdict"] = "cosmetic"
    with pytest.raises(rf.SchemaError, match="verdict"):
        rf.Comparison.from_json(json.dumps(data))

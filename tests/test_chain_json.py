import json

import jsonschema
import pytest

from revforensics.chain import RevisionChain
from revforensics.errors import SchemaError
from revforensics.model import Revision
from revforensics.render.chain_json import (
    CHAIN_SCHEMA_ID,
    chain_from_dict,
    chain_from_json,
    chain_to_dict,
    load_chain_schema,
)

BODY = [
    "The General Staff reported 42 attacks near Pokrovsk during the day.",
    "Air defence units destroyed 12 drones over the Kharkiv region overnight.",
    "Rescue teams worked through the night at the damaged depot in Sumy.",
]


def sample():
    """Edits, a removal and restore, an error page in the middle: every part of chain/1."""
    full = " ".join(BODY)
    return RevisionChain(
        [
            Revision(full, label="v1"),
            Revision(full.replace("destroyed", "reportedly destroyed"), label="v2"),
            Revision("404 Not Found.", label="v3"),
            Revision(" ".join([BODY[0], BODY[2]]), label="v4"),
            Revision(full, label="v5"),
        ]
    ).compare()


def validator():
    return jsonschema.Draft202012Validator(
        load_chain_schema(), format_checker=jsonschema.FormatChecker()
    )


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(load_chain_schema())


def test_real_output_validates_and_round_trips():
    """The output follows the schema; loading it gives back an equal comparison."""
    result = sample()
    data = chain_to_dict(result)
    validator().validate(data)
    assert data["schema"] == CHAIN_SCHEMA_ID
    assert data["versions"][2]["suspect"]["reasons"] == ["error_page"]
    assert any(step["bridge"] for step in data["steps"])
    back = chain_from_json(result.to_json())
    assert back == result
    assert back.to_json() == result.to_json()


def test_one_version_validates():
    result = RevisionChain([Revision("Troops advanced.")]).compare()
    validator().validate(chain_to_dict(result))
    assert chain_from_dict(chain_to_dict(result)) == result


def tampered(change):
    data = chain_to_dict(sample())
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(schema="revforensics.diff/1"), "expected 'revforensics.chain/1'"),
        (lambda d: d["versions"][0].update(text="Altered."), "sha256 does not match"),
        (lambda d: d["versions"][1]["sentences"][0].update(lineage="L99"), "unknown lineage"),
        (lambda d: d["versions"][1]["sentences"][0].update(end=3), "differs from"),
        (lambda d: d["lineages"][0]["events"][0].update(step=42), "outside"),
        (lambda d: d["lineages"][1]["events"][1].update(findings=[99]), "not in step"),
        (lambda d: d["steps"][0].update(held=True), "held must be true exactly"),
        (lambda d: d["steps"].pop(1), "must compare versions 1 and 2"),
        (lambda d: d["lineages"][0].update(versions=[0]), "disagree"),
        (lambda d: d["versions"][2].update(suspect=None), "held must be true exactly"),
        (lambda d: d["steps"][0]["comparison"].update(verdict="unchanged"), "/steps/0/comparison"),
    ],
)
def test_inconsistent_documents_are_refused(change, message):
    """The loader checks hashes, spans and every cross-reference."""
    with pytest.raises(SchemaError, match=message):
        chain_from_dict(tampered(change))


def test_not_json():
    with pytest.raises(SchemaError, match="not valid JSON"):
        chain_from_json("{")


def test_json_is_plain_and_readable():
    text = sample().to_json()
    assert "“" not in text or "\\u201c" not in text
    assert json.loads(text)["engine"]["name"] == "revforensics"

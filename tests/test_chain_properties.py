"""Properties of compare_chain() on random chains built from a pool of sentences."""

from hypothesis import given, settings
from hypothesis import strategies as st

from revforensics.chain import RevisionChain
from revforensics.model import Revision

POOL = [
    "The General Staff reported 42 attacks near Pokrovsk.",
    "The General Staff reported 45 attacks near Pokrovsk.",
    "Air defence units destroyed 12 drones overnight.",
    "Air defence units reportedly destroyed 12 drones overnight.",
    "Rescue teams worked at the depot in Sumy.",
    "The ministry said repairs will take three days.",
    "Police opened an investigation into the shelling.",
    "Evacuation of the district continues.",
    "404 Not Found.",
]

versions = st.lists(st.sampled_from(POOL), min_size=0, max_size=6).map(" ".join)
chains = st.lists(versions, min_size=1, max_size=5)


@settings(max_examples=40)
@given(chains)
def test_identical_sentences_share_a_lineage_and_spans_index_their_text(texts):
    """A sentence identical to one of an earlier version has its lineage id; every
    sentence span indexes its version's text; each lineage lists the versions it is in."""
    result = RevisionChain(Revision(t) for t in texts).compare()
    seen: dict[str, str] = {}
    for k, rev in enumerate(result.chain):
        assert len(result.sentences[k]) == len(result.lineage_ids[k])
        for sentence, lineage_id in zip(result.sentences[k], result.lineage_ids[k], strict=True):
            assert rev.text[sentence.span.start : sentence.span.end] == sentence.text
            assert seen.setdefault(sentence.text, lineage_id) == lineage_id
            assert k in result.lineage(lineage_id).versions
    for step in result.steps:
        for finding in step.comparison.findings:
            for span, side in ((finding.old, step.old), (finding.new, step.new)):
                if span is not None:
                    text = result.chain[side].text
                    assert text[span.start : span.end] == span.text
    for lineage in result.lineages:
        versions = [e.version for e in lineage.events]
        assert versions == sorted(versions)

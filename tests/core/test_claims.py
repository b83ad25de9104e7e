"""Claim suggestions: the sample corpus acceptance, our own port-strike articles, quotations."""
from __future__ import annotations

import json

import pytest

from rednote_desk.core.claims import Mention, SuggestedClaim, suggest_claims
from rednote_desk.core.models import Document

PORT_A = """Dockworkers walk out at East Coast ports 🚢
Some 45,000 dockworkers walked off the job at 36 ports from Maine to Texas on Tuesday, the first coast-wide strike since 1977. The International Longshoremen's Association wants a 77 percent raise over six years.
Economists at JPMorgan estimated the stoppage would cost the economy about $5 billion a day. Dozens of container ships were anchored outside the ports by Wednesday.
"We are prepared to fight for as long as necessary," said Harold Daggett, the union's president.
According to the United States Maritime Alliance, the employers offered a raise of up to 50 percent.
Call the hotline at +1 555-123-4567 or go to Gate 3 for information.
"""
PORT_B = """𝓟𝓸𝓻𝓽 strike: what we know
More than 50,000 port workers went on strike on October 1, 2024, shutting terminals on the East and Gulf coasts. Analysts put the cost at up to $4.5 billion per day.
The union is demanding a 77% wage increase. Employers said their offer of a 50% raise was generous.
Harold Daggett, who leads the ILA, told reporters: "We will not back down until we get a fair contract."
About 30 container ships were waiting offshore, according to Harold Daggett.
Section 230 is unrelated. The talks resume on Jan. 13 at 10:30 am.
"""
PORT_C = """Hafenstreik in den USA
Rund 45.000 Hafenarbeiter sind in den Streik getreten. Der Schaden für die Wirtschaft wird auf etwa 5 Mrd. Dollar pro Tag geschätzt.
"We are prepared to fight for as long as necessary," Daggett said on Tuesday.
"""
# A document about something else, with amounts of the same sizes: nothing should join it.
UNRELATED = """The city library lent 45,000 books last year and spent $5 billion? No: $5 million on repairs.
Some 300 million visitors saw the exhibition online, about 63,000 posts were written about it.
"""


def _docs(*texts: str) -> list[Document]:
    return [Document(id=10 + i, title=f"d{i}", text=t) for i, t in enumerate(texts)]


def _by_docs(claims, *doc_ids):
    return [c for c in claims if set(doc_ids) <= set(c.document_ids)]


@pytest.fixture(scope="module")
def sample_claims():
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "resources" / "samples"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    docs = [Document(id=i, title=d["file"], text=(folder / d["file"]).read_text(encoding="utf-8"))
            for i, d in enumerate(manifest["documents"])]
    return docs, suggest_claims(docs)


def _find(claims, predicate):
    hits = [c for c in claims if predicate(c)]
    assert hits, [c.label for c in claims]
    return hits[0]


def test_sample_americans_joined_is_flagged(sample_claims):
    docs, claims = sample_claims
    claim = _find(claims, lambda c: {0, 1, 2} <= set(c.document_ids)
                  and any(m.values and m.values[0].value == 500_000 for m in c.mentions))
    assert claim.disagreement
    values = {m.document_id: m.values[0] for m in claim.mentions}
    assert values[0].value == 500_000 and values[0].qualifier == "about"
    assert values[1].value == 700_000 and values[1].unit == "customers"
    assert values[2].value == 700_000 and values[2].qualifier == "over"
    assert "users" in claim.reason


def test_sample_refugee_posts_are_flagged(sample_claims):
    _docs_, claims = sample_claims
    claim = _find(claims, lambda c: set(c.document_ids) == {3, 4})
    assert claim.disagreement
    assert sorted(m.values[0].value for m in claim.mentions) == [63_000, 109_000]
    assert "posts" in claim.label


def test_sample_monthly_users_are_consistent(sample_claims):
    _docs_, claims = sample_claims
    claim = _find(claims, lambda c: set(c.document_ids) == {0, 1, 2, 3, 4})
    assert not claim.disagreement
    assert all(m.values[0].value == 300_000_000 for m in claim.mentions)
    assert "monthly" in claim.label and "month" in claim.key


def test_sample_us_tiktok_users(sample_claims):
    _docs_, claims = sample_claims
    claim = _find(claims, lambda c: set(c.document_ids) == {1, 3})
    assert all(m.values[0].value == 170_000_000 for m in claim.mentions)
    assert not claim.disagreement


def test_sample_mentions_point_at_their_text(sample_claims):
    docs, claims = sample_claims
    for claim in claims:
        assert len({m.document_id for m in claim.mentions}) == len(claim.mentions) >= 2
        for m in claim.mentions:
            text = docs[m.document_id].text
            assert text[m.start:m.end] == m.quote
            for q in m.values:
                assert m.start <= q.start < q.end <= m.end
                assert text[q.start:q.end] == q.text


def test_sample_no_year_or_date_claims(sample_claims):
    _docs_, claims = sample_claims
    for claim in claims:
        for m in claim.mentions:
            assert all(q.value not in (19, 2013, 2024, 2025) for q in m.values)


def test_port_strike_groups_counts_money_and_percent():
    claims = suggest_claims(_docs(PORT_A, PORT_B, PORT_C))
    workers = _find(claims, lambda c: c.kind == "number" and "workers" in c.key)
    assert set(workers.document_ids) == {10, 11, 12}
    assert {m.values[0].value for m in workers.mentions} == {45_000, 50_000}
    money = _find(claims, lambda c: c.key.startswith("money:USD:day"))
    assert set(money.document_ids) == {10, 11, 12}
    assert not money.disagreement  # "about $5 billion", "up to $4.5 billion", "etwa 5 Mrd."
    raise77 = _find(claims, lambda c: c.kind == "number" and any(
        m.values[0].value == 77 for m in c.mentions))
    assert set(raise77.document_ids) == {10, 11}
    assert all(c.key.count(":") >= 2 for c in claims if c.kind == "number")


def test_port_strike_quotation_by_speaker():
    claims = suggest_claims(_docs(PORT_A, PORT_B, PORT_C))
    quote = _find(claims, lambda c: c.kind == "quotation")
    assert quote.key == "quote:daggett-harold"
    assert quote.label == "quote: Harold Daggett"
    assert set(quote.document_ids) == {10, 11, 12}
    by_doc = {m.document_id: m.quote for m in quote.mentions}
    assert "back down" in by_doc[11]  # the direct quotation, not the "according to" line
    assert "Daggett said" in by_doc[12]
    assert "same speaker" in quote.reason


def test_quotation_forms():
    a = 'The mayor spoke. "Nobody expected this turnout at all," said Jane Doe, the mayor.'
    b = 'Jane Doe said: "Nobody expected a turnout like this one."'
    c = 'Ms. Doe was cheerful. "Nobody expected this turnout," she said on Monday.'
    d = "Turnout was high, according to Jane Doe."
    claims = suggest_claims(_docs(a, b, c, d))
    quote = _find(claims, lambda c: c.kind == "quotation")
    assert set(quote.document_ids) == {10, 11, 12, 13}
    assert quote.score > 0.6


def test_unrelated_document_does_not_join():
    claims = suggest_claims(_docs(PORT_A, PORT_B, UNRELATED))
    for claim in claims:
        assert 12 not in claim.document_ids, claim


def test_keys_do_not_depend_on_order():
    forward = suggest_claims(_docs(PORT_A, PORT_B, PORT_C))
    docs = _docs(PORT_A, PORT_B, PORT_C)
    backward = suggest_claims(list(reversed(docs)))
    assert sorted(c.key for c in forward) == sorted(c.key for c in backward)
    assert len({c.key for c in forward}) == len(forward)


def test_min_documents_and_empty_input():
    assert suggest_claims([]) == []
    assert suggest_claims(_docs(PORT_A)) == []
    three = suggest_claims(_docs(PORT_A, PORT_B, PORT_C), min_documents=3)
    assert three and all(len(c.mentions) >= 3 for c in three)


def test_claim_objects_are_plain_frozen_data():
    claims = suggest_claims(_docs(PORT_A, PORT_B))
    c = next(c for c in claims if c.kind == "number")
    assert isinstance(c, SuggestedClaim) and isinstance(c.mentions[0], Mention)
    with pytest.raises(AttributeError):
        c.key = "x"  # type: ignore[misc]
    assert c.values_side_by_side().count("|") == len(c.mentions) - 1


def test_shared_keys_get_a_suffix_by_content_not_order():
    from rednote_desk.core.claims import _unique_keys

    def claim(doc: int) -> SuggestedClaim:
        mention = Mention(document_id=doc, start=0, end=1, quote="x")
        return SuggestedClaim(key="count:users:1e5", label=str(doc), kind="number",
                              mentions=(mention,), reason="", score=1.0, disagreement=False)

    first = [c.key for c in _unique_keys([claim(2), claim(1)])]
    second = [c.key for c in _unique_keys([claim(1), claim(2)])]
    assert first == ["count:users:1e5#2", "count:users:1e5"]
    assert second == ["count:users:1e5", "count:users:1e5#2"]

"""Claims travel in REFI-QDA as codes under a "Claims" parent code (a Set cannot hold text selections): each
claim is a child code coding its passages; importing reads them back as claims, not as codes of the codebook."""
from __future__ import annotations

import hashlib
import zipfile

from refi_rules import check_project

from rednote_desk.core import refi
from rednote_desk.services.refi import export_qdpx, import_qdpx
from rednote_desk.store.project import Project

TEXTS = ("🚢 The ministry said 700,000 people left the city. Later more left.",
         "Officials put the number at 𝓞𝓹𝓮𝓻𝓪 half a million. Others disagreed.")


def _source(tmp_path) -> Project:
    p = Project.open(tmp_path / "source.sqlite")
    tag = p.add_tag("Statistic", color="#1f77b4").value.id
    ids = []
    for i, text in enumerate(TEXTS):
        doc = p.add_document(title=f"Doc {i}", text=text, text_sha256=hashlib.sha256(text.encode()).hexdigest())
        start = text.index("700,000") if i == 0 else text.index("half")
        ids.append(p.add_annotation(document_id=doc.value.id, start=start, end=start + 12, tag_ids=[tag],
                                    coder=("ann", "bob")[i]).value.id)
    p.add_annotation(document_id=1, start=0, end=5, tag_ids=[tag], coder="ann")  # no claim
    claim = p.link_claim(ids, label="How many left").value
    p.update_claim(claim.id, note="Counts differ by outlet")
    return p


def test_claims_round_trip_through_qdpx(tmp_path):
    source = _source(tmp_path)
    out = tmp_path / "p.qdpx"
    export_qdpx(source, out)
    with zipfile.ZipFile(out) as z:
        xml = z.read("project.qde")
        assert check_project(xml, set(z.namelist())) == []  # still the standard's rules
    codes = refi.read_qdpx(out.read_bytes()).codes
    parent = next(c for c in codes if refi.is_claims_parent(c))
    assert parent.name == "Claims" and [c.name for c in parent.children] == ["How many left"]
    # the parent is only a folder: QualCoder imports a Code with isCodable="false" as a category
    assert b'name="Claims" isCodable="false"' in xml
    assert parent.children[0].description == "Counts differ by outlet"

    target = Project.open(tmp_path / "target.sqlite")
    summary = import_qdpx(target, out)
    assert summary.claims == 1 and summary.annotations == 3
    assert [t.name for t in target.tags()] == ["Statistic"]  # the claims did not become codes
    (claim,) = target.claims()
    assert (claim.label, claim.note) == ("How many left", "Counts differ by outlet")

    def linked(project):
        return sorted((a.quote, a.coder) for a in project.annotations() if a.claim_id is not None)

    assert linked(target) == linked(source) and len(linked(target)) == 2
    assert all(a.claim_id == claim.id for a in target.annotations() if a.claim_id is not None)
    target.undo()  # claims are part of the import's one undo step
    assert target.claims() == [] and target.annotations() == []


def test_a_project_without_claims_has_no_claims_code(tmp_path):
    p = Project.open(tmp_path / "plain.sqlite")
    text = TEXTS[0]
    doc = p.add_document(title="D", text=text, text_sha256=hashlib.sha256(text.encode()).hexdigest()).value.id
    p.add_annotation(document_id=doc, start=0, end=5, coder="ann")
    out = tmp_path / "plain.qdpx"
    export_qdpx(p, out)
    assert not any(refi.is_claims_parent(c) for c in refi.read_qdpx(out.read_bytes()).codes)

"""Intercoder agreement of a project, shared by the CLI and the GUI: read, compute, write CSV and JSON.

No Qt, no SQL: the project is read through the store's queries, the figures come from
:mod:`rednote_desk.core.agreement`.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from rednote_desk.core.agreement import (
    AgreementReport,
    CodedSpan,
    Figure,
    compute_agreement,
)
from rednote_desk.core.errors import UserError
from rednote_desk.core.export import write_csv
from rednote_desk.services import output
from rednote_desk.store.project import Project

TABLE_COLUMNS = ("code", "units", "coded_units", "percent_agreement", "krippendorff_alpha", "cohen_kappa",
                 "fleiss_kappa", "alpha_u", "notes")
DISAGREEMENT_COLUMNS = ("document_id", "document_title", "code", "start_offset", "end_offset", "coded_by",
                        "not_coded_by", "annotation_ids", "text")


def project_coders(project: Project) -> list[str]:
    """Every coder with an anchored annotation, sorted."""
    return sorted({a.coder for a in project.annotations() if a.status == "anchored"})


def read_agreement(
    project: Project,
    *,
    coders: Sequence[str] | None = None,
    code_paths: Sequence[str] | None = None,
    document_ids: Sequence[int] | None = None,
    unit: str = "sentence",
) -> AgreementReport:
    """Agreement of ``coders`` (default: all) on ``code_paths`` (default: every code they used) over
    ``document_ids`` (default: all); only documents every coder annotated are compared."""
    if unit not in ("sentence", "character"):
        raise UserError("the unit must be sentence or character")
    if document_ids:
        documents = {d.id: d.text for d in (project.document(i) for i in dict.fromkeys(document_ids))}
    else:
        documents = {d.id: d.text for d in project.documents()}
    annotations = [a for a in project.annotations() if a.status == "anchored" and a.document_id in documents]
    known = sorted({a.coder for a in annotations})
    if coders:
        coders = list(dict.fromkeys(coders))
        missing = [c for c in coders if c not in known]
        if missing:
            shown = ", ".join(repr(c) for c in known) or "none"
            raise UserError(f"no annotations by {', '.join(repr(c) for c in missing)} in these documents "
                            f"(coders: {shown})")
    else:
        coders = known
    paths = project.tag_paths()
    if code_paths:
        codes: dict[int, str] = {}
        for path in code_paths:
            found = project.find_tags(path)
            if not found:
                raise UserError(f"no code “{path}” in the codebook (list them with: rednote-desk tags)")
            if len(found) > 1:
                raise UserError(f"“{path}” names several codes: give the whole path, e.g. "
                                f"{' or '.join(paths[t.id] for t in found)}")
            codes[found[0].id] = paths[found[0].id]
    else:
        wanted = set(coders)
        used = {t for a in annotations if a.coder in wanted for t in a.tag_ids}
        codes = {t.id: paths[t.id] for t in project.tags() if t.id in used}
    spans = [CodedSpan(a.document_id, a.start_offset, a.end_offset, a.coder, t, a.id)
             for a in annotations for t in a.tag_ids]
    return compute_agreement(documents, spans, codes=codes, coders=coders, unit=unit)


def _figure_cell(fig: Figure) -> float | None:
    """A number, not text: a negative figure must not be taken for a formula and prefixed with ``'``."""
    return None if fig.value is None else round(fig.value, 6)


def table_rows(report: AgreementReport) -> list[dict]:
    rows = []
    for row in report.rows:
        figures = {"percent_agreement": row.percent, "krippendorff_alpha": row.alpha,
                   "cohen_kappa": row.cohen_kappa, "fleiss_kappa": row.fleiss_kappa, "alpha_u": row.alpha_u}
        notes = sorted({f"{name}: {fig.reason}" for name, fig in figures.items() if fig.value is None})
        rows.append({"code": row.code, "units": row.units, "coded_units": row.coded_units,
                     **{name: _figure_cell(fig) for name, fig in figures.items()}, "notes": "; ".join(notes)})
    return rows


def disagreement_rows(project: Project, report: AgreementReport) -> list[dict]:
    titles = {d: project.document(d).title for d in {x.document_id for x in report.disagreements}}
    texts: dict[int, str] = {}
    rows = []
    for d in report.disagreements:
        if d.document_id not in texts:
            texts[d.document_id] = project.document(d.document_id).text
        rows.append({"document_id": d.document_id, "document_title": titles[d.document_id], "code": d.code,
                     "start_offset": d.start, "end_offset": d.end, "coded_by": "; ".join(d.coded_by),
                     "not_coded_by": "; ".join(d.not_coded_by),
                     "annotation_ids": " ".join(str(i) for i in d.annotation_ids),
                     "text": texts[d.document_id][d.start:d.end]})
    return rows


def write_table_csv(report: AgreementReport, destination: str | Path | TextIO, *, raw: bool = False,
                    excel: bool = False, protect: Sequence[str | Path | None] = ()) -> int:
    rows = table_rows(report)
    return output.write_text(destination, lambda fh: write_csv(rows, fh, raw=raw, excel=excel, columns=TABLE_COLUMNS),
                             newline="", protect=protect)


def write_disagreements_csv(project: Project, report: AgreementReport, destination: str | Path | TextIO, *,
                            raw: bool = False, excel: bool = False) -> int:
    rows = disagreement_rows(project, report)
    return output.write_text(
        destination, lambda fh: write_csv(rows, fh, raw=raw, excel=excel, columns=DISAGREEMENT_COLUMNS),
        newline="", protect=[project.path])


def report_json(project: Project, report: AgreementReport) -> dict:
    return {
        "format": "rednote-desk/agreement", "version": 1, "unit": report.unit,
        "coders": list(report.coders), "documents": list(report.document_ids),
        "skipped_documents": list(report.skipped_document_ids),
        "codes": [{"code_id": r.code_id, "code": r.code, "units": r.units, "coded_units": r.coded_units,
                   "percent_agreement": r.percent.as_json(), "krippendorff_alpha": r.alpha.as_json(),
                   "cohen_kappa": r.cohen_kappa.as_json(), "fleiss_kappa": r.fleiss_kappa.as_json(),
                   "alpha_u": r.alpha_u.as_json()} for r in report.rows],
        "disagreements": disagreement_rows(project, report),
    }


def dump_json(project: Project, report: AgreementReport, out: TextIO) -> None:
    json.dump(report_json(project, report), out, ensure_ascii=False, indent=2)
    out.write("\n")

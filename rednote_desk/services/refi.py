"""REFI-QDA export and import for the CLI and the GUI: a project as ``.qdpx``, the codebook as ``.qdc``.

The XML is made and read by :mod:`rednote_desk.core.refi`; files are written through
:mod:`rednote_desk.services.output`; the project is changed only through store operations, as one undo step.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rednote_desk.core import refi
from rednote_desk.core.errors import UserError
from rednote_desk.core.ingest import text_sha256
from rednote_desk.core.rules import check_published
from rednote_desk.services import output
from rednote_desk.store import bulk
from rednote_desk.store.project import Project
from rednote_desk.store.undo import Changes

MAX_IMPORT_BYTES = 200 * 1024 * 1024


def _value(result):
    """What a store operation made (``Result.value``), whatever its return style."""
    return result.value if hasattr(result, "value") and hasattr(result, "changes") else result


def _codes(project: Project) -> list[refi.RefiCode]:
    tags = project.tags()
    paths = project.tag_paths()
    nodes = {t.id: refi.RefiCode(refi.stable_guid("code", paths[t.id]), t.name, t.color, t.description)
             for t in tags}
    roots: list[refi.RefiCode] = []
    for t in tags:  # tree order: a parent's node exists before its children are attached
        (nodes[t.parent_id].children if t.parent_id in nodes else roots).append(nodes[t.id])
    return roots


def build_refi_project(project: Project) -> refi.RefiProject:
    """The whole project as REFI-QDA data (orphaned annotations are left out: they have no place in the text)."""
    paths = project.tag_paths()
    code_guid = {tag_id: refi.stable_guid("code", path) for tag_id, path in paths.items()}
    annotations = [a for a in project.annotations() if a.status == "anchored"]
    coders = sorted({a.coder for a in annotations} | {project.coder_name()})
    users = [refi.RefiUser(refi.stable_guid("user", c), c or "(no name)") for c in coders]
    user_guid = {c: u.guid for c, u in zip(coders, users, strict=True)}
    variables = [(refi.stable_guid("variable", name), name, kind) for _f, name, kind in refi.METADATA_VARIABLES]
    by_doc: dict[int, list] = {}
    for a in annotations:
        by_doc.setdefault(a.document_id, []).append(a)
    claim_codes = _claim_codes(project, annotations)
    sources = []
    for doc in project.documents():
        guid = refi.stable_guid("source", doc.text_sha256)
        source = refi.RefiSource(guid, doc.title, doc.text, doc.imported_at, doc.note,
                                 {name: getattr(doc, f) for f, name, _k in refi.METADATA_VARIABLES if getattr(doc, f)})
        for a in by_doc.get(doc.id, []):
            source.selections.append(refi.RefiSelection(
                refi.stable_guid("selection", doc.text_sha256, a.id, a.start_offset, a.end_offset),
                a.start_offset, a.end_offset, user_guid[a.coder], a.created_at,
                a.updated_at if a.updated_at != a.created_at else None,
                [code_guid[t] for t in a.tag_ids if t in code_guid]
                + ([claim_codes[a.claim_id].guid] if a.claim_id in claim_codes else []), a.note))
        sources.append(source)
    name = project.path.name.removesuffix(".sqlite").removesuffix(".rednote") if project.path else "RedNote Desk"
    created = min((d.imported_at for d in project.documents() if d.imported_at), default=None)
    codes = _codes(project)
    if claim_codes:
        taken = {c.name for c in codes}
        parent_name = refi.CLAIMS_NAME if refi.CLAIMS_NAME not in taken else f"{refi.CLAIMS_NAME} (RedNote Desk)"
        codes.append(refi.RefiCode(refi.CLAIMS_GUID, parent_name, "#d62728", refi.CLAIMS_DESCRIPTION,
                                   list(claim_codes.values()), codable=False))
    return refi.RefiProject(name=name, users=users, codes=codes, sources=sources, variables=variables,
                            creating_user=user_guid[project.coder_name()], created=created)


def _claim_codes(project: Project, annotations) -> dict[int, refi.RefiCode]:
    """Claim id -> its code under the Claims parent, for the claims that have an exported passage."""
    used = {a.claim_id for a in annotations if a.claim_id is not None}
    return {c.id: refi.RefiCode(refi.stable_guid("claim", c.label), c.label.replace("/", "-"), None, c.note or "")
            for c in project.claims() if c.id in used}


def export_qdpx(project: Project, destination: str | Path) -> refi.RefiProject:
    data = build_refi_project(project)

    def make(path: str) -> None:
        with open(path, "wb") as fh:
            refi.write_qdpx(data, fh)

    output.write_file(destination, make, protect=[project.path])
    return data


def export_qdc(project: Project, destination: str | Path) -> int:
    codes = _codes(project)
    xml = refi.codebook_xml(codes)

    def make(path: str) -> None:
        with open(path, "wb") as fh:
            fh.write(xml)

    output.write_file(destination, make, protect=[project.path])
    return len(refi.flatten_codes(codes))


@dataclass
class RefiImportSummary:
    documents: int = 0
    codes_added: int = 0
    codes_existing: int = 0
    annotations: int = 0
    claims: int = 0
    warnings: list[str] = field(default_factory=list)
    changes: Changes | None = None  # what the import changed (for the views)

    def lines(self) -> list[str]:
        head = (f"documents: {self.documents}, codes: {self.codes_added} added ({self.codes_existing} already "
                f"there), annotations: {self.annotations}, claims: {self.claims}")
        return [head] + [f"note: {w}" for w in self.warnings]


def _read(path: str | Path) -> bytes:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise UserError(f"{path} is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB; not imported")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise UserError(f"{path} does not exist") from exc
    except IsADirectoryError as exc:
        raise UserError(f"{path} is a folder, not a .qdpx or .qdc file") from exc
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _add_codes(project: Project, codes: list[refi.RefiCode], summary: RefiImportSummary) -> dict[str, int]:
    """Add the codes missing here (matched by path); returns code GUID -> tag id."""
    by_path = {path: tag_id for tag_id, path in project.tag_paths().items()}
    guid_to_tag: dict[str, int] = {}
    for code, names in refi.flatten_codes(codes):
        path = "/".join(names)
        if path in by_path:
            summary.codes_existing += 1
        else:
            parent = by_path.get("/".join(names[:-1])) if len(names) > 1 else None
            tag = _value(project.add_tag(code.name, parent_id=parent, color=code.color,
                                         description=code.description or ""))
            by_path[path] = tag.id
            summary.codes_added += 1
        guid_to_tag[code.guid] = by_path[path]
    return guid_to_tag


def _add_claims(project: Project, codes: list[refi.RefiCode], summary: RefiImportSummary) -> dict[str, int]:
    """The claim codes (children of the Claims parent) as claims; returns code GUID -> claim id."""
    labels = list(dict.fromkeys(c.name for c in codes if c.name))
    notes = {c.name: c.description for c in reversed(codes)}
    ids = _value(bulk.add_claims(project, [(label, notes.get(label, "")) for label in labels]))
    by_label = dict(zip(labels, ids, strict=True))
    summary.claims = len(ids)
    return {c.guid: by_label[c.name] for c in codes if c.name in by_label}


def _claim_of(sel: refi.RefiSelection, guid_to_claim: dict[str, int], source: str,
              summary: RefiImportSummary) -> int | None:
    claims = list(dict.fromkeys(guid_to_claim[g] for g in sel.code_guids if g in guid_to_claim))
    if len(claims) > 1:
        summary.warnings.append(f"a passage in “{source}” is coded with {len(claims)} claims; it keeps the first "
                                "(an annotation belongs to one claim)")
    return claims[0] if claims else None


def import_codebook(project: Project, path: str | Path) -> RefiImportSummary:
    """Add a ``.qdc`` codebook's codes to any project (existing paths are kept): one undo step."""
    codes, warnings = refi.read_codebook(_read(path))
    summary = RefiImportSummary(warnings=list(warnings))
    with project.operation_group(f"Import codebook {Path(path).name}") as group:
        _add_codes(project, codes, summary)
    summary.changes = group.changes
    return summary


def _never() -> bool:
    return False


def import_qdpx(project: Project, path: str | Path, *, report=None, is_cancelled=None) -> RefiImportSummary:
    """Import a ``.qdpx`` project into an empty project (no documents yet): one undo step.

    ``report(done, total, text)`` hears the progress (sources stored); when ``is_cancelled()`` turns true the
    import stops and nothing is stored (the group is rolled back)."""
    is_cancelled = is_cancelled or _never
    if project.documents():
        raise UserError("a .qdpx project can only be imported into an empty project (no documents yet): create "
                        "one (File → New project, or --db NEW.sqlite) and import it there")
    data = refi.read_qdpx(_read(path))
    summary = RefiImportSummary(warnings=list(data.warnings))
    users = {u.guid: u.name for u in data.users}
    total = len(data.sources)
    claim_parents = [c for c in data.codes if refi.is_claims_parent(c)]
    codes = [c for c in data.codes if not refi.is_claims_parent(c)]
    with project.operation_group(f"Import {Path(path).name}") as group:
        guid_to_tag = _add_codes(project, codes, summary)
        guid_to_claim = _add_claims(project, [c for parent in claim_parents for c in parent.children], summary)
        for done, source in enumerate(data.sources):
            if is_cancelled():
                raise UserError("import cancelled; nothing was imported")
            if report is not None:
                report(done, total, f"Storing “{source.name[:60]}” ({done + 1} of {total})")
            if not source.text.strip():
                summary.warnings.append(f"source “{source.name}” has no text; skipped")
                continue
            meta = {f: source.variables.get(name) or None for f, name, _k in refi.METADATA_VARIABLES}
            try:
                meta["published"] = check_published(meta["published"])
            except UserError as exc:
                summary.warnings.append(f"source “{source.name}”: {exc}; the date was left empty")
                meta["published"] = None
            document = _value(project.add_document(
                title=source.name or "Untitled", text=source.text, text_sha256=text_sha256(source.text),
                source_name=Path(path).name, source_format="qdpx", note=source.description or "", **meta))
            summary.documents += 1
            rows = [bulk.NewAnnotation(sel.start, sel.end,
                                       list(dict.fromkeys(guid_to_tag[g] for g in sel.code_guids if g in guid_to_tag)),
                                       sel.note or "", users.get(sel.user_guid or "", ""),
                                       _claim_of(sel, guid_to_claim, source.name, summary),
                                       created_at=sel.created, updated_at=sel.modified)
                    for sel in source.selections if sel.end > sel.start]
            added = _value(bulk.add_annotations(project, document.id, rows, label="Add annotations",
                                                is_cancelled=is_cancelled))
            summary.annotations += added.added
            summary.warnings.extend(f"a selection in “{source.name}”: {why}; skipped" for why in added.skipped)
        if is_cancelled():
            raise UserError("import cancelled; nothing was imported")
        if report is not None:
            report(total, total, "Saving…")
    summary.changes = group.changes
    return summary


def import_refi_file(project: Project, path: str | Path, *, report=None, is_cancelled=None) -> RefiImportSummary:
    suffix = Path(path).suffix.lower()
    if suffix == ".qdpx":
        return import_qdpx(project, path, report=report, is_cancelled=is_cancelled)
    if suffix == ".qdc":
        return import_codebook(project, path)
    raise UserError(f"{path}: a REFI-QDA file ends in .qdpx (project) or .qdc (codebook)")

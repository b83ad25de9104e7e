"""REFI-QDA exchange (the open standard QualCoder, MAXQDA, ATLAS.ti and NVivo read): the project (``.qdpx``: a zip
with ``project.qde`` and ``sources/``) and the codebook (``.qdc``), written and read as plain data.

What goes where (REFI-QDA Project 1.0, namespace ``urn:QDA-XML:project:1.0``; Codebook 1.0,
``urn:QDA-XML:codebook:1.0``):

* coders -> ``Users/User`` (``creatingUser`` of each selection and coding);
* the codebook -> ``CodeBook/Codes/Code`` nested as the tag tree, with ``color`` (#RRGGBB) and ``Description``;
* document metadata -> ``Variables/Variable`` (Outlet, Author, URL as Text; Published as Date) and a
  ``VariableValue`` on each source; the document note -> the source's ``Description``;
* documents -> ``Sources/TextSource`` with ``plainTextPath="internal://GUID.txt"`` (UTF-8 in ``sources/``);
* annotations -> ``PlainTextSelection`` (start and end in Unicode code points, end exclusive) with one ``Coding``
  per code; the annotation note is its ``Description`` and also a ``Notes/Note`` referenced by ``NoteRef``.

Elements are written in the order the schema's sequences require. GUIDs are UUIDs derived from stable content
(text hash, tag path, coder name), so exporting the same project twice gives the same GUIDs.

No Qt, no SQL: plain dataclasses in, bytes out, and back.
"""
from __future__ import annotations

import io
import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field

from rednote_desk.core.errors import UserError

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ORIGIN = "RedNote Desk"
GUID_RE = re.compile(r"^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$")
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
_GUID_SPACE = uuid.UUID("6f1d2c3a-5b7e-4c21-9a43-2f1e0d9c8b7a")
MAX_ARCHIVE_BYTES = 500 * 1024 * 1024  # uncompressed; a larger "project" is refused (zip bombs)

# our document metadata as REFI variables: (field, variable name, typeOfVariable)
METADATA_VARIABLES = (("outlet", "Outlet", "Text"), ("author", "Author", "Text"), ("published", "Published", "Date"),
                      ("url", "URL", "Text"))


# Claims (the same statement across outlets) have no element of their own in REFI-QDA 1.0: a Set holds only codes,
# sources and notes, never text selections. They travel as codes under one parent code, each claim a child code
# (its note the Description) coding the claim's passages, which QualCoder, MAXQDA and the others read as ordinary
# codes. The parent is recognised on import by its GUID, or by its name with this description.
CLAIMS_GUID = "2f6c3d0e-6a9b-5c1e-8d47-0b3a9e1c7d55"
CLAIMS_NAME = "Claims"
CLAIMS_DESCRIPTION = ("RedNote Desk claims: each code below is one claim (the same statement across outlets) and "
                      "codes its passages.")


def is_claims_parent(code: RefiCode) -> bool:
    return code.guid.strip("{}").lower() == CLAIMS_GUID or (
        code.name.startswith(CLAIMS_NAME) and code.description.startswith(CLAIMS_DESCRIPTION[:18]))


def stable_guid(*parts: object) -> str:
    """A UUID derived from content, so the same thing exported twice keeps its GUID."""
    return str(uuid.uuid5(_GUID_SPACE, "\x1f".join(str(p) for p in parts)))


@dataclass
class RefiCode:
    guid: str
    name: str
    color: str | None = None
    description: str = ""
    children: list[RefiCode] = field(default_factory=list)
    codable: bool = True  # False: only a folder for its children (QualCoder makes it a category)


@dataclass
class RefiUser:
    guid: str
    name: str


@dataclass
class RefiSelection:
    guid: str
    start: int  # code points
    end: int
    user_guid: str | None = None
    created: str | None = None  # xs:dateTime
    modified: str | None = None
    code_guids: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class RefiSource:
    guid: str
    name: str
    text: str
    created: str | None = None
    description: str = ""
    variables: dict[str, str] = field(default_factory=dict)  # variable name -> value
    selections: list[RefiSelection] = field(default_factory=list)


@dataclass
class RefiProject:
    name: str
    users: list[RefiUser] = field(default_factory=list)
    codes: list[RefiCode] = field(default_factory=list)
    sources: list[RefiSource] = field(default_factory=list)
    variables: list[tuple[str, str, str]] = field(default_factory=list)  # guid, name, typeOfVariable
    creating_user: str | None = None
    created: str | None = None
    origin: str = ORIGIN
    warnings: list[str] = field(default_factory=list)  # filled when reading


# -- writing -------------------------------------------------------------------------------------------------
def _sub(parent: ET.Element, tag: str, ns: str, **attrs: str | None) -> ET.Element:
    return ET.SubElement(parent, f"{{{ns}}}{tag}", {k: v for k, v in attrs.items() if v is not None})


def _text_el(parent: ET.Element, tag: str, ns: str, text: str) -> ET.Element:
    el = _sub(parent, tag, ns)
    el.text = text
    return el


def _code_el(parent: ET.Element, code: RefiCode, ns: str) -> None:
    el = _sub(parent, "Code", ns, guid=code.guid, name=code.name, isCodable="true" if code.codable else "false",
              color=code.color.upper() if code.color else None)
    if code.description:
        _text_el(el, "Description", ns, code.description)
    for child in code.children:
        _code_el(el, child, ns)


def _xml_bytes(root: ET.Element) -> bytes:
    ET.register_namespace("", root.tag[1:].split("}")[0])
    ET.register_namespace("xsi", XSI)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def codebook_xml(codes: list[RefiCode], *, origin: str = ORIGIN) -> bytes:
    """A ``.qdc`` codebook."""
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", {"origin": origin})
    container = _sub(root, "Codes", CODEBOOK_NS)
    for code in codes:
        _code_el(container, code, CODEBOOK_NS)
    return _xml_bytes(root)


def project_xml(project: RefiProject) -> bytes:
    """``project.qde``: Users, CodeBook, Variables, Sources, Notes, in the schema's order."""
    ns = PROJECT_NS
    root = ET.Element(f"{{{ns}}}Project", {k: v for k, v in {
        "name": project.name, "origin": project.origin, "creatingUserGUID": project.creating_user,
        "creationDateTime": project.created}.items() if v is not None})
    if project.users:
        users = _sub(root, "Users", ns)
        for user in project.users:
            _sub(users, "User", ns, guid=user.guid, name=user.name)
    codebook = _sub(root, "CodeBook", ns)
    codes = _sub(codebook, "Codes", ns)
    for code in project.codes:
        _code_el(codes, code, ns)
    if project.variables:
        variables = _sub(root, "Variables", ns)
        for guid, name, kind in project.variables:
            _sub(variables, "Variable", ns, guid=guid, name=name, typeOfVariable=kind)
    variable_guids = {name: (guid, kind) for guid, name, kind in project.variables}
    notes: list[tuple[str, str, RefiSelection]] = []
    if project.sources:
        sources = _sub(root, "Sources", ns)
        for source in project.sources:
            el = _sub(sources, "TextSource", ns, guid=source.guid, name=source.name,
                      plainTextPath=f"internal://{source.guid}.txt", creationDateTime=source.created)
            if source.description:
                _text_el(el, "Description", ns, source.description)
            for sel in source.selections:
                s = _sub(el, "PlainTextSelection", ns, guid=sel.guid, name=source.text[sel.start:sel.end][:200],
                         startPosition=str(sel.start), endPosition=str(sel.end), creatingUser=sel.user_guid,
                         creationDateTime=sel.created, modifyingUser=sel.user_guid if sel.modified else None,
                         modifiedDateTime=sel.modified)
                if sel.note:
                    _text_el(s, "Description", ns, sel.note)
                for code_guid in sel.code_guids:
                    coding = _sub(s, "Coding", ns, guid=stable_guid("coding", sel.guid, code_guid),
                                  creatingUser=sel.user_guid, creationDateTime=sel.created)
                    _sub(coding, "CodeRef", ns, targetGUID=code_guid)
                if sel.note:
                    note_guid = stable_guid("note", sel.guid)
                    _sub(s, "NoteRef", ns, targetGUID=note_guid)
                    notes.append((note_guid, source.name, sel))
            for name, value in source.variables.items():
                if name not in variable_guids or value in (None, ""):
                    continue
                guid, kind = variable_guids[name]
                vv = _sub(el, "VariableValue", ns)
                _sub(vv, "VariableRef", ns, targetGUID=guid)
                _text_el(vv, "DateValue" if kind == "Date" else "TextValue", ns, str(value))
    if notes:
        notes_el = _sub(root, "Notes", ns)
        for note_guid, source_name, sel in notes:
            note = _sub(notes_el, "Note", ns, guid=note_guid, name=f"Note on {source_name}"[:200],
                        creatingUser=sel.user_guid, creationDateTime=sel.created)
            _text_el(note, "PlainTextContent", ns, sel.note)
    return _xml_bytes(root)


def write_qdpx(project: RefiProject, out) -> None:
    """Write a ``.qdpx`` zip to a binary file object: ``project.qde`` and ``sources/GUID.txt`` (UTF-8)."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("project.qde", project_xml(project))
        for source in project.sources:
            z.writestr(f"sources/{source.guid}.txt", source.text.encode("utf-8"))


# -- reading -------------------------------------------------------------------------------------------------
def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(el: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in el if _local(c.tag) == name]


def _child(el: ET.Element, name: str) -> ET.Element | None:
    found = _children(el, name)
    return found[0] if found else None


def _child_text(el: ET.Element, name: str) -> str:
    c = _child(el, name)
    return (c.text or "") if c is not None else ""


def _parse(data: bytes, what: str) -> ET.Element:
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
        raise UserError(f"{what} declares a DTD or entities, which a REFI-QDA file never does; not imported")
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise UserError(f"{what} is not well-formed XML ({exc}); nothing was imported") from exc


def _read_codes(container: ET.Element, warnings: list[str]) -> list[RefiCode]:
    out = []
    for el in _children(container, "Code"):
        name = " ".join((el.get("name") or "").replace("/", "-").split())
        if not name:
            warnings.append("a code without a name was skipped")
            continue
        color = el.get("color")
        if color and not COLOR_RE.match(color):
            warnings.append(f"code “{name}”: colour {color!r} is not #RRGGBB; a colour was chosen")
            color = None
        out.append(RefiCode(el.get("guid") or stable_guid("code", name), name, color.lower() if color else None,
                            _child_text(el, "Description"), _read_codes(el, warnings)))
    return out


def read_codebook(data: bytes) -> tuple[list[RefiCode], list[str]]:
    """The codes of a ``.qdc`` codebook (or of a project file's CodeBook), with warnings."""
    root = _parse(data, "the codebook")
    warnings: list[str] = []
    if not root.tag.startswith(("{urn:QDA-XML:codebook:", "{urn:QDA-XML:project:")):
        raise UserError(f"this is not a REFI-QDA codebook (not in the namespace {CODEBOOK_NS})")
    if _local(root.tag) == "CodeBook":
        container = _child(root, "Codes")
    elif _local(root.tag) == "Project":
        book = _child(root, "CodeBook")
        container = _child(book, "Codes") if book is not None else None
    else:
        raise UserError("this is not a REFI-QDA codebook (its root element is not CodeBook)")
    if container is None:
        raise UserError("the codebook has no Codes element")
    return _read_codes(container, warnings), warnings


def _to_int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def normalise_newlines(text: str) -> tuple[str, list[int]]:
    """Text with CRLF and CR turned into LF, and for each old position its new one (len(text) + 1 entries)."""
    if "\r" not in text:
        return text, list(range(len(text) + 1))
    out: list[str] = []
    mapping: list[int] = []
    i, n = 0, len(text)
    while i < n:
        mapping.append(len(out))
        ch = text[i]
        if ch == "\r":
            out.append("\n")
            if i + 1 < n and text[i + 1] == "\n":
                mapping.append(len(out) - 1)  # the LF of a CRLF falls on the same new character
                i += 1
        else:
            out.append(ch)
        i += 1
    mapping.append(len(out))
    return "".join(out), mapping


def read_qdpx(data: bytes) -> RefiProject:
    """A ``.qdpx`` archive as a :class:`RefiProject` (text sources only; other media are reported and skipped)."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UserError("this is not a .qdpx file (not a zip archive); nothing was imported") from exc
    with z:
        infos = z.infolist()
        if sum(i.file_size for i in infos) > MAX_ARCHIVE_BYTES:
            raise UserError("the archive unpacks to more than 500 MB; not imported")
        qde = [i.filename for i in infos if i.filename.lower().endswith(".qde") and "/" not in i.filename.strip("/")]
        if not qde:
            raise UserError("the archive has no project.qde; it is not a REFI-QDA project")
        name = "project.qde" if "project.qde" in qde else qde[0]
        root = _parse(z.read(name), name)
        members = {i.filename.lower(): i.filename for i in infos}

        def member(path: str) -> bytes | None:
            if not path.startswith("internal://"):
                return None
            rel = path[len("internal://"):].lstrip("/")
            real = members.get(f"sources/{rel}".lower())
            return z.read(real) if real else None

        return _read_project(root, member)


def _read_project(root: ET.Element, member) -> RefiProject:
    if _local(root.tag) != "Project" or not root.tag.startswith("{urn:QDA-XML:project:"):
        raise UserError("project.qde is not a REFI-QDA project (its root element is not Project in the "
                        f"namespace {PROJECT_NS})")
    warnings: list[str] = []
    project = RefiProject(name=root.get("name") or "Imported project", origin=root.get("origin") or "",
                          creating_user=root.get("creatingUserGUID"), created=root.get("creationDateTime"),
                          warnings=warnings)
    users = _child(root, "Users")
    for el in _children(users, "User") if users is not None else []:
        project.users.append(RefiUser(el.get("guid") or "", el.get("name") or ""))
    book = _child(root, "CodeBook")
    codes = _child(book, "Codes") if book is not None else None
    if codes is not None:
        project.codes = _read_codes(codes, warnings)
    variables = _child(root, "Variables")
    for el in _children(variables, "Variable") if variables is not None else []:
        project.variables.append((el.get("guid") or "", el.get("name") or "", el.get("typeOfVariable") or "Text"))
    variable_names = {guid: name for guid, name, _kind in project.variables}
    notes_el = _child(root, "Notes")
    notes = {el.get("guid"): _child_text(el, "PlainTextContent") for el in _children(notes_el, "Note")} \
        if notes_el is not None else {}
    sources = _child(root, "Sources")
    for el in list(sources) if sources is not None else []:
        kind = _local(el.tag)
        title = el.get("name") or "Untitled"
        if kind != "TextSource":
            warnings.append(f"{kind} “{title}” skipped: only text sources can be imported")
            continue
        text = None
        content = _child(el, "PlainTextContent")
        if content is not None:
            text = content.text or ""
        else:
            raw = member(el.get("plainTextPath") or "")
            if raw is not None:
                try:
                    text = raw.decode("utf-8-sig")
                except UnicodeDecodeError:
                    warnings.append(f"source “{title}” skipped: its text is not UTF-8")
                    continue
        if text is None:
            warnings.append(f"source “{title}” skipped: its text is not in the archive "
                            f"({el.get('plainTextPath') or el.get('richTextPath') or 'no path'})")
            continue
        text, mapping = normalise_newlines(text)
        source = RefiSource(el.get("guid") or stable_guid("source", title), title, text,
                            el.get("creationDateTime"), _child_text(el, "Description"))
        for vv in _children(el, "VariableValue"):
            ref = _child(vv, "VariableRef")
            name = variable_names.get(ref.get("targetGUID", "")) if ref is not None else None
            values = [c for c in vv if _local(c.tag) != "VariableRef"]
            if name and values:
                source.variables[name] = values[0].text or ""
        for sel in _children(el, "PlainTextSelection"):
            start, end = _to_int(sel.get("startPosition")), _to_int(sel.get("endPosition"))
            if start is None or end is None or not (0 <= start < end <= len(mapping) - 1):
                warnings.append(f"a selection in “{title}” ({sel.get('startPosition')}–{sel.get('endPosition')}) "
                                "lies outside the text; skipped")
                continue
            note = _child_text(sel, "Description")
            for ref in _children(sel, "NoteRef"):
                extra = notes.get(ref.get("targetGUID"), "")
                if extra and extra != note:
                    note = f"{note}\n{extra}" if note else extra
            codings = _children(sel, "Coding")
            code_guids = [r.get("targetGUID") for c in codings for r in _children(c, "CodeRef")]
            user = sel.get("creatingUser") or next((c.get("creatingUser") for c in codings
                                                    if c.get("creatingUser")), None)
            source.selections.append(RefiSelection(
                sel.get("guid") or "", mapping[start], mapping[end], user, sel.get("creationDateTime"),
                sel.get("modifiedDateTime"), [g for g in code_guids if g], note))
        project.sources.append(source)
    if not project.sources:
        warnings.append("the project has no text source that could be imported")
    return project


def flatten_codes(codes: list[RefiCode]) -> list[tuple[RefiCode, tuple[str, ...]]]:
    """Every code with its path of names, parents before children."""
    out: list[tuple[RefiCode, tuple[str, ...]]] = []

    def walk(items: list[RefiCode], path: tuple[str, ...]) -> None:
        for code in items:
            out.append((code, path + (code.name,)))
            walk(code.children, path + (code.name,))

    walk(codes, ())
    return out

"""The REFI-QDA 1.0 rules our files must follow, written from the standard's documentation (the Project and
Codebook exchange formats of www.qdasoftware.org; the schema files themselves are not copied here).

Each check returns a list of violations (empty = conforms to these rules).
"""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
GUID = re.compile(r"^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$")
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
# the sequence of each element type: child names in the order they must come, with how many may come
PROJECT_ORDER = ["Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Links", "Sets", "Graphs",
                 "Description"]
CODE_ORDER = ["Description", "Code", "NoteRef"]
TEXT_SOURCE_ORDER = ["Description", "PlainTextContent", "PlainTextSelection", "VariableValue", "NoteRef"]
SELECTION_ORDER = ["Description", "Coding", "NoteRef"]
ONCE = {"Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Links", "Sets", "Graphs", "Description",
        "PlainTextContent"}
VARIABLE_TYPES = {"Text", "Boolean", "Integer", "Float", "Date", "DateTime"}
VALUE_ELEMENTS = {"TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue"}


def _local(el: ET.Element, ns: str, errors: list[str]) -> str:
    if not el.tag.startswith("{" + ns + "}"):
        errors.append(f"{el.tag}: not in namespace {ns}")
    return el.tag.rsplit("}", 1)[-1]


def _order(el: ET.Element, order: list[str], ns: str, errors: list[str], where: str) -> None:
    last, seen = -1, set()
    for child in el:
        name = _local(child, ns, errors)
        if name not in order:
            errors.append(f"{where}: unexpected child {name}")
            continue
        index = order.index(name)
        if index < last:
            errors.append(f"{where}: {name} comes after {order[last]}, the standard's order is {order}")
        if name in ONCE and name in seen:
            errors.append(f"{where}: more than one {name}")
        seen.add(name)
        last = max(last, index)


def _required(el: ET.Element, attrs: tuple[str, ...], errors: list[str], where: str) -> None:
    for a in attrs:
        if not el.get(a):
            errors.append(f"{where}: required attribute {a} missing")


def _guid(value: str | None, errors: list[str], where: str, guids: set[str] | None = None) -> None:
    if value is None or not GUID.match(value):
        errors.append(f"{where}: {value!r} is not a GUID")
    elif guids is not None:
        if value.lower() in guids:
            errors.append(f"{where}: GUID {value} used twice")
        guids.add(value.lower())


def _datetime(value: str | None, errors: list[str], where: str) -> None:
    if value is None:
        return
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        errors.append(f"{where}: {value!r} is not an xs:dateTime")
    if "T" not in value:
        errors.append(f"{where}: {value!r} has no time part")


def _codes(container: ET.Element, ns: str, errors: list[str], guids: set[str], code_guids: set[str]) -> None:
    for code in container:
        if _local(code, ns, errors) != "Code":
            continue
        where = f"Code {code.get('name')!r}"
        _required(code, ("guid", "name", "isCodable"), errors, where)
        _guid(code.get("guid"), errors, where, guids)
        code_guids.add((code.get("guid") or "").lower())
        if code.get("isCodable") not in ("true", "false", "1", "0"):
            errors.append(f"{where}: isCodable must be a boolean")
        if code.get("color") is not None and not COLOR.match(code.get("color")):
            errors.append(f"{where}: colour {code.get('color')!r} is not #RRGGBB")
        _order(code, CODE_ORDER, ns, errors, where)
        _codes(code, ns, errors, guids, code_guids)


def check_codebook(data: bytes) -> list[str]:
    errors: list[str] = []
    root = ET.fromstring(data)
    if _local(root, CODEBOOK_NS, errors) != "CodeBook":
        errors.append("root element must be CodeBook")
    _order(root, ["Codes", "Sets"], CODEBOOK_NS, errors, "CodeBook")
    codes = root.find(f"{{{CODEBOOK_NS}}}Codes")
    if codes is None:
        errors.append("CodeBook: the Codes element is required")
    elif not len(codes):
        errors.append("Codes: at least one Code is required")
    else:
        _codes(codes, CODEBOOK_NS, errors, set(), set())
    return errors


def check_project(data: bytes, members: set[str] | None = None) -> list[str]:
    """``members``: the names in the .qdpx zip, to check internal:// paths point into sources/."""
    ns, errors, guids = PROJECT_NS, [], set()
    root = ET.fromstring(data)
    if _local(root, ns, errors) != "Project":
        return errors + ["root element must be Project"]
    _required(root, ("name",), errors, "Project")
    _datetime(root.get("creationDateTime"), errors, "Project")
    _order(root, PROJECT_ORDER, ns, errors, "Project")

    def q(el, path):
        return el.findall(path.replace("X:", f"{{{ns}}}"))

    users = set()
    for user in q(root, "X:Users/X:User"):
        _guid(user.get("guid"), errors, "User", guids)
        users.add((user.get("guid") or "").lower())
    code_guids: set[str] = set()
    for codes in q(root, "X:CodeBook/X:Codes"):
        _codes(codes, ns, errors, guids, code_guids)
    if root.find(f"{{{ns}}}CodeBook") is not None and not q(root, "X:CodeBook/X:Codes"):
        errors.append("CodeBook: the Codes element is required")
    variables = {}
    for var in q(root, "X:Variables/X:Variable"):
        _required(var, ("guid", "name", "typeOfVariable"), errors, "Variable")
        _guid(var.get("guid"), errors, "Variable", guids)
        if var.get("typeOfVariable") not in VARIABLE_TYPES:
            errors.append(f"Variable {var.get('name')}: typeOfVariable {var.get('typeOfVariable')!r}")
        variables[(var.get("guid") or "").lower()] = var.get("typeOfVariable")
    notes = {(n.get("guid") or "").lower() for n in q(root, "X:Notes/X:Note")}
    for note in q(root, "X:Notes/X:Note"):
        _guid(note.get("guid"), errors, "Note", guids)
        _order(note, TEXT_SOURCE_ORDER, ns, errors, "Note")
    for source in q(root, "X:Sources/*"):
        kind = _local(source, ns, errors)
        where = f"{kind} {source.get('name')!r}"
        _guid(source.get("guid"), errors, where, guids)
        _datetime(source.get("creationDateTime"), errors, where)
        if kind != "TextSource":
            continue
        _order(source, TEXT_SOURCE_ORDER, ns, errors, where)
        path = source.get("plainTextPath")
        if path is None and source.find(f"{{{ns}}}PlainTextContent") is None:
            errors.append(f"{where}: neither plainTextPath nor PlainTextContent")
        if path is not None:
            if not path.startswith(("internal://", "relative://", "absolute://")):
                errors.append(f"{where}: plainTextPath {path!r} is not an internal/relative/absolute URL")
            if path.startswith("internal://") and members is not None \
                    and "sources/" + path[len("internal://"):] not in members:
                errors.append(f"{where}: {path} is not in the archive's sources/ folder")
        for sel in q(source, "X:PlainTextSelection"):
            w = f"{where} selection"
            _required(sel, ("guid", "startPosition", "endPosition"), errors, w)
            _guid(sel.get("guid"), errors, w, guids)
            try:
                start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
                if not 0 <= start <= end:
                    errors.append(f"{w}: positions {start}-{end}")
            except (TypeError, ValueError):
                errors.append(f"{w}: positions are not integers")
            if sel.get("creatingUser") and sel.get("creatingUser").lower() not in users:
                errors.append(f"{w}: creatingUser is not one of the Users")
            _datetime(sel.get("creationDateTime"), errors, w)
            _order(sel, SELECTION_ORDER, ns, errors, w)
            for coding in q(sel, "X:Coding"):
                _guid(coding.get("guid"), errors, "Coding", guids)
                refs = q(coding, "X:CodeRef")
                if len(refs) != 1 or len(coding) != 1:
                    errors.append(f"{w}: a Coding holds exactly one CodeRef")
                for ref in refs:
                    if (ref.get("targetGUID") or "").lower() not in code_guids:
                        errors.append(f"{w}: CodeRef points to no Code")
            for ref in q(sel, "X:NoteRef"):
                if (ref.get("targetGUID") or "").lower() not in notes:
                    errors.append(f"{w}: NoteRef points to no Note")
        for vv in q(source, "X:VariableValue"):
            children = list(vv)
            names = [c.tag.rsplit("}", 1)[-1] for c in children]
            if len(names) != 2 or names[0] != "VariableRef" or names[1] not in VALUE_ELEMENTS:
                errors.append(f"{where}: VariableValue must be VariableRef then one value, got {names}")
                continue
            kind_ = variables.get((children[0].get("targetGUID") or "").lower())
            if kind_ is None:
                errors.append(f"{where}: VariableRef points to no Variable")
            elif names[1] != f"{kind_}Value":
                errors.append(f"{where}: {names[1]} for a {kind_} variable")
            if names[1] == "DateValue":
                try:
                    dt.date.fromisoformat(children[1].text or "")
                except ValueError:
                    errors.append(f"{where}: {children[1].text!r} is not an xs:date")
    return errors

"""User actions. Each runs in one transaction, is logged for undo, and returns what it changed."""
from __future__ import annotations

import contextlib
import getpass
import re
from collections.abc import Iterable, Iterator, Sequence
from types import EllipsisType
from typing import TYPE_CHECKING, Any

from rednote_desk.core.anchoring import Selector, make_selector, reanchor_many
from rednote_desk.core.errors import NotFoundError, UserError
from rednote_desk.core.models import Annotation, Claim, Document, Tag
from rednote_desk.core.palette import unused_color
from rednote_desk.core.rules import check_published
from rednote_desk.store.undo import Changes, Recorder, Result, utc_now

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_TAG_NAME = 200
MAX_LABEL = 500


def default_coder() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some sandboxes
        return ""


class OperationsMixin:
    """Each operation returns what it changed: ``Changes``, or ``Result(value, changes)`` when it also makes
    or counts something (see :class:`rednote_desk.store.undo.Result`). The rules for names, colours,
    dates and tag paths are checked here, so every face accepts exactly the same input."""

    db: Any
    coder: str | None = None  # who codes in this session (the app's setting); None: the system user name

    if TYPE_CHECKING:  # what the other mixins of store.project.Project give these operations
        def document(self, document_id: int) -> Document: ...
        def document_by_hash(self, sha256: str) -> Document | None: ...
        def annotations(self, document_id: int | None = None) -> list[Annotation]: ...
        def annotation(self, annotation_id: int) -> Annotation: ...
        def tag(self, tag_id: int) -> Tag: ...
        def tag_path(self, tag_id: int) -> str: ...
        def find_tags(self, name: str) -> list[Tag]: ...
        def claim(self, claim_id: int) -> Claim: ...
        def claim_by_label(self, label: str) -> Claim | None: ...
        @contextlib.contextmanager
        def _operation(self, label: str) -> Iterator[Recorder]: ...

    def coder_name(self) -> str:
        """The name stamped on new annotations: the session's coder, else the system user name."""
        return self.coder or default_coder()

    # -- documents -----------------------------------------------------------------------------
    def add_document(
        self,
        *,
        title: str,
        text: str,
        text_sha256: str,
        outlet: str | None = None,
        author: str | None = None,
        published: str | None = None,
        url: str | None = None,
        source_name: str | None = None,
        source_format: str | None = None,
        note: str = "",
    ) -> Result[Document]:
        """Store a document. The same text twice is not duplicated: then the existing document comes back
        with empty ``changes``. ``published`` must be an ISO date ``YYYY-MM-DD`` (or empty)."""
        existing = self.document_by_hash(text_sha256)
        if existing is not None:
            return Result(existing, Changes(label="Import (already in the project)"))
        if not text.strip():
            raise UserError("the document has no text")
        published = check_published(published)
        with self._operation(f"Import “{_short(title)}”") as rec:
            cursor = self.db.execute(
                """INSERT INTO documents (title, outlet, author, published, url, source_name, source_format,
                   text, text_sha256, imported_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [title, outlet, author, published, url, source_name, source_format, text, text_sha256,
                 utc_now(), note],
            )
            rec.inserted("documents", id=cursor.lastrowid)
            rec.result = cursor.lastrowid
        return Result(self.document(rec.result), rec.changes)

    def update_document(self, document_id: int, **fields: Any) -> Changes:
        """Edit metadata: title, outlet, author, published (ISO ``YYYY-MM-DD`` or empty), url, note."""
        allowed = {"title", "outlet", "author", "published", "url", "note"}
        bad = set(fields) - allowed
        if bad:
            raise UserError(f"cannot edit {', '.join(sorted(bad))} of a document")
        if "title" in fields and not (fields["title"] or "").strip():
            raise UserError("a document needs a title")
        if "published" in fields:
            fields["published"] = check_published(fields["published"])
        self.document(document_id)
        return self._edit_row("Edit document details", "documents", document_id, fields)

    def delete_document(self, document_id: int) -> Changes:
        doc = self.document(document_id)
        with self._operation(f"Delete “{_short(doc.title)}”") as rec:
            rec.track(
                "annotation_tags",
                "annotation_id IN (SELECT id FROM annotations WHERE document_id = ?)",
                [document_id],
            )
            rec.track("annotations", "document_id = ?", [document_id])
            rec.track("documents", "id = ?", [document_id])
            self.db.execute("DELETE FROM documents WHERE id = ?", [document_id])
        return rec.changes

    def replace_document_text(
        self, document_id: int, *, text: str, text_sha256: str, source_name: str | None = None
    ) -> Result[dict[str, int]]:
        """Replace a document's text by a changed version and re-anchor its annotations.

        Annotations that can be placed get their new offsets and a fresh quote and context; the others become
        "orphaned" with their old quote and context kept (offsets clamped to the new text), never deleted.
        Returns the counts per method ("position", "quote", "fuzzy", "orphaned", and "total") with the
        changes; the same text again changes nothing (empty ``changes``).
        """
        doc = self.document(document_id)
        if not text.strip():
            raise UserError("the new version has no text")
        other = self.document_by_hash(text_sha256)
        if other is not None and other.id != document_id:
            raise UserError(f"this text is already in the project as document {other.id} “{_short(other.title)}”")
        annotations = self.annotations(document_id)
        counts = {"position": 0, "quote": 0, "fuzzy": 0, "orphaned": 0}
        if text_sha256 == doc.text_sha256 and text == doc.text:
            counts["position"] = len(annotations)
            return Result({**counts, "total": len(annotations)}, Changes(label="Re-import (unchanged)"))
        selectors = [Selector(a.start_offset, a.end_offset, a.quote, a.prefix, a.suffix) for a in annotations]
        results = reanchor_many(text, selectors, old_text=doc.text)
        now = utc_now()
        with self._operation(f"Re-import “{_short(doc.title)}”") as rec:
            rec.track("documents", "id = ?", [document_id])
            rec.track("annotations", "document_id = ?", [document_id])
            fields = {"text": text, "text_sha256": text_sha256}
            if source_name is not None:
                fields["source_name"] = source_name
            _set_fields(self.db, "documents", document_id, fields)
            for ann, result in zip(annotations, results, strict=True):
                counts[result.method] += 1
                if result.start is not None and result.end is not None:  # anchored
                    sel = make_selector(text, result.start, result.end)
                    new = (result.start, result.end, sel.quote, sel.prefix, sel.suffix, "anchored")
                else:  # keep what the user annotated, for review; offsets only stay inside the text
                    start = min(ann.start_offset, len(text))
                    end = max(start, min(ann.end_offset, len(text)))
                    new = (start, end, ann.quote, ann.prefix, ann.suffix, "orphaned")
                old = (ann.start_offset, ann.end_offset, ann.quote, ann.prefix, ann.suffix, ann.status)
                if new != old:
                    self.db.execute(
                        """UPDATE annotations SET start_offset = ?, end_offset = ?, quote = ?, prefix = ?,
                           suffix = ?, status = ?, updated_at = ? WHERE id = ?""",
                        [*new, now, ann.id],
                    )
        return Result({**counts, "total": len(annotations)}, rec.changes)

    # -- tags ----------------------------------------------------------------------------------
    def add_tag(
        self, name: str, *, parent_id: int | None = None, color: str | None = None, description: str = ""
    ) -> Result[Tag]:
        """Add one tag named ``name`` (no "/") under ``parent_id``; see :meth:`add_tag_path` for paths."""
        name = _clean_name(name)
        if parent_id is not None:
            self.tag(parent_id)
        color = _check_color(color) if color else None
        if self._tag_exists(name, parent_id):
            raise UserError(f"a tag named “{name}” already exists there")
        with self._operation(f"Add tag “{name}”") as rec:
            tag_id = self._insert_tag(rec, name, parent_id, color=color, description=description)
        return Result(self.tag(tag_id), rec.changes)

    def add_tag_path(self, path: str, *, color: str | None = None, description: str = "") -> Result[Tag]:
        """Add the tag a ``Parent/Child`` path names, creating missing parents: one operation, one undo step.

        The parent part is found like :meth:`find_tags` finds it (``Statistic/New`` goes under the one tag named
        Statistic, wherever it is; ambiguous is refused); when it names no tag, the path is walked from the top,
        matching names ignoring case and creating what is missing. ``color`` and ``description`` go to the
        last tag; a last tag that already exists under that parent is refused.
        """
        names = [_clean_name(part) for part in _path_parts(path)]
        color = _check_color(color) if color else None
        parent_id: int | None = None
        if len(names) > 1:
            parents = self.find_tags("/".join(names[:-1]))
            if len(parents) > 1:
                paths = ", ".join(self.tag_path(t.id) for t in parents)
                raise UserError(f"“{'/'.join(names[:-1])}” names several tags ({paths}); give the full path")
            if parents:
                parent_id, names = parents[0].id, names[-1:]
        with self._operation(f"Add tag “{names[-1]}”") as rec:
            for depth, name in enumerate(names):
                if depth == len(names) - 1:
                    if self._tag_exists(name, parent_id):
                        raise UserError(f"a tag named “{name}” already exists there")
                    parent_id = self._insert_tag(rec, name, parent_id, color=color, description=description)
                    break
                row = self.db.execute(
                    """SELECT id FROM tags WHERE name = ? COLLATE NOCASE AND coalesce(parent_id, 0) = coalesce(?, 0)
                       ORDER BY id LIMIT 1""",
                    [name, parent_id],
                ).fetchone()
                parent_id = row[0] if row else self._insert_tag(rec, name, parent_id)
        assert parent_id is not None
        return Result(self.tag(parent_id), rec.changes)

    def resolve_tag(self, path: str, *, create: bool = False) -> Result[Tag]:
        """The one tag a name or ``Parent/Child`` path names (ignoring case). With ``create``, a path that
        names no tag is added with its missing parents (:meth:`add_tag_path`); ``changes`` is empty when the
        tag already existed. An ambiguous name or, without ``create``, an unknown one is a UserError."""
        found = self.find_tags(path)
        if len(found) == 1:
            return Result(found[0], Changes())
        if len(found) > 1:
            paths = ", ".join(self.tag_path(t.id) for t in found)
            raise UserError(f"tag name “{path}” is ambiguous ({paths}); give the path, e.g. Parent/Child")
        if not create:
            raise NotFoundError(f"unknown tag “{path}”")
        return self.add_tag_path(path)

    def update_tag(
        self,
        tag_id: int,
        *,
        name: str | None = None,
        color: str | None = None,
        description: str | None = None,
        parent_id: int | None | EllipsisType = ...,  # ...: unchanged
        position: int | None = None,
    ) -> Changes:
        """Rename, recolour, describe or move a tag (``parent_id=None`` moves it to the top level)."""
        tag = self.tag(tag_id)
        fields: dict[str, Any] = {}
        if name is not None:
            fields["name"] = _clean_name(name)
        if color is not None:
            fields["color"] = _check_color(color)
        if description is not None:
            fields["description"] = description
        if parent_id is not ...:
            if parent_id is not None:
                if parent_id == tag_id or tag_id in self._ancestors(parent_id):
                    raise UserError("a tag cannot be moved inside itself")
                self.tag(parent_id)
            fields["parent_id"] = parent_id
        if position is not None:
            fields["position"] = position
        new_name = fields.get("name", tag.name)
        new_parent = fields.get("parent_id", tag.parent_id)
        if (new_name, new_parent) != (tag.name, tag.parent_id) and self._tag_exists(new_name, new_parent):
            raise UserError(f"a tag named “{new_name}” already exists there")
        return self._edit_row(f"Edit tag “{tag.name}”", "tags", tag_id, fields)

    def delete_tag(self, tag_id: int) -> Changes:
        """Delete a tag and its sub-tags. Annotations stay; they only lose these tags."""
        tag = self.tag(tag_id)
        ids = [tag_id, *self._descendants(tag_id)]
        marks = ",".join("?" for _ in ids)
        with self._operation(f"Delete tag “{tag.name}”") as rec:
            rec.track("annotation_tags", f"tag_id IN ({marks})", ids)
            for one in reversed(ids):  # children before parents, so undo restores parents first
                rec.track("tags", "id = ?", [one])
            self.db.execute(f"DELETE FROM annotation_tags WHERE tag_id IN ({marks})", ids)
            self.db.execute("DELETE FROM tags WHERE id = ?", [tag_id])
        return rec.changes

    def merge_tags(self, source_id: int, target_id: int) -> Changes:
        """Move every use and sub-tag of ``source`` onto ``target``, then delete ``source``."""
        if source_id == target_id:
            raise UserError("choose two different tags to merge")
        source, target = self.tag(source_id), self.tag(target_id)
        if source_id in self._ancestors(target_id):
            raise UserError("a tag cannot be merged into one of its own sub-tags")
        with self._operation(f"Merge “{source.name}” into “{target.name}”") as rec:
            rec.track("annotation_tags", "tag_id IN (?, ?)", [source_id, target_id])
            rec.track("tags", "parent_id = ?", [source_id])
            rec.track("tags", "id = ?", [source_id])
            self.db.execute(
                """INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id)
                   SELECT annotation_id, ? FROM annotation_tags WHERE tag_id = ?""",
                [target_id, source_id],
            )
            for row in self.db.query("SELECT annotation_id FROM annotation_tags WHERE tag_id = ?", [target_id]):
                rec.inserted("annotation_tags", annotation_id=row["annotation_id"], tag_id=target_id)
            for child in list(self.db.query("SELECT id, name FROM tags WHERE parent_id = ?", [source_id])):
                if self._tag_exists(child["name"], target_id):
                    raise UserError(f"both tags have a sub-tag named “{child['name']}”; merge or rename it first")
                self.db.execute("UPDATE tags SET parent_id = ? WHERE id = ?", [target_id, child["id"]])
            self.db.execute("DELETE FROM annotation_tags WHERE tag_id = ?", [source_id])
            self.db.execute("DELETE FROM tags WHERE id = ?", [source_id])
        return rec.changes

    def load_codebook(self, entries: Iterable[dict[str, Any]]) -> Result[int]:
        """Add a codebook (nested dicts: name, color, description, children); returns the number of tags
        added, with the changes (tags already there are kept and counted out)."""
        added = 0
        with self._operation("Load codebook") as rec:

            def add(items: Iterable[dict[str, Any]], parent: int | None) -> None:
                nonlocal added
                for position, item in enumerate(items):
                    name = _clean_name(item["name"])
                    row = self.db.execute(
                        "SELECT id FROM tags WHERE name = ? AND coalesce(parent_id, 0) = coalesce(?, 0)",
                        [name, parent],
                    ).fetchone()
                    if row:
                        tag_id = row[0]
                    else:
                        color = _check_color(item["color"]) if item.get("color") else None
                        tag_id = self._insert_tag(rec, name, parent, color=color,
                                                  description=item.get("description", ""), position=position)
                        added += 1
                    add(item.get("children", []), tag_id)

            add(entries, None)
        return Result(added, rec.changes)

    # -- annotations ---------------------------------------------------------------------------
    def add_annotation(
        self,
        *,
        document_id: int,
        start: int,
        end: int,
        tag_ids: Sequence[int] = (),
        note: str = "",
        claim_id: int | None = None,
        coder: str | None = None,
    ) -> Result[Annotation]:
        """Annotate text[start:end] (code points, end exclusive) of a document."""
        text = self._document_text(document_id)
        if not (0 <= start < end <= len(text)):
            raise UserError(
                f"offsets {start}–{end} are outside the document (it has {len(text)} characters) or empty"
            )
        for tag_id in tag_ids:
            self.tag(tag_id)
        if claim_id is not None:
            self.claim(claim_id)
        now = utc_now()
        selector = make_selector(text, start, end)
        with self._operation("Add annotation") as rec:
            cursor = self.db.execute(
                """INSERT INTO annotations (document_id, start_offset, end_offset, quote, prefix, suffix, note,
                   coder, created_at, updated_at, status, claim_id) VALUES (?,?,?,?,?,?,?,?,?,?, 'anchored', ?)""",
                [document_id, start, end, selector.quote, selector.prefix, selector.suffix, note,
                 self.coder_name() if coder is None else coder, now, now, claim_id],
            )
            annotation_id = cursor.lastrowid
            rec.inserted("annotations", id=annotation_id)
            for tag_id in dict.fromkeys(tag_ids):
                self.db.execute("INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
                                [annotation_id, tag_id])
                rec.inserted("annotation_tags", annotation_id=annotation_id, tag_id=tag_id)
        return Result(self.annotation(annotation_id), rec.changes)

    def update_annotation(
        self,
        annotation_id: int,
        *,
        note: str | None = None,
        tag_ids: Sequence[int] | None = None,
        start: int | None = None,
        end: int | None = None,
        status: str | None = None,
    ) -> Changes:
        """Change an annotation's note, its set of tags, or its span."""
        ann = self.annotation(annotation_id)
        if tag_ids is not None:
            for tag_id in tag_ids:
                self.tag(tag_id)
        with self._operation("Edit annotation") as rec:
            rec.track("annotations", "id = ?", [annotation_id])
            fields: dict[str, Any] = {}
            if note is not None:
                fields["note"] = note
            if start is not None or end is not None:
                text = self._document_text(ann.document_id)
                s = ann.start_offset if start is None else start
                e = ann.end_offset if end is None else end
                if not (0 <= s < e <= len(text)):
                    raise UserError(f"offsets {s}–{e} are outside the document")
                selector = make_selector(text, s, e)
                fields.update(start_offset=s, end_offset=e, quote=selector.quote, prefix=selector.prefix,
                              suffix=selector.suffix, status="anchored")
            if status is not None:
                fields["status"] = status
            if tag_ids is not None:
                rec.track("annotation_tags", "annotation_id = ?", [annotation_id])
                self.db.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", [annotation_id])
                for tag_id in dict.fromkeys(tag_ids):
                    self.db.execute("INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
                                    [annotation_id, tag_id])
                    rec.inserted("annotation_tags", annotation_id=annotation_id, tag_id=tag_id)
                fields.setdefault("note", ann.note)
            if fields:
                fields["updated_at"] = utc_now()
            _set_fields(self.db, "annotations", annotation_id, fields)
        return rec.changes

    def delete_annotations(self, annotation_ids: Sequence[int]) -> Changes:
        ids = list(dict.fromkeys(annotation_ids))
        for annotation_id in ids:
            self.annotation(annotation_id)
        marks = ",".join("?" for _ in ids)
        label = "Delete annotation" if len(ids) == 1 else f"Delete {len(ids)} annotations"
        with self._operation(label) as rec:
            rec.track("annotation_tags", f"annotation_id IN ({marks})", ids)
            rec.track("annotations", f"id IN ({marks})", ids)
            self.db.execute(f"DELETE FROM annotations WHERE id IN ({marks})", ids)
        return rec.changes

    # -- claims --------------------------------------------------------------------------------
    def link_claim(self, annotation_ids: Sequence[int], *, label: str, origin: str = "confirmed") -> Result[Claim]:
        """Mark annotations (usually in different documents) as stating the same claim, named ``label``.

        An existing claim with that label is reused; otherwise it is created.
        """
        label = (label or "").strip()
        if not label:
            raise UserError("a claim needs a name")
        if len(label) > MAX_LABEL:
            raise UserError(f"a claim name can have at most {MAX_LABEL} characters")
        ids = list(dict.fromkeys(annotation_ids))
        if not ids:
            raise UserError("select at least one annotation to link as a claim")
        for annotation_id in ids:
            self.annotation(annotation_id)
        with self._operation(f"Link claim “{_short(label)}”") as rec:
            existing = self.claim_by_label(label)
            if existing is None:
                cursor = self.db.execute("INSERT INTO claims (label, origin) VALUES (?, ?)", [label, origin])
                claim_id = cursor.lastrowid
                rec.inserted("claims", id=claim_id)
            else:
                claim_id = existing.id
            marks = ",".join("?" for _ in ids)
            rec.track("annotations", f"id IN ({marks})", ids)
            self.db.execute(f"UPDATE annotations SET claim_id = ?, updated_at = ? WHERE id IN ({marks})",
                            [claim_id, utc_now(), *ids])
        return Result(self.claim(claim_id), rec.changes)

    def unlink_claim(self, annotation_ids: Sequence[int]) -> Changes:
        """Detach annotations from their claim; a claim left with no annotation is removed."""
        ids = list(dict.fromkeys(annotation_ids))
        marks = ",".join("?" for _ in ids)
        with self._operation("Unlink claim") as rec:
            rows = rec.track("annotations", f"id IN ({marks})", ids)
            claim_ids = {r["claim_id"] for r in rows if r["claim_id"]}
            self.db.execute(f"UPDATE annotations SET claim_id = NULL, updated_at = ? WHERE id IN ({marks})",
                            [utc_now(), *ids])
            for claim_id in claim_ids:
                left = self.db.execute("SELECT count(*) FROM annotations WHERE claim_id = ?", [claim_id]).fetchone()
                if left[0] == 0:
                    rec.track("claims", "id = ?", [claim_id])
                    self.db.execute("DELETE FROM claims WHERE id = ?", [claim_id])
        return rec.changes

    def update_claim(self, claim_id: int, *, label: str | None = None, note: str | None = None,
                     origin: str | None = None) -> Changes:
        claim = self.claim(claim_id)
        fields: dict[str, Any] = {}
        if label is not None:
            label = label.strip()
            if not label:
                raise UserError("a claim needs a name")
            other = self.claim_by_label(label)
            if other is not None and other.id != claim_id:
                raise UserError(f"another claim is already named “{label}”")
            fields["label"] = label
        if note is not None:
            fields["note"] = note
        if origin is not None:
            fields["origin"] = origin
        return self._edit_row(f"Edit claim “{_short(claim.label)}”", "claims", claim_id, fields)

    def dismiss_suggestion(self, key: str) -> Changes:
        with self._operation("Dismiss suggestion") as rec:
            self.db.execute("INSERT OR IGNORE INTO dismissed_suggestions (key, dismissed_at) VALUES (?, ?)",
                            [key, utc_now()])
            rec.inserted("dismissed_suggestions", key=key)
        return rec.changes

    def accept_suggestion(
        self, suggestion: Any, *, label: str | None = None, mention_indexes: Sequence[int] | None = None
    ) -> Result[Claim]:
        """Turn a suggested claim (core.claims.SuggestedClaim) into annotations linked as one claim: one undo step.

        ``mention_indexes`` chooses which mentions to keep (default: all). Each kept mention becomes an
        annotation tagged "Claim types/Statistic" (numbers) or "Claim types/Quotation" (quotations) when the
        codebook has that tag; an unclaimed annotation with exactly the same span is linked instead of
        duplicated. Without ``label`` the suggestion's label is used, numbered if another claim has it.
        """
        mentions = list(suggestion.mentions)
        indexes = list(range(len(mentions))) if mention_indexes is None else list(dict.fromkeys(mention_indexes))
        if not indexes:
            raise UserError("choose at least one mention to accept")
        if any(not 0 <= i < len(mentions) for i in indexes):
            raise UserError(f"mention numbers must be between 0 and {len(mentions) - 1}")
        chosen = [mentions[i] for i in indexes]
        for mention in chosen:
            text = self._document_text(mention.document_id)
            if text[mention.start:mention.end] != mention.quote:
                raise UserError("a document changed since this suggestion was made; refresh the comparison")
        if label is not None:
            label = label.strip()
            if not label:
                raise UserError("a claim needs a name")
            if self.claim_by_label(label) is not None:
                raise UserError(f"another claim is already named “{label}”; choose another name")
        else:
            label = self._free_claim_label(suggestion.label.strip() or "Claim")
        if len(label) > MAX_LABEL:
            raise UserError(f"a claim name can have at most {MAX_LABEL} characters")
        tag_path = {"number": "Claim types/Statistic", "quotation": "Claim types/Quotation"}.get(suggestion.kind)
        found = self.find_tags(tag_path) if tag_path else []
        tag_ids = [found[0].id] if len(found) == 1 else []
        now = utc_now()
        coder = self.coder_name()
        with self._operation(f"Accept claim “{_short(label)}”") as rec:
            cursor = self.db.execute("INSERT INTO claims (label, origin) VALUES (?, 'confirmed')", [label])
            claim_id = cursor.lastrowid
            rec.inserted("claims", id=claim_id)
            for mention in chosen:
                reuse = self.db.execute(
                    """SELECT id FROM annotations WHERE document_id = ? AND start_offset = ? AND end_offset = ?
                       AND claim_id IS NULL AND status = 'anchored' ORDER BY id LIMIT 1""",
                    [mention.document_id, mention.start, mention.end],
                ).fetchone()
                if reuse is not None:
                    rec.track("annotations", "id = ?", [reuse[0]])
                    self.db.execute("UPDATE annotations SET claim_id = ?, updated_at = ? WHERE id = ?",
                                    [claim_id, now, reuse[0]])
                    continue
                selector = make_selector(self._document_text(mention.document_id), mention.start, mention.end)
                cursor = self.db.execute(
                    """INSERT INTO annotations (document_id, start_offset, end_offset, quote, prefix, suffix, note,
                       coder, created_at, updated_at, status, claim_id) VALUES (?,?,?,?,?,?,'',?,?,?, 'anchored', ?)""",
                    [mention.document_id, mention.start, mention.end, selector.quote, selector.prefix,
                     selector.suffix, coder, now, now, claim_id],
                )
                rec.inserted("annotations", id=cursor.lastrowid)
                for tag_id in tag_ids:
                    self.db.execute("INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
                                    [cursor.lastrowid, tag_id])
                    rec.inserted("annotation_tags", annotation_id=cursor.lastrowid, tag_id=tag_id)
        return Result(self.claim(claim_id), rec.changes)

    def _edit_row(self, label: str, table: str, row_id: int, fields: dict[str, Any]) -> Changes:
        """One undoable operation that sets ``fields`` on the row ``row_id`` of ``table`` (none: no change)."""
        with self._operation(label) as rec:
            rec.track(table, "id = ?", [row_id])
            _set_fields(self.db, table, row_id, fields)
        return rec.changes

    def _free_claim_label(self, label: str) -> str:
        """``label``, or ``label (2)``, ``label (3)`` ... whichever no claim has yet."""
        label = label[:MAX_LABEL - 8]
        candidate, n = label, 1
        while self.claim_by_label(candidate) is not None:
            n += 1
            candidate = f"{label} ({n})"
        return candidate

    # -- helpers -------------------------------------------------------------------------------
    def _document_text(self, document_id: int) -> str:
        row = self.db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id {document_id} (list them with: rednote-desk docs)")
        return row[0]

    def _insert_tag(
        self, rec: Any, name: str, parent_id: int | None, *, color: str | None = None, description: str = "",
        position: int | None = None,
    ) -> int:
        """Insert one checked tag inside an operation (last among its siblings unless ``position``)."""
        if position is None:
            position = self.db.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM tags WHERE coalesce(parent_id, 0) = coalesce(?, 0)",
                [parent_id],
            ).fetchone()[0]
        cursor = self.db.execute(
            "INSERT INTO tags (name, parent_id, color, description, position) VALUES (?, ?, ?, ?, ?)",
            [name, parent_id, color or _auto_color(self.db), description, position],
        )
        rec.inserted("tags", id=cursor.lastrowid)
        return cursor.lastrowid

    def _tag_exists(self, name: str, parent_id: int | None) -> bool:
        return self.db.execute(
            "SELECT 1 FROM tags WHERE name = ? AND coalesce(parent_id, 0) = coalesce(?, 0)", [name, parent_id]
        ).fetchone() is not None

    def _descendants(self, tag_id: int) -> list[int]:
        rows = self.db.execute(
            """WITH RECURSIVE sub(id) AS (SELECT id FROM tags WHERE parent_id = ?
                 UNION ALL SELECT t.id FROM tags t JOIN sub ON t.parent_id = sub.id) SELECT id FROM sub""",
            [tag_id],
        ).fetchall()
        return [r[0] for r in rows]

    def _ancestors(self, tag_id: int) -> list[int]:
        out: list[int] = []
        current = self.tag(tag_id).parent_id
        while current is not None and len(out) < 100:
            out.append(current)
            current = self.tag(current).parent_id
        return out


def _set_fields(db, table: str, row_id: int, fields: dict[str, Any]) -> None:
    """``UPDATE table SET field = value, ... WHERE id = row_id``; nothing when ``fields`` is empty. Table and
    field names are the operations' own, never user input."""
    if fields:
        sets = ", ".join(f"[{k}] = ?" for k in fields)
        db.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*fields.values(), row_id])


def _auto_color(db) -> str:
    """A colour no other tag has (a new tag must be told apart from every other on the page)."""
    return unused_color(row[0] for row in db.execute("SELECT DISTINCT lower(color) FROM tags"))


def _check_color(color: str) -> str:
    if not _COLOR.match(color or ""):
        raise UserError(f"colour “{color}” is not of the form #RRGGBB")
    return color.lower()


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise UserError("a tag needs a name")
    if "/" in name:
        raise UserError("a tag name cannot contain “/” (it separates parent and child in paths)")
    if len(name) > MAX_TAG_NAME:
        raise UserError(f"a tag name can have at most {MAX_TAG_NAME} characters")
    return name


def _path_parts(path: str) -> list[str]:
    parts = [part.strip() for part in (path or "").split("/") if part.strip()]
    if not parts:
        raise UserError("a tag needs a name")
    return parts


def _short(text: str, n: int = 40) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"

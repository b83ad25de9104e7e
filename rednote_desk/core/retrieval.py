"""Coded passages (QDA "retrieved segments"): every passage carrying a code, with its context, filterable by
document, outlet and coder. Plain data; the store reads the rows, the GUI and CSV show them."""
from __future__ import annotations

from dataclasses import dataclass

from rednote_desk.core.labels import outlet_label

PASSAGE_COLUMNS = ("document_id", "document", "outlet", "coder", "start", "end", "before", "quote", "after",
                   "tags", "note", "annotation_id")


@dataclass(frozen=True)
class CodedPassage:
    annotation_id: int
    document_id: int
    start: int  # code points
    end: int
    quote: str
    before: str  # the text just before the quote (the selector's prefix)
    after: str
    note: str
    coder: str
    document_title: str
    outlet: str  # core.labels: never a file name
    tag_ids: tuple[int, ...]

    def row(self, tag_paths: dict[int, str]) -> tuple:
        """One CSV row in PASSAGE_COLUMNS order."""
        return (self.document_id, self.document_title, self.outlet, self.coder, self.start, self.end,
                self.before, self.quote, self.after, "; ".join(tag_paths.get(t, "?") for t in self.tag_ids),
                self.note, self.annotation_id)


def passage_from_row(row: tuple) -> CodedPassage:
    """From the store's row: id, document id, start, end, quote, prefix, suffix, note, coder, title, outlet,
    url, tag list ("3,7")."""
    (annotation_id, document_id, start, end, quote, prefix, suffix, note, coder, title, outlet, url,
     tag_list) = row
    return CodedPassage(annotation_id, document_id, start, end, quote or "", prefix or "", suffix or "",
                        note or "", coder or "", title or "",
                        outlet_label(outlet=outlet, url=url, title=title, document_id=document_id),
                        tuple(sorted(int(x) for x in tag_list.split(","))) if tag_list else ())


def filter_passages(passages: list[CodedPassage], *, document_id: int | None = None, outlet: str | None = None,
                    coder: str | None = None) -> list[CodedPassage]:
    """The passages matching every filter given (None: any)."""
    return [p for p in passages
            if (document_id is None or p.document_id == document_id)
            and (outlet is None or p.outlet == outlet)
            and (coder is None or p.coder == coder)]

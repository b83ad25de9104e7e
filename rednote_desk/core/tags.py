"""The codebook as a tree: paths of tags. Pure functions over core.models.Tag."""
from __future__ import annotations

from collections.abc import Sequence

from rednote_desk.core.models import Tag


def tag_paths(tags: Sequence[Tag]) -> dict[int, str]:
    """"Parent/Child" path of every tag."""
    by_id = {t.id: t for t in tags}
    out: dict[int, str] = {}

    def path(tag_id: int) -> str:
        if tag_id in out:
            return out[tag_id]
        names: list[str] = []
        current: int | None = tag_id
        seen: set[int] = set()
        while current is not None and current in by_id and current not in seen:
            seen.add(current)
            names.append(by_id[current].name)
            current = by_id[current].parent_id
        out[tag_id] = "/".join(reversed(names))
        return out[tag_id]

    for t in tags:
        path(t.id)
    return out


def descendants(tags: Sequence[Tag], tag_id: int) -> set[int]:
    """Ids of every tag below ``tag_id`` (not itself)."""
    children: dict[int | None, list[int]] = {}
    for tag in tags:
        children.setdefault(tag.parent_id, []).append(tag.id)
    out: set[int] = set()
    stack = list(children.get(tag_id, []))
    while stack:
        current = stack.pop()
        if current not in out:
            out.add(current)
            stack.extend(children.get(current, []))
    return out

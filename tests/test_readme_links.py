"""The README points only at files inside the repository (issue 9: it sent readers to a design document outside
it) and links the architecture page."""
from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def local_targets(text: str) -> list[str]:
    """Markdown link targets and quoted paths to documents, without web links and in-page anchors."""
    targets = re.findall(r"\]\(([^)\s]+)\)", text) + re.findall(r"`((?:\.{1,2}/|/)[^`\s]+\.md)`", text)
    return [t.split("#")[0] for t in targets if not re.match(r"[a-z][a-z+.-]*:", t) and not t.startswith("#")]


def test_every_local_link_in_the_readme_is_a_file_in_the_repository():
    targets = local_targets((REPO / "README.md").read_text(encoding="utf-8"))
    outside = [t for t in targets if not (REPO / t).resolve().is_relative_to(REPO) or not (REPO / t).exists()]
    assert not outside, outside
    assert "docs/architecture.md" in targets


def test_a_link_outside_the_repository_is_found():
    assert local_targets("See `../shared/DESIGN.md` and [the page](https://example.org/x.md).") == \
        ["../shared/DESIGN.md"]

"""Job titles that stand in bylines beside a name or instead of one ("Jane Roe, Staff Writer", "Senior correspondent").

One vocabulary for both byline readers: :mod:`.sniff` (plain text) cuts the title off a name, :mod:`.html_meta`
(page metadata) drops an author value that is only a title.
"""
from __future__ import annotations

#: The title itself ("writer", "reporter" ...).
ROLE_NOUNS = ("writer", "reporter", "correspondent", "editor", "contributor", "columnist", "author", "photographer",
              "analyst", "intern")
#: Words that qualify a title ("senior", "staff" ...); a byline reader may add its own.
ROLE_QUALIFIERS = ("senior", "chief", "staff", "special", "contributing", "associate")


def alternation(words: tuple[str, ...]) -> str:
    """A regular-expression group matching any of ``words`` (plain words, no special characters)."""
    return "(?:" + "|".join(words) + ")"

"""Line shapes that mark site chrome (footers, comment forms, tags, adverts), with the reason shown to users."""
from __future__ import annotations

import re

BANNER = "date/weather banner"
RELATED = "related-articles footer"
COMMENTS = "comment form"
TAGS = "tag list"
SOURCES = "sources list"
COPYRIGHT = "copyright line"
REPUBLISHED = "republication note"
SITE_FOOTER = "site footer"
DISCLAIMER = "disclaimer"
EMBED = "embedded social-media post"
BYLINE = "byline"
REPEATED = "repeated paragraph"
REPEATED_HEADLINE = "repeated headline"
DANGLING = "reference to missing images or media"
ADVERT = "advertisement"
NAVIGATION = "navigation line"

_END = r"\s*[.!:…*]*"
# (pattern over the whole stripped line, reason, longest line it may match)
_MARKERS: list[tuple[re.Pattern[str], str, int]] = [
    (re.compile(r"(?:related|latest|recent|popular|recommended|trending|more|top|similar)\s+"
                r"(?:articles|posts|stories|news|reads|videos|reading)" + _END, re.I), RELATED, 60),
    (re.compile(r"(?:you (?:may|might) (?:also )?like|read (?:more|next|also)|see also|also read|don'?t miss|"
                r"recommended for you|more (?:from|on) .{1,40})" + _END, re.I), RELATED, 60),
    (re.compile(r"(?:leave a (?:reply|comment)|post a comment|add a comment|write a comment|cancel reply|"
                r"join the (?:discussion|conversation)|\d+\s+comments?|comments?|responses?)" + _END, re.I), COMMENTS, 60),
    (re.compile(r"(?:please enter your (?:comment|name|e-?mail).*|save my name,? e-?mail.*|"
                r"you must be (?:logged|signed) in to (?:post|leave) a comment.*|notify me of (?:follow-up|new) .*|"
                r"your e-?mail address will not be published.*|(?:name|e-?mail|website)\s*\*?)" + _END, re.I),
     COMMENTS, 200),
    (re.compile(r"(?:(?:tagged|filed)\s+(?:under|with|in|as)|tags?|topics?|categor(?:y|ies)|keywords)\s*:.*", re.I),
     TAGS, 600),
    (re.compile(r"(?:sources?(?: include)?|references|citations)\s*:.*", re.I), SOURCES, 300),
    (re.compile(r"(?:(?:©|\(c\)\s*\d{4}|copyright\b).*|.*\ball rights reserved\b.*)", re.I), COPYRIGHT, 300),
    (re.compile(r"(?:this (?:text|article|story|piece|post|content|report) (?:is|was|has been) (?:re)?published .*|"
                r"(?:this (?:article|story|piece) )?(?:was )?originally (?:published|appeared) (?:on|in|at|by) .*|"
                r"republished (?:with permission )?(?:from|by|under) .*)", re.I), REPUBLISHED, 300),
    (re.compile(r"(?:visit \S.{0,60} for (?:more|the latest)\b.*|(?:follow|like) us on .*|"
                r"(?:subscribe|sign up) (?:to|for) (?:our|the) .{0,40}newsletter.*|share (?:this|on|via)\b.{0,40}|"
                r"click here to .{0,80})", re.I), SITE_FOOTER, 200),
    (re.compile(r"(?:advertisement|advertising|sponsored(?: content)?|story continues below(?: advertisement)?|"
                r"continue reading(?: below)?|skip (?:advert|ad)(?:isement)?)" + _END, re.I), ADVERT, 40),
    (re.compile(r"(?:skip to (?:main )?content|menu|search|sign in|log ?in|home|close|back to top)" + _END, re.I),
     NAVIGATION, 30),
    (re.compile(r".*(?:may contain statements that reflect the opinion|not responsible for (?:the )?content|"
                r"for (?:educational|informational)(?: and entertainment)? purposes only|"
                r"not intended as a substitute for|do(?:es)? not necessarily reflect the (?:views|opinions)).*", re.I),
     DISCLAIMER, 1500),
]


def classify_line(line: str) -> str | None:
    """The reason a single line is site chrome, judged by its own shape, or None."""
    s = line.strip()
    for pattern, reason, max_len in _MARKERS:
        if len(s) <= max_len and pattern.fullmatch(s):
            return reason
    return None

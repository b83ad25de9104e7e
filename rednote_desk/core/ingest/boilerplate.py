"""Find site chrome in plain article text (banners, footers, comment forms, repeats, embeds) to offer for trimming.

Rules look at the shape and position of whole lines (markers, where they sit, how long they are), never at
particular sites' sentences. Nothing is removed here: the caller decides.
"""
from __future__ import annotations

import re

from rednote_desk.core.ingest.lines import Line, header_banner_lines, looks_like_headline, nonblank_lines
from rednote_desk.core.ingest.markers import (
    ADVERT,
    BANNER,
    BYLINE,
    DANGLING,
    EMBED,
    NAVIGATION,
    REPEATED,
    REPEATED_HEADLINE,
    TAGS,
    classify_line,
)
from rednote_desk.core.ingest.model import BoilerplateSpan
from rednote_desk.core.ingest.sniff import parse_byline

_NOT_FOOTER_MARKERS = (REPEATED, REPEATED_HEADLINE, EMBED, BANNER, ADVERT, NAVIGATION)

# Unmarked lines inside a supposed footer must be short (link titles, captions) and few, else the
# marker sits inside the article.
_FOOTER_MAX_PLAIN_LINE = 120
_FOOTER_MAX_PLAIN_TOTAL = 1500
_MIN_REPEAT = 40

_HANDLE = re.compile(r"@[A-Za-z0-9_.]{2,30}")
_MUSIC_CREDIT = re.compile(r"♬\s*.*")
_INSTAGRAM_START = re.compile(r"view this post on instagram", re.I)
_INSTAGRAM_END = re.compile(r"a post shared by .*", re.I)
_TWEET_SIGNATURE = re.compile(r"[—–-]+\s*.{1,60}\(@\w{1,30}\)\s+\w+\.? \d{1,2}, \d{4}.*")
_DANGLING_SENTENCE = re.compile(r"(?:^|(?<=[.!?]\s))(?P<s>[^.!?]*:)\s*$")
_MEDIA_WORD = re.compile(
    r"\b(?:screenshots?|images?|photos?|photographs?|pictures?|videos?|clips?|gallery|infographics?|charts?|"
    r"graphics?|tweets?|posts?)\b",
    re.I,
)
_MEDIA_CUE = re.compile(r"\b(?:here (?:are|is)|below|for reference|following|take a look|check out|see|watch)\b", re.I)
_CONTENT_START = re.compile(r"\s*(?:[-*•]\s|\d+[.)]\s|[@“\"«>])")


def detect_boilerplate(text: str) -> tuple[BoilerplateSpan, ...]:
    """Spans of whole lines (or a dangling last sentence) that look like site chrome, sorted, not overlapping."""
    lines = nonblank_lines(text)
    if not lines:
        return ()
    banners = len(header_banner_lines(lines))  # the banner block is always the first lines
    labels: dict[int, str] = dict.fromkeys(range(banners), BANNER)
    _label_embeds(lines, labels)
    _label_repeats(lines, labels, first_body=banners)
    _label_markers(lines, labels)
    _label_footer(lines, labels, text_length=len(text))
    _label_tail_byline(lines, labels)
    spans = _merge(lines, labels)
    spans.extend(_dangling_media(lines, labels))
    return tuple(sorted(spans, key=lambda span: span.start))


def _label_embeds(lines: list[Line], labels: dict[int, str]) -> None:
    """TikTok (@handle ... ♬ sound), Instagram and X/Twitter embeds that lost their media."""
    for i, line in enumerate(lines):
        s = line.text.strip()
        if i in labels:
            continue
        if _HANDLE.fullmatch(s):
            end = i
            for j in range(i + 1, min(i + 6, len(lines))):
                if _MUSIC_CREDIT.fullmatch(lines[j].text.strip()):
                    end = j
                    break
            for k in range(i, end + 1):
                labels[k] = EMBED
        elif _MUSIC_CREDIT.fullmatch(s) and len(s) <= 200:
            labels[i] = EMBED
        elif _INSTAGRAM_START.fullmatch(s):
            for j in range(i, min(i + 8, len(lines))):
                if _INSTAGRAM_END.fullmatch(lines[j].text.strip()):
                    for k in range(i, j + 1):
                        labels[k] = EMBED
                    break
            else:
                labels[i] = EMBED
        elif _TWEET_SIGNATURE.fullmatch(s):
            labels[i] = EMBED
            if i > 0 and i - 1 not in labels and len(lines[i - 1].text) <= 300:
                labels[i - 1] = EMBED


def _repeat_key(text: str) -> str:
    return " ".join(text.split()).rstrip(" .…!?").casefold()


def _label_repeats(lines: list[Line], labels: dict[int, str], *, first_body: int) -> None:
    """A paragraph (or headline) that repeats an earlier one: flag the later copy."""
    title_key = None
    if first_body < len(lines) and looks_like_headline(lines[first_body].text):
        title_key = _repeat_key(lines[first_body].text)
    seen: dict[str, int] = {}
    keys = [_repeat_key(line.text) for line in lines]
    for i, key in enumerate(keys):
        if i in labels:
            continue
        if key == title_key and i != first_body and len(key) >= 15:
            labels[i] = REPEATED_HEADLINE
        elif len(key) >= _MIN_REPEAT and (key in seen or any(key in keys[j] for j in range(max(0, i - 3), i))):
            labels[i] = REPEATED
        seen.setdefault(key, i)


def _label_markers(lines: list[Line], labels: dict[int, str]) -> None:
    for i, line in enumerate(lines):
        if i in labels:
            continue
        reason = classify_line(line.text)
        if reason:
            labels[i] = reason
            s = line.text.strip()
            # "Tags:" alone on its line: the list follows on the next line
            if reason == TAGS and s.endswith(":") and i + 1 < len(lines) and lines[i + 1].text.count(",") >= 2:
                labels.setdefault(i + 1, TAGS)


def _label_footer(lines: list[Line], labels: dict[int, str], *, text_length: int) -> None:
    """From the first footer marker in the second half of the text, everything after is footer.

    Not when an ordinary long paragraph follows the marker: then the marker sits inside the article.
    """
    plain_after = [0] * (len(lines) + 1)  # characters of unmarked lines from index i on
    last_long = -1
    for j in range(len(lines) - 1, -1, -1):
        size = 0 if j in labels else len(lines[j].text.strip())
        plain_after[j] = plain_after[j + 1] + size
        if size > _FOOTER_MAX_PLAIN_LINE and last_long < 0:
            last_long = j
    for i in range(last_long + 1, len(lines)):
        reason = labels.get(i)
        if reason is None or reason in _NOT_FOOTER_MARKERS or lines[i].start < text_length // 2:
            continue
        if plain_after[i + 1] > _FOOTER_MAX_PLAIN_TOTAL:
            continue
        current = reason
        for j in range(i + 1, len(lines)):
            own = classify_line(lines[j].text)
            current = own or current
            labels[j] = current
        return


def _label_tail_byline(lines: list[Line], labels: dict[int, str]) -> None:
    """A sign-off byline ('Jane Roe for The Daily Bugle') as one of the last two lines."""
    for i in range(max(0, len(lines) - 2), len(lines)):
        if i not in labels and parse_byline(lines[i].text, allow_for_form=True):
            labels[i] = BYLINE


def _merge(lines: list[Line], labels: dict[int, str]) -> list[BoilerplateSpan]:
    """Consecutive labelled lines with the same reason become one span (blank lines between included)."""
    spans: list[BoilerplateSpan] = []
    for i in sorted(labels):
        reason = labels[i]
        if spans and spans[-1].reason == reason and i - 1 in labels and labels[i - 1] == reason:
            spans[-1] = BoilerplateSpan(spans[-1].start, lines[i].end, reason)
        else:
            spans.append(BoilerplateSpan(lines[i].start, lines[i].end, reason))
    return spans


def _dangling_media(lines: list[Line], labels: dict[int, str]) -> list[BoilerplateSpan]:
    """'Here are some screenshots for reference:' ending a paragraph, with the media gone."""
    spans = []
    for i, line in enumerate(lines):
        if i in labels:
            continue
        stripped = line.text.rstrip()
        match = _DANGLING_SENTENCE.search(stripped)
        if not match:
            continue
        sentence = match.group("s")
        if not (_MEDIA_WORD.search(sentence) and _MEDIA_CUE.search(sentence)) or len(sentence) > 200:
            continue
        if i + 1 < len(lines) and (i + 1 in labels and labels[i + 1] == EMBED or _CONTENT_START.match(lines[i + 1].text)):
            continue
        lead = len(sentence) - len(sentence.lstrip())
        spans.append(BoilerplateSpan(line.start + match.start("s") + lead, line.start + len(stripped), DANGLING))
    return spans

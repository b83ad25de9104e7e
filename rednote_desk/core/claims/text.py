"""Text helpers for claim suggestions: sentence spans, content words, counted-noun classes."""
from __future__ import annotations

import bisect
import re

from rednote_desk.core.numbers.cjk import MODIFIERS as CJK_MODIFIERS
from rednote_desk.core.numbers.cjk import NOUNS as CJK_NOUNS

# Counted nouns that name the same kind of thing (after singularising). A spinner writes
# "customers" for "users", "folks" for "people"; a demonym counts people too.
NOUN_CLASSES: dict[str, tuple[str, ...]] = {
    "users": (
        "user", "customer", "people", "person", "folk", "member", "account", "subscriber",
        "individual", "consumer", "netizen", "client", "patron", "resident", "citizen", "visitor",
        "newcomer", "downloader", "signup", "sign-up", "registration", "menschen", "personne",
        "utilisateur", "nutzer", "refugee", "migrant", "immigrant", "arrival", "exile", "evacuee",
    ),
    "workers": (
        "worker", "dockworker", "longshoreman", "longshoremen", "employee", "staff", "labourer",
        "laborer", "docker", "personnel", "striker", "unionist", "beschäftigte", "arbeiter",
        "arbeiterinnen", "travailleur", "ouvrier", "salarié", "mitarbeiter", "mitarbeiterin",
    ),
    "posts": ("post", "message", "tweet", "upload", "note"),
    "comments": ("comment", "feedback", "reply", "remark"),
    "views": ("view", "impression", "viewing", "play"),
    "downloads": ("download", "install", "installation"),
    "ships": ("ship", "vessel", "boat", "freighter", "tanker", "schiff", "schiffe", "navire", "船只"),
    "vehicles": ("vehicle", "car", "auto", "automobile", "elektroauto", "fahrzeug", "pkw", "voiture", "truck"),
    "passengers": ("passenger", "traveller", "traveler", "commuter", "rider", "fahrgast", "fahrgäste",
                   "reisende", "voyageur"),
    "containers": ("container", "box", "teu"),
    "deaths": ("death", "fatality", "dead"),
    "jobs": ("job", "position", "post-job"),
}
# Modifiers of one family contradict each other ("US users" / "Chinese users"); of different ones not.
MODIFIER_FAMILIES = (
    frozenset({"us", "chinese", "foreign", "european", "british", "german", "japanese", "global"}),
    frozenset({"new", "active", "paying", "registered", "total", "former"}),
)
# Counted nouns of time: two counts of years are one claim only when their sentences say the same.
DURATIONS = frozenset({"year", "month", "week", "day", "hour", "decade", "minute"})
# Nouns of the "users" and "workers" classes both count people: related, not the same.
PERSON_CLASSES = frozenset({"users", "workers"})
DEMONYMS = frozenset(
    """americans chinese europeans britons germans french canadians australians indians japanese
    koreans russians ukrainians mexicans brazilians taiwanese italians spaniards dutch
    americains""".split()
)
# Modifier spellings (incl. a spinner's synonyms) -> one form.
MODIFIER_SYNONYMS: dict[str, str] = {
    "american": "us", "us": "us", "u.s.": "us", "american-based": "us", "usa": "us", "chinese": "chinese",
    "lively": "active", "energetic": "active", "active": "active",
    "contemporary": "new", "recent": "new", "fresh": "new", "new": "new",
    "monthly": "", "month-to-month": "", "daily": "", "weekly": "", "annual": "", "yearly": "",
}
RATE_CUES: dict[str, str] = {
    "monthly": "month", "month-to-month": "month", "a month": "month", "per month": "month",
    "each month": "month", "every month": "month", "mau": "month", "mau's": "month",
    "daily": "day", "a day": "day", "per day": "day", "each day": "day", "every day": "day",
    "weekly": "week", "a week": "week", "per week": "week",
    "annually": "year", "yearly": "year", "a year": "year", "per year": "year", "annual": "year",
}
_RATE_CUE_RE = re.compile(
    r"(?i)(?<!\bin )(?<!\bwithin )(?<!\bfor )(?<!\bover )(?<!\bthan )\b(?:" + "|".join(sorted((re.escape(k) for k in RATE_CUES), key=len, reverse=True))
    + r")\b"
)
# Words a spinner swaps, mapped to one form so context windows still match.
CONTEXT_SYNONYMS: dict[str, str] = {
    "customer": "user", "folk": "people", "person": "people", "member": "user", "account": "user",
    "subscriber": "user", "american": "us", "u.s.": "us", "usa": "us", "america": "us",
    "join": "join", "joined": "join", "joining": "join", "signed": "join", "sign": "join",
    "register": "join", "registered": "join", "attracting": "join", "attracted": "join",
    "arrived": "join", "flocked": "join", "moved": "join", "downloaded": "join",
    "died": "die", "dead": "die", "killed": "die", "perished": "die",
    "contained": "containment", "burned": "burn", "burnt": "burn", "scorched": "burn", "charred": "burn",
    "migrated": "migrate", "migrating": "migrate", "migration": "migrate", "flock": "migrate",
    "flocking": "migrate", "feedback": "comment", "comments": "comment", "lively": "active",
    "month-to-month": "monthly", "retailer": "store", "shops": "store", "shop": "store",
    "dockworker": "worker", "longshoreman": "worker", "docker": "worker", "employee": "worker",
    "walkout": "strike", "stoppage": "strike", "striking": "strike", "struck": "strike",
    "increase": "raise", "hike": "raise", "rise": "raise", "wage": "pay", "salary": "pay",
    "wages": "pay", "lohn": "pay", "streik": "strike", "grève": "strike",
}
STOP_WORDS = frozenset(
    """a an the of in on at to for from by with without and or but nor so as is are was were be been
    being has have had do does did will would can could may might must shall should who whom whose
    which that this these those there their they them it its he she his her we our you your i me my
    if when while where since until after before during about around over more than less most also
    already now still just only even yet then than not no some any all each every such via per into
    onto up down out off like within among amid across through whether own other another very much
    many one two three four five six seven eight nine ten said says say according reportedly
    reported million billion thousand hundred approximately roughly nearly almost greater
    """.split()
)
_WORD_RE = re.compile(r"[^\W\d_][\w'’\-.]*[^\W_]|[^\W\d_]")
_SENTENCE_BREAK_RE = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n+|(?<=[。！？])[”」』]*\s*")
_ABBREVIATION_RE = re.compile(
    r"(?:\b(?:[A-Z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|Nr|vs|Sen|Rep|Gov|Gen|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Ltd|Co|Corp|approx|ca|est|Mio|Mrd|Tsd|bzw|Nr|etc)\.)$"
)


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences (and lines) of ``text``; the first is 0."""
    starts = [0]
    for m in _SENTENCE_BREAK_RE.finditer(text):
        if m.group().startswith("\n") or not _ABBREVIATION_RE.search(text, max(0, m.start() - 8), m.start()):
            starts.append(m.end())
    return starts


def sentence_span(text: str, starts: list[int], start: int, end: int, *,
                  max_chars: int = 320) -> tuple[int, int]:
    """The sentence around ``start``..``end``, trimmed of whitespace, at most ~``max_chars`` long."""
    i = bisect.bisect_right(starts, start) - 1
    lo = starts[i]
    hi = starts[i + 1] if i + 1 < len(starts) else len(text)
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    while lo < hi and text[lo].isspace():
        lo += 1
    if hi - lo > max_chars:
        half = max_chars // 2
        new_lo = max(lo, start - half)
        new_hi = min(hi, end + half)
        while new_lo > lo and not text[new_lo - 1].isspace():
            new_lo -= 1
        while new_hi < hi and not text[new_hi].isspace():
            new_hi += 1
        lo, hi = new_lo, new_hi
    return lo, max(hi, end)


def singular(word: str) -> str:
    """A light singular form ("customers" -> "customer", "longshoremen" -> "longshoreman")."""
    w = word.lower().strip("'’")
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("men") and len(w) > 4:
        return w[:-3] + "man"
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def noun_class(noun: str | None) -> str | None:
    """The class of a counted noun ("customers" -> "users"), or its singular when it has none."""
    if not noun:
        return None
    if noun in CJK_NOUNS:
        return CJK_NOUNS[noun]
    low = noun.lower()
    if low in DEMONYMS:
        return "users"
    one = singular(low)
    for name, members in NOUN_CLASSES.items():
        if one in members or low in members:
            return name
    for name, members in NOUN_CLASSES.items():
        if any(one.endswith(m) and len(m) >= 4 for m in members):
            return name  # "dockworkers" -> worker, "port-workers"
    return one


def topic_class(noun: str | None) -> str | None:
    """What a percentage or sum is about ("wage increase" -> "raise"), in one spelling."""
    if not noun:
        return None
    one = singular(noun)
    return CONTEXT_SYNONYMS.get(one, CONTEXT_SYNONYMS.get(noun.lower(), one))


def normal_modifiers(modifiers: tuple[str, ...], noun: str | None) -> frozenset[str]:
    """Modifiers in one spelling, without rate words; a demonym noun adds its country."""
    out = set()
    for m in modifiers:
        norm = CJK_MODIFIERS.get(m) or MODIFIER_SYNONYMS.get(m.lower(), m.lower())
        if norm:
            out.add(norm)
    if noun and noun.lower() in ("americans", "americains"):
        out.add("us")
    return frozenset(out)


_GERMAN_RE = re.compile(r"\b(?:der|die|das|und|ist|sind|mit|nicht|seit|für|auf|den|dem|ein|eine|wird)\b")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
_TOPIC_BEFORE_RE = re.compile(
    r"(?P<w>[^\W\d_]{3,})[^\S\n]+(?:(?:stands?|stood|is|was|were|are|remains?|remained|reached|came|comes)"
    r"[^\S\n]+)?(?:of|at|by|to)[^\S\n]+(?:[^\W\d_]+[^\S\n]+)?$"
)
_TOPIC_AFTER_RE = re.compile(r"[^\S\n]+(?:more|mehr|plus\s+de)[^\S\n]+(?P<w>[^\W\d_]{3,})")


_AUXILIARIES = frozenset(
    """have has had been were was are is be being now already so far reportedly also all still
    who that which had've just""".split()
)
_NEXT_WORDS_RE = re.compile(r"[^\W\d_][\w'’\-]*|[,;:.!?()]")


def predicate_after(text: str, end: int, noun: str | None) -> str | None:
    """What the counted things did, in one spelling: the first word after the counted noun that is
    not an auxiliary ("8,000 residents were evacuated" -> "evacuated", "users signed up" -> "join")."""
    if not noun:
        return None
    at = text.find(noun, end, end + 60)
    if at < 0:
        return None
    for m in _NEXT_WORDS_RE.finditer(text, at + len(noun), at + len(noun) + 60):
        word = m.group().lower()
        if not word[0].isalpha():
            return None
        if word in _AUXILIARIES:
            continue
        if word in STOP_WORDS:
            return None
        found = content_words(word)
        return found[0] if found else None
    return None


def language_of(text: str) -> str:
    """"zh" for Chinese or Japanese, "de" for German, "" for English and the rest (enough to know
    whether two sentences' words can be compared as strings)."""
    sample = text[:4000]
    if len(_CJK_RE.findall(sample)) > len(sample) / 10:
        return "zh"
    return "de" if len(_GERMAN_RE.findall(sample)) >= 3 else ""


def topic_around(text: str, start: int, end: int) -> str | None:
    """What a percentage or sum with nothing after it is about: "a pay rise of 6 percent" -> "rise",
    "6 Prozent mehr Lohn" / "6% more pay" -> "raise"."""
    after = _TOPIC_AFTER_RE.match(text, end)
    if after:
        return "raise"
    before = _TOPIC_BEFORE_RE.search(text, max(0, start - 40), start)
    if before and before.group("w").lower() not in STOP_WORDS and not before.group("w").endswith(("ed", "ing")):
        return before.group("w")
    return None


def rate_in(text: str) -> str | None:
    """A rate cue ("monthly", "a day") in ``text``, normalised to its period."""
    m = _RATE_CUE_RE.search(text)
    return RATE_CUES[m.group().lower()] if m else None


def content_words(text: str) -> list[str]:
    """Lower-cased content words with spinner synonyms folded and plurals trimmed."""
    out = []
    for m in _WORD_RE.finditer(text):
        w = m.group().lower().rstrip(".")
        if w in STOP_WORDS or len(w) < 2:
            continue
        w = CONTEXT_SYNONYMS.get(w, w)
        w = singular(w) if len(w) > 4 else w
        out.append(CONTEXT_SYNONYMS.get(w, w))
    return out

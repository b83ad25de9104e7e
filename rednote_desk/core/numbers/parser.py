"""Finds amounts in running text and normalises them into :class:`Quantity` objects.

The scanner looks for a *core* (digits, number words, "half a million", "tens of thousands"), then
grows it: scale ("million", "bn", "Mio."), range ("9,000-13,000", "between 5 and 7"), percent,
currency, "+", rate ("a day"), and to the left currency symbol and qualifier ("more than").
Dates, times, phone numbers, codes, ordinals, years and labels ("Gate 3") are rejected.
"""
from __future__ import annotations

import bisect
import math
import re

from rednote_desk.core.numbers import lexicon as lex
from rednote_desk.core.numbers.masks import not_quantity_spans
from rednote_desk.core.numbers.quantity import Quantity, interval


def _alternation(words, *, flags: str = "") -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


_UNIT_W = _alternation(lex.UNIT_WORDS)
_TENS_W = _alternation(lex.TENS_WORDS)
_SMALL_W = rf"(?:{_TENS_W}(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine)\b)?|{_UNIT_W})"
_BIG_W = r"(?:hundred|thousand|million|billion|trillion|dozen)"

_FRACTION = (
    rf"(?i:\b(?:(?P<fint>{_SMALL_W}|\d+)\s+and\s+)?(?:(?:a|an|one)[\s-]+)?"
    r"(?P<frac>half|quarter|third|three[\s-]quarters?)[\s-]+(?:of\s+)?(?:(?:a|an|one)\s+)?"
    r"(?P<fscale>hundred|thousand|million|billion|trillion)\b)"
)
_VAGUE = "(?i:\\b(?P<vague>" + _alternation(lex.VAGUE_AMOUNTS) + r")\b(?P<vof>\s+of\b)?)"
# A share of a whole: "two thirds of voters", "one sixth", "a quarter of its flats", "half of them".
_SHARE = (
    rf"(?i:\b(?P<snum>{_SMALL_W}|a|an)[\s-]+(?P<sden>"
    + _alternation(lex.SHARE_DENOMINATORS) + r")\b(?P<sof>[^\S\n]+of\b)?"
    + r"|\b(?P<shalf>half)(?P<shof>[^\S\n]+of\b))"
)
_WORDS = (
    rf"(?i:\b(?P<words>(?:(?:a|an)\s+{_BIG_W}\b|{_SMALL_W}\b)"
    rf"(?:(?:(?:(?<=illion)|(?<=ousand)),)?[\s-]+(?:and\s+)?(?:{_SMALL_W}|{_BIG_W})\b)*))"
)
# "10 000" (a plain space between groups of three) or digits with separators.
_DIGITS = (
    r"(?<![\w.,])(?<![A-Za-z]-)(?P<digits>\d{1,3}(?:[ ]\d{3})+(?![\d])(?:[,.]\d+)?"
    r"|\d+(?:[,.\u00a0\u202f\u2009'’]\d+)*)"
)
_CORE_RE = re.compile(f"{_FRACTION}|{_VAGUE}|{_SHARE}|{_WORDS}|{_DIGITS}")
_WORD_TOKEN_RE = re.compile(r"[A-Za-z]+")
_TOKEN_RE = re.compile(r"\d+(?:[,.\u00a0\u202f\u2009'’]\d+)*|[A-Za-z]+")
_STARTERS = frozenset(
    ["a", "an", "half", "quarter", "third", "three", "tens", "dozens", "scores", "hundreds",
     "thousands", "millions", "billions"]
    + list(lex.UNIT_WORDS) + list(lex.TENS_WORDS)
)

_WS = r"[^\S\n]"
_SCALE_RE = re.compile(
    r"(?P<sp>[^\S\n]*|-)(?P<scale>" + _alternation(lex.DIGIT_SCALES) + r")(?![A-Za-z])"
)
_PERCENT_RE = re.compile(
    r"(?P<sp>[^\S\n]*)(?P<pct>" + _alternation(lex.PERCENT_POINT_WORDS) + "|"
    + _alternation(lex.PERCENT_WORDS) + r")(?![A-Za-z])"
)
_CURRENCY_AFTER_RE = re.compile(
    r"[^\S\n]*(?P<cur>" + _alternation(lex.CURRENCY_SUFFIXES) + r")(?![A-Za-z])"
)
_CURRENCY_BEFORE_RE = re.compile(
    "(?<![A-Za-z])(?P<cur>" + _alternation(lex.CURRENCY_PREFIXES) + r")[^\S\n]?$"
)
_QUALIFIER_BEFORE_RE = re.compile(
    r"(?i:(?<![\w])(?P<q>" + _alternation(lex.QUALIFIERS) + r")[^\S\n]+(?:the[^\S\n]+)?$)"
)
_RANGE_OPENER_RE = re.compile(r"(?i:(?<![\w])(?P<open>between|from|zwischen|entre)[^\S\n]+$)")
_RANGE_SEP_RE = re.compile(r"[^\S\n]*(?P<sep>-|–|—|to|and|und|et|y|bis|à)[^\S\n]*")
_PLUS_RE = re.compile(r"\+|-plus\b|\s+plus\b|\s+or\s+more\b|\s+and\s+counting\b")
_OR_SO_RE = re.compile(r"\s+or\s+so\b")
_RATE_RE = re.compile(
    r"(?:[^\S\n]+(?:a|an|per|each|every|par|pro)[^\S\n]+|[^\S\n]*/[^\S\n]*)"
    r"(?P<per>" + _alternation(lex.RATE_PERIODS, flags="i") + r")\b"
    r"(?![^\S\n]+(?:ago|earlier|later|before|after|or)\b)"
)
_PREV_WORD_RE = re.compile(r"(?P<w>[#\w][\w.'’]*)[^\S\n]+$")
_NEXT_WORD_RE = re.compile(r"[^\S\n]+[‘“\"'«]?(?P<w>(?:[A-Z]\.){2,}|[^\W\d_][\w'’\-]*)")
# "American and Chinese users": a conjunction between two modifiers of one counted noun.
_CONJUNCTION_RE = re.compile(r"[^\S\n]*(?:,[^\S\n]*)?(?:and|or|&)(?=[^\S\n])")

_NOUN_STOP = frozenset(
    """a an the of in on at to for from by with without under over into onto than then and or but nor
    so as is are was were be been being has have had do does did will would can could may might must
    shall should who whom whose which that this these those there their they them it its he she his her
    we our you your i me my us if when while where since until after before during about around
    across through per each every more less most least also already now still just only even yet
    ago earlier later worldwide globally nationwide overall total alone apiece last next such via
    versus vs toward towards among amid between within behind against like unlike up down out off
    whereas because though although not no new
    sind ist war waren wurden werden wird haben hat hatten der die das den dem des und oder im auf
    für mit von pro bei nach aus zu zum zur sont est ont les des de du la le et ou par pour dans
    sur en mehr weniger plus moins""".split()
)
_NOUN_STOP_KEEP_AS_MODIFIER = frozenset({"new"})
_CAPITALISED_STOP = frozenset(lex.MONTHS + lex.WEEKDAYS)
_SENTENCE_END = re.compile(r"[.!?]\s+$")


_SEPARATED_NUMBER_RE = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)+(?![\d])")
_EUROPEAN_WORDS_RE = re.compile(
    r"Mio\.|Mrd\.|Millionen|Milliarden|Prozent|pour cent|milli(?:on|ard)s? d['’]|\d[^\S\n]?€"
)


def detect_decimal_mark(text: str) -> str:
    """Guess whether ``text`` writes decimals with "." (English) or "," (most of Europe).

    Unambiguous numbers vote ("3,5" and "1.227.000" for ",", "5.5" and "1,227,000" for "."),
    and so do words such as "Mio." or "Prozent"; a tie means ".".
    """
    european = len(_EUROPEAN_WORDS_RE.findall(text))
    english = 0
    for m in _SEPARATED_NUMBER_RE.finditer(text):
        num = m.group()
        comma, dot = num.rfind(","), num.rfind(".")
        if comma >= 0 and dot >= 0:
            if comma > dot:
                european += 1
            else:
                english += 1
            continue
        sep = "," if comma >= 0 else "."
        groups = num.split(sep)[1:]
        if len(groups) == 1 and len(groups[0]) != 3:
            english, european = (english + 1, european) if sep == "." else (english, european + 1)
        elif len(groups) > 1 and all(len(g) == 3 for g in groups):
            english, european = (english + 1, european) if sep == "," else (english, european + 1)
    return "," if european > english else "."


def interpret_digits(raw: str, decimal_mark: str) -> float | None:
    """The value of a digit string with separators, or None when the grouping is not a number."""
    s = re.sub(r"[ \u00a0\u202f\u2009'’]", "_", raw)
    if "_" in s:
        parts = s.split("_")
        if not _groups_ok(parts):
            return None
        s = "".join(parts)
    has_comma, has_dot = "," in s, "." in s
    if has_comma and has_dot:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        grp = "." if dec == "," else ","
        whole, _, frac = s.rpartition(dec)
        if grp in frac or not _groups_ok(whole.split(grp)):
            return None
        return float(whole.replace(grp, "") + "." + frac)
    sep = "," if has_comma else "." if has_dot else None
    if sep is None:
        return float(s)
    parts = s.split(sep)
    if len(parts) > 2:
        return float("".join(parts)) if _groups_ok(parts) else None
    whole, frac = parts
    if len(frac) == 3 and len(whole) <= 3 and whole != "0" and (sep != decimal_mark or frac == "000"):
        return float(whole + frac)
    return float(whole + "." + frac)


def _groups_ok(parts: list[str]) -> bool:
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])


def evaluate_words(phrase: str) -> float | None:
    """The value of a cardinal made of number words ("two hundred and fifty thousand")."""
    total = 0.0
    current = 0.0
    seen_any = False
    last_scale = float("inf")
    for tok in _WORD_TOKEN_RE.findall(phrase.lower()):
        if tok in ("a", "an"):
            current = 1
        elif tok == "and":
            continue
        elif tok in lex.UNIT_WORDS or tok in lex.TENS_WORDS:
            current += lex.UNIT_WORDS.get(tok, lex.TENS_WORDS.get(tok, 0))
            seen_any = True
        elif tok == "hundred":
            current = (current or 1) * 100
            seen_any = True
        elif tok == "dozen":
            current = (current or 1) * 12
            seen_any = True
        elif tok in lex.WORD_SCALES:
            scale = lex.WORD_SCALES[tok]
            if scale >= last_scale:
                return None
            total += (current or 1) * scale
            current = 0
            last_scale = scale
            seen_any = True
        else:
            return None
    return total + current if seen_any else None


class _Scanner:
    """One pass over one text."""

    def __init__(self, text: str, decimal_mark: str | None) -> None:
        self.text = text
        self._mark = decimal_mark
        self._german: bool | None = None
        spans = not_quantity_spans(text)
        self.mask_starts = [s for s, _ in spans]
        self.mask_ends = [e for _, e in spans]

    @property
    def mark(self) -> str:
        """The decimal mark, guessed from the whole text the first time an amount needs it."""
        if self._mark is None:
            self._mark = detect_decimal_mark(self.text)
        return self._mark

    @property
    def german(self) -> bool:
        """Whether the text reads as German, where every noun is capitalised: the counted noun is
        then the first capitalised word ("45.000 Hafenarbeiter streiken")."""
        if self._german is None:
            self._german = len(_GERMAN_WORDS_RE.findall(self.text, 0, 4000)) >= 3
        return self._german

    def masked(self, pos: int) -> bool:
        i = bisect.bisect_right(self.mask_starts, pos) - 1
        return i >= 0 and self.mask_ends[i] > pos

    def run(self) -> list[Quantity]:
        found: list[Quantity] = []
        consumed = 0
        self.prev_end = -1
        for m in self.cores():
            if m.start() < consumed or self.masked(m.start()):
                continue
            q = self.share(m) if m.group("sden") or m.group("shalf") else self.build(m)
            if q is not None and math.isfinite(q.value):
                found.append(q)
                consumed = self.prev_end = q.end
        return found

    def cores(self):
        """Core matches, left to right and non-overlapping, tried only where a token can start one
        (the same matches ``_CORE_RE.finditer`` gives, several times faster)."""
        text = self.text
        core_end = 0
        for tok in _TOKEN_RE.finditer(text):
            pos = tok.start()
            if pos < core_end:
                continue
            word = tok.group()
            if not word[0].isdigit() and word.lower() not in _STARTERS:
                continue
            m = _CORE_RE.match(text, pos)
            if m is not None and m.group("words") and "," in m.group("words") \
                    and evaluate_words(m.group("words")) is None:
                m = _CORE_RE.match(text, pos, text.index(",", pos))  # "two million, three million"
            if m is not None:
                core_end = m.end()
                yield m

    # -- the core -----------------------------------------------------------------------------
    def core_value(self, m: re.Match) -> tuple[float, float | None, float | None, float] | None:
        """(value, low, high, scale) of a core match; low/high only for vague plurals; scale is
        the multiplier written in words (1 when none); None for a share ("two thirds of")."""
        if m.group("sden") or m.group("shalf"):
            return None
        if m.group("frac"):
            frac_word = re.sub(r"[\s-]+", " ", m.group("frac").lower())
            frac = 0.75 if frac_word.startswith("three") else lex.FRACTION_WORDS[frac_word]
            whole = 0.0
            if m.group("fint"):
                fint = m.group("fint")
                whole = float(fint) if fint.isdigit() else (evaluate_words(fint) or 0.0)
            scale = lex.WORD_SCALES.get(m.group("fscale").lower(), 100.0)
            return (whole + frac) * scale, None, None, scale
        if m.group("vague"):
            key = re.sub(r"\s+", " ", m.group("vague").lower())
            low, high = lex.VAGUE_AMOUNTS[key]
            return low, low, high, low
        if m.group("words"):
            value = evaluate_words(m.group("words"))
            if value is None:
                return None
            scales = [lex.WORD_SCALES[w] for w in _WORD_TOKEN_RE.findall(m.group("words").lower())
                      if w in lex.WORD_SCALES]
            if re.search(r"(?i)hundred|dozen", m.group("words")):
                scales.append(100.0)
            return value, None, None, max(scales, default=1.0)
        value = interpret_digits(m.group("digits"), self.mark)
        return None if value is None else (value, None, None, 1.0)

    # -- growing a core into a quantity --------------------------------------------------------
    def build(self, m: re.Match) -> Quantity | None:
        text = self.text
        core = self.core_value(m)
        if core is None:
            return None
        value, low, high, scale_factor = core
        if not math.isfinite(value):
            return None  # "1" * 400
        has_scale = scale_factor > 1
        start, end = m.start(), m.end()
        noun_from = None
        if m.group("vague") and m.group("vof"):
            end, noun_from = m.end("vague"), m.end()
        is_digits = m.group("digits") is not None
        if m.group("vague") and not m.group("vof") and m.group("vague").lower() in ("scores", "dozens"):
            return None
        if is_digits and re.match(r"[A-Za-z]", text[end:end + 1]) and not _SCALE_RE.match(text, end):
            if not _PERCENT_RE.match(text, end):
                return None  # 19th, 1980s, 10am, 5G
        if _AGE_RE.match(text, end) or (is_digits and _TEMPERATURE_RE.match(text, end)):
            return None  # "a 12-year-old company", "25 C", "30 degrees"
        currency = self._currency_before(start)
        if currency:
            start = currency[1]
        negative = _sign_before(text, start)
        if negative:
            start -= 1
        scale_word = None
        if is_digits:
            sm = _SCALE_RE.match(text, end)
            if sm and self._scale_ok(sm, currency is not None):
                value *= lex.DIGIT_SCALES[sm.group("scale")]
                scale_word = sm.group("scale")
                has_scale = True
                end = sm.end()
        qualifier = None
        opener = _RANGE_OPENER_RE.search(text, max(0, start - 12), start)
        opener_word = opener.group("open").lower() if opener else None
        rng = self._range(end, value, has_scale, m, opener_word)
        if rng is not None:
            low, high, end, has_scale = rng
            value = (low + high) / 2
            if opener and opener_word != "from":
                start = opener.start()
        kind, unit = "count", None
        pm = _PERCENT_RE.match(text, end)
        if pm:
            kind = "percent"
            unit = "percentage points" if pm.group("pct").lower().startswith(("percentage", "points", "prozentp")) else "percent"
            end = pm.end()
        if currency:
            kind, unit = "money", currency[0]
        elif kind == "count":
            cm = _CURRENCY_AFTER_RE.match(text, end)
            if cm and not (cm.group("cur") == "pounds" and not has_scale and value < 1000):
                kind, unit = "money", lex.CURRENCY_SUFFIXES[cm.group("cur")]
                end = cm.end()
        plus = _PLUS_RE.match(text, end)
        if plus:
            qualifier = "at least" if "more" in plus.group() or "counting" in plus.group() else "over"
            end = plus.end()
        elif or_so := _OR_SO_RE.match(text, end):
            qualifier = "about"
            end = or_so.end()
        per = None
        rm = _RATE_RE.match(text, end)
        if rm:
            per = lex.RATE_PERIODS[rm.group("per").lower()]
            end = rm.end()
        qm = None
        if opener is None or rng is None:
            qm = _QUALIFIER_BEFORE_RE.search(text, max(0, start - 24), start)
            if qm:
                qualifier = qualifier or lex.QUALIFIERS[qm.group("q").lower()]
                start = qm.start()
        noun, modifiers, noun_end = self._noun(end if noun_from is None else noun_from, kind)
        if kind == "count" and noun is not None and noun.lower() in lex.DURATION_NOUNS and qm is not None \
                and qm.group("q").lower() == "over" and _time_span_over(text, start):
            return None  # "a 6% raise over two years": a span of time, not "more than two years"
        if kind == "count" and has_scale and noun is None:
            money_noun = _money_context(text, start, end)
            if money_noun is not None:  # "one billion in profit", "invested 300 million"
                kind, noun = "money", money_noun or None
        if per is None:
            per = next((lex.RATE_ADVERBS[w] for w in modifiers if w in lex.RATE_ADVERBS), None)
        if per is None and noun_end is not None:
            rm = _RATE_RE.match(text, noun_end)
            if rm:
                per = lex.RATE_PERIODS[rm.group("per").lower()]
        if per is None and kind == "money":
            per = _rate_around(text, start, end)
        if not self._accept(m, value, has_scale, kind, noun, is_digits, currency, scale_word, rng):
            return None
        if kind == "count":
            unit = noun
        if low is not None and rng is None:
            lo_hi = (low, high) if qualifier is None else interval(low, qualifier)
        else:
            lo_hi = interval(value, qualifier, low if rng else None, high if rng else None)
        if kind == "money" and rng is None and qualifier is None and not negative \
                and self._accounting_negative(start, end):
            negative, start, end = True, start - 1, end + 1  # "($99.99)"
        if negative and rng is None:
            value = -value
            lo_hi = (None if lo_hi[1] is None else -lo_hi[1], None if lo_hi[0] is None else -lo_hi[0])
        return Quantity(
            text=text[start:end], start=start, end=end, value=value, low=lo_hi[0], high=lo_hi[1],
            unit=unit, qualifier=qualifier, kind=kind, per=per, modifiers=modifiers, noun=noun,
        )

    def _accounting_negative(self, start: int, end: int) -> bool:
        """"($99.99)" is a negative sum in accounts; "9,000 yuan ($1,230)" is a conversion."""
        text = self.text
        if start == 0 or text[start - 1] != "(" or text[end:end + 1] != ")":
            return False
        between = text[max(self.prev_end, 0):start - 1] if self.prev_end >= 0 else "x"
        return bool(between.strip())

    def share(self, m: re.Match) -> Quantity | None:
        """A share of a whole as a percentage: "two thirds of voters" = 66.7 % of voters."""
        text = self.text
        numerator: float | None  # None: the words are not a number
        if m.group("shalf"):
            numerator, denominator, of = 1.0, 2, True
        else:
            word = m.group("snum").lower()
            den_word = m.group("sden").lower()
            denominator = lex.SHARE_DENOMINATORS[den_word]
            of = m.group("sof") is not None
            if word in ("a", "an"):
                numerator = 1.0
            else:
                numerator = evaluate_words(word) if not word.isdigit() else float(word)
            if not numerator or numerator >= denominator:
                return None
            if (word in ("a", "an") or denominator in (2, 4)) and not of:
                return None  # "a third time", "in one quarter"
        start, end = m.start(), m.end()
        qualifier = None
        qm = _QUALIFIER_BEFORE_RE.search(text, max(0, start - 24), start)
        if qm:
            qualifier, start = lex.QUALIFIERS[qm.group("q").lower()], qm.start()
        noun_from = end
        det = re.compile(r"[^\S\n]+(?:the|its|their|his|her|our|all|these|those|this|that)(?=[^\S\n])").match(text, end)
        if det:
            noun_from = det.end()
        noun, modifiers, _ = self._noun(noun_from, "count") if of else (None, (), None)
        end = m.end("sden") if m.group("sden") else m.end("shalf")
        value = round(100.0 * numerator / denominator, 2)
        low, high = interval(value, qualifier)
        return Quantity(text=text[start:end], start=start, end=end, value=value, low=low, high=high,
                        unit="percent", qualifier=qualifier, kind="percent", modifiers=modifiers, noun=noun)

    def _scale_ok(self, sm: re.Match, has_currency: bool) -> bool:
        scale = sm.group("scale")
        if scale in lex.GLUED_ONLY_SCALES:
            if sm.group("sp"):
                return False
            if scale in lex.CURRENCY_ONLY_SCALES and not has_currency:
                return False
        return not (sm.group("sp") == "-" and scale not in ("million", "billion", "trillion"))

    def _currency_before(self, start: int) -> tuple[str, int] | None:
        cm = _CURRENCY_BEFORE_RE.search(self.text, max(0, start - 6), start)
        if cm is None:
            return None
        return lex.CURRENCY_PREFIXES[cm.group("cur")], cm.start()

    def _range(self, end: int, value: float, has_scale: bool, m: re.Match, opener: str | None):
        """(low, high, end, has_scale) when a second amount follows ("-13,000", " to 5 million")."""
        text = self.text
        sep = _RANGE_SEP_RE.match(text, end)
        if sep is None:
            return None
        word = sep.group("sep")
        if word in ("and", "und", "et", "y") and opener not in ("between", "zwischen", "entre"):
            return None
        if word in ("to", "à", "bis") and opener in ("from",):
            return None  # "rose from 3 million to 5 million" is a change, not a range
        if word.isalpha() and sep.end() == sep.start() + len(word):
            return None
        pos = sep.end()
        cur = re.match(r"(?:US\$|\$|€|£|¥)", text[pos:])
        if cur:
            pos += cur.end()
        second = _CORE_RE.match(text, pos)
        if second is None or self.masked(second.start()) or second.group("vague"):
            return None
        core = self.core_value(second)
        if core is None:
            return None
        high, _, _, scale = core
        hend = second.end()
        if second.group("digits") is not None:
            if re.match(r"[A-Za-z]", text[hend:hend + 1]) and not _SCALE_RE.match(text, hend):
                return None
            sm = _SCALE_RE.match(text, hend)
            if sm and self._scale_ok(sm, cur is not None):
                scale = lex.DIGIT_SCALES[sm.group("scale")]
                high *= scale
                hend = sm.end()
        low = value
        if scale > 1 and not has_scale and low * scale <= high:
            low *= scale
        if _is_year_like(m.group("digits")) and _is_year_like(second.group("digits")):
            return None
        if not low < high:
            return None
        return low, high, hend, has_scale or scale > 1

    def _noun(self, end: int, kind: str) -> tuple[str | None, tuple[str, ...], int | None]:
        """Counted noun after the amount, the modifiers before it, and where the noun ends."""
        text = self.text
        words: list[tuple[str, int]] = []
        pos = end
        if kind == "money" or (kind == "percent" and re.match(r"[^\S\n]+of\b", text[pos:pos + 5])):
            lead = re.match(r"[^\S\n]+(?:of|in|for)\b", text[pos:pos + 6])
            if lead is None:
                return None, (), None
            pos += lead.end()
        for _ in range(6):
            wm = _NEXT_WORD_RE.match(text, pos)
            if wm is None:
                break
            w = wm.group("w")
            closing = False
            if w[-1] in "'’" and not re.match(r"[^\W\d_]", text[wm.end():wm.end() + 1]):
                w, closing = w.rstrip("'’"), True  # "‘TikTok refugees’": a closing quote
                if not w:
                    break
            low = w.lower()
            if low in _NOUN_STOP and low not in _NOUN_STOP_KEEP_AS_MODIFIER and not w.isupper():
                break
            if w in _CAPITALISED_STOP or (words and low in lex.RATE_ADVERBS):
                break
            if words and low.endswith(("ing", "ed")):
                break
            if _WORD_IS_NUMBER.fullmatch(low):
                break
            words.append((w, wm.start("w") + len(w)))
            pos = wm.end()
            if closing or _looks_plural(w) or (w[:1].isupper() and not w.isupper() and self.german):
                break
            conj = _CONJUNCTION_RE.match(text, pos)
            if conj and w[:1].isupper():
                pos = conj.end()  # "American and Chinese users"
                continue
            if text[pos:pos + 1] not in (" ", "\u00a0"):
                break
        while words and words[-1][0].lower() in _NOUN_STOP_KEEP_AS_MODIFIER:
            words.pop()
        if not words or len(words[-1][0]) < 2:
            return None, (), None
        noun = words[-1][0]
        modifiers = tuple(w.lower() for w, _ in words[:-1])
        return noun, modifiers, words[-1][1]

    def _accept(self, m, value, has_scale, kind, noun, is_digits, currency, scale_word, rng) -> bool:
        """Reject years, labels, bare "one" and number words that count nothing."""
        text = self.text
        raw = m.group("digits")
        if m.group("words"):
            words = m.group("words").lower().split()
            if not has_scale and kind == "count" and (noun is None or words == ["one"]):
                return False
        if not is_digits:
            return True
        strong = has_scale or kind != "count" or rng is not None
        prev = _PREV_WORD_RE.search(text, max(0, m.start() - 30), m.start())
        prev_word = prev.group("w") if prev else ""
        prev_low = prev_word.lower()
        if currency is None and prev is not None and not strong:
            if prev_low in lex.LABEL_WORDS:
                return False
            if (prev_word[:1].isupper() and prev_low not in lex.NON_LABEL_CAPITALS
                    and not prev_low.endswith(("'s", "’s")) and prev_word not in _CAPITALISED_STOP
                    and not _QUALIFIER_BEFORE_RE.search(text, max(0, m.start() - 24), m.start())
                    and not _SENTENCE_END.search(text, max(0, m.start() - 4), m.start())):
                return False
        if _is_year_like(raw) and currency is None and not has_scale and kind == "count":
            if noun is None or not _looks_plural(noun) or noun[:1].isupper():
                return False
            if prev_low in lex.YEAR_CONTEXT_WORDS or prev_low.endswith(("'s", "’s")):
                return False
        return True


_WORD_IS_NUMBER = re.compile(
    rf"(?:{_SMALL_W}|{_BIG_W}|half|quarter)", re.IGNORECASE
)


_IRREGULAR_PLURALS = frozenset(
    "people children men women staff police personnel cattle folk folks menschen personnes".split()
)


def _looks_plural(word: str) -> bool:
    """Heuristic: the counted noun usually closes the phrase ("users" in "new users have")."""
    low = word.lower()
    if low in _IRREGULAR_PLURALS:
        return True
    if word.isupper() or len(low) < 3:
        return False
    return low.endswith("s") and not low.endswith(("ss", "us", "is", "news", "ics"))


_GERMAN_WORDS_RE = re.compile(
    r"\b(?:der|die|das|und|ist|sind|mit|nicht|seit|für|auf|den|dem|ein|eine|wird|werden|nach|bei)\b"
)
_AGE_RE = re.compile(r"(?i:[\s-]+(?:year|month|week|day)s?[\s-]+old\b)")
_TEMPERATURE_RE = re.compile(r"[^\S\n]*(?:°|º|degrees?\b)|[^\S\n]?[CF]\b(?![.'’-]?\w)")
_SPAN_TOKEN_RE = re.compile(r"(?P<t>\S+)[^\S\n]+$")
_MONEY_IN_RE = re.compile(r"[^\S\n]+(?:in|of)[^\S\n]+(?:(?:new|fresh|annual|yearly|net|gross|lost|total)[^\S\n]+)?(?P<n>[a-z]+)\b")
_MONEY_VERB_RE = re.compile(r"(?i:(?P<v>[a-z]+)(?:[^\S\n]+(?:at|about|around|roughly|nearly|some|over|more than|an estimated))?[^\S\n]+$)")
_RATE_BEFORE_RE = re.compile(
    r"(?i:\b(?P<adj>" + "|".join(lex.RATE_ADJECTIVES) + r")[^\S\n]+(?:[a-z]+[^\S\n]+){0,2}?"
    r"(?:of|at|is|was|were|are|:|,)?[^\S\n]*$)"
)
_RATE_AFTER_ASIDE_RE = re.compile(r"[^\S\n]*\([^()\n]{1,60}\)")
_ASIDE_CLOSE_RE = re.compile(r"\)")  # the amount in the aside itself: "($1,230-1,780) a month"


def _sign_before(text: str, start: int) -> bool:
    """A minus sign glued to the amount and standing alone before it ("-15€", "−$5")."""
    if start == 0 or text[start - 1] not in "-−":
        return False
    return start == 1 or text[start - 2] in " \t\n(\u00a0:[/"


def _time_span_over(text: str, start: int) -> bool:
    """Whether "over" at ``start`` spans time after something ("a 6% raise over two years")."""
    tm = _SPAN_TOKEN_RE.search(text, max(0, start - 40), start)
    if tm is None:
        return False
    token = tm.group("t")
    if token[-1] in ".!?:;\"“”":
        return False
    word = token.strip("\"“”‘’'(),").lower()
    return bool(word) and word not in lex.MORE_THAN_BEFORE_DURATION


def _money_context(text: str, start: int, end: int) -> str | None:
    """Whether an amount with no currency is money: "" after a money verb, the noun after "in"."""
    nm = _MONEY_IN_RE.match(text, end)
    if nm and nm.group("n") in lex.MONEY_NOUNS:
        return nm.group("n")
    vm = _MONEY_VERB_RE.search(text, max(0, start - 40), start)
    if vm and vm.group("v").lower() in lex.MONEY_VERBS:
        return ""
    return None


def _rate_around(text: str, start: int, end: int) -> str | None:
    """The rate of a sum written before it ("a monthly salary of") or after an aside
    ("9,000 yuan ($1,230) a month")."""
    bm = _RATE_BEFORE_RE.search(text, max(0, start - 40), start)
    if bm:
        return lex.RATE_ADJECTIVES[bm.group("adj").lower()]
    am = _RATE_AFTER_ASIDE_RE.match(text, end) or _ASIDE_CLOSE_RE.match(text, end)
    if am:
        rm = _RATE_RE.match(text, am.end())
        if rm:
            return lex.RATE_PERIODS[rm.group("per").lower()]
    return None


def _is_year_like(raw: str | None) -> bool:
    return raw is not None and raw.isdigit() and len(raw) == 4 and 1000 <= int(raw) <= 2100


def scan(text: str, *, decimal_mark: str | None = None) -> list[Quantity]:
    """All quantities in ``text`` in order of appearance."""
    return _Scanner(text, decimal_mark).run()

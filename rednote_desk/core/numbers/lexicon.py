"""Word tables for the number parser: number words, scales, currencies, qualifiers, rates.

Plain data only; the parser in :mod:`rednote_desk.core.numbers.parser` turns them into regexes.
"""
from __future__ import annotations

UNIT_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
WORD_SCALES: dict[str, float] = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}
FRACTION_WORDS: dict[str, float] = {
    "half": 0.5, "quarter": 0.25, "third": 1 / 3, "three quarters": 0.75, "three-quarters": 0.75,
}
# Denominators of shares of a whole ("two thirds of voters", "one sixth", "a quarter of its flats").
SHARE_DENOMINATORS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}

# Scale words or abbreviations written after digits ("3 million", "$5bn", "3,5 Mio.", "55 millions").
# Keys are matched case-sensitively where the case matters (single letters), see the parser.
DIGIT_SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9,
    "billions": 1e9, "trillion": 1e12, "trillions": 1e12,
    "k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "B": 1e9,
    "tn": 1e12, "trn": 1e12, "T": 1e12, "Tn": 1e12, "Bn": 1e9, "BN": 1e9, "MN": 1e6,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
    # German / French / Spanish / Italian
    "Mio.": 1e6, "Mio": 1e6, "Millionen": 1e6, "Million": 1e6, "Mrd.": 1e9, "Mrd": 1e9,
    "Milliarden": 1e9, "Milliarde": 1e9, "Tsd.": 1e3, "Tausend": 1e3,
    "milliard": 1e9, "milliards": 1e9, "millones": 1e6, "milioni": 1e6, "miliardi": 1e9,
}
# Abbreviations that must be glued to the digits ("5m", not "5 m" which is metres).
GLUED_ONLY_SCALES = frozenset({"k", "K", "m", "M", "b", "B", "T"})
# Glued abbreviations that need a currency before the amount ("$2.174T"; "5m" alone may be metres).
CURRENCY_ONLY_SCALES = frozenset({"m", "b", "T"})

# Vague plurals: low and high end of what they allow.
VAGUE_AMOUNTS: dict[str, tuple[float, float]] = {
    "dozens": (24, 144), "scores": (40, 200), "hundreds": (100, 1e3), "thousands": (1e3, 1e6),
    "tens of thousands": (1e4, 1e5), "hundreds of thousands": (1e5, 1e6),
    "millions": (1e6, 1e9), "tens of millions": (1e7, 1e8), "hundreds of millions": (1e8, 1e9),
    "billions": (1e9, 1e12), "tens of billions": (1e10, 1e11), "hundreds of billions": (1e11, 1e12),
}

# Currency written before the amount. Longer keys first when building the regex.
CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "USD": "USD", "$": "USD", "HK$": "HKD", "A$": "AUD", "AU$": "AUD",
    "C$": "CAD", "CA$": "CAD", "NZ$": "NZD", "S$": "SGD", "R$": "BRL", "€": "EUR", "EUR": "EUR",
    "£": "GBP", "GBP": "GBP", "¥": "JPY", "JP¥": "JPY", "CN¥": "CNY", "RMB": "CNY", "CNY": "CNY",
    "₹": "INR", "Rs.": "INR", "Rs": "INR", "INR": "INR", "₩": "KRW", "CHF": "CHF", "₽": "RUB",
}
# Currency written after the amount ("55 euros", "9,000 yuan", "55 millions d'euros", "3,5 Mio. €").
CURRENCY_SUFFIXES: dict[str, str] = {
    "dollars": "USD", "dollar": "USD", "US dollars": "USD", "U.S. dollars": "USD", "USD": "USD",
    "euros": "EUR", "euro": "EUR", "Euro": "EUR", "EUR": "EUR", "€": "EUR", "d'euros": "EUR",
    "d’euros": "EUR", "de euros": "EUR", "di euro": "EUR",
    "pounds sterling": "GBP", "pounds": "GBP", "GBP": "GBP", "£": "GBP",
    "yuan": "CNY", "Yuan": "CNY", "renminbi": "CNY", "RMB": "CNY", "CNY": "CNY", "yen": "JPY", "JPY": "JPY",
    "rupees": "INR", "rupee": "INR", "francs": "CHF", "Swiss francs": "CHF", "CHF": "CHF",
    "roubles": "RUB", "rubles": "RUB", "de dólares": "USD", "dollari": "USD",
    "Dollar": "USD", "US-Dollar": "USD", "dollars américains": "USD",
}
CURRENCY_SYMBOLS: dict[str, str] = {
    "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "KRW": "₩", "RUB": "₽",
}

PERCENT_WORDS = (
    "%", "percent", "per cent", "per-cent", "p.c.", "p. c.", "pc", "pct.", "pct", "Prozent",
    "pour cent", "por ciento", "per cento",
)
PERCENT_POINT_WORDS = ("percentage points", "percentage point", "points de pourcentage", "Prozentpunkte")

# Qualifier phrases before the amount -> normalised qualifier.
QUALIFIERS: dict[str, str] = {
    "about": "about", "approximately": "about", "approx.": "about", "roughly": "about",
    "around": "about", "some": "about", "circa": "about", "ca.": "about", "c.": "about",
    "an approximate": "about", "in the region of": "about", "on the order of": "about",
    "etwa": "about", "rund": "about", "environ": "about", "près de": "nearly", "fast": "nearly",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "just shy of": "nearly", "not quite": "nearly", "a little under": "nearly",
    "over": "over", "more than": "over", "greater than": "over", "higher than": "over",
    "above": "over", "in excess of": "over", "upwards of": "over", "upward of": "over",
    "exceeding": "over", "north of": "over", "well over": "over", "just over": "over",
    "well above": "over", "beyond": "over", "über": "over", "mehr als": "over",
    "plus de": "over", "más de": "over",
    "under": "under", "less than": "under", "fewer than": "under", "below": "under",
    "well under": "under", "well below": "under", "lower than": "under",
    "weniger als": "under", "moins de": "under",
    "up to": "up to", "as many as": "up to", "as much as": "up to", "at most": "up to",
    "no more than": "up to", "a maximum of": "up to", "not more than": "up to", "bis zu": "up to",
    "jusqu'à": "up to",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "a minimum of": "at least", "not less than": "at least", "mindestens": "at least",
    "an estimated": "estimated", "estimated": "estimated", "est.": "estimated",
    "a reported": "estimated", "an expected": "estimated", "expected": "estimated",
}

# A sum without a currency is still money when it is "in" one of these ("one billion in profit") or
# follows one of the verbs below ("invested 300 million").
MONEY_NOUNS = frozenset(
    """profit profits revenue revenues sales funding investment investments losses loss damages fines
    fine aid debt debts earnings income turnover subsidies subsidy capital financing cash donations
    compensation spending savings costs bonuses bonus tax taxes taxpayer""".split()
)
MONEY_VERBS = frozenset(
    """invested invest invests investing raised raising raise spent spend spends spending paid pay
    pays paying earned earn earns earning cost costs costing fined fine worth valued value
    borrowed lent donated pledged injected poured budgeted allocated""".split()
)
# Counted nouns of time: "over two years" after another amount is a span ("a 6% raise over two
# years"), not "more than two years".
DURATION_NOUNS = frozenset(
    "year years month months week weeks day days decade decades hour hours quarter quarters".split()
)
# Words before "over <duration>" that make "over" mean "more than" ("for over ten years").
MORE_THAN_BEFORE_DURATION = frozenset(
    """for of than after took takes take taking lasted lasts last lasting spent spend spending in
    within is was were be been are has have had just well""".split()
)
# Words around a sum that say it is paid per period: "a monthly salary of 9,000 yuan".
RATE_ADJECTIVES: dict[str, str] = {
    "monthly": "month", "daily": "day", "weekly": "week", "annual": "year", "yearly": "year",
    "hourly": "hour",
}

# Rates after an amount ("$60 million a day", "1,000 posts per hour") -> normalised period.
RATE_PERIODS: dict[str, str] = {  # keys lower-case; matched case-insensitively
    "day": "day", "days": "day", "week": "week", "month": "month", "year": "year", "hour": "hour",
    "annum": "year", "yr": "year", "quarter": "quarter", "minute": "minute", "second": "second",
    "night": "day", "tag": "day", "woche": "week", "monat": "month", "jahr": "year",
    "jour": "day", "semaine": "week", "mois": "month",
}
RATE_ADVERBS: dict[str, str] = {
    "daily": "day", "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year",
    "hourly": "hour", "month-to-month": "month", "per annum": "year", "annual": "year",
    "monatlich": "month", "mensuels": "month", "mensuel": "month",
}

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
    "Januar", "Februar", "März", "Juni", "Juli", "Oktober", "Dezember",
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Words before a number that make it a label, not an amount ("Gate 3", "Section 230", "No. 5").
LABEL_WORDS = frozenset(
    w.lower() for w in (
        "gate", "section", "article", "chapter", "room", "platform", "terminal", "flight", "route",
        "highway", "interstate", "level", "phase", "stage", "part", "title", "amendment", "rule",
        "item", "page", "p.", "pp.", "no.", "nr.", "no", "number", "season", "episode", "volume",
        "vol.", "version", "model", "pier", "berth", "dock", "building", "floor", "unit", "lot",
        "block", "district", "ward", "sector", "zone", "category", "class", "grade", "type", "tier",
        "step", "figure", "fig.", "table", "appendix", "act", "bill", "proposition", "prop.", "line",
        "bus", "channel", "apollo", "boeing", "windows", "iphone", "galaxy", "playstation", "xbox",
        "division", "league", "formula", "covid", "week", "day", "round", "game", "match", "exit",
        "lane", "hall", "ward", "paragraph", "clause", "annex", "resolution", "directive",
        "regulation", "cop", "g", "top", "hangar", "station", "track", "seat", "row", "box",
    )
)
# Capitalised words that may stand right before an amount without making it a label.
NON_LABEL_CAPITALS = frozenset(
    w.lower() for w in (
        "the", "a", "an", "about", "over", "nearly", "almost", "some", "around", "only", "just",
        "all", "by", "in", "of", "and", "or", "but", "with", "to", "for", "from", "at", "on",
        "approximately", "roughly", "more", "less", "fewer", "under", "up", "as", "than", "another",
        "its", "their", "his", "her", "our", "these", "those", "this", "that",
        "between", "estimated", "since", "until", "after", "before", "during", "while", "when",
        "least", "most", "circa", "exactly", "precisely", "additional",
        "extra", "further", "every", "each", "per", "total", "totalling", "totaling",
    )
)
# Words before a four-digit number that make it a year ("in 2018", "since 2013", "©2017").
YEAR_CONTEXT_WORDS = frozenset(
    (
        "in", "since", "by", "from", "until", "till", "through", "to", "of", "year", "years",
        "the", "early", "late", "mid", "summer", "winter", "spring", "autumn", "fall", "before",
        "after", "during", "fiscal", "fy", "class", "copyright", "©",
        "and", "or", "than", "between", "'s", "’s", "im", "en", "seit", "depuis", "à", "de", "del",
    )
)

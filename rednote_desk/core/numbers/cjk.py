"""Amounts written the Chinese and Japanese way: 万/亿/千, Chinese numerals, full-width digits, qualifiers.

"超过70万名美国新用户" -> over 700,000 用户 (modifiers "美国", "新"); "约3亿月活跃用户" -> about 300 million
用户 a month; "1.5亿美元" -> USD 150 million; "百分之三十" -> 30 %. Dates and times ("2025年1月14日",
"周二", "3点") are not amounts: :func:`cjk_masks` returns their spans so the English scanner skips them.
Offsets are code points into the text as given (full-width digits are read in place, one for one).
"""
from __future__ import annotations

import math
import re

from rednote_desk.core.numbers.quantity import Quantity, interval

#: Full-width digits and signs read as their ASCII forms (one code point for one, so offsets hold).
FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％＋－", "0123456789.,%+-")

_DIGITS_CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_SMALL_UNITS_CN = {"十": 10, "百": 100, "千": 1000}
SCALES = {"万亿": 1e12, "萬億": 1e12, "亿": 1e8, "億": 1e8, "万": 1e4, "萬": 1e4, "千": 1e3, "百": 1e2,
          "十": 10.0}
QUALIFIERS_BEFORE = {
    "约有": "about", "大约": "about", "大約": "about", "大概": "about", "约": "about", "約": "about",
    "左右": "about", "将近": "nearly", "將近": "nearly", "接近": "nearly", "近": "nearly", "逾": "over",
    "超过": "over", "超過": "over", "超": "over", "多于": "over", "多於": "over", "高于": "over",
    "至少": "at least", "不少于": "at least", "不少於": "at least", "多达": "up to", "多達": "up to",
    "高达": "up to", "高達": "up to", "最多": "up to", "不到": "under", "少于": "under", "少於": "under",
    "不足": "under", "未満": "under", "估计": "estimated", "估計": "estimated", "预计": "estimated",
    "預計": "estimated", "推定": "estimated",
}
QUALIFIERS_AFTER = {
    "多": "over", "余": "over", "餘": "over", "以上": "over", "超": "over", "强": "over",
    "左右": "about", "上下": "about", "前后": "about", "前後": "about", "程度": "about", "近く": "nearly",
    "弱": "nearly", "以下": "up to", "未満": "under",
}
CURRENCIES = {
    "人民币": "CNY", "人民幣": "CNY", "元": "CNY", "块": "CNY", "美元": "USD", "美金": "USD", "ドル": "USD",
    "欧元": "EUR", "歐元": "EUR", "ユーロ": "EUR", "日元": "JPY", "日圓": "JPY", "円": "JPY",
    "英镑": "GBP", "英鎊": "GBP", "ポンド": "GBP", "港元": "HKD", "港币": "HKD", "港幣": "HKD",
}
#: Counting words between the amount and the noun ("70万名用户", "50万人").
CLASSIFIERS = ("人次", "名", "个", "個", "位", "户", "戶", "家", "条", "條", "篇", "艘", "辆", "輛", "件",
               "次", "台", "部", "款", "笔", "筆", "份")
#: Nouns counted by amounts, and the English noun class they belong to.
NOUNS = {
    "用户": "users", "用戶": "users", "网民": "users", "網民": "users", "网友": "users", "網友": "users",
    "ユーザー": "users", "利用者": "users", "难民": "users", "難民": "users", "居民": "users",
    "美国人": "users", "美國人": "users", "アメリカ人": "users", "人": "users",
    "工人": "workers", "员工": "workers", "員工": "workers", "職員": "workers", "従業員": "workers",
    "帖子": "posts", "笔记": "posts", "筆記": "posts", "投稿": "posts", "评论": "comments",
    "評論": "comments", "コメント": "comments", "下载": "downloads", "下載": "downloads",
    "ダウンロード": "downloads", "船": "ships", "船只": "ships", "集装箱": "containers", "死亡": "deaths",
    "岗位": "jobs", "崗位": "jobs", "就业岗位": "jobs", "游客": "users", "観光客": "users",
    "汽车": "vehicles", "汽車": "vehicles", "车辆": "vehicles", "車両": "vehicles", "电动汽车": "vehicles",
    "電動車": "vehicles", "乘客": "passengers", "旅客": "passengers", "乗客": "passengers",
    "英亩": "acre", "英畝": "acre", "公顷": "hectare", "公頃": "hectare", "ヘクタール": "hectare",
    "吨": "tonne", "噸": "tonne", "トン": "tonne",
}
#: Words before the noun that qualify it, and their English modifier.
MODIFIERS = {
    "美国": "us", "美國": "us", "米国": "us", "アメリカ": "us", "新": "new", "新規": "new",
    "活跃": "active", "活躍": "active", "月活跃": "active", "月活躍": "active", "中国": "chinese",
    "中國": "chinese", "海外": "foreign", "外国": "foreign", "外國": "foreign",
}
RATES = {"每月": "month", "月薪": "month", "月活": "month", "月間": "month", "毎月": "month",
         "每天": "day", "每日": "day", "日活": "day", "毎日": "day", "每年": "year", "年薪": "year",
         "毎年": "year", "每周": "week", "每週": "week", "毎週": "week"}
RATES_AFTER = {"/月": "month", "一个月": "month", "一個月": "month", "/天": "day", "一天": "day",
               "/年": "year", "一年": "year"}


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUM = r"(?:\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两兩三四五六七八九十百千]+)"
_SCALE = r"(?:[十百千]?(?:万亿|萬億|亿|億|万|萬)|千|百)"
_SCALE_PART_RE = re.compile(r"万亿|萬億|亿|億|万|萬|千|百|十")
_AMOUNT = (
    rf"(?P<q>{_alt(QUALIFIERS_BEFORE)})?(?:有)?"
    rf"(?P<pct_words>百分之)?(?P<n1>{_NUM})(?P<m1>多|余|餘)?(?P<s1>{_SCALE})?(?P<m1b>多|余|餘)?"
    rf"(?:(?:至|到|-|–|～|〜|~)(?P<n2>{_NUM})(?P<s2>{_SCALE})?)?"
    rf"(?P<after>{_alt(QUALIFIERS_AFTER)})?"
    rf"(?P<pct>%)?"
    rf"(?P<cur>{_alt(CURRENCIES)})?"
    rf"(?P<cls>{_alt(CLASSIFIERS)})?"
)
_AMOUNT_RE = re.compile(_AMOUNT)
# Digits glued to these are dates, times, ages, temperatures, ordinals or years, not amounts.
_MASK_RE = re.compile(
    r"(?:\d{2,4}年)?\d{1,2}月\d{1,2}[日号號]|\d{2,4}年(?:\d{1,2}月)?|\d{1,2}月(?!\d)"
    r"|\d{1,2}[日号號](?!元)|\d{1,2}[点點時时](?:\d{1,2}分)?|\d+(?:岁|歲|才|度|℃|世纪|世紀|年代)"
    r"|第[\d零〇一二两三四五六七八九十百千]+"
    r"|(?:周|週|星期|礼拜|禮拜)[一二三四五六日天]|[月火水木金土日]曜日?"
)
_CJK_CHAR_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff10-\uff19]")
_STOP_CHARS = set("，。、；：！？,.;:!?（）()“”「」『』《》\n\t 的了在是和与與及从從将將被把向对對也都而但")
_NOUN_WINDOW = 10


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds Chinese or Japanese characters or full-width digits."""
    return _CJK_CHAR_RE.search(text) is not None


def cjk_masks(text: str) -> list[tuple[int, int]]:
    """Spans of CJK dates, times, ages, temperatures and ordinals ("2025年1月14日", "周二", "第3")."""
    norm = text.translate(FULL_WIDTH)
    return [(m.start(), m.end()) for m in _MASK_RE.finditer(norm)]


def chinese_numeral(s: str) -> float | None:
    """The value of a Chinese numeral without 万/亿 ("三十五" -> 35, "两千" -> 2000, "十二" -> 12)."""
    total, current = 0, None
    for ch in s:
        if ch in _DIGITS_CN:
            current = _DIGITS_CN[ch] if current is None else current * 10 + _DIGITS_CN[ch]
        elif ch in _SMALL_UNITS_CN:
            total += (1 if current is None else current) * _SMALL_UNITS_CN[ch]
            current = None
        else:
            return None
    return float(total + (current or 0))


def _scale(written: str | None) -> float:
    """"千億" -> 1e11, "万" -> 1e4, None -> 1."""
    value = 1.0
    for part in _SCALE_PART_RE.findall(written or ""):
        value *= SCALES[part]
    return value


def _number(raw: str) -> float | None:
    if raw[0].isdigit():
        return float(raw.replace(",", ""))
    return chinese_numeral(raw)


def scan_cjk(text: str) -> list[Quantity]:
    """Amounts written with CJK scale words, classifiers, currencies or qualifiers, in order."""
    if not has_cjk(text):
        return []
    norm = text.translate(FULL_WIDTH)
    masked = [False] * (len(norm) + 1)
    for a, b in cjk_masks(text):
        for i in range(a, b):
            masked[i] = True
    out: list[Quantity] = []
    pos = 0
    for m in _AMOUNT_RE.finditer(norm):
        if not m.group("n1") or m.start("n1") < pos or masked[m.start("n1")]:
            continue
        q = _build(norm, text, m)
        if q is not None:
            out.append(q)
            pos = q.end
    return out


def _build(norm: str, text: str, m: re.Match) -> Quantity | None:
    n1 = m.group("n1")
    digits = n1[0].isdigit()
    pct = bool(m.group("pct") or m.group("pct_words"))
    cjk_marked = any(m.group(g) for g in ("s1", "cur", "cls", "q", "after", "m1", "m1b")) or pct
    if not cjk_marked:
        return None  # a bare number is the English scanner's
    if not digits and len(n1) == 1 and n1 in "一两兩" and not m.group("s1") and not pct:
        return None  # "一名", "两个": articles more than amounts
    value = _number(n1)
    if value is None:
        return None
    scale = _scale(m.group("s1"))
    value *= scale
    if not math.isfinite(value):
        return None
    span: tuple[float, float] | None = None  # "n1 to n2": (low, high)
    if m.group("n2"):
        second = _number(m.group("n2"))
        if second is None:
            return None
        scale2 = _scale(m.group("s2"))
        if scale2 > 1 and scale == 1:
            value *= scale2
        low, high = value, second * scale2 if scale2 > 1 else second * scale
        if not low < high:
            return None
        span = (low, high)
    qualifier = QUALIFIERS_BEFORE.get(m.group("q") or "") or QUALIFIERS_AFTER.get(
        m.group("after") or "") or ("over" if (m.group("m1") or m.group("m1b")) else None)
    start = m.start("q") if m.group("q") else m.start("pct_words") if m.group("pct_words") else m.start("n1")
    end = m.end()
    if m.group("cls"):
        end = m.start("cls")  # the classifier belongs to the noun phrase, not to the amount
    kind, unit = "count", None
    if pct:
        kind, unit = "percent", "percent"
    elif m.group("cur"):
        kind, unit = "money", CURRENCIES[m.group("cur")]
    per = None
    before = norm[max(0, start - 4):start]
    for word, period in RATES.items():
        if before.endswith(word):
            per = period
    after_from = m.end()
    noun, modifiers, noun_end, noun_per = _noun(norm, after_from)
    per = per or noun_per
    if per is None:
        for word, period in RATES_AFTER.items():
            if norm.startswith(word, noun_end if noun_end else after_from):
                per = period
    if kind == "count":
        unit = noun
        if noun is None and not m.group("s1"):
            return None
    if span is not None:
        low, high = span
        mid = (low + high) / 2
        lo, hi = interval(mid, qualifier, low, high)
        value = mid
    else:
        lo, hi = interval(value, qualifier)
    return Quantity(text=text[start:end], start=start, end=end, value=value, low=lo, high=hi, unit=unit,
                    qualifier=qualifier, kind=kind, per=per, modifiers=modifiers,
                    noun=noun if kind == "count" else None)


def _noun(norm: str, pos: int) -> tuple[str | None, tuple[str, ...], int | None, str | None]:
    """The counted noun after ``pos`` (longest known noun in the next few characters), the known
    modifiers before it, where it ends, and a rate written in it ("月活跃用户": a month)."""
    end = pos
    while end < len(norm) and end - pos < _NOUN_WINDOW and norm[end] not in _STOP_CHARS:
        end += 1
    if norm.startswith("の", end) and end - pos <= 1:  # "50万人のユーザー"
        end += 1
        while end < len(norm) and end - pos < _NOUN_WINDOW and norm[end] not in _STOP_CHARS:
            end += 1
    window = norm[pos:end]
    found = [(i + len(noun), -len(noun), i, noun) for noun in NOUNS if (i := window.find(noun)) >= 0]
    if not found:
        return None, (), None, None
    _end, _len, i, noun = min(found)  # the noun that ends first, the longest of those
    head = window[:i]
    modifiers = []
    j = 0
    while j < len(head):
        for word in sorted(MODIFIERS, key=len, reverse=True):
            if head.startswith(word, j):
                modifiers.append(word)
                j += len(word)
                break
        else:
            j += 1
    per = next((p for w, p in RATES.items() if w in head), None)
    return noun, tuple(modifiers), pos + i + len(noun), per

"""Hand-written articles for the comparison tests: an original, copies of it, and independent pieces.

``spin()`` rewrites a text the way content farms do: every word found in a synonym dictionary is
swapped for its first "synonym", whatever the context ("cold war" -> "chilly warfare").
"""
from __future__ import annotations

import re

ORIGINAL = """\
Ferry workers walk out as Northport braces for a cold week

Ferry workers in Northport began a three-day strike on Monday, leaving thousands of commuters without their usual way across the bay. The union says the city has ignored safety complaints for more than two years.

About 40,000 people use the harbour ferries on a normal weekday, according to the transport authority. On Monday morning the piers were empty, and long queues formed at the bus stops on both sides of the water. Some users waited more than an hour in the cold.

The dispute began last spring, when two engines failed within a month. Mechanics warned that the older boats needed new parts, but the authority delayed the repairs to save money. "We are tired of being told to wait," said Maria Lopez, a deckhand who has worked on the ferries for twelve years.

City officials say the strike is unnecessary. The mayor's office announced on Sunday that it would spend $18 million on new engines over the next three years. Workers argue that the plan is too slow and that the money was promised before.

The strike comes at a difficult time for the city. Forecasters expect the coldest week of the winter, with temperatures falling below minus ten degrees. Schools have told parents to plan for late arrivals, and several large employers have asked staff to work from home.

Business owners near the main pier are worried. "Monday is usually my busiest day, and I sold almost nothing," said a café owner who asked not to be named. Others support the workers and say the boats have felt unsafe for months.

Talks between the union and the authority are expected to resume on Wednesday. If no agreement is reached, the union says it may extend the strike into next week.
"""

INDEPENDENT = """\
Commuters scramble as harbour crews strike

Northport's harbour ferries stood idle on Monday after crews started a strike over maintenance and safety. It is the first stoppage on the service in almost a decade.

The walkout is set to last three days. Its organisers accuse the transport authority of postponing engine repairs, and they point to two breakdowns last spring as proof. Management disputes that account and says every vessel has passed its inspections.

For passengers the result was chaos. Buses were packed by seven o'clock, traffic on the bridge crawled, and many people simply stayed home. A nurse who lives on the east shore told us her trip to the hospital took two and a half hours instead of forty minutes.

The mayor has offered an $18 million programme to replace engines, to be spread over three years. Union leaders rejected the offer as recycled and too slow. Maria Lopez, one of the deckhands on the picket line, said crews had heard the same promise before.

Meteorologists warn of a severe frost this week, which could make the disruption harder to bear. Negotiators will meet again midweek, and both sides say they hope to avoid a longer shutdown.
"""

UNRELATED = """\
Orchard growers try new apple varieties as summers get hotter

Apple growers in the river valley are planting varieties that can cope with longer and drier summers. Many of the old trees were planted by their grandparents and no longer give good fruit in hot years.

Researchers at the regional agricultural college have spent a decade testing crosses between local apples and varieties from southern Europe. The best of them ripen two weeks earlier and need less water. Growers say the new apples also keep well in storage, which matters when they sell to supermarkets far away.

Not everyone is convinced. Some families worry that the traditional apples, with their sharp taste, will disappear. A local cider maker has started a collection of old trees so that the varieties are not lost.

The college plans to publish its results next year, and it will offer young trees to growers at a reduced price.
"""

NEW_INTRO = """\
Editor's note: this report was shared with us by a partner newsroom. We publish it in full because many of our readers cross the bay every day, and we will follow the talks closely.

"""

SYNONYMS = {
    "workers": "employees", "walk": "stroll", "cold": "chilly", "week": "weekly interval", "began": "commenced",
    "strike": "hanging", "leaving": "abandoning", "thousands": "1000's", "commuters": "passengers",
    "usual": "ordinary", "way": "means", "union": "union group", "says": "states", "city": "metropolis",
    "ignored": "disregarded", "complaints": "grievances", "more": "extra", "years": "yr",
    "people": "individuals", "use": "make use of", "normal": "regular", "according": "in keeping with",
    "transport": "transportation", "authority": "authority physique", "morning": "morning time",
    "empty": "vacant", "long": "lengthy", "queues": "traces", "formed": "shaped", "stops": "halts",
    "sides": "aspects", "water": "water physique", "users": "customers", "waited": "waited round",
    "hour": "hr", "dispute": "dispute case", "last": "final", "spring": "springtime", "engines": "engines motors",
    "failed": "failed to function", "month": "month interval", "warned": "cautioned", "older": "older aged",
    "boats": "vessels", "needed": "wanted", "new": "brand new", "parts": "elements", "delayed": "postponed",
    "repairs": "maintenance", "save": "conserve", "money": "cash", "tired": "drained", "told": "instructed",
    "wait": "stay", "worked": "labored", "officials": "authorities", "unnecessary": "pointless",
    "office": "workplace", "announced": "introduced", "spend": "expend", "next": "subsequent",
    "argue": "contend", "plan": "strategy", "slow": "gradual", "promised": "pledged", "comes": "arrives",
    "difficult": "troublesome", "time": "second", "forecasters": "weather forecasters", "expect": "count on",
    "coldest": "chilliest", "winter": "wintertime", "temperatures": "temperature ranges", "falling": "dropping",
    "below": "under", "degrees": "levels", "schools": "colleges", "parents": "mother and father",
    "late": "belated", "arrivals": "arrivals arrival", "several": "a number of", "large": "massive",
    "employers": "employers firms", "asked": "requested", "staff": "workers members", "work": "function",
    "home": "residence", "business": "enterprise", "owners": "homeowners", "near": "close to",
    "main": "primary", "worried": "apprehensive", "usually": "normally", "busiest": "most hectic",
    "day": "day time", "sold": "offered", "almost": "nearly", "nothing": "nothing in any respect",
    "named": "recognized", "others": "other folks", "support": "assist", "felt": "appeared",
    "unsafe": "unsafe harmful", "months": "months interval", "talks": "talks discussions",
    "expected": "anticipated", "resume": "restart", "agreement": "settlement", "reached": "attained",
    "extend": "lengthen", "braces": "prepares", "safety": "security", "both": "each",
}


def spin(text: str, synonyms: dict[str, str] = SYNONYMS) -> str:
    """Swap every dictionary word for its synonym, keeping an initial capital."""

    def swap(m: re.Match[str]) -> str:
        word = m.group()
        rep = synonyms.get(word.lower())
        if rep is None:
            return word
        return rep[0].upper() + rep[1:] if word[0].isupper() else rep

    return re.sub(r"[A-Za-z]+", swap, text)


SPUN = spin(ORIGINAL)
VERBATIM_WITH_INTRO = NEW_INTRO + ORIGINAL

ZH_ORIGINAL = """\
北港渡轮工人周一开始为期三天的罢工，数千名通勤者无法像往常一样过海。工会说，市政府两年多来一直忽视安全投诉。

交通局表示，平日约有四万人乘坐港口渡轮。周一早上码头空无一人，海湾两岸的公交车站排起了长队。

市政府官员认为罢工没有必要。市长办公室周日宣布，将在未来三年投入一千八百万美元更换新发动机。工人们则认为这个计划太慢。
"""

ZH_SYNONYMS = {
    "工人": "员工", "开始": "启动", "通勤者": "上班族", "无法": "不能", "往常": "平时", "工会": "工人组织",
    "忽视": "无视", "投诉": "抱怨", "表示": "称", "乘坐": "搭乘", "码头": "港口码头", "空无一人": "没有人",
    "排起了长队": "出现长龙", "官员": "领导", "认为": "觉得", "没有必要": "不必要", "宣布": "公布",
    "投入": "花费", "更换": "替换", "计划": "方案", "太慢": "过于缓慢",
}


def spin_zh(text: str) -> str:
    """Chinese spinner: phrase-for-phrase substitution."""
    for old, new in ZH_SYNONYMS.items():
        text = text.replace(old, new)
    return text


ZH_SPUN = spin_zh(ZH_ORIGINAL)

"""Ground truth for the coverage map, copies, statement pairing and sources, on three invented events.

Written before the code it checks. Every body sentence carries a statement label: two sentences with
the same label in two documents state the same thing (the pairs a coverage map should line up); a
sentence labelled None is that outlet's own. ``copies`` lists every pair that is NOT independent,
with its kind; all other pairs are independent. ``speakers`` lists, per person, the names each
outlet uses for them (one row expected).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rednote_desk.core.models import Document

Para = list[tuple[str | None, str]]


@dataclass(frozen=True)
class GoldDoc:
    key: str
    outlet: str
    title: str
    byline: str
    published: str | None
    paragraphs: list[Para]
    footer: str = ""

    def text(self) -> str:
        body = "\n\n".join(" ".join(s for _, s in p) for p in self.paragraphs)
        return f"{self.title}\n{self.byline}\n\n{body}" + (f"\n\n{self.footer}" if self.footer else "") + "\n"

    def labelled(self) -> list[tuple[str | None, int, int]]:
        """(label, start, end) of each body sentence in :meth:`text`."""
        text = self.text()
        out, pos = [], len(self.title) + 1 + len(self.byline) + 2
        for p in self.paragraphs:
            for label, s in p:
                start = text.index(s, pos)
                out.append((label, start, start + len(s)))
                pos = start + len(s)
        return out


@dataclass(frozen=True)
class GoldEvent:
    name: str
    docs: list[GoldDoc]
    copies: dict[tuple[str, str], str]  # (source key, copy key) -> kind
    speakers: list[dict[str, str]] = field(default_factory=list)  # per person: doc key -> name as written

    def documents(self) -> list[Document]:
        return [Document(id=n + 1, title=d.title, text=d.text(), outlet=d.outlet, published=d.published)
                for n, d in enumerate(self.docs)]

    def doc_id(self, key: str) -> int:
        return next(n + 1 for n, d in enumerate(self.docs) if d.key == key)

    def independent(self, a: str, b: str) -> bool:
        return (a, b) not in self.copies and (b, a) not in self.copies


# --- Event 1: a harbour bridge closes (a wire story rewritten by two sites; an independent report) ----
_WIRE = GoldDoc(
    "wire", "Coastal Wire", "Velmora shuts Harbour Bridge after inspectors find cracked cables",
    "By Jonas Reiter", "2031-03-03",
    [[("close", "VELMORA, March 3 (Coastal Wire) - The city of Velmora closed the Harbour Bridge to all traffic on "
                "Monday after inspectors found cracks in three of its main suspension cables."),
      ("commuters", "About 48,000 vehicles cross the bridge every day, according to the city transport office.")],
     [("mayor", "\"We will not reopen the bridge until every cable has been tested,\" Mayor Helena Voss said at a "
                "news conference."),
      ("ferries", "The city will add four extra ferry crossings an hour between the north and south quays."),
      ("cost", "Repairs are expected to cost about 12 million euros and take at least six weeks.")],
     [("built", "The bridge opened in 1974 and was last renovated in 2009."),
      ("engineer", "Engineer Paulo Andrade, who led the inspection, told reporters that the damage was caused by "
                   "corrosion."),
      ("schools", "Schools on the south bank will open an hour later for the rest of the week.")]],
)
_SITE1 = GoldDoc(
    "site1", "Velmora Daily", "Harbour Bridge closed indefinitely: what commuters need to know",
    "Staff reporter", "2031-03-03",
    [[("close", "The Harbour Bridge in Velmora was shut to all vehicles on Monday once inspectors discovered "
                "cracks in three of the main cables that hold it up."),
      ("commuters", "Roughly 48,000 cars and trucks use the crossing each day, the municipal transport office "
                    "says.")],
     [("mayor", "Mayor Voss told a news conference that the bridge would stay closed until each cable had been "
                "checked."),
      ("ferries", "Four additional ferry crossings per hour will run between the northern and southern quays."),
      ("cost", "The repair bill is put at around 12 million euros, and the work should last six weeks or more.")],
     [("built", "Opened in 1974, the bridge was renovated for the last time in 2009."),
      ("engineer", "Paulo Andrade, the engineer in charge of the inspection, said corrosion had caused the "
                   "damage."),
      ("schools", "South bank schools are to start one hour late until the end of the week.")]],
)
_SITE2 = GoldDoc(
    "site2", "Bay Times", "Cracked cables force Velmora to close its busiest bridge",
    "By Bay Times staff", "2031-03-04",
    [[("close", "Velmora has closed its Harbour Bridge to every vehicle since Monday, after inspectors spotted "
                "cracking in three main suspension cables."),
      ("commuters", "The bridge carries some 48,000 vehicles daily, city transport officials say.")],
     [("mayor", "Helena Voss, the mayor, said the crossing would not reopen before all of its cables were "
                "tested."),
      ("ferries", "Extra ferries - four more every hour - will link the north and south quays."),
      ("cost", "Fixing the bridge should cost roughly 12 million euros and take a minimum of six weeks.")],
     [("built", "The structure first opened in 1974 and last underwent renovation in 2009."),
      ("engineer", "Inspection chief Andrade told reporters corrosion was to blame for the damage."),
      ("schools", "For the remainder of the week, schools on the south bank will open an hour later.")]],
)
_LEDGER = GoldDoc(
    "ledger", "Morning Ledger", "A week without the bridge: Velmora's traders count the cost",
    "By Amira Haddad", "2031-03-10",
    [[(None, "Shopkeepers along the south quay say their takings have fallen by half since the Harbour Bridge "
             "closed."),
      ("close", "The bridge was closed on March 3 after cracks were found in its suspension cables."),
      ("mayor", "Mayor Helena Voss has repeated that it will stay shut until all the cables have been tested.")],
     [(None, "\"Nobody comes over from the north any more,\" said baker Ines Moreau, who has run her shop for "
             "twenty years."),
      ("ferries", "The extra ferries between the two quays are full at rush hour, passengers complain."),
      (None, "The chamber of commerce estimates that local businesses are losing 300,000 euros a day.")],
     [("cost", "City officials now say the repairs could cost up to 15 million euros."),
      (None, "A petition asking for a temporary pontoon bridge has gathered more than 9,000 signatures.")]],
)
EVENT_BRIDGE = GoldEvent(
    "bridge", [_WIRE, _SITE1, _SITE2, _LEDGER],
    {("wire", "site1"): "rewritten", ("wire", "site2"): "rewritten", ("site1", "site2"): "rewritten"},
    [{"wire": "Helena Voss", "site1": "Voss", "site2": "Helena Voss", "ledger": "Helena Voss"},
     {"wire": "Paulo Andrade", "site1": "Paulo Andrade", "site2": "Andrade"},
     {"ledger": "Ines Moreau"}],
)

# --- Event 2: a factory fire (an excerpt, a spun full copy, an independent report) -----------------
_FIRE_PARAS: list[Para] = [
    [("fire", "A fire broke out at the Brennick plastics factory in Northfield late on Saturday night, sending "
              "thick black smoke over the eastern districts."),
     ("crews", "More than 60 firefighters fought the blaze for nine hours before it was brought under control "
               "on Sunday morning.")],
    [("injured", "Two workers were taken to hospital with smoke inhalation, and one firefighter suffered minor "
                 "burns."),
     ("chief", "\"The building was full of stored plastic pellets, which made the fire extremely hard to put "
               "out,\" fire chief Maria Lindqvist said.")],
    [("windows", "Residents within two kilometres were told to keep their windows closed until Monday."),
     ("cause", "Lindqvist said investigators had not yet found the cause, but an electrical fault was being "
               "examined.")],
    [(None, "The factory employs around 250 people and makes packaging for food companies."),
     (None, "Its owner, Brennick Industries, said in a statement that production would move to its second "
            "plant in Dalby for the coming weeks."),
     (None, "The company declined to say whether the warehouse had a working sprinkler system.")],
    [(None, "Local councillor Omar Feld said the plant had been the subject of several complaints from neighbours "
            "about fumes in recent years."),
     (None, "Environmental officers will take soil and water samples around the site this week.")],
]


def _spin(paras: list[Para], swaps: dict[str, str]) -> list[Para]:
    out = []
    for p in paras:
        q = []
        for label, s in p:
            for old, new in swaps.items():
                s = s.replace(old, new)
            q.append((label, s))
        out.append(q)
    return out


_FIRE_SWAPS = {"fire broke out": "blaze erupted", "factory": "manufacturing facility", "thick": "dense",
               "firefighters": "fire crews", "fought": "battled", "hospital": "medical centre",
               "extremely hard": "exceptionally difficult", "told": "advised", "investigators": "inspectors",
               "employs": "has", "makes": "produces", "declined": "refused", "several": "numerous",
               "neighbours": "local residents", "recent years": "the last few years", "workers": "employees",
               "Residents": "People living", "said": "stated", "examined": "looked into", "samples": "specimens"}
_GAZETTE = GoldDoc("gazette", "Northfield Gazette", "Huge fire at Brennick plastics plant, two in hospital",
                   "By Karl Oberg", "2031-06-14", _FIRE_PARAS)
_DIGEST = GoldDoc("digest", "QuickNews Digest", "Northfield: smoke warning after factory blaze",
                  "Compiled by the QuickNews desk", "2031-06-15", _FIRE_PARAS[:3])
_SPUN = GoldDoc("spun", "ContentHub", "Northfield manufacturing facility blaze leaves two in medical centre",
                "Posted by admin", None,
                [[(label, s + ("[1]" if n == 0 else "")) for n, (label, s) in enumerate(p)]
                 for p in _spin(_FIRE_PARAS, _FIRE_SWAPS)],
                footer="[1] Source: local reports. Share this article")
_RADIO = GoldDoc(
    "radio", "Northfield Radio", "Firefighters battle night-long blaze at Brennick",
    "By Lena Sorensen", "2031-06-14",
    [[("fire", "Flames tore through the Brennick plant on the eastern edge of Northfield on Saturday night."),
      ("crews", "Around 65 firefighters worked through the night and had the fire under control by 8 a.m. "
                "Sunday.")],
     [("chief", "Chief Lindqvist told Northfield Radio that the stored plastic pellets had fed the flames."),
      ("injured", "Two employees were treated in hospital for breathing in smoke, and a firefighter was lightly "
                  "burned.")],
     [("windows", "People living nearby were asked to keep windows shut until Monday."),
      (None, "Traffic on the eastern ring road was diverted for most of Sunday."),
      ("cause", "The cause of the fire is still under investigation, Lindqvist added.")]],
)
EVENT_FIRE = GoldEvent(
    "fire", [_GAZETTE, _DIGEST, _SPUN, _RADIO],
    {("gazette", "digest"): "verbatim", ("gazette", "spun"): "spun", ("digest", "spun"): "spun"},
    [{"gazette": "Maria Lindqvist", "digest": "Maria Lindqvist", "spun": "Maria Lindqvist",
      "radio": "Lindqvist"},
     {"gazette": "Omar Feld", "spun": "Omar Feld"}],
)

# --- Event 3: a teachers' strike (independent reports and two short briefs with different figures) -----
_NEWS = GoldDoc(
    "news", "Dorran News", "Teachers walk out across Dorran province over pay",
    "By Clara Wendt", "2031-09-22",
    [[("strike", "Teachers across Dorran province went on strike on Monday, closing most public schools."),
      ("union", "The teachers' union, led by Tomás Ferreira, is demanding a 9% pay rise over two years."),
      ("offer", "The provincial government has offered 4%.")],
     [("quote", "\"Our members cannot afford to live in the towns where they teach,\" Ferreira told a rally of "
                "several thousand people outside the parliament building."),
      ("minister", "Education minister Rui Santos said the demand would cost the province 180 million a year.")],
     [("exams", "Parents worry that end-of-year exams could be delayed if the strike continues."),
      (None, "Private schools, which teach about one pupil in ten, stayed open.")]],
)
_POST = GoldDoc(
    "post", "The Provincial Post", "Schools shut as Dorran teachers strike",
    "By Henrik Lund", "2031-09-22",
    [[("strike", "Most public schools in Dorran were closed on Monday as teachers began a strike over wages."),
      ("offer", "The government's offer of a 4% raise was rejected by the union last week.")],
     [("quote", "Union leader Tomás Ferreira said teachers could no longer afford housing in the communities "
                "they serve."),
      (None, "About 3,000 people marched from the central station to parliament."),
      ("minister", "Minister Santos called the union's demand unaffordable.")],
     [(None, "The strike is the first in the province since 2019."),
      ("exams", "Some parents fear the strike could push back the year-end exams.")]],
)
_BRIEF_A = GoldDoc(
    "brief_a", "Evening Courier", "Dorran strike", "Courier desk", "2031-09-22",
    [[("strike", "Teachers in Dorran went on strike on Monday over pay."),
      (None, "The union says 14,000 members walked out.")]],
)
_BRIEF_B = GoldDoc(
    "brief_b", "Radio Dorran", "Teachers strike", "Newsroom", "2031-09-22",
    [[("strike", "Teachers in Dorran went on strike on Monday over pay."),
      (None, "The ministry puts the number of strikers at 9,500.")]],
)
EVENT_STRIKE = GoldEvent(
    "strike", [_NEWS, _POST, _BRIEF_A, _BRIEF_B], {},
    [{"news": "Tomás Ferreira", "post": "Tomás Ferreira"},
     {"news": "Rui Santos", "post": "Santos"}],
)

EVENTS = [EVENT_BRIDGE, EVENT_FIRE, EVENT_STRIKE]

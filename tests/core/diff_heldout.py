"""A held-out ground truth for the meaning-paired text diff: one invented event, two independent reports.

Written before the diff was run on it, and never used to choose a threshold (the thresholds come from
``framing_sets.py``). Labels as there: two body sentences with the same label state the same thing.
"""
from __future__ import annotations

from framing_sets import GoldDoc, GoldEvent

_POST = GoldDoc(
    "post", "Valley Post", "River Aske bursts its banks in Lisk, hundreds evacuated",
    "By Miriam Osei", "2032-04-11",
    [[("flood", "The River Aske burst its banks in the town of Lisk early on Thursday, flooding the old town "
                "and the riverside market."),
      ("evacuated", "Around 400 residents were evacuated from their homes overnight and spent the night in the "
                    "sports hall.")],
     [("rain", "Forecasters said more rain had fallen in two days than normally falls in all of April."),
      ("mayor", "\"This is the worst flood Lisk has seen in forty years,\" said mayor Anton Brandt."),
      ("army", "Soldiers were sent in to fill sandbags and help older residents leave.")],
     [("level", "The river peaked at 4.8 metres above its normal level on Thursday afternoon."),
      (None, "Insurers warned that many small shops in the market had no flood cover."),
      ("trains", "Train services between Lisk and the coast were cancelled because the line was under water.")]],
)
_RADIO = GoldDoc(
    "radio", "Aske Valley Radio", "Lisk under water after record rain",
    "Newsroom", "2032-04-11",
    [[("evacuated", "Some 400 people had to leave their houses during the night and were given beds in the "
                    "town's sports hall."),
      ("flood", "Water from the Aske poured into Lisk's old town on Thursday morning.")],
     [("level", "By the afternoon the river stood almost five metres above normal."),
      ("mayor", "Mayor Brandt called it the worst flooding in four decades."),
      (None, "Volunteers from neighbouring villages brought food and dry clothes to the hall.")],
     [("trains", "Rail links to the coast are suspended because the tracks are flooded."),
      ("rain", "Two days of rain brought more water than the whole of a normal April."),
      (None, "The town council will meet on Friday to discuss compensation for residents.")]],
)
EVENT_FLOOD = GoldEvent("flood", [_POST, _RADIO], {})

"""A masthead line under the headline of a plain-text article is offered as the outlet; subtitles and places
are not."""
import pytest

from rednote_desk.core.ingest.sniff import sniff_metadata

BODY = "\n\nThe council voted on Tuesday to close the pier. It will reopen in spring, the mayor said.\n"


@pytest.mark.parametrize("masthead", ["Harbor Gazette", "The People's Voice", "BigTech.news"])
def test_masthead_under_the_headline_is_offered_as_outlet(masthead):
    found = sniff_metadata(f"City Council Votes to Close the Old Pier for Repairs\n{masthead}{BODY}")
    assert found["title"] == "City Council Votes to Close the Old Pier for Repairs"
    assert found["outlet"] == masthead


@pytest.mark.parametrize("line", ["New York", "Repairs Start in Spring", "The Council Meets Again Tomorrow Night"])
def test_a_place_or_subtitle_is_not_an_outlet(line):
    assert sniff_metadata(f"City Council Votes to Close the Old Pier for Repairs\n{line}{BODY}")["outlet"] is None


def test_a_byline_outlet_wins_over_the_masthead_line():
    text = f"City Council Votes to Close the Old Pier\nHarbor Gazette\nBy Jane Roe for The Daily Planet{BODY}"
    assert sniff_metadata(text)["outlet"] == "The Daily Planet"

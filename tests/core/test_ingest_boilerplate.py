"""Boilerplate offered for trimming on texts from other kinds of sites; no false alarms on a clean article."""
from __future__ import annotations

from rednote_desk.core.ingest import from_text

PARAGRAPHS = [
    "A powerful storm made landfall on Tuesday, forcing thousands of people to evacuate their homes along "
    "the coast, officials said, as winds reached 120 miles per hour.",
    "More than 700,000 homes were without power by nightfall. Crews from three states were sent to help, "
    "and the governor declared an emergency in six counties.",
    "The storm is expected to weaken as it moves inland over the weekend, but forecasters warned of flooding "
    "in low-lying areas and asked residents to stay away from rivers.",
    "Schools will remain closed until Monday. The related costs are not yet known, and comments from the "
    "insurance industry suggested that claims could pass two billion dollars.",
]
ARTICLE = "Storm hits the coast\n\n" + "\n\n".join(PARAGRAPHS)


def flagged(text: str) -> dict[str, str]:
    """Each flagged non-blank line (stripped) -> reason."""
    doc = from_text(text)
    result = {}
    for span in doc.boilerplate:
        for line in doc.text[span.start:span.end].split("\n"):
            if line.strip():
                result[line.strip()] = span.reason
    return result


def test_clean_article_has_nothing_flagged():
    assert from_text(ARTICLE).boilerplate == ()


def test_wordpress_share_and_comment_form():
    footer = ("Share this:\nTwitter\nFacebook\nLike this:\nLike Loading...\n\nLeave a Reply\nCancel reply\n"
              "Your email address will not be published. Required fields are marked *\nComment *\nName *\nEmail *\n"
              "Website\nSave my name, email, and website in this browser for the next time I comment.")
    found = flagged(ARTICLE + "\n\n" + footer)
    assert set(found) == {line for line in footer.split("\n") if line}
    assert found["Share this:"] == "site footer"
    assert found["Leave a Reply"] == "comment form"
    assert found["Save my name, email, and website in this browser for the next time I comment."] == "comment form"
    assert not any(p in found for p in PARAGRAPHS)


def test_news_site_footer_with_read_more_and_copyright():
    footer = ("This story was originally published by ProPublica.\n\nRead more:\nFloods close roads in the north\n"
              "Power returns to most homes\n\nFollow us on Twitter and Facebook.\n"
              "© 2026 Example Media Ltd. All rights reserved.")
    found = flagged(ARTICLE + "\n\n" + footer)
    assert set(found) == {line for line in footer.split("\n") if line}
    assert found["This story was originally published by ProPublica."] == "republication note"
    assert found["© 2026 Example Media Ltd. All rights reserved."] == "copyright line"


def test_tags_and_sources_blocks():
    footer = "Sources include:\nExample.com\nNews.example.org\nTags: storms, coast, weather, power cuts"
    found = flagged(ARTICLE + "\n" + footer)
    assert found["Sources include:"] == "sources list" and found["Example.com"] == "sources list"
    assert found["Tags: storms, coast, weather, power cuts"] == "tag list"


def test_marker_inside_the_article_does_not_swallow_what_follows():
    more = ["In the next town, volunteers filled sandbags through the night while the river kept rising "
            "towards the old bridge, and the mayor asked everyone living near it to leave.",
            "By morning the water had reached the market square."]
    text = ARTICLE + "\n\nRelated Articles\n\n" + "\n\n".join(more)
    found = flagged(text)
    assert found == {"Related Articles": "related-articles footer"}


def test_short_lines_after_a_late_related_heading_are_related_links():
    links = ["Floods close roads in the north", "Power returns to most homes after the storm"]
    found = flagged(ARTICLE + "\n\nRelated Articles\n" + "\n".join(links))
    assert found == dict.fromkeys(["Related Articles", *links], "related-articles footer")


def test_footer_marker_in_the_first_half_flags_only_itself():
    text = "Storm hits the coast\nSubscribe to our free newsletter\n" + "\n".join(PARAGRAPHS)
    found = flagged(text)
    assert found == {"Subscribe to our free newsletter": "site footer"}


def test_adverts_and_navigation_lines():
    text = "Skip to main content\nMenu\nStorm hits the coast\n" + PARAGRAPHS[0] + "\nAdvertisement\n" + PARAGRAPHS[1]
    found = flagged(text)
    assert found == {"Skip to main content": "navigation line", "Menu": "navigation line",
                     "Advertisement": "advertisement"}
    assert from_text(text).title == "Storm hits the coast"


def test_embedded_posts():
    text = ("Storm hits the coast\n" + PARAGRAPHS[0] + "\nView this post on Instagram\nA post shared by Jane "
            "(@jane.roe)\n" + PARAGRAPHS[1] + "\nThe wind is unreal tonight pic.twitter.com/abc123\n"
            "— Jane Roe (@janeroe) March 4, 2026\n" + PARAGRAPHS[2] + "\n@storm_chaser\nWhat a night 🌊\n"
            "♬ original sound – 𝓞𝓹𝓮𝓻𝓪\n" + PARAGRAPHS[3])
    found = flagged(text)
    assert found == {
        "View this post on Instagram": "embedded social-media post",
        "A post shared by Jane (@jane.roe)": "embedded social-media post",
        "The wind is unreal tonight pic.twitter.com/abc123": "embedded social-media post",
        "— Jane Roe (@janeroe) March 4, 2026": "embedded social-media post",
        "@storm_chaser": "embedded social-media post",
        "What a night 🌊": "embedded social-media post",
        "♬ original sound – 𝓞𝓹𝓮𝓻𝓪": "embedded social-media post",
    }


def test_repeated_paragraph_and_repeated_headline():
    text = ("Storm hits the coast\nA short standfirst about the storm.\nStorm hits the coast\n"
            + "\n".join(PARAGRAPHS) + "\n" + PARAGRAPHS[1])
    doc = from_text(text)
    reasons = [(doc.text[s.start:s.end], s.reason) for s in doc.boilerplate]
    assert reasons == [("Storm hits the coast", "repeated headline"), (PARAGRAPHS[1], "repeated paragraph")]
    assert doc.boilerplate[0].start == text.index("Storm hits the coast", 1)
    assert doc.boilerplate[1].start == text.rindex(PARAGRAPHS[1])


def test_short_repeated_lines_are_not_repeats():
    text = "Storm hits the coast\n" + "\n".join(f"Update\n{p}" for p in PARAGRAPHS)
    assert from_text(text).boilerplate == ()


def test_dangling_media_reference():
    text = ARTICLE.replace(PARAGRAPHS[1], PARAGRAPHS[1] + " See the photos below:")
    doc = from_text(text)
    assert [(doc.text[s.start:s.end], s.reason) for s in doc.boilerplate] == [
        ("See the photos below:", "reference to missing images or media")]


def test_media_reference_followed_by_a_list_is_kept():
    text = ARTICLE.replace(PARAGRAPHS[1], PARAGRAPHS[1] + " Here are the photos we received:\n- Photo one")
    assert from_text(text).boilerplate == ()


def test_spans_count_code_points_after_astral_text():
    text = "𝓞𝓹𝓮𝓻𝓪 🚢 storm hits the coast\n" + "\n".join(PARAGRAPHS) + "\nAll rights reserved."
    doc = from_text(text)
    span = doc.boilerplate[-1]
    assert doc.text[span.start:span.end] == "All rights reserved."
    assert span.start == len(text) - len("All rights reserved.")

"""The diff colours shared by the diff view and the report (the renderer itself is tested in test_diff_html)."""
from pygments.token import Generic

from rednote_desk.core.html.styles import Changed, ChangedNew, ChangedOld, RedNoteDiffStyle, style_css


def test_style_and_css():
    styles = RedNoteDiffStyle.styles
    assert styles[Changed] != styles[Generic.Inserted] and styles[ChangedOld] != styles[Generic.Deleted]
    assert styles[ChangedNew] != styles[ChangedOld]
    css = style_css()
    assert ".rednote-diff" in css and "#abf2bc" in css.lower() and "details" in css

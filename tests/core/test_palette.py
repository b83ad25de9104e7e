"""A new tag's colour is one no other tag has, also past the palette's sixteen."""
from rednote_desk.core.palette import PALETTE, unused_color


def test_unused_color_skips_taken_ones_and_keeps_going_past_the_palette():
    assert unused_color([]) == PALETTE[0]
    assert unused_color([PALETTE[0].upper(), PALETTE[1]]) == PALETTE[2]
    taken = set(PALETTE)
    for _ in range(300):
        color = unused_color(taken)
        assert color not in taken and len(color) == 7 and color.startswith("#")
        taken.add(color)

"""Comparison -> pygments token stream -> HTML, for the GUI and the report."""

"""RedNote Desk: compare how news outlets framed the same event."""

__version__ = "0.1.0"

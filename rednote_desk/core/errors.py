"""Errors a user can cause. Their message is shown as-is: one readable line that says what to do."""


class Cancelled(Exception):  # noqa: N818 - a state the person asked for, not an error
    """The person cancelled long work (a comparison, a report, a diff, an export) before it ended. Raised
    inside the work where it stops; whoever ran it reports a cancellation, never an error."""


class UserError(Exception):
    """Base class for errors caused by input, shown to the user without a traceback."""


class IngestError(UserError):
    """A file or text could not be imported."""


class NotFoundError(UserError):
    """A referenced document, tag, annotation or claim does not exist."""


class DatabaseVersionError(UserError):
    """The project file was written by a newer version of RedNote Desk."""

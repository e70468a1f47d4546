"""Refusals of the domain; each message is meant for the person who tried."""

from django.utils.translation import gettext as _


class WorkflowError(Exception):
    """A refused action; the message is meant for the person who tried it."""


class NotAllowed(WorkflowError):
    pass


class StaleVersion(WorkflowError):
    """The claim or verdict changed since the caller read it; nothing was written."""

    def __init__(self, current, expected: int):
        self.current = current
        super().__init__(
            _(
                "This was changed by someone else in the meantime (now version %(current)s, "
                "you had version %(expected)s). Nothing was saved; reload to see the changes."
            )
            % {"current": current.version, "expected": expected}
        )


class ClaimEditError(ValueError):
    """A manual change of claims that is not possible; the message says why."""

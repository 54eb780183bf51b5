"""Errors whose message is a sentence a user can act on."""

from __future__ import annotations


class ProcureError(Exception):
    """Base class: str(error) is shown to the user as it is."""


class InvalidInput(ProcureError):
    """The user's input (a file, an argument) is wrong; nothing was written.

    `problems` holds one line per problem, e.g. "row 7, column C: payload is negative".
    """

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class NotFound(InvalidInput):
    """A named thing (need, evaluation, offer) does not exist."""


class StoreError(ProcureError):
    """The store cannot be opened, migrated or written."""

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


class NearDuplicateVendor(InvalidInput):
    """An import would create a vendor whose name differs from a stored one only in writing."""

    def __init__(self, name: str, stored: list[str]) -> None:
        self.name, self.stored = name, stored
        names = " or ".join(f"'{s}'" for s in stored)
        super().__init__(
            f"vendor '{name}' is not in the store, but {names} is: to import under it, give "
            f"that name exactly (--vendor); to create '{name}' as another vendor, add "
            "--new-vendor"
        )


class StoreError(ProcureError):
    """The store cannot be opened, migrated or written."""


def unreadable(path: object, exc: OSError, expected: str) -> InvalidInput:
    """Word an error met opening a file the user named (`expected`: "a spreadsheet")."""
    if isinstance(exc, FileNotFoundError):
        return InvalidInput(f"{path}: no such file")
    if isinstance(exc, IsADirectoryError):
        return InvalidInput(f"{path}: is a folder, not {expected}")
    if isinstance(exc, PermissionError):
        return InvalidInput(f"{path}: permission denied")
    return InvalidInput(f"{path}: cannot be read ({exc.strerror or exc})")

"""The child process that reads an offer file while the caller opens the store: what
`procure import` starts first (procure.importing.isolated). Kept apart from
procure.services.offer_files so that starting it imports nothing of the reader."""

from __future__ import annotations

from procure.importing.isolated import ChildReader

__all__ = ["ChildReader"]

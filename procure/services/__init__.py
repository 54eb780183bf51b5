"""Use cases: each takes the store (procure.services.store.Store, opened by `open_store`) as
its first argument, or a Session inside one, and returns plain dataclasses.

The window (ui/) and the command line reach the store only through these modules."""

"""Use cases: each takes a session factory (or Session) and returns plain dataclasses."""

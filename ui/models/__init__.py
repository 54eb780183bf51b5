"""Qt item models over procure's plain dataclasses."""

"""procure: evaluate offers of heavy equipment against sector needs (domain core, no Qt)."""

__version__ = "0.1.0"

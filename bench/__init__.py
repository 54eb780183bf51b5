"""Benchmarks, run on demand: `python -m bench`. Each prints our time, a raw-library
baseline measured in the same run, and their ratio."""

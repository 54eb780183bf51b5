"""Exporters: the PDF evaluation report and the Excel comparative statement (DESIGN.md §8)."""

"""Exporters: the PDF report and the Excel comparative statement (README.md, 'Reports')."""

"""Read vendors' offer spreadsheets into canonical offers.

What it reads and reports: README.md, 'Importing vendors' spreadsheets'.

files.py opens a file safely into grids of cells; layout.py finds the table in a grid;
headers.py and units.py map headers to fields and units; cells.py parses values;
reader.py ties them together and returns a ParsedFile with every problem found.
"""

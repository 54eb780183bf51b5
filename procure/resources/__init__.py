"""Files procure reads at run time, shipped inside the package: read them through
procure.paths (importlib.resources), never by a path relative to the checkout."""

"""PySide6 views, dialogs and table models; they call procure.services only."""

"""File → Store…: a SQLite file (Browse…) or a server (Test connection), used from the
next start; a server's password goes to its own password file, never to the settings."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.tasks import run_in_background


class StoreDialog(QDialog):
    """Choose the store: the default file, another SQLite file, or a PostgreSQL server."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Store")
        self.default = QRadioButton("The default file on this PC", self)
        self.file = QRadioButton("A SQLite file (for example on a shared drive)", self)
        self.server = QRadioButton("A PostgreSQL server shared by the committee", self)
        group = QButtonGroup(self)
        for button in (self.default, self.file, self.server):
            group.addButton(button)
            button.toggled.connect(self._kind_changed)
        self.path = QLineEdit(self)
        self.path.setObjectName("store_path")
        self.browse = QPushButton("Browse…", self)
        self.browse.clicked.connect(self._browse)
        self.host = QLineEdit(self)
        self.host.setPlaceholderText("db-server")
        self.port = QLineEdit("5432", self)
        self.database = QLineEdit("procure", self)
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("kept in the server's password file, not here")
        self.test_button = QPushButton("Test connection", self)
        self.test_button.setObjectName("test_connection")
        self.test_button.clicked.connect(self._test)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("store_outcome")
        self.outcome.setWordWrap(True)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        server = QFormLayout()
        server.addRow("Server", self.host)
        server.addRow("Port", self.port)
        server.addRow("Database", self.database)
        server.addRow("User", self.user)
        server.addRow("Password", self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Used from the next start of procure.", self))
        layout.addWidget(self.default)
        layout.addWidget(self.file)
        layout.addLayout(file_row)
        layout.addWidget(self.server)
        layout.addLayout(server)
        layout.addWidget(self.test_button)
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)
        self._show(current)
        self.resize(560, 460)

    def _show(self, current: str) -> None:
        from procure.services.store import server_of

        if not current:
            self.default.setChecked(True)
        elif "://" in current and not current.startswith("sqlite"):
            server = server_of(current)
            self.server.setChecked(True)
            self.host.setText(server.host)
            self.port.setText(str(server.port))
            self.database.setText(server.database)
            self.user.setText(server.user)
        else:
            self.file.setChecked(True)
            self.path.setText(current.removeprefix("sqlite:///"))
        self._kind_changed()

    def _kind_changed(self, *_args: object) -> None:
        for widget in (self.path, self.browse):
            widget.setEnabled(self.file.isChecked())
        for widget in (self.host, self.port, self.database, self.user, self.password):
            widget.setEnabled(self.server.isChecked())
        self.test_button.setEnabled(not self.default.isChecked())
        self.outcome.clear()

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Choose or create the store file",
            self.path.text(),
            "procure store (*.db);;All files (*)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.path.setText(path)

    def value(self) -> str:
        """The store as a path or URL, with the password in it when one was typed."""
        if self.default.isChecked():
            return ""
        if self.file.isChecked():
            return self.path.text().strip()
        from procure.services.store import Server, server_url

        port = self.port.text().strip()
        server = Server(
            self.host.text().strip(),
            int(port) if port.isdigit() else None,
            self.database.text().strip(),
            self.user.text().strip(),
        )
        return server_url(server, self.password.text() or None)

    tested = None  # set to the outcome text once a test finished (for tests)

    def _test(self) -> None:
        from procure.services.store_setting import check_connection

        value = self.value()
        self.test_button.setEnabled(False)
        self.outcome.setText("Testing…")

        def done(text: str) -> None:
            self.test_button.setEnabled(True)
            self.outcome.setStyleSheet("color:#0f5132")
            self.outcome.setText(text)
            self.tested = text

        def failed(exc: Exception) -> None:
            self.test_button.setEnabled(True)
            self.outcome.setStyleSheet("color:#842029")
            self.outcome.setText(str(exc))
            self.tested = str(exc)

        run_in_background(self, lambda: check_connection(value), done, failed)

    @classmethod
    def ask(cls, parent: QWidget | None, current: str) -> str | None:
        """Show the dialog; the chosen store (with any password typed), or None."""
        dialog = cls(current, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None

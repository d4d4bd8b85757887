"""The fields ServiceTitan's developer portal gives an app — environment (or a shared sandbox's URL),
tenant id, app key, client id and client secret — as rows of a form; the welcome dialog and Settings ›
Profiles both use them."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit

#: Environment choices: (label shown, Profile.environment).
ENVIRONMENTS = (
    (QT_TRANSLATE_NOOP("CredentialFields", "Production"), "production"),
    (QT_TRANSLATE_NOOP("CredentialFields", "Integration"), "integration"),
    (QT_TRANSLATE_NOOP("CredentialFields", "Custom URL (a shared training sandbox)"), "custom"),
)


def _translate(text: str) -> str:
    return QCoreApplication.translate("CredentialFields", text)


class CredentialFields:
    """The rows, added to `form`; the base URL's row shows only for a custom URL."""

    def __init__(self, form: QFormLayout) -> None:
        self.form = form
        self.environment_combo = QComboBox()
        for label, value in ENVIRONMENTS:
            self.environment_combo.addItem(QCoreApplication.translate("CredentialFields", label), value)
        self.base_url_edit = QLineEdit()
        self.base_url_edit.setPlaceholderText(_translate("https://… (a shared training sandbox)"))
        self.tenant_edit = QLineEdit()
        self.tenant_edit.setValidator(QRegularExpressionValidator(r"\d{1,18}"))
        self.app_key_edit = QLineEdit()
        self.client_id_edit = QLineEdit()
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_translate("Environment"), self.environment_combo)
        form.addRow(_translate("Base URL"), self.base_url_edit)
        form.addRow(_translate("Tenant id"), self.tenant_edit)
        form.addRow(_translate("App key"), self.app_key_edit)
        form.addRow(_translate("Client id"), self.client_id_edit)
        form.addRow(_translate("Client secret"), self.secret_edit)
        self.environment_combo.currentIndexChanged.connect(self._environment_changed)
        self._environment_changed()

    def environment(self) -> str:
        return str(self.environment_combo.currentData())

    def base_url(self) -> str | None:
        """The custom URL typed (None for ServiceTitan's own environments)."""
        return (self.base_url_edit.text().strip() or None) if self.environment() == "custom" else None

    def _environment_changed(self) -> None:
        self.form.setRowVisible(self.base_url_edit, self.environment() == "custom")

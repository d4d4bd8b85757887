"""Every user-facing string goes through tr(): the English catalog is generated from source and current,
no UI text is passed to Qt untranslated (read off the code), and a pseudo-translation reaches every text of
the real window, its menus, the settings and the welcome dialog (read off the widgets)."""

from __future__ import annotations

import ast
import importlib.util
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTableView,
    QTreeView,
    QWidget,
)

from csr_console.domain.addresses import AddressMatch
from csr_console.domain.duplicates import Identity, score
from csr_console.domain.names import NameMatch, name_key
from csr_console.domain.words import Phrase
from csr_console.profiles import ProfileError, connection_for_profile
from csr_console.store.queries.outbox import OutboxBadge
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.phrases import said, shown
from csr_console.ui.queue.cells import outbox_text
from csr_console.ui.settings_dialog import SettingsDialog
from csr_console.ui.welcome import WelcomeDialog
from tests.ui.window_helpers import each_page, shown_window

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("update_catalog", ROOT / "packaging" / "update_catalog.py")
assert _spec is not None and _spec.loader is not None
update_catalog = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(update_catalog)

#: Qt calls whose string arguments are shown to the user.
TEXT_CALLS = {
    "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setWhatsThis", "setPlaceholderText",
    "setTitle", "addTab", "insertTab", "setTabText", "setTabToolTip", "addMenu", "addRow", "showMessage",
    "setInformativeText", "setDetailedText", "setAccessibleName", "setAccessibleDescription", "setSuffix",
    "setPrefix", "setSpecialValueText", "setLabelText", "setHeaderLabels", "setHorizontalHeaderLabels",
    "setVerticalHeaderLabels", "setButtonText", "setSubTitle", "setCheckBoxText", "addButton",
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QToolButton", "QMenu",
    "QMessageBox",
}  # fmt: skip
PSEUDO = re.compile(r"⟦.*⟧", re.DOTALL)


def messages(catalog: Path) -> set[tuple[str, str]]:
    root = ElementTree.parse(catalog).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_the_english_catalog_is_generated_from_the_current_source(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    update_catalog.write_catalog(fresh)
    committed = messages(update_catalog.CATALOG)
    assert len(committed) > 500
    assert messages(fresh) == committed, "run: python packaging/update_catalog.py"


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _untranslated(argument: ast.expr) -> bool:
    """A literal with words, an f-string, or a concatenation/list holding one (translated: tr(...))."""
    if isinstance(argument, ast.Constant):
        return isinstance(argument.value, str) and re.search(r"[A-Za-z]{2}", argument.value) is not None
    if isinstance(argument, ast.JoinedStr):  # words written around the values (a comma is no word)
        return any(_untranslated(part) for part in argument.values if isinstance(part, ast.Constant))
    if isinstance(argument, ast.BinOp):
        return _untranslated(argument.left) or _untranslated(argument.right)
    if isinstance(argument, ast.List | ast.Tuple):
        return any(_untranslated(item) for item in argument.elts)
    return False


def _marked(text: ast.expr) -> bool:
    """translate()'s text: a literal, or a constant marked by QT_TRANSLATE_NOOP where it is defined (a
    name, an attribute, a table's entry, or one of two such) — never a text built on the spot."""
    if isinstance(text, ast.IfExp):
        return _marked(text.body) and _marked(text.orelse)
    return isinstance(text, ast.Constant | ast.Name | ast.Attribute | ast.Subscript)


def test_no_ui_text_reaches_qt_untranslated() -> None:
    found = []
    for path in update_catalog.sources():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node)
            arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
            if name in ("tr", "translate", "QT_TRANSLATE_NOOP"):
                # lupdate reads literals only: the text is a literal (translate's may be a marked constant).
                text = node.args[1] if name != "tr" and len(node.args) > 1 else node.args[0]
                if not (_marked(text) if name == "translate" else isinstance(text, ast.Constant)):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}() of a non-literal")
            elif name in TEXT_CALLS and any(_untranslated(argument) for argument in arguments):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}() of an untranslated text")
    assert found == []


# -- the pseudo-translation ------------------------------------------------------------------------------
class PseudoTranslator(QTranslator):
    """Every text Qt looks up comes back bracketed: whatever is shown unbracketed skipped tr()."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return f"⟦{source}⟧"

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def pseudo(qapp: QApplication) -> Iterator[None]:
    translator = PseudoTranslator()
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every text the CSR can read on `root`: labels, buttons, group titles, tabs,
    placeholders, column headers, window titles, menus and their actions, tooltips."""
    texts = [("title", root.windowTitle())]
    for widget in [root, *root.findChildren(QWidget)]:
        where = f"{type(widget).__name__}#{widget.objectName()}"
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append((where, widget.text()))
        elif isinstance(widget, QGroupBox):
            texts.append((where, widget.title()))
        elif isinstance(widget, QTabBar):
            texts += [(where, widget.tabText(index)) for index in range(widget.count())]
        elif isinstance(widget, QLineEdit):
            texts.append((where, widget.placeholderText()))
        elif isinstance(widget, QMenu):
            texts.append((where, widget.title()))
        if isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
            model = widget.model()
            texts += [
                (where, str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
                for column in range(model.columnCount())
            ]
        texts.append((f"{where} tooltip", widget.toolTip()))
        for action in widget.actions():
            texts += [(f"action of {where}", action.text()), (f"action of {where}", action.toolTip())]
    return texts


def untranslated(root: QWidget, *, data: set[str] = frozenset()) -> list[tuple[str, str]]:  # type: ignore[assignment]
    """Texts with words that are neither bracketed nor data from the cache or server."""
    return [
        (where, text)
        for where, text in shown_texts(root)
        if re.search(r"[A-Za-z]{2}", text) and not PSEUDO.search(text) and text not in data
    ]


@pytest.mark.usefixtures("pseudo")
def test_the_window_menus_settings_and_welcome_show_only_translated_text(
    bridge: SyncBridge, qtbot: Any, tmp_path: Path
) -> None:
    window = shown_window(bridge, qtbot, tmp_path)
    settings, tasks = window.settings, window.tasks
    qtbot.waitUntil(lambda: window.queue.model.rowCount() > 0)
    assert list(each_page(window, qtbot)) == ["⟦Bookings⟧", "⟦Leads⟧", "⟦Reports⟧"]  # each built once
    filter_ = window.queue._sources
    sources = {filter_.itemText(i) for i in range(filter_.count())}  # the cache's sources: data
    assert untranslated(window, data=sources) == []

    dialog = SettingsDialog(settings, tasks, window, bridge=bridge, profiles_path=tmp_path / "profiles.json")
    qtbot.addWidget(dialog)
    dialog.open()
    assert untranslated(dialog) == []

    welcome = WelcomeDialog(tasks, profiles_path=tmp_path / "profiles.json")
    qtbot.addWidget(welcome)
    welcome.open()
    assert untranslated(welcome) == []


@pytest.mark.usefixtures("pseudo")
def test_words_marked_below_the_ui_are_translated_where_shown(tmp_path: Path) -> None:
    """Duplicate reasons (domain), report column titles (store), conflict and refusal messages (sync),
    profile errors."""
    catalog = messages(update_catalog.CATALOG)
    nickname = score(
        Identity(name_key("Bob Smith"), phones={"2145550100": "MobilePhone"}),
        Identity(name_key("Robert Smith"), phones={"2145550100": "MobilePhone"}),
    )
    assert nickname.reasons == ("same mobile phone", "same name but for a nickname (Bob = Robert)")
    assert [shown("DuplicateReasons", reason) for reason in nickname.reasons] == [
        "⟦same mobile phone⟧",
        "⟦same name but for a nickname (Bob = Robert)⟧",  # the template translated, then filled in
    ]
    words = [match.value for match in (*AddressMatch, *NameMatch) if match.value]
    words.remove(NameMatch.NICKNAME.value)  # said with the two names: the template above
    assert {("DuplicateReasons", word) for word in words} <= catalog
    assert ("ReportColumns", "Dismissed by") in catalog

    template = "Booking {booking} was already converted to job #{job} by someone else."
    assert ("OutboxMessages", template) in catalog
    conflict = OutboxBadge(
        "a1", "accept_booking", "conflict", Phrase(template, booking="3", job="1007"), 0, 0, 1
    )
    assert (
        outbox_text(conflict) == "⟦conflict⟧: ⟦Booking 3 was already converted to job #1007 by someone else.⟧"
    )

    with pytest.raises(ProfileError) as caught:
        connection_for_profile("nope", tmp_path / "profiles.json")
    assert str(caught.value) == "no ServiceTitan profile named 'nope'"  # English in logs and on stderr
    assert said(caught.value, "Profiles") == "⟦no ServiceTitan profile named 'nope'⟧"
    assert ("OutboxMessages", "no action {action} in the outbox") in catalog

"""The service template editor: edits round-trip into the draft, the check and the preview
follow the edits, permissions, the unsaved-changes question, hostile text."""

from __future__ import annotations

from collections.abc import Callable

import pypdfium2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QTableWidget, QTableWidgetItem
from pytestqt.qtbot import QtBot

from backoffice.domain.templates import REQUIREMENTS
from backoffice.services.template_versions import TemplateVersions
from backoffice.ui.admin.editor import TemplateEditor
from backoffice.ui.admin.editor.preview import pdf_pages
from backoffice.ui.admin.editor.sections import LocalText
from backoffice.ui.context import UiContext
from backoffice.ui.tasks import TaskRunner
from tests.gui.conftest import World

KEY = "dog_tax_registration"
#: The transitions table's columns: allowed, from, to, then one per requirement.
APPROVAL_COLUMN = 3 + REQUIREMENTS.index("approval")


def _item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None
    return item


def _line(text: LocalText, language: str) -> QLineEdit:
    edit = text.edits[language]
    assert isinstance(edit, QLineEdit)
    return edit


def _editor(qtbot: QtBot, context: UiContext, key: str = KEY) -> TemplateEditor:
    editor = TemplateEditor(context, key)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def _transition_row(editor: TemplateEditor, source: str, target: str) -> int:
    for row, record in enumerate(editor.workflow.transitions.records):
        if (record["from"], record["to"]) == (source, target):
            return row
    raise AssertionError(f"no row {source} → {target}")


def _set_transition(editor: TemplateEditor, source: str, target: str, allowed: bool) -> None:
    item = _item(editor.workflow.transitions.table, _transition_row(editor, source, target), 0)
    item.setCheckState(Qt.CheckState.Checked if allowed else Qt.CheckState.Unchecked)


def _finding_texts(editor: TemplateEditor) -> list[str]:
    return [editor.findings_list.item(i).text() for i in range(editor.findings_list.count())]


def _pdf_text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def _has_ink(image: QImage) -> bool:
    """Some pixel of the page is not white (the page is drawn, not blank)."""
    step = max(1, image.width() // 60)
    return any(
        image.pixelColor(x, y).lightness() < 200
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
    )


def test_edits_on_every_page_round_trip_into_the_draft(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    editor = _editor(qtbot, make_context(world.admin))
    assert "starting from version 1" in editor.heading.text()
    assert not editor.is_dirty()
    # General: the deadline and the fee.
    editor.general.processing_days.setValue(12)
    editor.general.fee.setValue(7.5)
    # Form: a new field in the second group ("dog"), moved to the top.
    form = editor.form
    form.groups.table.setCurrentCell(1, 0)
    form.fields.add()
    row = form.fields.table.rowCount() - 1
    _item(form.fields.table, row, 0).setText("vaccinated")
    _item(form.fields.table, row, 1).setText("Geimpft gegen Tollwut")
    _item(form.fields.table, row, 2).setText("Vaccinated against rabies")
    combo = form.fields.table.cellWidget(row, 3)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("boolean"))
    _item(form.fields.table, row, 4).setCheckState(Qt.CheckState.Checked)
    for _ in range(row):
        form.fields.move_by(-1)
    # Workflow: a rejection after work began needs a second person's approval.
    rejected = _transition_row(editor, "in_progress", "rejected")
    _item(editor.workflow.transitions.table, rejected, APPROVAL_COLUMN).setCheckState(
        Qt.CheckState.Checked
    )
    # Texts: the English completion message; the certificate's title.
    editor.messages.choose("completed")
    editor.messages.editors["en"].setPlainText("Your dog {given_name} is registered.")
    _line(editor.certificate.title, "de").setText("Anmeldebestätigung Hundesteuer")
    assert editor.is_dirty()

    with qtbot.waitSignal(editor.saved) as saved:
        editor.save_button.click()
    assert saved.args == [KEY]
    assert not editor.is_dirty()
    assert "draft version 2" in editor.heading.text()
    stored = TemplateVersions(world.db, world.clock).definition(world.admin, KEY)
    assert stored["version"] == 2
    assert stored["processing_days"] == 12 and stored["fee"]["amount"] == "7.50"
    assert stored["fee"]["note"] == world.templates[KEY].raw["fee"]["note"]  # kept as it was
    dog = stored["field_groups"][1]
    assert dog["fields"][0] == {
        "key": "vaccinated",
        "label": {"de": "Geimpft gegen Tollwut", "en": "Vaccinated against rabies"},
        "type": "boolean",
        "required": True,
    }
    assert [f["key"] for f in dog["fields"][1:]] == [
        f["key"] for f in world.templates[KEY].raw["field_groups"][1]["fields"]
    ]
    transition = next(
        t
        for t in stored["workflow"]["transitions"]
        if (t["from"], t["to"]) == ("in_progress", "rejected")
    )
    assert transition["requires"] == ["comment", "message", "approval"]
    assert stored["messages"]["completed"]["en"] == "Your dog {given_name} is registered."
    assert stored["certificate"]["title"]["de"] == "Anmeldebestätigung Hundesteuer"
    assert stored["leika_note"] == world.templates[KEY].raw["leika_note"]  # not on any page
    # Everything not edited is as it was.
    untouched = {k: v for k, v in stored.items() if k not in ("version",)}
    original = dict(world.templates[KEY].raw)
    for key in ("name", "description", "file_prefix", "leika", "active", "retention_years"):
        assert untouched.get(key) == original.get(key)

    # Opened again, the editor starts from the draft.
    again = _editor(qtbot, make_context(world.admin))
    assert "draft version 2" in again.heading.text()
    assert again.current_definition() == stored


def test_the_check_shows_what_a_broken_template_lacks(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    editor = _editor(qtbot, make_context(world.admin))
    assert editor.findings == []
    assert "no problems" in editor.findings_title.text()
    # Waiting for the applicant, with no way out; an empty German text.
    for target in ("in_progress", "rejected", "withdrawn"):
        _set_transition(editor, "waiting_for_citizen", target, allowed=False)
    editor.messages.choose("rejected")
    editor.messages.editors["de"].setPlainText("   ")
    editor.check_now()
    codes = {f.code for f in editor.findings}
    assert {"status_without_exit", "text_empty"} <= codes
    texts = _finding_texts(editor)
    assert "The open status “Waiting for the applicant” has no way out." in texts
    assert "A text is empty: message for “Rejected”, German." in texts
    assert "2 problem" in editor.findings_title.text()
    # The finding leads to its page.
    editor.tabs.setCurrentWidget(editor.general)
    editor.findings_list.itemActivated.emit(editor.findings_list.item(0))
    assert editor.tabs.currentWidget() is editor.workflow
    # The preview keeps the last version it could draw and says why it stopped.
    editor.preview_now()
    assert editor.preview.stale and editor.preview.page_labels()
    assert "check's problems" in editor.preview.state.text()
    # Undone, the check is clean again.
    _set_transition(editor, "waiting_for_citizen", "in_progress", allowed=True)
    editor.messages.editors["de"].setPlainText("Abgelehnt ({file_number}).")
    editor.check_now()
    assert editor.findings == []


def test_the_preview_renders_in_a_worker_and_drops_stale_renders(
    qtbot: QtBot,
    world: World,
    make_context: Callable[..., UiContext],
    thread_runner: TaskRunner,
) -> None:
    editor = _editor(qtbot, make_context(world.admin, task_runner=thread_runner))
    qtbot.waitUntil(lambda: bool(editor.preview.page_labels()), timeout=30_000)
    shown = editor.preview.shown
    assert shown is not None and shown.result.certificate_pdf is not None
    assert shown.result.certificate_pdf.startswith(b"%PDF-")
    image = editor.preview.page_labels()[0].image
    assert image.width() > 500 and _has_ink(image)
    # Two renders in a row: the first one's result is never shown.
    _line(editor.certificate.title, "de").setText("Erste Fassung")
    editor.preview_now()
    first = editor._preview_task
    _line(editor.certificate.title, "de").setText("Zweite Fassung")
    editor.preview_now()
    assert first is not None and first.cancelled
    qtbot.waitUntil(
        lambda: editor.preview.shown is not shown and thread_runner.pending == 0, timeout=30_000
    )
    latest = editor.preview.shown
    assert latest is not None and latest.result.certificate_pdf is not None
    assert "Zweite Fassung" in _pdf_text(latest.result.certificate_pdf)
    # The letter with the chosen status's message, in English.
    editor.preview.document.setCurrentIndex(editor.preview.document.findData("letter"))
    editor.preview.language.setCurrentIndex(editor.preview.language.findData("en"))
    editor.messages.choose("completed")
    editor.preview_now()
    qtbot.waitUntil(
        lambda: editor.preview.shown is not latest and thread_runner.pending == 0, timeout=30_000
    )
    letter = editor.preview.shown
    assert letter is not None and letter.result.letter_pdf is not None
    assert letter.result.status == "completed" and letter.result.language == "en"
    assert "registered for dog tax" in _pdf_text(letter.result.letter_pdf)
    assert editor.preview.page_labels() and "registered" in editor.messages.sample.text()


def test_pages_of_a_pdf_become_images_and_garbage_none(qapp: object) -> None:
    assert pdf_pages(b"%PDF-1.4 garbage") == ()
    assert pdf_pages(None) == ()


@pytest.mark.parametrize("who", ["clerk1", "lead"])
def test_clerks_and_team_leads_are_refused(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext], who: str
) -> None:
    editor = _editor(qtbot, make_context(getattr(world, who)))
    assert editor.message_bar.isVisible()
    assert "not allowed" in editor.message_bar.text
    assert not editor.tabs.isEnabled() and not editor.save_button.isEnabled()
    assert editor.preview.shown is None


def test_a_refused_save_keeps_the_changes(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    editor = _editor(qtbot, make_context(world.admin))
    editor.general.processing_days.setValue(20)
    editor._ctx = make_context(world.lead)  # the role was taken away meanwhile
    editor.save()
    assert "The draft was not saved" in editor.message_bar.text
    assert "not allowed" in editor.message_bar.text
    assert editor.is_dirty() and editor.general.processing_days.value() == 20
    assert TemplateVersions(world.db, world.clock).drafts(world.admin) == []


def test_closing_with_unsaved_changes_asks(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    editor = _editor(qtbot, make_context(world.admin))
    editor.close()  # nothing changed: no question
    assert not editor.isVisible() and editor.unsaved_box is None

    editor = _editor(qtbot, make_context(world.admin))
    editor.general.processing_days.setValue(30)
    editor.close()
    box = editor.unsaved_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert editor.isVisible() and editor.is_dirty()

    editor.reject()  # Escape asks too
    box = editor.unsaved_box
    assert box is not None and box.isVisible()
    box.button(QMessageBox.StandardButton.Save).click()
    assert not editor.isVisible()
    versions = TemplateVersions(world.db, world.clock)
    assert versions.definition(world.admin, KEY)["processing_days"] == 30

    editor = _editor(qtbot, make_context(world.admin))
    editor.general.processing_days.setValue(31)
    editor.close()
    box = editor.unsaved_box
    assert box is not None
    box.button(QMessageBox.StandardButton.Discard).click()
    assert not editor.isVisible()
    assert versions.definition(world.admin, KEY)["processing_days"] == 30


def test_hostile_text_is_shown_and_stored_as_text(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    editor = _editor(qtbot, make_context(world.admin))
    markup = "<b>Hund</b><img src='file:///etc/passwd'>"
    form = editor.form
    form.groups.table.setCurrentCell(1, 0)
    _item(form.groups.table, 1, 1).setText(markup)
    assert _item(form.groups.table, 1, 1).text() == markup
    _line(editor.general.name, "de").setText("<h1>Dienst</h1>")
    huge = "<i>Hallo</i> {given_name} " + "x" * 200_000
    editor.messages.choose("received")
    editor.messages.editors["de"].setPlainText(huge)
    editor.check_now()
    editor.preview_now()
    shown = editor.preview.shown
    assert shown is not None and shown.result.problem is None
    assert editor.preview.page_labels()
    sample = editor.messages.sample
    assert sample.textFormat() == Qt.TextFormat.PlainText
    assert sample.text().startswith("<i>Hallo</i> Erika ")
    assert editor.preview.state.textFormat() == Qt.TextFormat.PlainText
    with qtbot.waitSignal(editor.saved):
        editor.save()
    assert editor.heading.textFormat() == Qt.TextFormat.PlainText
    assert "<h1>Dienst</h1>" in editor.heading.text()
    stored = TemplateVersions(world.db, world.clock).definition(world.admin, KEY)
    assert stored["field_groups"][1]["label"]["de"] == markup
    assert stored["messages"]["received"]["de"] == huge


def test_the_json_page_applies_what_the_other_pages_do_not_cover(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    editor = _editor(qtbot, make_context(world.admin))
    editor.tabs.setCurrentWidget(editor.json)
    text = editor.json.text.toPlainText()
    assert '"leika_note"' in text
    editor.json.text.setPlainText(text.replace('"processing_days": 10', '"processing_days": 9'))
    editor.json.apply_button.click()
    assert editor.general.processing_days.value() == 9 and editor.is_dirty()
    editor.json.text.setPlainText("{ not json")
    editor.json.apply_button.click()
    assert "Not valid JSON" in editor.json.error.text()
    editor.json.text.setPlainText("[1, 2]")
    editor.json.apply_button.click()
    assert "JSON object" in editor.json.error.text()
    assert editor.general.processing_days.value() == 9


def test_a_draft_saved_meanwhile_is_not_overwritten_unasked(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    editor = _editor(qtbot, make_context(world.admin))  # a new draft, from version 1
    versions = TemplateVersions(world.db, world.clock)
    other = dict(world.templates[KEY].raw)
    versions.save_draft(world.admin, {**other, "processing_days": 3})  # someone else
    editor.general.processing_days.setValue(14)
    editor.save()
    bar = editor.message_bar
    assert "someone saved a draft of this service meanwhile" in bar.text
    assert versions.definition(world.admin, KEY)["processing_days"] == 3
    assert editor.is_dirty()
    with qtbot.waitSignal(editor.saved):
        bar._action.click()  # "Replace that draft"
    assert versions.definition(world.admin, KEY)["processing_days"] == 14
    assert not editor.is_dirty()


def test_an_unknown_service_is_named(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    editor = _editor(qtbot, make_context(world.admin), key="no_such_service")
    assert editor.message_bar.text == "There is no service no_such_service."
    assert not editor.tabs.isEnabled()

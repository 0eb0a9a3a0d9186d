"""Attachments: preview of PDFs and images fetched from the simulator, the size limit,
save-as under a safe name, opening a private copy with the system viewer (with a warning
first when the file is not what it claims to be); every read is in the case history."""

from __future__ import annotations

import stat
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from backoffice.domain.files import safe_filename
from backoffice.services.actor import SYSTEM
from backoffice.store.models import Attachment
from backoffice.ui.case.preview import ImagePreview, NoPreview, PdfPreview, load_preview
from backoffice.ui.case.view import CaseView
from backoffice.ui.context import UiContext
from backoffice.ui.tasks import TaskRunner
from tests.gui.conftest import Portal, World


@pytest.fixture
def synced(world: World, make_portal: Callable[..., Portal]) -> dict[str, tuple[int, int]]:
    """Cases fetched from the simulator: media type -> (case id, attachment id)."""
    portal = make_portal()
    portal.simulator.generate(4, service="resident_parking_permit")
    assert portal.services.open_intake is not None
    with portal.services.open_intake() as intake:
        assert intake.sync(SYSTEM, portal.simulator.destination_id).accepted == 4
    with world.db.read() as session:
        rows = session.execute(select(Attachment.media_type, Attachment.case_id, Attachment.id))
        found = {media: (case_id, attachment_id) for media, case_id, attachment_id in rows}
    assert {"application/pdf", "image/jpeg", "image/png"} <= set(found)
    return found


def _view(
    qtbot: QtBot, make_context: Callable[..., UiContext], world: World, **options: object
) -> CaseView:
    context = make_context(world.clerk1, **options)
    context.vocabulary.templates.update(world.templates)
    view = CaseView(context)
    qtbot.addWidget(view)
    view.resize(700, 900)
    view.show()
    return view


def _history(world: World, case_id: int) -> list[str]:
    return [e.kind for e in world.casework.queries.get_case(world.clerk1, case_id).history]


def test_a_pdf_is_previewed_after_loading_in_a_worker(
    qtbot: QtBot,
    world: World,
    synced: dict[str, tuple[int, int]],
    make_context: Callable[..., UiContext],
    thread_runner: TaskRunner,
) -> None:
    case_id, attachment_id = synced["application/pdf"]
    view = _view(qtbot, make_context, world, task_runner=thread_runner)
    view.show_case(case_id)
    qtbot.waitUntil(lambda: view.detail is not None)
    section = view.attachments
    view.tabs.setCurrentWidget(section)
    assert section.select(attachment_id)
    assert section.check.text().startswith("Check of ") and "in order" in section.check.text()
    qtbot.mouseClick(section.preview_button, Qt.MouseButton.LeftButton)
    assert "Loading" in section.pane.message.text()  # the worker reads, the GUI stays free
    qtbot.waitUntil(lambda: section.pane.currentWidget() is section.pane.pdf_view)
    assert section.pane.page_count >= 1
    assert section.pane.pdf_view.document() is section.pane.document
    assert section.pane.document is not None and section.pane.document.parent() is None
    assert _history(world, case_id)[-1] == "attachment_viewed"
    qtbot.waitUntil(lambda: thread_runner.pending == 0)


def test_an_image_is_previewed_scaled_to_the_panel(
    qtbot: QtBot,
    world: World,
    synced: dict[str, tuple[int, int]],
    make_context: Callable[..., UiContext],
) -> None:
    case_id, attachment_id = synced["image/jpeg"]
    view = _view(qtbot, make_context, world)
    view.show_case(case_id)
    section = view.attachments
    view.tabs.setCurrentWidget(section)
    section.select(attachment_id)
    section.preview()
    assert section.pane.currentWidget() is section.pane.image_area
    pixmap = section.pane.image_label.pixmap()
    assert not pixmap.isNull()
    assert pixmap.width() <= section.pane.image_area.viewport().width()
    assert "pixels" in section.pane.image_label.toolTip()
    # Switching to a PDF of another case and back: the pane follows, nothing leaks.
    png_case, png_id = synced["image/png"]
    view.show_case(png_case)
    assert section.pane.currentWidget() is section.pane.message  # nothing read yet
    section.select(png_id)
    section.preview()
    assert section.pane.currentWidget() is section.pane.image_area


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims a size; its pixels are cut short (they are not needed to refuse it)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = chunk(b"IDAT", zlib.compress(b"\0" * 100))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + pixels + chunk(b"IEND", b"")


def test_images_above_50_megapixels_are_refused_before_decoding(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext]
) -> None:
    preview = load_preview(_png_header(10_000, 6_000))
    assert isinstance(preview, NoPreview) and preview.reason == "too_large"
    assert isinstance(load_preview(b"%PDF-1.7 broken"), NoPreview)
    assert load_preview(b"just text").reason == "unsupported"  # type: ignore[union-attr]
    case_id = world.add_case("birth_certificate")
    with world.db.write() as session:
        session.add(
            Attachment(
                case_id=case_id,
                original_name="riesig.png",
                safe_name="riesig.png",
                media_type="image/png",
                size=100,
                sha512="0" * 128,
                content=_png_header(10_000, 6_000),
                verification="ok",
            )
        )
    view = _view(qtbot, make_context, world)
    view.show_case(case_id)
    view.attachments.preview()
    text = view.attachments.pane.message.text()
    assert "too large to show (10000 × 6000 pixels, more than 50 megapixels)" in text


def test_a_real_image_and_pdf_are_recognised_by_content(
    synced: dict[str, tuple[int, int]], world: World
) -> None:
    with world.db.read() as session:
        contents = {
            a.media_type: a.content
            for a in session.scalars(select(Attachment)).all()
            if a.media_type in ("application/pdf", "image/png")
        }
    assert isinstance(load_preview(contents["image/png"]), ImagePreview)
    pdf = load_preview(contents["application/pdf"])
    assert isinstance(pdf, PdfPreview) and pdf.pages >= 1


def test_save_as_writes_the_safe_name_and_never_replaces_a_file(
    qtbot: QtBot,
    world: World,
    synced: dict[str, tuple[int, int]],
    make_context: Callable[..., UiContext],
    tmp_path: Path,
) -> None:
    tmp_path = tmp_path / "saved"
    tmp_path.mkdir()
    case_id, attachment_id = synced["application/pdf"]
    view = _view(qtbot, make_context, world)
    view.show_case(case_id)
    section = view.attachments
    section.select(attachment_id)
    messages: list[str] = []
    view.status_message.connect(messages.append)
    section.save_as()
    dialog = section.file_dialog
    assert dialog is not None
    assert dialog.selectedFiles()[0].endswith(".pdf")  # proposes the stored safe name
    wanted = "Vertrag <Kopie>|2026?.pdf"
    dialog.selectFile(str(tmp_path / wanted))
    dialog.accept()
    expected = tmp_path / safe_filename(wanted, "application/pdf")
    assert expected.name != wanted
    assert [p.name for p in tmp_path.iterdir()] == [expected.name]
    assert expected.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(expected.stat().st_mode) == 0o600
    assert messages[-1].startswith(f"Saved as {expected}.")
    assert "The name was changed" in messages[-1]
    # Again with the same name: a second file, the first untouched.
    section.save_as()
    assert section.file_dialog is not None
    section.file_dialog.selectFile(str(tmp_path / wanted))
    section.file_dialog.accept()
    assert len(list(tmp_path.iterdir())) == 2
    assert _history(world, case_id).count("attachment_viewed") == 2


class _Viewer(QObject):
    """Stands in for the system viewer: records what it was asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[Path] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(Path(url.toLocalFile()))


@pytest.fixture
def viewer() -> object:
    handler = _Viewer()
    # PySide6's stub asks for bytes; at run time only the method's name as str is accepted.
    QDesktopServices.setUrlHandler("file", handler, "open")  # type: ignore[arg-type]
    yield handler
    QDesktopServices.unsetUrlHandler("file")


def test_open_with_the_system_viewer_uses_a_private_copy(
    qtbot: QtBot,
    world: World,
    synced: dict[str, tuple[int, int]],
    make_context: Callable[..., UiContext],
    tmp_path: Path,
    viewer: _Viewer,
) -> None:
    case_id, attachment_id = synced["image/png"]
    view = _view(qtbot, make_context, world)
    view.show_case(case_id)
    section = view.attachments
    section.temp_root = tmp_path
    section.select(attachment_id)
    section.open_external()  # checked "ok": no warning
    assert section.warning is None
    assert len(viewer.opened) == 1
    copy = viewer.opened[0]
    assert copy.parent.parent == tmp_path and copy.is_file()
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700  # a private folder
    assert copy.name == "Screenshot_Überweisung.png"
    section.remove_copies()
    assert not copy.parent.exists()


def test_a_suspicious_file_is_opened_only_after_a_warning(
    qtbot: QtBot,
    world: World,
    make_context: Callable[..., UiContext],
    tmp_path: Path,
    viewer: _Viewer,
) -> None:
    tmp_path = tmp_path / "copies"
    tmp_path.mkdir()
    case_id = world.add_case("birth_certificate")
    with world.db.write() as session:
        session.add(
            Attachment(
                case_id=case_id,
                original_name="rechnung.pdf",
                safe_name="rechnung.pdf",
                media_type="application/pdf",
                size=8,
                sha512="0" * 128,
                content=b"MZ\x90\x00exe",
                verification="type_mismatch",
                verification_detail="declared application/pdf, content is application/x-msdownload",
            )
        )
    view = _view(qtbot, make_context, world)
    view.show_case(case_id)
    section = view.attachments
    section.temp_root = tmp_path
    section.open_external()
    box = section.warning
    assert isinstance(box, QMessageBox)
    assert box.text() == "rechnung.pdf: file type differs from its declaration."
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert viewer.opened == [] and list(tmp_path.iterdir()) == []
    section.open_external()
    box = section.warning
    assert box is not None
    next(b for b in box.buttons() if b.text() == "Open anyway").click()
    assert len(viewer.opened) == 1 and viewer.opened[0].name == "rechnung.pdf"


def test_the_check_result_is_worded_in_the_interface_language(
    qtbot: QtBot, world: World, make_context: Callable[..., UiContext], german: object
) -> None:
    case_id = world.add_case("birth_certificate")
    checks = [
        ("type_mismatch", "image/png", "declared application/pdf, content is image/png"),
        (
            "unknown_type",
            "application/pdf",
            "content type not recognised (declared application/pdf)",
        ),
        ("some_new_check", "application/pdf", "a check this program does not know yet"),
    ]
    with world.db.write() as session:
        for n, (code, media_type, detail) in enumerate(checks):
            session.add(
                Attachment(
                    case_id=case_id,
                    original_name=f"anlage{n}.pdf",
                    safe_name=f"anlage{n}.pdf",
                    media_type=media_type,
                    size=4,
                    sha512="0" * 128,
                    content=b"data",
                    verification=code,
                    verification_detail=detail,
                )
            )
    view = _view(qtbot, make_context, world, language="de")
    view.show_case(case_id)
    section = view.attachments
    texts = []
    for n in range(3):
        item = section.tree.topLevelItem(n)
        assert item is not None
        section.tree.setCurrentItem(item)
        texts.append(section.check.text().splitlines()[0])
    assert texts == [
        "Prüfung von anlage0.pdf: Dateityp weicht von der Angabe ab "
        "(angegeben als application/pdf, der Inhalt ist aber image/png)",
        "Prüfung von anlage1.pdf: Dateityp nicht erkannt "
        "(der Inhalt hat keinen bekannten Typ; angegeben als application/pdf)",
        # A code this version does not know: its own words, as the service gave them.
        "Prüfung von anlage2.pdf: some_new_check (a check this program does not know yet)",
    ]
    item = section.tree.topLevelItem(0)
    assert item is not None
    assert "angegeben als application/pdf" in item.toolTip(3)

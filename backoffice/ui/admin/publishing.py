"""Publishing a draft and ending a version, for the services page.

Publishing runs the configuration check first (in a worker) and refuses while it finds
anything (:attr:`VersionPublishing.refused`, with the findings for the page's list); a clean
draft gets the :class:`~backoffice.ui.admin.version_dialogs.PublishDialog`. The service call
runs when the dialog is confirmed; a refusal — an overlapping validity period above all — is
shown in the dialog, which stays open with its input, and nothing changes. Ending a version
works the same way with the :class:`~backoffice.ui.admin.version_dialogs.EndDialog`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from backoffice.domain.template_check import Finding
from backoffice.services.template_versions import PublishResult, TemplateVersions, VersionInfo
from backoffice.ui.admin.version_dialogs import EndDialog, PublishDialog
from backoffice.ui.context import UiContext


class VersionPublishing(QObject):
    """See the module documentation."""

    #: The check ran (the version, its findings): the page lists them.
    checked = Signal(object, object)
    #: The draft was not offered for publishing (the version, its findings).
    refused = Signal(object, object)
    #: Something changed: the status bar text and the version to choose afterwards.
    changed = Signal(str, int)
    #: A service call failed outside a dialog (the exception).
    failed = Signal(object)

    def __init__(
        self,
        context: UiContext,
        templates: Callable[[], TemplateVersions],
        error_text: Callable[[Exception], str],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._ctx = context
        self._templates = templates
        self._error_text = error_text
        self._parent = parent
        self.publish_dialog: PublishDialog | None = None
        self.end_dialog: EndDialog | None = None

    # -- publishing ---------------------------------------------------------------------------

    def publish(self, name: str, draft: VersionInfo, versions: Sequence[VersionInfo]) -> None:
        """The check first; only a clean draft gets the dialog."""
        if self.publish_dialog is not None:
            return
        self._ctx.runner.run(
            partial(self._templates().check, self._ctx.actor, draft.key, draft.version),
            done=partial(self._checked, name, draft, list(versions)),
            failed=self.failed.emit,
            owner=self,
            name="configuration check",
        )

    def _checked(
        self, name: str, draft: VersionInfo, versions: list[VersionInfo], findings: list[Finding]
    ) -> None:
        self.checked.emit(draft, findings)
        if findings:
            self.refused.emit(draft, findings)
            return
        predecessor = next(
            (v for v in versions if v.state == "published" and v.valid_until is None), None
        )
        dialog = PublishDialog(
            name, draft, predecessor, self._templates().today(), self._ctx.vocabulary, self._parent
        )
        dialog.submitted.connect(partial(self._publish_submitted, dialog))
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.publish_dialog = dialog
        dialog.open()

    def _publish_submitted(self, dialog: PublishDialog) -> None:
        draft = dialog.draft
        self._ctx.runner.run(
            partial(
                self._templates().publish,
                self._ctx.actor,
                draft.key,
                dialog.valid_from,
                version=draft.version,
                end_predecessor=dialog.end_predecessor,
            ),
            done=partial(self._published, dialog),
            failed=partial(self._publish_failed, dialog),
            owner=self,
            write=True,
            name="publish version",
        )

    def _published(self, dialog: PublishDialog, result: PublishResult) -> None:
        dialog.succeeded()
        info = result.published
        text = self.tr("v{version} of {key} published, valid from {day}.").format(
            version=info.version, key=info.key, day=self._ctx.vocabulary.date(info.valid_from)
        )
        for ended in result.ended:
            text += " " + self.tr("v{version} ends the day before.").format(version=ended)
        self.changed.emit(text, info.version)

    def _publish_failed(self, dialog: PublishDialog, error: Exception) -> None:
        text = self._error_text(error)
        details = getattr(error, "details", {})
        if getattr(error, "code", "") == "template_period_overlap":
            overlapping = details.get("overlapping_version", "?")
            if details.get("can_end_predecessor") and not dialog.end_predecessor:
                text += "\n" + self.tr(
                    "Tick “End v{version}” to end it on the day before the new version starts."
                ).format(version=overlapping)
            elif not details.get("can_end_predecessor"):
                text += "\n" + self.tr(
                    "Choose a later day, or end v{version} first so that the periods do not "
                    "overlap."
                ).format(version=overlapping)
        dialog.failed(text)

    # -- ending -------------------------------------------------------------------------------

    def end(self, name: str, version: VersionInfo) -> None:
        if self.end_dialog is not None or version.state == "draft":
            return
        dialog = EndDialog(
            name, version, self._templates().today(), self._ctx.vocabulary, self._parent
        )
        dialog.submitted.connect(partial(self._end_submitted, dialog))
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.end_dialog = dialog
        dialog.open()

    def _end_submitted(self, dialog: EndDialog) -> None:
        info = dialog.version
        self._ctx.runner.run(
            partial(
                self._templates().end, self._ctx.actor, info.key, info.version, dialog.last_day
            ),
            done=partial(self._ended, dialog),
            failed=lambda error: dialog.failed(self._error_text(error)),
            owner=self,
            write=True,
            name="end version",
        )

    def _ended(self, dialog: EndDialog, info: VersionInfo) -> None:
        dialog.succeeded()
        self.changed.emit(
            self.tr("v{version} of {key} is valid until {day} (inclusive).").format(
                version=info.version, key=info.key, day=self._ctx.vocabulary.date(info.valid_until)
            ),
            info.version,
        )

    def _forget(self, dialog: PublishDialog | EndDialog) -> None:
        if self.publish_dialog is dialog:
            self.publish_dialog = None
        if self.end_dialog is dialog:
            self.end_dialog = None
        dialog.deleteLater()


__all__ = ["VersionPublishing"]

"""The difference view: the draft beside the live version, grouped by area, plain text."""

from __future__ import annotations

from backoffice.domain.template_diff import diff_templates
from backoffice.services.template_versions import TemplateVersions
from backoffice.ui.admin.diff import TemplateDiffView, side_text
from backoffice.ui.admin.services_page import ServicesPage
from tests.gui.admin.conftest import KEY, realistic_draft
from tests.gui.conftest import World


def test_the_draft_beside_the_live_version_shows_the_fee_and_the_new_field(
    page: ServicesPage, templates: TemplateVersions, world: World
) -> None:
    templates.save_draft(world.admin, realistic_draft(world))
    page.refresh()
    page.select_service(KEY)
    page.select_version(2)
    page.diff_button.click()
    dialog = page.diff_dialog
    assert dialog is not None and dialog.isVisible()
    view = dialog.view
    assert view.headerItem().text(2) == "v1 (published, live today)"
    assert view.headerItem().text(3) == "v2 (draft)"
    assert view.areas() == ["fields", "texts", "fee"]
    assert view.rows("fee") == [("~ fee.amount", "changed", "10.00", "12.00")]
    [added] = view.rows("fields")
    entry, kind, left, right = added
    assert (entry, kind, left) == ("+ applicant.nationality", "added", "")
    assert right.splitlines()[:2] == [
        "label: de: Staatsangehörigkeit · en: Nationality",
        "type: text",
    ]
    [text] = view.rows("texts")
    assert text[0] == "~ messages.completed.de" and "Gebührenbescheid per Post" in text[3]
    assert dialog.summary.text() == "3 change(s): 1 added, 0 removed, 2 changed"

    # Any two versions: the draft against itself differs in nothing.
    dialog.old_combo.setCurrentIndex(dialog.old_combo.findData(2))
    assert view.areas() == [] and dialog.summary.text() == "The two versions do not differ."
    dialog.reject()
    assert page.diff_dialog is None


def test_a_changed_field_shows_only_what_differs_and_text_stays_plain(world: World, qtbot) -> None:  # type: ignore[no-untyped-def]
    old = dict(world.templates[KEY].raw)
    new = realistic_draft(world)
    applicant = next(g for g in new["field_groups"] if g["key"] == "applicant")
    email = next(f for f in applicant["fields"] if f["key"] == "email")
    email["required"] = True
    email["label"] = {"de": "<b>E-Mail</b>", "en": "E-mail"}
    view = TemplateDiffView()
    qtbot.addWidget(view)
    view.set_diff(diff_templates(old, new))
    rows = {row[0]: row for row in view.rows("fields")}
    changed = rows["~ applicant.email"]
    assert changed[2] == "label: de: E-Mail-Adresse · en: E-mail address\nrequired: —"
    assert changed[3] == "label: de: <b>E-Mail</b> · en: E-mail\nrequired: yes"
    assert side_text(None, {"a": 1}) == ""

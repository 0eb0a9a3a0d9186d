"""The services page on the world's database, as the administrator sees it."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from backoffice.services.template_versions import TemplateVersions
from backoffice.ui.admin.services_page import ServicesPage
from backoffice.ui.context import UiContext
from tests.gui.conftest import World

KEY = "birth_certificate"


@pytest.fixture
def page(qtbot: QtBot, world: World, make_context: Callable[..., UiContext]) -> ServicesPage:
    shown = ServicesPage(make_context(world.admin))
    qtbot.addWidget(shown)
    shown.resize(1300, 800)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activate()
    return shown


@pytest.fixture
def templates(page: ServicesPage) -> TemplateVersions:
    return page.templates


def realistic_draft(world: World) -> dict[str, Any]:
    """The birth certificate with a higher fee, a new field and a reworded message."""
    raw = copy.deepcopy(dict(world.templates[KEY].raw))
    raw["fee"]["amount"] = "12.00"
    applicant = next(g for g in raw["field_groups"] if g["key"] == "applicant")
    applicant["fields"].append(
        {
            "key": "nationality",
            "label": {"de": "Staatsangehörigkeit", "en": "Nationality"},
            "type": "text",
            "max_length": 60,
        }
    )
    raw["messages"]["completed"]["de"] = (
        "Die beantragte Geburtsurkunde (Aktenzeichen {file_number}) ist ausgestellt und wird "
        "Ihnen mit dem Gebührenbescheid per Post zugesandt."
    )
    return raw

"""Every kind of history entry and every outbox state has a title of its own, in German too."""

from __future__ import annotations

from backoffice.services.audit import EventKind
from backoffice.services.outbox import OutboxState
from backoffice.ui.portal_texts import outbox_state
from backoffice.ui.texts import Vocabulary


def test_every_history_entry_has_a_german_title(german: object) -> None:
    words = Vocabulary("de")
    titles = {kind: words.event(kind.value, {}, "Anna Schmitz")[0] for kind in EventKind}
    untitled = [kind for kind, title in titles.items() if title == kind.value or not title]
    assert untitled == []
    assert len(set(titles.values())) == len(titles)  # no two kinds read alike
    assert titles[EventKind.REPLY_ANNOUNCED] == (
        "Nachricht an die antragstellende Person im Portal als Antwort angelegt"
    )
    assert titles[EventKind.LETTER_PRINTED] == "Anna Schmitz hat den Brief gedruckt"


def test_an_unknown_kind_is_shown_as_it_came(german: object) -> None:
    assert Vocabulary("de").event("something_new", {}, None)[0] == "something_new"


def test_every_outbox_state_has_a_german_name(german: object) -> None:
    names = {state: outbox_state(state.value) for state in OutboxState}
    assert all(name != state.value for state, name in names.items()), names

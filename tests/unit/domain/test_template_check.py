"""The configuration check before publishing: one broken template per finding."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from backoffice.domain.template_check import check_template
from backoffice.domain.template_diff import diff_templates
from backoffice.services.catalogue import read_catalogue

Raw = dict[str, Any]


def _template(key: str) -> Raw:
    return copy.deepcopy(dict(next(t for t in read_catalogue() if t.key == key).raw))


def test_the_shipped_templates_have_no_findings() -> None:
    for template in read_catalogue():
        assert check_template(dict(template.raw)) == [], template.key


def _no_exit(raw: Raw) -> None:
    # waiting_for_citizen keeps its way in but loses every way out.
    raw["workflow"]["transitions"] = [
        t for t in raw["workflow"]["transitions"] if t["from"] != "waiting_for_citizen"
    ]


def _unreachable(raw: Raw) -> None:
    raw["workflow"]["transitions"] = [
        t for t in raw["workflow"]["transitions"] if t["to"] != "waiting_for_citizen"
    ]


def _empty_text(raw: Raw) -> None:
    raw["messages"]["completed"]["en"] = "   "


def _unknown_placeholder(raw: Raw) -> None:
    raw["messages"]["completed"]["de"] = "Ihr Antrag {aktenzeichen} ist fertig."


def _layout_field_missing(raw: Raw) -> None:
    raw["certificate"]["layout"] = "notice"
    for group in raw["field_groups"]:
        if group["key"] == "applicant":
            group["fields"] = [f for f in group["fields"] if f["key"] != "street"]


def _document_without_certificate(raw: Raw) -> None:
    del raw["certificate"]
    raw["workflow"]["transitions"][0]["requires"] = ["document"]


def _four_eyes(raw: Raw) -> None:
    raw["workflow"]["transitions"][0]["requires"] = ["second_approval"]


BROKEN: dict[str, tuple[Callable[[Raw], None], str, str]] = {
    "status without exit": (_no_exit, "status_without_exit", "waiting_for_citizen"),
    "unreachable status": (_unreachable, "status_unreachable", "waiting_for_citizen"),
    "empty required text": (_empty_text, "text_empty", "$.messages.completed.en"),
    "unknown placeholder": (_unknown_placeholder, "placeholder_unknown", "aktenzeichen"),
    "field the layout names": (_layout_field_missing, "layout_field_missing", "applicant.street"),
    "document nobody can make": (
        _document_without_certificate,
        "requirement_unsatisfiable",
        "document",
    ),
    "requirement no role satisfies": (_four_eyes, "requirement_unsatisfiable", "second_approval"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_finding(case: str) -> None:
    breaks, code, named = BROKEN[case]
    raw = _template("birth_certificate")
    assert "waiting_for_citizen" in raw["workflow"]["states"]
    breaks(raw)
    findings = check_template(raw)
    matching = [f for f in findings if f.code == code]
    assert matching, findings
    assert any(named in str(f) or named in f.details.values() for f in matching), matching


def test_all_problems_are_listed_at_once() -> None:
    raw = _template("birth_certificate")
    _empty_text(raw)
    _unknown_placeholder(raw)
    _four_eyes(raw)
    codes = {f.code for f in check_template(raw)}
    assert {"text_empty", "placeholder_unknown", "requirement_unsatisfiable"} <= codes


def test_diff_names_fields_workflow_texts_deadline_and_fee() -> None:
    old = _template("dog_tax_registration")
    new = copy.deepcopy(old)
    new["version"] = 2
    new["processing_days"] = old["processing_days"] + 5
    new["fee"]["amount"] = "99.00"
    new["messages"]["completed"]["de"] = "Fertig."
    applicant = next(g for g in new["field_groups"] if g["key"] == "applicant")
    applicant["fields"].append(
        {"key": "nickname", "label": {"de": "Rufname", "en": "Nickname"}, "type": "text"}
    )
    new["workflow"]["transitions"][0]["requires"] = ["comment"]
    diff = diff_templates(old, new)
    assert diff.old_version == old["version"] and diff.new_version == 2
    assert [(c.path, c.kind) for c in diff.section("fields")] == [("applicant.nickname", "added")]
    assert diff.section("deadline")[0].new == old["processing_days"] + 5
    assert [(c.path, c.new) for c in diff.section("fee")] == [("fee.amount", "99.00")]
    assert [c.path for c in diff.section("texts")] == ["messages.completed.de"]
    (edge,) = diff.section("workflow")
    assert edge.kind == "changed" and edge.new == ["comment"]
    assert diff_templates(old, copy.deepcopy(old)).empty

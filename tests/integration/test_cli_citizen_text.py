"""A hostile citizen's text through every command that prints case data: inert in the terminal.

A submission full of terminal escapes, bidi overrides, CR-forged lines, NUL, zero-width
characters, HTML and a 100,000-character field travels the real way (sender API of the
simulator over HTTP, `backoffice sync` into SQLite and PostgreSQL); then every command
that prints case data runs, and none of its output may hold a raw control character or a
forged line. The JSON output must carry the same text exactly, escaped.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import uuid
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from backoffice.cli import main
from backoffice.portal import protocol
from backoffice.simulator.citizens import fill_form
from backoffice.simulator.crypto import SimulatorKeys
from backoffice.simulator.server import Simulator
from tests.integration.simulator.portal_client import TEMPLATES, Client, encrypt

DOG_TAX = "urn:de:fim:leika:leistung:99102013104000"
FORGED = "Fee paid: yes"
LONG = ("\x1b[31m" + "A" * 995) * 100  # 100,000 characters, a colour escape every 1,000
HOSTILE_FIELDS = {
    "applicant": {
        "given_name": "\x1b]0;pwned\x07Eve\x1b[31m",
        "family_name": f"Müller\r{FORGED}",
        "street": "\u202egnp.exe\u202c Str.",
        "city": "<script>alert(1)</script>\u200b\u200d",
        "house_number": "1\x00\x7f",
    },
    "dog": {"dog_name": "Rex\u3164\u2066\u2069\ufeff", "breed": "\x9b2J\x1b[2J\x08\x08Pudel"},
    "origin": {"exemption_reason": f"first line\r\n{FORGED}\rsecond\x1b]8;;http://x\x1b\\"},
}
UNKNOWN = {"portal_extra": {"\x1b[2Jkey": LONG, "bell": "\x07\x07\x07", "nested": [{"a": "\r"}]}}
ATTACHMENT_NAME = "Ausweis\u202efdp.exe\x1b]0;x\x07.pdf"
NOTE = f"Rückruf\r{FORGED}\x1b[1m\u202e"
EVIL_NAME = f"\x1b]0;admin\x07Eve\r{FORGED}"


def _printable(text: str) -> list[str]:
    """The characters of ``text`` that a terminal would not just draw."""
    return sorted({repr(ch) for ch in text if not (ch.isprintable() or ch == "\n")})


def _forged(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip().startswith(FORGED)]


def _pdf() -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, invariant=True)
    pdf.drawString(72, 720, "Personalausweis")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _send_hostile(sim: Simulator) -> str:
    """Send one hostile application as a third-party portal would; return its caseId."""
    sender = Client(sim.info(), "sender")
    try:
        destination = sender.get(f"/destinations/{sim.destination_id}").json()
        key = sender.get(
            f"/destinations/{sim.destination_id}/keys/{destination['encryptionKid']}"
        ).json()
        attachment_id = str(uuid.uuid4())
        service = {"name": "Hundesteuer – Anmeldung", "identifier": DOG_TAX}
        ids = sender.post(
            "/submissions",
            json={
                "destinationId": sim.destination_id,
                "announcedAttachments": [attachment_id],
                "serviceType": service,
            },
        ).json()
        form = fill_form(TEMPLATES[DOG_TAX], random.Random(5))
        for group, values in HOSTILE_FIELDS.items():
            form[group].update(values)
        form.update(UNKNOWN)
        data = json.dumps(form, ensure_ascii=False).encode()
        pdf = _pdf()
        metadata = {
            "publicServiceType": service,
            "contentStructure": {
                "data": {
                    "hash": {"type": "sha512", "content": hashlib.sha512(data).hexdigest()},
                    "submissionSchema": {
                        "schemaUri": protocol.submission_schema_uri("dog_tax_registration"),
                        "mimeType": "application/json",
                    },
                },
                "attachments": [
                    {
                        "attachmentId": attachment_id,
                        "hash": {"type": "sha512", "content": hashlib.sha512(pdf).hexdigest()},
                        "purpose": "attachment",
                        "filename": ATTACHMENT_NAME,
                        "mimeType": "application/pdf",
                    }
                ],
            },
            "replyChannel": {"eMail": {"address": "eve@example.org"}},
        }
        uploaded = sender.put(
            f"/submissions/{ids['submissionId']}/attachments/{attachment_id}",
            data=encrypt(pdf, key),
            headers={"Content-Type": protocol.JOSE_MEDIA_TYPE},
        )
        assert uploaded.status_code == 204, uploaded.text
        submitted = sender.put(
            f"/submissions/{ids['submissionId']}",
            json={
                "encryptedMetadata": encrypt(
                    json.dumps(metadata).encode(), key, "application/json"
                ),
                "encryptedData": encrypt(data, key, "application/json"),
            },
        )
        assert submitted.status_code == 202, submitted.text
        return str(ids["caseId"])
    finally:
        sender.close()


class Terminal:
    """Runs commands like a clerk at a terminal and checks everything they print."""

    def __init__(self, base: list[str], capsys: pytest.CaptureFixture[str]) -> None:
        self.base = base
        self.capsys = capsys
        self.seen: list[str] = []

    def run(self, *argv: str, expect: int | None = 0) -> str:
        code = main([*self.base, *argv])
        out, err = self.capsys.readouterr()
        assert expect is None or code == expect, (argv, err)
        for name, text in (("stdout", out), ("stderr", err)):
            assert _printable(text) == [], (argv, name)
            assert _forged(text) == [], (argv, name)
        self.seen.append(" ".join(argv))
        return out + err


def test_hostile_text_is_inert_in_every_command(
    tmp_path: Path,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data_dir = tmp_path / "installation"
    t = Terminal(["--data-dir", str(data_dir), "--database", database_url, "--as", "admin"], capsys)
    t.run("users", "add", "admin", "--name", "Admin", "--role", "administrator")
    with Simulator(seed=3, attachments=1, keys=SimulatorKeys.generate(reply_keys=1)) as sim:
        monkeypatch.setattr("sys.stdin", io.StringIO(sim.subscriber.client_secret + "\n"))
        t.run(
            "portal", "configure", "--base-url", sim.base_url, "--token-url", sim.token_url,
            "--destination", sim.destination_id, "--client-id", sim.subscriber.client_id,
        )  # fmt: skip
        t.run("keys", "generate")
        t.run("keys", "register")
        portal_case_id = _send_hostile(sim)
        out = t.run("-v", "sync")  # verbose: the console log of the sync is checked too
        assert "1 accepted" in out
        t.run("outbox", "send")
    listed = t.run("cases", "list")
    assert "1 of 1 case(s)" in listed and "received (Berlin)" in listed
    assert "Eve" in listed and "⟨U+" not in listed.split("\n")[0]
    t.run("cases", "list", "--search", "müller")

    # The plain view: every hostile value is there, made visible.
    shown = t.run("cases", "show", "1")
    assert "times in Europe/Berlin" in shown
    assert f"Müller⟨U+000D⟩{FORGED}" in shown  # the forged line stays on its own line
    assert "⟨U+001B⟩]0;pwned⟨U+0007⟩Eve" in shown
    assert "⟨U+202E⟩gnp.exe⟨U+202C⟩" in shown and "<script>alert(1)</script>" in shown
    assert "other fields (not in the service's form):" in shown
    assert "portal_extra.⟨U+001B⟩[2Jkey: ⟨U+001B⟩[31mAAA" in shown
    assert "more characters; `--json` shows all" in shown
    assert "portal_extra.bell: ⟨U+0007⟩⟨U+0007⟩⟨U+0007⟩" in shown
    assert f"portal case id: {portal_case_id}" in " ".join(shown.split())
    assert "reply channel:  eMail" in shown or "reply channel: eMail" in " ".join(shown.split())
    assert "fdp.exe⟨U+001B⟩" in shown  # the original name of the attachment, made visible
    assert "{" not in shown.split("history")[1]  # history in words, not dicts

    # JSON: the same text, exactly, and inert.
    detail = json.loads(t.run("cases", "show", "1", "--json"))
    stored = detail["form_data"]
    assert stored["applicant"]["family_name"] == f"Müller\r{FORGED}"
    assert stored["applicant"]["given_name"] == HOSTILE_FIELDS["applicant"]["given_name"]
    assert stored["origin"]["exemption_reason"] == HOSTILE_FIELDS["origin"]["exemption_reason"]
    assert stored["portal_extra"]["\x1b[2Jkey"] == LONG
    assert ["portal_extra", "\x1b[2Jkey"] in detail["unknown_fields"]
    assert detail["portal_case_id"] == portal_case_id and detail["reply_channel"] == "eMail"
    assert detail["attachments"][0]["original_name"] == ATTACHMENT_NAME
    assert detail["received_at"].endswith(("+01:00", "+02:00"))
    rows = json.loads(t.run("cases", "list", "--json"))
    assert rows["total"] == 1 and rows["cases"][0]["portal_case_id"] == portal_case_id

    # Casework with hostile text from staff and citizens alike.
    t.run("users", "add", "evil", "--name", EVIL_NAME, "--role", "team_lead")
    t.run("users", "add", "karl", "--name", "Karl Klerk", "--role", "clerk")
    users = t.run("users", "list")
    assert "⟨U+001B⟩]0;admin⟨U+0007⟩Eve" in users  # (the name's CR is a space already)
    t.run("--as", "evil", "cases", "claim", "1")
    refused = t.run("--as", "karl", "cases", "claim", "1", expect=1)  # names the holder
    assert "⟨U+001B⟩]0;admin" in refused
    t.run("--as", "evil", "cases", "note", "1", NOTE)
    t.run(
        "--as", "evil", "cases", "status", "1", "in_progress", "--expect-version", "2",
        "--comment", NOTE, "--message", EVIL_NAME,
    )  # fmt: skip
    t.run("--as", "evil", "cases", "assign", "1", "karl")
    t.run("--as", "karl", "cases", "assign", "1", "evil", expect=1)
    shown = t.run("cases", "show", "1")
    assert f"Rückruf⟨U+000D⟩{FORGED}⟨U+001B⟩[1m⟨U+202E⟩" in shown
    assert "changed the status" in shown and "moved the case from evil to karl" in shown
    t.run("cases", "show", "1", "--json")
    preview = t.run(
        "cases", "preview", "1", "--status", "completed", "--message", NOTE, expect=None
    )
    assert "Eve" in preview
    t.run("cases", "messages", "1")
    t.run("cases", "list", "--assignee", "karl")
    t.run("outbox", "list")
    t.run("catalogue", "list")
    t.run("cases", "verify", "1")

    # The log file holds no raw control character either, and no forged record.
    log = (data_dir / "logs" / "backoffice.log").read_text("utf-8")
    assert log and _printable(log) == [] and _forged(log) == []
    assert len(t.seen) >= 20

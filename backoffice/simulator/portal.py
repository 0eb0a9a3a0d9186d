"""What each citizen has received, as the citizen portal shows it: JSON per case, and one
simple HTML page for the demo. Everything a citizen or the back office wrote is escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any

from .state import CaseFile, Store, iso


def case_view(store: Store, case_id: str) -> dict[str, Any]:
    with store.lock:
        return _view(store, store.case(case_id))


def all_cases(store: Store) -> list[dict[str, Any]]:
    with store.lock:
        return [_view(store, case) for case in store.cases.values()]


def _view(store: Store, case: CaseFile) -> dict[str, Any]:
    submissions = []
    for position, submission_id in enumerate(case.submissions):
        submission = store.submissions[submission_id]
        submissions.append(
            {
                "submissionId": submission_id,
                # The first submission of a case is the application; later ones answer.
                "followUp": position > 0,
                "service": dict(submission.service_type),
                "state": submission.state.value,
                "submittedAt": iso(submission.submitted_at),
                "decision": submission.decision.as_dict() if submission.decision else None,
            }
        )
    replies = []
    for reply_id in case.replies:
        reply = store.replies[reply_id]
        replies.append(
            {
                "replyId": reply_id,
                "state": reply.state.value,
                "submittedAt": iso(reply.submitted_at),
                "received": reply.received,
                "problems": reply.problems,
            }
        )
    return {
        "caseId": case.case_id,
        "citizen": {"name": case.citizen_name, "email": case.citizen_email},
        "service": case.service_name,
        "replyChannel": case.reply_channel,
        "submissions": submissions,
        "replies": replies,
    }


_STYLE = """
body { font-family: sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ccc; padding: .4em; text-align: left; vertical-align: top; }
.accepted { color: #176117; } .rejected { color: #a31515; } small { color: #666; }
"""


def portal_html(store: Store) -> str:
    rows = []
    for view in all_cases(store):
        states = ", ".join(
            f'<span class="{escape(s["state"])}">{escape(s["state"])}</span>'
            + (" <small>(Nachreichung)</small>" if s["followUp"] else "")
            for s in view["submissions"]
        )
        problems = [
            f"{escape(str(p.get('title', '')))}: {escape(str(p.get('detail', '')))}"
            for s in view["submissions"]
            if s["decision"]
            for p in s["decision"]["problems"]
        ]
        messages = []
        for reply in view["replies"]:
            received = reply["received"]
            if received:
                files = ", ".join(escape(str(f["filename"])) for f in received["attachments"])
                messages.append(
                    f"<b>{escape(received['status'])}</b> "
                    f"{escape(received.get('statusDetails', ''))}<br>"
                    f"{escape(received.get('message', ''))}"
                    + (f"<br><small>Anlagen: {files}</small>" if files else "")
                )
            else:
                messages.append(f"<i>{escape(reply['state'])}</i>")
        rows.append(
            "<tr>"
            f"<td><small>{escape(view['caseId'])}</small></td>"
            f"<td>{escape(view['citizen']['name'] or '–')}</td>"
            f"<td>{escape(view['service'] or '–')}</td>"
            f"<td>{escape(view['replyChannel'] or 'Post')}</td>"
            f"<td>{states}{'<br>' if problems else ''}{'<br>'.join(problems)}</td>"
            f"<td>{'<hr>'.join(messages) or '–'}</td>"
            "</tr>"
        )
    return (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
        f"<title>Bürgerportal (Simulator)</title><style>{_STYLE}</style></head><body>"
        "<h1>Bürgerportal Musterstadt – Simulator</h1>"
        f"<p>{len(rows)} Vorgänge. Was jede Bürgerin und jeder Bürger erhalten hat.</p>"
        "<table><tr><th>Vorgang</th><th>Name</th><th>Leistung</th><th>Rückkanal</th>"
        "<th>Eingangsbestätigung</th><th>Nachrichten</th></tr>"
        + "".join(rows)
        + "</table></body></html>"
    )

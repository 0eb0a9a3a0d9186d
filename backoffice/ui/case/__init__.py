"""The case view: header, form, attachments, documents, history and actions of one case."""

"""The service template editor (a window of its own): see :mod:`.dialog`.

Public API: :class:`TemplateEditor` ``(context, key, parent=None)`` with its ``saved``
signal (the service key).
"""

from backoffice.ui.admin.editor.dialog import TemplateEditor

__all__ = ["TemplateEditor"]

"""The desktop interface (PySide6): the only package that imports Qt.

Entry point: :func:`backoffice.ui.app.run_gui`. Panels get their services through
their constructors (see :class:`backoffice.ui.context.UiContext`); blocking work
runs in :class:`backoffice.ui.tasks.TaskRunner`.
"""

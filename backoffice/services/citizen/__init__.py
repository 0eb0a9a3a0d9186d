"""Messages to citizens: composed from the case and the service template, previewed by the
clerk, queued in the transaction of the status change, sent by the outbox's channel handlers.
"""

"""Delivery: the sync with the portal, its status, and the delivery panel (outbox, rejections)."""

"""The portal simulator: plays the citizen portal and the delivery service on loopback.

A separate program; it shares only protocol constants with ``backoffice.portal``
and reads the service catalogue files as data.
"""

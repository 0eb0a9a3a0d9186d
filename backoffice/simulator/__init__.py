"""The portal simulator: plays the citizen portal and the FIT-Connect delivery service on loopback.

A separate program; it shares only protocol constants with ``backoffice.portal`` and reads
the service catalogue files as data. Start it with ``backoffice simulator`` (or
``python -m backoffice.simulator``) or, in tests, as :class:`.server.Simulator`.

- ``server``     the Simulator class (tests) and ``main`` (command line); ``outcomes`` what it made
- ``api``        routes, roles and transport faults around each call (Werkzeug WSGI)
- ``web``        the threaded loopback server, responses, fault answers
- ``auth``       OAuth2 client credentials for the subscriber and the sender
- ``subscriber`` destination, keys, listing, fetching, accept/reject events
- ``sender``     announce/upload/submit; generated submissions encrypted once a key exists
- ``replies``    status messages to the citizen, opened with the citizen's key
- ``portal``     what each citizen has received (JSON, HTML)
- ``control``    ``/_control``: faults on and off, submissions with a chosen defect
- ``faults``     submission defects with their expected rejection; transport fault rules
- ``generator``  plaintext submissions; ``sealing`` encrypts them; ``crypto`` JOSE helpers
- ``citizens``   fictitious citizens and their form data; ``documents`` their files
- ``state``, ``blobs``, ``catalogue``: memory, large bodies, the services offered
- ``bench``      generation and download figures
"""

"""The FIT-Connect subscriber side: HTTP client, JOSE, schema checks, credentials and keys.

- ``protocol``    constants shared with the simulator (everything *unconfirmed* lives there)
- ``errors``      the exception tree; every ``str()`` is one line for the user
- ``urls``        the address policy (https, plain http to loopback only) and path building
- ``http``        transport: one session, timeouts, bounded bodies, retries, problem parsing
- ``auth``        OAuth2 client-credentials tokens, cached and renewed
- ``models``      typed answers of the delivery service, shapes checked
- ``client``      ``SubscriberClient``: the API calls
- ``jose``        decrypt (bounded ``zip: DEF``), authentication tags, signed decisions (SETs)
- ``keys``        the RSA-4096 key pairs and their encrypted key file
- ``credentials`` secrets in the OS keyring, clear messages when there is none
- ``settings``    the portal connection settings in ``settings.json``
- ``validation``  metadata against FITKO's schema 1.0.0
"""

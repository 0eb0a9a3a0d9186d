"""The FIT-Connect subscriber side: HTTP client, JOSE, schema checks, credentials and keys."""

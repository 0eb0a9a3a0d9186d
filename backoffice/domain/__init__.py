"""Pure rules and values: no database, no network, no Qt."""

"""Use cases: plain Python, permission-checked, called by the GUI, the CLI and the tests."""

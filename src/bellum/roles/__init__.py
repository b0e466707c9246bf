"""Who did what: the rules that choose an event's roles, as ordered tables
(`registry.RoleRule`); `conventions.py` holds the ACLED conventions."""

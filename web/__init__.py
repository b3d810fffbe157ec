"""The web side of crosscheck: fetching pages and feeds safely, what a rebuild changed, and the
state (followed feeds, seen entries, alerts) that must survive restarts."""

"""The JSON API under /api: routes generated from the query declarations, read-only."""

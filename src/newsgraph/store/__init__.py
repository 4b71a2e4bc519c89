"""Where articles and their records are kept: an embedded DuckDB file by default."""

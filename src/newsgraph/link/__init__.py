"""Cross-article work: copies, near-duplicates, rewrites and the stories they form."""

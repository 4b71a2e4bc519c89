"""Batch runner: parallel worker processes and one writer."""

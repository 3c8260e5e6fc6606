"""Adapters, one per backend. They import `core` types only, never the UI."""

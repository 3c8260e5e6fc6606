"""Reusable presentation widgets. They know core's model types and nothing about vendors."""

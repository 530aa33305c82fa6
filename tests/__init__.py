"""Arrivée test suite."""

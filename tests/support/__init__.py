"""Helpers shared by the tests: stand-ins for outside services (Twilio)."""

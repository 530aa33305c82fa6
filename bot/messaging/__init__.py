"""Sending texts: the Twilio sender, the console sender, and how send errors are sorted."""

"""The pieces bot/core/understanding.py reads a text with; import from that module, not from these.

Names keep their leading underscore: they are private to the reading, whose one public entry is understand().
"""

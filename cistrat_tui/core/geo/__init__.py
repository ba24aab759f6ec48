"""Coordinates: the three datums used in China, map links, and address look-ups."""

"""Exporters: calendar files and printed itineraries. No UI imports here."""

"""Spreadsheets in and out: roster and sites files, read in full and previewed before applying."""

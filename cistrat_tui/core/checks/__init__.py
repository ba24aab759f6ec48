"""The coordinator's linter: one module per family of problems, run together by runner."""

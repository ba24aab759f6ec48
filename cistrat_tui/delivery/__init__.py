"""Getting the calendars to the trainees: publishing them on a CalDAV server
(:mod:`.publish`) and e-mailing each trainee their own files (:mod:`.send`).

This layer calls the exporters and the core, never the front ends; the CLI and the TUI both
call the same functions here.
"""

"""``python -m cistrat_tui``: the same as the ``cistrat-tui`` command."""

from cistrat_tui.entry import main

raise SystemExit(main())

"""The core: records, storage, calendar, travel, planning and checks. No UI imports here."""

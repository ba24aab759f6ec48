"""Reference facts shipped with the app: places, train and flight times, working days."""

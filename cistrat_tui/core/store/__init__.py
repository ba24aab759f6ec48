"""The database: a repository over TinyDB with atomic saves, lock, backups, migrations."""

"""SQL storage: SQLAlchemy models, the loader and the read queries the CLI uses."""

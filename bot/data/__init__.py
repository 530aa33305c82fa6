"""The database adapter: SQLAlchemy models, engine/session setup, and the queries the use cases need."""

"""Alembic environment: migrates the database named by the caller's sqlalchemy.url (or DATABASE_URL)."""

from alembic import context
from sqlalchemy import engine_from_config, pool

from bot.data.models import Base

config = context.config
target_metadata = Base.metadata


def url() -> str:
    configured = config.get_main_option("sqlalchemy.url")
    if configured:
        return configured
    from config.settings import load_settings

    return load_settings().database_url


def run_migrations_offline() -> None:
    context.configure(url=url(), target_metadata=target_metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = engine_from_config({"sqlalchemy.url": url()}, prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        # Batch mode lets later migrations alter SQLite tables (it copies and renames them).
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()

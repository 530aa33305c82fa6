"""PreparedInsert: an INSERT compiled once per dialect and row count, for the hot paths that store texts
without the ORM (the webhook's inbound row, a decision's outgoing texts)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table, bindparam
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError


class PreparedInsert:
    """`INSERT INTO table (columns) VALUES (...)`, compiled by SQLAlchemy once per dialect, with the columns' own
    bind processing (UTCDateTime and the dialect's datetime format included): what `connection.execute(insert(...))`
    does on every call, done once. Every column with a default must be among `columns` (checked when compiled),
    so that no value is left for SQLAlchemy to fill in. The new ids come from RETURNING, or for one row on SQLite
    from the cursor's lastrowid (see Database.insert and insert_many)."""

    def __init__(self, table: Table, columns: tuple[str, ...]):
        self.table, self.columns = table, tuple(columns)
        self._compiled: dict[tuple[str, int], tuple] = {}

    def _compile(self, dialect, rows: int = 1) -> tuple:
        """(SQL, parameter order or None, bind processors) for `rows` rows in one statement: a multi-row VALUES
        list with RETURNING the primary key (one call into the driver for a whole batch), or for one row on
        SQLite a plain INSERT whose id is the cursor's lastrowid."""
        got = self._compiled.get((dialect.name, rows))
        if got is None:
            if rows == 1:
                statement = self.table.insert()
                keys = list(self.columns)
            else:
                statement = self.table.insert().values(
                    [{key: bindparam(f"{key}_{i}") for key in self.columns} for i in range(rows)]
                )
                keys = None
            if rows > 1 or dialect.name != "sqlite":
                statement = statement.returning(*self.table.primary_key.columns)
            compiled = statement.compile(dialect=dialect, column_keys=keys)
            expected = {f"{key}_{i}" for key in self.columns for i in range(rows)} if rows > 1 else set(self.columns)
            if set(compiled.binds) != expected:
                raise ValueError(
                    f"insert into {self.table.name}: give every defaulted column "
                    f"({sorted(set(compiled.binds) - expected)})"
                )
            order = tuple(compiled.positiontup or ()) if compiled.positional else None
            processors = tuple(
                (key, processor)
                for key in self.columns
                if (processor := self.table.c[key].type.dialect_impl(dialect).bind_processor(dialect)) is not None
            )
            got = self._compiled[(dialect.name, rows)] = (compiled.string, order, processors)
        return got

    def bind(self, dialect, values: Mapping[str, Any]) -> tuple[str, Any]:
        """The SQL for this dialect and the driver's parameters (a tuple or a dict, as its paramstyle wants)."""
        sql, order, processors = self._compile(dialect)
        params = self._processed(values, processors)
        return sql, (tuple(params[key] for key in order) if order is not None else params)

    def bind_many(self, dialect, rows: Sequence[Mapping[str, Any]]) -> tuple[str, Any]:
        """One statement that inserts every row and returns their ids (RETURNING: in no promised order, see
        Database.insert_many), with the driver's parameters for it."""
        sql, order, processors = self._compile(dialect, len(rows))
        params = {
            f"{key}_{i}": value
            for i, values in enumerate(rows)
            for key, value in self._processed(values, processors).items()
        }
        return sql, (tuple(params[key] for key in order) if order is not None else params)

    def for_rows(self, dialect, rows: Sequence[Mapping[str, Any]]) -> tuple[str, Any, bool]:
        """The SQL and the driver's parameters that insert `rows` in one statement, and whether their ids come
        back as result rows (RETURNING) or, for one row on SQLite, as the cursor's lastrowid."""
        if len(rows) == 1:
            sql, params = self.bind(dialect, rows[0])
            return sql, params, dialect.name != "sqlite"
        sql, params = self.bind_many(dialect, rows)
        return sql, params, True

    def insert_in(self, connection: Connection, rows: Sequence[Mapping[str, Any]]) -> list[int]:
        """Rows in one statement inside `connection`'s open transaction (a Session's, from session.connection()):
        no unit of work, no objects, and no execution context or result object either: the driver's own cursor
        on the connection's DBAPI connection. Returns their ids in the order of `rows` (Database.insert_many says
        why sorting them gives that order). A driver error comes out as SQLAlchemy's own execution raises it
        (IntegrityError, OperationalError...), and a lost connection is invalidated as it would be, so the
        session's rollback and the pool behave as for any query (the faults tier relies on both). Engine events
        on cursor execution (before_cursor_execute) do not see this statement."""
        dialect = connection.dialect
        sql, params, returning = self.for_rows(dialect, rows)
        dbapi_connection = connection.connection.dbapi_connection
        cursor = dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(sql, params)
            ids = [row[0] for row in cursor.fetchall()] if returning else [cursor.lastrowid]
        except dialect.loaded_dbapi.Error as exc:
            raise driver_error(exc, dialect, sql, params, dbapi_connection, cursor, connection.invalidate) from exc
        finally:
            cursor.close()
        return self.in_row_order(rows, ids)

    def in_row_order(self, rows: Sequence[Any], ids: list[int]) -> list[int]:
        """The ids one statement returned for `rows`, in the order of `rows` (see Database.insert_many)."""
        if len(ids) != len(rows):
            raise RuntimeError(f"insert into {self.table.name}: {len(rows)} rows, {len(ids)} ids")
        return sorted(ids)

    def _processed(self, values: Mapping[str, Any], processors) -> dict[str, Any]:
        if set(values) != set(self.columns):
            raise ValueError(f"insert into {self.table.name}: expected {self.columns}, got {tuple(values)}")
        params = dict(values)
        for key, processor in processors:
            params[key] = processor(params[key])
        return params


def driver_error(exc, dialect, sql, params, dbapi_connection, cursor, invalidate) -> DBAPIError:
    """A driver's error as SQLAlchemy's own execution raises it (IntegrityError, OperationalError...), for
    statements run on the driver's cursor: parameters hidden, so texts' bodies and phones stay out of the message,
    and the connection invalidated through `invalidate` when the error says it is lost."""
    invalidated = dialect.is_disconnect(exc, dbapi_connection, cursor)
    if invalidated:
        invalidate(exc)
    return DBAPIError.instance(
        sql,
        params,
        exc,
        dialect.loaded_dbapi.Error,
        hide_parameters=True,
        connection_invalidated=invalidated,
        dialect=dialect,
    )

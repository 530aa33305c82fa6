"""WriterLock: SQLite's writers, in every thread and process on one database file, queue here rather than in
SQLite's busy handler."""

from __future__ import annotations

import fcntl
import logging
import os
import threading

log = logging.getLogger(__name__)


class WriterLock:
    """SQLite has one writer at a time; this makes writers queue for it without sleeping, and lets each one in the
    moment the one before it commits.

    Threads of one process (gthread workers, the worker's drain and RQ threads) queue on a threading lock.
    Processes (the gunicorn workers, the worker processes) queue on an exclusive flock() of a sidecar file next
    to the database, `<database>-writer.lock`: the kernel wakes a flock() waiter as soon as the holder lets go,
    where SQLite's own busy handler polls in growing sleeps (up to 100 ms) and so keeps a writer waiting after
    the database is free. busy_timeout stays as the fallback (a writer that does not take this lock, a lock file
    that cannot be opened).

    flock() locks belong to the open file description, and gunicorn's preload forks the workers after the app
    (and this object) is built: a descriptor inherited across fork would be the *same* lock in every worker and
    exclude nothing. So the file is opened lazily in each process (tracked by pid), and the threading lock is
    made anew there too (a copy of one held by another thread at fork would never be released). One WriterLock
    per database file per process, shared by every Database on that file, so two Database objects in one
    process queue on the threading lock too.

    Re-entrant on one thread: only the outermost hold takes and drops the flock. flock() waits without limit, so
    a write transaction must not wait on the network (a REST call, a Redis reply) while it holds this lock. A
    holder that dies lets go with its last descriptor.
    """

    _registry: dict[str, WriterLock] = {}
    _registry_lock = threading.Lock()

    def __init__(self, path: str | None):
        self.path = path
        self.lock_path = f"{path}-writer.lock" if path else None
        self._pid: int | None = None
        self._thread_lock = threading.RLock()
        self._fd: int | None = None
        self._depth = 0

    @classmethod
    def for_file(cls, path: str | None) -> WriterLock:
        if path is None:
            return cls(None)  # in-memory: one process only; a thread lock is enough
        with cls._registry_lock:
            lock = cls._registry.get(path)
            if lock is None:
                lock = cls._registry[path] = cls(path)
            return lock

    @classmethod
    def _after_fork(cls) -> None:
        cls._registry_lock = threading.Lock()  # the parent's could have been held by another thread

    def _this_process(self) -> None:
        pid = os.getpid()
        if self._pid != pid:  # first use, or first use after a fork
            with self._registry_lock:
                if self._pid != pid:
                    # The inherited descriptor (if any) is left alone: closing it here could not release
                    # the parent's lock anyway, and it is close-on-exec.
                    self._thread_lock = threading.RLock()
                    self._fd = None
                    self._depth = 0
                    self._pid = pid

    def _open(self) -> int | None:
        if self._fd is None and self.lock_path:
            try:
                # flock() needs no write access: read-only, so the web and the worker may run as different users.
                self._fd = os.open(self.lock_path, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o644)
            except OSError as exc:
                log.warning("no writer lock file %s (%s): SQLite writers queue on busy_timeout", self.lock_path, exc)
                self.lock_path = None
        return self._fd

    def acquire(self) -> None:
        self._this_process()
        self._thread_lock.acquire()
        try:
            if self._depth == 0:
                fd = self._open()
                if fd is not None:
                    fcntl.flock(fd, fcntl.LOCK_EX)  # blocks without the GIL; woken at the holder's release
            self._depth += 1
        except BaseException:
            self._thread_lock.release()
            raise

    def release(self) -> None:
        self._depth -= 1
        try:
            if self._depth == 0 and self._fd is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._thread_lock.release()

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


os.register_at_fork(after_in_child=WriterLock._after_fork)

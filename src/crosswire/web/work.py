"""Work the server does off its event loop: a bounded analysis pool and a cache of renders.

The event loop only moves bytes. An analysis (seconds of CPU) runs on :class:`WorkPool`, a
fixed number of worker processes with a bounded number of admitted jobs: a request beyond that
is answered at once with 503 and ``Retry-After`` instead of queueing without end (each waiting
request holds its body in memory). A dossier render (a third of a second of CPU for its HTML)
runs on a pool of its own, a worker process too: in a thread it would hold the GIL against
the event loop, and every GET in flight would wait behind it. Its bytes are kept in
:class:`RenderCache`, so a page read by many readers is rendered once per change of its story
instead of once per reader.
"""

from __future__ import annotations

import asyncio
import math
import signal
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any


class PoolFull(Exception):
    """Every worker is busy and the queue is full; ``retry_after`` is a guess in seconds."""

    def __init__(self, retry_after: int):
        super().__init__(f"the server is busy with other analyses; retry in {retry_after} s")
        self.retry_after = retry_after


class PoolTimeout(Exception):
    """A job outlived the request's timeout; it goes on in its worker (a thread cannot be killed)."""


class WorkPool:
    """``workers`` workers and at most ``queue`` admitted jobs waiting for one.

    ``processes=True`` runs jobs in worker processes (spawned, so none inherits the server's
    threads): an analysis is pure-Python CPU for seconds, and in a thread it would hold the
    GIL against the event loop, so every GET would wait behind it. A job must then be a
    module-level function of picklable arguments. Admission (:meth:`admit`) happens before the
    request body is read, so a full pool costs the refused client nothing but headers.
    Counters are touched only on the event loop.
    """

    def __init__(self, name: str, *, workers: int, queue: int, processes: bool = False,
                 max_tasks_per_child: int | None = 200):
        if workers < 1 or queue < 0:
            raise ValueError("a pool needs at least one worker and a queue of zero or more")
        self.name, self.workers, self.capacity = name, workers, workers + queue
        self.processes, self._max_tasks = processes, max_tasks_per_child
        self._executor = self._new_executor()
        self.admitted = 0   # submitted or about to be, not yet done
        self.submitted = 0  # handed to the executor, not yet done
        self.done = 0
        self.refused = 0
        self._mean_seconds = 5.0  # a first guess for Retry-After before any job has finished
        self.closed = False

    def _new_executor(self):
        if not self.processes:
            return ThreadPoolExecutor(self.workers, thread_name_prefix=f"crosswire-{self.name}")
        import multiprocessing

        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_worker_init, max_tasks_per_child=self._max_tasks)

    @property
    def running(self) -> int:
        return min(self.submitted, self.workers)

    def status(self) -> dict[str, Any]:
        return {"workers": self.workers, "capacity": self.capacity, "running": self.running,
                "waiting": max(0, self.admitted - self.running), "done": self.done, "refused": self.refused,
                "kind": "process" if self.processes else "thread"}

    def admit(self) -> _Slot:
        if self.closed:
            self.refused += 1
            raise PoolFull(5)
        if self.admitted >= self.capacity:
            self.refused += 1
            waves = math.ceil((self.admitted + 1) / self.workers)
            raise PoolFull(max(1, min(120, math.ceil(self._mean_seconds * waves / 2))))
        self.admitted += 1
        return _Slot(self)

    def _finished(self, started: float) -> None:
        self.submitted -= 1
        self.done += 1
        self._mean_seconds = 0.8 * self._mean_seconds + 0.2 * (time.monotonic() - started)

    def shutdown(self) -> None:
        """Refuse new jobs, drop waiting ones, wait for running ones (their writes complete)."""
        self.closed = True
        self._executor.shutdown(wait=True, cancel_futures=True)


def _worker_init() -> None:
    # Ctrl-C in the server's terminal reaches the whole process group: the server shuts down
    # gracefully and lets this worker finish its analysis, so the worker ignores it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Slot:
    """One admitted job: released when its work finishes, or when the request gives up first."""

    def __init__(self, pool: WorkPool):
        self.pool, self._held, self._submitted = pool, True, False

    def release(self) -> None:
        if self._held:
            self._held = False
            self.pool.admitted -= 1

    async def run(self, fn: Callable[..., Any], *args: Any, timeout: float | None = None,
                  on_done: Callable[[Any], None] | None = None) -> Any:
        """Run ``fn(*args)`` on a worker; the slot is freed when the work ends, not when we stop waiting.

        ``on_done`` is called on the event loop with the job's result (None if it failed) when
        it ends, even after the request stopped waiting for it."""
        pool = self.pool
        loop = asyncio.get_running_loop()
        try:
            future = loop.run_in_executor(pool._executor, fn, *args)
        except BrokenProcessPool:
            pool._executor = pool._new_executor()  # a worker died (killed, out of memory): a new one
            future = loop.run_in_executor(pool._executor, fn, *args)
        except RuntimeError:  # the executor was shut down: the server is stopping
            self.release()
            raise PoolFull(5) from None
        self._submitted = True
        pool.submitted += 1
        started = time.monotonic()

        def done(f) -> None:
            pool._finished(started)
            self.release()
            if on_done:
                failed = f.cancelled() or f.exception() is not None
                on_done(None if failed else f.result())

        future.add_done_callback(done)
        try:
            return await asyncio.wait_for(asyncio.shield(future), timeout)
        except asyncio.TimeoutError:
            raise PoolTimeout from None
        except BrokenProcessPool:
            if not pool.closed:
                pool._executor = pool._new_executor()
            raise

    def __enter__(self) -> _Slot:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self._submitted:
            self.release()


class RenderCache:
    """Rendered bytes by key, bounded in entries and bytes, each fresh for ``ttl`` seconds.

    Keys are tuples whose first item is a story id, or ``""`` for what depends on the list of
    stories (the listing, a page's merge form). :meth:`invalidate` drops the keys of the stories
    this server changed, and the listing's, so the next read renders them again; :meth:`clear`
    drops everything. Concurrent misses on one key share one render.

    ``ttl`` bounds how long a change made by another process (``crosswire add`` beside the
    server) takes to show: an entry older than ``ttl`` (yet younger than ``ttl + stale``) is
    still answered while one render of it runs in the background, so readers of a hot page never
    wait on a render they did not cause (a dossier's HTML takes a third of a second of CPU on a
    loaded machine, and every reader of that key would otherwise wait for it each ``ttl``).
    A ``ttl`` of 0 caches nothing.
    """

    def __init__(self, *, ttl: float = 5.0, stale: float = 300.0, max_entries: int = 512,
                 max_bytes: int = 64_000_000):
        self.ttl, self.stale, self.max_entries, self.max_bytes = ttl, stale, max_entries, max_bytes
        self._entries: OrderedDict[Any, tuple[float, int, Any]] = OrderedDict()
        self._bytes = 0
        self._pending: dict[Any, asyncio.Future] = {}
        self._refreshing: set[asyncio.Task] = set()
        self.hits = self.misses = self.refreshes = 0

    def clear(self) -> None:
        self._entries.clear()
        self._bytes = 0
        self._pending.clear()  # renders under way go on for their waiters; later reads start anew

    def invalidate(self, story_ids: Iterable[str]) -> None:
        """Drop the entries of these stories and of the list of stories (``""``)."""
        gone = {"", *story_ids}
        for key in [k for k in self._entries if k[0] in gone]:
            self._bytes -= self._entries.pop(key)[1]
        # A render begun before this change may hold the old state: it is answered to those
        # already waiting for it, never kept, and a later read starts a render of its own.
        for key in [k for k in self._pending if k[0] in gone]:
            del self._pending[key]

    async def get(self, key: Any, render: Callable[[], Awaitable[tuple[Any, int]]]) -> Any:
        """The cached value of ``key``, or ``await render()`` → (value, size in bytes), cached."""
        now = time.monotonic()
        entry = self._entries.get(key)
        if entry is not None and now < entry[0] + self.stale:
            self._entries.move_to_end(key)
            self.hits += 1
            if entry[0] <= now and key not in self._pending:
                self.refreshes += 1
                # Pending from now on, not from when the task first runs: readers arriving in
                # between must not start renders of their own (dozens flooded the render pool).
                future = self._begin(key)
                task = asyncio.ensure_future(self._render(key, render, future, refresh=True))
                self._refreshing.add(task)  # held: the loop keeps only weak references to tasks
                task.add_done_callback(self._refreshing.discard)
            return entry[2]
        pending = self._pending.get(key)
        if pending is not None:
            self.hits += 1
            return await asyncio.shield(pending)
        self.misses += 1
        return await self._render(key, render, self._begin(key))

    def _begin(self, key: Any) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        return future

    async def _render(self, key: Any, render: Callable[[], Awaitable[tuple[Any, int]]],
                      future: asyncio.Future, refresh: bool = False) -> Any:
        started = time.monotonic()
        try:
            value, size = await render()
        except BaseException as exc:
            current = self._pending.get(key) is future
            if current:
                del self._pending[key]
            if isinstance(exc, asyncio.CancelledError):
                future.cancel()
            else:
                future.set_exception(exc)
                future.exception()  # retrieved: waiters re-raise it, nobody logs it as lost
            if refresh:
                # The story is gone or broken now (another process deleted it): the next read
                # renders it and gets the error itself; a background refresh raises to nobody.
                old = self._entries.pop(key, None) if current else None
                if old is not None:
                    self._bytes -= old[1]
                return None
            raise
        # Still the pending render of its key unless the key was invalidated meanwhile: then it
        # may hold the state from before the change, and is answered to its waiters, not kept.
        current = self._pending.get(key) is future
        if current:
            del self._pending[key]
        future.set_result(value)
        if current and self.ttl > 0 and size <= self.max_bytes // 4:
            self._store(key, value, size, started + self.ttl)
        return value

    def _store(self, key: Any, value: Any, size: int, expires: float) -> None:
        old = self._entries.pop(key, None)
        if old is not None:
            self._bytes -= old[1]
        self._entries[key] = (expires, size, value)
        self._bytes += size
        while self._entries and (len(self._entries) > self.max_entries or self._bytes > self.max_bytes):
            _, (_, dropped, _) = self._entries.popitem(last=False)
            self._bytes -= dropped

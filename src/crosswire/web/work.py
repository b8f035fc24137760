"""Work the server does off its event loop: a bounded analysis pool and a cache of renders.

The event loop only moves bytes. An analysis (seconds of CPU) runs on :class:`WorkPool`, a
fixed number of worker threads with a bounded number of admitted jobs: a request beyond that
is answered at once with 503 and ``Retry-After`` instead of queueing without end (each waiting
request holds its body in memory). A dossier render (tens of milliseconds of CPU for HTML)
runs in a thread too, and its bytes are kept in :class:`RenderCache`, so a page read by many
readers is rendered once per change instead of once per reader.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any


class PoolFull(Exception):
    """Every worker is busy and the queue is full; ``retry_after`` is a guess in seconds."""

    def __init__(self, retry_after: int):
        super().__init__(f"the server is busy with other analyses; retry in {retry_after} s")
        self.retry_after = retry_after


class PoolTimeout(Exception):
    """A job outlived the request's timeout; it goes on in its worker (a thread cannot be killed)."""


class WorkPool:
    """``workers`` threads and at most ``queue`` admitted jobs waiting for one.

    Admission (:meth:`admit`) happens before the request body is read, so a full pool costs
    the refused client nothing but headers. Counters are touched only on the event loop.
    """

    def __init__(self, name: str, *, workers: int, queue: int):
        if workers < 1 or queue < 0:
            raise ValueError("a pool needs at least one worker and a queue of zero or more")
        self.name, self.workers, self.capacity = name, workers, workers + queue
        self._executor = ThreadPoolExecutor(workers, thread_name_prefix=f"crosswire-{name}")
        self.admitted = 0  # running + waiting, on the event loop only
        self.running = 0   # in a worker right now (read from the loop, written by workers)
        self._running_lock = threading.Lock()
        self.done = 0
        self.refused = 0
        self._mean_seconds = 5.0  # a first guess for Retry-After before any job has finished
        self.closed = False

    def status(self) -> dict[str, Any]:
        return {"workers": self.workers, "capacity": self.capacity, "running": self.running,
                "waiting": max(0, self.admitted - self.running), "done": self.done, "refused": self.refused}

    def admit(self) -> _Slot:
        if self.closed:
            self.refused += 1
            raise PoolFull(5)
        if self.admitted >= self.capacity:
            self.refused += 1
            waves = math.ceil((self.admitted + 1) / self.workers)
            raise PoolFull(max(1, min(120, math.ceil(self._mean_seconds * waves))))
        self.admitted += 1
        return _Slot(self)

    def _release(self) -> None:
        self.admitted -= 1

    def _call(self, fn: Callable[..., Any], args: tuple) -> Any:
        with self._running_lock:
            self.running += 1
        started = time.monotonic()
        try:
            return fn(*args)
        finally:
            elapsed = time.monotonic() - started
            with self._running_lock:
                self.running -= 1
                self.done += 1
                self._mean_seconds = 0.8 * self._mean_seconds + 0.2 * elapsed

    def shutdown(self) -> None:
        """Refuse new jobs, drop waiting ones, wait for running ones (their writes complete)."""
        self.closed = True
        self._executor.shutdown(wait=True, cancel_futures=True)


class _Slot:
    """One admitted job: released when its work finishes, or when the request gives up first."""

    def __init__(self, pool: WorkPool):
        self.pool, self._held, self._submitted = pool, True, False

    def release(self) -> None:
        if self._held:
            self._held = False
            self.pool._release()

    async def run(self, fn: Callable[..., Any], *args: Any, timeout: float | None = None) -> Any:
        """Run ``fn(*args)`` on a worker; the slot is freed when the work ends, not when we stop waiting."""
        loop = asyncio.get_running_loop()
        try:
            future = loop.run_in_executor(self.pool._executor, self.pool._call, fn, args)
        except RuntimeError:  # the executor was shut down: the server is stopping
            self.release()
            raise PoolFull(5) from None
        self._submitted = True
        future.add_done_callback(lambda _f: self.release())
        try:
            return await asyncio.wait_for(asyncio.shield(future), timeout)
        except asyncio.TimeoutError:
            raise PoolTimeout from None

    def __enter__(self) -> _Slot:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self._submitted:
            self.release()


class RenderCache:
    """Rendered bytes by key, bounded in entries and bytes, each valid for ``ttl`` seconds.

    :meth:`clear` is called when this server changes the store; ``ttl`` bounds how long a
    change made by another process (``crosswire add`` beside the server) takes to show.
    Concurrent misses on one key share one render.
    """

    def __init__(self, *, ttl: float = 5.0, max_entries: int = 512, max_bytes: int = 64_000_000):
        self.ttl, self.max_entries, self.max_bytes = ttl, max_entries, max_bytes
        self._entries: OrderedDict[Any, tuple[float, int, Any]] = OrderedDict()
        self._bytes = 0
        self._pending: dict[Any, asyncio.Future] = {}
        self._generation = 0
        self.hits = self.misses = 0

    def clear(self) -> None:
        self._entries.clear()
        self._bytes = 0
        self._generation += 1

    async def get(self, key: Any, render: Callable[[], Awaitable[tuple[Any, int]]]) -> Any:
        """The cached value of ``key``, or ``await render()`` → (value, size in bytes), cached."""
        now = time.monotonic()
        entry = self._entries.get(key)
        if entry is not None and entry[0] > now:
            self._entries.move_to_end(key)
            self.hits += 1
            return entry[2]
        pending = self._pending.get(key)
        if pending is not None:
            self.hits += 1
            return await asyncio.shield(pending)
        self.misses += 1
        future = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        generation = self._generation
        try:
            value, size = await render()
        except BaseException as exc:
            if isinstance(exc, asyncio.CancelledError):
                future.cancel()
            else:
                future.set_exception(exc)
                future.exception()  # retrieved: waiters re-raise it, nobody logs it as lost
            raise
        finally:
            self._pending.pop(key, None)
        future.set_result(value)
        if generation == self._generation and size <= self.max_bytes // 4:
            self._store(key, value, size, now + self.ttl)
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

"""The Ray engine: ``analyze_many`` over a pool of Ray actors, on this machine or a cluster.

The same interface as :func:`kronika.pipeline.analyze_many` (analyses in input order, or the
error of a document that failed), so the one store writer consumes it unchanged. Each actor
loads the pipeline once and analyses a batch at a time. Documents are read from the sources
only as a batch slot frees: at most ``2 * workers`` batches are in flight, so memory stays
bounded however large the input. A batch whose actor dies is sent again (and the actor
replaced); a batch that kills ``MAX_TRIES`` actors has its documents reported as failed, as the
local process engine does. Nothing is lost, and nothing is returned twice: each batch's result
is taken once, in order.

Without ``address`` a local Ray starts with ``workers`` CPUs, no dashboard and nothing reachable
beyond loopback; with it, kronika joins that cluster (where kronika must be installed on every
node, in the same version).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from kronika.errors import AnalysisError, KronikaError
from kronika.ingest import Document
from kronika.model import Analysis
from kronika.pipeline import (
    BATCH_SIZE,
    _batch_timeout,
    _batches,
    _failed,
    analyze_batch,
    load,
    settle_heap,
)

__all__ = ["ACTOR_NAME", "MAX_TRIES", "NAMESPACE", "analyze_many"]

#: Ray's namespace of kronika's actors, and their names (``kronika-analyzer-0`` …): a test or an
#: operator finds them with ``ray.get_actor(name, namespace=NAMESPACE)``.
NAMESPACE = "kronika"
ACTOR_NAME = "kronika-analyzer-{index}"

Result = list[Analysis | AnalysisError]


def _ray() -> Any:
    try:
        import ray
    except ImportError as error:
        raise KronikaError(
            "the Ray engine needs Ray, which is not installed: pip install 'kronika[ray]' "
            "(or use the default --engine local)"
        ) from error
    return ray


class _Analyzer:
    """A Ray actor: one loaded pipeline, one batch at a time."""

    def __init__(self, ner: str) -> None:
        self._nlp = load(ner)
        settle_heap()

    def analyze(self, documents: list[Document]) -> Result:
        return analyze_batch(documents, self._nlp)

    def pid(self) -> int:
        return os.getpid()


@dataclass
class _Flight:
    batch: list[Document]
    ref: Any  # the ObjectRef of its result
    actor: int
    generation: int  # of the actor in slot ``actor`` it was sent to
    tries: int = 1


#: A batch is sent this many times at most: a worker killed from outside (a node lost, the
#: out-of-memory killer) costs its batches one more try; a batch that kills every worker it is
#: sent to fails alone.
MAX_TRIES = 3


def _start(ray: Any, workers: int, address: str | None) -> bool:
    """Connect to Ray, starting a local one if needed; True if this call started it."""
    if ray.is_initialized():
        return False
    # no usage report leaves the machine; a local Ray listens on loopback only
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    if address:
        ray.init(address=address, namespace=NAMESPACE, log_to_driver=False)
    else:
        ray.init(
            num_cpus=workers,
            include_dashboard=False,
            namespace=NAMESPACE,
            log_to_driver=False,
            _node_ip_address="127.0.0.1",
        )
    return True


class _RayPool:
    """``workers`` analyzer actors and the batches in flight; a dead actor is replaced."""

    def __init__(self, ray: Any, workers: int, ner: str) -> None:
        self._ray, self._ner = ray, ner
        # kronika replaces a dead actor itself: Ray's own restart fails the tasks sent meanwhile
        self._class = ray.remote(num_cpus=1, max_restarts=0, max_task_retries=0)(_Analyzer)
        self._generations = [0] * workers
        self._actors = [self._actor(index) for index in range(workers)]
        self._load = [0] * workers
        self.pending: deque[_Flight] = deque()

    def _actor(self, index: int) -> Any:
        name = ACTOR_NAME.format(index=index)
        if self._generations[index]:
            name += f"-{self._generations[index]}"
        return self._class.options(name=name, namespace=NAMESPACE).remote(self._ner)

    def submit(self, batch: list[Document], tries: int = 1) -> _Flight:
        index = min(range(len(self._actors)), key=self._load.__getitem__)
        self._load[index] += 1
        ref = self._actors[index].analyze.remote(batch)
        return _Flight(batch, ref, index, self._generations[index], tries)

    def next_result(self) -> Result:
        """The results of the oldest batch in flight, sent again if its actor died."""
        ray = self._ray
        flight = self.pending.popleft()
        while True:
            timeout = _batch_timeout(flight.batch)
            try:
                result: Result = ray.get(flight.ref, timeout=timeout)
            except ray.exceptions.GetTimeoutError:
                self._done(flight)
                ray.kill(self._actors[flight.actor], no_restart=True)
                self._replace(flight)
                return _failed(
                    flight.batch, f"its worker was still busy after {timeout:.0f} s and was stopped"
                )
            except (ray.exceptions.RayActorError, ray.exceptions.ActorUnavailableError):
                self._done(flight)
                self._replace(flight)
                if flight.tries >= MAX_TRIES:
                    return _failed(
                        flight.batch, f"its Ray worker died while analysing it, {MAX_TRIES} times"
                    )
                flight = self.submit(flight.batch, flight.tries + 1)
                continue
            self._done(flight)
            return result

    def _done(self, flight: _Flight) -> None:
        self._load[flight.actor] -= 1

    def _replace(self, flight: _Flight) -> None:
        """A new actor in the slot of the one ``flight`` died on (once, however many of its
        batches report the death)."""
        if self._generations[flight.actor] == flight.generation:
            self._generations[flight.actor] += 1
            self._actors[flight.actor] = self._actor(flight.actor)

    def close(self) -> None:
        for actor in self._actors:
            self._ray.kill(actor, no_restart=True)


def analyze_many(
    documents: Iterable[Document],
    *,
    workers: int = 1,
    ner: str = "auto",
    address: str | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[Analysis | AnalysisError]:
    """Analyses in input order, or the error of a document that failed, computed by ``workers``
    Ray actors (on the cluster at ``address``, or on a Ray started here)."""
    ray = _ray()
    started = _start(ray, workers, address)
    pool = _RayPool(ray, workers, ner)
    try:
        for batch in _batches(documents, batch_size):
            pool.pending.append(pool.submit(batch))
            if len(pool.pending) >= 2 * workers:
                yield from pool.next_result()
        while pool.pending:
            yield from pool.next_result()
    finally:
        pool.close()
        if started:
            ray.shutdown()

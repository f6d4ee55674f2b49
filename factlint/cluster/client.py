"""The client side of a cluster run: connect, send batches of names, gather outcomes.

A batch whose worker dies is run again elsewhere by the scheduler (Dask
reschedules the tasks of a lost worker, up to its ``allowed-failures``), and a
batch is gathered once, as one result, so every file is reported once however
often it ran. A batch that still fails (every try killed its worker, or a bug)
becomes one error line per file, so nothing is silently missing from a report.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator, Sequence

from factlint._version import __version__
from factlint.cluster import worker
from factlint.cluster.batches import batch_size, partition
from factlint.cluster.job import FileOutcome, Item, Job
from factlint.cluster.progress import BatchProgress
from factlint.cluster.reading import expand_urls, is_url

WORKER_TIMEOUT = 30.0  # seconds to wait for a first worker


class ClusterError(Exception):
    """The run could not use the cluster at all; str() is one line for people."""


def check_on_cluster(
    address: str,
    paths: Sequence[str],
    job: Job,
    *,
    extensions: Sequence[str] = (".md", ".markdown", ".txt"),
    files_per_batch: int | None = None,
) -> Iterator[FileOutcome]:
    """Outcomes for ``paths`` (local paths or fsspec URLs) in the order batches finish."""
    client = connect(address)
    try:
        _same_version(client, address)
        items = _items(client, paths, extensions)
        threads = sum(client.nthreads().values())
        batches = partition(items, files_per_batch or batch_size(len(items), threads))
        yield from _gather(client, job, batches)
    finally:
        client.close()


def connect(address: str):  # noqa: ANN201 - distributed.Client, imported lazily
    """A client of the scheduler at ``address`` with at least one worker, or ClusterError."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError(
            "--scheduler needs the dask extra: pip install 'factlint[dask]'"
        ) from None
    # Dask logs what it recovers from (a result refetched after its worker died) on stderr,
    # which a command's users read as a problem; what it cannot recover from reaches us.
    for name in [n for n in logging.root.manager.loggerDict if n.startswith("distributed")]:
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        # The connect timeout is Dask's own setting (distributed.comm.timeouts.connect, 30 s;
        # DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=5s in the environment), as users know it.
        client = Client(address, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {err}") from None
    try:
        client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
    except TimeoutError:
        client.close()
        raise ClusterError(
            f"no Dask worker joined the scheduler at {address} within {WORKER_TIMEOUT:.0f} s"
        ) from None
    return client


def _same_version(client, address: str) -> None:  # noqa: ANN001
    """Refuse workers without factlint, or with another version: their findings could differ."""
    answers = client.run(worker.version, on_error="return")
    for where, answer in sorted(answers.items()):
        if isinstance(answer, BaseException):
            raise ClusterError(
                f"worker {where} of {address} cannot run factlint ({type(answer).__name__}: "
                f"{answer}); install factlint {__version__} on every worker"
            )
        if answer != __version__:
            raise ClusterError(
                f"worker {where} of {address} runs factlint {answer}, this machine "
                f"{__version__}; install the same version on every worker"
            )


def _items(client, paths: Sequence[str], extensions: Sequence[str]) -> list[Item]:  # noqa: ANN001
    """Local paths go as absolute paths (workers share the file system); URLs are expanded
    by a worker, which can see the storage even where this machine cannot (memory://)."""
    urls = [p for p in paths if is_url(p)]
    expanded = iter(client.submit(expand_urls, urls, tuple(extensions)).result() if urls else [])
    items: list[Item] = []
    seen: set[str] = set()
    for path in paths:
        names = next(expanded) if is_url(path) else [path]
        for name in names:
            if name not in seen:
                seen.add(name)
                items.append(Item(name, name if is_url(name) else os.path.abspath(name)))
    return items


def _gather(client, job: Job, batches: list[list[Item]]) -> Iterator[FileOutcome]:  # noqa: ANN001
    from distributed import as_completed

    run = uuid.uuid4().hex[:8]
    futures = {
        client.submit(worker.lint_batch, job, batch, key=f"factlint-{run}-{n}", pure=False): batch
        for n, batch in enumerate(batches)
    }
    progress = BatchProgress(len(batches), sum(len(b) for b in batches))
    try:
        for future in as_completed(futures, loop=client.loop):
            batch = futures[future]
            if future.status == "finished":
                yield from future.result()
            else:
                yield from _failed(batch, future.exception())
            progress.advance(len(batch))
            future.release()
    finally:
        progress.close()


def _failed(batch: list[Item], err: BaseException | None) -> list[FileOutcome]:
    from distributed import KilledWorker

    if isinstance(err, KilledWorker):
        reason = "every worker that tried it died"
    else:
        reason = f"{type(err).__name__}: {err}"
    return [FileOutcome(path=i.shown, error=f"{i.shown}: not checked: {reason}") for i in batch]

"""factlint on Dask: lint a bag of articles, or run `factlint check` on a cluster.

``lint_bag(bag)`` is for code that already holds a Dask bag of texts or of
paths (local paths or fsspec URLs such as ``s3://desk/archive/2004/x.md``); it
returns a bag of findings as the records of the JSON output
(``Finding.to_json()``), ready for ``to_textfiles`` (JSON lines) or
``to_dataframe`` (Parquet). ``check_on_cluster`` is what
``factlint check --scheduler`` runs. Both lint on the workers with the rules
compiled once per worker process and never ship rule objects or file contents
from the client. See docs/scale.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from factlint.api import Options, check_source
from factlint.cluster.client import ClusterError, check_on_cluster
from factlint.cluster.job import FileOutcome, Item, Job
from factlint.cluster.worker import lint_item, warm
from factlint.config.file import Config, resolve
from factlint.text.source import source_from_text

__all__ = ["ClusterError", "FileOutcome", "Job", "check_on_cluster", "lint_bag", "make_job"]


def make_job(
    *,
    date: str | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    rules: Sequence[str] = (),
    builtin: bool = True,
    config_file: str | None = None,
) -> Job:
    """The settings of a run, with every file name made absolute on this machine."""
    cli: dict[str, Any] = {
        "rules": [os.path.abspath(p) for p in rules],
        "builtin": builtin,
        "select": list(select) or None,
        "ignore": list(ignore) or None,
        "date": date,
    }
    config = os.path.abspath(config_file) if config_file else None
    url_config = None
    if config:
        from factlint.config.file import load_config

        url_config = load_config(config)
    return Job(cli=cli, config_file=config, url_config=url_config)


def lint_bag(bag: Any, *, paths: bool = False, job: Job | None = None, **settings: Any) -> Any:
    """A bag of finding records for a bag of texts (``paths=False``) or of file names.

    A text item is a string (its findings have ``"path": null``) or a mapping with
    ``"path"`` and ``"text"``. With ``paths=True`` every item is a path or URL that the
    workers read. A file that cannot be read yields one record ``{"path": ..., "error":
    ...}`` instead of findings, so one bad object does not stop an archive. ``settings``
    are make_job()'s (date, select, ignore, rules, builtin, config_file).
    """
    job = job or make_job(**settings)
    return bag.map_partitions(_lint_partition, job, paths)


def _lint_partition(items: Iterable[Any], job: Job, paths: bool) -> list[dict]:
    warm(job)
    if paths:
        return [record for item in items for record in _path_records(job, str(item))]
    options = resolve(job.url_config or Config(root=os.getcwd()), None, job.cli)
    return [record for item in items for record in _text_records(options, item)]


def _path_records(job: Job, path: str) -> list[dict]:
    outcome = lint_item(job, Item(path, path))
    if outcome.error:
        return [{"path": path, "error": outcome.error}]
    return [finding.to_json() for finding in outcome.findings]


def _text_records(options: Options, item: Any) -> list[dict]:
    if isinstance(item, Mapping):
        path, text = item.get("path"), item.get("text")
    else:
        path, text = None, item
    if not isinstance(text, str):
        raise TypeError(f"lint_bag: a text item must be a string, not {type(text).__name__}")
    findings = check_source(source_from_text(text, path), options).findings
    return [finding.to_json() for finding in findings]

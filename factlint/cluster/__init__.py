"""Checking an archive on a Dask cluster: the pieces behind ``factlint.dask``.

``job`` is what travels to a worker (names and settings, never texts or rules),
``reading`` opens local paths and fsspec URLs on the worker, ``worker`` lints a
batch with the rules compiled once per worker process, and ``client`` splits
the files into batches, sends them and gathers the outcomes. Nothing here
imports dask at module level except ``client``, which only runs when a
scheduler was asked for.
"""

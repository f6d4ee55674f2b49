"""factlint.dask.lint_bag: a Dask bag of texts or paths in, a bag of finding records out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import cloudpickle
import dask.bag as db
import pytest
from dask_cluster import running_cluster

from factlint import lint
from factlint.dask import lint_bag

DESK = Path(__file__).parent / "data" / "desk"

cloudpickle.register_pickle_by_value(sys.modules[__name__])


def _texts() -> list[dict]:
    return [{"path": p.name, "text": p.read_text(encoding="utf-8")} for p in sorted(DESK.iterdir())]


def _expected(date: str | None = None) -> list[dict]:
    return [
        f.to_json() for item in _texts() for f in lint(item["text"], path=item["path"], date=date)
    ]


def test_texts_give_the_records_of_lint() -> None:
    bag = db.from_sequence(_texts(), npartitions=3)
    records = lint_bag(bag).compute(scheduler="sync")
    assert records == _expected()
    assert records and all(json.loads(json.dumps(r)) == r for r in records)  # plain JSON data


def test_plain_strings_and_settings() -> None:
    text = (DESK / "ferry.txt").read_text(encoding="utf-8")
    bag = db.from_sequence([text, "No figures here at all."], npartitions=2)
    records = lint_bag(bag, select=["unit-conversion"]).compute(scheduler="sync")
    assert [r["rule"] for r in records] == ["unit-conversion"]
    assert records[0]["path"] is None
    dated = lint_bag(db.from_sequence([text]), date="2013-01-21").compute(scheduler="sync")
    assert dated == [f.to_json() for f in lint(text, date="2013-01-21")]


def test_a_text_item_that_is_not_text_is_refused() -> None:
    with pytest.raises(TypeError, match="must be a string, not int"):
        lint_bag(db.from_sequence([7])).compute(scheduler="sync")


def _put(files: dict[str, bytes]) -> None:
    import fsspec

    for url, data in files.items():
        with fsspec.open(url, "wb") as handle:
            handle.write(data)


def test_paths_are_read_on_the_workers_of_a_cluster(tmp_path: Path) -> None:
    urls = {f"memory://bag/{p.name}": p.read_bytes() for p in sorted(DESK.iterdir())}
    names = [*urls, "memory://bag/gone.md"]
    with running_cluster(tmp_path, workers=2) as cluster, cluster.client() as client:
        client.run(_put, urls)  # only the workers hold these files
        records = client.compute(lint_bag(db.from_sequence(names, npartitions=2), paths=True))
        records = records.result(timeout=60)
    expected = [{**r, "path": f"memory://bag/{r['path']}"} for r in _expected()]
    assert records[:-1] == expected
    assert records[-1] == {
        "path": "memory://bag/gone.md",
        "error": "memory://bag/gone.md: no such file",
    }


def test_findings_written_as_json_lines(tmp_path: Path) -> None:
    """docs/scale.md's archive recipe: one JSON-lines file per partition."""
    bag = lint_bag(db.from_sequence(_texts(), npartitions=2))
    bag.map(json.dumps).to_textfiles(str(tmp_path / "findings-*.jsonl"), scheduler="sync")
    written = sorted(tmp_path.glob("findings-*.jsonl"))
    assert len(written) == 2
    lines = [line for p in written for line in p.read_text(encoding="utf-8").splitlines()]
    assert [json.loads(line) for line in lines] == _expected()

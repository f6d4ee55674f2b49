"""A CLI run looks a folder's config up once; the library and the servers never remember."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from factlint.config.file import find_config, remembered_discovery


def test_inside_a_run_each_folder_is_searched_once(tmp_path):
    inner = tmp_path / "desk" / "world"
    inner.mkdir(parents=True)
    (tmp_path / ".factlint.yaml").write_text("ignore: [unit-conversion]\n")
    with remembered_discovery():
        assert find_config(inner / "a.txt") == str(tmp_path / ".factlint.yaml")
        (tmp_path / "desk" / ".factlint.yml").write_text("select: [units]\n")
        # the same run keeps the answer it started with, for this file and its neighbours
        assert find_config(inner / "a.txt") == str(tmp_path / ".factlint.yaml")
        assert find_config(inner / "b.txt") == str(tmp_path / ".factlint.yaml")
    # outside a run (the LSP, the service, the library) a new config is seen at once
    assert find_config(inner / "a.txt") == str(tmp_path / "desk" / ".factlint.yml")


def test_a_run_over_many_folders_uses_each_folder_config(tmp_path):
    """The memo is per folder: two desks with their own configs in one pool run."""
    for desk, config in (("sport", "ignore: [unit-conversion]\n"), ("world", "")):
        folder = tmp_path / desk
        folder.mkdir()
        (folder / ".factlint.yaml").write_text(config)
        for index in range(6):  # 12 files: above the pool threshold
            (folder / f"{index}.txt").write_text("It is 60 km (20 miles) away.\n")
    run = subprocess.run(
        [sys.executable, "-m", "factlint", "check", "--format", "json", "-j", "2", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "FACTLINT_NO_CACHE": "1"},
    )
    paths = {f["path"].split(os.sep)[-2] for f in json.loads(run.stdout)["findings"]}
    assert paths == {"world"}


def test_in_a_run_a_linked_file_still_takes_the_config_of_where_it_points(tmp_path):
    """Files are looked up by their folder inside a run; a link is still resolved."""
    (tmp_path / "desk").mkdir()
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire" / ".factlint.yaml").write_text("ignore: [unit-conversion]\n")
    (tmp_path / "wire" / "story.txt").write_text("It is 60 km (20 miles) away.\n")
    (tmp_path / "desk" / "story.txt").symlink_to(tmp_path / "wire" / "story.txt")
    (tmp_path / "desk" / "own.txt").write_text("Ours.\n")
    with remembered_discovery():
        assert find_config(tmp_path / "desk" / "own.txt") is None
        linked = find_config(tmp_path / "desk" / "story.txt")
        assert linked == str(tmp_path / "wire" / ".factlint.yaml")

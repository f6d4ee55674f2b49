"""The compiled-rule cache: a warm run skips validation and compiling, a stale or broken
entry is never used, and the pre-filter only skips rules that cannot match."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import regex

from factlint.engine import prefilter
from factlint.engine import rule_cache as cache
from factlint.engine.figures import tag_figures
from factlint.engine.loader import RuleError, load_rule_file, load_rule_text
from factlint.infra import regex_store
from factlint.infra.cache_dir import NO_CACHE_ENV

ROOT = Path(__file__).resolve().parents[1]

USER_RULE = """\
id: zorblax-total
description: A zorblax total in brackets.
severity: error
match: "{a:number} zorblax \\\\({b:number}\\\\)"
assert: a == b
message: "MESSAGE {a} vs {b}"
examples:
  bad: ["5 zorblax (6)"]
  good: ["5 zorblax (5)"]
"""


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv(NO_CACHE_ENV, raising=False)
    cache.clear_memory()
    yield folder
    cache.clear_memory()


def write_rule(path: Path, message: str = "MESSAGE") -> Path:
    path.write_text(USER_RULE.replace("MESSAGE", message), encoding="utf-8")
    return path


def entries(folder: Path) -> list[Path]:
    return sorted((folder / "rules").glob("*.pickle"))


def test_second_load_is_served_from_the_cache_without_jsonschema_or_yaml(tmp_path):
    """In a fresh interpreter, as a real second `factlint check` would be."""
    script = (
        "import json, sys\n"
        "from factlint.engine.loader import load_rules\n"
        "rules = load_rules()\n"
        "print(json.dumps({'ids': [r.id for r in rules],"
        " 'sources': [p.source for r in rules for p in r.patterns],"
        " 'jsonschema': 'jsonschema' in sys.modules, 'yaml': 'yaml' in sys.modules}))\n"
    )
    env = dict(os.environ, FACTLINT_CACHE_DIR=str(tmp_path / "cache"))
    env.pop(NO_CACHE_ENV, None)

    def run() -> dict:
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    cold, warm = run(), run()
    assert cold["jsonschema"] and cold["yaml"]  # the first run really validated and parsed
    assert not warm["jsonschema"] and not warm["yaml"]
    assert warm["ids"] == cold["ids"] and warm["sources"] == cold["sources"]
    assert warm["ids"]


def test_cached_rules_equal_compiled_ones_and_still_match(cache_dir, tmp_path):
    path = write_rule(tmp_path / "user.yaml")
    first = load_rule_file(path)
    assert len(entries(cache_dir)) == 1
    cache.clear_memory()
    second = load_rule_file(path)
    assert [r.id for r in second] == [r.id for r in first]
    assert second[0].message == first[0].message
    assert second[0].patterns[0].regex.search(tag_figures("it was 5 zorblax (6) then")) is not None


def test_a_cache_hit_does_not_compile(cache_dir, tmp_path, monkeypatch):
    path = write_rule(tmp_path / "user.yaml")
    load_rule_file(path)
    cache.clear_memory()

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled although the cache holds this file")

    monkeypatch.setattr("factlint.engine.loader.load_rule_text", no_compiling)
    assert [r.id for r in load_rule_file(path)] == ["zorblax-total"]


def test_a_changed_rule_file_is_recompiled(cache_dir, tmp_path):
    path = write_rule(tmp_path / "user.yaml", "FIRST")
    assert load_rule_file(path)[0].message.startswith("FIRST")
    write_rule(path, "OTHER")
    assert load_rule_file(path)[0].message.startswith("OTHER")


def test_same_size_and_mtime_but_other_bytes_is_recompiled(cache_dir, tmp_path):
    path = write_rule(tmp_path / "user.yaml", "AAAAA")
    stamp = path.stat()
    assert load_rule_file(path)[0].message.startswith("AAAAA")
    write_rule(path, "BBBBB")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert path.stat().st_size == stamp.st_size
    assert load_rule_file(path)[0].message.startswith("BBBBB")


def test_a_corrupt_cache_entry_is_ignored_and_replaced(cache_dir, tmp_path):
    path = write_rule(tmp_path / "user.yaml")
    load_rule_file(path)
    (entry,) = entries(cache_dir)
    for garbage in (b"", b"FLRULES1\xff\xff", entry.read_bytes()[:-40], os.urandom(300)):
        entry.write_bytes(garbage)
        cache.clear_memory()
        assert [r.id for r in load_rule_file(path)] == ["zorblax-total"]
    cache.clear_memory()
    key = cache.rule_file_key(path, path.read_bytes(), "user")
    assert cache._read_rules(entry, key) is not None  # rewritten whole


def tampered_entry(cache_dir: Path, path: Path) -> Path:
    """Swap the cached rules for others under the same key, as an attacker would."""
    load_rule_file(path)
    (entry,) = entries(cache_dir)
    raw = entry.read_bytes()
    key = cache.rule_file_key(path, path.read_bytes(), "user")
    rules = load_rule_text(path.read_text(), path=str(path), pack="user")
    forged = [replace(rules[0], message="FORGED")]
    payload = pickle.dumps(forged)
    entry.write_bytes(raw[: raw.index(key.encode()) + len(key.encode())] + payload)
    return entry


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_an_entry_others_could_write_is_not_trusted(cache_dir, tmp_path):
    path = write_rule(tmp_path / "user.yaml")
    entry = tampered_entry(cache_dir, path)
    entry.chmod(0o600)
    assert load_rule_file(path)[0].message == "FORGED"  # the entry is read when private
    entry = tampered_entry(cache_dir, path)
    entry.chmod(0o666)
    assert load_rule_file(path)[0].message.startswith("MESSAGE")


def test_a_bad_rule_file_is_never_cached(cache_dir, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(USER_RULE.replace("assert: a == b", "assert: a ==="), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RuleError):
            load_rule_file(path)
    assert entries(cache_dir) == []


def test_no_cache_setting_writes_nothing(cache_dir, tmp_path, monkeypatch):
    monkeypatch.setenv(NO_CACHE_ENV, "1")
    path = write_rule(tmp_path / "user.yaml")
    assert load_rule_file(path)[0].id == "zorblax-total"
    regex_store.compiled_regex(r"\d+ zorblax")
    assert not cache_dir.exists()


def test_compiled_regex_is_stored_and_reused_without_compiling(cache_dir, monkeypatch):
    source = r"(?P<n>\d+) zorblax"
    first = regex_store.compiled_regex(source, regex.VERSION0)
    assert first.search("x 12 zorblax")["n"] == "12"
    cache.clear_memory()

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled although the store holds the pattern")

    monkeypatch.setattr(regex_store.regex, "compile", no_compiling)
    again = regex_store.compiled_regex(source, regex.VERSION0)
    assert again.search("x 34 zorblax")["n"] == "34"


def test_a_corrupt_regex_store_is_ignored(cache_dir):
    regex_store.compiled_regex(r"\d+ zorblax")
    (store,) = cache_dir.glob("regex-*.pickle")
    store.write_bytes(b"FLREGEX1garbage")
    cache.clear_memory()
    assert regex_store.compiled_regex(r"\d+ zorblax").search("7 zorblax")


# --- the pre-filter ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "literals", "slots"),
    [
        (r"{a:measure} \((?:or )?{b:measure}\)", ("(", ")"), ("measure",)),
        (r"{a:number} zorblax {b:number}", ("zorblax",), ("number",)),
        (r"(?i)Total {a:number}? of", ("total", "of"), ()),
        (r"\$?x+y?z{2} {a:number}{0,1}", ("x", "z"), ()),
        (r"[zorblax]\d\bfoo {a:number}", (), ("number",)),
    ],
)
def test_requirements_are_read_from_the_top_level(source, literals, slots):
    needs = prefilter.requirements(source, regex.VERSION0)
    assert needs.literals == literals
    assert needs.slot_types == slots


@pytest.mark.parametrize(
    "source",
    [r"{a:number} zorblax|{b:number}", r"(?x) zorblax {a:number}", r"(?f)zorblax {a:number}"],
)
def test_unsure_patterns_have_no_requirements(source):
    needs = prefilter.requirements(source, regex.VERSION0)
    assert needs.literals == () and needs.slot_types == ()


def test_prefilter_skips_only_rules_that_cannot_match(tmp_path):
    (rule,) = load_rule_text(USER_RULE, path="u.yaml")
    assert prefilter.rule_may_match(rule, "it came to 5 Zorblax (6) in all")
    assert not prefilter.rule_may_match(rule, "it came to 5 (6) in all")  # no literal
    assert not prefilter.rule_may_match(rule, "some zorblax (but) no figures")  # no number


def test_prefilter_never_hides_a_finding_on_the_corpus_sample():
    """Whenever a rule's own regex matches, the pre-filter must say it may match."""
    from factlint.api import builtin_rules

    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc-dev"
    texts = [p.read_text("utf-8", "replace") for p in sorted(corpus.glob("business/*.txt"))[:60]]
    texts += [(ROOT / "examples" / "mali-2013.txt").read_text("utf-8"), "nothing here", ""]
    (user,) = load_rule_text(USER_RULE, path="u.yaml")
    rules = [*builtin_rules(), user]
    skipped = 0
    for text in texts:
        for rule in rules:
            matches = any(p.regex.search(text) for p in rule.patterns)
            allowed = prefilter.rule_may_match(rule, text)
            assert allowed or not matches, (rule.id, text[:60])
            skipped += not allowed
    assert skipped  # the check above is not vacuous: some rules were skipped


def test_code_stamp_covers_modules_in_every_subfolder(tmp_path, monkeypatch):
    # A stand-in package tree: a module edited three folders down must change the stamp,
    # or a development checkout would be served rules compiled by older code.
    nested = tmp_path / "pkg" / "engine" / "converters"
    nested.mkdir(parents=True)
    (tmp_path / "pkg" / "api.py").write_text("A = 1\n")
    module = nested / "units.py"
    module.write_text("B = 1\n")
    monkeypatch.setattr(cache, "_PACKAGE", tmp_path / "pkg")
    cache.code_stamp.cache_clear()
    before = cache.code_stamp()
    module.write_text("B = 22\n")
    cache.code_stamp.cache_clear()
    after_edit = cache.code_stamp()
    (nested / "money.py").write_text("C = 1\n")
    cache.code_stamp.cache_clear()
    after_new_module = cache.code_stamp()
    cache.code_stamp.cache_clear()
    assert len({before, after_edit, after_new_module}) == 3


def test_code_stamp_sees_the_real_package_subfolders():
    folders = {Path(p).parent.name for p in cache._PACKAGE.rglob("*.py")}
    assert {"quantities", "text", "engine", "converters", "cli"} <= folders

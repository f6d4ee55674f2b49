"""factlint's speed and memory, measured the way issue 19 states its targets.

Run by hand (not part of the test suite), from the repository root:

    python benchmarks/bench.py [--quick] [--corpus ../shared/corpus/bbc-dev]

It prints a table and writes benchmarks/results.json. Sections: start-up against
`python -c pass` (wall and CPU time, median with spread); whole `factlint check` runs over
the corpus with -j 1 and -j 2 (MB/s, MB/s per core); throughput in one process and the cost
per figure; scaling with text size and with rules that cannot match (pre-filter on and
off); peak RSS of child processes; the modules that cost most to import; and the peers
quantulum3 (extraction only) and proselint over the same files when the `bench` extra is
installed (a missing peer is named, with how to install it). Ratios are taken within one
run, against the same interpreter. Children may write and read bytecode (the package is
compiled first, as pip does on install), whatever PYTHONDONTWRITEBYTECODE says.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import child_env, compile_package, import_top, timed_runs

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "mali-2013.txt"
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc-dev"
# The corpus is from 2004 and early 2005 (see its README): the period, not one day.
DATE = "2004-01-01..2005-03-31"
TARGETS = {  # issue 19
    "seed_ratio": 5.0,  # at most, x `python -c pass`, warm cache
    "no_numbers_ratio": 4.0,
    "corpus_cli_j1_mb_per_s": 3.0,  # at least, whole `factlint check -j 1` run
    "corpus_cli_j2_mb_per_s_per_core": 2.5,
    "peak_rss_mb": 100.0,  # at most, corpus run
}


def peak_rss_mb(command: list[str]) -> float:
    """Peak RSS of one child, measured from a fresh parent so no earlier child is counted."""
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *command], capture_output=True, text=True, env=child_env()
    )
    return int(out.stdout.strip()) / 1024  # Linux reports KiB


def factlint_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "factlint", "check", *args]


# --- in-process work, also used by the worker processes ---------------------------------------


def _check_texts(texts: list[str]) -> int:
    from factlint.api import Options, builtin_rules, check_source
    from factlint.text.source import source_from_text

    options = Options(date=DATE, rules=list(builtin_rules()))
    return sum(len(check_source(source_from_text(t, "a.txt"), options).findings) for t in texts)


def _warm(_: object = None) -> None:
    from factlint.api import builtin_rules, lint

    lint(SEED.read_text("utf-8"), date=DATE, rules=list(builtin_rules()))


def throughput(texts: list[str], processes: int, repeats: int = 3) -> dict:
    """Best of `repeats` runs: the machines are shared, and the fastest run is the one
    least disturbed by other work."""
    size = sum(len(t.encode("utf-8")) for t in texts)
    seconds = float("inf")
    if processes == 1:
        _warm()
        for _ in range(repeats):
            start = time.perf_counter()
            findings = _check_texts(texts)
            seconds = min(seconds, time.perf_counter() - start)
    else:
        chunks = [texts[i :: processes * 8] for i in range(processes * 8)]
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            pool.map(_warm, range(processes))
            for _ in range(repeats):
                start = time.perf_counter()
                findings = sum(pool.map(_check_texts, chunks))
                seconds = min(seconds, time.perf_counter() - start)
    return {
        "articles": len(texts),
        "mb": round(size / 1e6, 3),
        "processes": processes,
        "seconds": round(seconds, 3),
        "repeats": repeats,
        "articles_per_s": round(len(texts) / seconds, 1),
        "mb_per_s": round(size / 1e6 / seconds, 3),
        "mb_per_s_per_core": round(size / 1e6 / seconds / processes, 3),
        "findings": findings,
    }


def scaling_text() -> list[dict]:
    from factlint.api import builtin_rules, lint

    rules = list(builtin_rules())
    article = SEED.read_text("utf-8")
    lint(article, date=DATE, rules=rules)
    rows = []
    for times in (1, 10, 100):
        text = "\n\n".join([article] * times)
        runs = 5 if times < 100 else 2
        seconds = statistics.median(
            _timed(lambda text=text: lint(text, date=DATE, rules=rules)) for _ in range(runs)
        )
        rows.append({"copies": times, "kb": len(text) // 1024, "seconds": round(seconds, 4)})
    base = rows[0]["seconds"]
    for row in rows:
        row["per_copy_vs_1x"] = round(row["seconds"] / row["copies"] / base, 2)
    return rows


def _timed(work) -> float:  # noqa: ANN001
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


SYNTHETIC = """\
  - id: synthetic-{i}
    description: A synthetic rule that cannot match news copy.
    severity: warning
    match: "{{a:{kind}}} zorblax{i} \\\\({{b:{kind}}}\\\\)"
    assert: a == b
    message: "{{a}} is not {{b}}"
    examples:
      bad: ["5 zorblax{i} (6)"]
      good: ["5 zorblax{i} (5)"]
"""


def synthetic_rules(count: int, folder: Path) -> list:
    from factlint.engine.loader import load_rule_file

    kinds = ("number", "measure")
    rules: list = []
    # In files of 40 rules: one rule file's patterns share a compile budget (Security).
    for first in range(0, count, 40):
        ids = range(first, min(count, first + 40))
        body = "".join(SYNTHETIC.format(i=i, kind=kinds[i % 2]) for i in ids)
        path = folder / f"synthetic-{count}-{first}.yaml"
        path.write_text(f"pack: synthetic\ndescription: none\nrules:\n{body}", encoding="utf-8")
        rules += load_rule_file(path)
    return rules


def scaling_rules(texts: list[str], folder: Path) -> list[dict]:
    """Cost of rules that cannot match, with the pre-filter and without it."""
    import factlint.api as api
    from factlint.api import Options, builtin_rules, check_source
    from factlint.engine import prefilter, runner
    from factlint.text.source import source_from_text

    builtin = list(builtin_rules())
    hooked = "Prefilter" in Path(runner.__file__).read_text(encoding="utf-8")
    original = api.run_rules

    def filtered(rules, prose, context, **kwargs):  # noqa: ANN001, ANN202 - the runner hook
        return original(
            [r for r in rules if prefilter.rule_may_match(r, prose)], prose, context, **kwargs
        )

    rows = []
    for factor in (0, 10, 100):
        count = factor * len(builtin)
        extra = synthetic_rules(count, folder) if count else []
        rules = builtin + extra
        for enabled in (False, True):
            prefilter.ENABLED = enabled
            api.run_rules = filtered if (enabled and not hooked) else original
            options = Options(date=DATE, rules=rules)
            check_source(source_from_text(texts[0], "a.txt"), options)
            start = time.perf_counter()
            for text in texts:
                check_source(source_from_text(text, "a.txt"), options)
            seconds = time.perf_counter() - start
            rows.append(
                {
                    "rules": len(rules),
                    "synthetic": count,
                    "prefilter": enabled,
                    "articles": len(texts),
                    "seconds": round(seconds, 3),
                }
            )
    api.run_rules = original
    prefilter.ENABLED = True
    for row in rows:
        base = next(r for r in rows if r["synthetic"] == 0 and r["prefilter"] == row["prefilter"])
        row["vs_builtin_only"] = round(row["seconds"] / base["seconds"], 2)
    return rows


def peers(paths: list[Path], texts: list[str]) -> dict:
    result: dict = {}
    size = sum(len(t.encode("utf-8")) for t in texts)
    try:
        from quantulum3 import parser as quantulum

        quantulum.parse("warm up: 5 km")
        start = time.perf_counter()
        for text in texts:
            quantulum.parse(text)
        seconds = time.perf_counter() - start
        result["quantulum3"] = {
            "seconds": round(seconds, 3),
            "mb_per_s": round(size / 1e6 / seconds, 3),
        }
    except ImportError:
        result["quantulum3"] = "not installed (pip install -e '.[bench]')"
    proselint = Path(sys.executable).with_name("proselint")
    if proselint.exists():
        start = time.perf_counter()
        subprocess.run([str(proselint), "check", *map(str, paths)], capture_output=True)
        seconds = time.perf_counter() - start
        result["proselint"] = {
            "seconds": round(seconds, 3),
            "mb_per_s": round(size / 1e6 / seconds, 3),
        }
    else:
        result["proselint"] = "not installed (pip install -e '.[bench]')"
    return result


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": dt.date.today().isoformat(),
        "cores": os.cpu_count(),
        "cpu": model or platform.processor(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--runs", type=int, default=20, help="start-up runs (median)")
    parser.add_argument("--quick", action="store_true", help="fewer runs, 1x corpus only")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results.json")
    parser.add_argument(
        "--scheduler",
        action="store_true",
        help="only the throughput on local Dask clusters of 1 and 2 workers",
    )
    args = parser.parse_args()
    if args.scheduler:
        return cluster_main(args)
    runs = 5 if args.quick else args.runs
    os.chdir(ROOT)
    compile_package()
    results: dict = {"machine": machine(), "targets": TARGETS}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        results["startup"] = startup(folder, runs)
        results["imports"] = [
            import_top(["-c", "import factlint.api"]),
            import_top(["-m", "factlint", "check", str(SEED)]),
        ]
        results["memory"] = {
            "seed_article_peak_rss_mb": round(peak_rss_mb(factlint_command(str(SEED))), 1)
        }
        paths = sorted(args.corpus.rglob("*.txt")) if args.corpus.is_dir() else []
        if paths:
            corpus_sections(results, args, paths, folder)
        results["scaling_text"] = scaling_text()
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print_table(results)
    return 0


def startup(folder: Path, runs: int) -> dict:
    """Whole `factlint check` runs of one file against `python -c pass`, in the same run."""
    plain = folder / "no-numbers.txt"
    plain.write_text("The council met on Tuesday and agreed to meet again soon.\n" * 20)
    subprocess.run(factlint_command(str(SEED)), capture_output=True, env=child_env())  # caches
    python = timed_runs([sys.executable, "-c", "pass"], runs)
    seed = timed_runs(factlint_command(str(SEED)), runs)
    empty = timed_runs(factlint_command(str(plain)), runs)
    cold = timed_runs(
        factlint_command(str(SEED)), max(3, runs // 4), child_env(FACTLINT_NO_CACHE="1")
    )
    base_wall, base_cpu = python["wall"]["median"], python["cpu"]["median"] or 1e-3
    return {
        "python_c_pass": python,
        "seed_article": seed,
        "no_numbers": empty,
        "seed_without_cache": cold,
        # the figures earlier records kept, and the ratios the targets are about
        "python_c_pass_s": base_wall,
        "seed_article_s": seed["wall"]["median"],
        "seed_ratio": round(seed["wall"]["median"] / base_wall, 2),
        "seed_cpu_ratio": round(seed["cpu"]["median"] / base_cpu, 2),
        "no_numbers_s": empty["wall"]["median"],
        "no_numbers_ratio": round(empty["wall"]["median"] / base_wall, 2),
        "no_numbers_cpu_ratio": round(empty["cpu"]["median"] / base_cpu, 2),
        "seed_without_cache_s": cold["wall"]["median"],
        "runs": runs,
    }


def corpus_sections(
    results: dict, args: argparse.Namespace, paths: list[Path], folder: Path
) -> None:
    from factlint.text.source import read_source

    texts = [read_source(str(p)).text for p in paths]
    size = sum(p.stat().st_size for p in paths)
    results["corpus_cli"] = [corpus_cli(args.corpus, size, jobs, 3) for jobs in (1, 2)]
    cores = os.cpu_count() or 1
    results["throughput"] = [throughput(texts, 1), throughput(texts, cores)]
    if not args.quick:
        results["throughput"] += [throughput(texts * 10, 1), throughput(texts * 10, cores)]
    results["per_figure"] = per_figure(texts, results["throughput"][0]["seconds"])
    corpus_cmd = factlint_command(str(args.corpus), "--date", DATE)
    results["memory"]["corpus_cli_peak_rss_mb"] = round(peak_rss_mb(corpus_cmd), 1)
    results["scaling_rules"] = scaling_rules(texts[:: max(1, len(texts) // 200)], folder)
    results["peers"] = peers(paths, texts)
    ours = results["throughput"][0]["seconds"]
    for row in results["peers"].values():
        if isinstance(row, dict):
            row["factlint_speedup"] = round(row["seconds"] / ours, 1)


def corpus_cli(corpus: Path, size: int, jobs: int, runs: int) -> dict:
    """The whole command over the corpus, start-up and output included, as a user runs it."""
    command = factlint_command(str(corpus), "--date", DATE, "--format", "json", "-j", str(jobs))
    timed = timed_runs(command, runs)
    wall = timed["wall"]["median"]
    return {
        "jobs": jobs,
        "mb": round(size / 1e6, 3),
        **timed,
        "mb_per_s": round(size / 1e6 / wall, 3),
        "mb_per_s_per_core": round(size / 1e6 / wall / jobs, 3),
        "cpu_mb_per_s": round(size / 1e6 / timed["cpu"]["median"], 3),
    }


def per_figure(texts: list[str], seconds: float) -> dict:
    """One process's corpus time over the figures the reader found in it."""
    from factlint.engine.figures import TOKEN_START
    from factlint.engine.runner import DocumentView
    from factlint.text.document import parse_document
    from factlint.text.source import source_from_text

    figures = sum(
        DocumentView.of(parse_document(source_from_text(t, "a.txt")).prose).tagged.count(
            TOKEN_START
        )
        for t in texts
    )
    return {"figures": figures, "us_per_figure": round(seconds / max(figures, 1) * 1e6, 1)}


def cluster_main(args: argparse.Namespace) -> int:
    """`--scheduler`: the corpus on local Dask clusters; other results in --output are kept."""
    from cluster_bench import cluster_throughput, print_rows

    paths = sorted(args.corpus.rglob("*.txt")) if args.corpus.is_dir() else []
    if not paths:
        print(f"bench: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    os.chdir(ROOT)
    rows = cluster_throughput(paths, DATE, repeats=2 if args.quick else 3)
    results = json.loads(args.output.read_text("utf-8")) if args.output.exists() else {}
    results["cluster"] = {"machine": machine(), "rows": rows}
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print_rows(rows)
    return 0


def _spread_text(row: dict) -> str:
    return f"{row['median']:.3f} ({row['min']:.3f}-{row['max']:.3f})"


def print_table(results: dict) -> None:
    m, s = results["machine"], results["startup"]
    print(f"factlint benchmark, {m['date']}, {m['cores']} cores, {m['cpu']}, Python {m['python']}")
    print_startup(s)
    for block in results.get("imports", []):
        print(f"\n{block['command']}: {block['modules']} modules, {block['total_ms']} ms own time")
        print("  " + ", ".join(f"{t['module']} {t['self_ms']}" for t in block["top"]))
    print()
    for row in results.get("corpus_cli", []):
        label = f"factlint check corpus -j {row['jobs']}"
        print(
            f"{label:<34}wall {_spread_text(row['wall'])}s  cpu {_spread_text(row['cpu'])}s  "
            f"{row['mb_per_s']:.2f} MB/s  {row['mb_per_s_per_core']:.2f} MB/s/core"
        )
    for row in results.get("throughput", []):
        label = f"in-process {row['articles']} articles, {row['processes']} proc"
        print(
            f"{label:<40}{row['seconds']:>10.2f}s  {row['articles_per_s']:>8.0f} art/s  "
            f"{row['mb_per_s']:.2f} MB/s  {row['mb_per_s_per_core']:.2f} MB/s/core"
        )
    if "per_figure" in results:
        figure = results["per_figure"]
        label = f"per figure (1 proc, {figure['figures']} figures)"
        print(f"{label:<40}{figure['us_per_figure']:>10.1f} us")
    print_scaling(results)
    print_peers(results)


def print_startup(s: dict) -> None:
    print(f"\n{'start-up, median (min-max)':<34}{'wall s':<22}{'cpu s':<22}{'x pass (wall/cpu)'}")
    rows = (
        ("python -c pass", "python_c_pass", "", ""),
        ("check mali-2013.txt", "seed_article", "seed_ratio", "seed_cpu_ratio"),
        ("check a file with no numbers", "no_numbers", "no_numbers_ratio", "no_numbers_cpu_ratio"),
        ("check mali-2013.txt, cache off", "seed_without_cache", "", ""),
    )
    for label, key, wall_ratio, cpu_ratio in rows:
        row = s[key]
        ratios = f"{s[wall_ratio]:.2f} / {s[cpu_ratio]:.2f}" if wall_ratio else ""
        print(f"{label:<34}{_spread_text(row['wall']):<22}{_spread_text(row['cpu']):<22}{ratios}")


def print_scaling(results: dict) -> None:
    for row in results["scaling_text"]:
        print(
            f"article x{row['copies']:<4} {row['kb']:>6} KB {row['seconds']:>10.4f}s  "
            f"per copy vs 1x {row['per_copy_vs_1x']}"
        )
    for row in results.get("scaling_rules", []):
        state = "pre-filter on " if row["prefilter"] else "pre-filter off"
        print(
            f"{row['rules']:>5} rules ({row['synthetic']:>4} synthetic) {state} "
            f"{row['seconds']:>8.3f}s  x{row['vs_builtin_only']}"
        )
    for name, value in results["memory"].items():
        print(f"{name:<40}{value:>10.1f} MB")


def print_peers(results: dict) -> None:
    for name, row in results.get("peers", {}).items():
        if isinstance(row, dict):
            print(
                f"{name:<40}{row['seconds']:>10.2f}s  {row['mb_per_s']:.3f} MB/s  "
                f"factlint is {row['factlint_speedup']}x faster"
            )
        else:
            print(f"{name:<40}{row}")


if __name__ == "__main__":
    sys.exit(main())

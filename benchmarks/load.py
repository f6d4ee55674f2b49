"""Load benchmark for `factlint serve` (not a test): throughput, latency and server memory.

Starts the server in its own process, then sends a bounded number of requests
(real articles: the shared BBC corpus when present, else the seed article)
from this process over loopback with a fixed number of concurrent clients, and
prints requests per second, p50/p99 latency and the server's peak resident
memory (VmHWM, summed over worker processes). Results also go to
benchmarks/load-results.json.

    python benchmarks/load.py                       # 200 clients, 10,000 requests
    python benchmarks/load.py --clients 50 --requests 2000 --workers 2
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import time
from pathlib import Path

import httpx

from factlint.service.launch import start_server

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc-dev"
SEED = ROOT / "examples" / "mali-2013.txt"
RESULTS = Path(__file__).with_name("load-results.json")


def articles() -> tuple[list[str], str]:
    if CORPUS.is_dir():
        texts = []
        for path in sorted(CORPUS.rglob("*.txt")):
            raw = path.read_bytes()
            try:
                texts.append(raw.decode("utf-8"))
            except UnicodeDecodeError:
                texts.append(raw.decode("latin-1"))
        if texts:
            return texts, f"{len(texts)} BBC articles from ../shared/corpus/bbc-dev"
    return [SEED.read_text(encoding="utf-8")], "the seed article (corpus absent)"


def peak_rss_kib(pid: int) -> int:
    """VmHWM of the server and its children (uvicorn workers), in KiB."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for each in pids:
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


async def fire(url: str, texts: list[str], clients: int, total: int, date: str) -> dict:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors: dict[str, int] = {}
    findings = 0
    counter = iter(range(total))
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as client:

        async def one_client() -> None:
            nonlocal findings
            for index in counter:
                body = {"text": texts[index % len(texts)], "format": "text", "date": date}
                started = time.perf_counter()
                try:
                    response = await client.post("/v1/lint", json=body)
                except httpx.TransportError as err:
                    key = type(err).__name__
                    errors[key] = errors.get(key, 0) + 1
                    continue
                latencies.append(time.perf_counter() - started)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                if response.status_code == 200:
                    findings += len(response.json()["findings"])

        started = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(clients)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "elapsed_s": round(elapsed, 2),
        "requests_per_s": round(total / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000, 1),
        "max_ms": round(latencies[-1] * 1000, 1),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "transport_errors": errors,
        "findings": findings,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--date", default="2005-02-01", help="publication date sent for money")
    args = parser.parse_args()
    texts, described = articles()
    server_args = ["--workers", str(args.workers), "--log-level", "warning"]
    # Every client may be waiting at once: let the queue hold them rather than answer 503.
    server_args += ["--max-queue", str(args.clients), "--timeout", "120"]
    with start_server(server_args) as server:
        idle = peak_rss_kib(server.pid)
        result = asyncio.run(fire(server.url, texts, args.clients, args.requests, args.date))
        peak = peak_rss_kib(server.pid)
        if result["transport_errors"]:
            print(server.log()[-3000:])
    mean_size = sum(len(t) for t in texts) / len(texts)
    report = {
        "articles": described,
        "mean_article_chars": round(mean_size),
        "clients": args.clients,
        "requests": args.requests,
        "workers": args.workers,
        **result,
        "server_rss_after_start_mib": round(idle / 1024, 1),
        "server_peak_rss_mib": round(peak / 1024, 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
    }
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(
        f"{args.requests} requests, {args.clients} clients, {args.workers} worker(s), "
        f"{described}\n"
        f"throughput {result['requests_per_s']} req/s in {result['elapsed_s']} s; "
        f"latency p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, max {result['max_ms']} ms\n"
        f"statuses {result['statuses']}, errors {result['transport_errors']}; "
        f"server peak RSS {report['server_peak_rss_mib']} MiB "
        f"(after start {report['server_rss_after_start_mib']} MiB)"
    )


if __name__ == "__main__":
    main()

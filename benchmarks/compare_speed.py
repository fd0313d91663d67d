"""How fast `sendscan compare` is over the real corpus, cold and warm, and how
much memory it takes, against plain pypdfium2 text extraction of the same files.

    .venv/bin/python benchmarks/compare_speed.py [CORPUS] [--repeat N]

Every figure is a whole process, timed from outside, so that start-up counts
the same for all:
- plain: a Python process that opens each PDF with pypdfium2 and extracts the
  text of every page (the reference: no cleaning, structure or tagging);
- cold: `sendscan compare CORPUS -f csv -o FILE --cache NEW -j N`, with a new,
  empty cache each time;
- warm: the same command again, with the cache the cold run filled.
Memory is sampled every 10 ms over the process and all its children (the
worker server and workers): the peak of their summed PSS (proportional set
size, which shares pages fairly between processes forked from one another,
rather than counting spaCy once per worker) and the peak RSS of the largest
one. Times are the median of --repeat runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PLAIN = """
import sys, pypdfium2
for path in sys.argv[1:]:
    pdf = pypdfium2.PdfDocument(path)
    for page in pdf:
        page.get_textpage().get_text_range()
"""


def pages_in(pdfs: list[Path]) -> int:
    import pypdfium2

    return sum(len(pypdfium2.PdfDocument(str(p))) for p in pdfs)


def children_of(pid: int) -> list[int]:
    """The process and all its descendants, from /proc."""
    family, found = {pid}, True
    while found:
        found = False
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and int(entry.name) not in family:
                try:
                    parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                if parent in family:
                    family.add(int(entry.name))
                    found = True
    return sorted(family)


def memory_of(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in kB; zeros once it has gone."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("Pss", "Rss"):
                values[key] = int(rest.split()[0])
    except (OSError, ValueError):
        pass
    return values.get("Pss", 0), values.get("Rss", 0)


def measured(command: list[str]) -> tuple[float, float, float]:
    """(seconds, peak total PSS in MB, peak RSS of the largest process in MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_total = peak_largest = 0
    while process.poll() is None:
        sizes = [memory_of(pid) for pid in children_of(process.pid)]
        peak_total = max(peak_total, sum(pss for pss, _ in sizes))
        peak_largest = max([peak_largest] + [rss for _, rss in sizes])
        time.sleep(0.01)
    seconds = time.perf_counter() - started
    if process.returncode:
        sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n{process.stderr.read().decode()}")
    return seconds, peak_total / 1024, peak_largest / 1024


def summary(runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """The median time of the runs, and the highest memory any of them took."""
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), max(r[2] for r in runs)


def sendscan_runs(corpus: Path, workers: int, repeat: int) -> dict[str, tuple[float, float, float]]:
    cold, warm = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            command = [sys.executable, "-m", "sendscan", "compare", str(corpus), "-f", "csv", "-o", f"{tmp}/out.csv",
                       "--cache", f"{tmp}/cache.sqlite3", "-j", str(workers)]
            cold.append(measured(command))
            warm.append(measured(command))
    return {"cold": summary(cold), "warm": summary(warm)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pdfs = sorted(args.corpus.glob("*.pdf"))
    if not pdfs:
        sys.exit(f"no PDFs in {args.corpus}")
    pages = pages_in(pdfs)
    plain = summary([measured([sys.executable, "-c", PLAIN, *map(str, pdfs)]) for _ in range(args.repeat)])
    rows = [("plain pypdfium2 extraction", 1, plain)]
    cores = os.cpu_count() or 1
    for workers in sorted({1, cores}):
        runs = sendscan_runs(args.corpus, workers, args.repeat)
        rows += [(f"sendscan compare, {kind}", workers, runs[kind]) for kind in ("cold", "warm")]

    print(f"{len(pdfs)} PDFs, {pages} pages, {cores} cores; median of {args.repeat} runs\n")
    print("| run | processes | seconds | pages/s | × plain | peak memory, all processes (PSS MB) | largest process (RSS MB) |")
    print("|---|---|---|---|---|---|---|")
    for name, workers, (seconds, total, largest) in rows:
        workers_shown = "1" if workers == 1 else f"{workers} workers"
        print(f"| {name} | {workers_shown} | {seconds:.2f} | {pages / seconds:.0f} | {seconds / plain[0]:.1f} "
              f"| {total:.0f} | {largest:.0f} |")
    print("\nTargets: cold run ≤ 1.5 × plain; warm run < 0.5 s; peak memory < 400 MB.")


if __name__ == "__main__":
    main()

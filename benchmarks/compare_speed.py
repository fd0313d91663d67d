"""How fast sendscan is as whole processes, cold and warm, and how much memory
it takes, against plain pypdfium2 text extraction of the same files measured
in the same run; then whether issue 11's targets are met.

    .venv/bin/python benchmarks/compare_speed.py [CORPUS] [--files N ...] [--repeat N] [--baseline SRC]

CORPUS (default ../shared/corpus) is copied under new names to make each
batch of --files N (default 55 and 440: the same bytes under other names, as
a folder of reports would be), so that the fixed costs of a run and its cost
per page can both be seen. Every figure is a whole process timed from
outside, start-up and exit included:
- plain: one Python process that opens each PDF with pypdfium2 and extracts
  the text of every page (the reference: no cleaning, structure or tagging);
- cold: `sendscan compare FOLDER -f csv -o FILE --cache NEW` (workers: one
  per core, the default), with a new, empty cache each time;
- warm: the same command again, with the cache the cold run filled;
- `sendscan classify LETTER` with no cache, and `sendscan --help`.
Wall time is the median of --repeat runs; CPU time is that of the process
and every process it started (this one is their subreaper, so the worker
server and workers are counted too). Memory is taken in one more run of each,
not timed: the peak of the summed PSS of all the processes (proportional set
size: pages shared between forked processes are counted once), sampled
every 10 ms. With --baseline SRC (the `src` folder of another checkout, e.g.
from `git archive main src taxonomy | tar -x -C /tmp/before`: the package's
taxonomy is a link into taxonomy/), every run is made with
that source and this one alternately, so that both see the same load.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LETTER = ROOT / "samples" / "report_2023_systemic.pdf"
PR_SET_CHILD_SUBREAPER = 36

PLAIN = """
import sys, pypdfium2
for path in sys.argv[1:]:
    pdf = pypdfium2.PdfDocument(path)
    for page in pdf:
        page.get_textpage().get_text_range()
"""


def become_subreaper() -> None:
    """Processes orphaned by a measured run (the worker server, when the CLI
    exits first) are reparented here, so that their CPU time is counted."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def reap_all() -> None:
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds until the process exits, CPU seconds of it and all its descendants)."""
    cpu = children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, errors = process.communicate()
    wall = time.perf_counter() - started
    reap_all()
    if process.returncode:
        sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n{errors.decode()}")
    return wall, children_cpu() - cpu


def family_of(pid: int) -> list[int]:
    """The process and all its descendants, from /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    family, grown = {pid}, True
    while grown:
        grown = False
        for child, parent in parents.items():
            if parent in family and child not in family:
                family.add(child)
                grown = True
    return sorted(family)


def pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def peak_memory(command: list[str], env: dict) -> float:
    """The peak summed PSS, in MB, of the process and its descendants (the
    processes orphaned here are looked for too: they are this one's children)."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    peak = 0
    while process.poll() is None:
        peak = max(peak, sum(pss_kb(p) for p in family_of(os.getpid()) if p != os.getpid()))
        time.sleep(0.01)
    reap_all()
    return peak / 1024


def copies(corpus: list[Path], count: int, folder: Path) -> list[Path]:
    """`count` PDFs in `folder`: the corpus's, over and over, each under a new name."""
    folder.mkdir()
    made = []
    for n in range(count):
        source = corpus[n % len(corpus)]
        made.append(folder / f"{n:04d}_{source.name}")
        shutil.copyfile(source, made[-1])
    return made


def pages_in(pdfs: list[Path]) -> int:
    import pypdfium2

    return sum(len(pypdfium2.PdfDocument(str(p))) for p in pdfs)


def sendscan(*args: str) -> list[str]:
    return [sys.executable, "-m", "sendscan", *args]


def batch_runs(folder: Path, pdfs: list[Path], cache: Path, out: Path) -> dict[str, list[str]]:
    """The runs over one batch, in the order they are made: plain, cold (its
    cache emptied first), warm (after the cold run)."""
    compare = sendscan("compare", str(folder), "-f", "csv", "-o", str(out), "--cache", str(cache))
    return {"plain": [sys.executable, "-c", PLAIN, *map(str, pdfs)], "cold": compare, "warm": compare}


def start_up_runs() -> dict[str, list[str]]:
    return {"classify one letter": sendscan("classify", str(LETTER), "--no-cache"), "--help": sendscan("--help")}


def environment(source: Path | None) -> dict:
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("PYTHONPATH", None)
    if source:
        env["PYTHONPATH"] = str(source)
    return env


def forget(cache: Path) -> None:
    for path in (cache, *(cache.with_name(cache.name + s) for s in ("-wal", "-shm"))):
        path.unlink(missing_ok=True)


def measure(runs: dict[str, list[str]], sources: dict[str, Path | None], repeat: int, cache: Path
            ) -> dict[tuple[str, str], dict]:
    """(source, run) -> median wall and CPU seconds over `repeat` rounds, each
    round making every run with each source in turn, and peak memory (MB)."""
    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    memory: dict[tuple[str, str], float] = {}
    for timing in [True] * repeat + [False]:
        for label, source in sources.items():
            forget(cache)
            for name, command in runs.items():
                if timing:
                    times.setdefault((label, name), []).append(timed(command, environment(source)))
                else:
                    memory[(label, name)] = peak_memory(command, environment(source))
    return {key: {"wall": statistics.median(w for w, _ in found), "cpu": statistics.median(c for _, c in found),
                  "memory": memory[key]} for key, found in times.items()}


def table(title: str, figures: dict, pages: int | None, plain: dict | None) -> list[str]:
    lines = [f"\n{title}\n", "| source | run | wall s | CPU s | × plain (wall) | pages/s | peak memory, all processes (PSS MB) |",
             "|---|---|---|---|---|---|---|"]
    for (label, name), f in figures.items():
        ratio = f"{f['wall'] / plain[label]['wall']:.2f}" if plain else ""
        rate = f"{pages / f['wall']:.0f}" if pages else ""
        lines.append(f"| {label} | {name} | {f['wall']:.2f} | {f['cpu']:.2f} | {ratio} | {rate} | {f['memory']:.0f} |")
    return lines


#: Issue 11's targets for a cold compare: files -> at most this many times plain extraction.
TARGETS = {55: 2.2, 440: 1.5}


def verdicts(label: str, batches: dict[int, dict], start_up: dict) -> list[str]:
    """Each target, met or not, for one source."""
    found = []
    for files, figures in batches.items():
        plain, cold, warm = (figures[(label, n)] for n in ("plain", "cold", "warm"))
        ratio = cold["wall"] / plain["wall"]
        if files in TARGETS:
            found.append(f"{'met' if ratio <= TARGETS[files] else 'NOT met'}: cold compare of {files} files "
                         f"{ratio:.2f}× plain (≤ {TARGETS[files]}×)")
        if files <= 60:
            found.append(f"{'met' if warm['wall'] < 0.5 else 'NOT met'}: warm compare of {files} files {warm['wall']:.2f} s (< 0.5 s)")
        found.append(f"{'met' if cold['memory'] < 400 else 'NOT met'}: peak memory of {files} files {cold['memory']:.0f} MB (< 400 MB)")
    for name, limit in (("classify one letter", 1.0), ("--help", 0.3)):
        wall = start_up[(label, name)]["wall"]
        found.append(f"{'met' if wall < limit else 'NOT met'}: {name} {wall:.2f} s (< {limit} s)")
    return [f"{label}: {line}" for line in found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--files", type=int, action="append", help="batch sizes (repeatable; default 55 and 440)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="the src folder of another checkout, measured alternately")
    args = parser.parse_args()
    corpus = sorted(args.corpus.glob("*.pdf"))
    if not corpus:
        sys.exit(f"no PDFs in {args.corpus}")
    become_subreaper()
    sources = {"baseline": args.baseline.resolve(), "this": None} if args.baseline else {"this": None}
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"median of {args.repeat} runs, memory from one more")
    report, batches = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for files in args.files or [55, 440]:
            pdfs = copies(corpus, files, Path(tmp) / f"batch{files}")
            batches[files] = measure(batch_runs(pdfs[0].parent, pdfs, Path(tmp) / "cache.sqlite3", Path(tmp) / "out.csv"),
                                     sources, args.repeat, Path(tmp) / "cache.sqlite3")
            plain = {label: batches[files][(label, "plain")] for label in sources}
            report += table(f"{files} files, {pages_in(pdfs)} pages", batches[files], pages_in(pdfs), plain)
        start_up = measure(start_up_runs(), sources, args.repeat, Path(tmp) / "cache.sqlite3")
    report += table("start-up", start_up, None, None)
    print("\n".join(report))
    print()
    for label in sources:
        print("\n".join(verdicts(label, batches, start_up)))


if __name__ == "__main__":
    main()

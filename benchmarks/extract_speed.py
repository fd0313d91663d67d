"""Pages per second of `sendscan.extract` for each PDF engine.

    python benchmarks/extract_speed.py [PDF or DIR ...] [--repeat N]

Defaults to ../shared/corpus (the twenty real reports), else samples/. For each
engine it times the whole extract step (read, clean, structure) over every
file, best of N runs, beside the engine's bare text extraction of the same
pages, so the cost of structuring is visible. Not a test: run it by hand and
copy the figures into the README.
"""

from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path

import sendscan
from sendscan.read import ENGINES, discover

ROOT = Path(__file__).resolve().parents[1]


def pdfs(paths: list[str]) -> list[str]:
    found = [f for p in paths for f in discover(p)[0] if f.lower().endswith(".pdf")]
    return sorted(found)


def bare_text(files: list[str], engine: str) -> int:
    """Plain text extraction with the engine alone; returns the page count."""
    pages = 0
    if engine == "pypdfium2":
        import pypdfium2 as pdfium

        for f in files:
            pdf = pdfium.PdfDocument(f)
            for page in pdf:
                page.get_textpage().get_text_range()
                pages += 1
            pdf.close()
    else:
        import pdfplumber

        for f in files:
            with pdfplumber.open(f) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    pages += 1
    return pages


def full_extract(files: list[str], engine: str) -> int:
    return sum(sendscan.extract(f, engine=engine).pages for f in files)


def best_of(repeat: int, job, *args) -> tuple[float, int]:
    times, result = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = job(*args)
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    default = ROOT.parent / "shared" / "corpus"
    files = pdfs(args.paths or [str(default if default.exists() else ROOT / "samples")])
    print(f"{len(files)} PDFs; Python {platform.python_version()} on {platform.machine()}; best of {args.repeat}")
    print(f"{'engine':<11} {'step':<22} {'pages':>5} {'seconds':>8} {'pages/s':>8}")
    for engine in ENGINES:
        for label, job in (("bare text extraction", bare_text), ("sendscan extract", full_extract)):
            seconds, pages = best_of(args.repeat, job, files, engine)
            print(f"{engine:<11} {label:<22} {pages:>5} {seconds:>8.2f} {pages / seconds:>8.0f}")


if __name__ == "__main__":
    main()

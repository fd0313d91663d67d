"""Fuzz sendscan with thousands of mutated and hostile inputs.

    python benchmarks/fuzz.py [--cases N] [--seed S] [--limit SECONDS]

Each case is a sample document (PDF, HTML, text) or the shipped taxonomy,
damaged by a few random flips, insertions, deletions or a truncation, or a
hostile text or HTML page written from scratch. Documents go through
`sendscan.extract` and, one case in ten, `sendscan.classify` (tagging);
taxonomies through `sendscan.taxonomy.parse` and its pattern checks. A case
passes when it gives a result or one `SendscanError`; it is a crash when
anything else escapes (or the error is sendscan's "please report it"), and a
hang when it runs past the limit. The run is reproducible from its seed.
The README quotes the result; tests/test_fuzz.py runs a bounded version in CI.
"""

from __future__ import annotations

import argparse
import random
import signal
import tempfile
import time
from collections import Counter
from pathlib import Path

import sendscan
from sendscan.errors import SendscanError
from sendscan.taxonomy import default_path, parse

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
INSERTS = [b"\x00", b"\xff\xfe", b"%PDF-", b"<html>", b"[/]", b"NHS ", b"-\n" * 50, b"\r\n", b"&a ", b"*a ",
           b"{OP: '*'}", b"\x1b[31m", "é".encode("cp1252"), b"<p " + b"a=1 " * 500 + b">"]
HOSTILE = [
    lambda r: "Ofsted SEND\n" + "word-\n" * r.randint(100, 20000),
    lambda r: "NHS Ab " * r.randint(100, 8000),
    lambda r: "<html><body>" + "<table>" + "<tr><td>x</td></tr>" * r.randint(10, 5000) + "</table></body></html>",
    lambda r: "".join(chr(r.randint(1, 0x2FFF)) for _ in range(r.randint(1, 3000))),
    lambda r: "Area SEND inspection of " + "A " * r.randint(1, 5000) + "Local Area Partnership",
    lambda r: "[bold]" * r.randint(1, 500) + "[/]" * r.randint(1, 500),
]


class Hang(Exception):
    pass


def mutated(data: bytes, r: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(r.randint(1, 8)):
        at = r.randint(0, max(len(out) - 1, 0))
        action = r.choice(["flip", "insert", "delete", "truncate"])
        if action == "flip" and out:
            out[at] = r.randint(0, 255)
        elif action == "insert":
            out[at:at] = r.choice(INSERTS) if r.random() < 0.5 else r.randbytes(r.randint(1, 64))
        elif action == "delete":
            del out[at:at + r.randint(1, 2048)]
        else:
            del out[at:]
    return bytes(out)


def one_case(r: random.Random, folder: Path, documents: dict[str, bytes], taxonomy: bytes) -> str:
    """Run one case; returns its kind."""
    roll = r.random()
    if roll < 0.15:
        path = folder / "t.yaml"
        path.write_bytes(mutated(taxonomy, r))
        parse(path)
        return "taxonomy"
    if roll < 0.3:
        text = r.choice(HOSTILE)(r)
        path = folder / r.choice(["hostile.txt", "hostile.html"])
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        kind = "hostile text"
    else:
        name = r.choice(sorted(documents))
        path = folder / name
        path.write_bytes(mutated(documents[name], r))
        kind = f"mutated {Path(name).suffix[1:]}"
    try:
        sendscan.extract(str(path))
        if r.random() < 0.1:
            sendscan.classify(str(path), cache=False)
    except SendscanError as error:
        if "please report it" in error.message:
            raise RuntimeError(error.message) from None
    return kind


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--limit", type=float, default=10.0, help="seconds after which a case is a hang")
    args = parser.parse_args()
    r = random.Random(args.seed)
    documents = {p.name: p.read_bytes() for p in sorted(SAMPLES.iterdir()) if p.suffix in (".pdf", ".html", ".txt")}
    taxonomy = default_path().read_bytes()
    kinds, crashes, hangs, slowest = Counter(), [], [], (0.0, "")

    def alarm(*_):
        raise Hang()

    signal.signal(signal.SIGALRM, alarm)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for number in range(args.cases):
            case_started = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, args.limit)
            try:
                kinds[one_case(r, Path(tmp), documents, taxonomy)] += 1
            except Hang:
                hangs.append(number)
            except Exception as error:  # noqa: BLE001 - what the fuzzing is looking for
                crashes.append((number, f"{type(error).__name__}: {error}"[:200]))
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            took = time.perf_counter() - case_started
            slowest = max(slowest, (took, f"case {number}"))
    total = time.perf_counter() - started
    print(f"{args.cases} cases (seed {args.seed}) in {total:.0f} s: {len(crashes)} crashes, {len(hangs)} hangs "
          f"(over {args.limit:g} s); slowest case {slowest[0]:.2f} s")
    print("cases by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    for number, message in crashes[:20]:
        print(f"crash in case {number}: {message}")
    for number in hangs[:20]:
        print(f"hang in case {number}")


if __name__ == "__main__":
    main()

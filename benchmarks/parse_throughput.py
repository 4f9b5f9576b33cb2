"""How many texts per second ``regimen.parse`` reads on this machine.

    python benchmarks/parse_throughput.py [FILE.jsonl ...] [--repeats 20] [--strict]

Parses every text of the corpus files (default: tests/corpus/*.jsonl) once to
warm up, then ``--repeats`` times, each a timed pass over all texts, and prints
the median, min and max of texts/second over the passes. A text the parser
rejects, or fails on, counts as read (the time to reject it is part of the
pass), and the numbers of both are printed. Texts are
read leniently, as the evaluator reads them, unless ``--strict``. As with
``timeit``, the garbage collector is off during a pass.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shlex
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import regimen
from regimen.evaluate import parse_leniently

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "tests" / "corpus"


def corpus_texts(paths: Sequence[Path]) -> list[str]:
    texts = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def one_pass(read: Callable[[str], object], texts: Sequence[str]) -> tuple[float, int, int]:
    """Seconds to read every text once, how many texts the parser rejected
    (``ParseError``) and how many it failed on (any other exception)."""
    rejected = failed = 0
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        began = time.perf_counter()
        for text in texts:
            try:
                read(text)
            except regimen.ParseError:
                rejected += 1
            except Exception:
                failed += 1
        elapsed = time.perf_counter() - began
    finally:
        if gc_was_on:
            gc.enable()
    return elapsed, rejected, failed


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Texts per second of regimen.parse over corpora.")
    ap.add_argument("files", nargs="*", type=Path, metavar="FILE.jsonl",
                    help="corpus files (default: tests/corpus/*.jsonl)")
    ap.add_argument("--repeats", type=int, default=20, help="timed passes (default 20)")
    ap.add_argument("--strict", action="store_true",
                    help="time parse(text), not the lenient reading")
    args = ap.parse_args(argv)
    if args.repeats < 1:
        ap.error("--repeats must be 1 or more")
    paths = args.files or sorted(DEFAULT_CORPUS.glob("*.jsonl"))
    try:
        texts = corpus_texts(paths)
    except (OSError, UnicodeDecodeError, ValueError, KeyError) as err:
        print(f"parse_throughput: cannot read the corpus: {err}", file=sys.stderr)
        return 2
    if not texts:
        print("parse_throughput: no texts to parse", file=sys.stderr)
        return 2

    read: Callable[[str], object] = regimen.parse if args.strict else parse_leniently
    _, rejected, failed = one_pass(read, texts)  # warm-up: tables loaded, caches filled
    rates = [len(texts) / one_pass(read, texts)[0] for _ in range(args.repeats)]

    command = shlex.join([Path(sys.executable).name,
                          os.path.relpath(sys.argv[0]) if sys.argv[0] else "-",
                          *(sys.argv[1:] if argv is None else argv)])
    names = ", ".join(os.path.relpath(p) for p in paths)
    mode = "strict parse(text)" if args.strict else "lenient parse(text, strict=False)"
    print(f"command: {command}")
    print(f"python: {platform.python_implementation()} {platform.python_version()} "
          f"on {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs")
    print(f"corpus: {len(texts)} texts from {names}; rejected by the parser: {rejected}; "
          f"failed on (an exception other than ParseError): {failed}")
    print(f"mode: {mode}; {args.repeats} timed passes after one warm-up")
    print(f"texts/second: median {statistics.median(rates):,.0f} "
          f"(min {min(rates):,.0f}, max {max(rates):,.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

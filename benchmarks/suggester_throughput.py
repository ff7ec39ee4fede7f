"""Throughput of the quote suggester against the bare spaCy pipeline on the same texts.

    .venv/bin/python benchmarks/suggester_throughput.py [--texts DIR] [--repeat N]

Texts: PolNeAR dev (../shared/data/polnear/dev/text) when present, else the
project's fixtures. Prints tokens per second for the bare pipeline and the
full suggester, and their ratio, with one and with two processes.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotations.nlp import COMPONENT_NAME, DEFAULT_MODELS, load_pipeline  # noqa: E402
from annotations.nlp.component import PARAGRAPHS_NAME  # noqa: E402

POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"


def read_texts(folder: Path | None) -> tuple[str, list[str]]:
    for candidate in (folder, POLNEAR_DEV, ROOT / "fixtures"):
        if candidate is not None and candidate.is_dir():
            texts = [path.read_text(encoding="utf-8") for path in sorted(candidate.glob("*.txt"))]
            if texts:
                return str(candidate), texts
    raise SystemExit("no .txt files found: pass --texts DIR")


def timed(run: Callable[[], int]) -> tuple[float, int]:
    started = time.perf_counter()
    tokens = run()
    return time.perf_counter() - started, tokens


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=Path, help="folder of .txt files")
    parser.add_argument("--repeat", type=int, default=1, help="times to run over the texts")
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()

    source, texts = read_texts(args.texts)
    texts = texts * args.repeat
    nlp = load_pipeline(DEFAULT_MODELS)
    print(f"{len(texts)} texts from {source}; model {nlp.meta['name']} {nlp.meta['version']}")

    # The model as shipped: neither of the components load_pipeline adds.
    ours = [name for name in (COMPONENT_NAME, PARAGRAPHS_NAME) if name in nlp.pipe_names]

    def bare(n_process: int) -> int:
        with nlp.select_pipes(disable=ours):
            return sum(len(doc) for doc in nlp.pipe(texts, batch_size=args.batch_size, n_process=n_process))

    def suggester(n_process: int) -> int:
        total = 0
        for doc in nlp.pipe(texts, batch_size=args.batch_size, n_process=n_process):
            total += len(doc)
            # Read every suggestion, as the storing code does.
            for quote in doc.spans["quotes"]:
                _ = (quote._.content_parts, quote._.cue, quote._.speaker, quote._.speaker_name)
        return total

    bare(1)  # warm-up: first batches pay for lazy initialisation
    for n_process in (1, 2):
        # Alternate the two and keep each one's best time: the machine's noise is larger than the gap.
        bare_times, full_times = [], []
        for _ in range(2):
            seconds, tokens = timed(lambda n=n_process: bare(n))
            bare_times.append(seconds)
            full_times.append(timed(lambda n=n_process: suggester(n))[0])
        bare_seconds, full_seconds = min(bare_times), min(full_times)
        bare_rate, full_rate = tokens / bare_seconds, tokens / full_seconds
        print(
            f"n_process={n_process}: bare {bare_rate:,.0f} tokens/s, suggester {full_rate:,.0f} tokens/s, "
            f"ratio {100 * full_rate / bare_rate:.1f}%"
        )


if __name__ == "__main__":
    main()

"""Build the fixed background word table the rewrite linker weighs words by (newsgraph/data/background_df.tsv.gz).

Document frequencies of content words over public news text available beside the project: the
PolNeAR political news articles (2015-16, seven US outlets) and the CoNLL-2003 Reuters documents
(1996-97). The table ships with the package, so a pair's score never depends on what else a store
holds. Words seen in fewer than two documents are left out (the linker treats an unseen word as rare).

    python bench/build_background.py [--data ../shared/data] [--out src/newsgraph/data/background_df.tsv.gz]
"""

from __future__ import annotations

import argparse
import gzip
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from newsgraph.link.text import content_words

ROOT = Path(__file__).resolve().parents[1]


def polnear(data: Path) -> Iterator[str]:
    for path in sorted((data / "polnear").glob("*/text/*.txt")):
        yield path.read_text("utf-8", errors="replace")


def conll(data: Path) -> Iterator[str]:
    for name in ("train.txt", "dev.txt"):
        words: list[str] = []
        for line in (data / "conll2003" / name).read_text("utf-8").splitlines():
            if line.startswith("-DOCSTART-"):
                if words:
                    yield " ".join(words)
                words = []
            elif line.strip():
                words.append(line.split(" ")[0])
        if words:
            yield " ".join(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "newsgraph" / "data" / "background_df.tsv.gz")
    args = parser.parse_args()
    df: Counter[str] = Counter()
    docs = 0
    for text in (*polnear(args.data), *conll(args.data)):
        df.update(content_words(text).keys())
        docs += 1
    lines = [f"#documents\t{docs}", "#source\tPolNeAR train+dev texts, CoNLL-2003 train+dev documents"]
    lines += [f"{word}\t{n}" for word, n in sorted(df.items()) if n >= 2]
    with gzip.GzipFile(args.out, "wb", mtime=0) as out:  # mtime 0: the same input gives the same bytes
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"{docs} documents, {len(lines) - 2} words -> {args.out}")


if __name__ == "__main__":
    main()

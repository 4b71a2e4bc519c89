"""The attribution benchmark's agreement check on a hand-made two-annotator article."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import attribution as bench  # noqa: E402

TEXT = "Smith said the plan would work. Jones thinks it fails."


def _ann(*events: tuple[str, str, str]) -> str:
    """BRAT lines for attributions given as (source, cue, content) strings of TEXT."""
    lines, n = [], 0
    for number, (source, cue, content) in enumerate(events, start=1):
        ids = []
        for label, words in (("Source", source), ("Cue", cue), ("Content", content)):
            n += 1
            start = TEXT.index(words)
            lines.append(f"T{n}\t{label} {start} {start + len(words)}\t{words}")
            ids.append(f"{label}:T{n}")
        n += 1
        start = TEXT.index(cue)
        lines.append(f"T{n}\tAttribution {start} {start + len(cue)}\t{cue}")
        lines.append(f"E{number}\tAttribution:T{n} " + " ".join(ids))
    return "\n".join(lines) + "\n"


def _corpus(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "article.txt").write_text(TEXT)
    both = [("Smith", "said", "the plan would work"), ("Jones", "thinks", "it fails")]
    (root / "attributions" / "article_a1.ann").write_text(_ann(*both))
    (root / "attributions" / "article_a2.ann").write_text(_ann(both[0]))
    (root / "attributions" / "other_a1.ann").write_text("")
    (root / "text" / "other.txt").write_text("Nothing here.")
    return root


def test_shared_articles_are_the_ones_several_annotators_did(tmp_path: Path) -> None:
    assert bench.shared_articles(_corpus(tmp_path)) == {"article"}


def test_agreement_scores_annotators_pairwise_and_a_system_against_each(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    first = next(d for d in bench.load_split(root, every_annotation=True) if d.name == "article")
    report = bench.agreement(root, {"copy": lambda doc, text: first.gold})
    rows: dict[str, str] = {}
    for line in report.splitlines():
        if line.startswith("| "):
            key = line.split(" | ")[0].strip("| ")
            rows[key if key not in rows else key + " (same cue)"] = line
    # annotator 2 marked one of annotator 1's two cues: exact F1 2/3 on every span
    assert rows["another annotator"].count("0.667 (") == 3
    # annotator 1's attributions against both annotations: 3 matches, 1 extra: F1 6/7
    assert rows["copy (vs each annotator)"].count("0.857 (") == 3
    assert rows["cue spans"].endswith("| 0 | 0 | 1 | 0 | 0 | 1 |")  # "thinks" by 1 of 2, "said" by 2 of 2
    assert rows["found by copy"].endswith("| 0 | 0 | 1 (100%) | 0 | 0 | 1 (100%) |")
    # where both sides mark the same cue, content and source agree here: 1 shared pair, 3 for the system
    assert rows["another annotator (same cue)"] == "| another annotator | 1 | 1.000 | 1.000 |"
    assert rows["copy"] == "| copy | 3 | 1.000 | 1.000 |"

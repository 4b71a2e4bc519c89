"""Citations: the outlets a text credits, with the cue and where."""

from __future__ import annotations

from newsgraph.extract.citations import canonical_outlet, find_citations


def test_cues_and_offsets() -> None:
    text = ("TEHRAN (Reuters) - Iran fired missiles, the semi-official Tasnim news agency reported. "
            "A senior official told Reuters the talks were off, according to a report by the AP. "
            "The death was first reported by TMZ. His brother, Mark Smith, told reporters he was sad.")
    found = find_citations(text)
    got = [(c.outlet, c.cue, c.first) for c in found]
    assert got == [("Reuters", "dateline", False), ("Tasnim", "reported", False), ("Reuters", "told", False),
                   ("Associated Press", "according to", False), ("TMZ", "first reported", True)]
    assert all(text[c.start:c.end] == c.text for c in found)
    assert text[found[1].start:found[1].end] == "Tasnim"


def test_dateline_kept_in_metadata_and_unknown_names() -> None:
    found = find_citations("The plan was agreed.", dateline_source="Reuters", dateline="BAGHDAD")
    assert [(c.outlet, c.cue, c.context, c.start, c.end) for c in found] == [
        ("Reuters", "dateline", "BAGHDAD (Reuters)", 0, 0)]
    assert canonical_outlet("the Kyiv Independent News") == "Kyiv Independent News"
    assert canonical_outlet("John Smith") is None
    assert find_citations("Smith said, according to Jones.") == []


def test_interviews_and_quoting_outlets_are_credits() -> None:
    text = ("The deal was agreed, according to informed sources who spoke with Reuters. "
            "\u201cWe have an agreement,\u201d Reuters quotes a senior official. "
            "The minister said in an interview with the BBC that talks would go on. "
            "Her aide spoke with reporters.")
    found = find_citations(text)
    assert [(c.outlet, c.cue) for c in found] == [("Reuters", "told"), ("Reuters", "reported"), ("BBC", "told")]
    assert all(text[c.start:c.end] == c.text for c in found)

"""The text cleaner on small hand-made scraped pages."""

from newsgraph.clean.text import _best_run, clean_text

PROSE = [
    "The council voted on Tuesday to close the old bridge to heavy traffic for two years.",
    "Engineers said the steel supports had corroded faster than anyone had expected last spring.",
    "The mayor said repairs would begin in March and cost about four million dollars in total.",
]


def test_best_run_finds_the_heaviest_segment():
    assert _best_run([-5, 10, -2, 8, -20, 3]) == (1, 3)
    assert _best_run([-1, -2]) == (0, -1)


def test_menu_before_and_teasers_after_are_not_body():
    lines = ["Home", "News", "Sports", "Weather", "Bridge to close for repairs", *PROSE,
             "Related Articles", "Storm knocks out power", "Schools reopen Monday", "Share", "Back to top"]
    result = clean_text("\n".join(lines))
    assert result.paragraphs == PROSE
    reasons = {r.text: r.reason for r in result.removed}
    assert reasons["Related Articles"] == "related"
    assert reasons["Back to top"] == "navigation"


def test_a_distant_teaser_sentence_stays_out_of_the_body():
    menu = ["Section"] * 8
    teaser = "A different story about a school fundraiser raised money for new books this week."
    result = clean_text("\n".join([teaser, *menu, *PROSE]))
    assert result.paragraphs == PROSE


def test_readers_comments_end_the_body():
    comments = ["3 Comments", "jsmith says:", "November 19, 2019 at 6:34 am",
                "I drive over that bridge every day and it has been shaking for years now."]
    result = clean_text("\n".join([*PROSE, *comments]))
    assert result.paragraphs == PROSE


def test_short_line_inside_the_article_is_kept():
    lines = [PROSE[0], PROSE[1], "What happens next", PROSE[2]]
    assert clean_text("\n".join(lines)).paragraphs == lines


def test_header_lines_are_parsed():
    lines = ["Local", "Bridge to Close for Two Years After Inspection", "By Jane Doe", *PROSE]
    result = clean_text("\n".join(lines))
    assert result.header.headline == "Bridge to Close for Two Years After Inspection"
    assert result.header.authors == ["Jane Doe"]
    assert result.paragraphs == PROSE


def test_hard_wrapped_paragraphs_are_joined_and_line_per_paragraph_is_kept():
    wrapped = [
        "The council voted on Tuesday to close the old bridge to heavy traffic",
        "for two years, after engineers said the steel supports had corroded",
        "faster than anyone had expected when they last looked in the spring.",
        "",
        "The mayor said repairs would begin in March and would cost about four",
        "million dollars, most of it paid by the state and the rest by the city.",
    ]
    paragraphs = clean_text("\n".join(wrapped)).paragraphs
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("The council") and paragraphs[0].endswith("in the spring.")
    headline_like = ["A HEADLINE IN CAPITALS WITHOUT ANY PUNCTUATION AT THE END OF IT", *PROSE]
    assert clean_text("\n".join(headline_like)).paragraphs[-3:] == PROSE

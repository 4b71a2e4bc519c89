"""The HTML path: visible text, block merging, furniture and headline dropping, metadata."""

from newsgraph.clean.content import clean_html
from newsgraph.clean.html import _drop_furniture, merge_candidates, visible_lines
from newsgraph.clean.page_meta import page_metadata

PARAS = [
    "The council voted on Tuesday to close the old bridge to heavy traffic for two years.",
    "Engineers said the steel supports had corroded faster than anyone had expected last spring.",
    "The mayor said repairs would begin in March and cost about four million dollars in total.",
    "Residents will be able to cross on foot while the work goes on, the city said in a statement.",
]

PAGE = f"""<html><head><title>Bridge to close | Daily Example</title>
<meta property="og:title" content="Bridge to close for two years">
<meta property="og:site_name" content="Daily Example">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2019-11-19T08:00:00Z">
<script>var x = "not visible";</script></head>
<body><nav><a href="/">Home</a><a href="/news">News</a></nav>
<article><h1>Bridge to close for two years</h1>
{"".join(f"<p>{p}</p>" for p in PARAS)}
<p>Share this:</p></article>
<footer><p>Leave a Reply</p><p>Copyright 2019 Daily Example</p></footer></body></html>"""


def test_visible_lines_are_blocks_in_order_without_scripts():
    lines = visible_lines("<body><p>One <b>bold</b> word</p><div>Two</div><script>x()</script></body>")
    assert lines == ["One bold word", "Two"]


def test_merge_cuts_recall_blocks_to_the_span_both_agree_on():
    recall = ["Teaser headline", *PARAS, "More from us"]
    precision = [PARAS[0], PARAS[3]]
    assert merge_candidates(recall, precision) == PARAS
    # a stricter extraction that kept almost nothing is not trusted
    assert merge_candidates(recall, ["More from us"]) == recall


def test_drop_furniture_removes_an_opening_byline_and_date():
    blocks = ["By Jane Doe", "November 19, 2019", *PARAS]
    assert _drop_furniture(blocks, None) == PARAS


def test_drop_furniture_removes_headline_and_stops_at_comments():
    blocks = ["Bridge to close for two years", *PARAS, "Share this:", "Leave a Reply", "Great article!"]
    assert _drop_furniture(blocks, "Bridge to close for two years | Daily Example") == PARAS


def test_page_metadata_reads_meta_tags():
    import lxml.html

    meta = page_metadata(lxml.html.fromstring(PAGE))
    assert meta.title == "Bridge to close for two years"
    assert meta.author == "Jane Doe"
    assert meta.sitename == "Daily Example"
    assert meta.date.startswith("2019-11-19")


def test_clean_html_body_is_paragraphs_joined_by_blank_lines():
    cleaned = clean_html(PAGE)
    assert cleaned.body == "\n\n".join(PARAS)
    assert cleaned.metadata.headline == "Bridge to close for two years"
    assert cleaned.metadata.authors == ["Jane Doe"]
    removed = {r.text for r in cleaned.removed}
    assert "Leave a Reply" in removed and "Share this:" in removed


def test_page_metadata_prefers_json_ld_article_fields():
    import lxml.html

    page = """<html><head><title>Site</title>
    <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
      {"@type": "WebSite", "name": "Daily Example"},
      {"@type": "NewsArticle", "headline": "Council closes bridge", "datePublished": "2019-11-19",
       "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}],
       "publisher": {"@type": "Organization", "name": "Daily Example"}}]}</script>
    <link rel="canonical" href="https://example.com/bridge"></head><body><h1>Other</h1></body></html>"""
    meta = page_metadata(lxml.html.fromstring(page))
    assert (meta.title, meta.date, meta.author) == ("Council closes bridge", "2019-11-19", "Jane Doe; John Roe")
    assert meta.sitename == "Daily Example" and meta.url == "https://example.com/bridge"


def test_prose_share_tells_menus_from_articles():
    from newsgraph.clean.html import prose_share

    assert prose_share(PARAS) == 1.0
    assert prose_share(["Home", "News", "Sports", "Weather", "Contact us"]) == 0.0
    assert prose_share([]) == 0.0


def test_pages_without_text_give_an_empty_body():
    for html in ("", "<html></html>", "<html><body><script>x()</script></body></html>"):
        assert clean_html(html).body == ""


def test_page_metadata_falls_back_to_page_dates_bylines_and_the_domain():
    import lxml.html

    page = """<html><head><meta property="article:published_time" content="0001-01-01T00:00:00Z"></head>
    <body><h1>Council closes bridge</h1><span class="byline">By Jane Doe</span>
    <time datetime="2019-11-19">November 19, 2019</time><p>Text.</p></body></html>"""
    meta = page_metadata(lxml.html.fromstring(page), "https://www.example.com/2019/11/19/bridge")
    assert meta.date.startswith("2019-11-19")
    assert meta.author == "By Jane Doe"
    assert meta.sitename == "example.com"


def test_marked_up_bylines_are_whole_class_tokens_or_author_markup_in_page_order():
    import lxml.html

    page = """<html><body><h1>Council closes bridge</h1>
    <div class="bylines-widget">Most read stories of the week</div>
    <div class="author-box"><p>About our writers</p></div>
    <p class="post byline"><a rel="author">By Jane Doe</a></p></body></html>"""
    # "bylines-widget" is not the class token "byline", "author-box" is not an author name class:
    # the first marked-up byline is the paragraph (before the link inside it)
    assert page_metadata(lxml.html.fromstring(page)).author == "By Jane Doe"
    page = page.replace('class="post byline"', 'class="post"').replace('"author-box"', '"author__name"')
    assert page_metadata(lxml.html.fromstring(page)).author == "About our writers"


def test_visible_lines_keep_the_text_after_dropped_elements():
    html = "<body><p>Before<script>x()</script> after <style>p{}</style>end</p><noscript>No JS</noscript>tail</body>"
    assert visible_lines(html) == ["Before after end", "tail"]


def test_line_breaks_around_blocks_and_none_inside_inline_elements():
    html = "<body><div>One<p>Two</p>Three<br>Four <em>five</em> six<ul><li>Seven</li></ul></div><!-- no --></body>"
    assert visible_lines(html) == ["One", "Two", "Three", "Four five six", "Seven"]


def test_pages_with_forms_and_inputs_extract_as_before():
    # form, input and label elements are plain lxml.html elements in our trees
    page = PAGE.replace("<nav>", '<form action="/s"><label for="q">Search</label><input id="q" name="q"></form><nav>')
    cleaned = clean_html(page)
    assert cleaned.body == "\n\n".join(PARAS)
    assert "Search" in {r.text for r in cleaned.removed}


def test_a_root_attribute_lxml_cannot_read_back_leaves_the_page_readable():
    cleaned = clean_html(PAGE.replace("<html>", "<html {x}=1 lang=en>"))
    assert cleaned.body == "\n\n".join(PARAS)


def test_visible_lines_of_a_fragment_with_control_characters():
    # lxml refuses control characters in text it is given: the lines are read without editing the tree
    assert visible_lines("<p>one\x0ctwo</p><p>three</p>") == ["one two", "three"]

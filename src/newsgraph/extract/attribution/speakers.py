"""Who a source phrase is: a linked entity, an unnamed descriptor, or a pronoun resolved to an
earlier speaker or person."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.lexicon import word_list
from newsgraph.nlp import doc_text
from newsgraph.records import Entity, Speaker

_PERSONAL = frozenset({"he", "she", "him", "her"})
_PLURAL = frozenset({"they", "them", "we"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_SPEAKING_TYPES = ("PERSON", "ORG", "NORP", "PLACE")


@dataclass(frozen=True)
class MentionIndex:
    """Entity mentions sorted by start, for lookups by character offset."""

    starts: list[int]
    rows: list[tuple[int, int, Entity]]

    @classmethod
    def build(cls, entities: list[Entity]) -> MentionIndex:
        rows = sorted(((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda r: r[0])
        return cls([r[0] for r in rows], rows)

    def at(self, offset: int) -> Entity | None:
        """The entity whose mention covers ``offset``."""
        i = bisect.bisect_right(self.starts, offset) - 1
        for j in range(i, max(i - 3, -1), -1):  # mentions barely overlap: a few steps back suffice
            start, end, entity = self.rows[j]
            if start <= offset < end:
                return entity
        return None

    def persons_before(self, offset: int, skip: list[tuple[int, int]]) -> tuple[int, Entity] | None:
        """The last PERSON mention before ``offset`` that is not inside a quotation."""
        i = bisect.bisect_left(self.starts, offset) - 1
        while i >= 0:
            start, _end, entity = self.rows[i]
            if entity.type == "PERSON" and not any(a <= start < b for a, b in skip):
                return start, entity
            i -= 1
        return None


def phrase_head(doc: Doc, tokens: list[int]) -> Token:
    """The token of the phrase whose head lies outside it."""
    inside = set(tokens)
    for i in tokens:
        if doc[i].head.i not in inside or doc[i].head.i == i:
            return doc[i]
    return doc[tokens[0]]


def is_anonymous_head(head: Token, entity: Entity | None) -> bool:
    """A descriptor such as "a senior official" or "sources": a person noun with no name."""
    return entity is None and head.lower_ in word_list("anonymous_descriptors.txt")


def _speaker_span(doc: Doc, tokens: list[int]) -> tuple[int, int, str]:
    start, last = doc[tokens[0]].idx, doc[tokens[-1]]
    end = last.idx + len(last.text)
    return start, end, doc_text(doc)[start:end]


def _entity_of(doc: Doc, head: Token, tokens: list[int], index: MentionIndex) -> Entity | None:
    """The one entity the phrase names; none for "Joe Biden and Mohammed Shia al-Sudani", two
    speakers that no single entity stands for."""
    entity = index.at(head.idx)
    if entity is None or entity.type not in _SPEAKING_TYPES:
        return None
    inside = set(tokens)
    joined = [c for c in head.children if c.dep_ == "conj"] + \
        [c for c in head.head.children if c.dep_ == head.dep_ and c.i != head.i and c.dep_.startswith("nsubj")]
    others = [index.at(c.idx) for c in joined if c.i in inside]
    if any(other is not None and other is not entity for other in others):
        return None
    return entity


def describe(doc: Doc, tokens: list[int], index: MentionIndex) -> Speaker:
    """A Speaker for a source phrase, before pronoun resolution."""
    start, end, text = _speaker_span(doc, tokens)
    head = phrase_head(doc, tokens)
    entity = _entity_of(doc, head, tokens, index)
    return Speaker(start=start, end=end, text=text, entity_id=entity.id if entity else None,
                   name=entity.name if entity else None, anonymous=is_anonymous_head(head, entity))


_QUANTITY_HEADS = frozenset({"hundreds", "thousands", "millions", "dozens", "scores", "tens", "billions"})


def is_speaker_phrase(doc: Doc, tokens: list[int], content: list[tuple[int, int]]) -> bool:
    """Whether a source phrase can be a speaker: a person, a body, a group, a document or a pronoun,
    never a quantity ("hundreds of troops"), an event or a plan ("not_speakers.txt"), nor words of the
    content itself."""
    start, end, _ = _speaker_span(doc, tokens)
    if any(a < end and start < b for a, b in content):
        return False
    head = phrase_head(doc, tokens)
    if head.pos_ == "NUM" or head.like_num or head.lower_ in _QUANTITY_HEADS:
        return _people_counted(head)  # "dozens of residents" speak, "hundreds of troops [leave]" do not
    if head.pos_ in ("VERB", "AUX", "ADV", "ADP", "SCONJ", "PUNCT"):
        return False
    return head.lemma_.lower() not in word_list("not_speakers.txt") or head.ent_type_ in ("PERSON", "ORG")


def _people_counted(quantity: Token) -> bool:
    """ "dozens of residents", "two of the officials": the quantity counts people who speak."""
    of = next((c for c in quantity.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if counted is None:
        return False
    lemma = counted.lemma_.lower()
    return counted.lower_ in word_list("anonymous_descriptors.txt") or lemma in _SPEAKING_NOUNS or \
        counted.ent_type_ in ("PERSON", "ORG", "NORP")


_SPEAKING_NOUNS = frozenset({"resident", "protester", "protestor", "voter", "worker", "student", "parent", "teacher",
                             "doctor", "nurse", "lawmaker", "senator", "official", "expert", "economist", "analyst",
                             "witness", "demonstrator", "supporter", "critic", "employee", "member", "leader"})


def is_pronoun(doc: Doc, tokens: list[int]) -> bool:
    return len(tokens) == 1 and doc[tokens[0]].lower_ in _PERSONAL | _PLURAL | _RELATIVE


@dataclass
class Earlier:
    """A speaker already found, with where it sits and whether it is plural."""

    position: int
    speaker: Speaker
    plural: bool
    person: bool


def resolve(doc: Doc, tokens: list[int], index: MentionIndex, earlier: list[Earlier],
            quoted: list[tuple[int, int]]) -> Speaker:
    """A pronoun source resolved to the last fitting speaker or person before it."""
    token = doc[tokens[0]]
    base = describe(doc, tokens, index)
    lower = token.lower_
    if lower in _RELATIVE:
        target = _relative_antecedent(token)
        if target is None:
            return base
        antecedent = describe(doc, [t.i for t in target.subtree if t.i <= target.i] or [target.i], index)
        return _adopt(base, antecedent, lower)
    if lower == "we":  # outside quotation marks "we" is the writer or the newsroom, no earlier speaker
        return base
    candidates: list[tuple[int, Speaker]] = []
    plural = lower in _PLURAL
    for item in earlier:
        if item.position < token.idx and item.plural == plural and (plural or item.person):
            candidates.append((item.position, item.speaker))
    if not plural:
        person = index.persons_before(token.idx, quoted)
        if person is not None:
            pos, entity = person
            candidates.append((pos, Speaker(start=pos, end=pos, text=entity.name, entity_id=entity.id,
                                            name=entity.name)))
    if not candidates:
        return base
    return _adopt(base, max(candidates, key=lambda c: c[0])[1], lower)


_ORG_NOUNS = frozenset({
    "agency", "group", "company", "firm", "station", "brokerage", "bank", "ministry", "department", "office", "union",
    "team", "club", "network", "newspaper", "paper", "outlet", "organization", "organisation", "body", "committee",
    "council", "commission", "government", "administration", "movement", "party", "militia", "carrier", "airline",
    "automaker", "retailer", "manufacturer", "maker", "insurer", "lender", "broker", "broadcaster", "channel",
    "court", "board", "bureau", "institute", "university", "school", "hospital", "district", "city", "county",
    "state", "embassy", "force", "army", "military", "police", "regulator", "watchdog", "startup"})
_GENERIC_MODIFIERS = frozenset({"the", "former", "senior", "top", "new", "then", "current", "acting", "longtime",
                                "this", "that", "same", "other", "another", "a", "an"})
_DESCRIPTOR_REACH = 1500  # characters back an organization's name may be to stand for "the agency"


def resolve_descriptor(doc: Doc, tokens: list[int], speaker: Speaker, index: MentionIndex,
                       earlier: list[Earlier]) -> Speaker:
    """ "the Iraqi official", "the adviser", "the space agency": a definite descriptor that names no one
    stands for a named person or body introduced earlier when the text supports it: a person whose
    role shares the descriptor's noun or a modifier ("Farhad Alaaldin, a foreign affairs adviser to
    the Iraqi prime minister" for "the Iraqi official"), or, for a body ("the agency", "the
    brokerage"), the organization named last, not far before, whose name or role holds the noun.
    Otherwise the descriptor stays as it is."""
    if speaker.entity_id is not None or doc[tokens[0]].lower_ != "the":
        return speaker
    head = phrase_head(doc, tokens)
    if head.pos_ not in ("NOUN",) or head.tag_ in ("NNS", "NNPS"):
        return speaker
    lemma = head.lemma_.lower()
    if any(e.speaker.anonymous and lemma in e.speaker.text.lower() for e in earlier):
        return speaker  # "a senior official said ... the official added": the same unnamed source
    modifiers = {doc[i].lower_ for i in tokens if i < head.i} - _GENERIC_MODIFIERS
    person = lemma in word_list("anonymous_descriptors.txt") or lemma in word_list("titles.txt")
    entity = _role_match(index, speaker.start, lemma, modifiers) if person else \
        _last_org(index, speaker.start, lemma) or _last_speaking_org(index, speaker.start, earlier) \
        if lemma in _ORG_NOUNS else None
    if entity is None:
        return speaker
    return speaker.model_copy(update={"entity_id": entity.id, "name": entity.name, "anonymous": False,
                                      "resolved_from": speaker.text})


def _role_match(index: MentionIndex, before: int, noun: str, modifiers: set[str]) -> Entity | None:
    """The person named last before ``before`` whose role holds the noun, or the person named last
    when a modifier of the descriptor is in that person's role ("Iraqi")."""
    i = bisect.bisect_left(index.starts, before) - 1
    last = True
    while i >= 0:
        entity = index.rows[i][2]
        if entity.type == "PERSON":
            role = set((entity.role or "").lower().replace(",", " ").split())
            if noun in role or (last and modifiers & role):
                return entity
            last = False
        i -= 1
    return None


def _last_org(index: MentionIndex, before: int, noun: str) -> Entity | None:
    """The organization named last before ``before``, not far, whose name or role holds the noun
    ("Kuwait News Agency" for "the agency")."""
    i = bisect.bisect_left(index.starts, before) - 1
    while i >= 0 and index.rows[i][0] >= before - _DESCRIPTOR_REACH:
        entity = index.rows[i][2]
        words = set(f"{entity.name} {entity.role or ''}".lower().split())
        if entity.type == "ORG" and noun in words:
            return entity
        i -= 1
    return None


def _last_speaking_org(index: MentionIndex, before: int, earlier: list[Earlier]) -> Entity | None:
    """The named organization that spoke last, not far before ("NASA said ... the space agency said")."""
    for item in reversed(earlier):
        if item.position < before - _DESCRIPTOR_REACH:
            return None
        if item.speaker.entity_id is not None and not item.speaker.anonymous:
            entity = next((row[2] for row in index.rows if row[2].id == item.speaker.entity_id), None)
            return entity if entity is not None and entity.type == "ORG" else None
    return None


def _relative_antecedent(token: Token) -> Token | None:
    verb = token.head
    if verb.dep_ == "relcl" and verb.head is not verb:
        return verb.head
    return None


def _adopt(base: Speaker, antecedent: Speaker, pronoun: str) -> Speaker:
    name = antecedent.name or antecedent.text
    return base.model_copy(update={"entity_id": antecedent.entity_id, "name": name,
                                   "anonymous": antecedent.anonymous, "resolved_from": pronoun})


def earlier_entry(doc: Doc, tokens: list[int], speaker: Speaker, index: MentionIndex) -> Earlier:
    head = phrase_head(doc, tokens)
    entity = index.at(head.idx) if speaker.entity_id else None
    person = (entity is not None and entity.type == "PERSON") or (speaker.anonymous and head.tag_ == "NN")
    if speaker.resolved_from in _PERSONAL:
        person = True
    plural = head.tag_ in ("NNS", "NNPS") or head.lower_ in _PLURAL or (entity is not None and entity.type == "ORG")
    return Earlier(speaker.start, speaker, plural, person)

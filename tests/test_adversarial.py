"""``qa.training.adversarial``: each kind on handmade SQuAD-like examples (real spaCy, a few seconds)."""

import re
from types import SimpleNamespace

import pytest

from qa.training.adversarial import DEFAULT_KINDS, add_adversarial, adversarial_records, check_kinds, inflect, load_nlp
from qa.training.data import SquadExample

spacy = pytest.importorskip("spacy")

BROOK = ("Helen Brook was born in Leeds in 1901. She founded the Northern Glass Company in 1925 with her brother. "
         "The company built a large factory in Bradford, which employed 300 workers trained by local engineers. "
         "In 1931 Helen Brook supported the new trade law, and the factory won a national prize in 1934.")
HARBOUR = ("The Harbour Museum opened in Porto in 1980. Its first director, Ana Silva, collected old maps of "
           "the coast. The museum was enlarged by the architect Pedro Costa.")
BANK = ("Grant Hill Bank moved its headquarters to Glasgow in 1990. The chairman, Robert Kerr, signed the lease. "
        "The bank later opened offices in Dundee and Aberdeen, and it employed 40 engineers there.")
RIVER = ("The River Trust was created in Cardiff by Owen Price. The trust cleans the river every spring. "
         "Volunteers from Swansea joined the project in 2001.")
CHOIR = ("The Lakeside Choir was founded in Geneva by Clara Weiss. The choir toured Vienna and Prague. "
         "Its concerts were broadcast by Radio Suisse Romande.")


def _ex(qid, title, question, context, answer):
    return SquadExample(qid, title, question, context, context.index(answer), answer)


EXAMPLES = [
    _ex("b1", "Helen_Brook", "When was Helen Brook born?", BROOK, "1901"),
    _ex("b2", "Helen_Brook", "Who supported the new trade law in 1931?", BROOK, "Helen Brook"),
    _ex("b3", "Helen_Brook", "How many workers did the factory in Bradford employ?", BROOK, "300"),
    _ex("b4", "Helen_Brook", "What did the factory in Bradford win in 1934?", BROOK, "a national prize"),
    _ex("b5", "Helen_Brook", "In what year was the Northern Glass Company founded?", BROOK, "1925"),
    _ex("h1", "Harbour_Museum", "Who was the first director of the Harbour Museum in Porto?", HARBOUR, "Ana Silva"),
    _ex("h2", "Harbour_Museum", "Where did the Harbour Museum open?", HARBOUR, "Porto"),
    _ex("h3", "Harbour_Museum", "Which architect enlarged the Harbour Museum?", HARBOUR, "Pedro Costa"),
    _ex("g1", "Grant_Hill_Bank", "Where did Grant Hill Bank move its headquarters?", BANK, "Glasgow"),
    _ex("g2", "Grant_Hill_Bank", "Who signed the lease for Grant Hill Bank?", BANK, "Robert Kerr"),
    _ex("g3", "Grant_Hill_Bank", "In which cities did Grant Hill Bank open offices?", BANK, "Dundee and Aberdeen"),
    # "how many engineers" is asked with "employ" here: the data's own questions tell adv_count what is counted
    _ex("g4", "Grant_Hill_Bank", "How many engineers did the bank employ?", BANK, "40"),
    _ex("r1", "River_Trust", "Who created the River Trust in Cardiff?", RIVER, "Owen Price"),
    _ex("r2", "River_Trust", "When did volunteers from Swansea join?", RIVER, "2001"),
    _ex("c1", "Lakeside_Choir", "Who founded the Lakeside Choir in Geneva?", CHOIR, "Clara Weiss"),
    _ex("c2", "Lakeside_Choir", "Which cities did the Lakeside Choir tour?", CHOIR, "Vienna and Prague"),
]


@pytest.fixture(scope="module")
def nlp():
    try:
        return load_nlp()
    except ImportError as e:
        pytest.skip(str(e))


def _records(nlp, kind, seed=7):
    recs = adversarial_records(EXAMPLES, 1.0, seed, kinds=(kind,), nlp=nlp)
    assert recs and all(r.example.kind == kind for r in recs)
    return {r.example.qid.split("_")[0]: r for r in recs}


def _words(text):
    return {w.lower() for w in re.findall(r"\w+", text)}


def _check_near_miss(rec, source):
    ex = rec.example
    assert ex.answer_start == -1 and ex.answer_text == "" and ex.context == source.context
    assert ex.title == source.title and ex.question != source.question and rec.original_question == source.question
    assert ex.qid == f"{source.qid}_{ex.kind}"


def _source(qid):
    return next(e for e in EXAMPLES if e.qid == qid)


@pytest.mark.parametrize("kind,qid,old,new", [
    ("adv_attribute", "b1", "born", "died"),  # "When was Helen Brook born?" -> "When did Helen Brook die?"
    ("adv_attribute", "b5", "founded", "dissolved"),
    ("adv_negation", "b2", "supported", "opposed"),  # antonym, absent from the passage
])
def test_lexicon_swaps(nlp, kind, qid, old, new):
    rec = _records(nlp, kind)[qid]
    src = _source(qid)
    _check_near_miss(rec, src)
    assert rec.swapped[0] == old and rec.swapped[1] == new
    assert new not in _words(src.context) and new.removesuffix("d") not in _words(src.context)
    if qid == "b1":
        assert rec.example.question == "When did Helen Brook die?"


def test_entity_swap_takes_an_entity_of_the_same_label_from_another_article(nlp):
    recs = _records(nlp, "adv_entity")
    rec = recs["b4"]  # "... the factory in Bradford ..." (GPE)
    _check_near_miss(rec, _source("b4"))
    old, new = rec.swapped
    assert old == "Bradford" and new in {"Porto", "Glasgow", "Cardiff", "Swansea", "Geneva", "Dundee", "Aberdeen",
                                         "Leeds", "Vienna", "Prague"} - {"Leeds"}
    assert new.lower() not in BROOK.lower() and rec.example.question == f"What did the factory in {new} win in 1934?"
    for r in recs.values():  # never an entity of the example's own article, never one the passage names
        assert r.swapped[1].lower() not in r.example.context.lower()


def test_time_swap_uses_a_year_the_passage_never_names(nlp):
    recs = _records(nlp, "adv_time")
    for qid in ("b2", "b4"):
        rec = recs[qid]
        _check_near_miss(rec, _source(qid))
        old, new = rec.swapped
        assert old in _source(qid).question and re.fullmatch(r"1[89]\d\d", new) and new not in BROOK
        assert rec.example.question == _source(qid).question.replace(old, new)


def test_count_swap_takes_an_uncounted_plural_noun_of_the_passage(nlp):
    rec = _records(nlp, "adv_count")["b3"]
    _check_near_miss(rec, _source("b3"))
    assert rec.swapped == ("workers", "engineers")  # "300 workers" is counted, "local engineers" is not
    assert rec.example.question == "How many engineers did the factory in Bradford employ?"
    assert not re.search(r"\d+\s+(?:\w+\s+)?engineers", BROOK)


def test_negation_inserts_not_where_no_antonym_applies(nlp):
    recs = _records(nlp, "adv_negation")
    inserted = [r for r in recs.values() if r.detail == "not"]
    assert inserted
    for r in inserted:
        assert re.search(r"\b(?:not|never)\b|n't\b", r.example.question)
        assert not re.search(r"\bnot\b|\bnever\b|n't\b", r.example.context)


def test_distractor_keeps_the_answer_and_shifts_its_offset(nlp):
    recs = _records(nlp, "adv_distractor")
    assert recs
    for qid, rec in recs.items():
        src, ex = _source(qid), rec.example
        assert ex.kind == "adv_distractor" and ex.question == src.question and ex.answer_text == src.answer_text
        assert ex.context[ex.answer_start:ex.answer_start + len(ex.answer_text)] == ex.answer_text
        sentence = rec.detail
        assert sentence in ex.context and len(ex.context) == len(src.context) + len(sentence) + 1
        assert ex.context.replace(sentence + " ", "", 1) == src.context or ex.context.endswith(" " + sentence)
        assert src.answer_text.lower() not in sentence.lower()  # the distractor holds a fake answer
        old, new = rec.swapped
        for anchor in old.split(" | ")[0].split("; "):  # the question's entities/numbers were replaced
            assert anchor not in sentence
    rec = recs["b5"]  # "She founded the Northern Glass Company in 1925 ..." with another company and year
    assert re.fullmatch(r"She founded the .+ in 1\d\d\d with her brother\.", rec.detail)
    assert "Northern Glass Company" not in rec.detail and "1925" not in rec.detail


def test_same_seed_same_output_and_shares(nlp):
    a = add_adversarial(EXAMPLES, 0.8, 3, nlp=nlp)
    b = add_adversarial(EXAMPLES, 0.8, 3, nlp=nlp)
    assert a == b and len(a) == 13  # round(0.8 x 16), spread over the kinds that have candidates
    assert len({e.qid for e in a}) == len(a)
    assert {e.kind for e in a} == set(DEFAULT_KINDS) and "adv_count" not in DEFAULT_KINDS
    assert add_adversarial(EXAMPLES, 0.0, 3, nlp=nlp) == []
    assert len(add_adversarial(EXAMPLES, 0.375, 3, kinds=("adv_time", "adv_attribute"), nlp=nlp)) == 6


def test_bad_arguments():
    with pytest.raises(ValueError, match="adversarial fraction"):
        add_adversarial(EXAMPLES, 1.5, 0)
    with pytest.raises(ValueError, match="adversarial kinds"):
        check_kinds(["adv_entity", "adv_colour"])
    assert inflect("lose", "VBD") == "lost" and inflect("oppose", "VBZ") == "opposes"
    assert inflect("decrease", "VBG") == "decreasing" and inflect("reject", "VBN") == "rejected"


def test_cli_resolves_adversarial_options():
    from qa.training.cli import parser, resolve
    args = resolve(parser().parse_args(["--train", "x.json", "--adversarial", "0.2",
                                        "--adversarial-kinds", "adv_time, adv_count"]))
    assert args.adversarial == 0.2 and args.adversarial_kinds == ("adv_time", "adv_count")
    default = resolve(parser().parse_args(["--train", "x.json"]))
    assert default.adversarial == 0.0 and default.adversarial_kinds == DEFAULT_KINDS
    with pytest.raises(ValueError, match="adversarial kinds"):
        resolve(parser().parse_args(["--train", "x.json", "--adversarial-kinds", "adv_nope"]))
    with pytest.raises(ValueError, match="--adversarial must be in"):
        resolve(parser().parse_args(["--train", "x.json", "--adversarial", "1.5"]))


def test_prepare_adds_adversarial_examples(tmp_path, nlp, monkeypatch):
    import json

    import qa.training.loop as loop
    data = {}
    for e in EXAMPLES:
        art = data.setdefault(e.title, {"title": e.title, "paragraphs": []})
        if not art["paragraphs"] or art["paragraphs"][-1]["context"] != e.context:
            art["paragraphs"].append({"context": e.context, "qas": []})
        art["paragraphs"][-1]["qas"].append({"id": e.qid, "question": e.question,
                                             "answers": [{"text": e.answer_text, "answer_start": e.answer_start}]})
    path = tmp_path / "mini.json"
    path.write_text(json.dumps({"data": list(data.values())}))
    monkeypatch.setattr(loop, "featurize", lambda exs, *a, **k: [])  # windows are not under test here
    args = SimpleNamespace(train=str(path), seed=5, max_examples=0, negatives=0.0, near_miss=0.0, titles=True,
                           adversarial=0.375, adversarial_kinds=("adv_time", "adv_distractor"),
                           max_length=64, stride=16)
    examples, _ = loop.prepare(args, tok=None)
    kinds = [e.kind for e in examples]
    assert kinds.count("answer") == 16 and kinds.count("adv_time") + kinds.count("adv_distractor") == 6
    for e in examples:  # titles are put before every context, offsets shifted
        assert e.context.startswith(e.title.replace("_", " ") + "\n\n")
        if e.answer_start >= 0:
            assert e.context[e.answer_start:e.answer_start + len(e.answer_text)] == e.answer_text


def test_verifier_pairs_hold_the_answer_sentence_or_a_sentence_without_the_answer():
    """``qa.training.verifier.pairs``: a positive per question (its answer's sentence), a negative with the
    paragraph's most similar other sentence, and perturbed questions over the answer's sentence."""
    from qa.training.verifier import pairs
    out = pairs(EXAMPLES, n=len(EXAMPLES), seed=3, nlp=load_nlp())
    by_kind = {}
    for q, sentence, label, kind in out:
        by_kind.setdefault(kind, []).append((q, sentence, label))
    answers = {e.question: e.answer_text for e in EXAMPLES}
    assert len(by_kind["answer"]) == len(EXAMPLES)
    assert all(label == 1.0 and answers[q] in s for q, s, label in by_kind["answer"])
    assert by_kind["other_sentence"]
    assert all(label == 0.0 and answers[q] not in s for q, s, label in by_kind["other_sentence"])
    perturbed = [x for k, v in by_kind.items() if k.startswith("adv_") for x in v]
    assert perturbed and all(label == 0.0 and q not in answers for q, _, label in perturbed)

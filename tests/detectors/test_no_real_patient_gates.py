"""The searches that say a record is no real patient's (a simulation's, an animal's) run on a
text only after a one-pass RE2 search that finds at least what each finds: on random texts
made of their words, every text a pattern matches passes its gate."""

from __future__ import annotations

import random
from collections.abc import Callable

from dlpgate.detectors import identifiers

PIECES = [
    "osce", "OSCE", "simulated patient", "actor's brief", "role-player", "Sim day", "manikin", "BVSc", "BVM&S",
    "case vignette", "Species", "Breed", "owner's name", "microchip no.", "canine", "Cats", "puppy", "vet's",
    "Labrador", "spaniels", "Caninsulin", "kennel cough", "shih-tzu",
    ":", " ", "\t", "\n", "* ", "\u2022 ", "é", "ß", "K", "ſ", "x", "-", "'", "7", ".", "factor", "control",
]


def test_each_gate_passes_what_its_pattern_finds() -> None:
    rng = random.Random(7)
    found = 0
    for _ in range(20_000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 14)))
        for pattern, gate in ((identifiers._SIMULATED_RE, identifiers._simulated_gate),
                              (identifiers._ANIMAL_RE, identifiers._animal_gate)):
            if pattern.search(text):
                found += 1
                assert gate(text), (pattern.pattern[:30], text)
    assert found > 5_000


def test_no_real_patient_reads_as_before() -> None:
    assert identifiers.no_real_patient("OSCE station 3. Patient: Mrs Example, 54, chest pain. Test your skills.")
    assert identifiers.no_real_patient("Patient: Bella\nSpecies: Canine\nOwner: Mrs Example\nVaccination due")
    assert identifiers.no_real_patient("Patient name: MR PATIENT ZZZTEST\nDOB 01/01/1970")
    assert not identifiers.no_real_patient("Test results for Mrs Example: her HbA1c is 62. Her dog is well.")
    assert identifiers.no_real_patient("Press release. Mrs Example, 64, had her knee replaced.\nNotes to editors: consent obtained.")


PUBLISHED_PIECES = [
    "\u00a9", "(c) 2002", "Copyright 2002 ", "copyright ", "All rights reserved", "(1919-2002)", "(1919 \u2013 2002)",
    "Ray Example ", "LONDON (Reuters) - ", "PARIS, France (AFP) -- ", "was interred", "is survived by", "obituary",
    "unsubscribe from this group", "mailing list", "Yahoo! Groups", "listinfo", "By Jane Example", ", Reporter",
    "(Filed: 28/08/2002)", "(Published: 3.4.21)", "By Jane Example in Rome",
    "\n", " ", "> ", "\t", "x", "7", "\u00e9", "K", "\u017f", "-", "(", ")",
]


def test_the_published_gates_pass_what_their_pattern_finds() -> None:
    """A published piece's marks (but its byline) pass their RE2 gate and no_real_patient's
    hint: a piece has two, one of them not its byline."""
    rng = random.Random(11)
    marks = identifiers.regex.compile(identifiers._PUBLISHED_MARKS)
    found = 0
    for _ in range(20_000):
        text = "".join(rng.choice(PUBLISHED_PIECES) for _ in range(rng.randrange(1, 12)))
        if marks.search(text):
            found += 1
            assert identifiers._published_marks_gate(text), text
            assert identifiers._no_patient_words(text), text
    assert found > 5_000


STORY_PIECES = [
    "Mrs Jane Example", "Ray Example", ", 81,", " (83)", "(7)", ", a 74-year-old lady", ",\na 74-year-old", "\nan 8 yr old",
    ", aged 59", " aged 5", ", from Baildon", ", of Leeds", ", who lives from Hull", " who is from York", ", 45 years old,",
    " word", "\n", ",", " ", "(", "a ", "74", "-year-old", "\t", "é", "K", "came in with a fall", ".",
]


def test_the_story_gate_passes_what_the_introduction_pattern_finds() -> None:
    # a person's introduction in a story (_STORY_INTRO_RE) is looked for only where RE2 finds one
    rng = random.Random(13)
    found = 0
    for _ in range(20_000):
        text = "".join(rng.choice(STORY_PIECES) for _ in range(rng.randrange(1, 10)))
        if identifiers._STORY_INTRO_RE.search(text):
            found += 1
            assert identifiers._story_intro_hint(text), text
    assert found > 5_000


def test_the_readers_relative_gate_passes_what_the_word_search_finds() -> None:
    pieces = ["your ", "Your ", "ur ", "yr ", "four ", "hour ", "mum", "dad", "son", "late ", "step", "nan", "x", " ",
              "\n", "é", "YOUR ", "Yr ", "Ur "]
    rng = random.Random(17)
    found = 0
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 8)))
        words = any(text.find(w) >= 0 and any(text.startswith(identifiers._READERS_RELATIVES, i + len(w))
                                             for i in range(len(text)) if text.startswith(w, i))
                    for w in identifiers._YOUR_WORDS)
        if words:
            found += 1
            assert identifiers._readers_relative_hint(text), text
    assert found > 2_000


def test_a_newspapers_filed_line_and_a_correspondents_byline_mark_a_published_piece() -> None:
    story = ("Jockey beaten after the race\nBy Bruce Example in Rome\n(Filed: 28/08/2002)\n\n"
             "Mr Example, 39, whose jacket was torn from his back, was sent to hospital with fractures.")
    assert identifiers.published_piece(story)
    assert not identifiers.published_piece(story.replace("By Bruce Example in Rome\n", ""))  # one mark is no piece


def test_a_subject_that_announces_a_death_names_no_patient_of_a_note() -> None:
    for subject in ("RIP, Robert Example", "Fwd: R.I.P. Jane Example", "In memory of Joan Example",
                    "Obituary - Dr Ray Example"):
        assert identifiers.subject_person(subject) == [], subject
    assert identifiers.subject_person("Trip to Ripon - Jane Example") == ["Jane", "Example"]


def test_a_subject_naming_a_pet_is_read_with_the_mail_that_says_it_is_one() -> None:
    from email.message import EmailMessage

    from dlpgate.types import Action
    from tests.formats import docs

    msg = EmailMessage()
    msg["From"] = "tanya.example@example-trust.nhs.uk"
    msg["To"] = "reception@oakwood-vets.example.co.uk"
    msg["Subject"] = "Bella Example - insulin repeat & blood glucose curve"
    msg.set_content("Hi,\n\nPlease could I order a repeat for Bella (springer spaniel, 9) - Caninsulin 40 IU/ml. "
                    "She's been on 12 units twice a day since her diabetes was diagnosed.\n\nThanks\nTanya\n")
    assert docs.verdict(msg.as_bytes()).action is Action.DELIVER
    msg.replace_header("Subject", "Joan Example - insulin repeat & blood glucose curve")
    msg.set_content("Hi,\n\nPlease could you repeat Joan's insulin, 12 units twice a day since her diabetes was "
                    "diagnosed in August.\n\nThanks\nTanya\n")
    assert docs.verdict(msg.as_bytes()).action is Action.HOLD


def test_the_gates_searched_together_answer_as_each_searched_alone() -> None:
    """_GateSet: one RE2 set for every gate gives each the answer its own RE2 search gives, on
    random texts of their marks and on long ones."""
    import re2

    alone = [re2.compile(source) for source in identifiers._GATES.sources]
    rng = random.Random(11)
    pieces = PIECES + PUBLISHED_PIECES + [
        "07700 900123", "+44 7700 900456", "LS11 5BQ", "Year 4", "yr 10", "J.M., a 34-year-old", "MK 84F",
        "your mum", "her husband", ", 71, from Otley", "aged 80", "(Year 3)", "Mr ", "Example", "\u00a0", "\u2019",
    ]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30))) for _ in range(3000)]
    texts += ["".join(rng.choice(pieces) for _ in range(20_000)) for _ in range(3)]
    for text in texts:
        hits = identifiers._GATES.hits(text)
        assert hits == {i for i, r in enumerate(alone) if r.search(text.encode("utf-8"))}, text[:80]
    assert identifiers._GATES.hits("lone \ud800 surrogate") is None


def test_the_own_condition_and_abroad_gates_pass_what_their_searches_find() -> None:
    """A named person's own condition (identifiers._OWN_CONDITION_HINT_RE) and a name in a
    letter in another language (identifiers._NAMED_ABROAD_RE, a Chinese title or relation
    word) are read only in texts their RE2 gates pass: every text the searches find passes."""
    pieces = ["diagnosed", "Diagnosed", "off", "has", "HAD", "post", "got", "suffers", " ", "\n", ",", " - ", ": ",
              "Pani", "pani", "domnul", "Sr.", "se\u00f1ora", "mama", "su", "dumneavoastr\u0103", "J\u016bs\u0173",
              "motina", "Anna", "\u0141ucja", "\u017baneta", "\u00d6zlem", "\u0410\u043d\u043d\u0430", "\u0218tefan", "Example", "x", "7", "\u00e9", "hasn't",
              "\u6797\u7f8e\u534e", "\u5973\u58eb", "\u6bcd\u4eb2", "\u00a0", "\u2019",
              "on", "now ", "still ", "previous", "history of", "h/o", "sick ", "leave", "exempt", "Known"]
    rng = random.Random(23)
    found = [0, 0]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 12)))
        if identifiers._OWN_CONDITION_HINT_RE.search(text):
            found[0] += 1
            assert identifiers._own_condition_gate(text), text
        if identifiers._NAMED_ABROAD_RE.search(text) or identifiers._HAN_TITLE_HINT.search(text):
            found[1] += 1
            assert identifiers._named_abroad_gate(text), text
    assert min(found) > 2_000


def _gate_passes_what_its_search_finds(slots: list[list[str]], seed: int, search: Callable[[str], object],
                                       gate: Callable[[str], object]) -> int:
    """Texts made of one piece of each slot in turn (now and then a piece of another slot):
    every text ``search`` finds passes ``gate``. Returns how many it found."""
    rng = random.Random(seed)
    found = 0
    for _ in range(20_000):
        text = "".join(rng.choice(slot) if rng.random() < 0.9 else rng.choice(rng.choice(slots)) for slot in slots)
        if search(text):
            found += 1
            assert gate(text), text
    return found


def test_the_unnamed_street_gate_passes_what_its_search_finds() -> None:
    slots = [["the ", "The ", "our ", "a ", "x"], ["tenant", "lady", "Service User", "old man", "GIRL", "pal"],
             [" who lives ", " living ", ", ", " ", "\n"], ["at ", "of ", "in ", "AT ", "to "],
             ["Flat 2, ", "", "flat 3 ", "Apt 9 "], ["12 ", "31A ", "7, ", "x "],
             ["Example Road", "Mill Lane", "HIGH STREET", "Heol Las", "Example", "the Road"], [" has COPD", ""]]
    assert _gate_passes_what_its_search_finds(slots, 29, identifiers._UNNAMED_STREET_RE.search,
                                              identifiers._unnamed_street_gate) > 800


def test_the_own_care_gate_passes_what_the_claim_search_finds() -> None:
    """The writer's own claim that a person is their patient (identifiers._OWN_CARE_RE) is looked
    for only in texts its RE2 gate passes: every text the search finds passes."""
    slots = [["our ", "Our ", "my ", "we ", "We ", "I ", "Mr ", "the chap ", "He ", "x"],
             ["patient", "pt", "in our ", "had ", "have scanned ", "came in ", "was admitted in ", "Example ", ""],
             ["MRI", "new stroke unit", "him", "Mrs X", "in bed 4", "with", "last night", "in bay 2", "", ","],
             [" ", ", ", "\n", " who", "Smith", " leaflet", "s"]]
    assert _gate_passes_what_its_search_finds(slots, 31, identifiers._OWN_CARE_RE.search,
                                              identifiers._own_care_gate) > 1_000


def test_the_pronoun_and_above_named_gates_pass_what_their_searches_find() -> None:
    """A relative by a given name is looked for only in texts with "his", "her", "she" or "he"
    (identifiers._theirs_gate), and "the above named" (identifiers._ABOVE_NAMED_RE) only in texts
    its RE2 gate passes: every text the searches find passes."""
    words = (" his ", " her ", " she ", " she'", " she\u2019", " he ", " he'", " he\u2019")
    slots = [["Dear Mrs X, ", "x", " ", "The "], ["his", " his", " he", " She", " she", "her", " hers", "above named",
                                               "above-named", "this patient", "This Gentleman", "the above patient"],
             [" ", "'", "\u2019", "s", "", ","], ["has asthma", "x", " - ", ""]]
    assert _gate_passes_what_its_search_finds(slots, 37, lambda t: any(w in t for w in words),
                                              identifiers._theirs_gate) > 1_000
    assert _gate_passes_what_its_search_finds(slots, 41, identifiers._ABOVE_NAMED_RE.search,
                                              identifiers._above_named_gate) > 1_000

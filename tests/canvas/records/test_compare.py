import copy

from canvas.records.compare import compare, pair, word_diff
from tests.conftest import example_document


def _rows(comparison, part, section=0):
    part = next(p for p in comparison.parts if p.slug == part)
    return [row for row in part.sections[section].rows if row.change != "same"]


def test_the_same_document_has_no_changes():
    document = example_document()
    comparison = compare(document, copy.deepcopy(document))
    assert not comparison.has_changes
    assert comparison.unchanged == 21 + 7 + 3 + 3 + 8


def test_notes_match_by_text_then_by_likeness():
    assert pair(["a b c", "heel iets anders"], ["heel iets anders", "a b c"]) == {0: 1, 1: 0}
    assert pair(["Trots op het vak van leraar"], ["Trots op het mooie vak van leraar"]) == {0: 0}
    assert pair(["Trots op het vak van leraar"], ["Geen concurrentie bij werving"]) == {}


def test_a_note_edited_a_little_is_changed_with_its_words_marked():
    old = example_document()
    new = copy.deepcopy(old)
    new["identity"]["passion"][0] = "Elk kind in de regio verdient een goede bevoegde leraar"
    [row] = _rows(compare(old, new), "identity")
    assert row.change == "changed"
    assert ("goede ", "ins") in row.new_parts
    assert all(mark == "" for _text, mark in row.old_parts)


def test_added_and_removed_notes_per_prompt():
    old = example_document()
    new = copy.deepcopy(old)
    new["identity"]["style"] = ["Ontwerpend en onderzoekend werken", "Nieuw: samen ontwerpen"]
    rows = _rows(compare(old, new), "identity", section=3)
    assert sorted((row.change, row.old or row.new) for row in rows) == [
        ("added", "Nieuw: samen ontwerpen"),
        ("removed", "Klein beginnen, snel leren"),
    ]


def test_a_rule_agreed_upon_is_a_change_of_status():
    old = example_document()
    new = copy.deepcopy(old)
    text = old["rules"]["give_take"][0]
    new["rules"]["give_take"][0] = {"text": text, "status": "afgesproken", "votes": 3}
    [row] = _rows(compare(old, new), "rules", section=1)
    assert row.change == "changed"
    assert [(str(what), before, after) for what, before, after in row.details] == [
        ("status", "voorstel", "afgesproken"),
        ("stemmen", 0, 3),
    ]


def test_ambitions_match_by_key_and_coalitions_by_name():
    old = example_document()
    new = copy.deepcopy(old)
    new["ambitions"][0]["title"] = "Samen zij-instromers beter opleiden"
    new["ambitions"].append({"key": "nieuw", "title": "Nieuwe ambitie"})
    new["coalitions"][0]["name"] = "ZIJ-INSTROOM RIVIERENLAND"
    new["coalitions"][0]["status"] = "afgerond"
    new["coalitions"][0]["core_partners"] = ["hsr"]
    new["coalitions"].pop()
    comparison = compare(old, new)
    ambitions = _rows(comparison, "ambitions")
    assert [(row.change, row.new) for row in ambitions] == [
        ("changed", "Samen zij-instromers beter opleiden"),
        ("added", "Nieuwe ambitie"),
    ]
    coalitions = _rows(comparison, "coalitions")
    assert [(row.change, row.old) for row in coalitions] == [
        ("changed", "Zij-instroom Rivierenland"),
        ("removed", "Techniekdag"),
    ]
    details = {str(what): (before, after) for what, before, after in coalitions[0].details}
    assert details["status"] == ("actief", "afgerond")
    assert details["kernpartners"][1] == "Hogeschool Rivierenland, lerarenopleidingen"


def test_word_diff_marks_only_what_differs():
    old, new = word_diff("Eén keer per kwartaal", "Twee keer per jaar")
    assert old == [("Eén", "del"), (" keer per ", ""), ("kwartaal", "del")]
    assert new == [("Twee", "ins"), (" keer per ", ""), ("jaar", "ins")]

from curation.text import TextBuilder, normalise


def test_whitespace_runs_fold_to_one_space_and_ends_are_trimmed():
    b = TextBuilder()
    b.add("  Resistance\n\tto ")
    b.add("EGFR")
    b.add("  TKIs \n")
    assert b.text() == "Resistance to EGFR TKIs"
    assert normalise("  a \u00a0\n b ") == "a b"


def test_span_starts_at_first_visible_character_and_ends_after_last():
    b = TextBuilder()
    b.add("see ")
    span = b.open_span()
    b.add("  12")
    b.close_span(span)
    b.add(" and more")
    text = b.text()
    assert text == "see 12 and more"
    assert text[span.start:span.end] == "12"


def test_empty_span_sits_at_the_current_position():
    b = TextBuilder()
    b.add("abc")
    span = b.close_span(b.open_span())
    assert (span.start, span.end) == (3, 3)


def test_words_from_adjacent_blocks_do_not_glue():
    b = TextBuilder()
    b.add("Table 1")
    b.separate()
    b.add("Caption")
    assert b.text() == "Table 1 Caption"

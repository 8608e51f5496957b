"""Abbreviations defined in running text (Schwartz & Hearst), and which words their long forms are."""
from curation.abbreviations import find_definitions


def definitions(text):
    return [(text[a:b], text[c:d]) for a, b, c, d in find_definitions(text)]


def test_long_forms_of_the_domain():
    text = ("Epidermal growth factor receptor (EGFR) tyrosine kinase inhibitors (TKIs) in non-small cell lung "
            "cancer (NSCLC): interleukin-6 (IL-6) from cancer-associated fibroblasts (CAFs) in the tumour "
            "microenvironment (TME).")
    assert definitions(text) == [
        ("Epidermal growth factor receptor", "EGFR"), ("tyrosine kinase inhibitors", "TKIs"),
        ("non-small cell lung cancer", "NSCLC"), ("interleukin-6", "IL-6"), ("cancer-associated fibroblasts", "CAFs"),
        ("tumour microenvironment", "TME")]


def test_a_long_form_whose_initials_are_the_short_form_is_taken_whole():
    # the shortest match took TTF-1's second T from inside "transcription": "transcription factor-1"
    assert definitions("Thyroid transcription factor-1 (TTF-1) marks lung adenocarcinoma.") == [
        ("Thyroid transcription factor-1", "TTF-1")]
    # where the initials do not spell it, the shortest match stays
    assert definitions("the hepatocyte growth factor (HGF) and its receptor") == [("hepatocyte growth factor", "HGF")]


def test_what_is_no_definition():
    assert definitions("cells were treated (n = 3) with osimertinib (1 uM) for 24 h (Fig. 2A)") == []

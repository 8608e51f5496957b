"""Variants written in text, normalised to HGVS."""
from curation.variants import find_variants


def variants(text):
    return [(text[s:e], form) for s, e, form in find_variants(text)]


def test_protein_changes_in_one_letter_and_three_letter_codes():
    assert variants("T790M, p.T790M, p.Thr790Met, Val158Met and p.(Arg248Gln) were found") == [
        ("T790M", "p.Thr790Met"), ("p.T790M", "p.Thr790Met"), ("p.Thr790Met", "p.Thr790Met"),
        ("Val158Met", "p.Val158Met"), ("p.(Arg248Gln)", "p.Arg248Gln")]
    # a stop, a frameshift and a synonymous change
    assert variants("R213X, R213*, p.Arg213*, Y145fs, p.Tyr145fsTer12, V600fs*12 and Met129Met") == [
        ("R213X", "p.Arg213Ter"), ("R213*", "p.Arg213Ter"), ("p.Arg213*", "p.Arg213Ter"), ("Y145fs", "p.Tyr145fs"),
        ("p.Tyr145fsTer12", "p.Tyr145fs"), ("V600fs*12", "p.Val600fs"), ("Met129Met", "p.Met129=")]


def test_a_variant_after_its_genes_symbol_or_another_variant():
    assert variants("EGFR-T790M, L858R/T790M, AQP2-F204V and F204V/F204V") == [
        ("T790M", "p.Thr790Met"), ("L858R", "p.Leu858Arg"), ("T790M", "p.Thr790Met"), ("F204V", "p.Phe204Val"),
        ("F204V", "p.Phe204Val"), ("F204V", "p.Phe204Val")]


def test_what_only_looks_like_a_protein_change_is_none():
    # symbols and cell lines ending in a digit and a letter, phosphosites, a residue kept, decimals
    assert variants("GADD45A, MCF10A, HEK293T, BCL11A, Ser473, Thr308, T790T, 3.5A>G and p.1.A23B") == []


def test_dna_changes():
    assert variants("c.2369C>T, g.-308G>A, -1082G>A, 1199G>A, c.1521delA, c.68dupT and g.1234_1236del") == [
        ("c.2369C>T", "c.2369C>T"), ("g.-308G>A", "g.-308G>A"), ("-1082G>A", "-1082G>A"), ("1199G>A", "1199G>A"),
        ("c.1521delA", "c.1521delA"), ("c.68dupT", "c.68dupT"), ("g.1234_1236del", "g.1234_1236del")]
    # an intronic position after "IVS" is not cut into a bare substitution
    assert variants("IVS4+1G>A") == []


def test_exon_deletions_and_dbsnp_ids():
    assert variants("EGFR exon 19 deletions, ex19del, 19del and rs1801133") == [
        ("exon 19 deletions", "exon19del"), ("ex19del", "exon19del"), ("19del", "exon19del"), ("rs1801133", "rs1801133")]

"""Variants written in text, normalised to HGVS."""
from curation.variants import find_variants, tmvar_id


def variants(text):
    return [(text[s:e], form) for s, e, form in find_variants(text)]


def test_protein_changes_in_one_letter_and_three_letter_codes():
    assert variants("T790M, p.T790M, p.Thr790Met, Val158Met and p.(Arg248Gln) were found") == [
        ("T790M", "p.Thr790Met"), ("p.T790M", "p.Thr790Met"), ("p.Thr790Met", "p.Thr790Met"),
        ("Val158Met", "p.Val158Met"), ("p.(Arg248Gln)", "p.Arg248Gln")]
    # a stop, a frameshift and a synonymous change
    assert variants("R213X, R213*, p.Arg213*, Y145fs, p.Tyr145fsTer12, V600fs*12 and Met129Met") == [
        ("R213X", "p.Arg213Ter"), ("R213*", "p.Arg213Ter"), ("p.Arg213*", "p.Arg213Ter"), ("Y145fs", "p.Tyr145fs"),
        ("p.Tyr145fsTer12", "p.Tyr145fsTer12"), ("V600fs*12", "p.Val600fsTer12"), ("Met129Met", "p.Met129=")]


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
    # an intronic position after "IVS" is not cut into a bare substitution: it keeps its legacy numbering
    assert variants("IVS4+1G>A, IVS3 + 1C > T and IVS12-2A->G") == [
        ("IVS4+1G>A", "IVS4+1G>A"), ("IVS3 + 1C > T", "IVS3+1C>T"), ("IVS12-2A->G", "IVS12-2A>G")]


def test_older_notations_of_promoter_polymorphisms_and_residue_changes():
    assert variants("the G-395A polymorphism, C-1082T, -511C/T and -616C/G") == [
        ("G-395A", "-395G>A"), ("C-1082T", "-1082C>T"), ("-511C/T", "-511C>T"), ("-616C/G", "-616C>G")]
    assert variants("a Cys 23 Ser substitution, ΔF508, deltaF508 and Delta F508") == [
        ("Cys 23 Ser", "p.Cys23Ser"), ("ΔF508", "p.Phe508del"), ("deltaF508", "p.Phe508del"),
        ("Delta F508", "p.Phe508del")]
    # a range, a sample or a chart label is no such notation
    assert variants("IL-6/-174, G-CSF, A-B, C-3 and 2-5C/T-rich regions, Delta30, Ser 2 at, Cys 2 His 2") == []


def test_exon_deletions_and_dbsnp_ids():
    assert variants("EGFR exon 19 deletions, ex19del, 19del and rs1801133") == [
        ("exon 19 deletions", "exon19del"), ("ex19del", "exon19del"), ("19del", "exon19del"), ("rs1801133", "rs1801133")]


def test_a_change_of_two_bases_past_residue_1000_is_read_as_dna():
    assert variants("KRAS G12C, SNCA A53T, PER2 G3853A and SOD2 T2734C") == [
        ("G12C", "p.Gly12Cys"), ("A53T", "p.Ala53Thr"), ("G3853A", "3853G>A"), ("T2734C", "2734T>C")]


def test_hgvs_forms_as_tmvar_writes_them():
    # the identifiers BioRED's and PubTator's gold give the variants (tmVar's)
    found = [tmvar_id(form) for _, _, form in find_variants(
        "T790M, R213X, Met129Met, p.A27fsX132, Y145fs, ΔF508, c.2369C>T, g.-308G>A, -1082G>A, c.1521delA, "
        "g.3455_3460del, c.1546_1547insC, c.429_452dup, c.609+28_610-16del, IVS3 + 18C > T, rs1801133, ex19del")]
    assert found == [
        "p|SUB|T|790|M", "p|SUB|R|213|X", "p|SUB|M|129|M", "p|FS|A|27||132", "p|FS|Y|145||", "p|DEL|508|F",
        "c|SUB|C|2369|T", "g|SUB|G|-308|A", "c|SUB|G|-1082|A", "c|DEL|1521|A", "g|DEL|3455_3460|",
        "c|INS|1546_1547|C", "c|DUP|429_452||", "c|DEL|609+28_610-16|", "c|SUB|C|IVS3+18|T", "rs1801133", None]


def test_a_gold_tmvar_id_is_one_id_and_found_variants_map_onto_it():
    from curation.evaluate import concept_to_gold, gold_ids

    # before, "p|SUB|T|790|M" fell apart into five IDs, and no relation naming the variant was scored
    assert gold_ids("p|SUB|T|790|M") == frozenset({"p|SUB|T|790|M"})
    assert gold_ids("D001943|D018270") == frozenset({"D001943", "D018270"})  # composite MeSH IDs still split
    assert concept_to_gold("hgvs:EGFR:p.Thr790Met") == "p|SUB|T|790|M"
    assert concept_to_gold("hgvs:c.2369C>T") == "c|SUB|C|2369|T"
    assert concept_to_gold("dbsnp:rs1801133") == "rs1801133"

"""Data downloaded from NCBI Gene data converted into Python data."""

# Copyright (C) 2014-2018, DV Klopfenstein. All rights reserved

downloaded = "2016_02_22" # 28212 items

import collections as cx

NtData = cx.namedtuple('NtData', 'tax_id Org_name GeneID CurrentID Status Symbol Aliases description other_designations map_location chromosome genomic_nucleotide_accession_version start_position_on_the_genomic_accession end_position_on_the_genomic_accession orientation exon_count OMIM no_hdr0')
GENEID2NT = {
  21846 : NtData(tax_id=10090, Org_name='Mus musculus', GeneID=21846, CurrentID=0, Status='live', Symbol='Tie1', Aliases='D430008P04Rik, TIE, tie-1', description='tyrosine kinase with immunoglobulin-like and EGF-like domains 1', other_designations='tyrosine kinase receptor 1', map_location='4 54.67 cM', chromosome='4', genomic_nucleotide_accession_version='NC_000070.6', start_position_on_the_genomic_accession=118471191, end_position_on_the_genomic_accession=118489849, orientation='minus', exon_count=23, OMIM='', no_hdr0=''),
  13649 : NtData(tax_id=10090, Org_name='Mus musculus', GeneID=13649, CurrentID=0, Status='live', Symbol='Egfr', Aliases='9030024J15Rik, AI552599, Erbb, Errb1, Errp, Wa5, wa-2, wa2', description='epidermal growth factor receptor', other_designations='avian erythroblastic leukemia viral (v-erb-b) oncogene homolog|waved 2', map_location='11 A1-A4', chromosome='11', genomic_nucleotide_accession_version='NC_000077.6', start_position_on_the_genomic_accession=16752203, end_position_on_the_genomic_accession=16913907, orientation='plus', exon_count=28, OMIM='', no_hdr0=''),
  20848 : NtData(tax_id=10090, Org_name='Mus musculus', GeneID=20848, CurrentID=0, Status='live', Symbol='Stat3', Aliases='1110034C02Rik, AW109958, Aprf', description='signal transducer and activator of transcription 3', other_designations='acute phase response factor|acute-phase response factor', map_location='11 63.82 cM', chromosome='11', genomic_nucleotide_accession_version='NC_000077.6', start_position_on_the_genomic_accession=100886810, end_position_on_the_genomic_accession=100939570, orientation='minus', exon_count=24, OMIM='', no_hdr0=''),
  384452 : NtData(tax_id=10090, Org_name='Mus musculus', GeneID=384452, CurrentID=0, Status='live', Symbol='Noto', Aliases='Flh, MmNot, Not, tc', description='notochord homolog (Xenopus laevis)', other_designations='Not homeodomain protein|floating head homolog|truncate', map_location='6 37.44 cM', chromosome='6', genomic_nucleotide_accession_version='NC_000072.6', start_position_on_the_genomic_accession=85423886, end_position_on_the_genomic_accession=85428877, orientation='plus', exon_count=3, OMIM='', no_hdr0=''),
}

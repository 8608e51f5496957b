VOCABULARY = f"{RESULTS}/vocabulary"
VOCABULARY_FILES = {
    "concepts": f"{VOCABULARY}/concepts.parquet",
    "terms": f"{VOCABULARY}/terms.parquet",
    "matcher": f"{VOCABULARY}/matcher",
    "info": f"{VOCABULARY}/vocabulary.json",
}


rule build_vocabulary:
    """Concepts, terms and the cached matcher, from the embedded and configured vocabularies."""
    input:
        curated=expand(f"{config['vocabularies']['curated_dir']}/{{name}}.tsv", name=["species", "species_cues", "cell_lines", "mesh_types", "stoplist", "overrides", "learned_stoplist", "learned_terms", "learned_family_members", "embedded_checksums"]),
        official=config["vocabularies"]["gene_info"] + config["vocabularies"]["mesh_xml"] + config["vocabularies"]["cellosaurus"],
    output:
        **{name: directory(path) if name == "matcher" else path for name, path in VOCABULARY_FILES.items()},
    params:
        code_version=CODE_VERSION,
        settings=config["vocabularies"],
        curated_dir=config["vocabularies"]["curated_dir"],
    log:
        f"{RESULTS}/logs/build_vocabulary.log",
    benchmark:
        f"{RESULTS}/benchmarks/build_vocabulary/build_vocabulary.tsv"
    resources:
        mem_mb=4000,
        runtime=30,
    script:
        "../scripts/build_vocabulary.py"

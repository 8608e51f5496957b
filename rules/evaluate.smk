EVALUATION = config["evaluation"]["corpora"]


rule evaluate_corpus:
    """Precision/recall/F1 of the annotator on one gold corpus, reading only its text."""
    input:
        gold=lambda wildcards: EVALUATION[wildcards.corpus]["path"],
        checksums=f"{config['vocabularies']['curated_dir']}/embedded_checksums.tsv",
        **{f"vocabulary_{name}": path for name, path in VOCABULARY_FILES.items()},
    output:
        f"{RESULTS}/evaluation/{{corpus}}/metrics.json",
    params:
        code_version=CODE_VERSION,
        format=lambda wildcards: EVALUATION[wildcards.corpus]["format"],
        limit=lambda wildcards: EVALUATION[wildcards.corpus].get("limit"),
        annotation=lambda wildcards: {**config["annotation"], **EVALUATION[wildcards.corpus].get("annotation", {})},
        pipeline_annotation=config["annotation"],
    log:
        f"{RESULTS}/logs/evaluate/{{corpus}}.log",
    resources:
        mem_mb=3000,
        runtime=30,
    script:
        "../scripts/evaluate_corpus.py"


rule evaluate:
    """All configured gold corpora: `snakemake --cores 2 evaluate`."""
    input:
        expand(f"{RESULTS}/evaluation/{{corpus}}/metrics.json", corpus=EVALUATION),

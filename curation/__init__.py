"""Literature-curation pipeline: parse papers into traceable, schema-checked tables."""

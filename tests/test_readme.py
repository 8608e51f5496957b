"""The README's data dictionary is generated from the schemas and must not go stale."""
from schemas.dictionary import render
from tests.conftest import ROOT


def test_readme_data_dictionary_matches_the_models():
    readme = (ROOT / "README.md").read_text()
    assert render() in readme, "README data dictionary is stale: run `make dictionary`"


def test_readme_quick_start_shows_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    quick_start = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make run" in quick_start and "make test" in quick_start

"""Input discovery, stored paths and shard membership."""
import os

import pytest

from curation.inputs import InputConfigError, plan_shards, resolve_inputs, shard_count, shard_index, InputFile


def make(tmp_path, names):
    for n in names:
        p = tmp_path / n
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x")


def test_directories_globs_and_files_resolve_to_relative_sorted_paths(tmp_path):
    make(tmp_path, ["corpus/b.xml", "corpus/sub/a.xml", "corpus/.hidden", "one.txt", "glob/x1.nxml", "glob/x2.xml"])
    files = resolve_inputs(["corpus", "one.txt", "glob/*.nxml"], workdir=str(tmp_path))
    assert [f.source_path for f in files] == ["corpus/b.xml", "corpus/sub/a.xml", "glob/x1.nxml", "one.txt"]


def test_absolute_inputs_outside_the_workdir_never_store_absolute_paths(tmp_path):
    make(tmp_path, ["elsewhere/papers/a.xml"])
    work = tmp_path / "work"
    work.mkdir()
    files = resolve_inputs([str(tmp_path / "elsewhere" / "papers")], workdir=str(work))
    assert [f.source_path for f in files] == ["papers/a.xml"]
    assert os.path.isabs(files[0].path) and os.path.exists(files[0].path)


@pytest.mark.parametrize("entry, message", [("missing", "no such file or directory"), ("*.nothing", "matches no file")])
def test_missing_inputs_are_named(tmp_path, entry, message):
    with pytest.raises(InputConfigError, match=message):
        resolve_inputs([entry], workdir=str(tmp_path))


def test_shard_count_is_a_power_of_two_covering_the_corpus():
    assert shard_count(0, 500) == 1 and shard_count(500, 500) == 1
    assert shard_count(501, 500) == 2 and shard_count(100_000, 500) == 256


def test_adding_a_paper_leaves_other_shards_untouched():
    files = [InputFile(f"papers/p{i}.xml", f"p{i}") for i in range(300)]
    before = plan_shards(files, shard_size=50)
    after = plan_shards(files + [InputFile("papers/new.xml", "new")], shard_size=50)
    changed = [s for s in after if after[s] != before.get(s)]
    assert len(changed) == 1 and InputFile("papers/new.xml", "new") in after[changed[0]]
    assert shard_index("papers/p1.xml", 8) == shard_index("papers/p1.xml", 8)

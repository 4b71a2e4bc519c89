"""The gazetteer index is built once, cached on disk, and loaded from the cache (not rebuilt) after that.

How fast the cache loads is measured in bench/, not asserted here: a test must not fail on a busy machine."""

from __future__ import annotations

import shutil

from newsgraph.extract.places import gazetteer


def test_cache_location_respects_newsgraph_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path))
    assert gazetteer.cache_path().parent == tmp_path
    monkeypatch.delenv("NEWSGRAPH_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert gazetteer.cache_path().parent == tmp_path / "xdg" / "newsgraph"


def test_index_loads_from_cache_without_rebuilding(tmp_path, monkeypatch):
    built = gazetteer.load()  # builds the index on a machine that has no cache yet
    copy = tmp_path / "index.pickle"
    shutil.copy(gazetteer.cache_path(), copy)

    def rebuild():
        raise AssertionError("the index was rebuilt instead of loaded from the cache")

    monkeypatch.setattr(gazetteer, "_build", rebuild)
    loaded = gazetteer.load_or_build(copy)
    assert len(loaded.entries) == len(built.entries)
    assert loaded.lookup("Erbil") == built.lookup("Erbil")


def test_in_process_load_is_cached():
    first = gazetteer.load()
    assert gazetteer.load() is first


def test_unreadable_cache_is_rebuilt(tmp_path, monkeypatch):
    broken = tmp_path / "broken.pickle"
    broken.write_bytes(b"not a pickle")
    calls = []
    monkeypatch.setattr(gazetteer, "_build", lambda: calls.append(1) or gazetteer.load())
    result = gazetteer.load_or_build(broken)
    assert calls == [1] and result.lookup("Baghdad")


def test_saving_an_index_removes_older_versions(tmp_path):
    old = tmp_path / "gazetteer-v0-old.pickle"
    old.write_bytes(b"stale")
    current = tmp_path / "gazetteer-v99-new.pickle"
    gazetteer._save(gazetteer.load(), current)
    assert current.exists() and not old.exists()

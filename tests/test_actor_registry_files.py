"""Registry files: the bundled registry (actors.toml + gazetteer), [[extend]], --actors / --actors-only."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from discourse.actors import KINDS, ActorRegistry, default_registry
from discourse.actors.registry import default_registry_files
from discourse.errors import LexiconError
from discourse.lexicons import DATA_DIR

REPO = Path(__file__).resolve().parents[1]

EXTRA = """\
# name: extra
# source: a test
[[actors]]
id = "tiger_forces"
name = "Tiger Forces"
kind = "armed_group"
parent = "syrian_army"
names = ["Tiger Forces", "Qawat al-Nimr"]

[[actors]]
id = "deir_ezzor"
name = "Deir ez-Zor Governorate"
kind = "territory"
parent = "syria"
names = ["Deir ez-Zor", "Deir Ezzor"]

[[extend]]
id = "syria"
metonyms = ["Idlib rebels' country"]
names = ["Suriya"]
cased = ["Suriya"]
"""


def test_default_registry_is_actors_toml_then_gazetteer_in_name_order():
    files = default_registry_files(DATA_DIR)
    assert Path(files[0]).name == "actors.toml"
    gazetteer = [Path(f).name for f in files[1:]]
    assert gazetteer == sorted(gazetteer)
    records = default_registry().provenance()
    assert [r["file"] for r in records] == [Path(f).name for f in files]
    assert all(len(r["sha256"]) == 64 for r in records)


def test_every_bundled_actor_has_a_known_kind_and_resolvable_links():
    registry = default_registry()
    for actor in registry:
        assert actor.kind in KINDS
        if actor.parent is not None:
            assert actor.parent in registry
        if actor.country is not None:
            assert registry[actor.country].kind in ("country", "territory")


def test_extension_file_keeps_bundled_actors_and_adds_its_own(tmp_path):
    extra = tmp_path / "extra.toml"
    extra.write_text(EXTRA, encoding="utf-8")
    registry = default_registry().extend(extra)
    assert {"russia", "united_states", "tiger_forces", "deir_ezzor"} <= set(registry.ids)
    assert len(registry) == len(default_registry()) + 2
    assert registry.ancestors("tiger_forces") == ("syrian_army", "syrian_government", "syria")  # bundled parents
    assert registry.resolve("Suriya") == "syria"  # an alias added to a bundled actor
    text = "The Tiger Forces left Suriya for Deir Ezzor."
    assert [m.actor_id for m in registry.find(text)] == ["tiger_forces", "syria", "deir_ezzor"]
    assert [r["name"] for r in registry.provenance()][-1] == "extra"


def test_from_file_alone_cannot_use_bundled_parents(tmp_path):
    extra = tmp_path / "extra.toml"
    extra.write_text(EXTRA, encoding="utf-8")
    with pytest.raises(LexiconError, match="extra.toml.*(parent 'syria'|no actor 'syria' to extend)"):
        ActorRegistry.from_file(extra)


def test_extend_errors_name_the_place(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[extend]]\nid = "narnia"\nnames = ["Narnia"]\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad.toml: extend\[0\].*no actor 'narnia'"):
        default_registry().extend(bad)
    twice = tmp_path / "twice.toml"
    twice.write_text('[[actors]]\nid = "russia"\nname = "R"\nkind = "country"\nnames = ["Rus"]\n', encoding="utf-8")
    with pytest.raises(LexiconError, match="'russia' is defined twice.*extend"):
        default_registry().extend(twice)
    unknown = tmp_path / "unknown.toml"
    unknown.write_text('[[extend]]\nid = "russia"\nkind = "person"\n', encoding="utf-8")
    with pytest.raises(LexiconError, match="unknown field"):
        default_registry().extend(unknown)


def test_extend_can_set_a_case_rule_on_an_existing_alias():
    registry = ActorRegistry.from_dict({
        "actors": [{"id": "x", "name": "Chad", "kind": "country", "names": ["Chad"]}],
        "extend": [{"id": "x", "cased": ["Chad"]}],
    })
    assert registry["x"].aliases[0].case == "cased"
    assert [m.actor_id for m in registry.find("Chad said so, chad.")] == ["x"]


def test_actor_facts_round_trip_through_to_dict():
    registry = ActorRegistry.from_dict([
        {"id": "ua", "name": "Ukraine", "kind": "country", "names": ["Ukraine"]},
        {"id": "z", "name": "Volodymyr Zelensky", "kind": "person", "names": ["Zelensky"],
         "parent": "ua", "office": "President of Ukraine", "since": 2019, "country": "ua",
         "sources": ["general knowledge"]},
    ])
    again = ActorRegistry.from_dict(registry.to_dict())
    z = again["z"]
    assert (z.office, z.since, z.until, z.country, z.sources) == ("President of Ukraine", 2019, None, "ua", ("general knowledge",))
    with pytest.raises(LexiconError, match="until 2010 is before since 2019"):
        ActorRegistry.from_dict([{"id": "z", "name": "Z", "kind": "person", "names": ["Z"], "since": 2019, "until": 2010}])
    with pytest.raises(LexiconError, match="country 'nowhere' is not in the registry"):
        ActorRegistry.from_dict([{"id": "z", "name": "Z", "kind": "person", "names": ["Z"], "country": "nowhere"}])


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "discourse", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=600)


@pytest.mark.slow
def test_analyze_seed_with_actors_extends_and_actors_only_replaces(tmp_path):
    extra = tmp_path / "extra.toml"
    extra.write_text(EXTRA, encoding="utf-8")
    done = _cli("analyze", "--seed", "--out", "ext", "--actors", str(extra), "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    actors = set(pd.read_parquet(tmp_path / "ext" / "mentions.parquet")["actor"])
    assert {"russia", "united_states", "deir_ezzor"} <= actors  # Deir Ezzor is named in the seed
    manifest = json.loads((tmp_path / "ext" / "manifest.json").read_text())
    assert manifest["analysers"]["actors"]["registry_use"] == "extends the bundled registry"
    assert manifest["lexicons"][-1]["name"] == "extra" or "extra" in [r["name"] for r in manifest["lexicons"]]
    alone = tmp_path / "alone.toml"
    alone.write_text(EXTRA.split("[[extend]]")[0].replace('parent = "syria"\n', "").replace('parent = "syrian_army"\n', ""),
                     encoding="utf-8")
    done = _cli("analyze", "--seed", "--out", "only", "--actors-only", str(alone), "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert set(pd.read_parquet(tmp_path / "only" / "mentions.parquet")["actor"]) == {"deir_ezzor"}

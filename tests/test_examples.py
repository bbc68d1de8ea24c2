"""The example scripts run (in a subprocess, from a temporary working directory, as a user would
after installing the package) and write the figures and tables they promise."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import matplotlib.image
import pandas as pd
import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(script: str, out: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script), str(out), *args],
        cwd=out.parent,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"{script} failed:\n{done.stderr[-3000:]}"
    return done.stdout


def assert_png(path: Path, min_width: int = 500) -> None:
    assert path.is_file(), f"missing {path.name}"
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = matplotlib.image.imread(path)
    height, width = image.shape[:2]
    assert width >= min_width and height >= 250, f"{path.name} is {width}x{height}"
    assert image.std() > 0.01, f"{path.name} looks blank"


@pytest.fixture(scope="module")
def seed_texts():
    from discourse.datasets import load_seed

    return {unit_id: text for unit_id, _, text in load_seed().units()}


@pytest.mark.slow
def test_quickstart(tmp_path):
    out = tmp_path / "quickstart"
    stdout = run("quickstart.py", out)
    assert "article_sentences" in stdout
    assert_png(out / "quickstart.png", 1000)
    names = sorted(p.name for p in (out / "results" / "figures").iterdir())
    assert names == [
        "actor_network.png", "actor_stance.png", "incivility.png", "reply_tree.png", "rhetorical_profile.png",
        "sentiment_distribution.png", "sentiment_thread.png", "stance_heatmap.png",
    ]
    for png in (out / "results" / "figures").iterdir():
        assert_png(png)
    manifest = json.loads((out / "results" / "manifest.json").read_text())
    assert manifest["tables"]["units"]["rows"] == 18
    table = pd.read_csv(out / "sentiment_thread.csv")
    assert len(table) == 16 and table["rolling_mean"].notna().sum() == 12


def test_sentiment_thread(tmp_path, seed_texts):
    out = tmp_path / "sentiment"
    run("sentiment_thread.py", out)
    assert_png(out / "sentiment_thread.png")
    numbers = pd.read_csv(out / "sentiment_thread.csv")
    assert numbers.groupby("method").size().to_dict() == {"textblob": 16, "vader": 16}
    trend = pd.read_csv(out / "sentiment_trend.csv")
    assert list(trend["method"]) == ["vader", "textblob"]
    assert trend["spearman_rho_position"].between(-1, 1).all()
    evidence = pd.read_csv(out / "sentiment_evidence.csv", keep_default_na=False)
    assert evidence["unit_id"].nunique() == 3
    for row in evidence.itertuples():
        assert seed_texts[row.unit_id][row.start : row.end] == row.surface


def test_article_vs_comments(tmp_path, seed_texts):
    out = tmp_path / "avc"
    stdout = run("article_vs_comments.py", out)
    assert "comments - article sentences" in stdout
    assert_png(out / "article_vs_comments.png", 1000)
    summary = pd.read_csv(out / "sentiment_summary.csv")
    assert set(summary["group"]) == {"article", "article_sentences", "comments", "difference"}
    contrast = pd.read_csv(out / "rhetorical_contrast.csv")
    assert contrast["rate_difference"].is_monotonic_decreasing
    evidence = pd.read_csv(out / "rhetorical_evidence.csv", keep_default_na=False)
    assert len(evidence) > 0
    for row in evidence.itertuples():
        assert seed_texts[row.unit_id][row.start : row.end] == row.surface


@pytest.mark.slow
def test_corpus_scale(tmp_path):
    out = tmp_path / "corpus"
    run("corpus_scale.py", out, "--comments", "500", "--per-thread", "100")
    for name in ("corpus_threads.png", "corpus_depth.png", "corpus_reply_tree.png"):
        assert_png(out / name)
    names = sorted(p.name for p in (out / "results" / "figures").iterdir())
    assert names == ["incivility.png", "rhetorical_profile.png", "sentiment_distribution.png"]
    threads = pd.read_csv(out / "thread_differences.csv")
    assert len(threads) == 5 and (threads["ci_low"] <= threads["difference"]).all()
    depth = pd.read_csv(out / "sentiment_by_depth.csv")
    assert depth["n"].sum() == 500 and list(depth["depth"]) == sorted(depth["depth"])


@pytest.mark.slow
def test_actor_figures(tmp_path):
    out = tmp_path / "actors"
    stdout = run("actor_figures.py", out)
    assert "united_states / article" in stdout
    for name in ("actor_stance.png", "stance_heatmap.png", "actor_networks.png"):
        assert_png(out / name)
    stance = pd.read_csv(out / "actor_stance.csv")
    assert stance["actor"].nunique() == 10 and set(stance["part"]) == {"article", "comments"}
    heat = pd.read_csv(out / "stance_heatmap.csv")
    assert heat.groupby("actor")["n_mentions"].sum().to_dict() == stance.groupby("actor")["n_mentions"].sum().to_dict()
    network = pd.read_csv(out / "relation_network.csv")
    assert (network["n"] >= 1).all()


def _benchmark_stages(tmp_path) -> tuple[list[str], dict[str, list[str]]]:
    """Run examples/benchmark_stages.py on 200 synthetic comments: its lines, and its parts
    (name -> [µs per comment, share]; an indented "of which" line is a part of the line above,
    not counted in the shares)."""
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "benchmark_stages.py"), "--comments", "200", "--comments-per-thread", "50"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    parts = {line[:44].strip(): line[44:].split() for line in lines if "%" in line and not line.startswith(" ")}
    return lines, parts


@pytest.mark.slow
def test_benchmark_stages(tmp_path):
    lines, parts = _benchmark_stages(tmp_path)
    assert any(line.startswith("  of which the text layer") for line in lines)
    for stage in ("sentiment", "actors", "rhetoric"):
        assert f"{stage}: analysis" in parts and f"{stage}: unit rows" in parts
    shares = [float(values[1].rstrip("%")) for values in parts.values()]
    assert all(share >= 0 for share in shares) and sum(shares) <= 100.5
    table_lines = lines[lines.index(next(line for line in lines if line.startswith("table "))) + 1 :]
    rows = {line.split()[0]: float(line.split()[-1]) for line in table_lines}
    # every feature of the catalogue for each comment and each (blank) article body: 4 threads
    from discourse.rhetoric import FEATURE_NAMES

    assert rows["features"] == round(len(FEATURE_NAMES) * (200 + 4) / 200, 1)
    assert rows["units"] == round((200 + 4) / 200, 1)


@pytest.mark.slow
def test_benchmark_stages_accounts_for_the_time(tmp_path):
    """The parts the benchmark times add up to (nearly) the whole run."""
    _, parts = _benchmark_stages(tmp_path)
    assert 90 <= sum(float(values[1].rstrip("%")) for values in parts.values())


@pytest.mark.slow
def test_benchmark_on_texts_from_a_csv(tmp_path, seed_texts):
    texts = [text for unit_id, text in seed_texts.items() if unit_id.startswith("c")] * 2  # 32 comments
    pd.DataFrame({"body": texts, "other": range(len(texts))}).to_csv(tmp_path / "mine.csv", index=False)
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "benchmark.py"), "--texts-csv", str(tmp_path / "mine.csv"),
         "--text-column", "body", "--comments", "25", "--comments-per-thread", "10", "--warmup", "5",
         "--only", "a,c", "--workload", "comments", "--out", str(tmp_path / "bench")],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads((tmp_path / "bench" / "benchmark.json").read_text(encoding="utf-8"))
    assert report["corpus"]["comments"] == 25 and report["corpus"]["threads"] == 3
    assert report["corpus"]["words_titles_and_articles"] == 0  # empty articles: comments only
    assert report["ratios"]["comments_c_over_a"] > 0
    assert report["vader_check"]["max_abs_difference"] == 0


def _compare_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("compare_results", EXAMPLES / "compare_results.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


def test_compare_results_reports_differences_additions_and_identity(tmp_path, capsys):
    compare = _compare_module()
    frame = pd.DataFrame({"unit_id": ["c1", "c2"], "count": [1, 0], "value": [0.1 + 0.2, -0.5]})
    for side in ("before", "after"):
        (tmp_path / side / "seed").mkdir(parents=True)
        compare.write_table(frame, tmp_path / side / "seed" / "features.csv")
    assert compare.main(["diff", str(tmp_path / "before"), str(tmp_path / "after")]) == 0
    assert capsys.readouterr().out.strip().endswith("identical")

    # an added table and an added column are reported, not counted as differences
    compare.write_table(frame.assign(extra="x"), tmp_path / "after" / "seed" / "features.csv")
    compare.write_table(frame, tmp_path / "after" / "seed" / "wide.csv")
    assert compare.main(["diff", str(tmp_path / "before"), str(tmp_path / "after")]) == 0
    out = capsys.readouterr().out
    assert "added tables: wide" in out and "added columns: extra" in out

    # a float that moved by one unit in the last place is a difference, with its size
    moved = frame.assign(value=[0.30000000000000004 + 5.6e-17, -0.5])
    assert moved["value"][0] != frame["value"][0]
    compare.write_table(moved, tmp_path / "after" / "seed" / "features.csv")
    assert compare.main(["diff", str(tmp_path / "before"), str(tmp_path / "after")]) == 1
    out = capsys.readouterr().out
    assert "features: DIFFERENT" in out and "value: 1 cells differ, max |diff| 5.55e-17" in out

    # a removed table is a difference
    (tmp_path / "after" / "seed" / "features.csv").unlink()
    assert compare.main(["diff", str(tmp_path / "before"), str(tmp_path / "after")]) == 1
    assert "features: REMOVED" in capsys.readouterr().out


def test_benchmark_actors_breakdown_times_the_steps_and_restores_them():
    import importlib.util

    from discourse.actors import discovery
    from discourse.actors.analyzer import ActorAnalyzer
    from discourse.text import Doc

    spec = importlib.util.spec_from_file_location("benchmark_actors", EXAMPLES / "benchmark_actors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    originals = []
    for module_name, attribute, _ in module.STEPS:
        owner = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        originals.append((owner, name, vars(owner)[name]))
    text = "Critics slammed Putin. Russia denied it, said Senator Blutarsky."
    expected = ActorAnalyzer().analyze(Doc(text))
    spent: dict[str, float] = {}
    with module._timed_steps(spent):
        wrapped = ActorAnalyzer().analyze(Doc(text))
        discovery.candidate_rows([("c1", Doc(text), wrapped.mentions)])  # (looked up as the stage does)
    assert wrapped == expected  # the wrappers change no result
    labels = {label for _, _, label in module.STEPS}
    assert set(spent) <= labels and {"matcher and spelling", "stance", "  fitted model", "discovery (thread rows)"} <= set(spent)
    assert all(vars(owner)[name] is original for owner, name, original in originals)  # restored


def test_benchmark_actors_pass_without_the_collector_restores_it():
    import gc
    import importlib.util

    from discourse.actors import default_registry
    from discourse.pipeline.stages import ActorStage

    spec = importlib.util.spec_from_file_location("benchmark_actors", EXAMPLES / "benchmark_actors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    stage, registry = ActorStage(stance_params={"method": "rules"}), default_registry()
    texts = ["Putin lied, again.", "Nothing here.", "Iran and Syria"] * 40
    with_gc, mentions = module._time_pass(stage, registry, texts)
    without, same = module._time_pass(stage, registry, texts, collect=False)
    assert gc.isenabled()  # switched on again after the pass
    assert same == mentions == 120 and with_gc["n named"] == without["n named"] == 80


@pytest.mark.slow  # four processes that each load the models: about 30 s
def test_benchmark_versions_times_each_version_on_the_same_comments(tmp_path):
    """Two folders holding this version (the second a link to the first) on a small CSV without
    a header: one line per version, the comments counted, a ratio of the first to itself of 1."""
    source = EXAMPLES.parent
    (tmp_path / "again").symlink_to(source, target_is_directory=True)
    texts = ["Putin lied about Syria again.", "Trump and Merkel met in Hamburg.", "Nice weather today!"]
    (tmp_path / "comments.csv").write_text("".join(f'"{text}",0\n' for text in texts * 70), encoding="utf-8")
    for part in ("actors", "full"):
        done = subprocess.run(
            [sys.executable, str(EXAMPLES / "benchmark_versions.py"), str(source), "again",
             "--csv", "comments.csv", "--text-column", "0", "--part", part, "--rounds", "1", "--repeat", "1"],
            cwd=tmp_path, capture_output=True, text=True, timeout=300,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        lines = done.stdout.splitlines()
        assert lines[0].startswith(f"{part}: CPU µs per comment, 210 comments of comments.csv")
        first, second = (line.split() for line in lines[2:4])
        assert first[0] == source.name and second[0] == "again"
        assert float(first[-2]) == 1.0 and float(first[-3]) > 0 and float(second[-3]) > 0
def test_benchmark_actors_reads_the_named_text_column(tmp_path):
    import argparse
    import importlib.util

    spec = importlib.util.spec_from_file_location("benchmark_actors", EXAMPLES / "benchmark_actors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path / "comments.csv"
    path.write_text('id,comment\n1,"Putin lied, again."\n2,Nothing here.\n3,"Iran, Syria"\n', encoding="utf-8")
    args = argparse.Namespace(csv=str(path), n=2, text_column="comment")
    assert module._texts(args) == ["Putin lied, again.", "Nothing here."]
    assert module._texts(argparse.Namespace(csv=str(path), n=5, text_column=None)) == ["1", "2", "3"]
    with pytest.raises(SystemExit, match="no column 'text'"):
        module._texts(argparse.Namespace(csv=str(path), n=5, text_column="text"))


def _domain_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("stance_domain_adaptation", EXAMPLES / "stance_domain_adaptation.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_stance_domain_em_recovers_a_known_prior():
    """Saerens et al.'s EM, given calibrated posteriors of a sample drawn under another prior,
    returns that prior (three feature types with known class likelihoods p(type | class))."""
    import numpy as np

    em = _domain_module().em_prior
    likelihood = np.array([[0.7, 0.2, 0.1], [0.2, 0.6, 0.2], [0.1, 0.2, 0.7]])  # rows type, columns class
    train_prior = np.array([1 / 3, 1 / 3, 1 / 3])
    for target in ([0.5, 0.3, 0.2], [0.1, 0.8, 0.1]):
        freq = likelihood @ np.array(target)  # share of each type under the target prior
        posterior = likelihood * train_prior
        posterior /= posterior.sum(axis=1, keepdims=True)
        rows = np.repeat(posterior, np.round(freq * 1000).astype(int), axis=0)
        prior, _ = em(rows, train_prior)
        assert np.allclose(prior, target, atol=1e-3), (prior, target)
    # a sample drawn under the training prior: no shift to find
    rows = np.repeat(posterior, np.round(likelihood @ train_prior * 999).astype(int), axis=0)
    assert np.allclose(em(rows, train_prior)[0], train_prior, atol=1e-3)

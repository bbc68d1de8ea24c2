"""The ``discourse`` command: one-line errors with exit code 2, never a traceback (issue 18)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from discourse.cli import main

REPO = Path(__file__).resolve().parents[1]


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("discourse: error: "), err
    assert "Traceback" not in err
    return lines[0]


SURROGATE_LINE = '{"id":"t","comments":[{"id":"c","text":"a \\udc80"}]}\n'


def test_lone_surrogate_strict_and_lenient(tmp_path, capsys):
    source = tmp_path / "s.jsonl"
    source.write_text(SURROGATE_LINE, encoding="ascii")
    code, _, err = _run(capsys, "analyze", str(source), "--out", str(tmp_path / "strict"), "--quiet")
    line = _one_line_error(err)
    assert code == 2 and f"{source}:1: record 't', field 'comments[0].text': lone surrogate" in line
    assert "--lenient" in line and "strict=False" not in line  # command-line advice
    assert not (tmp_path / "strict").exists()
    code, _, err = _run(capsys, "analyze", str(source), "--out", str(tmp_path / "o"), "--lenient", "--quiet",
                        "--table-format", "csv")
    assert code == 0, err
    units = (tmp_path / "o" / "units.csv").read_text(encoding="utf-8")
    assert "a \ufffd" in units
    report = (tmp_path / "o" / "read_report.csv").read_text(encoding="utf-8")
    assert "lone surrogate" in report and "replaced with U+FFFD" in report


def test_input_folder_with_a_file_format(tmp_path, capsys):
    (tmp_path / "folder").mkdir()
    code, _, err = _run(capsys, "analyze", str(tmp_path / "folder"), "--format", "jsonl", "--out", str(tmp_path / "o"))
    assert code == 2
    assert "is a folder, but --format jsonl reads a file" in _one_line_error(err)


def test_out_naming_an_existing_file(tmp_path, capsys):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    code, _, err = _run(capsys, "analyze", "--seed", "--out", str(tmp_path / "afile"), "--quiet")
    assert code == 2 and "is a file" in _one_line_error(err)
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "x"


def test_out_holding_a_users_own_files(tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "units.csv").write_text("mine", encoding="utf-8")
    code, _, err = _run(capsys, "analyze", "--seed", "--out", str(out), "--quiet")
    assert code == 2 and "not a results folder" in _one_line_error(err)
    assert (out / "units.csv").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(
    "option, value, words",
    [
        ("--sentiment", "bogus", "--sentiment 'bogus': choose one of vader, textblob, news"),
        ("--features", "bogus", "--features: unknown feature(s) 'bogus'; give 'all' or a comma-separated list of: questions,"),
        ("--features", "questions,bogus", "unknown feature(s) 'bogus'"),
        ("--format", "xml", "--format 'xml': choose one of seedtext, jsonl, csv, convokit, reddit"),
        ("--columns", "text", "--columns 'text': each item must be FIELD=COLUMN"),
        ("--columns", "body=text", "--columns: unknown field 'body'; the fields are thread_id, id,"),
        ("--n-jobs", "0", "--n-jobs 0: give 1 or more"),
    ],
)
def test_bad_option_values_list_the_choices(tmp_path, capsys, option, value, words):
    code, _, err = _run(capsys, "analyze", "--seed", "--out", str(tmp_path / "o"), option, value, "--quiet")
    assert code == 2 and words in _one_line_error(err)
    assert not (tmp_path / "o").exists()


def test_features_take_a_comma_separated_list(tmp_path, capsys):
    code, _, err = _run(capsys, "analyze", "--seed", "--out", str(tmp_path / "o"), "--features",
                        "questions,shouting", "--quiet", "--table-format", "csv")
    assert code == 0, err
    header, *rows = (tmp_path / "o" / "features.csv").read_text(encoding="utf-8").splitlines()
    column = header.split(",").index("feature")
    assert {row.split(",")[column] for row in rows} == {"questions", "shouting"}


def test_columns_option_maps_a_csv(tmp_path, capsys):
    source = tmp_path / "export.csv"
    source.write_text("article,comment_id,reply_to,body\na1,1,,Hello there\na1,2,1,Thanks!\n", encoding="utf-8")
    code, _, err = _run(capsys, "analyze", str(source), "--out", str(tmp_path / "no-map"), "--quiet")
    line = _one_line_error(err)
    assert code == 2 and "missing required column 'thread_id'" in line
    assert "--columns thread_id=YOUR_COLUMN" in line and "columns={" not in line  # CLI advice
    code, _, err = _run(capsys, "analyze", str(source), "--out", str(tmp_path / "o"), "--quiet",
                        "--columns", "thread_id=article,id=comment_id,parent_id=reply_to,text=body",
                        "--table-format", "csv")
    assert code == 0, err
    units = (tmp_path / "o" / "units.csv").read_text(encoding="utf-8").splitlines()
    assert units[2].startswith("a1,1,comment,0,,0,") and units[3].startswith("a1,2,comment,1,1,1,")
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["input"]["columns"]["text"] == "body"
    code, _, err = _run(capsys, "analyze", "--seed", "--out", str(tmp_path / "x"), "--columns", "text=body")
    assert code == 2 and "apply to CSV input" in _one_line_error(err)


def test_undetectable_format_gives_cli_advice(tmp_path, capsys):
    source = tmp_path / "data.xml"
    source.write_text("<x/>", encoding="utf-8")
    code, _, err = _run(capsys, "analyze", str(source), "--out", str(tmp_path / "o"))
    line = _one_line_error(err)
    assert code == 2 and "add --format one of" in line and "format=" not in line


def test_empty_input_is_not_a_silent_success(tmp_path, capsys):
    source = tmp_path / "empty.jsonl"
    source.write_bytes(b"")
    code, _, err = _run(capsys, "analyze", str(source), "--out", str(tmp_path / "o"), "--quiet")
    assert code == 1
    assert "no threads to analyse" in _one_line_error(err)
    # the (empty) tables and the read report are there to look at
    assert (tmp_path / "o" / "manifest.json").exists()


def test_every_record_skipped_says_where_to_look(tmp_path, capsys):
    source = tmp_path / "bad.jsonl"
    source.write_text("{oops\n[1]\n", encoding="utf-8")
    code, _, err = _run(capsys, "analyze", str(source), "--out", str(tmp_path / "o"), "--quiet", "--lenient")
    line = _one_line_error(err)
    assert code == 1 and "2 input problem(s) are listed in" in line and "read_report.parquet" in line


def test_info_into_a_closed_pipe_exit_status():
    """``discourse info | head``: the reader goes away (here before anything is written, so the
    write must fail): status 141 (128 + SIGPIPE, as a shell tool), no traceback, nothing on stderr."""
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run([sys.executable, "-m", "discourse", "info"], stdout=write_end,
                                stderr=subprocess.PIPE, env=env, timeout=120)
    finally:
        os.close(write_end)
    assert result.returncode == 141 and result.stderr == b""


def test_default_tables_are_parquet_with_the_wide_views(tmp_path, capsys):
    from discourse.results import Results

    code, _, err = _run(capsys, "analyze", "--seed", "--out", str(tmp_path / "o"), "--quiet")
    assert code == 0, err
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text(encoding="utf-8"))
    files = {entry["file"] for entry in manifest["tables"].values()}
    assert files and all(name.endswith(".parquet") for name in files)
    assert {"comments.parquet", "threads.parquet", "units.parquet"} <= files
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == sorted(files | {"manifest.json"})
    assert manifest["tables"]["comments"]["rows"] == 16 and manifest["tables"]["threads"]["rows"] == 1
    assert manifest["table_format"] == "parquet"
    results = Results.load(tmp_path / "o")
    assert str(results["comments"]["created"].dtype) == "datetime64[ns, UTC]"
    assert list(results["comments"].columns) == manifest["tables"]["comments"]["columns"]


def test_table_format_csv_and_its_choices(tmp_path, capsys):
    code, _, err = _run(capsys, "analyze", "--seed", "--out", str(tmp_path / "o"), "--quiet", "--table-format", "csv")
    assert code == 0, err
    assert (tmp_path / "o" / "comments.csv").read_text(encoding="utf-8").startswith("thread_id,unit_id,parent_id,")
    with pytest.raises(SystemExit):
        main(["analyze", "--seed", "--out", str(tmp_path / "x"), "--table-format", "xlsx"])
    assert "invalid choice: 'xlsx' (choose from" in capsys.readouterr().err

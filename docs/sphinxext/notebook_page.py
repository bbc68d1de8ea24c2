"""Execute a Jupyter notebook (nbclient, the local Python kernel) and write it as a Markdown page
with its outputs: text, tables as text, and figures as PNG files beside the page.

No notebook extension (myst-nb, nbsphinx) is needed, and the page always shows what the notebook
produces with the code being documented, never stale stored outputs.
"""

from __future__ import annotations

import base64
from pathlib import Path


def execute(path: Path, cwd: Path, timeout: int = 300):
    """The notebook at `path`, executed in a fresh kernel started in `cwd`."""
    import os

    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    # The kernel imports discourse from the checkout being documented, installed or not.
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(cwd), saved]))
    try:
        NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(cwd)}}).execute()
    finally:
        if saved is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = saved
    return notebook


def _merged_streams(outputs: list) -> list:
    """Consecutive stdout pieces as one output (a cell that prints twice shows one text block);
    stderr (warnings, progress bars) is left out of the page."""
    merged: list = []
    for output in outputs:
        if output.get("output_type") == "stream":
            if output.get("name") != "stdout":
                continue
            if merged and merged[-1].get("output_type") == "stream":
                merged[-1] = {"output_type": "stream", "name": "stdout", "text": merged[-1]["text"] + output["text"]}
                continue
        merged.append(output)
    return merged


def write_notebook_page(path: Path, page: Path, *, cwd: Path) -> None:
    """Execute `path` and write it as the Markdown `page` (figures in ``<page stem>_files/``)."""
    notebook = execute(path, cwd)
    images = page.parent / f"{page.stem}_files"
    images.mkdir(parents=True, exist_ok=True)
    for stale in images.glob("*.png"):
        stale.unlink()
    lines = [
        f"<!-- generated from {path.name} at build time; edit the notebook, not this page -->",
        "",
    ]
    figure = 0
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            lines += [cell.source, ""]
            if index == 0:
                lines += [f"*This page is the notebook {{download}}`{path.name} <{path.name}>`, executed when the "
                          "documentation was built.*", ""]
            continue
        if cell.cell_type != "code":
            continue
        lines += ["```python", cell.source, "```", ""]
        for output in _merged_streams(cell.get("outputs", [])):
            kind = output.get("output_type")
            if kind == "stream":
                lines += ["```text", output["text"].rstrip("\n"), "```", ""]
            elif kind in ("execute_result", "display_data"):
                data = output.get("data", {})
                if "image/png" in data:
                    figure += 1
                    name = f"figure-{figure}.png"
                    (images / name).write_bytes(base64.b64decode(data["image/png"]))
                    lines += [f"![figure {figure} of the notebook]({images.name}/{name})", ""]
                elif "text/plain" in data:
                    lines += ["```text", data["text/plain"].rstrip("\n"), "```", ""]
            elif kind == "error":
                raise RuntimeError(f"{path.name}: cell {index} failed: {output.get('ename')}: {output.get('evalue')}")
    text = "\n".join(lines)
    if not page.exists() or page.read_text(encoding="utf-8") != text:
        page.write_text(text, encoding="utf-8")

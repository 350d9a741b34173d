"""`report.html`: the executed notebooks of a review as one readable page, without code.

Built with nbconvert from the review's executed notebooks: their prose, tables and figures in
step order, under a title and a table of contents. Parameters cells, widget views and error
banners are left out; cells tagged `report-hide` too. Text from the tables reaches it already
escaped (pandas escapes its tables, `cjm.render.markup` every Markdown the package displays),
and its template loads no script from anywhere: one self-contained, offline file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import nbformat

from ..errors import NotebookFailed
from ..project.workspace import STEPS
from ..project.writers import write_text
from .markup import markdown_text

TEMPLATE_DIR = Path(__file__).parent / "report_template"  # offline: loads nothing
HIDDEN_TAGS = {"parameters", "injected-parameters", "report-hide"}
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
CSS = """
<style>
  body { max-width: 1180px; margin: 0 auto; }
  .jp-Cell { padding: 2px 0; }
  .cjm-toc { background: #f5f6f8; border-radius: 6px; padding: 10px 18px; margin: 8px 0 20px; }
  .cjm-toc a { color: #2f5d8a; text-decoration: none; }
  table.dataframe { font-size: 12px; }
  img { max-width: 100%; height: auto; }
</style>
"""


def build_report(review_dir: str | Path, *, title: str) -> Path:
    """Write `<review_dir>/report.html` from the executed notebooks in `review_dir`."""
    from nbconvert import HTMLExporter

    review_dir = Path(review_dir)
    notebooks = [review_dir / f"{step}.ipynb" for step in STEPS
                 if (review_dir / f"{step}.ipynb").is_file()]
    books = {path: read_notebook(path) for path in notebooks}
    merged = nbformat.v4.new_notebook()
    merged.metadata["title"] = title
    merged.cells.append(nbformat.v4.new_markdown_cell(_front_matter(title, books)))
    for book in books.values():
        merged.cells.extend(_readable_cells(book))
    exporter = HTMLExporter(extra_template_basedirs=[str(TEMPLATE_DIR)],
                            template_name="cjm_report", exclude_input=True,
                            exclude_input_prompt=True, exclude_output_prompt=True)
    html, _ = exporter.from_notebook_node(merged)
    html = html.replace("</head>", CSS + "</head>", 1)
    return write_text(review_dir / "report.html", html)


def read_notebook(path: Path):
    """The notebook at `path`; NotebookFailed naming the file when it is not a readable
    notebook (cut short by a full disk, edited by hand into invalid JSON)."""
    try:
        book = nbformat.read(path, as_version=4)
        nbformat.validate(book)
    except Exception as exc:  # JSON, encoding and schema errors: the file is damaged
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise NotebookFailed(path, None, f"{path} is not a readable notebook ({reason}); "
                             "restore it from a copy, or copy its template again from the "
                             "templates/ folder") from None
    return book


def _front_matter(title: str, books: dict) -> str:
    contents = "\n".join(f"{number}. [{_heading(book, path)}](#{_anchor(_heading(book, path))})"
                         for number, (path, book) in enumerate(books.items(), start=1))
    generated = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return (f"# {markdown_text(title)}\n\n*Generated {generated} by cjm.*\n\n"
            f"<div class='cjm-toc'>\n\n{contents}\n\n</div>")


def _heading(book, path: Path) -> str:
    """The first markdown heading of a notebook (its step title)."""
    for cell in book.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return path.stem


def _anchor(heading: str) -> str:
    return heading.replace(" ", "-")


def _readable_cells(notebook) -> list:
    cells = []
    for cell in notebook.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & HIDDEN_TAGS or "papermill-error-cell-tag" in tags:
            continue
        if cell.cell_type == "code":
            cell.outputs = [output for output in cell.get("outputs", [])
                            if _shown(output)]
            if not cell.outputs:
                continue
        cells.append(cell)
    return cells


def _shown(output) -> bool:
    """Outputs worth reading: not widget views, not stderr noise."""
    if output.get("output_type") == "stream":
        return output.get("name") == "stdout"
    data = output.get("data", {})
    if WIDGET_MIME in data:
        return False
    return output.get("output_type") != "error"

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm.errors import TableReadError
from cjm.project.readers import find_table, normalise_header, read_table

ROWS = "persona_id;name;share\nP1;Élodie Durand;0,35\nP2;Jean-Noël;0,2\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_reads_every_encoding_and_separator(tmp_path, encoding, separator):
    text = ROWS.replace(";", separator).replace("0,35", '"0,35"' if separator == "," else "0,35")
    text = text.replace("0,2", '"0,2"' if separator == "," else "0,2")
    path = tmp_path / "personas.csv"
    path.write_bytes(text.encode(encoding))

    frame = read_table(path)

    assert list(frame.columns) == ["persona_id", "name", "share"]
    assert frame.loc[2, "name"] == "Élodie Durand"
    assert frame.loc[3, "name"] == "Jean-Noël"
    assert frame.loc[2, "share"] == "0,35"


def test_blank_rows_are_dropped_without_shifting_excel_row_numbers(tmp_path):
    path = tmp_path / "goals.csv"
    path.write_text("persona_id,stage\n\nP1,Buy\n,\n  ,  \nP2,Return\n\n\n", encoding="utf-8")

    frame = read_table(path)

    assert frame.index.tolist() == [3, 6]
    assert frame["stage"].tolist() == ["Buy", "Return"]


def test_multiline_cell_counts_as_one_excel_row(tmp_path):
    path = tmp_path / "goals.csv"
    path.write_text('persona_id,goal\nP1,"two\nlines"\nP2,one\n', encoding="utf-8")

    assert read_table(path).index.tolist() == [2, 3]


def test_headers_are_trimmed_and_normalised(tmp_path):
    path = tmp_path / "touchpoints.csv"
    path.write_text("\ufeff Touchpoint ID , Stage ,moment-of-truth\nT1, Buy ,yes\n",
                    encoding="utf-8")

    frame = read_table(path)

    assert list(frame.columns) == ["touchpoint_id", "stage", "moment_of_truth"]
    assert frame.loc[2, "stage"] == "Buy"
    assert normalise_header("  Persona  Id ") == "persona_id"


def test_a_row_longer_than_the_header_is_an_error_with_its_row(tmp_path):
    path = tmp_path / "goals.csv"
    path.write_text("persona_id,stage\nP1,Buy\nP2,Buy,extra\n", encoding="utf-8")

    with pytest.raises(TableReadError) as info:
        read_table(path)

    assert info.value.problem.row == 3
    assert "goals.csv:3" in str(info.value)


def test_repeated_column_is_an_error(tmp_path):
    path = tmp_path / "goals.csv"
    path.write_text("persona_id,stage,Stage\nP1,Buy,Buy\n", encoding="utf-8")

    with pytest.raises(TableReadError, match="column 'stage' appears more than once"):
        read_table(path)


def test_xlsx_is_read_from_the_sheet_named_after_the_table(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["not", "this"])
    book.active.append(["x", "y"])
    sheet = book.create_sheet("Touchpoints")
    sheet.append(["touchpoint_id", "volume", "due"])
    sheet.append(["T1", 1200, None])
    sheet.append([None, None, None])
    sheet.append(["T2", 3.5, __import__("datetime").datetime(2026, 12, 31)])
    book.save(tmp_path / "touchpoints.xlsx")

    frame = read_table(find_table(tmp_path, "touchpoints"))

    assert frame.index.tolist() == [2, 4]
    assert frame["volume"].tolist() == ["1200", "3.5"]
    assert frame.loc[4, "due"] == "2026-12-31"  # a date: Excel keeps it as midnight


def test_xlsx_sheet_named_after_its_content_is_used(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Export CRM 2026"
    book.active.append(["persona_id", "name"])
    book.active.append(["P1", "Anna"])
    book.save(tmp_path / "personas.xlsx")

    assert read_table(tmp_path / "personas.xlsx").loc[2, "name"] == "Anna"


def test_both_csv_and_xlsx_is_ambiguous(tmp_path):
    (tmp_path / "goals.csv").write_text("persona_id\n", encoding="utf-8")
    openpyxl.Workbook().save(tmp_path / "goals.xlsx")

    with pytest.raises(TableReadError, match="both goals.csv and goals.xlsx exist"):
        find_table(tmp_path, "goals")


def test_missing_table_is_none(tmp_path):
    assert find_table(tmp_path, "survey") is None


# --- files that are not what they seem: one clear problem each --------------------------------

def read_problem(path) -> str:
    with pytest.raises(TableReadError) as info:
        read_table(path)
    return str(info.value)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_named_as_the_cause(tmp_path, encoding):
    path = tmp_path / "personas.csv"
    path.write_bytes("persona_id,name\nP1,Élodie\n".encode(encoding))
    assert read_problem(path) == (
        "personas.csv: is saved as UTF-16 (Unicode text), which cjm does not read (expected "
        "CSV saved as UTF-8 ('CSV UTF-8' in Excel) or Windows-1252)")


def test_nul_bytes_name_their_row(tmp_path):
    path = tmp_path / "goals.csv"
    path.write_bytes(b"persona_id,stage\nP1,Buy\nP2,Re\x00turn\n")
    assert read_problem(path) == (
        "goals.csv:3: contains NUL bytes (the first on row 3): it is not a text table, or it "
        "is damaged (expected a CSV file saved as text)")


def test_a_workbook_saved_under_a_csv_name_is_named(tmp_path):
    book = openpyxl.Workbook()
    book.save(tmp_path / "actions.csv")
    assert "is an Excel workbook or a zip archive, not a CSV file" in read_problem(
        tmp_path / "actions.csv")


def test_mixed_encodings_blame_the_rows_that_are_not_utf8(tmp_path):
    path = tmp_path / "personas.csv"
    path.write_bytes("persona_id,name\nP1,Émile\nP2,Zoé\n".encode()
                     + "P3,Hélène\n".encode("cp1252") + b"P4,Paul\n")
    assert read_problem(path) == (
        "personas.csv:4: mixes two encodings: row 4 is not UTF-8 while rows 2-3 are (accented "
        "letters would be misread) (expected one encoding for the whole file: save it again as "
        "'CSV UTF-8' from Excel)")


def test_an_unclosed_quote_is_not_a_valid_file(tmp_path):
    path = tmp_path / "goals.csv"
    path.write_text('persona_id,stage,goal\nP1,Buy,"Pay fast\nP1,Receive,Track\nP2,Buy,x\n',
                    encoding="utf-8")
    assert read_problem(path) == (
        'goals.csv:2: a quote (") opened on row 2 is never closed, so the rest of the file '
        "would be read as one cell (expected quotes in pairs around a cell; remove the stray "
        "quote or close it)")


def test_a_quote_closed_rows_later_is_caught(tmp_path):
    path = tmp_path / "goals.csv"
    path.write_text('persona_id,stage,goal\nP1,Buy,"Pay fast\nP1,Receive,Track\nP2,Buy,x"\n'
                    "P2,Receive,y\n", encoding="utf-8")
    assert read_problem(path).startswith(
        "goals.csv:2: a quoted cell of row 2 spans 3 lines that look like whole rows")
    # a genuine multi-line cell (Alt+Enter in Excel) stays fine
    path.write_text('persona_id,stage,goal\nP1,Buy,"Pay fast\nand be done"\n', encoding="utf-8")
    assert read_table(path).loc[2, "goal"] == "Pay fast\nand be done"


def test_a_quote_inside_a_quoted_cell_names_the_row(tmp_path):
    path = tmp_path / "goals.csv"
    path.write_text('persona_id,stage,goal\nP1,Buy,ok\nP1,Receive,"Track"it\n',
                    encoding="utf-8")
    assert read_problem(path).startswith("goals.csv:3: row 3 cannot be read as CSV")


def test_merged_cells_and_formulas_without_a_saved_result_are_named(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "touchpoints"
    sheet.append(["touchpoint_id", "stage", "volume"])
    sheet.append(["T1", "Buy", "=B9*2"])
    sheet.append(["T2", "Receive", 10])
    sheet.append(["T3", None, 12])
    sheet.merge_cells("B3:B4")
    book.save(tmp_path / "touchpoints.xlsx")
    with pytest.raises(TableReadError) as info:
        read_table(tmp_path / "touchpoints.xlsx")
    assert [str(p) for p in info.value.problems] == [
        "touchpoints.xlsx:2: volume: cell C2 holds a formula (=B9*2) with no saved result "
        "(expected values: open the workbook in Excel and save it, or paste the cells as "
        "values)",
        "touchpoints.xlsx:3: stage: cells B3:B4 are merged: only the first holds a value, and "
        "the others would be read as empty (expected one value per cell: unmerge the cells "
        "and fill each one)"]


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_any_bytes_are_read_or_refused_with_a_table_read_error(tmp_path, data):
    path = tmp_path / "personas.csv"
    path.write_bytes(b"persona_id,name\n" + data)
    try:
        frame = read_table(path)
    except TableReadError as exc:
        assert exc.problems and all(p.file == "personas.csv" for p in exc.problems)
    else:
        assert list(frame.columns)[:2] == ["persona_id", "name"]


def test_a_huge_cell_is_read_and_judged_by_its_column(tmp_path):
    path = tmp_path / "touchpoints.csv"
    note = "x" * 300_000
    path.write_text(f'touchpoint_id,description\nT1,"{note}"\n', encoding="utf-8")
    assert read_table(path).loc[2, "description"] == note

import openpyxl
import pytest

from cjm.readers import TableReadError, find_table, normalise_header, read_table

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
    assert frame.loc[4, "due"] == "2026-12-31T00:00:00"


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

"""What every import tells the people who upload a file (Dutch in the catalogue)."""

from django.utils.translation import gettext_lazy

FILE_TYPE = gettext_lazy("Upload a CSV file (.csv) or an Excel file (.xlsx).")
FILE_TOO_BIG = gettext_lazy("The file is larger than 5 MB. Split it into smaller files.")
FILE_ENCODING = gettext_lazy(
    "The file is not saved as UTF-8. In Excel, choose “CSV UTF-8” when you save it, "
    "or upload the Excel file (.xlsx) itself."
)
FILE_UNREADABLE_CSV = gettext_lazy("The file could not be read as CSV.")
FILE_UNREADABLE_XLSX = gettext_lazy("The file could not be read as an Excel workbook.")
FILE_TOO_BIG_UNPACKED = gettext_lazy(
    "The Excel file holds more than %(max)s MB once unpacked. Split it into smaller files."
)
FILE_PACKED_ODDLY = gettext_lazy(
    "The Excel file is packed in an unusual way and is not read. Save it again in Excel, "
    "or upload it as a CSV file."
)
FILE_TOO_COMPLEX = gettext_lazy(
    "The Excel file is too complex to read. Save only the sheet of the import in a new "
    "workbook, or upload it as a CSV file."
)
FILE_TOO_MANY_CELLS = gettext_lazy(
    "A sheet of the Excel file has more than %(max)s cells. Split it into smaller files."
)
FILE_TOO_MANY_COLUMNS = gettext_lazy(
    "A sheet of the Excel file has values beyond column %(max)s. Keep only the columns of "
    "the import."
)
FILE_EMPTY = gettext_lazy("The file has no rows below the column names.")
FILE_TOO_MANY_ROWS = gettext_lazy("The file has more than %(max)s rows. Split it up.")
COLUMNS_MISSING = gettext_lazy("The file lacks these columns: %(columns)s.")
COLUMNS_UNKNOWN = gettext_lazy(
    "These columns are unknown: %(columns)s. Use the column names from the table."
)
COLUMNS_TWICE = gettext_lazy("These columns appear more than once: %(columns)s.")
# For the importers' row checks
VALUE_REQUIRED = gettext_lazy("%(column)s: this column is required.")
UNKNOWN_KEYS = gettext_lazy("%(column)s: unknown keys %(keys)s.")
INVALID_CHOICE = gettext_lazy("%(column)s: “%(value)s” is not allowed. Choose from %(choices)s.")
INVALID_DATE = gettext_lazy("%(column)s: “%(value)s” is not a date. Write it as 31/12/2024.")
INVALID_YES_NO = gettext_lazy("%(column)s: write “ja” or “nee”.")
# The job
CHECK_TOO_SLOW = gettext_lazy(
    "Checking the file took too long. Split it into smaller files and upload them one by one."
)
CHECK_FAILED = gettext_lazy(
    "The file could not be checked. Upload it again, or upload it as a CSV file."
)
CHECK_STOPPED = gettext_lazy("Checking the file stopped unexpectedly. Upload it again.")
NOT_CHECKED = gettext_lazy(
    "The file is still being checked. Wait for the report before you start the import."
)
NOT_PREVIEWED = gettext_lazy("This import has already been started.")
HAS_ERRORS = gettext_lazy("Correct the rows with errors and upload the file again.")
ROW_FAILED = gettext_lazy("Row %(row)s: %(message)s")
ROW_CRASHED = gettext_lazy("Row %(row)s could not be imported.")
FAILED = gettext_lazy("The import failed; nothing was imported.")
STOPPED = gettext_lazy("The import stopped unexpectedly. Upload the file again.")

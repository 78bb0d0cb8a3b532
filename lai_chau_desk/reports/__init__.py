"""Report figures -> the official PDF (ReportLab) and an XLSX workbook (openpyxl). No Qt.

The input is plain data (:mod:`.model`); services fill it, this package only lays it out.
ReportLab and openpyxl are imported inside the functions that need them.
"""

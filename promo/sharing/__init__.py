"""Sharing with partners: owner login (protection: what the settings configure, auth: hashes and the throttle),
the public address links are built on (links), the read-only views a share link shows, the report files (Excel,
offline HTML, PNG) built from them and the names of downloaded files (filenames). The public names are these
modules, imported when used (openpyxl and the report code load only when a report is made)."""

__all__ = ["auth", "filenames", "links", "protection", "reports", "views"]

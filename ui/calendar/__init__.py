"""The calendar page's parts, one module per part of the page: ``state`` (session keys, the working plan, changes),
``summary`` (year, undo/redo, totals, rule problems, charts) and one module per tab (``items``, ``season``,
``rules``, ``optimizer``, ``files``)."""
from . import files, items, optimizer, rules, season, state, summary

__all__ = ["files", "items", "optimizer", "rules", "season", "state", "summary"]

"""The Data page's tabs, one module each (``pages/data.py`` only lays them out): import a log, segments from it,
campaign history and calibration, readout of a finished campaign, measured deal effects, review of a past
promotion. ``state`` holds the session-state keys, the cached reads and the message after a write."""

__all__ = ["campaigns", "deals", "imports", "readout", "review", "segments", "state"]

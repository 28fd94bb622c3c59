"""Customer data: the transaction-log import (ingest, with its size limits and the mixed-encoding check), RFM
lifecycle segments, response rates measured on past campaigns, the measured figures offered to the simulator,
campaign readouts, test-data generation and the demo business. The public names are these modules; they are
imported when used (pandas and pyarrow stay unloaded until a page or command needs them)."""

__all__ = ["demo", "encodings", "generator", "headers", "ingest", "lifecycle", "limits", "measured", "readout",
           "response_rates", "rules"]

"""Command-line commands of the data feature (filled in by its issue)."""


def register(sub, common) -> None:
    """Add this feature's subcommands to the `python -m promo` parser."""

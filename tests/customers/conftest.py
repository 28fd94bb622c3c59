"""Fixtures of the customer-data tests: an in-memory database and small files written on the fly."""
import pytest

from promo import store
from promo.customers import ingest


@pytest.fixture
def con():
    c = store.connect(":memory:")
    yield c
    c.close()


@pytest.fixture
def write_file(tmp_path):
    """write_file(name, text_or_bytes, encoding='utf-8') → path."""
    def make(name, content, encoding="utf-8"):
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path
    return make


@pytest.fixture
def load(con, write_file):
    """load(csv_text, **import options) → Report, importing into ``con``."""
    def go(text, name="log.csv", **opts):
        return store.import_transactions(con, ingest.read_table(write_file(name, text)), **opts)
    return go


def column(raw, name: str) -> list:
    """The text values of one column of a read file, as the store scans them."""
    import duckdb

    cur = duckdb.connect()
    src, params = raw.scan(cur)
    return [v for (v,) in cur.execute(f"SELECT c{raw.index(name)} FROM ({src})", params).fetchall()]


def line_log(**options):
    """For a module fixture (``yield from``): an in-memory database holding a generated line-item log, and the
    generator's output (its deals and truth)."""
    from promo.customers import generator

    g = generator.line_items(**options)
    c = store.connect(":memory:")
    store.import_transactions(c, ingest.from_frame(g.lines, "lines.csv"))
    yield c, g
    c.close()

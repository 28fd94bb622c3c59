"""The database: one package owns it; every function takes the connection and uses its own cursor.

One DuckDB connection per process, a cursor per query (Streamlit runs each session in
its own thread), bound parameters only, writes inside ``write``'s transaction, which
retries a write-write conflict. Each area keeps its queries in its own module here.
"""
from .app import *  # noqa: F403
from .app import __all__ as _app
from .base import DB_ENV, DEFAULT_DB, ROOT, connect, db_path, migrate, schema_version, write
from .data import *  # noqa: F403
from .data import __all__ as _data
from .parsing import DATE_FORMATS, DATE_ORDERS, ISO
from .transactions import *  # noqa: F403
from .transactions import __all__ as _transactions
from .campaigns import *  # noqa: F403
from .campaigns import __all__ as _campaigns
from .deals import *  # noqa: F403
from .deals import __all__ as _deals
from .reviews import *  # noqa: F403
from .reviews import __all__ as _reviews
from .plans import *  # noqa: F403
from .plans import __all__ as _plans
from .shares import *  # noqa: F403
from .shares import __all__ as _shares
from .working_plan import *  # noqa: F403
from .working_plan import __all__ as _working_plan

__all__ = [*_app, "DB_ENV", "DEFAULT_DB", "ROOT", "connect", "db_path", "migrate", "schema_version", "write", *_data,
           "DATE_FORMATS", "DATE_ORDERS", "ISO", *_transactions,
           *_campaigns, *_deals, *_reviews, *_plans, *_shares, *_working_plan]

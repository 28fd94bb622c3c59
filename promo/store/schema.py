"""Schema versions, oldest first; a new feature appends a version, never edits an old one."""

MIGRATIONS: list[tuple[int, list[str]]] = [
    (1, [
        "CREATE TABLE settings (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
        "CREATE TABLE segments (key VARCHAR PRIMARY KEY, position INTEGER NOT NULL, data JSON NOT NULL)",
        "CREATE SEQUENCE scenario_id START 1",
        """CREATE TABLE scenarios (
               id BIGINT PRIMARY KEY DEFAULT nextval('scenario_id'),
               name VARCHAR NOT NULL,
               type VARCHAR NOT NULL,
               campaign JSON NOT NULL,
               summary JSON NOT NULL,
               created TIMESTAMP NOT NULL,
               updated TIMESTAMP NOT NULL)""",
    ]),
    (2, [  # customer data: transaction log, campaign history, segment rules and their recorded switches
        "CREATE SEQUENCE import_id START 1",
        """CREATE TABLE imports (
               id BIGINT PRIMARY KEY DEFAULT nextval('import_id'),
               kind VARCHAR NOT NULL,
               source VARCHAR NOT NULL,
               rows BIGINT NOT NULL,
               report JSON NOT NULL,
               created TIMESTAMP NOT NULL)""",
        """CREATE TABLE transactions (
               customer_id VARCHAR NOT NULL,
               ts TIMESTAMP NOT NULL,
               day DATE NOT NULL,
               amount DECIMAL(18, 2) NOT NULL,
               order_id VARCHAR,
               discount DECIMAL(18, 2),
               store VARCHAR,
               import_id BIGINT NOT NULL)""",
        """CREATE TABLE campaign_targets (
               campaign_id VARCHAR NOT NULL,
               customer_id VARCHAR NOT NULL,
               promo_type VARCHAR NOT NULL,
               start_date DATE NOT NULL,
               end_date DATE NOT NULL,
               holdout BOOLEAN NOT NULL,
               import_id BIGINT NOT NULL)""",
        """CREATE TABLE campaign_responses (
               campaign_id VARCHAR NOT NULL,
               customer_id VARCHAR NOT NULL,
               response_date DATE NOT NULL,
               value DECIMAL(18, 2),
               import_id BIGINT NOT NULL)""",
        "CREATE TABLE segment_rules (id INTEGER PRIMARY KEY, data JSON NOT NULL)",
        "CREATE SEQUENCE segment_history_id START 1",
        """CREATE TABLE segment_history (
               id BIGINT PRIMARY KEY DEFAULT nextval('segment_history_id'),
               applied TIMESTAMP NOT NULL,
               note VARCHAR NOT NULL,
               before JSON NOT NULL,
               after JSON NOT NULL,
               reverted TIMESTAMP)""",
    ]),
    (3, [  # year plans: the plan and rules files as JSON, with their totals when saved
        "CREATE SEQUENCE plan_id START 1",
        """CREATE TABLE plans (
               id BIGINT PRIMARY KEY DEFAULT nextval('plan_id'),
               name VARCHAR NOT NULL,
               year INTEGER NOT NULL,
               plan JSON NOT NULL,
               rules JSON NOT NULL,
               summary JSON NOT NULL,
               created TIMESTAMP NOT NULL,
               updated TIMESTAMP NOT NULL)""",
    ]),
]

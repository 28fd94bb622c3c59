"""Campaign history: who was targeted (or held out) when, who responded, and what they spent in the window."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..customers.ingest import RESPONSE_FIELDS, TARGET_FIELDS, Issue, Raw, auto_map, select_sql
from ..errors import InputError, did_you_mean
from .base import _now, write
from .parsing import date_scan, date_value, final_date, number_sql, slash_order

if TYPE_CHECKING:
    import pandas as pd

_HOLDOUT = {"1": True, "true": True, "yes": True, "y": True, "是": True, "对照": True, "对照组": True, "holdout": True,
            "control": True, "0": False, "false": False, "no": False, "n": False, "否": False, "目标": False,
            "target": False, "targeted": False, "": False}


def _type_names() -> dict:
    """Promotion type key, Chinese name or English name (lower case) → key."""
    from ..model import TYPES  # here: the import and RFM commands start without the model

    return {**{k: k for k in TYPES}, **{tp.zh: k for k, tp in TYPES.items()},
            **{tp.en.lower(): k for k, tp in TYPES.items()}}


def _issues(df: pd.DataFrame, checks: dict) -> list[Issue]:
    """An Issue (blocking) per check with at least one row: count, first 20 rows, first 5 examples."""
    out = []
    for code, (mask, example) in checks.items():
        bad = df[mask]
        if len(bad):
            out.append(Issue(code, len(bad), bad["_row"].head(20).tolist(), bad[example].head(5).astype(str).tolist()))
    return out


def _parse(cur, raw: Raw, mapping: dict | None, fields: dict, dates: tuple, money: tuple,
           date_order: str) -> pd.DataFrame:
    """The mapped columns, trimmed, with dates (``<col>_ts``) and money (``<col>_value``) parsed in DuckDB."""
    mapping = auto_map(raw.columns, fields) if mapping is None else mapping
    src, params = raw.scan(cur, "incoming")
    scans = ", ".join(date_scan(f'"{c}"', f"{c}_p") for c in dates)
    raw.read(cur, f"CREATE OR REPLACE TEMP TABLE incoming_scanned AS SELECT *, {scans} "
             f"FROM ({select_sql(raw, mapping, fields, f'({src})')})", params)
    raw.check_rejects(cur, "incoming")
    values = ", ".join([date_value(f"{c}_p") for c in dates] +
                       [f'{number_sql(chr(34) + c + chr(34))} AS "{c}_value"' for c in money])
    cur.execute(f"CREATE OR REPLACE TEMP TABLE incoming_parsed AS "
                f"SELECT {raw.row_sql(cur, 'incoming_scanned')} AS _row, *, {values} FROM incoming_scanned")
    order = slash_order(cur, "incoming_parsed", tuple(f"{c}_p" for c in dates), date_order)
    ts = ", ".join(f'{final_date(f"{c}_p", order)} AS "{c}_ts"' for c in dates)
    df = cur.execute(f"SELECT _row, {ts}, * EXCLUDE (_row) FROM incoming_parsed ORDER BY _row").df()
    cur.execute("DROP TABLE incoming_parsed")
    cur.execute("DROP TABLE incoming_scanned")
    return df


def _blocked(name: str, issues: list[Issue]) -> InputError:
    en = "; ".join(f"{i.code.replace('_', ' ')}: {i.count} row(s) (rows {', '.join(map(str, i.rows[:10]))}; "
                   f"e.g. {i.examples[:3]})" for i in issues)
    zh = "；".join(f"{_ZH[i.code]}：{i.count} 行（第 {', '.join(map(str, i.rows[:10]))} 行；例如 {i.examples[:3]}）"
                  for i in issues)
    return InputError(f"Nothing was imported from '{name}': {en}. Fix these rows and import again.",
                      f"「{name}」未导入任何数据：{zh}。请修正这些行后重新导入。", field="file")


_ZH = {"blank_campaign": "活动ID为空", "blank_customer": "客户ID为空", "unknown_type": "促销类型无法识别",
       "bad_start": "开始日期无法识别", "bad_end": "结束日期无法识别", "end_before_start": "结束日期早于开始日期",
       "bad_holdout": "对照组标记无法识别（用 1/0、是/否）", "inconsistent_campaign": "同一活动的类型或日期不一致",
       "duplicate_target": "同一活动中客户重复", "bad_response_date": "响应日期无法识别", "bad_value": "金额不是数字"}


def _targets(cur, raw: Raw, mapping, date_order) -> tuple[pd.DataFrame, list[Issue]]:
    df = _parse(cur, raw, mapping, TARGET_FIELDS, ("start_date", "end_date"), (), date_order)
    names = _type_names()
    df["type_key"] = df["promo_type"].map(lambda v: names.get(v.strip().lower()) if isinstance(v, str) else None)
    hold = df["holdout"].fillna("").str.strip().str.lower()
    df["holdout_flag"] = hold.map(_HOLDOUT)
    per = df.groupby("campaign_id")[["type_key", "start_date_ts", "end_date_ts"]].nunique()
    mixed = per[(per > 1).any(axis=1)].index
    issues = _issues(df, {
        "blank_campaign": (df["campaign_id"].isna(), "campaign_id"),
        "blank_customer": (df["customer_id"].isna(), "customer_id"),
        "unknown_type": (df["type_key"].isna(), "promo_type"),
        "bad_start": (df["start_date_ts"].isna(), "start_date"),
        "bad_end": (df["end_date_ts"].isna(), "end_date"),
        "end_before_start": (df["end_date_ts"] < df["start_date_ts"], "end_date"),
        "bad_holdout": (df["holdout_flag"].isna(), "holdout"),
        "inconsistent_campaign": (df["campaign_id"].isin(mixed), "campaign_id"),
        "duplicate_target": (df.duplicated(["campaign_id", "customer_id"]) & df["customer_id"].notna(), "customer_id"),
    })
    bad_type = next((i for i in issues if i.code == "unknown_type"), None)
    if bad_type:
        keys = sorted(set(names.values()), key=list(names.values()).index)
        hint_en, hint_zh = did_you_mean(bad_type.examples[0], keys)
        bad_type.data = {"allowed": keys, "hint_en": hint_en, "hint_zh": hint_zh}
    return df, issues


def _responses(cur, raw: Raw, mapping, date_order) -> tuple[pd.DataFrame, list[Issue]]:
    df = _parse(cur, raw, mapping, RESPONSE_FIELDS, ("response_date",), ("value",), date_order)
    return df, _issues(df, {
        "blank_campaign": (df["campaign_id"].isna(), "campaign_id"),
        "blank_customer": (df["customer_id"].isna(), "customer_id"),
        "bad_response_date": (df["response_date_ts"].isna(), "response_date"),
        "bad_value": (df["value"].notna() & df["value_value"].isna(), "value"),
    })


def import_campaigns(con, targets: Raw, responses: Raw, targets_map: dict | None = None,
                     responses_map: dict | None = None, date_order: str = "auto") -> dict:
    """Check both files, then replace the campaigns they name in one transaction (all or nothing).

    Returns counts and what was left out: responses of customers the campaign did not
    target, and responses dated outside the campaign window (kept, never counted).
    """
    import pandas as pd  # here, not at the top: only imports need it, and it costs every page's first run 0.3 s

    def go(cur):
        t, t_issues = _targets(cur, targets, targets_map, date_order)
        if t_issues:
            unknown_type = next((i for i in t_issues if i.code == "unknown_type"), None)
            err = _blocked(targets.name, t_issues)
            if unknown_type:
                allowed = ", ".join(unknown_type.data["allowed"])
                err = InputError(f"{err.en[:-1]} Allowed promotion types: {allowed}.{unknown_type.data['hint_en']}",
                                 f"{err.zh}可选促销类型：{allowed}。{unknown_type.data['hint_zh']}", field="promo_type")
            raise err
        r, r_issues = _responses(cur, responses, responses_map, date_order)
        if r_issues:
            raise _blocked(responses.name, r_issues)
        ids = sorted(t["campaign_id"].unique())
        report = {"campaigns": len(ids), "targets": len(t), "holdout": int(t["holdout_flag"].sum()),
                  "responses": len(r)}
        import_id = cur.execute("INSERT INTO imports (kind, source, rows, report, created) VALUES (?, ?, ?, ?, ?) "
                                "RETURNING id", ["campaigns", f"{targets.name} + {responses.name}", len(t) + len(r),
                                                 json.dumps(report), _now()]).fetchall()[0][0]
        cur.execute("DELETE FROM campaign_targets WHERE campaign_id = ANY(?)", [ids])
        cur.execute("DELETE FROM campaign_responses WHERE campaign_id = ANY(?)", [ids])
        cur.register("t_new", pd.DataFrame({
            "campaign_id": t["campaign_id"], "customer_id": t["customer_id"], "promo_type": t["type_key"],
            "start_date": t["start_date_ts"].dt.date, "end_date": t["end_date_ts"].dt.date,
            "holdout": t["holdout_flag"].astype(bool), "channel": t["channel"]}))
        cur.execute("INSERT INTO campaign_targets (campaign_id, customer_id, promo_type, start_date, end_date, "
                    "holdout, channel, import_id) SELECT *, ? FROM t_new", [import_id])
        cur.register("r_new", pd.DataFrame({
            "campaign_id": r["campaign_id"], "customer_id": r["customer_id"],
            "response_date": r["response_date_ts"].dt.date, "value": r["value_value"]}))
        cur.execute("INSERT INTO campaign_responses SELECT campaign_id, customer_id, response_date, value, ? "
                    "FROM r_new", [import_id])
        return {**report, "import_id": int(import_id), **_exclusions(cur)}
    return write(con, go)


def response_exclusions(con) -> dict:
    """Responses not counted: from customers the campaign did not target, or dated outside its window."""
    return _exclusions(con.cursor())


def _exclusions(cur) -> dict:
    not_targeted, outside = cur.execute("""
        WITH w AS (SELECT DISTINCT campaign_id, start_date, end_date FROM campaign_targets)
        SELECT count(*) FILTER (WHERE t.customer_id IS NULL),
               count(*) FILTER (WHERE t.customer_id IS NOT NULL
                                AND r.response_date NOT BETWEEN w.start_date AND w.end_date)
        FROM campaign_responses r
        LEFT JOIN campaign_targets t USING (campaign_id, customer_id)
        LEFT JOIN w USING (campaign_id)""").fetchall()[0]
    return {"not_targeted": int(not_targeted), "outside_window": int(outside)}


def campaign_list(con) -> pd.DataFrame:
    return con.cursor().execute("""
        SELECT campaign_id, any_value(promo_type) AS promo_type, min(start_date) AS start_date,
               max(end_date) AS end_date,
               count(*) FILTER (WHERE NOT holdout) AS targeted, count(*) FILTER (WHERE holdout) AS holdout
        FROM campaign_targets GROUP BY campaign_id ORDER BY start_date, campaign_id""").df()


def outcomes(con, campaign_id: str | None = None) -> pd.DataFrame:
    """One row per targeted or held-out customer: responded inside the window, response value, spend in the window."""
    df = con.cursor().execute("""
        WITH t AS (SELECT * FROM campaign_targets WHERE $cid IS NULL OR campaign_id = $cid),
        r AS (SELECT t.campaign_id, t.customer_id, sum(coalesce(r.value, 0))::DOUBLE AS value
              FROM t JOIN campaign_responses r USING (campaign_id, customer_id)
              WHERE r.response_date BETWEEN t.start_date AND t.end_date GROUP BY ALL),
        s AS (SELECT t.campaign_id, t.customer_id, sum(x.amount)::DOUBLE AS spend
              FROM t JOIN transactions x ON x.customer_id = t.customer_id AND x.day BETWEEN t.start_date AND t.end_date
              GROUP BY ALL)
        SELECT t.campaign_id, t.customer_id, t.promo_type, t.start_date, t.end_date, t.holdout,
               r.customer_id IS NOT NULL AS responded, coalesce(r.value, 0) AS response_value,
               coalesce(s.spend, 0) AS spend
        FROM t LEFT JOIN r USING (campaign_id, customer_id) LEFT JOIN s USING (campaign_id, customer_id)
        ORDER BY t.campaign_id, t.customer_id""", {"cid": campaign_id}).df()
    return df


def has_campaigns(con) -> bool:
    """Whether any campaign history is stored: one cheap query, before anything loads pandas to read it."""
    return bool(con.cursor().execute("SELECT EXISTS (SELECT 1 FROM campaign_targets)").fetchall()[0][0])


__all__ = ["import_campaigns", "response_exclusions", "campaign_list", "outcomes", "has_campaigns"]

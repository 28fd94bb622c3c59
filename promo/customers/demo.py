"""The embedded demo business: created on first start so every page shows something at once."""
from __future__ import annotations

from .. import store
from ..model.campaign import make_campaign
from ..model.simulation import simulate

BUSINESS = {"zh": "丽颜美妆连锁（演示）", "en": "Liyan Cosmetics chain (demo)"}

# (name zh / en, type, segments, params, settings)
SCENARIOS = (
    ("双11 八五折 · 活跃老客", "Double 11 15% off · active", "discount", ["active"], {"depth": 0.15}, {"duration_weeks": 2}),
    ("满100减20 券唤醒沉睡顾客", "20-off coupon wakes dormant", "coupon", ["dormant", "half_dormant"],
     {"face_value": 20, "min_spend": 100, "channel": "wechat"}, {"reach": 0.8}),
    ("满199送旅行装 · 新客", "Gift with 199 spend · new", "gift", ["new"], {}, {}),
    ("社区派发试用装 5000 份", "5,000 samples near the shop", "free_trial", ["prospects"], {"samples": 5000}, {"duration_weeks": 1}),
    ("周年庆抽奖", "Anniversary lottery", "lottery", ["active", "vip"], {}, {"duration_weeks": 3}),
    ("金卡会员计划", "Gold card membership", "membership", ["active", "vip"], {}, {"reach": 0.8}),
    ("与乳品店联合促销", "Co-promotion with a dairy shop", "co_promotion", ["prospects", "new"], {}, {}),
)


def seed(con, lang: str = "zh", draws: int = 4000) -> None:
    """Fill an empty database with the demo business (deterministic: fixed seeds)."""
    store.save_settings(con, business_name=BUSINESS[lang], currency="¥", language=lang, default_margin=0.5)
    store.reset_segments(con)
    segs = store.load_segments(con)
    for i, (zh, en, type_, seg_keys, params, settings) in enumerate(SCENARIOS):
        c = make_campaign(type_, seg_keys, params, **settings)
        r = simulate(c, segs, draws=draws, seed=i + 1)
        store.save_scenario(con, zh if lang == "zh" else en, c, r.to_dict())


def open_or_create(path=None):
    """Connect; if the file did not exist, seed the demo. Returns the connection."""
    target = store.db_path() if path is None else path
    fresh = str(target) == ":memory:" or not __import__("pathlib").Path(target).exists()
    con = store.connect(target)
    if fresh or not store.list_scenarios(con) and not store.get_settings(con)["business_name"]:
        seed(con)
    return con

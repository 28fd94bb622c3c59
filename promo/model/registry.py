"""The ten promotion types: what they are, their parameters and defaults with sources.

Pages, the CLI and the optimizer fill their pickers from ``TYPES``; the maths for each
type lives in ``mechanics.py`` under the same key.
"""
from __future__ import annotations

from dataclasses import dataclass, field

LEGAL_PRIZE_CAP = 50_000.0
LEGAL_PRIZE_SOURCE = "反不正当竞争法 (Anti-Unfair Competition Law of the PRC, 2018, art. 10; kept in the 2025 revision)"

ASSUMPTION = "model assumption; calibrate with your own campaigns (Data page)"


@dataclass(frozen=True)
class Uncertainty:
    """How an input varies between scenarios.

    beta: a rate with mean = the value and concentration ``k`` (larger = surer);
    lognormal: a multiplier with mean 1 and log-sd ``sigma``;
    pert: low = value × ``lo``, mode = value, high = value × ``hi``.
    """

    kind: str
    k: float = 0.0
    sigma: float = 0.0
    lo: float = 1.0
    hi: float = 1.0


@dataclass(frozen=True)
class Choice:
    key: str
    zh: str
    en: str


@dataclass(frozen=True)
class Param:
    key: str
    zh: str
    en: str
    unit: str  # yuan | share | people | count | weeks | ratio | times
    lo: float
    hi: float
    default: float | str
    source: str
    help_zh: str
    help_en: str
    step: float = 1.0
    unc: Uncertainty | None = None
    choices: tuple[Choice, ...] = ()

    @property
    def is_choice(self) -> bool:
        return bool(self.choices)

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def help(self, lang: str) -> str:
        return self.help_zh if lang == "zh" else self.help_en


@dataclass(frozen=True)
class PromoType:
    key: str
    zh: str
    en: str
    desc_zh: str
    desc_en: str
    objectives: tuple[str, ...]
    strengths_zh: tuple[str, ...]
    strengths_en: tuple[str, ...]
    weaknesses_zh: tuple[str, ...]
    weaknesses_en: tuple[str, ...]
    suits: tuple[str, ...]  # segment keys it suits best
    params: tuple[Param, ...]
    cost_zh: str
    cost_en: str
    legal_zh: tuple[str, ...]
    legal_en: tuple[str, ...]
    max_runs_per_year: int
    max_runs_source: str
    price_offer: bool = False  # cuts the price customers pay: two must not overlap
    dip: float = 0.0  # post-promotion dip as a share of the incremental orders
    icon: str = ""
    param_index: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self.param_index.update({p.key: p for p in self.params})

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def param(self, key: str) -> Param:
        return self.param_index[key]

    def defaults(self) -> dict:
        return {p.key: p.default for p in self.params}


PURPOSES = ("sales", "acquisition", "reactivation", "loyalty", "awareness", "data")

_BETA = Uncertainty("beta", k=40)
_BETA_WIDE = Uncertainty("beta", k=15)
_LIFT = Uncertainty("lognormal", sigma=0.3)


def _p(key, zh, en, unit, lo, hi, default, source, help_zh, help_en, step=1.0, unc=None, choices=()):
    return Param(key, zh, en, unit, lo, hi, default, source, help_zh, help_en, step, unc, choices)


_DISCOUNT = (
    _p("depth", "折扣幅度", "Discount depth", "share", 0.01, 0.8, 0.15,
       "typical retail price promotion (van Heerde, Leeflang & Wittink 2000)",
       "价格降低的比例，例如 0.15 = 打八五折。", "Share taken off the price, e.g. 0.15 = 15% off.", 0.01),
    _p("dead_zone", "无效折扣线", "Dead-zone threshold", "share", 0.0, 0.3, 0.08,
       "seed text: too small a cut does nothing; threshold effects reported by Gupta & Cooper 1992",
       "低于此幅度顾客几乎不反应。", "Below this depth customers barely react.", 0.01),
    _p("suspicion", "可疑折扣线", "Suspicion level", "share", 0.3, 0.9, 0.5,
       "seed text: too deep a cut makes customers suspect fake or poor goods",
       "超过此幅度顾客开始怀疑商品质量，参与下降。", "Beyond this depth customers suspect poor goods and respond less.", 0.01),
    _p("elasticity", "促销弹性", "Promotional elasticity", "ratio", 0.5, 8.0, 3.6,
       "van Heerde/Neslin: promotional elasticity about −3.6 (absolute value)",
       "每降价 1% 销量增加的百分比（绝对值）。", "Percent volume gain per percent of price cut (absolute value).", 0.1,
       _LIFT),
    _p("incremental_share", "真实增量占比", "Incremental share of bump", "share", 0.1, 1.0, 0.45,
       "Ailawadi et al. 2007 (CVS): about 45% of the bump is incremental for the retailer",
       "促销带来的销量中真正新增（非转移）的比例。", "Share of the sales bump that is truly new, not shifted.", 0.01,
       _BETA),
    _p("dip", "促销后回落", "Post-promotion dip", "share", 0.0, 0.5, 0.12,
       "van Heerde, Leeflang & Wittink 2000: dip of 4–25% of the bump",
       "促销结束后因提前购买而减少的销量占增量的比例。",
       "Share of the extra volume that is only pulled forward and missing after the promotion.", 0.01,
       Uncertainty("pert", lo=0.33, hi=2.0)),
)

_GIFT = (
    _p("gift_cost", "赠品单位成本", "Gift unit cost", "yuan", 0.0, 500.0, 15.0,
       "demo cosmetics chain: travel-size item at cost", "每件赠品的采购成本。", "What one gift costs you.", 1.0),
    _p("perceived_value", "赠品感知价值", "Gift perceived value", "yuan", 0.0, 1000.0, 35.0,
       "demo: retail price of the travel-size item", "顾客心中赠品值多少钱。", "What customers think the gift is worth.", 1.0),
    _p("min_spend", "满额门槛", "Minimum spend", "yuan", 0.0, 5000.0, 199.0,
       "demo: common '满199送' threshold", "消费满多少才送赠品（0 = 买即送）。",
       "Spend needed to get the gift (0 = with any purchase).", 1.0),
    _p("gift_elasticity", "赠品吸引力", "Gift appeal", "ratio", 0.2, 6.0, 2.0,
       ASSUMPTION + "; a gift is valued below cash of the same value",
       "赠品感知价值占订单比例每 1% 带来的销量增幅（%）。",
       "Percent volume gain per percent of order value given as a gift.", 0.1, _LIFT),
)

_REBATE = (
    _p("amount", "返现金额", "Rebate amount", "yuan", 1.0, 2000.0, 30.0,
       "demo: cash-back on a 200-yuan purchase", "每次申领返还的金额。", "Cash returned per claim.", 1.0),
    _p("claim_rate", "申领率", "Claim rate", "share", 0.01, 1.0, 0.3,
       "published rebate studies: 10–60% of buyers claim, typically 20–40%",
       "购买者中实际申领返现的比例。", "Share of buyers who send in a claim.", 0.01, _BETA),
    _p("slippage", "兑付流失率", "Slippage", "share", 0.0, 0.5, 0.15,
       "published rebate studies: 5–25% of approved rebates are never cashed",
       "已批准但从未兑现的比例。", "Share of approved rebates never cashed.", 0.01, _BETA),
    _p("fulfilment_cost", "每笔处理成本", "Fulfilment cost per claim", "yuan", 0.0, 100.0, 3.0,
       "demo: staff time and transfer fee per claim", "处理一笔申领的成本。", "Cost of handling one claim.", 0.5),
    _p("rebate_elasticity", "返现吸引力", "Rebate appeal", "ratio", 0.1, 5.0, 1.0,
       ASSUMPTION + "; rebates appeal weakly to buyers (seed text)",
       "返现占订单比例每 1% 带来的销量增幅（%）。", "Percent volume gain per percent of order value rebated.", 0.1, _LIFT),
)

COUPON_CHANNELS = (
    Choice("sms", "短信", "SMS"),
    Choice("wechat", "微信/小程序", "WeChat / mini-program"),
    Choice("app", "App 推送", "App push"),
    Choice("mail", "邮寄/DM", "Direct mail"),
    Choice("in_store", "店内派发", "In store"),
)
# channel: (share of the segment the channel can reach, redemption multiplier); model assumption
# ordered after the published ranges: mass drops redeem least, handed-out and digital-to-known most.
CHANNEL_EFFECT = {
    "sms": (0.95, 1.0),
    "wechat": (0.7, 1.2),
    "app": (0.4, 0.9),
    "mail": (0.9, 0.6),
    "in_store": (0.3, 2.5),
}

_COUPON = (
    _p("face_value", "券面额", "Face value", "yuan", 1.0, 1000.0, 10.0,
       "demo: common 满100减10 e-coupon", "每张券抵扣的金额。", "Amount the coupon takes off.", 1.0),
    _p("min_spend", "使用门槛", "Minimum spend", "yuan", 0.0, 5000.0, 100.0,
       "demo: 满100减10", "满多少元可用（0 = 无门槛）。", "Spend needed to use it (0 = none).", 1.0),
    _p("channel", "发放渠道", "Distribution channel", "choice", 0, 0, "sms",
       "channel reach and redemption relative to SMS: " + ASSUMPTION,
       "影响可触达比例和核销率。", "Sets how many can be reached and how many redeem.", choices=COUPON_CHANNELS),
    _p("cost_per_send", "每次发放成本", "Cost per send", "yuan", 0.0, 20.0, 0.05,
       "typical bulk SMS price in China, 0.03–0.06 yuan", "每发出一张券的成本。", "Cost of sending one coupon.", 0.01),
    _p("redemption_rate", "核销率", "Redemption rate", "share", 0.001, 0.9, 0.06,
       "digital load-to-card about 7%, print-at-home about 8%, newspaper 0.5–1.1% (Inmar/NCH)",
       "收到券的顾客中使用的比例（标准客群）。", "Share of recipients who redeem (reference segment).", 0.001, _BETA_WIDE),
    _p("handling_cost", "每张核销处理费", "Handling cost per redemption", "yuan", 0.0, 10.0, 0.5,
       "retailer handling fee about 8 US cents per coupon (NCH), rounded up for staff time",
       "每核销一张券的处理成本。", "Cost of processing one redeemed coupon.", 0.1),
    _p("validity_weeks", "有效期", "Validity", "weeks", 1.0, 26.0, 4.0,
       "demo: four-week e-coupon", "券可使用的周数。", "Weeks the coupon stays valid.", 1.0),
)

_CO = (
    _p("partner_audience", "合作方受众", "Partner audience", "people", 0.0, 5_000_000.0, 20_000.0,
       "seed text: a partner with hundreds of outlets", "合作方能触达的人数。", "People the partner reaches.", 1000.0),
    _p("overlap", "受众重叠", "Audience overlap", "share", 0.0, 1.0, 0.3,
       ASSUMPTION, "合作方受众中本来就是你顾客的比例。", "Share of the partner's audience already yours.", 0.01),
    _p("cost_share", "我方承担比例", "Our cost share", "share", 0.0, 1.0, 0.5,
       "even split is the usual starting point", "联合成本中由我方承担的比例。", "Share of the joint cost you pay.", 0.01),
    _p("joint_cost", "联合固定成本", "Joint fixed cost", "yuan", 0.0, 2_000_000.0, 20_000.0,
       "demo: banners, printing and staff at both parties", "物料、人员等联合固定成本。", "Shared fixed cost: materials, staff.", 500.0),
    _p("offer_cost", "每位参与者优惠成本", "Offer cost per participant", "yuan", 0.0, 500.0, 8.0,
       "seed text: spend 100, collect a box of milk", "每位参与者获得的优惠成本。", "Cost of the offer per participant.", 1.0),
    _p("participation", "参与率", "Participation rate", "share", 0.001, 0.5, 0.03,
       ASSUMPTION, "触达的人中参与活动的比例。", "Share of those reached who take part.", 0.001, _BETA_WIDE),
    _p("partner_gain", "合作方每人收益", "Partner gain per participant", "yuan", 0.0, 500.0, 6.0,
       ASSUMPTION, "合作方从每位参与者获得的毛利。", "Gross margin the partner earns per participant.", 1.0),
)

_TRIAL = (
    _p("samples", "试用装数量", "Samples", "count", 0.0, 1_000_000.0, 5000.0,
       "seed text: 5,000 trial packs handed out within 1 km of a shop", "派发的试用装数量。", "Trial packs handed out.", 100.0),
    _p("unit_cost", "试用装单位成本", "Sample unit cost", "yuan", 0.0, 200.0, 6.0,
       "demo: travel-size sample at cost", "每份试用装成本。", "Cost of one sample.", 0.5),
    _p("distribution_cost", "每份派发成本", "Distribution cost per sample", "yuan", 0.0, 50.0, 1.5,
       "demo: street promoter time per pack handed out", "派发一份的人工等成本。", "Cost of handing out one sample.", 0.5),
    _p("conversion", "试用转化率", "Trial-to-purchase conversion", "share", 0.001, 0.8, 0.02,
       "seed text: 5,000 packs → 80–120 new customers (1.6–2.4%); in-store sampling up to 35%",
       "试用者中随后购买的比例。", "Share of those sampled who then buy.", 0.001, Uncertainty("pert", lo=0.8, hi=1.4)),
    _p("orders_per_buyer", "每位转化顾客订单数", "Orders per converted buyer", "count", 1.0, 10.0, 1.2,
       "seed text: 8,000–15,000 yuan from 80–120 customers", "转化顾客在活动期内的订单数。",
       "Orders a converted buyer places in the window.", 0.1),
)

_LOTTERY = (
    _p("prize1_value", "一等奖价值", "First prize value", "yuan", 0.0, 1_000_000.0, 5000.0,
       "demo; legal cap 50,000 yuan: " + LEGAL_PRIZE_SOURCE, "一等奖单个价值（按市场价计）。",
       "Value of one first prize (at market price).", 100.0),
    _p("prize1_count", "一等奖数量", "First prize count", "count", 0.0, 1000.0, 1.0, "demo", "一等奖个数。", "Number of first prizes.", 1.0),
    _p("prize2_value", "二等奖价值", "Second prize value", "yuan", 0.0, 1_000_000.0, 500.0, "demo", "二等奖单个价值。", "Value of one second prize.", 10.0),
    _p("prize2_count", "二等奖数量", "Second prize count", "count", 0.0, 10_000.0, 10.0, "demo", "二等奖个数。", "Number of second prizes.", 1.0),
    _p("prize3_value", "三等奖价值", "Third prize value", "yuan", 0.0, 1_000_000.0, 20.0, "demo", "三等奖单个价值。", "Value of one third prize.", 1.0),
    _p("prize3_count", "三等奖数量", "Third prize count", "count", 0.0, 100_000.0, 200.0, "demo", "三等奖个数。", "Number of third prizes.", 10.0),
    _p("entry", "参与条件", "Entry condition", "choice", 0, 0, "purchase",
       "seed text: draw tied to a purchase or a sign-up", "购物抽奖或注册即可抽奖。", "Draw tied to a purchase or to a sign-up.",
       choices=(Choice("purchase", "消费参与", "Purchase"), Choice("signup", "注册参与", "Sign-up"))),
    _p("min_spend", "抽奖消费门槛", "Minimum spend to enter", "yuan", 0.0, 5000.0, 100.0,
       "demo", "消费参与时的最低金额。", "Spend needed to enter (purchase entry).", 1.0),
    _p("entry_rate", "参与率", "Entry rate", "share", 0.001, 0.8, 0.05,
       ASSUMPTION + "; wide reach, attention (seed text)", "触达的人中参加抽奖的比例（标准客群）。",
       "Share of those reached who enter (reference segment).", 0.001, _BETA_WIDE),
    _p("signup_conversion", "注册者购买率", "Sign-up buyers", "share", 0.0, 1.0, 0.1,
       ASSUMPTION, "注册参与者中随后购买的比例。", "Share of sign-up entrants who then buy.", 0.01, _BETA_WIDE),
    _p("admin_cost", "管理与宣传成本", "Administration and publicity", "yuan", 0.0, 1_000_000.0, 8000.0,
       "seed text: high prize and publicity cost; demo figure", "公证、宣传、物料等固定成本。",
       "Fixed cost: notary, publicity, materials.", 500.0),
)

_QUIZ = (
    _p("prize_pool", "奖金池", "Prize pool", "yuan", 0.0, 1_000_000.0, 5000.0, "demo", "全部奖品总价值。", "Total value of all prizes.", 100.0),
    _p("top_prize", "最高奖价值", "Top prize", "yuan", 0.0, 1_000_000.0, 2000.0,
       "demo; legal cap applies if chance decides: " + LEGAL_PRIZE_SOURCE, "单个最高奖的价值。", "Value of the single top prize.", 100.0),
    _p("chance", "是否靠运气决定", "Decided by chance", "choice", 0, 0, "no",
       "a quiz decided by chance counts as a lottery (" + LEGAL_PRIZE_SOURCE + ")",
       "若获奖由抽签决定，按抽奖式有奖销售监管。", "If winners are drawn, the lottery rules apply.",
       choices=(Choice("no", "否（按答题）", "No (by skill)"), Choice("yes", "是（抽签）", "Yes (drawn)"))),
    _p("entry_rate", "参与率", "Entry rate", "share", 0.0005, 0.5, 0.005,
       "contests draw about a tenth of a draw's entries (domain figures)", "触达的人中参加竞猜的比例。",
       "Share of those reached who enter.", 0.0005, _BETA_WIDE),
    _p("purchase_conversion", "参与者购买率", "Entrants who buy", "share", 0.0, 1.0, 0.05,
       ASSUMPTION + "; little direct sales effect (seed text)", "参与者中随后购买的比例。", "Share of entrants who then buy.", 0.01, _BETA_WIDE),
    _p("awareness_rate", "认知提升率", "Awareness gain", "share", 0.0, 1.0, 0.1,
       ASSUMPTION, "触达的人中新记住品牌的比例。", "Share of those reached who newly remember the brand.", 0.01, _BETA_WIDE),
    _p("value_per_aware", "每位新认知者价值", "Value per newly aware person", "yuan", 0.0, 100.0, 1.0,
       ASSUMPTION + "; set from your brand tracking", "一位新记住品牌的人带来的长期毛利。",
       "Long-term margin from one newly aware person.", 0.1),
    _p("admin_cost", "组织成本", "Organising cost", "yuan", 0.0, 1_000_000.0, 3000.0, "demo", "题目、宣传、公证等成本。", "Questions, publicity, notary.", 500.0),
)

_SPONSOR = (
    _p("fee", "赞助费", "Sponsorship fee", "yuan", 0.0, 10_000_000.0, 50_000.0, "demo: a local event", "购买赞助权益的费用。", "Rights fee paid to the event.", 1000.0),
    _p("activation_ratio", "激活投入倍数", "Activation ratio", "ratio", 0.0, 5.0, 2.0,
       "IEG: activation spend about 1.9–2.2 × the rights fee", "配套宣传投入是赞助费的几倍。",
       "Activation spend as a multiple of the fee.", 0.1, Uncertainty("pert", lo=0.95, hi=1.1)),
    _p("audience", "活动受众", "Event audience", "people", 0.0, 10_000_000.0, 30_000.0, "demo", "活动能接触到的人数。", "People the event reaches.", 1000.0),
    _p("awareness_rate", "认知提升率", "Awareness gain", "share", 0.0, 1.0, 0.2,
       ASSUMPTION, "受众中新记住品牌的比例。", "Share of the audience who newly remember the brand.", 0.01, _BETA_WIDE),
    _p("lagged_conversion", "滞后购买率", "Lagged conversion", "share", 0.0, 0.5, 0.004,
       "IEG/ANA: sales effect small and lagged; " + ASSUMPTION, "受众中之后购买的比例。",
       "Share of the audience who buy later.", 0.001, _BETA_WIDE),
    _p("lag_weeks", "见效滞后", "Lag", "weeks", 0.0, 26.0, 6.0, ASSUMPTION, "活动后多少周开始见到销售。",
       "Weeks until the sales effect shows.", 1.0),
    _p("value_per_aware", "每位新认知者价值", "Value per newly aware person", "yuan", 0.0, 100.0, 1.0,
       ASSUMPTION + "; set from your brand tracking", "一位新记住品牌的人带来的长期毛利。",
       "Long-term margin from one newly aware person.", 0.1),
)

_MEMBER = (
    _p("reward_rate", "返利比例", "Reward rate", "share", 0.0, 0.2, 0.03,
       "loyalty programme studies: rewards of 1–5% of spend", "会员消费返还积分/折扣的比例。", "Share of spend returned as points.", 0.005),
    _p("breakage", "积分未兑换率", "Breakage", "share", 0.0, 0.9, 0.25,
       "retail loyalty studies: 20–30% of points never redeemed", "从未兑换的积分比例。", "Share of points never redeemed.", 0.01, _BETA),
    _p("fixed_cost", "年度固定成本", "Programme fixed cost per year", "yuan", 0.0, 10_000_000.0, 60_000.0,
       "demo: cards, system and staff", "会员系统、卡片、人员等年度成本。", "Yearly cost of system, cards and staff.", 1000.0),
    _p("enrol_rate", "入会率", "Enrolment rate", "share", 0.0, 1.0, 0.4,
       "loyalty programme studies: 20–70% of active customers enrol", "触达顾客中入会的比例（标准客群）。",
       "Share of reached customers who join (reference segment).", 0.01, _BETA),
    _p("spend_uplift", "消费提升", "Spend uplift", "share", 0.0, 1.0, 0.08,
       "loyalty studies: light and moderate buyers increase spend, heavy buyers mostly subsidised; " + ASSUMPTION,
       "会员比入会前多买的比例。", "Extra purchases members make.", 0.01, _LIFT),
    _p("retention_uplift", "留存率提升", "Retention uplift", "share", 0.0, 0.5, 0.05,
       ASSUMPTION + "; strong later effect (seed text)", "年留存率提高的百分点。", "Points added to yearly retention.", 0.01, _LIFT),
    _p("horizon_weeks", "评估周期", "Horizon", "weeks", 4.0, 156.0, 52.0, "one year, the usual loyalty review", "计算会员效果的周数。",
       "Weeks over which the programme is judged.", 1.0),
)


def _t(key, zh, en, desc_zh, desc_en, objectives, s_zh, s_en, w_zh, w_en, suits, params, cost_zh, cost_en,
       legal_zh, legal_en, max_runs, max_src, price_offer=False, dip=0.0, icon=""):
    return PromoType(key, zh, en, desc_zh, desc_en, objectives, s_zh, s_en, w_zh, w_en, suits, params,
                     cost_zh, cost_en, legal_zh, legal_en, max_runs, max_src, price_offer, dip, icon)


_PRICE_LAW_ZH = "标示“原价”须为降价前 7 日内的最低成交价（《规范促销行为暂行规定》）。"
_PRICE_LAW_EN = "The 'original price' in a price-cut claim must be the lowest price of the 7 days before (China); EU: lowest of 30 days."

TYPES: dict[str, PromoType] = {t.key: t for t in (
    _t("discount", "打折促销", "Discount",
       "在一段时间内直接降低售价。", "A temporary cut of the selling price.",
       ("sales",),
       ("见效快", "短期内拉动销量", "提高客单量"), ("Works fast", "Lifts short-term volume", "Bigger baskets"),
       ("时间长则成本高", "多为提前购买而非新增", "有损品牌形象", "难以恢复原价", "不宜频繁"),
       ("Costly if long", "Pulls sales forward rather than adding them", "Cheapens the brand",
        "Hard to return to full price", "Must not run often"),
       ("new", "half_dormant"), _DISCOUNT,
       "折扣金额 × 所有优惠订单（包括本来就会买的顾客）。", "Discount money on every deal order, including buyers who would have paid full price.",
       (_PRICE_LAW_ZH, "需说明促销理由并展示原价与现价。"), (_PRICE_LAW_EN, "State the reason and show before/after prices."),
       4, "seed text: offers must not be too frequent; " + ASSUMPTION, price_offer=True, icon=":material/sell:"),
    _t("gift", "赠品促销", "Free gift",
       "购买达到条件即送赠品。", "A free gift with a qualifying purchase.",
       ("sales", "acquisition", "loyalty"),
       ("吸引首次和重复购买", "加深品牌印象", "对抗竞争对手"), ("Draws first and repeat purchases", "Builds brand memory", "Counters rivals"),
       ("劣质赠品损害品牌", "增加成本", "并非人人看重赠品"), ("A poor gift hurts the brand", "Adds cost", "Not every buyer values the gift"),
       ("new", "active"), _GIFT,
       "赠品成本 × 领取次数。", "Gift unit cost × gifts handed out.",
       ("赠品须标明品名、数量；不得赠送假冒伪劣商品。",), ("Name the gift and quantity; no counterfeit or substandard gifts.",),
       6, ASSUMPTION, dip=0.05, icon=":material/redeem:"),
    _t("rebate", "退费优待", "Rebate",
       "购买后凭凭证申领返现。", "Cash back after purchase, claimed with proof.",
       ("acquisition", "data"),
       ("适合首次试用", "成本低（很多人不申领）", "收集顾客联系方式"), ("Suits first trials", "Low cost: many never claim", "Collects contact data"),
       ("对购买者吸引力弱",), ("Weak appeal to buyers",),
       ("prospects", "new"), _REBATE,
       "申领数 × 返现金额 × (1 − 流失率) + 申领数 × 处理成本。", "Claims × amount × (1 − slippage) + claims × fulfilment cost.",
       ("须公布申领条件与期限，按时兑付。",), ("Publish the claim terms and deadline; pay on time.",),
       6, ASSUMPTION, price_offer=True, dip=0.05, icon=":material/currency_exchange:"),
    _t("coupon", "优惠券", "Coupon",
       "发放下次或指定购买可用的抵扣券。", "A voucher for a later or targeted purchase.",
       ("sales", "reactivation", "loyalty"),
       ("对知名品牌和忠诚顾客有效", "适合发给老顾客", "唤醒沉睡顾客（电子红包）"),
       ("Works for known brands and loyal customers", "Good for existing customers", "Wakes dormant customers (e-red-packets)"),
       ("对新品牌作用弱", "取决于顾客态度"), ("Weak for new brands", "Depends on the customer's attitude"),
       ("active", "vip", "half_dormant", "dormant"), _COUPON,
       "发放数 × 每次发放成本 + 核销数 × (面额 + 处理费)。", "Sends × cost per send + redemptions × (face value + handling).",
       ("须写明使用条件、有效期。",), ("State the conditions and validity.",),
       8, ASSUMPTION, price_offer=True, dip=0.05, icon=":material/confirmation_number:"),
    _t("co_promotion", "合作促销", "Co-promotion",
       "与合作伙伴联合开展促销，共担成本。", "A joint promotion with a partner business, sharing the cost.",
       ("acquisition", "awareness"),
       ("分摊成本", "借助对方顾客和网点", "对方网点为你免费宣传"),
       ("Shared cost", "Partner's audience and outlets", "Partner's outlets advertise for you"),
       ("难找到匹配的伙伴",), ("Hard to find a well-matched partner",),
       ("prospects", "new"), _CO,
       "(联合固定成本 + 每人优惠成本 × 参与人数) × 我方承担比例。", "(Joint fixed cost + offer cost × participants) × our share.",
       ("合同写明双方责任与费用分摊。",), ("A contract sets out each party's duties and cost share.",),
       4, ASSUMPTION, icon=":material/handshake:"),
    _t("free_trial", "免费试用", "Free trial",
       "派发试用装或提供免费体验。", "Free samples or a free trial of the service.",
       ("acquisition", "reactivation"),
       ("接受度高", "试用后购买者多", "精准触达目标人群"), ("High acceptance", "Many buy after trying", "Reaches the right people"),
       ("成本较高", "过程难控制"), ("Higher cost", "Hard to control the process"),
       ("prospects", "new", "dormant"), _TRIAL,
       "派发数量 × (单位成本 + 派发成本)。", "Samples handed out × (unit cost + distribution cost).",
       ("试用品须符合质量标准并标注“试用装”。",), ("Samples must meet quality rules and be labelled as samples.",),
       6, "seed text: store schedule with rounds at 10 and 30–40 days; " + ASSUMPTION, icon=":material/science:"),
    _t("lottery", "抽奖促销", "Lottery",
       "消费或注册即可参加抽奖。", "A prize draw tied to a purchase or sign-up.",
       ("sales", "awareness", "data"),
       ("覆盖面广", "吸引关注", "带来新顾客和重复购买"), ("Wide reach", "Draws attention", "New buyers and repeat purchases"),
       ("奖品和宣传成本高", "效果难预测", "对新品牌弱", "一年只宜几次"),
       ("High prize and publicity cost", "Hard to predict", "Weak for new brands", "Only a few times a year"),
       ("active", "vip"), _LOTTERY,
       "奖品总价值 + 管理宣传成本（固定）。", "Total prize value + administration and publicity (fixed).",
       (f"最高奖不得超过 {LEGAL_PRIZE_CAP:,.0f} 元。", "须公布奖项种类、数量、中奖概率和兑奖条件，不得变更。"),
       (f"Top prize at most {LEGAL_PRIZE_CAP:,.0f} yuan (China).", "Publish prize types, counts, odds and terms; never change them.",
        "US: no purchase necessary, with an equal free route."),
       3, "seed text: only a few times a year", dip=0.0, icon=":material/casino:"),
    _t("prize_quiz", "有奖竞猜", "Prize quiz",
       "答题或竞猜赢奖品。", "A quiz or contest with prizes.",
       ("awareness", "data"),
       ("提升品牌知名度", "可针对特定人群"), ("Brand awareness", "Can target a chosen audience"),
       ("不够精准", "难以保持新鲜感", "直接销售作用小"), ("Imprecise", "Hard to keep fresh", "Little direct sales effect"),
       ("prospects", "active"), _QUIZ,
       "奖金池 + 组织成本（固定）。", "Prize pool + organising cost (fixed).",
       ("若由运气决定获奖，按抽奖式有奖销售处理（最高奖上限适用）。",),
       ("If chance decides the winners it counts as a lottery (the prize cap applies).",),
       4, ASSUMPTION, icon=":material/quiz:"),
    _t("sponsorship", "公关赞助", "PR sponsorship",
       "赞助活动，借势提升形象。", "Sponsoring an event for brand image.",
       ("awareness",),
       ("快速提升品牌形象和知名度",), ("Fast brand image and awareness",),
       ("须等待合适时机", "需要组织能力", "成本高", "适合中大型企业"),
       ("Must wait for the right occasion", "Needs organising capacity", "High cost", "Suits mid-to-large firms"),
       ("prospects",), _SPONSOR,
       "赞助费 × (1 + 激活投入倍数)。", "Fee × (1 + activation ratio).",
       ("赞助合同须明确权益与宣传方式。",), ("The contract must define rights and publicity.",),
       2, ASSUMPTION, icon=":material/stadium:"),
    _t("membership", "会员制度", "Membership",
       "金卡、银卡、积分等会员计划。", "A loyalty programme with tiers and points.",
       ("loyalty",),
       ("提高忠诚度和竞争力", "对后续销售和品牌作用强"), ("Loyalty and competitiveness", "Strong later effect on sales and brand"),
       ("回报慢", "成本高", "效果不确定", "重度顾客多为补贴"),
       ("Slow payback", "High cost", "Uncertain effect", "Heavy buyers mostly get subsidised"),
       ("active", "vip"), _MEMBER,
       "积分返利 × (1 − 未兑换率) + 年度固定成本 × 周期。", "Rewards × (1 − breakage) + fixed cost over the horizon.",
       ("预付卡须遵守单用途预付卡管理规定。",), ("Prepaid cards follow the single-purpose prepaid card rules.",),
       1, "a programme is launched once and then runs", icon=":material/card_membership:"),
)}

TYPE_KEYS = tuple(TYPES)
PRICE_OFFERS = tuple(k for k, t in TYPES.items() if t.price_offer)  # types that cut the price a customer pays

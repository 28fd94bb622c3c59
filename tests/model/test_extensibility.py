"""Adding an eleventh promotion type touches the registry only: a dummy type registered here runs through the
simulator, the type × segment matrix, the optimizer and the charts without any other change."""
from __future__ import annotations

import numpy as np
import pytest

from promo import TYPES, compare_matrix, default_segments, make_campaign, sensitivity, simulate
from promo import charts
from promo.model.registry import Param, Planning, Prior, PromoType
from promo.model.response import Offer, clip01
from promo.planning import Rules, optimize


def _flows(x):
    """A flash sale: a fixed fee buys a share of the reached non-buyers for one order each."""
    p = x.p
    reached = x.size * x.reach
    new = reached * (1 - x.q) * clip01(p["pull"] * x.resp * x.lift)
    return Offer(reached=reached, sub=np.zeros_like(reached), new=new, new_orders=new, variable={},
                 fixed={"flash_fee": p["fee"]})


FLASH = PromoType(
    key="flash_sale", zh="闪购", en="Flash sale", desc_zh="限时抢购。", desc_en="A one-day sale.", purposes=("sales",),
    strengths_zh=("快",), strengths_en=("Fast",), weaknesses_zh=("短",), weaknesses_en=("Short",), seed_suits=("new",),
    params=(Param("fee", "费用", "Fee", "yuan", 0.0, 1e6, 500.0, "test", "费用。", "Fee.", 100.0),
            Param("pull", "吸引率", "Pull", "share", 0.0, 1.0, 0.05, "test", "比例。", "Share.", 0.01,
                  Prior(0.03, 0.05, 0.08, "test"))),
    cost_zh="费用。", cost_en="The fee.", legal_zh=("无",), legal_en=("None",),
    planning=Planning(max_runs=2, max_runs_source="test", min_gap_weeks=4, duration_weeks=1,
                      levels=({"fee": 300.0}, {}, {"fee": 800.0})),
    flows=_flows, color="#123456", key_params=("fee",), texts={"cost.flash_fee": ("闪购费用", "Flash-sale fee")})


@pytest.fixture
def flash():
    from promo.i18n import TEXTS
    from promo.model.types import register

    register(FLASH)
    yield FLASH
    del TYPES["flash_sale"], TEXTS["cost.flash_fee"]


def test_an_eleventh_type_runs_everywhere(flash):
    segs = default_segments()
    c = make_campaign("flash_sale", ["dormant"])
    r = simulate(c, segs, draws=0)
    reached = 6000 * 0.6                       # dormant: 6,000 customers, reach 60%
    not_buying = 0.992 ** 4                    # weekly purchase probability 0.008 over 4 weeks
    new = reached * not_buying * 0.05 * 1.1    # pull × deal sensitivity 1.1 × affinity 1 (no affinity for a new type)
    assert r.incremental_buyers == pytest.approx(new)
    assert r.profit.mean == pytest.approx(new * 190 * 0.5 - 500)
    mc = simulate(c, segs, draws=2000, seed=1)
    assert next(k for k, _ in mc.drivers) in {"pull", "response"}
    assert {row["key"] for row in sensitivity(c, segs)} >= {"fee", "pull"}
    rows = compare_matrix(segs, draws=0, types=["flash_sale", "coupon"])
    assert {r["type"] for r in rows} == {"flash_sale", "coupon"} and len(rows) == 14
    for fig in (charts.waterfall(mc, "zh", "¥"), charts.profit_distribution(mc, "en", "¥"),
                charts.tornado(sensitivity(c, segs), "en", "¥"), charts.roi_heatmap(rows, segs, "zh")):
        assert fig.to_dict()["data"]
    res = optimize(budget=5000, year=2027, types=["flash_sale"], segment_keys=["dormant"], rules=Rules(),
                   start_weeks=range(1, 13))
    assert res.status == "optimal" and res.plan.items
    assert all(i.type == "flash_sale" for i in res.plan.items)
    assert len(res.plan.items) <= 2  # its own planning facts: at most 2 runs, 4 weeks apart

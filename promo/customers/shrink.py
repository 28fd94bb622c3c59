"""Small samples: a figure measured on few customers is pulled toward the default it would replace, and flagged.

A rate of k events in n trials with default m becomes (k + a·m) / (n + a): the mean of a Beta prior with mean m
and a pseudo-count of a trials, updated with the data. Any other measured figure x (an elasticity, a dip, a
parameter solved from a measured share) resting on n units of evidence becomes (n·x + a·m) / (n + a), the same
weighting. ``PSEUDO`` says how much evidence the default is worth, per kind of evidence; a figure resting on fewer
than ``FEW`` of it is flagged on the Data page and in the simulator ("mostly the default").
"""
from __future__ import annotations

# kind of evidence: (pseudo-count the default is worth, fewer than this is flagged)
PSEUDO = {"customers": (20, 50), "product_weeks": (20, 30), "deals": (10, 10), "purchase_days": (20, 50)}


def rate(k: float, n: float, default: float, kind: str = "customers") -> float:
    """k events in n trials, shrunk toward ``default`` by a Beta prior worth ``PSEUDO[kind]`` trials."""
    a = PSEUDO[kind][0]
    return (k + a * default) / (n + a)


def toward(x: float, n: float, default: float, kind: str = "customers") -> float:
    """A figure measured on n units of evidence, shrunk toward ``default`` as if the default were worth PSEUDO[kind]."""
    a = PSEUDO[kind][0]
    return (n * x + a * default) / (n + a)


def few(n: float, kind: str = "customers") -> bool:
    """The figure rests on too little to stand on its own (it is mostly the default)."""
    return n < PSEUDO[kind][1]


__all__ = ["PSEUDO", "rate", "toward", "few"]

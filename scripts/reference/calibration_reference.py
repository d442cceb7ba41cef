"""Reference calibration figures (reliability bins, ECE, Brier score, cluster bootstrap) for packages/analytics.

    apt-get install -y python3-numpy python3-sklearn
    /usr/bin/python3 scripts/reference/calibration_reference.py

Cases, each a list of verdicts with a confidence p in [0, 1], an outcome y (1 = the verdict matched the gold
label) and the pair unit it belongs to:
  - "edges": confidences exactly on the bin edges 0, 0.1, 0.3, 0.7, 1 and just below them (binning rule);
  - "overconfident": 240 pair units with 1-3 verdicts each, p ~ 0.5 + 0.5 Beta(2, 2), y ~ Bernoulli(0.5 + (p - 0.5) / 2)
    with a per-unit shared shift (clustered outcomes);
  - "calibrated": the same units with y ~ Bernoulli(p).
Figures with 10 equal-width bins:
  ECE = sum_b (n_b / N) |acc_b - conf_b|  (Naeini et al. 2015; Guo et al. 2017)
  Brier = mean (p - y)^2                   (Brier 1950; sklearn.metrics.brier_score_loss)
Bins are lower <= p < upper (the last one includes 1): bin = searchsorted(linspace(0, 1, 11)[1:-1], p, side="right").
scikit-learn's calibration_curve(strategy="uniform") (1.2.1 here) uses side="left", so a confidence exactly on an
inner edge lands one bin lower there; its prob_true / prob_pred are checked against ours on the cases without edge
values, and sklearn.metrics.brier_score_loss on all. The cluster bootstrap
resamples pair units with replacement (20,000 rounds, numpy seed 7) and reports 2.5% / 97.5% percentiles of ECE and
Brier; the TS test compares its own bootstrap (another random stream) within Monte Carlo error.
Writes packages/analytics/fixtures/calibration-reference.json.
"""

import json
import os

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss

BINS = 10
ROUNDS = 20000


def figures(p, y):
    edges = np.linspace(0.0, 1.0, BINS + 1)
    index = np.searchsorted(edges[1:-1], p, side="right")
    count = np.bincount(index, minlength=BINS).astype(float)
    conf = np.bincount(index, weights=p, minlength=BINS)
    acc = np.bincount(index, weights=y, minlength=BINS)
    n = len(p)
    ece = float(np.sum(np.abs(acc - conf)) / n)
    brier = float(np.mean((p - y) ** 2))
    return count, conf, acc, ece, brier


def check_against_sklearn(p, y, count, conf, acc, brier):
    assert abs(brier_score_loss(y, p) - brier) < 1e-12
    on_edge = np.any(np.isclose(p[:, None], np.linspace(0.0, 1.0, BINS + 1)[None, 1:-1], rtol=0, atol=0))
    if len(np.unique(y)) < 2 or on_edge:
        return
    prob_true, prob_pred = calibration_curve(y, p, n_bins=BINS, strategy="uniform")
    nonempty = count > 0
    assert np.allclose(prob_true, acc[nonempty] / count[nonempty], atol=1e-12)
    assert np.allclose(prob_pred, conf[nonempty] / count[nonempty], atol=1e-12)


def cluster_bootstrap(p, y, unit, rng):
    units = np.unique(unit)
    members = [np.flatnonzero(unit == u) for u in units]
    eces = np.empty(ROUNDS)
    briers = np.empty(ROUNDS)
    for r in range(ROUNDS):
        drawn = rng.integers(0, len(units), size=len(units))
        rows = np.concatenate([members[d] for d in drawn])
        _, _, _, eces[r], briers[r] = figures(p[rows], y[rows])
    return {
        "ece": [float(np.percentile(eces, 2.5)), float(np.percentile(eces, 97.5))],
        "brier": [float(np.percentile(briers, 2.5)), float(np.percentile(briers, 97.5))],
    }


def case(name, p, y, unit, rng):
    p = np.asarray(p, dtype=float)
    y = np.asarray(y, dtype=float)
    unit = np.asarray(unit)
    count, conf, acc, ece, brier = figures(p, y)
    check_against_sklearn(p, y, count, conf, acc, brier)
    out = {
        "name": name,
        "confidence": p.tolist(),
        "correct": y.astype(int).tolist(),
        "unit": unit.astype(int).tolist(),
        "binCount": count.tolist(),
        "binConfidenceSum": conf.tolist(),
        "binCorrectSum": acc.tolist(),
        "ece": ece,
        "brier": brier,
    }
    if name != "edges":
        out["bootstrap"] = cluster_bootstrap(p, y, unit, rng)
    return out


def clustered(rng, calibrated):
    p, y, unit = [], [], []
    for u in range(240):
        shift = rng.normal(0, 0.08)
        for _ in range(rng.integers(1, 4)):
            q = 0.5 + 0.5 * rng.beta(2, 2)
            truth = q if calibrated else 0.5 + (q - 0.5) / 2
            p.append(round(q, 6))
            y.append(int(rng.random() < min(1.0, max(0.0, truth + shift))))
            unit.append(u)
    return p, y, unit


def main():
    rng = np.random.default_rng(20261202)
    edge_p = [0.0, 0.1, 0.3, 0.7, 1.0, 0.0999999, 0.2999999, 0.6999999, 0.9999999, 0.55]
    edge_y = [0, 1, 0, 1, 1, 0, 1, 1, 0, 1]
    cases = [case("edges", edge_p, edge_y, list(range(len(edge_p))), rng)]
    boot = np.random.default_rng(7)
    p, y, unit = clustered(rng, calibrated=False)
    cases.append(case("overconfident", p, y, unit, boot))
    p, y, unit = clustered(rng, calibrated=True)
    cases.append(case("calibrated", p, y, unit, boot))
    document = {
        "source": "scripts/reference/calibration_reference.py",
        "numpy": np.__version__,
        "sklearn": sklearn.__version__,
        "bins": BINS,
        "bootstrapRounds": ROUNDS,
        "cases": cases,
    }
    path = os.path.join(os.path.dirname(__file__), "../../packages/analytics/fixtures/calibration-reference.json")
    with open(path, "w") as handle:
        json.dump(document, handle)
        handle.write("\n")
    for item in cases:
        print(item["name"], "ECE", round(item["ece"], 4), "Brier", round(item["brier"], 4), item.get("bootstrap"))


main()

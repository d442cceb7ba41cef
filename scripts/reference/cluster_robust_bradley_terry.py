"""Reference cluster-robust (sandwich) standard errors of Bradley-Terry ratings for packages/ratings parity tests.

    apt-get install -y python3-numpy python3-scipy python3-statsmodels
    /usr/bin/python3 scripts/reference/cluster_robust_bradley_terry.py

Simulates a small judged tournament with a seeded numpy generator: 6 items, 60 matches of one pair each, every
match judged 4 times (both presentation orders, twice), shared per-match noise (each match draws its own win
probability from a beta distribution around the Bradley-Terry probability), a few ties. Then, for each case,
fits Bradley-Terry as a binomial GLM without intercept in statsmodels (column j = +1 when item j is shown first,
-1 when second; item 0 is the reference; ties are y = 1/2, i.e. half a win each way; with the order effect one
more column that is 1 for every row), with cov_type "cluster" over
  - the match ids ("match"), the unordered pairs ("pair"), every row alone ("none", i.e. HC1),
and checks statsmodels' covariance against the published formula computed here with numpy:
  V = G/(G-1) * (N-1)/(N-K) * I^-1 (sum_g U_g U_g^T) I^-1,  U_g = sum_{k in g} (y_k - p_k) x_k
(White 1980; Liang & Zeger 1986; Cameron & Miller 2015; CR1 as in Stata and statsmodels). Ratings are reported
on the Elo scale (400 log10 odds, mean 1000 over items), so their covariance is C J V J^T C * (400/ln 10)^2 with
J inserting the reference item's fixed 0 and C centring. Writes packages/ratings/fixtures/cluster-robust.json (then `pnpm format` lays it out as biome wants).
"""

import json
import os
import warnings

import numpy as np
import statsmodels
import statsmodels.api as sm

ITEMS = 6
MATCHES = 60
PER_MATCH = 4
POINTS = 400 / np.log(10)
rng = np.random.default_rng(20261202)
true_theta = np.linspace(-0.9, 0.9, ITEMS)

rows = []
for match in range(MATCHES):
    a, b = rng.choice(ITEMS, size=2, replace=False)
    p = 1 / (1 + np.exp(-(true_theta[a] - true_theta[b] + 0.3)))
    q = rng.beta(2 * p, 2 * (1 - p))  # intra-class correlation 1/3
    for k in range(PER_MATCH):
        first, second = (a, b) if k % 2 == 0 else (b, a)
        share = q if first == a else 1 - q
        u = rng.random()
        verdict = 2 if u < 0.06 else (0 if rng.random() < share else 1)
        rows.append((int(first), int(second), int(verdict), match))

first = np.array([r[0] for r in rows])
second = np.array([r[1] for r in rows])
verdict = np.array([r[2] for r in rows])
match = np.array([r[3] for r in rows])
pair = np.minimum(first, second) * ITEMS + np.maximum(first, second)
y = np.where(verdict == 0, 1.0, np.where(verdict == 1, 0.0, 0.5))
N = len(rows)


def design(order_effect):
    x = np.zeros((N, ITEMS - 1 + (1 if order_effect else 0)))
    for k in range(N):
        if first[k] > 0:
            x[k, first[k] - 1] += 1
        if second[k] > 0:
            x[k, second[k] - 1] -= 1
        if order_effect:
            x[k, -1] = 1
    return x


def manual_cluster_covariance(x, beta, groups):
    p = 1 / (1 + np.exp(-x @ beta))
    information = (x * (p * (1 - p))[:, None]).T @ x
    bread = np.linalg.inv(information)
    scores = x * (y - p)[:, None]
    labels, index = np.unique(groups, return_inverse=True)
    summed = np.zeros((len(labels), x.shape[1]))
    np.add.at(summed, index, scores)
    meat = summed.T @ summed
    g = len(labels)
    k = x.shape[1]
    factor = g / (g - 1) * (N - 1) / (N - k)
    return factor * bread @ meat @ bread


def rating_errors(covariance):
    free = ITEMS - 1
    j = np.zeros((ITEMS, covariance.shape[0]))
    j[1:, :free] = np.eye(free)
    c = np.eye(ITEMS) - np.ones((ITEMS, ITEMS)) / ITEMS
    full = c @ j @ covariance @ j.T @ c
    return (POINTS * np.sqrt(np.diag(full))).tolist()


cases = []
for order_effect in (False, True):
    x = design(order_effect)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fractional y (ties) in a binomial GLM
        model = sm.GLM(y, x, family=sm.families.Binomial())
        plain = model.fit(tol=1e-12)
    beta = plain.params
    theta = np.concatenate([[0.0], beta[: ITEMS - 1]])
    ratings = (1000 + POINTS * (theta - theta.mean())).tolist()
    for name, groups in (("match", match), ("pair", pair), ("none", np.arange(N))):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            robust = model.fit(tol=1e-12, cov_type="cluster", cov_kwds={"groups": groups})
        manual = manual_cluster_covariance(x, beta, groups)
        gap = float(np.max(np.abs(np.asarray(robust.cov_params()) - manual)))
        assert gap < 1e-10, f"statsmodels and the formula differ by {gap} ({name}, order effect {order_effect})"
        case = {
            "orderEffect": order_effect,
            "cluster": name,
            "clusters": int(len(np.unique(groups))),
            "ratings": ratings,
            "standardErrors": rating_errors(np.asarray(robust.cov_params())),
            "statsmodelsVersusFormula": gap,
        }
        if order_effect:
            case["orderEffect"] = True
            case["delta"] = float(beta[-1])
            case["deltaStandardError"] = float(np.sqrt(robust.cov_params()[-1, -1]))
        cases.append(case)

out = {
    "description": "Cluster-robust (CR1) sandwich standard errors of Bradley-Terry ratings (Elo scale, mean 1000), statsmodels GLM Binomial cov_type=cluster; see scripts/reference/cluster_robust_bradley_terry.py",
    "statsmodels": statsmodels.__version__,
    "numpy": np.__version__,
    "items": [f"item{i}" for i in range(ITEMS)],
    "rows": {
        "first": first.tolist(),
        "second": second.tolist(),
        "verdict": verdict.tolist(),
        "match": match.tolist(),
    },
    "cases": cases,
}
target = os.path.join(os.path.dirname(__file__), "..", "..", "packages", "ratings", "fixtures", "cluster-robust.json")
with open(target, "w") as handle:
    json.dump(out, handle, indent=1)
    handle.write("\n")
print(f"wrote {os.path.normpath(target)}: {N} rows, {len(cases)} cases")

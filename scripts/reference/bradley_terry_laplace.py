"""Reference Laplace approximation of a Bradley-Terry posterior for packages/ratings parity tests.

    /usr/bin/python3 scripts/reference/bradley_terry_laplace.py

Needs Debian python3-numpy and python3-scipy. Model: P(i beats j) = 1 / (1 + exp(-(theta_i - theta_j))), a tie
counts as half a win each way, prior theta ~ N(0, I / prior). The posterior mode maximises
    sum_cells [w_ij log p_ij + w_ji log(1 - p_ij)] - prior / 2 * sum(theta^2)
(scipy.optimize.minimize, BFGS with the analytic gradient, gtol 1e-12), and the Laplace covariance is the inverse
of the negative Hessian at the mode, here by central differences of the analytic gradient (not the closed form
used in TypeScript). Design: 7 items with theta from -1.5 to 1.5, one item never compared, 300 comparisons of
random pairs among the other six (seeded numpy generator), some ties. Writes
packages/ratings/fixtures/bradley-terry-laplace.json.
"""

import json
import os

import numpy as np
from scipy.optimize import minimize

ITEMS = 7
PRIOR = 0.5
rng = np.random.default_rng(20050101)
true_theta = np.linspace(-1.5, 1.5, ITEMS)
cells = {}
for _ in range(300):
    i, j = sorted(rng.choice(ITEMS - 1, size=2, replace=False))
    p = 1 / (1 + np.exp(-(true_theta[i] - true_theta[j])))
    u = rng.random()
    outcome = "tie" if u < 0.05 else ("first" if u < 0.05 + 0.95 * p else "second")
    cell = cells.setdefault((int(i), int(j)), {"firstWins": 0, "secondWins": 0, "ties": 0})
    cell["firstWins" if outcome == "first" else "secondWins" if outcome == "second" else "ties"] += 1
keys = sorted(cells)


def gradient(theta):
    g = -PRIOR * theta
    for i, j in keys:
        c = cells[(i, j)]
        wins_i = c["firstWins"] + 0.5 * c["ties"]
        n = c["firstWins"] + c["secondWins"] + c["ties"]
        p = 1 / (1 + np.exp(-(theta[i] - theta[j])))
        g[i] += wins_i - n * p
        g[j] -= wins_i - n * p
    return g


def objective(theta):
    value = PRIOR / 2 * np.sum(theta**2)
    for i, j in keys:
        c = cells[(i, j)]
        wins_i = c["firstWins"] + 0.5 * c["ties"]
        wins_j = c["secondWins"] + 0.5 * c["ties"]
        d = theta[i] - theta[j]
        value -= wins_i * -np.logaddexp(0, -d) + wins_j * -np.logaddexp(0, d)
    return value


result = minimize(objective, np.zeros(ITEMS), jac=lambda t: -gradient(t), method="BFGS", options={"gtol": 1e-12})
mode = result.x
step = 1e-5
hessian = np.zeros((ITEMS, ITEMS))
for k in range(ITEMS):
    e = np.zeros(ITEMS)
    e[k] = step
    hessian[:, k] = -(gradient(mode + e) - gradient(mode - e)) / (2 * step)
hessian = (hessian + hessian.T) / 2
covariance = np.linalg.inv(hessian)
out = {
    "source": "scripts/reference/bradley_terry_laplace.py (scipy BFGS mode, inverse of the numerical Hessian)",
    "prior": PRIOR,
    "itemCount": ITEMS,
    "cells": [{"first": i, "second": j, **cells[(i, j)]} for i, j in keys],
    "mean": mode.tolist(),
    "covariance": covariance.tolist(),
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "packages", "ratings", "fixtures", "bradley-terry-laplace.json")
with open(path, "w") as handle:
    json.dump(out, handle, indent=1)
    handle.write("\n")
print(f"wrote {path}: mode {np.round(mode, 4)}")

"""Reference fit of the Bradley-Terry model with Rao-Kupper ties for packages/ratings parity tests.

    /usr/bin/python3 scripts/reference/rao_kupper_bradley_terry.py

Needs Debian python3-numpy and python3-scipy. BradleyTerry2 has no Rao-Kupper model, so the likelihood is
written here from Rao & Kupper (1967), "Ties in paired-comparison experiments: a generalization of the
Bradley-Terry model", JASA 62:194-204:
    P(i beats j) = pi_i / (pi_i + kappa pi_j),
    P(tie)       = (kappa^2 - 1) pi_i pi_j / ((pi_i + kappa pi_j)(kappa pi_i + pi_j)),   kappa >= 1,
with pi = exp(theta), sum(theta) = 0 (the last theta eliminated) and tau = ln(kappa). Simulates 8 items with
theta from -1.2 to 1.2 and kappa = exp(0.5), 2,000 comparisons in random order, seeded numpy generator; fits by
scipy.optimize.minimize (BFGS, gtol 1e-10) on the negative log-likelihood written with the probabilities above
(not with the logistic form used in TypeScript). Standard errors: inverse expected information
sum_cells m sum_k grad p_k grad p_k^T / p_k with the gradients by central differences, mapped to all thetas with
the Jacobian of the elimination; the observed (numerical Hessian) errors are stored beside them.
Writes packages/ratings/fixtures/rao-kupper.json.
"""

import json
import math
import os

import numpy as np
import scipy
from scipy.optimize import minimize

ITEMS = 8
ROWS = 2000
rng = np.random.default_rng(19670301)
true_theta = np.linspace(-1.2, 1.2, ITEMS)
true_tau = 0.5

first = rng.integers(0, ITEMS, ROWS)
second = (first + rng.integers(1, ITEMS, ROWS)) % ITEMS


def probabilities(theta_i, theta_j, tau):
    pi_i, pi_j, kappa = np.exp(theta_i), np.exp(theta_j), np.exp(tau)
    win = pi_i / (pi_i + kappa * pi_j)
    loss = pi_j / (pi_j + kappa * pi_i)
    tie = (kappa**2 - 1) * pi_i * pi_j / ((pi_i + kappa * pi_j) * (kappa * pi_i + pi_j))
    return win, loss, tie


win, loss, tie = probabilities(true_theta[first], true_theta[second], true_tau)
u = rng.random(ROWS)
verdict = np.where(u < win, 0, np.where(u < win + loss, 1, 2))

# Aggregate into cells (first, second) with counts.
cells = {}
for f, s, v in zip(first, second, verdict):
    cells.setdefault((int(f), int(s)), [0, 0, 0])[int(v)] += 1
cell_first = np.array([key[0] for key in cells])
cell_second = np.array([key[1] for key in cells])
counts = np.array(list(cells.values()), dtype=float)


def expand(reduced):
    theta = np.append(reduced[: ITEMS - 1], -np.sum(reduced[: ITEMS - 1]))
    return theta, reduced[ITEMS - 1]


def negative_log_likelihood(reduced):
    theta, tau = expand(reduced)
    if tau <= 0:
        return np.inf
    w, l, t = probabilities(theta[cell_first], theta[cell_second], tau)
    return -np.sum(counts[:, 0] * np.log(w) + counts[:, 1] * np.log(l) + counts[:, 2] * np.log(t))


start = np.append(np.zeros(ITEMS - 1), 0.3)
result = minimize(negative_log_likelihood, start, method="BFGS", options={"gtol": 1e-10, "maxiter": 10000})
estimate = result.x
theta, tau = expand(estimate)

# Expected information of the reduced parameters: per cell m * sum_k grad p_k grad p_k^T / p_k.
size = len(estimate)
step = 1e-6
information = np.zeros((size, size))
for c in range(len(counts)):
    m = counts[c].sum()

    def cell_probabilities(reduced):
        th, ta = expand(reduced)
        return np.array(probabilities(th[cell_first[c]], th[cell_second[c]], ta))

    p = cell_probabilities(estimate)
    gradient = np.zeros((3, size))
    for q in range(size):
        up = estimate.copy()
        down = estimate.copy()
        up[q] += step
        down[q] -= step
        gradient[:, q] = (cell_probabilities(up) - cell_probabilities(down)) / (2 * step)
    for k in range(3):
        information += m * np.outer(gradient[k], gradient[k]) / p[k]

# Observed information by central differences of the negative log-likelihood.
hessian = np.zeros((size, size))
h = 1e-4
for q in range(size):
    for r in range(size):
        e_q = np.eye(size)[q] * h
        e_r = np.eye(size)[r] * h
        hessian[q, r] = (
            negative_log_likelihood(estimate + e_q + e_r)
            - negative_log_likelihood(estimate + e_q - e_r)
            - negative_log_likelihood(estimate - e_q + e_r)
            + negative_log_likelihood(estimate - e_q - e_r)
        ) / (4 * h * h)

jacobian = np.zeros((ITEMS + 1, size))
jacobian[: ITEMS - 1, : ITEMS - 1] = np.eye(ITEMS - 1)
jacobian[ITEMS - 1, : ITEMS - 1] = -1
jacobian[ITEMS, ITEMS - 1] = 1


def standard_errors(matrix):
    covariance = jacobian @ np.linalg.inv(matrix) @ jacobian.T
    return np.sqrt(np.diag(covariance))


expected_se = standard_errors(information)
observed_se = standard_errors(hessian)
points = 400 / math.log(10)
out = os.path.join(os.path.dirname(__file__), "..", "..", "packages", "ratings", "fixtures", "rao-kupper.json")
with open(out, "w") as handle:
    json.dump(
        {
            "source": f"scripts/reference/rao_kupper_bradley_terry.py (scipy {scipy.__version__}, numpy {np.__version__})",
            "items": [f"item-{i}" for i in range(ITEMS)],
            "first": first.tolist(),
            "second": second.tolist(),
            "verdict": verdict.tolist(),
            "trueTheta": true_theta.tolist(),
            "trueTau": true_tau,
            "converged": bool(result.success),
            "logLikelihood": -float(result.fun),
            "logStrengths": theta.tolist(),
            "ratings": (1000 + points * theta).tolist(),
            "logStrengthStandardErrors": expected_se[:ITEMS].tolist(),
            "observedLogStrengthStandardErrors": observed_se[:ITEMS].tolist(),
            "tau": float(tau),
            "kappa": math.exp(tau),
            "tauStandardError": float(expected_se[ITEMS]),
            "observedTauStandardError": float(observed_se[ITEMS]),
        },
        handle,
        indent=1,
    )
print("theta", theta, "tau", tau, "se", expected_se, "observed", observed_se, result.message)

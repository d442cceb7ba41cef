"""Reference fits of Bradley-Terry with style control (Chatbot Arena) for packages/ratings parity tests.

    /usr/bin/python3 scripts/reference/style_control_bradley_terry.py

Needs Debian python3-numpy and python3-sklearn. Simulates, with a seeded numpy generator, 6 models answering 60
prompts (answer length, markdown header, bold and list counts drawn per answer from each model's style) and
3,000 comparisons of two answers to one prompt in random order, judged with a preference for longer answers:
logit P(first wins) = theta_first - theta_second + 0.8 d_length + 0.2 d_bold, d = (a - b) / (a + b + 1), and a
tie band of width 0.12 around the decision point.

The design follows FastChat's construct_style_matrices / fit_mle_elo (scikit-learn LogisticRegression without
intercept; a tie is two half-weight rows, one won by each side; model columns +1 for the first side, -1 for the
second), written here from the published description rather than copied, with judgelab's documented
normalisation: d = (a - b) / (a + b + 1) for the four count features, divided by its root mean square over the
comparisons (no centring, so the feature stays antisymmetric). Two fits:
  plain:     penalty None, theta_0 fixed at 0 by zeroing its column (newton-cholesky, tol 1e-12);
  penalised: prior 0.01 on theta and ridge 1.0 on the style coefficients. scikit-learn penalises every
             coefficient by 1/2 b^2 (C = 1); scaling column j by 1/sqrt(lambda_j) turns that into lambda_j/2 theta_j^2
             on the original scale, which is judgelab's objective (newton-cholesky, tol 1e-12).
Ratings are 1000 + 400/ln(10) * (theta - mean theta). Writes packages/ratings/fixtures/style-control.json.
"""

import json
import math
import os

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

MODELS = 6
PROMPTS = 60
ROWS = 3000
NAMES = ["length", "headers", "bold", "lists"]
rng = np.random.default_rng(20261202)
true_theta = np.array([0.6, 0.3, 0.0, -0.1, -0.3, -0.5])
verbosity = np.array([300.0, 500.0, 700.0, 900.0, 1200.0, 1600.0])
markdown = np.array([0.5, 1.0, 2.0, 1.5, 3.0, 4.0])

# features[model, prompt, feature]
features = np.zeros((MODELS, PROMPTS, 4))
features[:, :, 0] = np.round(verbosity[:, None] * rng.lognormal(0, 0.35, (MODELS, PROMPTS)))
for k in range(1, 4):
    features[:, :, k] = rng.poisson(markdown[:, None] * [1.0, 2.0, 1.5][k - 1], (MODELS, PROMPTS))

prompt = rng.integers(0, PROMPTS, ROWS)
first = rng.integers(0, MODELS, ROWS)
second = (first + rng.integers(1, MODELS, ROWS)) % MODELS
a = features[first, prompt]
b = features[second, prompt]
ratio = (a - b) / (a + b + 1)
eta = true_theta[first] - true_theta[second] + 0.8 * ratio[:, 0] + 0.2 * ratio[:, 2]
p_first = 1 / (1 + np.exp(-eta))
u = rng.random(ROWS)
verdict = np.where(np.abs(u - p_first) < 0.06, 2, np.where(u < p_first, 0, 1))

scales = np.sqrt(np.mean(ratio**2, axis=0))
z = ratio / scales


def fit(prior, ridge):
    """Returns (ratings, coefficients) of the penalised or plain logistic regression."""
    model_columns = np.zeros((ROWS, MODELS))
    model_columns[np.arange(ROWS), first] = 1.0
    model_columns[np.arange(ROWS), second] = -1.0
    column_scale = np.concatenate(
        [np.full(MODELS, 1 / math.sqrt(prior) if prior > 0 else 1.0), np.full(4, 1 / math.sqrt(ridge) if ridge > 0 else 1.0)]
    )
    design = np.hstack([model_columns, z]) * column_scale
    if prior == 0:
        # Without a penalty theta is identified only up to a common shift: fix theta_0 = 0 (drop its column) so
        # that the Hessian is regular and exact Newton steps converge; ratings are centred afterwards anyway.
        design[:, 0] = 0.0
    # Each row once with y = 1 (weight: win or half a tie) and once with y = 0 (weight: loss or half a tie).
    x = np.vstack([design, design])
    y = np.concatenate([np.ones(ROWS), np.zeros(ROWS)])
    weight = np.concatenate([(verdict == 0) + 0.5 * (verdict == 2), (verdict == 1) + 0.5 * (verdict == 2)])
    keep = weight > 0
    penalty = None if prior == 0 and ridge == 0 else "l2"
    # Exact Newton steps (lbfgs stops about 1e-5 short of the optimum on these ill-scaled columns).
    solver = "newton-cholesky"
    regression = LogisticRegression(
        fit_intercept=False, penalty=penalty, C=1.0, tol=1e-12, max_iter=100000, solver=solver
    )
    regression.fit(x[keep], y[keep], sample_weight=weight[keep])
    beta = regression.coef_[0] * column_scale
    theta = beta[:MODELS]
    ratings = 1000 + 400 / math.log(10) * (theta - theta.mean())
    return ratings.tolist(), beta[MODELS:].tolist()


plain_ratings, plain_coefficients = fit(0.0, 0.0)
penalised_ratings, penalised_coefficients = fit(0.01, 1.0)

out = os.path.join(os.path.dirname(__file__), "..", "..", "packages", "ratings", "fixtures", "style-control.json")
with open(out, "w") as handle:
    json.dump(
        {
            "source": f"scripts/reference/style_control_bradley_terry.py (scikit-learn {sklearn.__version__}, numpy {np.__version__})",
            "models": [f"model-{m}" for m in range(MODELS)],
            "names": NAMES,
            "first": first.tolist(),
            "second": second.tolist(),
            "verdict": verdict.tolist(),
            "firstFeatures": a.astype(int).tolist(),
            "secondFeatures": b.astype(int).tolist(),
            "scales": scales.tolist(),
            "trueTheta": true_theta.tolist(),
            "plain": {"ratings": plain_ratings, "coefficients": plain_coefficients},
            "penalised": {"prior": 0.01, "ridge": 1.0, "ratings": penalised_ratings, "coefficients": penalised_coefficients},
        },
        handle,
        indent=1,
    )
print("plain", plain_ratings, plain_coefficients)
print("penalised", penalised_ratings, penalised_coefficients)

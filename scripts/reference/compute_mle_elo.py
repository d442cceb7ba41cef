"""Chatbot-Arena-style Bradley-Terry reference for scripts/bench/ratings.bench.ts.

    /usr/bin/python3 scripts/reference/compute_mle_elo.py COMPARISONS.bin ITEMS [BOOTSTRAP_ROUNDS] [SEED]

COMPARISONS.bin holds int32 triples (model_a, model_b, winner) with winner 0 = model_a, 1 = model_b, 2 = tie.
The fit follows FastChat's compute_mle_elo (fastchat/serve/monitor/elo_analysis.py): every comparison row is
duplicated; Y = 1 for a model_a win in both copies, a tie is a model_a win in the first copy and a model_b win in
the second (ties as two half rows); X has +ln(BASE) in model_a's column and -ln(BASE) in model_b's;
LogisticRegression(fit_intercept=False, penalty=None, tol=1e-6) (lbfgs); rating = SCALE * coef + INIT_RATING.
The only departure: X is a scipy.sparse CSR matrix instead of FastChat's dense numpy array (2M x 200 float64
would need 3.2 GB); lbfgs computes the same objective and gradient either way.

Tolerance: since scikit-learn 1.2 the logistic loss is averaged over the sample weights, so tol = 1e-6 (lbfgs
gtol on the largest gradient component) is 2n times looser than when FastChat chose it (the loss was a sum) and
lbfgs stops after about ten iterations on scipy's relative-decrease test (ftol 2.2e-9), which tol cannot
tighten: the result is some hundredths of an Elo point from the optimum. The script therefore reports two fits:
"ratings" exactly as FastChat configures it (also used for the bootstrap timing), and "convergedRatings" from
solver="newton-cg" with tol = 1e-10 (newton-cg stops on the largest gradient component, so this is the MLE
to about 1e-5 Elo), for checking agreement with the optimum.
The bootstrap follows FastChat's get_bootstrap_result: resample the rows with replacement (uniform indices,
like battles.sample(frac=1.0, replace=True)) and refit. Prints one JSON object on stdout.
"""

import json
import math
import sys
import time
import warnings

import numpy as np
import scipy.sparse as sparse
import sklearn
from sklearn.linear_model import LogisticRegression

SCALE, BASE, INIT_RATING = 400, 10, 1000


def compute_mle_elo(model_a, model_b, winner, n_models, tol=1e-6, solver="lbfgs"):
    n = model_a.size
    rows = np.arange(2 * n)
    columns_a = np.concatenate([model_a, model_a])
    columns_b = np.concatenate([model_b, model_b])
    data = np.concatenate([np.full(2 * n, math.log(BASE)), np.full(2 * n, -math.log(BASE))])
    X = sparse.csr_matrix((data, (np.concatenate([rows, rows]), np.concatenate([columns_a, columns_b]))), shape=(2 * n, n_models))
    Y = np.zeros(2 * n)
    Y[np.concatenate([winner == 0, winner == 0])] = 1.0
    tie = np.concatenate([winner == 2, np.zeros(n, dtype=bool)])
    Y[tie] = 1.0
    lr = LogisticRegression(fit_intercept=False, penalty=None, tol=tol, solver=solver, max_iter=10000)
    lr.fit(X, Y)
    return SCALE * lr.coef_[0] + INIT_RATING, int(lr.n_iter_[0])


def main():
    # newton-cg at tol 1e-10 reaches the limit of floating-point line searches and says so; the optimum is
    # already reached (the benchmark compares it with an independent Newton fit).
    warnings.filterwarnings("ignore", message=".*[Ll]ine [Ss]earch.*")
    path, n_models = sys.argv[1], int(sys.argv[2])
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    triples = np.fromfile(path, dtype=np.int32).reshape(-1, 3)
    model_a, model_b, winner = triples[:, 0].copy(), triples[:, 1].copy(), triples[:, 2].copy()
    started = time.perf_counter()
    cpu_started = time.process_time()
    ratings, iterations = compute_mle_elo(model_a, model_b, winner, n_models)
    fit_seconds = time.perf_counter() - started
    fit_cpu_seconds = time.process_time() - cpu_started
    started = time.perf_counter()
    converged, converged_iterations = compute_mle_elo(model_a, model_b, winner, n_models, tol=1e-10, solver="newton-cg")
    converged_seconds = time.perf_counter() - started
    rng = np.random.default_rng(seed)
    round_seconds = []
    round_cpu_seconds = []
    for _ in range(rounds):
        started = time.perf_counter()
        cpu_started = time.process_time()
        index = rng.integers(0, model_a.size, model_a.size)
        compute_mle_elo(model_a[index], model_b[index], winner[index], n_models)
        round_seconds.append(time.perf_counter() - started)
        round_cpu_seconds.append(time.process_time() - cpu_started)
    json.dump(
        {
            "sklearn": sklearn.__version__,
            "comparisons": int(model_a.size),
            "fitSeconds": fit_seconds,
            "fitCpuSeconds": fit_cpu_seconds,
            "lbfgsIterations": iterations,
            "bootstrapRounds": rounds,
            "bootstrapSecondsPerRound": float(np.mean(round_seconds)) if round_seconds else None,
            "bootstrapCpuSecondsPerRound": float(np.mean(round_cpu_seconds)) if round_cpu_seconds else None,
            "ratings": ratings.tolist(),
            "convergedFitSeconds": converged_seconds,
            "convergedLbfgsIterations": converged_iterations,
            "convergedRatings": converged.tolist(),
        },
        sys.stdout,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Exact and normal-approximation power of the two-sided 5% binomial test of p = 1/2 (rejections in the true
direction), for two items 70 Elo apart, as `judgelab plan`'s separate=70 sees them. Writes
packages/design/fixtures/binomial-test-power.json for packages/design/src/binomial-parity.test.ts (python3 scripts/reference/binomial_test_power.py).

Exact: sum of Binomial(n, p) probabilities of the counts k whose score statistic (k/n - 1/2)·2√n exceeds z_0.975
(for two items the Bradley–Terry Wald test rejects at the same counts at these n). Approximation:
Phi((|p - 1/2|·√n - z·1/2)/√(p(1 - p))). Uses scipy.stats (Debian's python3-scipy)."""
import json
import math
import pathlib

import numpy as np
from scipy.stats import binom, norm

ELO = 70
p = 1 / (1 + math.exp(-ELO * math.log(10) / 400))
z = norm.ppf(0.975)
rows = []
for n in [60, 120, 240]:
    k = np.arange(n + 1)
    score = (k / n - 0.5) * 2 * math.sqrt(n)
    exact = float(binom.pmf(k, n, p)[score > z].sum())
    approximation = float(norm.cdf((abs(p - 0.5) * math.sqrt(n) - 0.5 * z) / math.sqrt(p * (1 - p))))
    rows.append({"n": n, "exact": exact, "normalApproximation": approximation})
out = pathlib.Path(__file__).resolve().parents[2] / "packages/design/fixtures/binomial-test-power.json"
out.write_text(json.dumps({"elo": ELO, "p": p, "alpha": 0.05, "rows": rows}, indent=2) + "\n")
print(out)

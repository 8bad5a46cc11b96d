#!/usr/bin/env python3
"""Brute-force Monte Carlo ensemble of deep linear Gaussian networks in numpy, the baseline
for `swift run -c release criticality-bench`.

For each network: z^(1) = W^(1) x, z^(l+1) = W^(l+1) z^(l), W_ij ~ N(0, C_w/n), all weights
drawn fresh, and the per-network statistics m2 = mean_i z_i^2, m4 = mean_i z_i^4 of every
layer are kept (the same work and output as the Swift brute force).

The fastest honest numpy way we found: batches of networks, weights drawn with the default
Generator (PCG64 + ziggurat) straight into a preallocated buffer (`out=`), batched matmul
(`np.matmul` on stacked matrices), the scale sqrt(C_w/n) applied to the small activation
vector, and one thread per core, each with its own Generator (both release the GIL).

Usage: numpy_ensemble.py n L networks [dtype] [threads]   (prints one JSON line)
"""
import json
import sys
import threading
import time

import numpy as np


def worker(n, L, networks, batch, dtype, seed_seq, stats, index):
    rng = np.random.Generator(np.random.PCG64(seed_seq))
    cw = 1.0
    scale = np.sqrt(cw / n).astype(dtype)
    weights = np.empty((batch, n, n), dtype=dtype)
    x = np.ones((n, 1), dtype=dtype)
    m2 = np.zeros((networks, L))
    m4 = np.zeros((networks, L))
    done = 0
    while done < networks:
        b = min(batch, networks - done)
        w = weights[:b]
        z = np.broadcast_to(x, (b, n, 1))
        for layer in range(L):
            rng.standard_normal(out=w, dtype=dtype)
            z = np.matmul(w, z)
            z *= scale
            z2 = np.square(z[:, :, 0], dtype=np.float64)
            m2[done:done + b, layer] = z2.mean(axis=1)
            m4[done:done + b, layer] = np.square(z2).mean(axis=1)
        done += b
    stats[index] = (m2, m4)


def run(n, L, networks, dtype, threads):
    batch = max(1, min(256, (1 << 21) // (n * n)))
    seeds = np.random.SeedSequence(1).spawn(threads)
    stats = [None] * threads
    per = [networks // threads + (1 if t < networks % threads else 0) for t in range(threads)]
    pool = [
        threading.Thread(target=worker, args=(n, L, per[t], batch, dtype, seeds[t], stats, t))
        for t in range(threads)
    ]
    start = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    seconds = time.perf_counter() - start
    m2 = np.concatenate([s[0] for s in stats])
    variates = networks * L * n * n
    return {
        "n": n, "L": L, "networks": networks, "dtype": np.dtype(dtype).name, "threads": threads,
        "seconds": seconds, "networks_per_s": networks / seconds,
        "variates_per_s": variates / seconds,
        "mean_m2_last": float(m2[:, -1].mean()),
    }


if __name__ == "__main__":
    n, L, networks = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    dtype = np.float32 if len(sys.argv) > 4 and sys.argv[4] == "float32" else np.float64
    threads = int(sys.argv[5]) if len(sys.argv) > 5 else 2
    run(16, 2, 64, dtype, threads)  # warm-up
    print(json.dumps(run(n, L, networks, dtype, threads)))

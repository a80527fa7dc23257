# Driven by io.cohortlm.bench.kmeans.SklearnPeer. Prints one JSON object on the last line of stdout.
#   gemm                      -> FP32 matrix-multiply rate of numpy (4000x4000 @ 4000x4000, best of 3)
#   kmeans X.npy INIT.npy ITERS -> scikit-learn KMeans (Lloyd) from the given centroids, ITERS iterations cap
import json, sys, time

def gemm():
    import numpy as np
    n = 4000
    rng = np.random.default_rng(0)
    a = rng.random((n, n), dtype=np.float32)
    b = rng.random((n, n), dtype=np.float32)
    a @ b  # warm-up: thread pool start, page faults
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - t)
    return {"gemm_gflops": 2.0 * n ** 3 / best / 1e9, "gemm_seconds": best, "numpy": np.__version__}

def kmeans(x_path, init_path, iters):
    import numpy as np
    import sklearn
    from sklearn.cluster import KMeans
    X = np.load(x_path)
    init = np.load(init_path)
    k = init.shape[0]
    # warm-up on a slice: imports, OpenMP pool, code paths
    KMeans(n_clusters=k, init=init, n_init=1, max_iter=2, tol=0.0, algorithm="lloyd").fit(X[: max(k * 20, 20000)])
    km = KMeans(n_clusters=k, init=init, n_init=1, max_iter=iters, tol=0.0, algorithm="lloyd")
    t = time.perf_counter()
    km.fit(X)
    total = time.perf_counter() - t
    return {"sklearn": sklearn.__version__, "seconds": total, "n_iter": int(km.n_iter_),
            "seconds_per_iteration": total / km.n_iter_, "inertia": float(km.inertia_)}

if __name__ == "__main__":
    if sys.argv[1] == "gemm":
        out = gemm()
    else:
        out = kmeans(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    print(json.dumps(out))

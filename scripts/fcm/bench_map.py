"""The FCMpy side of scripts/bench-map.sh.

`make`: writes a seeded random map (Mental Modeler matrix CSV) and the initial
state as NAME=VALUE,... text. `fcmpy`: times FCMpy's simulation of that map and
prints JSON with the median seconds and the final state. `compare`: sets Hark's
JSON beside FCMpy's, checks the final states agree to 1e-6 and prints both
timings and the ratio. `reference`: FCMpy on Map A of fcm-reference.md, to show
how many rows (states) it returns.
"""
import contextlib
import io
import json
import random
import statistics
import sys
import time
import warnings


def make(concepts, links, seed, matrix_path, initial_path):
    rng = random.Random(seed)
    names = [f"C{i + 1}" for i in range(concepts)]
    pairs = set()
    while len(pairs) < links:
        cause, effect = rng.randrange(concepts), rng.randrange(concepts)
        if cause != effect:
            pairs.add((cause, effect))
    weights = {}
    for pair in sorted(pairs):
        weight = 0.0
        while weight == 0.0:
            weight = round(rng.uniform(-1, 1), 2)
        weights[pair] = weight
    with open(matrix_path, "w") as out:
        out.write("," + ",".join(names) + "\n")
        for i, name in enumerate(names):
            cells = [repr(weights[(i, j)]) if (i, j) in weights else "" for j in range(concepts)]
            out.write(name + "," + ",".join(cells) + "\n")
    initial = {name: round(rng.uniform(0, 1), 3) for name in names}
    with open(initial_path, "w") as out:
        out.write(",".join(f"{k}={v}" for k, v in initial.items()))


def read_inputs(matrix_path, initial_path):
    import pandas as pd

    frame = pd.read_csv(matrix_path, index_col=0).fillna(0.0)
    frame.index = frame.index.astype(str)
    with open(initial_path) as f:
        initial = {k: float(v) for k, v in (item.split("=") for item in f.read().strip().split(","))}
    return frame, initial


def fcmpy(matrix_path, initial_path, repeats, threshold, iterations):
    warnings.filterwarnings("ignore")
    from fcmpy import FcmSimulator

    frame, initial = read_inputs(matrix_path, initial_path)
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        # FCMpy prints a line when it converges; keep stdout for the JSON.
        with contextlib.redirect_stdout(io.StringIO()):
            result = FcmSimulator.simulate(
                initial_state=initial, weight_matrix=frame, transfer="sigmoid", inference="kosko",
                thresh=threshold, iterations=iterations, l=1)
        times.append(time.perf_counter() - start)
    last = result.iloc[-1]
    print(json.dumps({
        "steps": len(result), "simulate_seconds": statistics.median(times), "repeats": repeats,
        "final": {name: float(last[name]) for name in frame.columns},
    }))


def compare(hark_path, fcmpy_path):
    hark = json.load(open(hark_path))
    peer = json.load(open(fcmpy_path))
    worst = max(abs(hark["final"][k] - peer["final"][k]) for k in peer["final"])
    same = worst <= 1e-6 and hark["final"].keys() == peer["final"].keys()
    ratio = peer["simulate_seconds"] / hark["simulate_seconds"]
    total = hark["simulate_seconds"] + hark["indices_seconds"]
    print(f"map: {hark['concepts']} concepts, {hark['links']} links, {hark['components']} component(s)")
    print(f"steps (states incl. initial): hark {hark['steps']}, fcmpy {peer['steps']}; converged: {hark['converged']}")
    print(f"final state: largest difference {worst:.3g} ({'same to 1e-6' if same else 'DIFFERENT'})")
    print(f"hark simulation to convergence: {hark['simulate_seconds'] * 1e3:.3f} ms (median of {hark['repeats']})")
    print(f"hark all indices:               {hark['indices_seconds'] * 1e3:.3f} ms")
    print(f"hark simulation + indices:      {total * 1e3:.3f} ms")
    print(f"fcmpy simulation:               {peer['simulate_seconds'] * 1e3:.3f} ms (median of {peer['repeats']})")
    print(f"speed-up on simulation: {ratio:.0f}x; fcmpy simulation / hark simulation + indices: "
          f"{peer['simulate_seconds'] / total:.0f}x (target >= 100x)")
    if not same or hark["steps"] != peer["steps"]:
        sys.exit("bench-map: Hark and FCMpy disagree")


def reference():
    warnings.filterwarnings("ignore")
    import pandas as pd
    from fcmpy import FcmSimulator

    names = ["C1", "C2", "C3", "C4", "C5"]
    rows = [[0, -0.7, 0.5, 0, 0], [0, 0, -0.6, 0, 0], [0, -0.3, 0, 0.4, 0], [0, 0, 0.2, 0, 0.3], [0, 0, 0, 0.6, 0]]
    frame = pd.DataFrame(rows, index=names, columns=names, dtype=float)
    with contextlib.redirect_stdout(io.StringIO()):
        result = FcmSimulator.simulate(
            initial_state=dict(zip(names, [1, 0.5, 0.5, 0, 0.2])), weight_matrix=frame, transfer="sigmoid",
            inference="kosko", thresh=0.001, iterations=50, l=1)
    print(f"FCMpy on fcm-reference.md Map A (Kosko, sigmoid): {len(result)} rows, final "
          + " ".join(f"{v:.6f}" for v in result.iloc[-1]))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "make":
        make(int(args[0]), int(args[1]), int(args[2]), args[3], args[4])
    elif command == "fcmpy":
        fcmpy(args[0], args[1], int(args[2]), float(args[3]), int(args[4]))
    elif command == "compare":
        compare(args[0], args[1])
    elif command == "reference":
        reference()

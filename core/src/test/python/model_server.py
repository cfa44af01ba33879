#!/usr/bin/env python3
"""A model server for the canary tests: a real scikit-learn model behind an MLflow-style API.

Usage: model_server.py PORT [--error-rate R] [--delay-ms MS] [--shift S] [--seed N]

Trains a logistic regression on seeded synthetic data at start-up (so every instance serves
the same model) and serves
  GET  /ping, /health             200 "OK" once the model is ready
  POST /invocations               {"inputs": [[x1, x2, x3], ...]} -> {"predictions": [p, ...]}
                                  (or {"dataframe_split": {"columns": [...], "data": [[x1, x2, x3], ...]}})
The faults a bad challenger shows are switched on by options:
  --error-rate R   answer HTTP 500 to a fraction R of invocations (chosen at random);
  --delay-ms MS    sleep MS milliseconds before answering each invocation;
  --shift S        add S to every predicted probability (clipped to [0, 1]): a model whose
                   predictions moved although it is neither slow nor failing.
"""
import argparse
import json
import random
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
from sklearn.linear_model import LogisticRegression


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("--error-rate", type=float, default=0.0)
    parser.add_argument("--delay-ms", type=float, default=0.0)
    parser.add_argument("--shift", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = np.random.default_rng(42)
    features = rng.normal(size=(2000, 3))
    labels = (features @ np.array([1.5, -1.0, 0.5]) + rng.normal(scale=0.8, size=2000) > 0).astype(int)
    model = LogisticRegression().fit(features, labels)
    faults = random.Random(args.seed)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def answer(self, status, body):
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json" if status != 200 or body.startswith("{") else "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path in ("/ping", "/health"):
                self.answer(200, "OK")
            else:
                self.answer(404, json.dumps({"error": "not found"}))

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            payload = self.rfile.read(length)
            if self.path != "/invocations":
                self.answer(404, json.dumps({"error": "not found"}))
                return
            if args.delay_ms:
                time.sleep(args.delay_ms / 1000)
            if faults.random() < args.error_rate:
                self.answer(500, json.dumps({"error": "injected failure"}))
                return
            try:
                request = json.loads(payload)
                rows = request["inputs"] if "inputs" in request else request["dataframe_split"]["data"]
                rows = np.asarray(rows, dtype=float)
                scores = np.clip(model.predict_proba(rows)[:, 1] + args.shift, 0, 1)
            except (ValueError, KeyError, TypeError) as error:
                self.answer(400, json.dumps({"error": str(error)}))
                return
            self.answer(200, json.dumps({"predictions": scores.tolist()}))

        def log_message(self, *unused):
            pass

    ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()

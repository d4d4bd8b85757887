"""The performance harness: `python -m benchmarks NAME` prints one JSON object of figures last."""

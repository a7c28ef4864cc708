"""Benchmarks that print numbers (never timed assertions). Run ``python -m benchmarks NAME``."""

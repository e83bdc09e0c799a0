"""Helpers for the Brume S3 benchmark (bench/s3_bench.py)."""

"""Benchmarks: run by `make bench` / `make bench-quick`, never by the test suite."""

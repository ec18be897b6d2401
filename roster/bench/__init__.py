"""Benchmarks: the Curtois & Qu instances and a generated call centre at growing sizes."""

"""Median and p95 of timing samples, in milliseconds."""

import math
import statistics


def percentile(values, fraction):
    """Nearest-rank percentile: the smallest sample with at least `fraction`
    of all samples at or below it (p95 of 100 samples is the 95th)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def summary(samples):
    """{"p50_ms", "p95_ms", "max_ms", "n", "per_search": {name: median}} over
    every sample of every search of the mix ({name: [ms, …]})."""
    everything = [value for values in samples.values() for value in values]
    return {
        "p50_ms": round(statistics.median(everything), 2),
        "p95_ms": round(percentile(everything, 0.95), 2),
        "max_ms": round(max(everything), 2),
        "n": len(everything),
        "per_search": {name: round(statistics.median(values), 2) for name, values in samples.items()},
    }

"""Realistic synthetic multi-agency submissions with ground truth.

``generate(out_dir, seed=7, persons=2000)`` writes one folder per agency in the exchange
format and a ``truth/`` folder to score entity resolution, group detection and route
analysis against. See ``agencies`` for each agency's habits, ``config.NoiseConfig`` for
the per-copy error rates.
"""

from .config import NoiseConfig, SynthSummary
from .generate import generate

__all__ = ["NoiseConfig", "SynthSummary", "generate"]

"""Realistic synthetic multi-agency submissions with ground truth.

``generate(out_dir, seed=7, persons=2000)`` writes one folder per agency in the exchange
format and a ``truth/`` folder to score entity resolution, group detection and route
analysis against (``truth/persons.csv`` also says which kinds of noise changed each
person record). See ``agencies`` for each agency's habits, ``config.NoiseConfig`` for
the per-copy error rates, ``truth`` for the truth files.
"""

from .config import NoiseConfig, SynthSummary
from .generate import generate

__all__ = ["NoiseConfig", "SynthSummary", "generate"]

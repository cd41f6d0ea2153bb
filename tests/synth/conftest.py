"""One generated data set shared by the synth tests (generation takes well under a second)."""

from __future__ import annotations

from pathlib import Path

import pytest

from turquesa.synth import NoiseConfig, generate


@pytest.fixture(scope="session")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "data"
    generate(out, seed=11, persons=2000)
    return out


@pytest.fixture(scope="session")
def clean_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth_clean") / "data"
    generate(out, seed=11, persons=1500, noise=NoiseConfig.zero())
    return out

"""Shared fixtures: the full pipeline (loaded once per session) and the dev data in ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
SEED_ARTICLE = SHARED / "seed" / "seed-article.txt"
SEED_GOLD = SHARED / "seed" / "seed-gold.yaml"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """The suite keeps its parsed-data cache to itself, not in the user's ~/.cache."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EVENTWIRE_CACHE", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="session")
def pipeline():
    from eventwire.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seed_paths():
    if not SEED_ARTICLE.exists():
        pytest.skip("../shared/data/seed is not present")
    return SEED_ARTICLE, SEED_GOLD

"""Shared test configuration: Hypothesis profiles.

Run ``pytest --hypothesis-profile=deep`` for a long search before a release.
"""

from hypothesis import HealthCheck, settings

# pytester runs the revforensics pytest plugin in throw-away test suites (test_testing.py).
pytest_plugins = ["pytester"]

settings.register_profile(
    "default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "deep", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("default")


def pytest_addoption(parser):
    """``--update-goldens`` rewrites the renderers' golden files (tests/render/golden/)."""
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite the golden report files instead of comparing against them",
    )

"""The benchmarks of `monaydb bench` (docs/bench.md), installed as the package `monay_bench`
(pyproject.toml maps it to bench/monay_bench): `from monay_bench import runner` works from
anywhere once `make setup` has run."""

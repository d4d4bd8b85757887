"""A local server that speaks ServiceTitan's v2 API: training mode, tests, benchmarks and drills."""

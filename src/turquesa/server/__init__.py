"""The multi-agency server: HTTP API, users, sharing, hit/no-hit, audit."""

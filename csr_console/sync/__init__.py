"""The sync engine: feeds that keep the cache current, the outbox that carries out CSR actions exactly
once, connectivity state and change notifications. No Qt: the UI adapts these at its edge."""

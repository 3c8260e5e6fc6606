"""The simulated launch: a deterministic source behind the same interface as the vendors."""

from warroom.sources.sim.source import SimulatedSource

__all__ = ["SimulatedSource"]

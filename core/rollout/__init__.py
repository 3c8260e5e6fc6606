"""The rollout: the launch's feature flags read and steered through one provider interface.

- `config`: the `[rollout]` section;
- `model`: frozen `FlagState` / `RolloutState` records;
- `provider`: the `FlagProvider` protocol every flag service implements;
- `source`: the dashboard's flag source (any provider behind the poller's `Source`);
- `stages`, `view`: the percentage placed among the plan's stages, for the header and snapshot;
- `change`: turning flags off and setting a rollout, with drift and range checks;
- `markers`: the change-marker protocol (a deployment marker per flag change);
- `gate`, `evidence`, `advance`: moving to the next stage only when the gate passes;
- `executor`: the runbook's `flag_off` and `flag_rollout` actions.

This module imports nothing: `core.model` reaches `model` through it.
"""

"""The war-room domain: plan, model, rules, poller, runbook. Imports no UI and no vendor SDK."""

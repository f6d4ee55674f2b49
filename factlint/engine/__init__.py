"""The rule engine: schema and loader, placeholder patterns, safe expressions, the run loop."""

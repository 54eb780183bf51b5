"""The evaluation engine: gates, scoring methods, engineering models, sensitivity.

Plain numpy over arrays of offers × criteria; no Qt, no store. The rules it applies are in
docs/evaluation-rules.md, the engineering models in docs/engineering-models.md."""

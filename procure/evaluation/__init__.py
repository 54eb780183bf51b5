"""The evaluation engine (DESIGN.md §6, §7): gates, scoring methods, engineering models,
sensitivity. Plain numpy over arrays of offers × criteria; no Qt, no store."""

// Package soak holds the soak test (build tag soak, run by `make soak`): a
// 4-validator network with agents funded over IBC every cycle while faults
// are injected, audited and checked for USDC conservation at the end.
// docs/reliability.md records a run.
package soak

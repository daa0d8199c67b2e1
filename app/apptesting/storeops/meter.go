// Package storeops counts KV store accesses for benchmarks: a gas meter that
// tallies the flat charge of every read, write or delete and iterator step,
// in every module the context reaches.
package storeops

import storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"

// Meter is an infinite gas meter that counts store accesses by kind.
type Meter struct {
	storetypes.GasMeter
	Reads, Writes, Iters int64
}

// NewMeter returns a Meter with nothing counted.
func NewMeter() *Meter { return &Meter{GasMeter: storetypes.NewInfiniteGasMeter()} }

// ConsumeGas implements storetypes.GasMeter.
func (m *Meter) ConsumeGas(amount storetypes.Gas, descriptor string) {
	switch descriptor {
	case storetypes.GasReadCostFlatDesc:
		m.Reads++
	case storetypes.GasWriteCostFlatDesc, storetypes.GasDeleteDesc:
		m.Writes++
	case storetypes.GasIterNextCostFlatDesc:
		m.Iters++
	}
	m.GasMeter.ConsumeGas(amount, descriptor)
}

// Total is every access counted.
func (m *Meter) Total() int64 { return m.Reads + m.Writes + m.Iters }

// Reset sets every count back to zero.
func (m *Meter) Reset() { m.Reads, m.Writes, m.Iters = 0, 0, 0 }

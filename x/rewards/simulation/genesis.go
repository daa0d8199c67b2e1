// Package simulation holds the x/rewards randomized genesis and the simsx
// message factories used by the app's simulation (app/sim_test.go).
package simulation

import (
	"math/rand"
	"time"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/types/module"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// RandomParams draws x/rewards params; payout_period is 1 to 8 cycles so that
// a simulation of a few hundred blocks sees several payouts.
func RandomParams(r *rand.Rand, cycle time.Duration) types.Params {
	p := types.DefaultParams()
	p.BasePay = math.NewInt(r.Int63n(2_000_000_000))
	p.VariableCostPerUnit = math.LegacyNewDecWithPrec(r.Int63n(1_000_000), 3)
	p.ProfitCap = math.LegacyOneDec().Add(math.LegacyNewDecWithPrec(r.Int63n(1500), 3))
	p.PayoutPeriod = cycle * time.Duration(1+r.Intn(8))
	p.BasePayBackstop = r.Intn(3) > 0
	p.RecordRetention = cycle * time.Duration(1+r.Intn(40))
	p.MaxPrunePerBlock = uint32(1 + r.Intn(5))
	return p
}

// RandomizedGenState writes a random x/rewards genesis with an empty pool; it
// reads the cycle duration from the x/nodeselection genesis generated before.
func RandomizedGenState(simState *module.SimulationState) {
	cycle := nstypes.DefaultParams().CycleDuration
	if raw, ok := simState.GenState[nstypes.ModuleName]; ok {
		var ns nstypes.GenesisState
		if err := simState.Cdc.UnmarshalJSON(raw, &ns); err == nil {
			cycle = ns.Params.CycleDuration
		}
	}
	gs := types.DefaultGenesisState()
	gs.Params = RandomParams(simState.Rand, cycle)
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}

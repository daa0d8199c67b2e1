// Package simulation holds the x/treasury randomized genesis and the simsx
// message factories used by the app's simulation (app/sim_test.go).
package simulation

import (
	"math/rand"

	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// RandomParams draws a random split that sums to 10000 bps.
func RandomParams(r *rand.Rand, burnDenom string) types.Params {
	p := types.DefaultParams()
	p.BuybackBurnBps = uint32(r.Intn(types.BpsDenominator + 1))
	p.StakingRewardsBps = uint32(r.Intn(int(types.BpsDenominator-p.BuybackBurnBps) + 1))
	p.EcosystemBps = types.BpsDenominator - p.BuybackBurnBps - p.StakingRewardsBps
	p.StakersViaDistribution = r.Intn(2) == 0
	p.BurnDenom = burnDenom
	p.AuctionPeriod, p.MinBidIncrementBps = randomAuction(r)
	p.AuctionExtension = randomExtension(r)
	return p
}

// RandomizedGenState writes a random x/treasury genesis with empty buckets.
func RandomizedGenState(simState *module.SimulationState) {
	gs := types.DefaultGenesisState()
	gs.Params = RandomParams(simState.Rand, simState.BondDenom)
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}

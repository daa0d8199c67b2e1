// Package simulation holds the x/nodeselection randomized genesis and the simsx
// message factories used by the app's simulation (app/sim_test.go).
package simulation

import (
	"fmt"
	"math/rand"
	"time"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// The SDK simulator advances 5000-10000 s per block. Cycle lengths are scaled
// to it so that a cycle spans about as many blocks as a 30-120 s cycle spans on
// 5 s blocks (a localnet); the shortest draws make one block jump over several
// scheduled boundaries, which exercises the halt catch-up of docs/protocol.md#time-and-cycles.
const (
	minCycle = 1 * time.Hour
	maxCycle = 36 * time.Hour
)

// Regions is a handful of valid ISO 3166-1 codes for random operators.
var Regions = []string{"DE", "US", "SK", "JP", "BR", "NG", "FR", "SG", "CA", "AU"}

// RandomParams draws x/nodeselection params that fit the simulator's clock.
func RandomParams(r *rand.Rand, bondDenom string) types.Params {
	p := types.DefaultParams()
	p.BondDenom = bondDenom
	p.CycleDuration = randDuration(r, minCycle, maxCycle)
	p.ActiveSetSize = uint32(1 + r.Intn(6))
	p.MaxDailyTurnoverBps = []uint32{0, 2000, 5000, 20000, 40000}[r.Intn(5)]
	p.MinStake = math.NewInt(1_000_000 + r.Int63n(9_000_000))
	p.WaitingPeriod = randDuration(r, time.Second, 2*p.CycleDuration)
	p.UnbondingPeriod = randDuration(r, time.Hour, 5*24*time.Hour)
	p.JailDuration = randDuration(r, time.Hour, 3*24*time.Hour)
	p.MinUptimeBps = uint32(r.Intn(10001))
	p.PenaltyWindow = randDuration(r, time.Hour, 10*24*time.Hour)
	w0 := uint32(r.Intn(10001))
	w1 := w0 + uint32(r.Intn(int(10001-w0)))
	w2 := w1 + uint32(r.Intn(int(10001-w1)))
	p.WithholdBps = []uint32{w0, w1, w2}
	p.SlashBps = uint32(r.Intn(10001))
	p.SlashDestination = []types.SlashDestination{types.SLASH_DESTINATION_BURN, types.SLASH_DESTINATION_TREASURY}[r.Intn(2)]
	p.Strategy = []types.Strategy{types.STRATEGY_ROUND_ROBIN, types.STRATEGY_WEIGHTED}[r.Intn(2)]
	p.CreditInitial = math.LegacyNewDecWithPrec(int64(1+r.Intn(100)), 2)
	p.CreditStep = math.LegacyNewDecWithPrec(int64(r.Intn(20)), 2)
	p.MaxQueueScan = uint32(1 + r.Intn(50))
	p.MaxMaturedPerBlock = uint32(1 + r.Intn(10))
	p.RequireNodeKey = r.Intn(2) == 0
	return p
}

// RandomizedGenState writes a random x/nodeselection genesis: random params and
// between 0 and 12 genesis operators drawn from the simulation accounts, with
// op-1..op-N as their NFTs. The NFTs and the escrowed stake are added to the
// x/nft and x/bank genesis by the app (see app/simulation.go), which owns the
// cross-module wiring.
func RandomizedGenState(simState *module.SimulationState) {
	r := simState.Rand
	gs := types.DefaultGenesis()
	gs.Params = RandomParams(r, simState.BondDenom)
	n := r.Intn(13)
	if n > len(simState.Accounts)/2 {
		n = len(simState.Accounts) / 2
	}
	for i, acc := range pick(r, simState.Accounts, n) {
		owner := acc.Address.String()
		gs.Operators = append(gs.Operators, types.Operator{
			Owner:         owner,
			NftId:         fmt.Sprintf("%s%d", types.NFTIDPrefix, i+1),
			Signer:        owner,
			Stake:         gs.Params.MinStake.MulRaw(int64(1 + r.Intn(3))),
			Endpoint:      RandomEndpoint(r),
			Region:        Regions[r.Intn(len(Regions))],
			PayoutAddress: owner,
			Status:        types.OPERATOR_STATUS_ELIGIBLE,
			QueueSeq:      uint64(i + 1),
			Credit:        gs.Params.CreditInitial,
			Moniker:       fmt.Sprintf("sim operator %d", i+1),
		})
		if r.Intn(4) != 0 { // some without a key: skipped when require_node_key
			gs.Operators[i].SigningPublicKey = NodeKey(owner).PubKey().Bytes()
		}
	}
	gs.NextNftSeq = uint64(n + 1)
	gs.NextQueueSeq = uint64(n + 1)
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}

// NodeKey is the simulation's XMTP node signing key of an owner.
func NodeKey(owner string) *secp256k1.PrivKey {
	return secp256k1.GenPrivKeyFromSecret([]byte("sim-node-key/" + owner))
}

// RandomEndpoint returns a valid https URL.
func RandomEndpoint(r *rand.Rand) string {
	host := simtypes.RandStringOfLength(r, 8)
	if r.Intn(2) == 0 {
		return fmt.Sprintf("https://%s.xmtp.example", host)
	}
	return fmt.Sprintf("https://%s.xmtp.example:%d", host, 1+r.Intn(65535))
}

func randDuration(r *rand.Rand, lo, hi time.Duration) time.Duration {
	return lo + time.Duration(r.Int63n(int64(hi-lo)+1))/time.Second*time.Second
}

// pick returns n distinct accounts in random order.
func pick(r *rand.Rand, accs []simtypes.Account, n int) []simtypes.Account {
	idx := r.Perm(len(accs))[:n]
	out := make([]simtypes.Account, n)
	for i, j := range idx {
		out[i] = accs[j]
	}
	return out
}

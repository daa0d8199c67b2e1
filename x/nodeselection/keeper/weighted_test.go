package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// Under WEIGHTED, an operator with zero credit or with stake below min_stake
// is never drawn, over 120 boundaries; the others all get seats. Schedule
// returns only the announced next set.
func TestWeightedNeverDrawsZeroCreditOrLowStake(t *testing.T) {
	// ARRANGE: 6 operators, 2 seats, full turnover every cycle.
	f, ops := genesisWithOperators(t, 6, func(p *types.Params) {
		p.ActiveSetSize = 2
		p.MaxDailyTurnoverBps = 20000
		p.Strategy = types.STRATEGY_WEIGHTED
	})
	seated := map[string]bool{}
	for _, m := range append(f.state().Current, f.state().Next...) {
		seated[m.Owner] = true
	}
	var free, drawn []sdk.AccAddress
	for _, o := range ops {
		if seated[f.str(o)] {
			drawn = append(drawn, o)
		} else {
			free = append(free, o)
		}
	}
	require.Len(t, free, 2)
	zeroCredit, lowStake := free[0], free[1]
	op := f.operator(zeroCredit)
	op.Credit = math.LegacyZeroDec()
	require.NoError(t, f.k.SetOperator(f.ctx, zeroCredit, op))
	op = f.operator(lowStake)
	op.Stake = math.NewInt(minBond - 1)
	require.NoError(t, f.k.SetOperator(f.ctx, lowStake, op))
	seen := map[string]int{}

	// ACT
	for c := 1; c <= 120; c++ {
		f.boundary(c)
		for _, m := range append(f.state().Current, f.state().Next...) {
			seen[m.Owner]++
		}
	}

	// ASSERT
	require.Zero(t, seen[f.str(zeroCredit)], "zero credit drawn")
	require.Zero(t, seen[f.str(lowStake)], "stake below min_stake drawn")
	for _, o := range drawn {
		require.Positive(t, seen[f.str(o)], "%s never drawn", f.str(o))
	}
	s, err := f.q.Schedule(f.ctx, &types.QueryScheduleRequest{Cycles: 10})
	require.NoError(t, err)
	require.Len(t, s.Cycles, 1)
	require.Equal(t, memberOwners(f.state().Next), s.Cycles[0].Members)
}

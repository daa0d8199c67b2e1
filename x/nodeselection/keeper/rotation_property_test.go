package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// TestRotationProperties drives random pools through random registrations,
// deregistrations and min_stake changes, checking after every boundary: set
// sizes, no duplicates, every seat filled while eligible operators wait,
// scheduled turnover per 24h within m*ceil(24h/cycle), and the waiting period.
func TestRotationProperties(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		k := rapid.IntRange(1, 6).Draw(rt, "K")
		n := rapid.IntRange(0, 12).Draw(rt, "N")
		bps := rapid.SampledFrom([]int{0, 1000, 2000, 5000, 20000}).Draw(rt, "bps")
		f, _ := genesisWithOperators(rt, n, func(p *types.Params) {
			p.ActiveSetSize = uint32(k)
			p.MaxDailyTurnoverBps = uint32(bps)
		})
		m := int(types.RotationBudget(uint32(k), uint32(bps), cycle))
		next := 100
		var prevScheduled uint32
		for c := 1; c <= 12; c++ {
			// random actions during cycle c-1
			now := genesisTime.Add(time.Duration(c-1)*cycle + time.Hour)
			f.at(now)
			for _, action := range rapid.SliceOfN(rapid.IntRange(0, 3), 0, 3).Draw(rt, fmt.Sprintf("actions%d", c)) {
				switch action {
				case 0: // a newcomer registers with a random bond
					a := addr(next)
					next++
					p, err := f.k.GetParams(f.ctx)
					require.NoError(rt, err)
					stake := p.MinStake.Int64() + rapid.Int64Range(0, 3).Draw(rt, "extra")
					f.fund(a, stake)
					id := f.issue(a)
					_, err = f.msg.RegisterOperator(f.ctx, f.registerMsg(a, id, stake))
					require.NoError(rt, err)
				case 1: // a random registered operator deregisters
					var ops []types.Operator
					for _, op := range f.registered() {
						if op.Status != types.OPERATOR_STATUS_LEAVING {
							ops = append(ops, op)
						}
					}
					if len(ops) == 0 {
						continue
					}
					op := rapid.SampledFrom(ops).Draw(rt, "leaver")
					_, err := f.msg.DeregisterOperator(f.ctx, &types.MsgDeregisterOperator{Owner: op.Owner})
					require.NoError(rt, err)
				case 2, 3: // governance moves min_stake
					p, err := f.k.GetParams(f.ctx)
					require.NoError(rt, err)
					p.MinStake = math.NewInt(minBond + rapid.Int64Range(0, 3).Draw(rt, "raise"))
					_, err = f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: p})
					require.NoError(rt, err)
				}
			}

			// boundary
			at := genesisTime.Add(time.Duration(c) * cycle)
			f.at(at)
			s := f.state()
			params, err := f.k.GetParams(f.ctx)
			require.NoError(rt, err)
			require.NoError(rt, f.k.CheckInvariants(f.ctx), "sizes, duplicates, membership, escrow")

			eligible := 0
			for _, op := range f.registered() {
				if types.IneligibleReason(op, true, at, params) == "" {
					eligible++
				}
			}
			require.Equal(rt, min(k, eligible), len(s.Current), "every seat is filled while eligible operators wait")
			for _, mem := range s.Current {
				owner, err := f.ak.AddressCodec().StringToBytes(mem.Owner)
				require.NoError(rt, err)
				op := f.operator(owner)
				require.False(rt, op.EligibleAt.After(at), "waiting period honoured")
				require.Equal(rt, types.OPERATOR_STATUS_ACTIVE, op.Status)
				require.True(rt, op.Stake.GTE(params.MinStake))
			}
			rec, err := f.k.GetCycleRecord(f.ctx, uint64(c-1))
			require.NoError(rt, err)
			require.LessOrEqual(rt, int(rec.ScheduledOut), m)
			require.LessOrEqual(rt, int(rec.ScheduledOut+prevScheduled), m*2, "24h window: m * ceil(24h/12h)")
			prevScheduled = rec.ScheduledOut
		}
	})
}

// registered lists every operator record.
func (f *fixture) registered() []types.Operator {
	var out []types.Operator
	require.NoError(f.t, f.k.Operators().Walk(f.ctx, nil, func(_ sdk.AccAddress, op types.Operator) (bool, error) {
		out = append(out, op)
		return false, nil
	}))
	return out
}

package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// A write of an operator record keeps the stored schedule only when the
// rotation reads nothing it changed: each input of the rotation changed alone
// removes it, every other field keeps it, and a kept schedule equals a fresh
// replay (it cannot be served stale).
func TestScheduleGuardOnOperatorWrites(t *testing.T) {
	cases := []struct {
		name string
		edit func(p types.Params, op *types.Operator)
		drop bool
	}{
		{"endpoint", func(_ types.Params, op *types.Operator) { op.Endpoint = "https://other.example.com" }, false},
		{"region", func(_ types.Params, op *types.Operator) { op.Region = "US" }, false},
		{"credit", func(_ types.Params, op *types.Operator) { op.Credit = op.Credit.QuoInt64(2) }, false},
		{"payout address", func(_ types.Params, op *types.Operator) { op.PayoutAddress = op.Owner }, false},
		{"stake up, above min_stake", func(_ types.Params, op *types.Operator) { op.Stake = op.Stake.AddRaw(1_000_000) }, false},
		{"stake below min_stake", func(p types.Params, op *types.Operator) { op.Stake = p.MinStake.SubRaw(1) }, true},
		{"status jailed", func(_ types.Params, op *types.Operator) { op.Status = types.OPERATOR_STATUS_JAILED }, true},
		{"eligible_at later", func(_ types.Params, op *types.Operator) { op.EligibleAt = op.EligibleAt.Add(1000 * time.Hour) }, true},
		{"nft_id", func(_ types.Params, op *types.Operator) { op.NftId = "op-99" }, true},
		{"signing key set or removed", func(_ types.Params, op *types.Operator) {
			if len(op.SigningPublicKey) == 0 {
				op.SigningPublicKey = make([]byte, 32)
			} else {
				op.SigningPublicKey = nil
			}
		}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// ARRANGE: 8 operators, 4 seats: op6 is in the queue the schedule rotates in.
			f, ops := genesisWithOperators(t, 8, func(p *types.Params) { p.ActiveSetSize = 4 })
			require.NoError(t, f.k.EndBlocker(f.ctx))
			op, err := f.k.GetOperator(f.ctx, ops[5])
			require.NoError(t, err)
			c.edit(f.params(), &op)

			// ACT
			require.NoError(t, f.k.SetOperator(f.ctx, ops[5], op))

			// ASSERT
			has, err := f.k.ScheduleCache().Has(f.ctx)
			require.NoError(t, err)
			require.Equal(t, !c.drop, has, "stored schedule kept")
			if has {
				stored, err := f.k.ScheduleCache().Get(f.ctx)
				require.NoError(t, err)
				want, err := f.k.ScheduleUncached(f.ctx, uint32(len(stored.Cycles)))
				require.NoError(t, err)
				require.Equal(t, normalize(want.Cycles), normalize(stored.Cycles))
			}
		})
	}
}

package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/xmtp/xmtpd-chain/app/apptesting/events"
	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

func TestFailedPayoutKeepsPayableAndRetries(t *testing.T) {
	// ARRANGE: op1 pays out to a blocked module address.
	f := newFixture(t)
	ops := f.operators(2)
	blocked := authtypes.NewModuleAddress(govName)
	op := f.ns.operators[ops[1].String()]
	op.PayoutAddress = blocked.String()
	f.ns.operators[ops[1].String()] = op

	// ACT: one full period; the payout happens at the boundary ending cycle 59.
	for c := uint64(0); c < 60; c++ {
		f.fund(100_000_000)
		f.end(c, 1, ops...)
	}

	// ASSERT: op0 paid, op1 kept payable, one failed event, chain went on.
	payouts, err := f.q.Payouts(f.ctx, &types.QueryPayoutsRequest{})
	require.NoError(t, err)
	require.Len(t, payouts.Payouts, 1)
	p := payouts.Payouts[0]
	require.Len(t, p.Entries, 2)
	var failed types.PayoutEntry
	for _, e := range p.Entries {
		if e.Owner == ops[1].String() {
			failed = e
		}
	}
	require.False(t, failed.Sent)
	require.Equal(t, int64(1_229_166_617), failed.Amount.Int64()) // 59 capped cycles, see TestManyCycles
	require.Contains(t, failed.Error, "not allowed to receive funds")
	require.Equal(t, failed.Amount, f.account(ops[1]).Payable)
	require.True(t, f.account(ops[1]).PeriodEarnings.IsZero(), "trackers reset even when the send failed")
	require.True(t, f.account(ops[0]).Payable.IsZero())
	require.Equal(t, p.TotalFailed, failed.Amount)
	require.Contains(t, events.Types(f.ctx), "xmtp.rewards.v1.EventPayoutFailed")

	// ACT: the operator fixes its address; the next payout includes the old balance
	// even though op1 no longer serves.
	op.PayoutAddress = ops[1].String()
	f.ns.operators[ops[1].String()] = op
	owed := failed.Amount.Int64()
	for c := uint64(60); c < 120; c++ {
		f.fund(100_000_000)
		f.end(c, 1, ops[0])
	}

	// ASSERT
	// op1 served cycle 59, settled in period 1 with fresh trackers: 16666666 + 4166666.
	require.True(t, f.account(ops[1]).Payable.IsZero())
	require.Equal(t, owed+20_833_332, f.balance(ops[1]))
}

// SetPayoutAddress changes only an existing account (nothing is created for
// an owner owed nothing), and PayoutOwed counts payable and arrears only.
func TestSetPayoutAddressAndPayoutOwed(t *testing.T) {
	// ARRANGE: op0 is credited for cycle 0; op1 never served.
	f := newFixture(t)
	ops := f.operators(2)
	f.fund(100_000_000)
	f.end(0, 1, ops[0])
	f.end(1, 1, ops[0])
	newAddr := addr("new").String()

	// ACT
	require.NoError(t, f.k.SetPayoutAddress(f.ctx, ops[0], newAddr))
	require.NoError(t, f.k.SetPayoutAddress(f.ctx, ops[1], newAddr))

	// ASSERT
	acct, err := f.k.Accounts.Get(f.ctx, ops[0])
	require.NoError(t, err)
	require.Equal(t, newAddr, acct.PayoutAddress)
	has, err := f.k.Accounts.Has(f.ctx, ops[1])
	require.NoError(t, err)
	require.False(t, has, "no account is created for an owner owed nothing")
	owed, err := f.k.PayoutOwed(f.ctx, ops[0])
	require.NoError(t, err)
	require.True(t, owed)
	owed, err = f.k.PayoutOwed(f.ctx, ops[1])
	require.NoError(t, err)
	require.False(t, owed)
	acct.Payable = math.ZeroInt() // only the period trackers left: nothing owed
	require.NoError(t, f.k.Accounts.Set(f.ctx, ops[0], acct))
	owed, err = f.k.PayoutOwed(f.ctx, ops[0])
	require.NoError(t, err)
	require.False(t, owed)
}

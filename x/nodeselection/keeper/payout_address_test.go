package keeper_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// fakeRewards is x/rewards as x/nodeselection sees it: which owners are
// owed money and the payout address kept in each account.
type fakeRewards struct {
	owed map[string]bool
	kept map[string]string
}

func newFakeRewards() *fakeRewards {
	return &fakeRewards{owed: map[string]bool{}, kept: map[string]string{}}
}

func (r *fakeRewards) PayoutPeriod(context.Context) (time.Duration, error) {
	return 30 * 24 * time.Hour, nil
}

func (r *fakeRewards) PayoutOwed(_ context.Context, owner sdk.AccAddress) (bool, error) {
	return r.owed[string(owner)], nil
}

func (r *fakeRewards) SetPayoutAddress(_ context.Context, owner sdk.AccAddress, payout string) error {
	r.kept[string(owner)] = payout
	return nil
}

// Module accounts and addresses x/bank blocks are refused as payout address
// and as signer, with an error naming the field, and nothing changes.
func TestPayoutAddressAndSignerRefuseBlocked(t *testing.T) {
	// ARRANGE: the escrow is a module account that x/bank does not block in
	// this fixture; blockedAddr is blocked by x/bank and is no module account.
	f := newFixture(t, nil)
	a := f.onboard(1)
	escrow := f.str(f.ak.GetModuleAddress(types.ModuleName))
	blocked := f.str(blockedAddr)
	newcomer := addr(2)
	f.fund(newcomer, minBond)
	nftID := f.issue(newcomer)
	withPayout := func(p string) *types.MsgRegisterOperator {
		m := f.registerMsg(newcomer, nftID, minBond)
		m.PayoutAddress = p
		return m
	}
	withSigner := func(s string) *types.MsgRegisterOperator {
		m := f.registerMsg(newcomer, nftID, minBond)
		m.Signer = s
		return m
	}
	cases := []struct {
		name, field string
		run         func() error
	}{
		{"register payout module account", "payout_address", func() error {
			_, err := f.msg.RegisterOperator(f.ctx, withPayout(escrow))
			return err
		}},
		{"register payout blocked", "payout_address", func() error {
			_, err := f.msg.RegisterOperator(f.ctx, withPayout(blocked))
			return err
		}},
		{"register signer module account", "signer", func() error {
			_, err := f.msg.RegisterOperator(f.ctx, withSigner(escrow))
			return err
		}},
		{"register signer blocked", "signer", func() error {
			_, err := f.msg.RegisterOperator(f.ctx, withSigner(blocked))
			return err
		}},
		{"register owner module account", "owner (the first signer)", func() error {
			_, err := f.msg.RegisterOperator(f.ctx, f.registerMsg(f.ak.GetModuleAddress(types.ModuleName), nftID, minBond))
			return err
		}},
		{"register owner blocked", "owner (the first signer)", func() error {
			_, err := f.msg.RegisterOperator(f.ctx, f.registerMsg(blockedAddr, nftID, minBond))
			return err
		}},
		{"update payout module account", "payout_address", func() error {
			_, err := f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(a), PayoutAddress: escrow})
			return err
		}},
		{"update payout blocked", "payout_address", func() error {
			_, err := f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(a), PayoutAddress: blocked, Region: "FR"})
			return err
		}},
		{"update signer module account", "signer", func() error {
			_, err := f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(a), Signer: escrow})
			return err
		}},
		{"update signer blocked", "signer", func() error {
			_, err := f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(a), Signer: blocked})
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := f.snapshot(a, newcomer)

			// ACT
			err := tc.run()

			// ASSERT
			require.ErrorIs(t, err, types.ErrBlockedAddress)
			require.ErrorContains(t, err, tc.field+" ")
			require.Equal(t, before, f.snapshot(a, newcomer))
		})
	}

	// An ordinary account is accepted for both.
	_, err := f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(a), PayoutAddress: f.str(addr(9)), Signer: f.str(addr(8))})
	require.NoError(t, err)
	require.Equal(t, f.str(addr(9)), f.operator(a).PayoutAddress)
	require.Equal(t, f.str(addr(8)), f.operator(a).PendingSigner)
}

// Every payout address the owner sets is handed to x/rewards, which keeps it
// for what is still payable after the record is deleted.
func TestPayoutAddressHandedToRewards(t *testing.T) {
	// ARRANGE
	f := newFixture(t, nil)
	rk := newFakeRewards()
	f.hooks.rewards = rk
	a := f.onboard(1)
	require.Equal(t, f.str(a), rk.kept[string(a)], "the default payout address (owner) at registration")

	// ACT
	_, err := f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(a), PayoutAddress: f.str(addr(9))})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, f.str(addr(9)), rk.kept[string(a)])
}

// After the record is deleted, the owner still sets the payout address while
// x/rewards owes it money, and only then.
func TestDepartedOwnerSetsPayoutWhileOwed(t *testing.T) {
	// ARRANGE: owner x has no record (deleted after unbonding).
	f := newFixture(t, nil)
	rk := newFakeRewards()
	f.hooks.rewards = rk
	x := addr(5)
	rk.owed[string(x)] = true
	payout := f.str(addr(9))

	// ACT
	_, err := f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(x), PayoutAddress: payout})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, payout, rk.kept[string(x)])
	require.Contains(t, eventTypes(f.ctx), "xmtp.nodeselection.v1.EventOperatorUpdated")
	_, err = f.k.GetOperator(f.ctx, x)
	require.Error(t, err, "no record is created")

	// A blocked address is refused; other fields need a record; nothing owed: refused.
	_, err = f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(x), PayoutAddress: f.str(f.ak.GetModuleAddress(types.ModuleName))})
	require.ErrorIs(t, err, types.ErrBlockedAddress)
	_, err = f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(x), PayoutAddress: f.str(addr(10)), Region: "FR"})
	require.ErrorIs(t, err, types.ErrNotRegistered)
	rk.owed[string(x)] = false
	_, err = f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(x), PayoutAddress: f.str(addr(10))})
	require.ErrorIs(t, err, types.ErrNotRegistered)
	require.ErrorContains(t, err, "owed no payable or arrears")
	require.Equal(t, payout, rk.kept[string(x)], "refusals change nothing")
}

// A revoked operator (NFT burnt, record leaving) still sets its payout
// address; its other fields need the NFT.
func TestRevokedOperatorSetsPayoutWithoutNFT(t *testing.T) {
	// ARRANGE
	f := newFixture(t, nil)
	a := f.onboard(1)
	_, err := f.msg.RevokeOperatorNFT(f.ctx, &types.MsgRevokeOperatorNFT{Authority: f.authority, NftId: f.operator(a).NftId, Reason: "test"})
	require.NoError(t, err)

	// ACT
	_, err = f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(a), PayoutAddress: f.str(addr(9))})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, f.str(addr(9)), f.operator(a).PayoutAddress)
	_, err = f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(a), Endpoint: "https://x.example.org"})
	require.ErrorIs(t, err, types.ErrNFTNotFound)
}

package keeper_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/xmtp/xmtpd-chain/app/apptesting/events"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

func TestRegisterOperator(t *testing.T) {
	// ARRANGE
	f := newFixture(t, nil)
	a := addr(1)
	f.fund(a, minBond+5)
	id := f.issue(a)

	// ACT
	resp, err := f.msg.RegisterOperator(f.ctx, f.registerMsg(a, id, minBond))

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, uint64(1), resp.QueueSeq)
	require.Equal(t, int64(5), f.balance(a).Int64())
	require.Equal(t, int64(minBond), f.escrow().Int64())
	op := f.operator(a)
	require.Equal(t, types.OPERATOR_STATUS_WAITING, op.Status)
	require.Equal(t, genesisTime.Add(24*time.Hour), op.EligibleAt)
	require.Equal(t, f.str(a), op.Signer, "signer defaults to owner")
	require.Equal(t, f.str(a), op.PayoutAddress, "payout defaults to owner")
	require.Equal(t, "op-1", op.NftId)
	require.Contains(t, eventTypes(f.ctx), "xmtp.nodeselection.v1.EventOperatorRegistered")
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

func TestRegisterOperatorRejects(t *testing.T) {
	f := newFixture(t, nil)
	a, other, registered := addr(1), addr(2), addr(3)
	f.fund(a, 2*minBond)
	f.fund(other, minBond)
	id := f.issue(a)
	otherID := f.issue(other)
	f.onboard(3)
	long := "https://" + strings.Repeat("a", 250) + ".com"
	cases := []struct {
		name   string
		mutate func(m *types.MsgRegisterOperator)
		err    error
		text   string
	}{
		{"no NFT", func(m *types.MsgRegisterOperator) { m.NftId = "op-99" }, types.ErrNFTNotFound, `nft_id "op-99" does not exist`},
		{"someone else's NFT", func(m *types.MsgRegisterOperator) { m.NftId = otherID }, types.ErrNotNFTHolder, "op-2 is held by"},
		{"stake below min", func(m *types.MsgRegisterOperator) { m.Stake = sdk.NewInt64Coin(bond, 5) }, types.ErrStakeBelowMin,
			"stake 5uxmtp is below min_stake 100000000000uxmtp"},
		{"wrong denom", func(m *types.MsgRegisterOperator) { m.Stake = sdk.NewInt64Coin("uusdc", minBond) }, types.ErrInvalidDenom, `stake denom "uusdc" is not the bond denom "uxmtp"`},
		{"zero stake", func(m *types.MsgRegisterOperator) { m.Stake = sdk.NewInt64Coin(bond, 0) }, types.ErrInvalidAmount, "must be positive"},
		{"http scheme", func(m *types.MsgRegisterOperator) { m.Endpoint = "http://node.example.com" }, types.ErrInvalidEndpoint, `scheme "http"`},
		{"no host", func(m *types.MsgRegisterOperator) { m.Endpoint = "https://" }, types.ErrInvalidEndpoint, "no host"},
		{"path", func(m *types.MsgRegisterOperator) { m.Endpoint = "https://node.example.com/api" }, types.ErrInvalidEndpoint, "no user, path"},
		{"bad port", func(m *types.MsgRegisterOperator) { m.Endpoint = "https://node.example.com:99999" }, types.ErrInvalidEndpoint, "allowed 1-65535"},
		{"too long", func(m *types.MsgRegisterOperator) { m.Endpoint = long }, types.ErrInvalidEndpoint, "at most 256 allowed"},
		{"region XX", func(m *types.MsgRegisterOperator) { m.Region = "XX" }, types.ErrInvalidRegion, `region "XX" is not an ISO 3166-1 alpha-2 code`},
		{"region lower case", func(m *types.MsgRegisterOperator) { m.Region = "sk" }, types.ErrInvalidRegion, `region "sk"`},
		{"bad signer", func(m *types.MsgRegisterOperator) { m.Signer = "cosmos1xyz" }, types.ErrInvalidAddress, "signer"},
		{"bad payout", func(m *types.MsgRegisterOperator) { m.PayoutAddress = "xyz" }, types.ErrInvalidAddress, "payout_address"},
		{"insufficient funds", func(m *types.MsgRegisterOperator) { m.Stake = sdk.NewInt64Coin(bond, 3*minBond) }, sdkerrors.ErrInsufficientFunds, "insufficient funds"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			msg := f.registerMsg(a, id, minBond)
			tc.mutate(msg)
			before := f.snapshot(a, other)
			_, err := f.msg.RegisterOperator(f.ctx, msg)
			require.ErrorIs(t, err, tc.err)
			require.Contains(t, err.Error(), tc.text)
			require.Equal(t, before, f.snapshot(a, other))
		})
	}
	t.Run("duplicate registration", func(t *testing.T) {
		f.fund(registered, minBond)
		before := f.snapshot(registered)
		_, err := f.msg.RegisterOperator(f.ctx, f.registerMsg(registered, "op-3", minBond))
		require.ErrorIs(t, err, types.ErrAlreadyRegistered)
		require.Contains(t, err.Error(), "is already registered")
		require.Equal(t, before, f.snapshot(registered))
	})
}

func TestUpdateOperator(t *testing.T) {
	f := newFixture(t, nil)
	a := f.onboard(1)
	payout := f.str(addr(9))

	_, err := f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(a), Endpoint: "https://new.example.org", Region: "DE", PayoutAddress: payout})

	require.NoError(t, err)
	op := f.operator(a)
	require.Equal(t, "https://new.example.org", op.Endpoint)
	require.Equal(t, "DE", op.Region)
	require.Equal(t, payout, op.PayoutAddress)
	require.Equal(t, f.str(a), op.Signer, "unset fields are kept")

	cases := []struct {
		name string
		msg  *types.MsgUpdateOperator
		err  error
	}{
		{"nothing", &types.MsgUpdateOperator{Owner: f.str(a)}, types.ErrNothingToUpdate},
		{"bad endpoint", &types.MsgUpdateOperator{Owner: f.str(a), Region: "FR", Endpoint: "ftp://x.org"}, types.ErrInvalidEndpoint},
		{"bad region", &types.MsgUpdateOperator{Owner: f.str(a), Region: "XX"}, types.ErrInvalidRegion},
		{"bad signer", &types.MsgUpdateOperator{Owner: f.str(a), Signer: "nope"}, types.ErrInvalidAddress},
		{"not registered", &types.MsgUpdateOperator{Owner: f.str(addr(7)), Region: "FR"}, types.ErrNotRegistered},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := f.snapshot(a)
			_, err := f.msg.UpdateOperator(f.ctx, tc.msg)
			require.ErrorIs(t, err, tc.err)
			require.Equal(t, before, f.snapshot(a))
		})
	}
}

func TestAddStake(t *testing.T) {
	f := newFixture(t, nil)
	a := f.onboard(1)
	f.fund(a, 7)

	_, err := f.msg.AddStake(f.ctx, &types.MsgAddStake{Owner: f.str(a), Amount: sdk.NewInt64Coin(bond, 7)})

	require.NoError(t, err)
	require.Equal(t, int64(minBond+7), f.operator(a).Stake.Int64())
	require.Equal(t, int64(minBond+7), f.escrow().Int64())
	require.True(t, f.balance(a).IsZero())

	cases := []struct {
		name string
		msg  *types.MsgAddStake
		err  error
	}{
		{"wrong denom", &types.MsgAddStake{Owner: f.str(a), Amount: sdk.NewInt64Coin("uusdc", 1)}, types.ErrInvalidDenom},
		{"zero", &types.MsgAddStake{Owner: f.str(a), Amount: sdk.NewInt64Coin(bond, 0)}, types.ErrInvalidAmount},
		{"insufficient funds", &types.MsgAddStake{Owner: f.str(a), Amount: sdk.NewInt64Coin(bond, 1)}, sdkerrors.ErrInsufficientFunds},
		{"not registered", &types.MsgAddStake{Owner: f.str(addr(5)), Amount: sdk.NewInt64Coin(bond, 1)}, types.ErrNotRegistered},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := f.snapshot(a)
			_, err := f.msg.AddStake(f.ctx, tc.msg)
			require.ErrorIs(t, err, tc.err)
			require.Equal(t, before, f.snapshot(a))
		})
	}
}

func TestOwnershipRecheckedOnEveryOperatorTx(t *testing.T) {
	// ARRANGE: the NFT leaves the owner behind the module's back
	f := newFixture(t, nil)
	a := f.onboard(1)
	f.fund(a, 1)
	require.NoError(t, f.nft.Transfer(f.ctx, types.NFTClassID, "op-1", addr(2)))
	before := f.snapshot(a)

	// ACT
	_, errStake := f.msg.AddStake(f.ctx, &types.MsgAddStake{Owner: f.str(a), Amount: sdk.NewInt64Coin(bond, 1)})
	_, errUpdate := f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(a), Region: "FR"})
	_, errDereg := f.msg.DeregisterOperator(f.ctx, &types.MsgDeregisterOperator{Owner: f.str(a)})

	// ASSERT
	for _, err := range []error{errStake, errUpdate, errDereg} {
		require.ErrorIs(t, err, types.ErrNotNFTHolder)
	}
	require.Equal(t, before, f.snapshot(a))
}

func TestDeregisterOperator(t *testing.T) {
	// ARRANGE
	f := newFixture(t, nil)
	a := f.onboard(1)

	// ACT
	resp, err := f.msg.DeregisterOperator(f.ctx, &types.MsgDeregisterOperator{Owner: f.str(a)})

	// ASSERT
	require.NoError(t, err)
	done := genesisTime.Add(21 * 24 * time.Hour)
	require.Equal(t, done.Format(time.RFC3339), resp.CompletionTime)
	op := f.operator(a)
	require.Equal(t, types.OPERATOR_STATUS_LEAVING, op.Status)
	require.True(t, op.Stake.IsZero())
	require.Zero(t, op.QueueSeq)
	ub, err := f.q.Unbondings(f.ctx, &types.QueryUnbondingsRequest{Owner: f.str(a)})
	require.NoError(t, err)
	require.Len(t, ub.Entries, 1)
	require.Equal(t, int64(minBond), ub.Entries[0].Amount.Int64())
	require.Equal(t, done, ub.Entries[0].CompletionTime)
	q, err := f.q.Queue(f.ctx, &types.QueryQueueRequest{})
	require.NoError(t, err)
	require.Empty(t, q.Entries)
	require.NoError(t, f.k.CheckInvariants(f.ctx))

	before := f.snapshot(a)
	_, err = f.msg.DeregisterOperator(f.ctx, &types.MsgDeregisterOperator{Owner: f.str(a)})
	require.ErrorIs(t, err, types.ErrOperatorLeaving)
	_, err = f.msg.AddStake(f.ctx, &types.MsgAddStake{Owner: f.str(a), Amount: sdk.NewInt64Coin(bond, 1)})
	require.ErrorIs(t, err, types.ErrOperatorLeaving)
	require.Equal(t, before, f.snapshot(a))
}

func TestUpdateParams(t *testing.T) {
	f := newFixture(t, nil)
	p := types.DefaultParams()
	p.ActiveSetSize = 7

	_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: p})

	require.NoError(t, err)
	got, err := f.k.GetParams(f.ctx)
	require.NoError(t, err)
	require.Equal(t, uint32(7), got.ActiveSetSize)

	unspecified := p
	unspecified.Strategy = types.STRATEGY_UNSPECIFIED
	zeroSet := p
	zeroSet.ActiveSetSize = 0
	cases := []struct {
		name string
		msg  *types.MsgUpdateParams
		err  error
		text string
	}{
		{"non-authority", &types.MsgUpdateParams{Authority: f.str(addr(1)), Params: p}, sdkerrors.ErrUnauthorized, "invalid authority"},
		{"no strategy", &types.MsgUpdateParams{Authority: f.authority, Params: unspecified}, types.ErrInvalidParams, "strategy"},
		{"zero seats", &types.MsgUpdateParams{Authority: f.authority, Params: zeroSet}, types.ErrInvalidParams, "active_set_size"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := f.snapshot()
			_, err := f.msg.UpdateParams(f.ctx, tc.msg)
			require.ErrorIs(t, err, tc.err)
			require.Contains(t, err.Error(), tc.text)
			require.Equal(t, before, f.snapshot())
		})
	}
}

// eventTypes lists the typed events emitted on ctx.
func eventTypes(ctx sdk.Context) []string { return events.Types(ctx) }

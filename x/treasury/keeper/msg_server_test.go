package keeper_test

import (
	"time"

	"testing"

	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/xmtp/xmtpd-chain/app/apptesting/events"
	"github.com/xmtp/xmtpd-chain/x/treasury/types"
)

func TestSpendErrorsChangeNothing(t *testing.T) {
	cases := map[string]struct {
		msg  func(f *fixture, recipient string) *types.MsgSpend
		is   error
		want []string
	}{
		"not the authority": {
			msg: func(f *fixture, r string) *types.MsgSpend {
				return &types.MsgSpend{Authority: r, Bucket: types.BUCKET_ECOSYSTEM, Recipient: r, Amount: sdk.NewInt64Coin(usdc, 1)}
			},
			is: sdkerrors.ErrUnauthorized, want: []string{"invalid authority"},
		},
		"unspecified bucket": {
			msg: func(f *fixture, r string) *types.MsgSpend {
				return &types.MsgSpend{Authority: f.authority, Recipient: r, Amount: sdk.NewInt64Coin(usdc, 1)}
			},
			is: types.ErrInvalidBucket, want: []string{"BUCKET_UNSPECIFIED"},
		},
		"wrong bucket": {
			msg: func(f *fixture, r string) *types.MsgSpend {
				return &types.MsgSpend{Authority: f.authority, Bucket: types.BUCKET_STAKING_REWARDS, Recipient: r, Amount: sdk.NewInt64Coin(usdc, 1)}
			},
			is: types.ErrInsufficientFunds, want: []string{"BUCKET_STAKING_REWARDS", "holds 0uusdc", "requested 1uusdc"},
		},
		"too much": {
			msg: func(f *fixture, r string) *types.MsgSpend {
				return &types.MsgSpend{Authority: f.authority, Bucket: types.BUCKET_ECOSYSTEM, Recipient: r, Amount: sdk.NewInt64Coin(usdc, 302)}
			},
			is: types.ErrInsufficientFunds, want: []string{"BUCKET_ECOSYSTEM", "holds 301uusdc", "requested 302uusdc"},
		},
		"other denom": {
			msg: func(f *fixture, r string) *types.MsgSpend {
				return &types.MsgSpend{Authority: f.authority, Bucket: types.BUCKET_ECOSYSTEM, Recipient: r, Amount: sdk.NewInt64Coin(xmtp, 1)}
			},
			is: types.ErrInsufficientFunds, want: []string{"BUCKET_ECOSYSTEM", "holds 0uxmtp", "requested 1uxmtp"},
		},
		"zero amount": {
			msg: func(f *fixture, r string) *types.MsgSpend {
				return &types.MsgSpend{Authority: f.authority, Bucket: types.BUCKET_ECOSYSTEM, Recipient: r, Amount: sdk.NewInt64Coin(usdc, 0)}
			},
			is: types.ErrInvalidAmount, want: []string{"must be positive"},
		},
		"blocked recipient": {
			msg: func(f *fixture, _ string) *types.MsgSpend {
				fc, _ := f.addrCodec.BytesToString(authtypes.NewModuleAddress(authtypes.FeeCollectorName))
				return &types.MsgSpend{Authority: f.authority, Bucket: types.BUCKET_ECOSYSTEM, Recipient: fc, Amount: sdk.NewInt64Coin(usdc, 1)}
			},
			is: types.ErrInvalidRecipient, want: []string{"blocked"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			// ARRANGE: ECOSYSTEM 301uusdc, BUYBACK_BURN 400uusdc, STAKING_REWARDS empty.
			f := newFixture(t)
			f.handleExcess(t, 1, usdc, part(types.CATEGORY_CAP_EXCESS, 1001))
			addr, recipient := f.newAccount(t, 1)
			before := f.snapshot(t, addr)

			// ACT
			_, err := f.msgs.Spend(f.ctx, tc.msg(f, recipient))

			// ASSERT
			require.ErrorIs(t, err, tc.is)
			for _, w := range tc.want {
				require.ErrorContains(t, err, w)
			}
			require.Equal(t, before, f.snapshot(t, addr))
		})
	}
}

func TestSpendMovesCoinsAndRecords(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	f.handleExcess(t, 1, usdc, part(types.CATEGORY_CAP_EXCESS, 1001))
	addr, recipient := f.newAccount(t, 2)

	// ACT: spend all of BUYBACK_BURN to the buyback executor.
	res, err := f.msgs.Spend(f.ctx, &types.MsgSpend{
		Authority: f.authority, Bucket: types.BUCKET_BUYBACK_BURN, Recipient: recipient, Amount: sdk.NewInt64Coin(usdc, 400),
	})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, math.NewInt(400), f.bk.GetBalance(f.ctx, addr, usdc).Amount)
	require.Equal(t, math.ZeroInt(), f.bucket(t, types.BUCKET_BUYBACK_BURN, usdc))
	require.Equal(t, math.NewInt(301), f.bucket(t, types.BUCKET_ECOSYSTEM, usdc))
	s, err := f.k.Spends.Get(f.ctx, res.SpendId)
	require.NoError(t, err)
	require.Equal(t, types.Spend{
		Id: res.SpendId, Kind: types.SPEND_KIND_AUTHORITY, Bucket: types.BUCKET_BUYBACK_BURN, Recipient: recipient,
		Amount: sdk.NewInt64Coin(usdc, 400), Initiator: f.authority, Height: 7,
	}, s)
	events := events.Typed[types.EventSpend](f.ctx)
	require.Len(t, events, 1)
	require.Equal(t, recipient, events[0].Recipient)
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

func TestBurnHoldingsReducesSupply(t *testing.T) {
	// ARRANGE: a 1000uxmtp slash puts 400uxmtp in BUYBACK_BURN.
	f := newFixture(t)
	f.handleExcess(t, 1, xmtp, part(types.CATEGORY_SLASH, 1000))
	_, sender := f.newAccount(t, 3)
	supply := f.bk.GetSupply(f.ctx, xmtp).Amount

	// ACT
	res, err := f.msgs.BurnHoldings(f.ctx, &types.MsgBurnHoldings{Sender: sender, Amount: sdk.NewInt64Coin(xmtp, 150)})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, supply.SubRaw(150), f.bk.GetSupply(f.ctx, xmtp).Amount)
	require.Equal(t, math.NewInt(250), f.bucket(t, types.BUCKET_BUYBACK_BURN, xmtp))
	require.Equal(t, math.NewInt(300), f.bucket(t, types.BUCKET_ECOSYSTEM, xmtp), "other buckets are never burned")
	s, err := f.k.Spends.Get(f.ctx, res.SpendId)
	require.NoError(t, err)
	require.Equal(t, types.SPEND_KIND_BURN, s.Kind)
	require.Equal(t, sender, s.Initiator)
	events := events.Typed[types.EventBurn](f.ctx)
	require.Len(t, events, 1)
	require.Equal(t, sdk.NewInt64Coin(xmtp, 150), events[0].Amount)
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

func TestBurnHoldingsErrorsChangeNothing(t *testing.T) {
	cases := map[string]struct {
		amount sdk.Coin
		is     error
		want   []string
	}{
		"more than the bucket holds": {sdk.NewInt64Coin(xmtp, 401), types.ErrInsufficientFunds, []string{"BUCKET_BUYBACK_BURN", "holds 400uxmtp", "requested 401uxmtp"}},
		"not burn_denom":             {sdk.NewInt64Coin(usdc, 1), types.ErrInvalidDenom, []string{"burn denom uusdc is not burn_denom uxmtp"}},
		"zero":                       {sdk.NewInt64Coin(xmtp, 0), types.ErrInvalidAmount, []string{"must be positive"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			f.handleExcess(t, 1, xmtp, part(types.CATEGORY_SLASH, 1000))
			f.handleExcess(t, 1, usdc, part(types.CATEGORY_CAP_EXCESS, 1000))
			_, sender := f.newAccount(t, 3)
			before := f.snapshot(t)
			supply := f.bk.GetSupply(f.ctx, xmtp)

			// ACT
			_, err := f.msgs.BurnHoldings(f.ctx, &types.MsgBurnHoldings{Sender: sender, Amount: tc.amount})

			// ASSERT
			require.ErrorIs(t, err, tc.is)
			for _, w := range tc.want {
				require.ErrorContains(t, err, w)
			}
			require.Equal(t, before, f.snapshot(t))
			require.Equal(t, supply, f.bk.GetSupply(f.ctx, xmtp))
		})
	}
}

func TestFundBucketAddsAndRecords(t *testing.T) {
	// ARRANGE: the buyback executor holds bought-back XMTP.
	f := newFixture(t)
	addr, sender := f.newAccount(t, 4, sdk.NewInt64Coin(xmtp, 1000))

	// ACT
	res, err := f.msgs.FundBucket(f.ctx, &types.MsgFundBucket{Sender: sender, Bucket: types.BUCKET_BUYBACK_BURN, Amount: sdk.NewInt64Coin(xmtp, 600)})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, math.NewInt(400), f.bk.GetBalance(f.ctx, addr, xmtp).Amount)
	require.Equal(t, math.NewInt(600), f.bucket(t, types.BUCKET_BUYBACK_BURN, xmtp))
	in, err := f.k.Inflows.Get(f.ctx, res.InflowId)
	require.NoError(t, err)
	require.Equal(t, sender, in.Source)
	require.Equal(t, math.NewInt(600), in.Split.BuybackBurn)
	require.Equal(t, math.ZeroInt(), in.Split.Ecosystem)
	require.Len(t, events.Typed[types.EventBucketFunded](f.ctx), 1)
	require.NoError(t, f.k.CheckInvariants(f.ctx))
}

func TestUpdateParams(t *testing.T) {
	valid := types.Params{BuybackBurnBps: 5000, StakingRewardsBps: 2500, EcosystemBps: 2500, BurnDenom: xmtp, RecordRetention: time.Hour, MaxPrunePerBlock: 1}
	bad := valid
	bad.EcosystemBps = 2499
	cases := map[string]struct {
		authority func(f *fixture) string
		params    types.Params
		is        error
		want      string
	}{
		"valid":            {func(f *fixture) string { return f.authority }, valid, nil, ""},
		"not authority":    {func(f *fixture) string { _, a := f.newAccount(t, 9); return a }, valid, sdkerrors.ErrUnauthorized, "invalid authority"},
		"sum is not 10000": {func(f *fixture) string { return f.authority }, bad, types.ErrInvalidParams, "ecosystem_bps"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)

			// ACT
			_, err := f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: tc.authority(f), Params: tc.params})

			// ASSERT
			got, gerr := f.k.Params.Get(f.ctx)
			require.NoError(t, gerr)
			if tc.is != nil {
				require.ErrorIs(t, err, tc.is)
				require.ErrorContains(t, err, tc.want)
				require.Equal(t, types.DefaultParams(), got)
				require.Empty(t, events.Typed[types.EventParamsUpdated](f.ctx))
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.params, got)
			require.Len(t, events.Typed[types.EventParamsUpdated](f.ctx), 1)
		})
	}
}

func TestUpdateParamsChangesTheNextSplit(t *testing.T) {
	// ARRANGE: 50/25/25.
	f := newFixture(t)
	p := types.Params{BuybackBurnBps: 5000, StakingRewardsBps: 2500, EcosystemBps: 2500, StakersViaDistribution: false, BurnDenom: xmtp, RecordRetention: time.Hour, MaxPrunePerBlock: 1}
	_, err := f.msgs.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.authority, Params: p})
	require.NoError(t, err)

	// ACT
	f.handleExcess(t, 1, usdc, part(types.CATEGORY_CAP_EXCESS, 999))

	// ASSERT: floor(499.5)=499, floor(249.75)=249, remainder 251.
	require.Equal(t, math.NewInt(499), f.bucket(t, types.BUCKET_BUYBACK_BURN, usdc))
	require.Equal(t, math.NewInt(249), f.bucket(t, types.BUCKET_STAKING_REWARDS, usdc))
	require.Equal(t, math.NewInt(251), f.bucket(t, types.BUCKET_ECOSYSTEM, usdc))
}

func TestSpendFollowsConsensusAuthority(t *testing.T) {
	// ARRANGE: consensus params name an interim multisig as the authority.
	f := newFixture(t)
	f.handleExcess(t, 1, usdc, part(types.CATEGORY_CAP_EXCESS, 1001))
	_, multisig := f.newAccount(t, 5)
	_, recipient := f.newAccount(t, 6)
	f.ctx = f.ctx.WithConsensusParams(cmtproto.ConsensusParams{Authority: &cmtproto.AuthorityParams{Authority: multisig}})
	spend := func(authority string) error {
		_, err := f.msgs.Spend(f.ctx, &types.MsgSpend{Authority: authority, Bucket: types.BUCKET_ECOSYSTEM, Recipient: recipient, Amount: sdk.NewInt64Coin(usdc, 1)})
		return err
	}

	// ACT
	govErr := spend(f.authority)
	multisigErr := spend(multisig)

	// ASSERT: the keeper's gov authority is no longer accepted; the multisig is.
	require.ErrorIs(t, govErr, sdkerrors.ErrUnauthorized)
	require.NoError(t, multisigErr)
	require.Equal(t, math.NewInt(300), f.bucket(t, types.BUCKET_ECOSYSTEM, usdc))
}

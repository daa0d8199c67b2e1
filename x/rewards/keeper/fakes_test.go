package keeper_test

import (
	"context"
	"fmt"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	nstypes "github.com/xmtp/xmtpd-chain/x/nodeselection/types"
	treasurytypes "github.com/xmtp/xmtpd-chain/x/treasury/types"
)

// fakeNodeSelection serves cycle records, operators and params from maps.
type fakeNodeSelection struct {
	records    map[uint64]nstypes.CycleRecord
	operators  map[string]nstypes.Operator
	params     nstypes.Params
	perf       map[uint64]map[string]nstypes.Performance
	violations map[string][]nstypes.Violation
	pending    *uint64
	atts       []nstypes.Attestation
}

func (f *fakeNodeSelection) SettledPerformance(_ context.Context, c uint64, owner sdk.AccAddress) (nstypes.Performance, bool, error) {
	p, ok := f.perf[c][owner.String()]
	return p, ok, nil
}

func (f *fakeNodeSelection) OperatorViolations(_ context.Context, owner sdk.AccAddress) ([]nstypes.Violation, error) {
	return f.violations[owner.String()], nil
}

func (f *fakeNodeSelection) ViolatorsBetween(_ context.Context, from, to time.Time) ([]sdk.AccAddress, error) {
	var owners []sdk.AccAddress
	for owner, vs := range f.violations {
		for _, v := range vs {
			if !v.Time.Before(from) && !v.Time.After(to) {
				owners = append(owners, sdk.MustAccAddressFromBech32(owner))
				break
			}
		}
	}
	return owners, nil
}

func (f *fakeNodeSelection) PendingAttestations(context.Context) (uint64, []nstypes.Attestation, bool, error) {
	if f.pending == nil {
		return 0, nil, false, nil
	}
	return *f.pending, f.atts, true, nil
}

// Performance makes the fake the performance source too (settled records).
func (f *fakeNodeSelection) Performance(_ context.Context, c uint64, owner string) (uint32, uint64, bool, error) {
	p, ok := f.perf[c][owner]
	if !ok {
		return 10000, 0, false, nil
	}
	return p.UptimeBps, p.WorkUnits, p.Attested, nil
}

func (f *fakeNodeSelection) GetCycleRecord(_ context.Context, c uint64) (nstypes.CycleRecord, error) {
	r, ok := f.records[c]
	if !ok {
		return r, collections.ErrNotFound
	}
	return r, nil
}

func (f *fakeNodeSelection) GetOperator(_ context.Context, owner sdk.AccAddress) (nstypes.Operator, error) {
	o, ok := f.operators[owner.String()]
	if !ok {
		return o, collections.ErrNotFound
	}
	return o, nil
}

func (f *fakeNodeSelection) GetParams(context.Context) (nstypes.Params, error) { return f.params, nil }

// fakeTreasury moves real coins between the rewards and treasury module accounts.
type fakeTreasury struct {
	bk        bankkeeper.BaseKeeper
	ecosystem math.Int
	received  map[treasurytypes.Category]math.Int
	calls     int
	spends    []treasurytypes.Spend
}

func (f *fakeTreasury) HandleExcess(ctx context.Context, from string, _ uint64, denom string, parts []treasurytypes.ExcessPart) error {
	f.calls++
	total := math.ZeroInt()
	for _, p := range parts {
		f.received[p.Category] = f.received[p.Category].Add(p.Amount)
		total = total.Add(p.Amount)
	}
	return f.bk.SendCoinsFromModuleToModule(ctx, from, treasuryName, sdk.NewCoins(sdk.NewCoin(denom, total)))
}

func (f *fakeTreasury) GetSpend(_ context.Context, id uint64) (treasurytypes.Spend, error) {
	if id >= uint64(len(f.spends)) {
		return treasurytypes.Spend{}, collections.ErrNotFound
	}
	return f.spends[id], nil
}

func (f *fakeTreasury) LastSpendID(context.Context) (uint64, bool, error) {
	if len(f.spends) == 0 {
		return 0, false, nil
	}
	return uint64(len(f.spends) - 1), true, nil
}

func (f *fakeTreasury) DrawBackstop(ctx context.Context, to, denom string, amt math.Int) (math.Int, error) {
	d := math.MinInt(amt, f.ecosystem)
	if d.IsZero() {
		return d, nil
	}
	f.spends = append(f.spends, treasurytypes.Spend{
		Id: uint64(len(f.spends)), Kind: treasurytypes.SPEND_KIND_BACKSTOP, Recipient: to,
		Amount: sdk.NewCoin(denom, d), Height: sdk.UnwrapSDKContext(ctx).BlockHeight(),
	})
	f.ecosystem = f.ecosystem.Sub(d)
	return d, f.bk.SendCoinsFromModuleToModule(ctx, treasuryName, to, sdk.NewCoins(sdk.NewCoin(denom, d)))
}

// fakeGov returns stored proposals.
type fakeGov struct{ props map[uint64]govv1.Proposal }

func (g fakeGov) GetProposal(_ context.Context, id uint64) (govv1.Proposal, error) {
	p, ok := g.props[id]
	if !ok {
		return p, fmt.Errorf("proposal %d not found", id)
	}
	return p, nil
}

package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/rewards/types"
)

// Names of the three audit checks (docs/protocol.md).
const (
	CheckRecompute  = "recompute"
	CheckProvenance = "provenance"
	CheckContinuity = "continuity"
)

// Audit checks a stored cycle record with the three checks of docs/protocol.md.
func (q queryServer) Audit(ctx context.Context, req *types.QueryAuditRequest) (*types.QueryAuditResponse, error) {
	return q.k.Audit(ctx, req.Cycle)
}

// AuditPayout checks a payout record against what was payable.
func (q queryServer) AuditPayout(ctx context.Context, req *types.QueryAuditPayoutRequest) (*types.QueryAuditPayoutResponse, error) {
	return q.k.AuditPayout(ctx, req.Id)
}

// Audit is the keeper side of Query/Audit: recompute (the outputs from the
// stored inputs with the stored version), provenance (the inputs against
// x/nodeselection, the budget record and the treasury) and continuity (the
// trackers and arrears against the member's previous records). match is true
// only when all three match; differences lists them all.
func (k *Keeper) Audit(ctx context.Context, cycle uint64) (*types.QueryAuditResponse, error) {
	stored, err := k.CycleRecords.Get(ctx, cycle)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, types.ErrRecordNotFound.Wrapf("no stored record of cycle %d (not settled yet, or pruned)", cycle)
	}
	if err != nil {
		return nil, err
	}
	res := &types.QueryAuditResponse{Stored: stored}
	recompute := types.AuditCheck{Name: CheckRecompute}
	in := stored.Input()
	source := fmt.Sprintf("Allocate v%d on the stored inputs", in.Version)
	if out, err := types.Allocate(in); err != nil {
		recompute.Differences = []types.FieldDiff{{Field: "allocation", Stored: "valid inputs", Recomputed: err.Error(), Source: source}}
	} else {
		res.Recomputed = types.NewCycleRecord(stored.Meta(), in, out)
		recompute.Differences = types.DiffRecords(stored, res.Recomputed)
		for i := range recompute.Differences {
			recompute.Differences[i].Source = source
		}
	}
	owners := decodeOwners(stored.Members) // once for both checks
	prov, err := k.provenance(ctx, stored, owners)
	if err != nil {
		return nil, err
	}
	cont, err := k.continuity(ctx, stored, owners)
	if err != nil {
		return nil, err
	}
	res.Match = true
	for _, c := range []types.AuditCheck{recompute, {Name: CheckProvenance, Differences: prov}, {Name: CheckContinuity, Differences: cont}} {
		c.Match = len(c.Differences) == 0
		res.Match = res.Match && c.Match
		res.Checks = append(res.Checks, c)
		res.Differences = append(res.Differences, c.Differences...)
	}
	return res, nil
}

// memberOwner is a member's owner decoded from its bech32 string (err: malformed).
type memberOwner struct {
	addr sdk.AccAddress
	err  error
}

// decodeOwners decodes the owner of every member, in member order.
func decodeOwners(members []types.MemberRecord) []memberOwner {
	out := make([]memberOwner, len(members))
	for i, m := range members {
		out[i].addr, out[i].err = recordOwner(m.Owner)
	}
	return out
}

// diffs collects FieldDiffs; other is the independent value, source where it came from.
type diffs []types.FieldDiff

func (d *diffs) add(field string, stored, other any, source string) {
	if equalValues(stored, other) {
		return // the common case, without printing both
	}
	s, o := fmt.Sprint(stored), fmt.Sprint(other)
	if s != o {
		*d = append(*d, types.FieldDiff{Field: field, Stored: s, Recomputed: o, Source: source})
	}
}

// equalValues reports whether a and b are the same value of the same type
// (then their printed forms are equal too); false sends add to the
// comparison of the printed forms.
func equalValues(a, b any) bool {
	switch x := a.(type) {
	case math.Int:
		y, ok := b.(math.Int)
		return ok && !x.IsNil() && !y.IsNil() && x.Equal(y)
	case int, uint32, uint64, string, bool:
		return a == b
	}
	return false
}

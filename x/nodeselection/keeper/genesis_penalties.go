package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// importGenesis loads the running penalty windows (from the operators'
// penalty state), the violations and the violation sequence.
func (s PenaltyState) importGenesis(ctx context.Context, gs *types.GenesisState) error {
	for _, op := range gs.Operators {
		if op.Penalty.Violations == 0 {
			continue
		}
		owner, err := s.ac.StringToBytes(op.Owner)
		if err != nil {
			return err
		}
		if err := s.AddPenaltyEnd(ctx, collections.Join(op.Penalty.WindowEnd.UnixNano(), sdk.AccAddress(owner))); err != nil {
			return err
		}
	}
	for _, v := range gs.Violations {
		addr, err := s.ac.StringToBytes(v.Owner)
		if err != nil {
			return err
		}
		if err := s.SetViolation(ctx, ViolationKeyOf(addr, v.Id), v); err != nil {
			return err
		}
	}
	return s.violationID.Set(ctx, max(gs.NextViolationId, 1))
}

// exportGenesis writes the violations and the violation sequence into gs
// (the penalty windows are derived from the operator records).
func (s PenaltyState) exportGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := s.violations.Walk(ctx, nil, func(_ ViolationKey, v types.Violation) (bool, error) {
		gs.Violations = append(gs.Violations, v)
		return false, nil
	}); err != nil {
		return err
	}
	var err error
	gs.NextViolationId, err = s.violationID.Peek(ctx)
	return err
}

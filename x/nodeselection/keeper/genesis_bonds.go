package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// importGenesis loads the unbonding entries and the unbonding sequence.
func (s BondState) importGenesis(ctx context.Context, gs *types.GenesisState) error {
	for _, u := range gs.Unbondings {
		if err := s.SetUnbonding(ctx, collections.Join(u.CompletionTime.UnixNano(), u.Id), u); err != nil {
			return err
		}
	}
	return s.unbondingID.Set(ctx, max(gs.NextUnbondingId, 1))
}

// exportGenesis writes the unbonding entries and the unbonding sequence into gs.
func (s BondState) exportGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := s.unbondings.Walk(ctx, nil, func(_ UnbondingKey, u types.UnbondingEntry) (bool, error) {
		gs.Unbondings = append(gs.Unbondings, u)
		return false, nil
	}); err != nil {
		return err
	}
	var err error
	gs.NextUnbondingId, err = s.unbondingID.Peek(ctx)
	return err
}

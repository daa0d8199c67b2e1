package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// importGenesis loads the params, the operator records (already normalized by
// InitGenesis), the waiting periods of WAITING operators and the NFT sequence.
func (s RegistryState) importGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := s.SetParams(ctx, gs.Params); err != nil {
		return err
	}
	for _, op := range gs.Operators {
		owner, err := s.ac.StringToBytes(op.Owner)
		if err != nil {
			return err
		}
		if err := s.SetOperator(ctx, owner, op); err != nil {
			return err
		}
		if op.Status == types.OPERATOR_STATUS_WAITING {
			if err := s.AddWaiting(ctx, collections.Join(op.EligibleAt.UnixNano(), sdk.AccAddress(owner))); err != nil {
				return err
			}
		}
	}
	return s.nftSeq.Set(ctx, max(gs.NextNftSeq, 1))
}

// exportGenesis writes the params, the operator records and the NFT sequence
// into gs (the waiting periods are derived from the records).
func (s RegistryState) exportGenesis(ctx context.Context, gs *types.GenesisState) error {
	params, err := s.moduleParams.Get(ctx)
	if err != nil {
		return err
	}
	gs.Params = params
	if err := s.operators.Walk(ctx, nil, func(_ sdk.AccAddress, op types.Operator) (bool, error) {
		gs.Operators = append(gs.Operators, op)
		return false, nil
	}); err != nil {
		return err
	}
	gs.NextNftSeq, err = s.nftSeq.Peek(ctx)
	return err
}

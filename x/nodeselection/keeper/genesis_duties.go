package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// importGenesis loads the attestations, the settled performance records and
// the settled-cycle summaries. The attestation index is rebuilt from the
// cycle state afterwards (InitGenesis).
func (s DutyState) importGenesis(ctx context.Context, gs *types.GenesisState) error {
	for _, a := range gs.Attestations {
		addr, err := s.ac.StringToBytes(a.Attester)
		if err != nil {
			return err
		}
		if err := s.SetAttestation(ctx, collections.Join(a.Cycle, sdk.AccAddress(addr)), a); err != nil {
			return err
		}
	}
	for _, p := range gs.Performances {
		addr, err := s.ac.StringToBytes(p.Operator)
		if err != nil {
			return err
		}
		if err := s.SetPerformance(ctx, collections.Join(p.Cycle, sdk.AccAddress(addr)), p); err != nil {
			return err
		}
	}
	for _, sc := range gs.SettledCycles {
		if err := s.SetSettledCycle(ctx, sc.Cycle, sc); err != nil {
			return err
		}
	}
	return nil
}

// exportGenesis writes the attestations, the settled performance records and
// the settled-cycle summaries into gs.
func (s DutyState) exportGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := s.attestations.Walk(ctx, nil, func(_ DutyKey, a types.Attestation) (bool, error) {
		gs.Attestations = append(gs.Attestations, a)
		return false, nil
	}); err != nil {
		return err
	}
	if err := s.performances.Walk(ctx, nil, func(_ DutyKey, p types.Performance) (bool, error) {
		gs.Performances = append(gs.Performances, p)
		return false, nil
	}); err != nil {
		return err
	}
	return s.settledCycles.Walk(ctx, nil, func(_ uint64, sc types.SettledCycle) (bool, error) {
		gs.SettledCycles = append(gs.SettledCycles, sc)
		return false, nil
	})
}

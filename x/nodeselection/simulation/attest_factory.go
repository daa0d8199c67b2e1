package simulation

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// attestable returns the cycle open for attestation and its members that can
// still attest: registered, holding their NFT, not yet submitted, and owned by
// a simulation account.
func attestable(ctx context.Context, k *keeper.Keeper, nk NFTKeeper, testData *simsx.ChainDataSource) (uint64, []types.Member, []string) {
	state, err := k.CycleState().Get(ctx)
	if err != nil || !state.AttestOpen {
		return 0, nil, nil
	}
	rec, err := k.CycleHistory().Get(ctx, state.AttestCycle)
	if err != nil {
		return 0, nil, nil
	}
	var ready []string
	for _, m := range rec.Members {
		owner, err := sdk.AccAddressFromBech32(m.Owner)
		if err != nil || !testData.HasAccount(m.Owner) {
			continue
		}
		op, err := k.Operators().Get(ctx, owner)
		if err != nil || !nk.HasNFT(ctx, types.NFTClassID, op.NftId) || !nk.GetOwner(ctx, types.NFTClassID, op.NftId).Equals(owner) {
			continue
		}
		if done, _ := k.Attestations().Has(ctx, collections.Join(state.AttestCycle, owner)); done {
			continue
		}
		ready = append(ready, m.Owner)
	}
	return state.AttestCycle, rec.Members, ready
}

// MsgSubmitAttestationFactory submits the attestation of a random member of the
// cycle open for attestation. Most attesters are honest (uptime 95-100%); one
// in four lies about one peer (uptime 0-50%), which the median must absorb and
// which may turn into a downtime violation when the liars are the majority.
func MsgSubmitAttestationFactory(k *keeper.Keeper, nk NFTKeeper) simsx.SimMsgFactoryFn[*types.MsgSubmitAttestation] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSubmitAttestation) {
		cycle, members, ready := attestable(ctx, k, nk, testData)
		if len(ready) == 0 {
			reporter.Skip("no member can attest")
			return nil, nil
		}
		r := testData.Rand()
		attester := ready[r.Intn(len(ready))]
		liar := r.Intn(4) == 0
		victim := members[r.Intn(len(members))].Owner
		msg := &types.MsgSubmitAttestation{Signer: attester, Cycle: cycle}
		for _, m := range members {
			o := types.Observation{Operator: m.Owner, UptimeBps: 9500 + uint32(r.Intn(501)), WorkUnits: uint64(r.Intn(1_000_000))}
			if liar && m.Owner == victim {
				o.UptimeBps = uint32(r.Intn(5001))
			}
			msg.Observations = append(msg.Observations, o)
		}
		return []simsx.SimAccount{testData.GetAccount(reporter, attester)}, msg
	}
}

// MsgAttestForeignFactory is an attack: an account that did not serve the cycle
// attests (for another operator). It must fail with ErrNotMember.
func MsgAttestForeignFactory(k *keeper.Keeper, nk NFTKeeper) simsx.SimMsgFactoryX {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSubmitAttestation, simsx.SimDeliveryResultHandler) {
		cycle, members, _ := attestable(ctx, k, nk, testData)
		if len(members) == 0 {
			reporter.Skip("no cycle open for attestation")
			return nil, nil, nil
		}
		excluded := map[string]bool{}
		for _, m := range members {
			excluded[m.Owner] = true
			if op, err := k.Operators().Get(ctx, sdk.MustAccAddressFromBech32(m.Owner)); err == nil {
				excluded[op.Signer] = true
			}
		}
		from := testData.AnyAccount(reporter, simsx.WithSpendableBalance(), simsx.SimAccountFilterFn(func(a simsx.SimAccount) bool {
			return !excluded[a.AddressBech32]
		}))
		if reporter.IsSkipped() {
			return nil, nil, nil
		}
		msg := &types.MsgSubmitAttestation{Signer: from.AddressBech32, Cycle: cycle,
			Observations: []types.Observation{{Operator: members[0].Owner, UptimeBps: 0}}}
		return []simsx.SimAccount{from}, msg, expectError(types.ErrNotMember)
	})
}

// MsgAttestWrongCycleFactory is an attack: a member attests an old or a future
// cycle. It must fail with ErrWrongCycle.
func MsgAttestWrongCycleFactory(k *keeper.Keeper, nk NFTKeeper) simsx.SimMsgFactoryX {
	return simsx.NewSimMsgFactoryWithDeliveryResultHandler(func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSubmitAttestation, simsx.SimDeliveryResultHandler) {
		cycle, _, ready := attestable(ctx, k, nk, testData)
		if len(ready) == 0 {
			reporter.Skip("no member can attest")
			return nil, nil, nil
		}
		wrong := cycle + 1 + uint64(testData.Rand().Intn(3))
		if cycle > 0 && testData.Rand().Intn(2) == 0 {
			wrong = uint64(testData.Rand().Intn(int(cycle)))
		}
		attester := ready[testData.Rand().Intn(len(ready))]
		msg := &types.MsgSubmitAttestation{Signer: attester, Cycle: wrong}
		return []simsx.SimAccount{testData.GetAccount(reporter, attester)}, msg, expectError(types.ErrWrongCycle)
	})
}

// MsgUnjailFactory unjails a random jailed operator whose jail time is over.
func MsgUnjailFactory(k *keeper.Keeper, nk NFTKeeper) simsx.SimMsgFactoryFn[*types.MsgUnjail] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUnjail) {
		params, err := k.Params().Get(ctx)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		now := sdk.UnwrapSDKContext(ctx).BlockTime()
		var ready []string
		_ = k.Operators().Walk(ctx, nil, func(owner sdk.AccAddress, op types.Operator) (bool, error) {
			if op.Status == types.OPERATOR_STATUS_JAILED && !now.Before(op.JailedUntil) && op.Stake.GTE(params.MinStake) &&
				testData.HasAccount(op.Owner) && nk.HasNFT(ctx, types.NFTClassID, op.NftId) && nk.GetOwner(ctx, types.NFTClassID, op.NftId).Equals(owner) {
				ready = append(ready, op.Owner)
			}
			return false, nil
		})
		if len(ready) == 0 {
			reporter.Skip("no operator can unjail")
			return nil, nil
		}
		owner := ready[testData.Rand().Intn(len(ready))]
		return []simsx.SimAccount{testData.GetAccount(reporter, owner)}, &types.MsgUnjail{Owner: owner}
	}
}

// MsgRecordViolationFactory proposes a violation against a random operator.
func MsgRecordViolationFactory(k *keeper.Keeper, nk NFTKeeper) simsx.SimMsgFactoryFn[*types.MsgRecordViolation] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRecordViolation) {
		op, _ := randomOperator(ctx, k, nk, testData, reporter, true)
		if reporter.IsSkipped() {
			return nil, nil
		}
		kinds := []types.ViolationKind{types.VIOLATION_KIND_DOWNTIME, types.VIOLATION_KIND_KEY_MISMATCH, types.VIOLATION_KIND_OUTDATED_VERSION, types.VIOLATION_KIND_MISCONDUCT}
		return nil, &types.MsgRecordViolation{
			Authority: testData.ModuleAccountAddress(reporter, "gov"), Owner: op.Owner,
			Kind: kinds[testData.Rand().Intn(len(kinds))], Evidence: "simulation",
		}
	}
}

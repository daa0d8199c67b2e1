package simulation

import (
	"context"
	"fmt"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/keeper"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// NFTKeeper is the read-only part of x/nft the factories need to find holders.
type NFTKeeper interface {
	GetOwner(ctx context.Context, classID, nftID string) sdk.AccAddress
	HasNFT(ctx context.Context, classID, id string) bool
	GetBalance(ctx context.Context, classID string, owner sdk.AccAddress) uint64
}

// MsgRegisterOperatorFactory registers a random NFT holder that has no record,
// with a stake between min_stake and 3x min_stake.
func MsgRegisterOperatorFactory(k *keeper.Keeper, nk NFTKeeper) simsx.SimMsgFactoryFn[*types.MsgRegisterOperator] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRegisterOperator) {
		params, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		holders := unregisteredHolders(ctx, k, nk, testData)
		if len(holders) == 0 {
			reporter.Skip("no unregistered NFT holder")
			return nil, nil
		}
		h := holders[testData.Rand().Intn(len(holders))]
		if signerOfOther(ctx, k, h.owner, h.owner) {
			reporter.Skip("holder's address is another operator's signer key")
			return nil, nil
		}
		from := testData.GetAccount(reporter, h.owner)
		stake := sdk.NewCoin(params.BondDenom, params.MinStake.MulRaw(int64(1+testData.Rand().Intn(3))))
		if reporter.IsSkipped() || !from.LiquidBalance().BlockAmount(stake) {
			reporter.Skip("holder cannot pay the stake")
			return nil, nil
		}
		r := testData.Rand().Rand
		msg := &types.MsgRegisterOperator{
			Owner: h.owner, NftId: h.nftID, Stake: stake,
			Endpoint: RandomEndpoint(r), Region: Regions[r.Intn(len(Regions))],
		}
		if r.Intn(2) == 0 {
			msg.Signer = freeSigner(ctx, k, nk, testData, reporter, h.owner)
			msg.PayoutAddress = testData.AnyAccount(reporter).AddressBech32
		}
		if id, err := types.NodeIDFromNFT(h.nftID); err == nil && r.Intn(4) != 0 {
			msg.SigningPublicKey, msg.KeyProof, _ = types.SignNodeKeyProof(NodeKey(h.owner), sdk.UnwrapSDKContext(ctx).ChainID(), h.owner, id)
		}
		return []simsx.SimAccount{from}, msg
	}
}

// MsgUpdateOperatorFactory changes some fields of a random operator.
func MsgUpdateOperatorFactory(k *keeper.Keeper, nk NFTKeeper) simsx.SimMsgFactoryFn[*types.MsgUpdateOperator] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUpdateOperator) {
		op, from := randomOperator(ctx, k, nk, testData, reporter, false)
		if reporter.IsSkipped() {
			return nil, nil
		}
		r := testData.Rand().Rand
		msg := &types.MsgUpdateOperator{Owner: op.Owner, Endpoint: RandomEndpoint(r)}
		if r.Intn(2) == 0 {
			msg.Region = Regions[r.Intn(len(Regions))]
		}
		if r.Intn(3) == 0 {
			msg.Signer = freeSigner(ctx, k, nk, testData, reporter, op.Owner)
		}
		if r.Intn(3) == 0 {
			msg.PayoutAddress = testData.AnyAccount(reporter).AddressBech32
		}
		return []simsx.SimAccount{from}, msg
	}
}

// MsgAddStakeFactory adds a random part of the liquid bond-denom balance.
func MsgAddStakeFactory(k *keeper.Keeper, nk NFTKeeper) simsx.SimMsgFactoryFn[*types.MsgAddStake] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgAddStake) {
		op, from := randomOperator(ctx, k, nk, testData, reporter, false)
		if reporter.IsSkipped() {
			return nil, nil
		}
		params, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		amount := sdk.NewCoin(params.BondDenom, params.MinStake.QuoRaw(int64(1+testData.Rand().Intn(10))).AddRaw(1))
		if !from.LiquidBalance().BlockAmount(amount) {
			reporter.Skip("operator cannot pay")
			return nil, nil
		}
		return []simsx.SimAccount{from}, &types.MsgAddStake{Owner: op.Owner, Amount: amount}
	}
}

// MsgDeregisterOperatorFactory deregisters a random operator that is not leaving.
func MsgDeregisterOperatorFactory(k *keeper.Keeper, nk NFTKeeper) simsx.SimMsgFactoryFn[*types.MsgDeregisterOperator] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgDeregisterOperator) {
		op, from := randomOperator(ctx, k, nk, testData, reporter, false)
		if reporter.IsSkipped() {
			return nil, nil
		}
		return []simsx.SimAccount{from}, &types.MsgDeregisterOperator{Owner: op.Owner}
	}
}

type holder struct{ owner, nftID string }

// unregisteredHolders lists the simulation accounts that hold an operator NFT
// and have no operator record.
func unregisteredHolders(ctx context.Context, k *keeper.Keeper, nk NFTKeeper, testData *simsx.ChainDataSource) []holder {
	var out []holder
	next, err := k.NFTSeq.Peek(ctx)
	if err != nil {
		return nil
	}
	for i := uint64(1); i < next; i++ {
		id := fmt.Sprintf("%s%d", types.NFTIDPrefix, i)
		if !nk.HasNFT(ctx, types.NFTClassID, id) {
			continue
		}
		owner := nk.GetOwner(ctx, types.NFTClassID, id)
		if has, _ := k.Operators.Has(ctx, owner); has || !testData.HasAccount(owner.String()) {
			continue
		}
		out = append(out, holder{owner: owner.String(), nftID: id})
	}
	return out
}

// randomNFT returns a random existing operator NFT and its holder.
func randomNFT(ctx context.Context, k *keeper.Keeper, nk NFTKeeper, testData *simsx.ChainDataSource) (string, string) {
	next, err := k.NFTSeq.Peek(ctx)
	if err != nil || next <= 1 {
		return "", ""
	}
	for range 5 {
		id := fmt.Sprintf("%s%d", types.NFTIDPrefix, 1+testData.Rand().Uint64InRange(0, next-1))
		if nk.HasNFT(ctx, types.NFTClassID, id) {
			return id, nk.GetOwner(ctx, types.NFTClassID, id).String()
		}
	}
	return "", ""
}

// randomOperator picks a registered operator that still holds its NFT; unless
// anyStatus, it must not be leaving.
func randomOperator(ctx context.Context, k *keeper.Keeper, nk NFTKeeper, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter, anyStatus bool) (types.Operator, simsx.SimAccount) {
	var ops []types.Operator
	err := k.Operators.Walk(ctx, nil, func(_ sdk.AccAddress, op types.Operator) (bool, error) {
		if !anyStatus && op.Status == types.OPERATOR_STATUS_LEAVING {
			return false, nil
		}
		owner, err := sdk.AccAddressFromBech32(op.Owner)
		if err != nil || !nk.HasNFT(ctx, types.NFTClassID, op.NftId) || !nk.GetOwner(ctx, types.NFTClassID, op.NftId).Equals(owner) {
			return false, nil
		}
		if testData.HasAccount(op.Owner) {
			ops = append(ops, op)
		}
		return false, nil
	})
	if err != nil || len(ops) == 0 {
		reporter.Skip("no matching operator")
		return types.Operator{}, simsx.SimAccount{}
	}
	op := ops[testData.Rand().Intn(len(ops))]
	return op, testData.GetAccount(reporter, op.Owner)
}

// minStakeFloor keeps random min_stake changes within what accounts can pay.
var minStakeFloor = math.NewInt(1_000_000)

// freeSigner returns a random account that may be named as signer (not
// registered, holds no operator NFT, no other operator's signer), or ""
// (keep the default) when none is found in a few tries. The named key only
// becomes the signer once it accepts (MsgAcceptSignerFactory).
func freeSigner(ctx context.Context, k *keeper.Keeper, nk NFTKeeper, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter, self string) string {
	for try := 0; try < 5; try++ {
		cand := testData.AnyAccount(reporter)
		if reporter.IsSkipped() {
			return ""
		}
		if cand.AddressBech32 == self {
			return self
		}
		if has, err := k.Operators.Has(ctx, cand.Address); err != nil || has {
			continue
		}
		if nk.GetBalance(ctx, types.NFTClassID, cand.Address) > 0 {
			continue
		}
		if !signerOfOther(ctx, k, cand.AddressBech32, self) {
			return cand.AddressBech32
		}
	}
	return ""
}

// signerOfOther reports whether key is the signer of an operator other than self.
func signerOfOther(ctx context.Context, k *keeper.Keeper, key, self string) bool {
	it, err := k.Operators.Indexes.Signer.MatchExact(ctx, key)
	if err != nil {
		return true
	}
	defer it.Close()
	for ; it.Valid(); it.Next() {
		if owner, err := it.PrimaryKey(); err == nil && owner.String() != self {
			return true
		}
	}
	return false
}

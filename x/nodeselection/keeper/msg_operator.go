package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/internal/events"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// RegisterOperator bonds the stake and appends the NFT holder to the queue.
func (s msgServer) RegisterOperator(ctx context.Context, msg *types.MsgRegisterOperator) (*types.MsgRegisterOperatorResponse, error) {
	k := s.k
	m := *msg
	k.canonicalize(&m.Owner, &m.Signer, &m.PayoutAddress)
	msg = &m
	owner, err := k.addr(msg.Owner)
	if err != nil {
		return nil, types.ErrInvalidAddress.Wrapf("owner %q: %s", msg.Owner, err)
	}
	pending, payout := msg.Signer, msg.PayoutAddress
	if pending == msg.Owner {
		pending = ""
	}
	if payout == "" {
		payout = msg.Owner
	}
	if _, err := k.checkRecipient(ctx, "owner (the first signer)", msg.Owner); err != nil {
		return nil, err
	}
	if pending != "" {
		if _, err := k.checkRecipient(ctx, "signer", pending); err != nil {
			return nil, err
		}
	}
	if payout != msg.Owner { // the owner's own address passed above
		if _, err := k.checkRecipient(ctx, "payout_address", payout); err != nil {
			return nil, err
		}
	}
	if err := types.ValidateEndpoint(msg.Endpoint); err != nil {
		return nil, err
	}
	if err := types.ValidateRegion(msg.Region); err != nil {
		return nil, err
	}
	params, err := k.Params().Get(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkBond(params, msg.Stake, "stake"); err != nil {
		return nil, err
	}
	if msg.Stake.Amount.LT(params.MinStake) {
		return nil, types.ErrStakeBelowMin.Wrapf("stake %s is below min_stake %s", msg.Stake, params.MinStakeCoin())
	}
	if err := k.checkHolder(ctx, owner, msg.Owner, msg.NftId); err != nil {
		return nil, err
	}
	if has, err := k.Operators().Has(ctx, owner); err != nil {
		return nil, err
	} else if has {
		return nil, types.ErrAlreadyRegistered.Wrapf("owner %s is already registered", msg.Owner)
	}
	if pending != "" {
		if err := k.checkNameable(ctx, pending, msg.Owner); err != nil {
			return nil, err
		}
	}
	if err := k.checkSignerFree(ctx, msg.Owner, msg.Owner); err != nil {
		return nil, err
	}
	node := types.Operator{Owner: msg.Owner, NftId: msg.NftId}
	nodeEvents, err := k.updateNodeIdentity(ctx, owner, &node, msg.Moniker, msg.SigningPublicKey, msg.KeyProof)
	if err != nil {
		return nil, err
	}
	if err := k.bk.SendCoinsFromAccountToModule(ctx, owner, types.ModuleName, sdk.NewCoins(msg.Stake)); err != nil {
		return nil, err
	}
	seq, err := k.NextQueueSeq(ctx)
	if err != nil {
		return nil, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	op := types.Operator{
		Owner: msg.Owner, NftId: msg.NftId, Signer: msg.Owner, PendingSigner: pending, Stake: msg.Stake.Amount,
		Endpoint: msg.Endpoint, Region: msg.Region, PayoutAddress: payout,
		Status: types.OPERATOR_STATUS_WAITING, RegisteredAt: now, EligibleAt: now.Add(params.WaitingPeriod),
		QueueSeq: seq, Credit: params.CreditInitial,
		Moniker: node.Moniker, SigningPublicKey: node.SigningPublicKey,
	}
	if err := k.SetOperator(ctx, owner, op); err != nil {
		return nil, err
	}
	if err := k.keepPayoutAddress(ctx, owner, payout); err != nil {
		return nil, err
	}
	if err := k.Enqueue(ctx, seq, msg.Owner); err != nil {
		return nil, err
	}
	if err := k.AddWaiting(ctx, collections.Join(op.EligibleAt.UnixNano(), owner)); err != nil {
		return nil, err
	}
	ev := &types.EventOperatorRegistered{Owner: msg.Owner, NftId: msg.NftId, Stake: msg.Stake.String(), QueueSeq: seq, EligibleAt: op.EligibleAt,
		Moniker: op.Moniker, NodeId: nodeID(op)}
	if err := events.Emit(ctx, ev); err != nil {
		return nil, err
	}
	nodeEvents = append(nodeEvents, &types.EventNodeAddressChanged{NodeId: nodeID(op), Owner: op.Owner, HttpAddress: op.Endpoint})
	if err := emitAll(ctx, nodeEvents); err != nil {
		return nil, err
	}
	if pending != "" {
		if err := events.Emit(ctx, &types.EventSignerNominated{Owner: op.Owner, PendingSigner: pending, Signer: op.Signer}); err != nil {
			return nil, err
		}
	}
	return &types.MsgRegisterOperatorResponse{QueueSeq: seq}, nil
}

// UpdateOperator replaces the fields that are set. payout_address alone
// needs no NFT and, while x/rewards still owes the owner money, no record
// (docs/protocol.md#payout-address).
func (s msgServer) UpdateOperator(ctx context.Context, msg *types.MsgUpdateOperator) (*types.MsgUpdateOperatorResponse, error) {
	k := s.k
	m := *msg
	k.canonicalize(&m.Owner, &m.Signer, &m.PayoutAddress)
	msg = &m
	var (
		owner sdk.AccAddress
		op    types.Operator
		err   error
	)
	if msg.Signer == "" && msg.Endpoint == "" && msg.Region == "" && msg.Moniker == "" && len(msg.SigningPublicKey) == 0 && len(msg.KeyProof) == 0 {
		if msg.PayoutAddress == "" {
			if _, err := k.addr(msg.Owner); err != nil {
				return nil, types.ErrInvalidAddress.Wrapf("owner %q: %s", msg.Owner, err)
			}
			return nil, types.ErrNothingToUpdate.Wrap("set at least one of signer, endpoint, region, payout_address, moniker, signing_public_key")
		}
		var found bool
		if owner, op, found, err = k.payoutTx(ctx, msg.Owner); err != nil {
			return nil, err
		} else if !found {
			return &types.MsgUpdateOperatorResponse{}, k.updateDepartedPayout(ctx, owner, msg)
		}
	} else if owner, op, err = k.operatorTx(ctx, msg.Owner); err != nil {
		return nil, err
	}
	nodeEvents, err := k.updateNodeIdentity(ctx, owner, &op, msg.Moniker, msg.SigningPublicKey, msg.KeyProof)
	if err != nil {
		return nil, err
	}
	oldEndpoint := op.Endpoint
	nominated := false
	if msg.Signer != "" {
		if nominated, err = k.nameSigner(ctx, &op, msg.Signer); err != nil {
			return nil, err
		}
	}
	if msg.PayoutAddress != "" {
		if _, err := k.checkRecipient(ctx, "payout_address", msg.PayoutAddress); err != nil {
			return nil, err
		}
		op.PayoutAddress = msg.PayoutAddress
		if err := k.keepPayoutAddress(ctx, owner, op.PayoutAddress); err != nil {
			return nil, err
		}
	}
	if msg.Endpoint != "" {
		if err := types.ValidateEndpoint(msg.Endpoint); err != nil {
			return nil, err
		}
		op.Endpoint = msg.Endpoint
	}
	if msg.Region != "" {
		if err := types.ValidateRegion(msg.Region); err != nil {
			return nil, err
		}
		op.Region = msg.Region
	}
	if err := k.SetOperator(ctx, owner, op); err != nil {
		return nil, err
	}
	ev := &types.EventOperatorUpdated{Owner: op.Owner, Signer: op.Signer, Endpoint: op.Endpoint, Region: op.Region, PayoutAddress: op.PayoutAddress,
		Moniker: op.Moniker}
	if err := events.Emit(ctx, ev); err != nil {
		return nil, err
	}
	if op.Endpoint != oldEndpoint {
		nodeEvents = append(nodeEvents, &types.EventNodeAddressChanged{NodeId: nodeID(op), Owner: op.Owner, HttpAddress: op.Endpoint})
	}
	if err := emitAll(ctx, nodeEvents); err != nil {
		return nil, err
	}
	if nominated {
		if err := events.Emit(ctx, &types.EventSignerNominated{Owner: op.Owner, PendingSigner: op.PendingSigner, Signer: op.Signer}); err != nil {
			return nil, err
		}
	}
	return &types.MsgUpdateOperatorResponse{}, nil
}

// AddStake adds to the bond of an operator that is not leaving.
func (s msgServer) AddStake(ctx context.Context, msg *types.MsgAddStake) (*types.MsgAddStakeResponse, error) {
	k := s.k
	owner, op, err := k.operatorTx(ctx, msg.Owner)
	if err != nil {
		return nil, err
	}
	params, err := k.Params().Get(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkBond(params, msg.Amount, "amount"); err != nil {
		return nil, err
	}
	if op.Status == types.OPERATOR_STATUS_LEAVING {
		return nil, types.ErrOperatorLeaving.Wrapf("operator %s is leaving; stake cannot be added", msg.Owner)
	}
	if err := k.bk.SendCoinsFromAccountToModule(ctx, owner, types.ModuleName, sdk.NewCoins(msg.Amount)); err != nil {
		return nil, err
	}
	op.Stake = op.Stake.Add(msg.Amount.Amount)
	if err := k.SetOperator(ctx, owner, op); err != nil {
		return nil, err
	}
	total := sdk.NewCoin(params.BondDenom, op.Stake)
	return &types.MsgAddStakeResponse{}, events.Emit(ctx, &types.EventOperatorStaked{Owner: msg.Owner, Amount: msg.Amount.String(), Total: total.String()})
}

// DeregisterOperator leaves the queue now, the sets at the next boundary, and unbonds the bond.
func (s msgServer) DeregisterOperator(ctx context.Context, msg *types.MsgDeregisterOperator) (*types.MsgDeregisterOperatorResponse, error) {
	_, op, err := s.k.operatorTx(ctx, msg.Owner)
	if err != nil {
		return nil, err
	}
	if op.Status == types.OPERATOR_STATUS_LEAVING {
		return nil, types.ErrOperatorLeaving.Wrapf("operator %s is already leaving", msg.Owner)
	}
	done, err := s.k.leave(ctx, op, "deregistered")
	if err != nil {
		return nil, err
	}
	return &types.MsgDeregisterOperatorResponse{CompletionTime: done.UTC().Format(time.RFC3339)}, nil
}

// checkBond validates a coin offered as bond: the bond denom and a positive amount.
func checkBond(p types.Params, c sdk.Coin, field string) error {
	if c.Denom != p.BondDenom {
		return types.ErrInvalidDenom.Wrapf("%s denom %q is not the bond denom %q", field, c.Denom, p.BondDenom)
	}
	if c.Amount.IsNil() || !c.Amount.IsPositive() {
		return types.ErrInvalidAmount.Wrapf("%s %s must be positive", field, c)
	}
	return nil
}

// checkHolder verifies that owner holds the NFT nftID. x/nft keeps a
// holder entry exactly while the NFT exists, so when owner holds it the
// existence check (a second read) is not needed; it only decides the error.
func (k *Keeper) checkHolder(ctx context.Context, owner sdk.AccAddress, ownerStr, nftID string) error {
	holder := k.nk.GetOwner(ctx, types.NFTClassID, nftID)
	if len(owner) > 0 && holder.Equals(owner) {
		return nil
	}
	if !k.nk.HasNFT(ctx, types.NFTClassID, nftID) {
		return types.ErrNFTNotFound.Wrapf("nft_id %q does not exist in class %s", nftID, types.NFTClassID)
	}
	return types.ErrNotNFTHolder.Wrapf("%s is held by %s, not by %s", nftID, k.addrString(holder), ownerStr)
}

// operatorTx loads the sender's record and re-checks that it holds the NFT.
func (k *Keeper) operatorTx(ctx context.Context, ownerStr string) (sdk.AccAddress, types.Operator, error) {
	owner, err := k.addr(ownerStr)
	if err != nil {
		return nil, types.Operator{}, types.ErrInvalidAddress.Wrapf("owner %q: %s", ownerStr, err)
	}
	op, err := k.Operators().Get(ctx, owner)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, op, types.ErrNotRegistered.Wrapf("owner %s is not a registered operator", ownerStr)
	} else if err != nil {
		return nil, op, err
	}
	if err := k.checkHolder(ctx, owner, ownerStr, op.NftId); err != nil {
		return nil, op, err
	}
	return owner, op, nil
}

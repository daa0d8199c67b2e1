package keeper

import (
	"context"

	"github.com/xmtp/xmtpd-chain/x/internal/events"
	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// AcceptSigner is sent by the key an operator named: the key consents and
// becomes the operator's signer; the previous signer stops being in force.
func (s msgServer) AcceptSigner(ctx context.Context, msg *types.MsgAcceptSigner) (*types.MsgAcceptSignerResponse, error) {
	k := s.k
	m := *msg
	k.canonicalize(&m.Signer, &m.Owner)
	msg = &m
	if _, err := k.addr(msg.Signer); err != nil {
		return nil, types.ErrInvalidAddress.Wrapf("signer %q: %s", msg.Signer, err)
	}
	owner, op, err := k.operatorTx(ctx, msg.Owner)
	if err != nil {
		return nil, err
	}
	if op.PendingSigner == "" || op.PendingSigner != msg.Signer {
		pending := op.PendingSigner
		if pending == "" {
			pending = "none"
		}
		return nil, types.ErrNoPendingSigner.Wrapf("signer %s is not the pending signer of operator %s (pending: %s)", msg.Signer, msg.Owner, pending)
	}
	// The key may have registered, received an NFT or become another
	// operator's signer since it was named: consent does not override that.
	if err := k.checkNameable(ctx, msg.Signer, msg.Owner); err != nil {
		return nil, err
	}
	previous := op.Signer
	op.Signer, op.PendingSigner = msg.Signer, ""
	if err := k.SetOperator(ctx, owner, op); err != nil {
		return nil, err
	}
	ev := &types.EventSignerAccepted{Owner: op.Owner, Signer: op.Signer, PreviousSigner: previous}
	return &types.MsgAcceptSignerResponse{}, events.Emit(ctx, ev)
}

// nameSigner applies the signer field of MsgUpdateOperator to op: the owner's
// own key (or the key in force) takes effect at once and cancels a pending
// nomination; any other key becomes pending_signer until it accepts. It
// reports whether a key was nominated.
func (k *Keeper) nameSigner(ctx context.Context, op *types.Operator, key string) (bool, error) {
	if _, err := k.addr(key); err != nil {
		return false, types.ErrInvalidAddress.Wrapf("signer %q: %s", key, err)
	}
	if key == op.Owner || key == op.Signer {
		op.Signer, op.PendingSigner = key, ""
		return false, nil
	}
	if err := k.checkNameable(ctx, key, op.Owner); err != nil {
		return false, err
	}
	op.PendingSigner = key
	return true, nil
}

// checkNameable rejects a key, other than self's own owner address, that an
// operator self may not name as signer: a module account or blocked address
// (it can never sign for the node), an address that holds an operator NFT
// or is registered (it is an operator's identity of its own), or the signer of
// another operator (its attestations would be ambiguous). A pending
// nomination elsewhere is no claim and does not block.
func (k *Keeper) checkNameable(ctx context.Context, key, self string) error {
	addr, err := k.checkRecipient(ctx, "signer", key)
	if err != nil {
		return err
	}
	if has, err := k.Operators().Has(ctx, addr); err != nil {
		return err
	} else if has {
		return types.ErrSignerNotNameable.Wrapf("signer %s is a registered operator; name a key of your own", key)
	}
	if n := k.nk.GetBalance(ctx, types.NFTClassID, addr); n > 0 {
		return types.ErrSignerNotNameable.Wrapf("signer %s holds an operator NFT; name a key of your own", key)
	}
	return k.checkSignerFree(ctx, key, self)
}

// checkSignerFree rejects key for operator self when another operator
// already uses it as its (accepted) signer: a hot key identifies one
// operator, so nobody can make another operator's signer ambiguous.
func (k *Keeper) checkSignerFree(ctx context.Context, key, self string) error {
	it, err := k.Operators().Indexes.Signer.MatchExact(ctx, key)
	if err != nil {
		return err
	}
	defer it.Close()
	for ; it.Valid(); it.Next() {
		other, err := it.PrimaryKey()
		if err != nil {
			return err
		}
		if otherStr := k.addrString(other); otherStr != self {
			return types.ErrSignerTaken.Wrapf("%s is already the signer key of operator %s; use a key of your own", key, otherStr)
		}
	}
	return nil
}

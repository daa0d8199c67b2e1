package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// A hot key identifies one operator: nobody can take another operator's
// signer or owner address as signer (which would make its attestations
// ambiguous), at registration or later, and nothing changes on refusal.
func TestSignerKeyBelongsToOneOperator(t *testing.T) {
	// ARRANGE: A registered with hot key H; B holds an NFT.
	f := newFixture(t, nil)
	a, b, h := addr(1), addr(2), addr(3)
	f.fund(a, minBond)
	f.fund(b, minBond)
	idA, idB := f.issue(a), f.issue(b)
	regA := f.registerMsg(a, idA, minBond)
	regA.Signer = f.str(h)
	_, err := f.msg.RegisterOperator(f.ctx, regA)
	require.NoError(t, err)
	before := f.snapshot(a, b, h)

	// ACT + ASSERT: B registering with A's hot key, or with A's owner key, is refused.
	regB := f.registerMsg(b, idB, minBond)
	regB.Signer = f.str(h)
	_, err = f.msg.RegisterOperator(f.ctx, regB)
	require.ErrorIs(t, err, types.ErrSignerTaken)
	require.ErrorContains(t, err, "already the signer key of operator "+f.str(a))
	regB.Signer = f.str(a)
	_, err = f.msg.RegisterOperator(f.ctx, regB)
	require.ErrorIs(t, err, types.ErrSignerTaken)
	require.Equal(t, before, f.snapshot(a, b, h))

	// B registers with its own key, then cannot switch to A's hot key.
	regB.Signer = ""
	_, err = f.msg.RegisterOperator(f.ctx, regB)
	require.NoError(t, err)
	_, err = f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(b), Signer: f.str(h)})
	require.ErrorIs(t, err, types.ErrSignerTaken)
	require.Equal(t, f.str(b), f.operator(b).Signer)

	// A may re-set its own hot key; H may not register as an owner's second identity.
	_, err = f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(a), Signer: f.str(h)})
	require.NoError(t, err)
}

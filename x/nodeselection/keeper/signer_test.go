package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/xmtp/xmtpd-chain/x/nodeselection/types"
)

// setSigner names key as owner's signer and accepts it with key.
func (f *fixture) setSigner(owner, key sdk.AccAddress) {
	f.t.Helper()
	_, err := f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(owner), Signer: f.str(key)})
	require.NoError(f.t, err)
	_, err = f.msg.AcceptSigner(f.ctx, &types.MsgAcceptSigner{Signer: f.str(key), Owner: f.str(owner)})
	require.NoError(f.t, err)
}

// A signer other than the owner is only nominated; it becomes the signer
// when that key accepts, and until then the previous signer stays in force.
func TestSignerNeedsConsent(t *testing.T) {
	// ARRANGE: A registers naming hot key H.
	f := newFixture(t, nil)
	a, h, h2 := addr(1), addr(3), addr(4)
	f.fund(a, minBond)
	reg := f.registerMsg(a, f.issue(a), minBond)
	reg.Signer = f.str(h)

	// ACT
	_, err := f.msg.RegisterOperator(f.ctx, reg)

	// ASSERT: owner in force, H pending, event says so.
	require.NoError(t, err)
	op := f.operator(a)
	require.Equal(t, f.str(a), op.Signer)
	require.Equal(t, f.str(h), op.PendingSigner)
	require.Contains(t, eventTypes(f.ctx), "xmtp.nodeselection.v1.EventSignerNominated")

	// Only the pending key can accept; a wrong key changes nothing.
	before := f.snapshot(a, h, h2)
	_, err = f.msg.AcceptSigner(f.ctx, &types.MsgAcceptSigner{Signer: f.str(h2), Owner: f.str(a)})
	require.ErrorIs(t, err, types.ErrNoPendingSigner)
	require.ErrorContains(t, err, "pending: "+f.str(h))
	require.Equal(t, before, f.snapshot(a, h, h2))

	// H accepts: it is the signer, nothing pending.
	f.ctx = f.ctx.WithEventManager(sdk.NewEventManager())
	_, err = f.msg.AcceptSigner(f.ctx, &types.MsgAcceptSigner{Signer: f.str(h), Owner: f.str(a)})
	require.NoError(t, err)
	op = f.operator(a)
	require.Equal(t, f.str(h), op.Signer)
	require.Empty(t, op.PendingSigner)
	require.Contains(t, eventTypes(f.ctx), "xmtp.nodeselection.v1.EventSignerAccepted")

	// A nominates H2: H stays in force until H2 accepts; a second accept fails.
	_, err = f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(a), Signer: f.str(h2)})
	require.NoError(t, err)
	require.Equal(t, f.str(h), f.operator(a).Signer)
	require.Equal(t, f.str(h2), f.operator(a).PendingSigner)
	// Naming the key in force again cancels the nomination.
	_, err = f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(a), Signer: f.str(h)})
	require.NoError(t, err)
	require.Empty(t, f.operator(a).PendingSigner)
	_, err = f.msg.AcceptSigner(f.ctx, &types.MsgAcceptSigner{Signer: f.str(h2), Owner: f.str(a)})
	require.ErrorIs(t, err, types.ErrNoPendingSigner)
	require.ErrorContains(t, err, "pending: none")
	require.Equal(t, f.str(h), f.operator(a).Signer)
}

// The former squatting sequence: operator A names B's address as signer, B
// then registers. The nomination is no claim, so B registers; B can no
// longer be made A's signer (it is registered), and every refusal changes
// nothing.
func TestSignerNominationBlocksNobody(t *testing.T) {
	// ARRANGE: A registered; B will get an NFT later; A names B.
	f := newFixture(t, nil)
	a, b := addr(1), addr(2)
	f.fund(a, minBond)
	f.fund(b, minBond)
	_, err := f.msg.RegisterOperator(f.ctx, f.registerMsg(a, f.issue(a), minBond))
	require.NoError(t, err)
	_, err = f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(a), Signer: f.str(b)})
	require.NoError(t, err)
	require.Equal(t, f.str(b), f.operator(a).PendingSigner)

	// ACT: B receives an NFT and registers, also naming its own signer key.
	idB := f.issue(b)
	regB := f.registerMsg(b, idB, minBond)
	_, err = f.msg.RegisterOperator(f.ctx, regB)

	// ASSERT: B is registered with itself as signer.
	require.NoError(t, err)
	require.Equal(t, f.str(b), f.operator(b).Signer)

	// B, now registered, cannot accept A's stale nomination, nor be named again.
	before := f.snapshot(a, b)
	_, err = f.msg.AcceptSigner(f.ctx, &types.MsgAcceptSigner{Signer: f.str(b), Owner: f.str(a)})
	require.ErrorIs(t, err, types.ErrSignerNotNameable)
	require.ErrorContains(t, err, "signer "+f.str(b)+" is a registered operator")
	_, err = f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(a), Signer: f.str(b)})
	require.ErrorIs(t, err, types.ErrSignerNotNameable)
	require.Equal(t, before, f.snapshot(a, b))
	require.Equal(t, f.str(a), f.operator(a).Signer, "A's signer in force never changed")
}

// An address that holds an operator NFT or is registered cannot be named, at
// registration or later; nor can another operator's accepted signer. Every
// refusal names the field and changes nothing.
func TestSignerNamingRefusals(t *testing.T) {
	// ARRANGE: A registered with accepted hot key H; C holds an NFT (not registered); B holds an NFT.
	f := newFixture(t, nil)
	a, b, c, h := addr(1), addr(2), addr(5), addr(3)
	f.fund(a, minBond)
	f.fund(b, minBond)
	_, err := f.msg.RegisterOperator(f.ctx, f.registerMsg(a, f.issue(a), minBond))
	require.NoError(t, err)
	f.setSigner(a, h)
	idB := f.issue(b)
	f.issue(c)
	before := f.snapshot(a, b, c, h)

	cases := map[string]struct {
		signer sdk.AccAddress
		err    error
		text   string
	}{
		"a registered operator":  {a, types.ErrSignerNotNameable, "signer " + f.str(a) + " is a registered operator"},
		"an NFT holder":          {c, types.ErrSignerNotNameable, "signer " + f.str(c) + " holds an operator NFT"},
		"another's accepted key": {h, types.ErrSignerTaken, "already the signer key of operator " + f.str(a)},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			// ACT: B registers naming it.
			reg := f.registerMsg(b, idB, minBond)
			reg.Signer = f.str(tc.signer)
			_, err := f.msg.RegisterOperator(f.ctx, reg)
			// ASSERT
			require.ErrorIs(t, err, tc.err)
			require.ErrorContains(t, err, tc.text)
			require.Equal(t, before, f.snapshot(a, b, c, h))
		})
	}

	// B registers with its own key, then cannot name C or H later either.
	_, err = f.msg.RegisterOperator(f.ctx, f.registerMsg(b, idB, minBond))
	require.NoError(t, err)
	after := f.snapshot(a, b, c, h)
	for _, key := range []sdk.AccAddress{c, h, a} {
		_, err = f.msg.UpdateOperator(f.ctx, &types.MsgUpdateOperator{Owner: f.str(b), Signer: f.str(key)})
		require.Error(t, err)
		require.ErrorContains(t, err, "signer")
	}
	require.Equal(t, after, f.snapshot(a, b, c, h))
}
